"""`brief export --format html`: the page as text, and the page in a real browser.

The browser tests drive Debian's headless Chromium with Playwright's Python client
(never a browser Playwright downloads). In CI (CI=true) a missing browser fails the
run; elsewhere those tests skip and say why.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import os
import re
import shutil
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli.render.html import esc
from briefcli.render.safe import inert
from tests.conftest import BUNDLED, MINI, brief, write_json
from tests.test_process import imported_modules

# --- a hostile briefing, for the page -------------------------------------------------

SCRIPTS = [
    "<script>window.pwned = 'script'</script>",
    "<img src=x onerror=\"window.pwned='img'\">",
    '"><svg onload="window.pwned=\'svg\'">',
    "</style><style>body{display:none}</style>",
    "<a href=\"javascript:window.pwned='link'\">click</a>",
    "]]><!-- --> &amp; &#60;b&#62;",
]
BAD_SOURCES = [
    "javascript:window.pwned='source'",
    "data:text/html,<script>window.pwned='data'</script>",
    "https://evil.example/\"onmouseover=\"window.pwned='attr'",
]


def hostile_document() -> dict[str, Any]:
    """The mini briefing with markup in every text and name, and bad URLs in its sources."""
    document: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
    payload = " ".join(SCRIPTS)

    def poison(node: Any, key: str | None = None) -> Any:
        if isinstance(node, dict):
            if node and set(node) <= {"en", "fr"}:
                return {"en": f"EN {payload}", "fr": f"FR {payload}"}
            return {k: poison(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [poison(item, key) for item in node]
        if isinstance(node, str) and key in {"aliases", "original", "translation", "headline", "as_written"}:
            return f"{node} {payload}"
        return node

    document = poison(document)
    event = document["events"][0]
    outlet, title, url = BAD_SOURCES  # the URL is well formed, yet tries to break out of href
    event.update(basis="public-record", sources=[{"outlet": outlet, "title": title, "url": url}])
    document["actors"][0]["public_record"] = [
        {
            "fact": {"en": "A fact."},
            "sources": [
                {
                    "outlet": "javascript:window.pwned='fact'",
                    "title": "A source",
                    "url": "https://ok.example/a",
                }
            ],
        }
    ]
    return document


@pytest.fixture(scope="module")
def hostile_briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = write_json(tmp_path_factory.mktemp("hostile-page") / "hostile.json", hostile_document())
    assert brief("validate", str(path)).exit_code == 0  # hostile, yet valid
    return path


def export_html(*args: str) -> str:
    run = brief("export", "--format", "html", *args)
    assert run.exit_code == 0 and run.stderr == "", run
    return run.stdout


class Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


# --- the page as text -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("data", [BUNDLED, MINI], ids=["bundled", "mini"])
def test_the_page_is_whole_semantic_and_self_contained(lang: str, data: Path) -> None:
    page = export_html("--lang", lang, "--data", str(data))
    document = json.loads(data.read_text(encoding="utf-8"))
    elements = parse(page)
    tags = [tag for tag, _ in elements.tags]
    assert page.startswith("<!DOCTYPE html>\n") and f'<html lang="{lang}">' in page
    assert tags.count("h1") == 1 and tags.count("script") == 0
    assert {"header", "main", "section", "footer", "time", "svg", "ol"} <= set(tags)
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in elements.tags
    assert "@media print" in page and "@media (max-width" in page
    # Nothing from elsewhere: no src, no stylesheet link, no url() but the page's own pattern.
    assert not any("src" in attrs for _, attrs in elements.tags)
    assert not any(tag == "link" for tag in tags)
    assert set(re.findall(r"url\(([^)]*)\)", page)) <= {"#uncertain", "#paused"}
    times = [attrs["datetime"] for tag, attrs in elements.tags if tag == "time"]
    assert times == [event["date"] for event in sorted(document["events"], key=lambda e: e["date"])]
    assert tags.count("article") == len(document["actors"])
    assert sum(1 for tag, attrs in elements.tags if tag == "g" and attrs.get("class") == "marker") == len(
        document["events"]
    )


def test_the_page_carries_a_strict_content_security_policy() -> None:
    page = export_html()
    policy = next(
        attrs["content"]
        for tag, attrs in parse(page).tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None
    assert "default-src 'none'" in policy and "script-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style[1].encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy  # exactly the page's own styles


def test_the_bundled_page_says_what_the_briefing_says() -> None:
    page = export_html()
    text = " ".join("".join(parse(page).text).split())
    briefing = json.loads(BUNDLED.read_text(encoding="utf-8"))
    assert briefing["summary"]["headline"]["en"] in text
    assert briefing["summary"]["bottom_line"]["en"] in text
    for point in briefing["summary"]["key_points"] + briefing["summary"]["watch"]:
        assert point["text"]["en"] in text
        for item in point["evidence"]:
            assert f"{item['quote']} paragraph {item['para']}" in text
    for quote in briefing["quotes"]:
        assert quote["original"] in text and quote["translation"] in text
    corrected = next(actor for actor in briefing["actors"] if "correction" in actor)
    assert corrected["correction"]["note"]["en"] in text
    links = [attrs["href"] for tag, attrs in parse(page).tags if tag == "a"]
    assert links and all(str(href).startswith(("https://", "http://")) for href in links)
    assert "Aid status, derived from the policy changes" in text


def test_the_chart_numbers_every_event_and_keys_every_shape() -> None:
    page = export_html()
    briefing = json.loads(BUNDLED.read_text(encoding="utf-8"))
    numbers = re.findall(r'<text class="number"[^>]*>([^<]*)</text>', page)
    shown = sorted(int(n) for label in numbers for n in label.split(", "))
    assert shown == list(range(1, len(briefing["events"]) + 1))  # each number once, under its marker
    # each direction a shape of its own, not only a colour
    shapes = {
        direction: re.search(rf'class="glyph d-{direction}" d="([^"]*)"', page)
        for direction in ("suspend", "resume", "increase", "restructure")
    }
    outlines = {
        direction: re.sub(r"M[0-9.]+ [0-9.]+", "M", found[1]) for direction, found in shapes.items() if found
    }
    assert len(outlines) == 4 and len(set(outlines.values())) == 4, outlines
    key = page.split('<ul class="key">')[2].split("</ul>")[0]
    for direction in ("suspend", "resume", "increase", "restructure"):
        assert f"d-{direction}" in key and f"> {direction}</li>" in key
    assert "an event" in key and "a span of days" in key and "1 to 10: the events in the list below" in key
    assert 'class="scroll" tabindex="0" role="region"' in page  # the keyboard can scroll the chart
    assert '<pattern id="paused"' in page and ".st-paused{fill:url(#paused)}" in page  # not by colour alone
    statuses = page.split('<ul class="key">')[1].split("</ul>")[0]
    assert "not certain" not in statuses and "blank" not in statuses  # every day known, and certain
    mini = export_html("--data", str(MINI)).split('<ul class="key">')[1].split("</ul>")[0]
    assert "not certain" in mini and "blank: not known" in mini


def test_hostile_text_gives_an_inert_page(hostile_briefing: Path) -> None:
    page = export_html("--data", str(hostile_briefing))
    elements = parse(page)
    tags = [tag for tag, _ in elements.tags]
    assert "script" not in tags and "img" not in tags and tags.count("style") == 1
    assert not any(name.startswith("on") for _, attrs in elements.tags for name in attrs)
    hrefs = [str(attrs.get("href")) for tag, attrs in elements.tags if tag == "a"]
    assert "https://ok.example/a" in hrefs
    assert all(href.startswith(("http://", "https://")) and '"' not in href for href in hrefs), hrefs
    text = "".join(elements.text)
    assert "<script>window.pwned = 'script'</script>" in text  # shown as written
    assert "javascript:window.pwned='source'" in text  # a text, never a link


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://en.wikipedia.org/wiki/Patriot_(missile)", True),  # whole, closing parenthesis and all
        ("https://example.org/a.", True),
        ("HTTPS://example.org/", True),
        ('https://evil.example/"onmouseover="x', False),
        ("https://evil.example/'x", False),
        ("https://example.org/\u202eevil", False),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
    ],
)
def test_a_source_url_is_a_link_to_itself_or_text(url: str, linked: bool) -> None:
    from briefcli.render.html import link

    shown = link(url)
    if linked:
        assert shown == f'<a href="{html.escape(url)}" rel="noopener noreferrer">{html.escape(url)}</a>'
    else:
        assert "<a" not in shown and shown == esc(url)


def test_export_html_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "briefing.html"
    run = brief("export", "--format", "html", "--lang", "fr", "-o", str(target))
    assert run.exit_code == 0 and run.stderr == f"brief : {target} écrit\n"  # in the language asked for
    assert "<h2>L&#x27;essentiel</h2>" in target.read_text(encoding="utf-8")


def test_html_export_imports_no_rich() -> None:
    modules = imported_modules("export", "--format", "html")
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)


# --- in a real browser ---------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright; missing: a failure in CI, a skip elsewhere."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable, reason = None, "the playwright package is not installed (pip install -e '.[test]')"
    else:
        reason = "no chromium on PATH (apt-get install chromium)"
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Visit:
    """A page loaded from a file, with every request, console message and dialog it caused."""

    def __init__(self, browser: Any, path: Path, viewport: dict[str, int]) -> None:
        self.page = browser.new_page(viewport=viewport)
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on(
            "console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)

    def _dialog(self, dialog: Any) -> None:
        self.errors.append(f"dialog {dialog.message}")
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:  # nothing leaves the page: record it and stop it
            self.requests.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    opened: list[Visit] = []

    def open_page(path: Path, viewport: dict[str, int] = DESKTOP) -> Visit:
        opened.append(Visit(browser, path, viewport))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


def write_page(tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "page.html"
    assert brief("export", "--format", "html", "-o", str(target), *args).exit_code == 0
    return target


def not_blank(png: bytes) -> bool:
    """Whether a PNG shows something: its filtered rows hold more than the background."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    chunks, position = [], 8
    while position < len(png):
        length = int.from_bytes(png[position : position + 4], "big")
        if png[position + 4 : position + 8] == b"IDAT":
            chunks.append(png[position + 8 : position + 8 + length])
        position += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    busy = sum(1 for byte in pixels[::7] if byte not in (0, 255))
    return busy > len(pixels[::7]) * 0.01 and len(set(pixels)) > 32


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_bundled_page_in_a_browser(visit: Any, tmp_path: Path, lang: str) -> None:
    briefing = json.loads(BUNDLED.read_text(encoding="utf-8"))
    shown = visit(write_page(tmp_path, "--lang", lang))
    page = shown.page
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h1").inner_text() == briefing["summary"]["headline"][lang]
    headings = page.locator("h2").all_inner_texts()
    expected = {
        "en": ["Bottom line", "Key points", "What to watch", "Corrections", "Timeline", "Who is who", "Quotes", "Sources"],
        "fr": ["L'essentiel", "Points clés", "À surveiller", "Corrections", "Chronologie", "Qui est qui", "Citations", "Sources"],
    }[lang]  # fmt: skip
    assert headings == expected
    assert page.locator("ol.events > li").count() == len(briefing["events"])
    assert page.locator("article.card").count() == len(briefing["actors"])
    assert page.locator("figure.quote").count() == len(briefing["quotes"])
    # One marker per event, in timeline order, at increasing x (equal only on the same day).
    markers = page.locator("svg.chart g.marker")
    assert markers.count() == len(briefing["events"])
    order = page.locator("ol.events > li").evaluate_all("items => items.map(i => i.id.slice(6))")
    xs = {
        m["id"]: m["x"]
        for m in markers.evaluate_all(
            "gs => { const centre = r => r.x + r.width / 2; return gs.map(g => ({id: g.dataset.event, x: centre(g.querySelector('.glyph').getBoundingClientRect())})) }"
        )
    }
    dates = {event["id"]: event["date"] for event in briefing["events"]}
    for before, after in itertools.pairwise(order):
        assert xs[before] <= xs[after]
        if dates[before] != dates[after]:
            assert xs[before] < xs[after], (before, after)
    assert page.locator("svg.chart rect.band").count() == 4  # paused, flowing, paused, increased
    assert shown.requests == [] and shown.errors == []
    assert not_blank(page.screenshot(path=str(tmp_path / f"desktop-{lang}.png")))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_fits_a_phone(visit: Any, tmp_path: Path, lang: str) -> None:
    shown = visit(write_page(tmp_path, "--lang", lang), PHONE)
    page = shown.page
    # The text wraps to the screen; only the chart scrolls sideways, in its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate("getComputedStyle(document.querySelector('.scroll')).overflowX") == "auto"
    assert shown.requests == [] and shown.errors == []
    assert not_blank(page.screenshot(path=str(tmp_path / f"phone-{lang}.png")))


def test_long_words_and_overrides_keep_the_page_to_a_phone(visit: Any, tmp_path: Path) -> None:
    document = hostile_document()
    long_word = "Supercalifragilistic" * 12
    document["summary"]["headline"]["en"] = "H" * 150 + " \u202eevil\u202c"
    document["events"][0]["title"]["en"] += f" {long_word} https://example.com/{'a' * 200}"
    document["actors"][0]["name"]["en"] = f"Zoë \u202e<b>bold</b>\u202c {'W' * 80}"
    path = write_json(tmp_path / "long.json", document)
    shown = visit(write_page(tmp_path, "--data", str(path)), PHONE)
    assert shown.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "\u202e" not in shown.page.locator("body").inner_text()  # the override shown, not obeyed
    assert shown.requests == [] and shown.errors == []


def test_the_mini_page_in_a_browser(visit: Any, tmp_path: Path) -> None:
    shown = visit(write_page(tmp_path, "--data", str(MINI)))
    assert shown.page.locator("svg.chart g.marker").count() == 3
    assert shown.page.locator("svg.chart rect.period").count() == 2  # 2023 and June 2024: periods
    assert shown.requests == [] and shown.errors == []


def test_a_hostile_page_runs_nothing_and_loads_nothing(
    visit: Any, tmp_path: Path, hostile_briefing: Path
) -> None:
    shown = visit(write_page(tmp_path, "--data", str(hostile_briefing)))
    page = shown.page
    links = page.locator("a").evaluate_all("links => links.map(a => a.href)")
    for href in links:  # hovering or clicking a link may not run anything
        assert href.startswith(("http://", "https://")), href
    page.locator("a").first.hover()
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.locator("body").is_visible()  # the injected style did not hide the page
    assert "<script>window.pwned = 'script'</script>" in page.locator("h1").inner_text()
    assert shown.requests == [] and shown.errors == []
    assert not_blank(page.screenshot(path=str(tmp_path / "hostile.png")))


@given(st.text())
def test_esc_escapes_as_html_escape_does(text: str) -> None:
    assert esc(text) == html.escape(inert(text), quote=True)
