"""`brief export --format timelinejs`, and the Markdown export's Mermaid timeline."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BUNDLED, MINI, brief, write_json
from tests.test_html import hostile_document
from tests.test_process import imported_modules


def export(*args: str) -> Any:
    run = brief("export", "--format", "timelinejs", *args)
    assert run.exit_code == 0 and run.stderr == "", run
    return run.json()


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def tags(fragment: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(fragment)
    return parser.found


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("data", [BUNDLED, MINI], ids=["bundled", "mini"])
def test_one_slide_per_event_at_its_own_precision(lang: str, data: Path) -> None:
    document = export("--lang", lang, "--data", str(data))
    briefing = json.loads(data.read_text(encoding="utf-8"))
    assert set(document) == {"title", "events", "eras"}
    for found in [document["title"], *document["events"]]:
        assert found["autolink"] is False  # TimelineJS links only what the export linked
    assert document["title"]["text"]["headline"]
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert set(slides) == {event["id"] for event in briefing["events"]}
    for event in briefing["events"]:
        slide = slides[event["id"]]
        parts = [int(part) for part in event["date"].split("-")]
        assert slide["start_date"] == dict(zip(["year", "month", "day"], parts, strict=False))
        if event.get("end") and event["end"] != event["date"]:
            assert slide["end_date"] == dict(
                zip(["year", "month", "day"], map(int, event["end"].split("-")), strict=False)
            )
        else:
            assert "end_date" not in slide
        assert slide["display_date"]
        assert slide["group"]
        text = slide["text"]["text"]
        for item in event["evidence"]:
            assert f"({'paragraph' if lang == 'en' else 'paragraphe'} {item['para']})" in text
        if any(source.get("url") for source in event.get("sources", [])):
            assert 'href="https://' in text


def test_the_bundled_slides_in_words() -> None:
    slides = {s["unique_id"]: s for s in export()["events"]}
    summit = slides["nato-summit-the-hague"]
    assert summit["display_date"] == "24–25 June 2025" and summit["group"] == "summit"
    assert summit["start_date"] == {"year": 2025, "month": 6, "day": 24}
    assert summit["end_date"] == {"year": 2025, "month": 6, "day": 25}
    assert slides["first-aid-suspension"]["group"] == "policy change"
    french = {s["unique_id"]: s for s in export("--lang", "fr")["events"]}
    assert french["nato-summit-the-hague"]["group"] == "sommet"
    assert french["nato-summit-the-hague"]["display_date"] == "24–25 juin 2025"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_aid_status_periods_are_eras(lang: str) -> None:
    eras = [
        (
            (era["start_date"]["year"], era["start_date"]["month"], era["start_date"]["day"]),
            (era["end_date"]["year"], era["end_date"]["month"], era["end_date"]["day"]),
            era["text"]["headline"],
        )
        for era in export("--lang", lang)["eras"]
    ]
    words = {"en": ("Aid: paused", "Aid: flowing", "Aid: increased"), "fr": ("Aide : suspendue", "Aide : fournie", "Aide : accrue")}[lang]  # fmt: skip
    paused, flowing, increased = words
    assert eras == [
        ((2025, 3, 3), (2025, 3, 10), paused),
        ((2025, 3, 11), (2025, 6, 30), flowing),
        ((2025, 7, 1), (2025, 7, 6), paused),
        ((2025, 7, 7), (2025, 7, 15), increased),
    ]
    mini = export("--lang", lang, "--data", str(MINI))["eras"]
    assert any("(" in era["text"]["headline"] for era in mini)  # June 2024, month-precise: not certain


def test_a_month_and_a_year_have_no_day() -> None:
    slides = {s["unique_id"]: s for s in export("--data", str(MINI))["events"]}
    assert slides["hard-year"]["start_date"] == {"year": 2023}
    assert slides["budget-vote"]["start_date"] == {"year": 2024, "month": 6}
    assert slides["hard-year"]["display_date"] == "2023"


def test_hostile_text_is_escaped_for_timelinejs(tmp_path: Path) -> None:
    path = write_json(tmp_path / "hostile.json", hostile_document())
    document = export("--data", str(path))
    fragments = [document["title"]["text"]["headline"], document["title"]["text"]["text"]]
    for slide in document["events"]:
        fragments += [slide["text"]["headline"], slide["text"]["text"]]
    for fragment in fragments:
        found = tags(fragment)
        assert {tag for tag, _ in found} <= {"p", "blockquote", "a"}, fragment
        assert not any(name.startswith("on") for _, attrs in found for name in attrs)
        for tag, attrs in found:
            if tag == "a":
                assert str(attrs["href"]).startswith(("http://", "https://")) and '"' not in str(
                    attrs["href"]
                )
    assert "&lt;script&gt;" in document["title"]["text"]["headline"]


def test_timelinejs_export_imports_no_rich() -> None:
    modules = imported_modules("export", "--format", "timelinejs")
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)


# --- the Markdown export's Mermaid timeline -----------------------------------------------


def mermaid_block(markdown: str) -> list[str]:
    found = re.search(r"```mermaid\n(.*?)\n```\n", markdown, re.DOTALL)
    assert found is not None
    return found[1].splitlines()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_markdown_export_has_a_mermaid_timeline(lang: str) -> None:
    markdown = brief("export", "--lang", lang).stdout
    block = mermaid_block(markdown)
    briefing = json.loads(BUNDLED.read_text(encoding="utf-8"))
    assert block[0] == "timeline"
    assert block[1] == f"    title {'Timeline' if lang == 'en' else 'Chronologie'}"
    periods = block[2:]
    assert periods[0].startswith(
        "    3 March 2025 : ▼ First" if lang == "en" else "    3 mars 2025 : ▼ Première"
    )
    shown = " ".join(periods)
    for event in briefing["events"]:  # every event, its colons written as entities
        assert event["title"][lang].replace(":", "#58;") in shown
    assert sum(line.count(" : ") for line in periods) == len(briefing["events"])


def test_mermaid_text_cannot_break_out_of_its_block(tmp_path: Path) -> None:
    path = write_json(tmp_path / "hostile.json", hostile_document())
    block = mermaid_block(brief("export", "--data", str(path)).stdout)
    body = "\n".join(block[2:])
    assert "`" not in body and "<" not in body and "%%" not in body
    for line in block[2:]:
        period, *titles = line.split(" : ")
        assert ":" not in period and all(":" not in title for title in titles)
