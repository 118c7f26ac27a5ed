"""The word view's aggregation (workshop/words.py): pure."""

from workshop.words import WordCounts, top_words, words_of


def test_stop_words_are_left_out_and_a_word_counts_once_per_card():
    texts = ["Vertrouwen, vertrouwen en nog eens vertrouwen!", "Meer vertrouwen tussen de partners",
             "De partners delen kennis", "kennis en vertrouwen"]
    assert top_words(texts, "nl") == [{"word": "vertrouwen", "count": 3}, {"word": "kennis", "count": 2},
                                      {"word": "partners", "count": 2}, {"word": "delen", "count": 1},
                                      {"word": "tussen", "count": 1}]


def test_ties_are_alphabetical_and_the_list_is_cut_at_most():
    assert [w["word"] for w in top_words(["zorg welzijn armoede"], "nl", most=2)] == ["armoede", "welzijn"]


def test_an_english_session_leaves_out_english_stop_words_not_dutch_ones():
    assert words_of("The trust between the partners is what we want", "en") == {"trust", "partners"}
    assert words_of("het zijn trust", "en") == {"het", "zijn", "trust"} and "the" in words_of("the vertrouwen", "nl")


def test_words_are_lower_case_letters_with_inner_hyphens_digits_and_single_letters_dropped():
    assert words_of("Zorg-taken in 2026: 3 x Wmo’s, e-mail!", "nl") == {"zorg-taken", "wmo's", "e-mail"}


def test_no_cards_give_no_words():
    assert top_words([], "nl") == [] and top_words(["de het een"], "nl") == []


def test_word_counts_kept_between_calls_give_what_top_words_gives_of_the_cards_now():
    counts = WordCounts("nl")
    walls = [{1: "Vertrouwen en tijd", 2: "Tijd voor elkaar"},
             {1: "Vertrouwen en tijd", 2: "Tijd voor elkaar", 3: "Tijd, tijd en geld"},
             {1: "Geld en vertrouwen", 3: "Tijd, tijd en geld"},  # 1 edited, 2 gone (hidden, merged or deleted)
             {1: "Geld en vertrouwen", 3: "Tijd, tijd en geld", 4: "Geld"},
             {}]
    for wall in walls:
        assert counts.top(wall, most=2) == top_words(list(wall.values()), "nl", most=2)
        assert counts.top(wall) == top_words(list(wall.values()), "nl")
