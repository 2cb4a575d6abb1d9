"""Must show 3: every page each role reaches from its home page and menus, at 1366 × 768 in
Chromium: no table or chart wider than its container, no text running out of its card, no
page wider than the window. A grid meant to scroll sideways (the journal, a week's timetable)
says so with `data-scrolls` and sits in a scrolling container."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError

from e2e.conftest import PASSWORD

# Half the roles in Kazakh, whose words run longest, half in Russian.
ROLES = [("listener", "kk-KZ"), ("lecturer", "ru-RU"), ("methodologist", "kk-KZ"), ("head", "ru-RU"), ("coordinator", "kk-KZ"), ("directhead", "ru-RU"),
         ("expert", "kk-KZ"), ("dormitory", "ru-RU"), ("leadership", "kk-KZ"), ("admin", "ru-RU"), ("accountant", "kk-KZ"),
         ("student", "kk-KZ"), ("ipgehead", "ru-RU"), ("librarian", "kk-KZ")]
SKIP = (".pdf", "/pdf", ".xlsx", ".ics", "/calendar/", "/accounts/logout/", "/admin/", "/api/", "format=", "/export/", "/sheet.", "/protocol.", "/transcripts/",
        "/template.", "/files/")
PER_ROLE = 45  # pages walked per role: the menus, the home page's links and one level below

# Runs in the page: what overflows, described for the failure message.
FIND_OVERFLOW = """() => {
  const found = [];
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "")
    + (el.dataset.testid ? `[${el.dataset.testid}]` : "");
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
  for (const el of document.querySelectorAll("main table, main svg")) {
    const box = el.getBoundingClientRect();
    if (!box.width) continue;
    const scroller = el.closest("[data-scrolls]");
    if (scroller && getComputedStyle(scroller).overflowX !== "visible") continue;
    const container = el.parentElement.closest(".table-wrap, .card, section, main");
    const limit = container.getBoundingClientRect();
    if (box.right > limit.right + 1 || el.scrollWidth > container.clientWidth + 1)
      found.push(`${name(el)} is ${Math.round(box.width)}px in ${name(container)} of ${Math.round(limit.width)}px`);
  }
  for (const el of document.querySelectorAll("main .card, main .figure, main .task, main .messages li, main .alert")) {
    if (el.scrollWidth > el.clientWidth + 1)
      found.push(`text runs out of ${name(el)}: ${el.innerText.slice(0, 60).replace(/\\s+/g, " ")}`);
  }
  return found;
}"""


def _links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("header nav a, main a", "els => els.map(a => a.getAttribute('href'))")
    out = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "http")) and not href.startswith(base):
            continue
        path = urlparse(href).path + (("?" + urlparse(href).query) if urlparse(href).query else "")
        if path.startswith("/") and not any(mark in path for mark in SKIP):
            out.append(path)
    return out


@pytest.mark.parametrize(("username", "locale"), ROLES)
def test_no_page_of_a_role_overflows_at_1366_by_768(browser, server, username, locale) -> None:
    context = browser.new_context(base_url=server, locale=locale, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("[data-testid=sign-in]")
    assert page.locator("html").get_attribute("lang") == locale[:2]  # the browser's language, none chosen in the profile
    queue, seen, problems = ["/"], set(), {}
    while queue and len(seen) < PER_ROLE:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            response = page.goto(path)
        except PlaywrightError:  # a download: not a page
            continue
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        found = page.evaluate(FIND_OVERFLOW)
        if found:
            problems[path] = found
        if path == "/" or path.count("/") <= 3:  # the menus' and home page's pages, and their own links
            queue += [link for link in _links(page, server) if link not in seen]
    context.close()
    assert not problems, "\n".join(f"{path}: {'; '.join(found)}" for path, found in problems.items())
