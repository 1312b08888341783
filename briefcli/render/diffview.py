"""`brief diff` for people (plain lines, or Rich on a terminal) and as Markdown.

Both views are built from the same sections: a heading, then one line per change.
Values are shown bare, never in quotation marks: they are the briefing's words, not
anyone's speech.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefcli.diff import Diff, Records
from briefcli.i18n import human_date, human_span, label
from briefcli.model import Lang

Section = tuple[str, list[str]]


def _value(value: Any, lang: Lang) -> str:
    if value is None or value == []:
        return label("diff_nothing", lang)
    if isinstance(value, list):
        return ", ".join(_value(item, lang) for item in value)
    if isinstance(value, dict) and set(value) == {"para", "quote"}:  # evidence, as every view writes it
        return f"¶{value['para']} {value['quote']}"
    if isinstance(value, dict):
        return ", ".join(f"{key} {_value(item, lang)}" for key, item in value.items())
    return str(value)


def _records(records: Records, lang: Lang, skip: tuple[str, ...]) -> list[str]:
    lines = [label("diff_added", lang, text=f"{item.label} ({item.id})") for item in records.added]
    lines += [label("diff_removed", lang, text=f"{item.label} ({item.id})") for item in records.removed]
    for changed in records.changed:
        for change in changed.fields:
            if change.field in skip:
                continue
            lines.append(
                label(
                    "diff_changed",
                    lang,
                    text=f"{changed.label} ({changed.id})",
                    field=change.field,
                    old=_value(change.old, lang),
                    new=_value(change.new, lang),
                )
            )
    return lines


def sections(result: Diff, lang: Lang, skip: tuple[str, ...] = ()) -> list[Section]:
    """The non-empty sections of a diff, in reading order; changes to the fields in
    `skip` left out."""
    found: list[Section] = []
    summary = [
        label("diff_changed", lang, text=label("diff_summary", lang), field=c.field, old=_value(c.old, lang), new=_value(c.new, lang))
        for c in result.summary
    ]  # fmt: skip
    moved = [
        label(
            "diff_moved_line",
            lang,
            text=f"{m.label} ({m.id})",
            old=human_span(m.old_date, m.old_end, lang),
            new=human_span(m.new_date, m.new_end, lang),
        )
        for m in result.events.moved
    ]
    key_points = [label("diff_added", lang, text=t) for t in result.key_points.added]
    key_points += [label("diff_removed", lang, text=t) for t in result.key_points.removed]
    watch = [label("diff_added", lang, text=t) for t in result.watch.added]
    watch += [label("diff_gone", lang, text=t) for t in result.watch.removed]
    for key, lines in (
        ("diff_summary", summary),
        ("key_points", key_points),
        ("watch", watch),
        ("diff_moved", moved),
        ("events", _records(result.events, lang, skip)),
        ("actors", _records(result.actors, lang, skip)),
        ("quotes", _records(result.quotes, lang, skip)),
    ):
        if lines:
            found.append((label(key, lang), lines))
    return found


def title(result: Diff, lang: Lang) -> str:
    return label(
        "diff_title",
        lang,
        old=", ".join(result.old.briefings),
        old_date=human_date(result.old.published, lang),
        new=", ".join(result.new.briefings),
        new_date=human_date(result.new.published, lang),
    )


def markdown_lines(
    result: Diff, lang: Lang, *, heading: str | None = None, level: int = 1, skip: tuple[str, ...] = ()
) -> Iterator[str]:
    """The title (or `heading`) at `level`, each section one level below."""
    from briefcli.render.safe import markdown_inline as md

    yield f"{'#' * level} {md(heading or title(result, lang))}"
    if result.same:
        yield ""
        yield md(label("diff_same", lang))
    for name, lines in sections(result, lang, skip):
        yield ""
        yield f"{'#' * (level + 1)} {md(name)}"
        yield ""
        yield from (f"- {md(line)}" for line in lines)


def human(view: Any, result: Diff, *, heading: str | None = None, skip: tuple[str, ...] = ()) -> None:
    """On a View (render.human): the title (or `heading`), then each section's bullets."""
    import re

    from rich.text import Text

    from briefcli.render.human import SPACING_GLUE, bind_spacing

    lang = view.lang
    # A briefing's date, "(2 July 2024)", stays whole on a line; the title breaks around it.
    shown = re.sub(
        r"\([^()]*\)", lambda date: date[0].replace(" ", SPACING_GLUE), heading or title(result, lang)
    )
    view.show(Text(bind_spacing(view.glyph(shown)), style="bold"))
    if result.same:
        view.show(view.text(label("diff_same", lang)))
    for name, lines in sections(result, lang, skip):
        view.show()
        view.show(Text(view.glyph(name), style="underline"))
        view.bullets(view.text(line) for line in lines)
