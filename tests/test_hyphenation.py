"""Soft hyphens in long words (workshop/hyphenation.py): the phone's buttons break "Twijfelachtig" at a syllable."""

from flask import render_template_string

from workshop.hyphenation import SOFT_HYPHEN, hyphenate


def test_long_words_get_soft_hyphens_by_the_rules_of_the_language():
    assert hyphenate("Twijfelachtig", "nl") == SOFT_HYPHEN.join(["Twij", "fel", "ach", "tig"])
    assert hyphenate("Ja, deels", "nl") == "Ja, deels"  # short words stay whole
    assert hyphenate("Doubtful collaboration", "en").replace(SOFT_HYPHEN, "-") == "Doubt-ful col-lab-or-a-tion"
    assert hyphenate("Samenwerkingsverband", "nl").replace(SOFT_HYPHEN, "") == "Samenwerkingsverband"


def test_the_filter_follows_the_page_language_and_still_escapes(app):
    with app.test_request_context("/j/ABCDEF?lang=en"):
        assert render_template_string("{{ label|hyphenate }}", label="<b>collaboration</b>") == \
            "&lt;b&gt;col\u00adlab\u00ador\u00ada\u00adtion&lt;/b&gt;"
    with app.test_request_context("/j/ABCDEF", headers={"Accept-Language": "nl"}):
        assert render_template_string("{{ 'Twijfelachtig'|hyphenate }}") == "Twij\u00adfel\u00adach\u00adtig"
