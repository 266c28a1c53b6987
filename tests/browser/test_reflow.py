"""Every page reflows on a phone (WCAG 1.4.10): at 390 and at 320 CSS pixels wide (a large
phone, and the width WCAG names), no page is wider than the screen, so nobody scrolls sideways
to read a line. Checked on every page, as the role that reaches it, with demo-like data."""

from __future__ import annotations

from tests.browser.conftest import pages_by_role, sign_in

WIDTHS = (390, 320)

# The document's width, and, when it is wider than the screen, the innermost elements that stick
# out past the screen's right edge: they name the culprit in the failure message. The screen's
# width is passed in, not read from window.innerWidth: a mobile browser zooms out to fit a page
# that is too wide, and innerWidth then grows with the page.
MEASURE = """(width) => {
  const edge = width + 0.5;
  const out = (e) => e.getBoundingClientRect().right > edge;
  const culprits = [...document.body.querySelectorAll("*")]
    .filter((e) => out(e) && ![...e.children].some(out))
    .slice(0, 3)
    .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}"> ${e.textContent.trim().slice(0, 50)}`);
  return {scrollWidth: document.documentElement.scrollWidth, culprits};
}"""


def test_every_page_fits_a_phone_screen_at_320_and_390_pixels(page, world):
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(f"{page.url}: {error}"))
    page.on("console", lambda message: message.type == "error" and script_errors.append(f"{page.url}: {message.text}"))
    too_wide: list[str] = []
    for role, paths in pages_by_role(world).items():
        if role is not None:
            sign_in(page, world["users"][role].username)
        for path in paths:
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 844})
                response = page.goto(path)
                assert response is not None and response.status < 400, (path, response and response.status)
                measured = page.evaluate(MEASURE, width)
                if measured["scrollWidth"] > width:
                    too_wide.append(f"{path} as {role or 'a visitor'} at {width}px is {measured['scrollWidth']}px "
                                    f"wide: {measured['culprits']}")
    assert not too_wide, "Pages wider than the screen:\n" + "\n".join(too_wide)
    assert not script_errors, "Script errors:\n" + "\n".join(script_errors)
