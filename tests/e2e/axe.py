"""axe-core (npm, pinned in package.json) in a Playwright page: the WCAG 2.0-2.2 A and AA rules, and what they found.

The pages' Content-Security-Policy refuses an injected script: a page checked here must come from a browser context
made with `bypass_csp=True` (see `axe_context`)."""

from pathlib import Path

import pytest

from .support import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")


def axe_script() -> Path:
    """The installed axe.min.js; missing is a failure that says how to install it, not a skip."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (npm ci installs axe-core from package-lock.json).",
                    pytrace=False)
    return AXE


def axe_context(browser, width, height, language, phone=False, **emulate):
    """A browser context axe can be injected into, asking for `language` like a browser set to it; `emulate`:
    Playwright's media options (forced_colors="active", reduced_motion="reduce")."""
    options = {"viewport": {"width": width, "height": height}, "bypass_csp": True,
               "locale": {"nl": "nl-NL", "en": "en-GB"}[language], **emulate}
    if phone:
        options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
    context = browser.new_context(**options)
    context.set_default_timeout(8000)
    return context


def violations(page) -> dict[str, list[str]]:
    """Rule id -> 'target: summary' of each failing element, for the WCAG A and AA rules on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    found = page.evaluate("""async tags => {
        // a card fading in is lighter mid-way: check the page as it ends up, not a frame of its transition
        for (const animation of document.getAnimations()) animation.finish();
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(
            n => `${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\\s+/g, ' ').trim()}`)}));
    }""", list(WCAG_TAGS))
    return {v["id"]: [f"{v['help']}: {node}" for node in v["nodes"]] for v in found}


def report(found: dict[str, dict[str, list[str]]], limit=3) -> str:
    """state -> rule -> nodes, as lines to read in an assertion message (the first `limit` elements per rule)."""
    lines = []
    for state, rules in found.items():
        for rule, nodes in rules.items():
            lines.append(f"{state}: {rule} ({len(nodes)}x)")
            lines += [f"    {node[:400]}" for node in nodes[:limit]]
    return "\n".join(lines)
