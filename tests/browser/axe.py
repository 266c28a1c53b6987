"""Accessibility checks with axe-core (node_modules/axe-core, from package-lock.json).

    from tests.browser.axe import assert_no_serious_axe_violations

    page.goto("/report/")
    assert_no_serious_axe_violations(page)

axe's source is evaluated through Playwright's DevTools channel (``page.evaluate``), not
added as a <script> element, so the site's Content-Security-Policy (script-src 'self') does
not block it and needs no exception for tests.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


@cache
def axe_source() -> str:
    if not AXE_JS.exists():
        raise AssertionError(f"{AXE_JS} is missing: run `make npm` (npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


def inject_axe(page: Page) -> None:
    """Make ``window.axe`` available in the page's current document (idempotent)."""
    if page.evaluate("() => typeof window.axe === 'object'"):
        return
    # A plain expression (not a function) is run as is by DevTools' Runtime.evaluate; the
    # trailing `void 0` keeps Playwright from trying to return axe's module object.
    page.evaluate(axe_source() + "\n;void 0")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        raise AssertionError("axe-core did not load into the page")


def axe_results(page: Page, context: Any = None, options: dict | None = None) -> dict:
    """Run axe on the page (or on ``context``: a selector or axe context object) and return
    its full result object. ``options`` are axe.run options, e.g. {"rules": {...}}."""
    inject_axe(page)
    return page.evaluate(
        """async ([context, options]) => {
            const r = await window.axe.run(context || document, options || {});
            return {violations: r.violations, incomplete: r.incomplete, url: r.url};
        }""",
        [context, options or {"resultTypes": ["violations"]}],
    )


def serious_violations(page: Page, context: Any = None, options: dict | None = None) -> list[dict]:
    return [v for v in axe_results(page, context, options)["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def format_violations(violations: list[dict], max_nodes: int = 5) -> str:
    lines = []
    for v in violations:
        lines.append(f"- [{v.get('impact')}] {v['id']}: {v['help']} ({v.get('helpUrl', '')})")
        nodes = v.get("nodes", [])
        for node in nodes[:max_nodes]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {target}: {summary[:300]}")
        if len(nodes) > max_nodes:
            lines.append(f"    ... and {len(nodes) - max_nodes} more")
    return "\n".join(lines)


def assert_no_serious_axe_violations(page: Page, context: Any = None, options: dict | None = None) -> None:
    """Fail, listing each rule and the elements that break it, when axe finds any violation
    of impact "serious" or "critical" on the page as it is now."""
    found = serious_violations(page, context, options)
    if found:
        raise AssertionError(
            f"axe found {len(found)} serious or critical accessibility violation(s) on {page.url}:\n"
            + format_violations(found)
        )
