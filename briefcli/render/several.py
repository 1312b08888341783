"""Views of several briefings: `summary` (the latest, what changed, the others) and `validate`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefcli.render import Output, machine, show_validation, validation_record
from briefcli.render.records import Cast, short_summary_record, summary_record

if TYPE_CHECKING:
    from briefcli.model import Briefing, Lang
    from briefcli.validation import Validation


# Another article's evidence cites other words: in "what changed", a reader wants the facts.
CITATIONS = ("evidence",)


def show_summaries(out: Output, several: list[Briefing], *, every: bool) -> None:
    """The latest briefing's summary, what changed since the one before, the others'
    headlines; or (every) each briefing's summary, newest first."""
    from briefcli.diff import diff
    from briefcli.i18n import date_after_preposition, human_date, label

    lang = out.lang
    newest_first = several[::-1]
    latest, previous = newest_first[0], newest_first[1]
    changes = None if every else diff(previous, latest, lang)
    others = newest_first[1:]
    if out.format == "json":
        if every:
            machine.write_json([summary_record(b, lang, Cast(b, lang)) for b in newest_first])
            return
        record = summary_record(latest, lang, Cast(latest, lang))
        record["changed_since"] = {
            "briefing": previous.id,
            "date": previous.source.published,
            "diff": changes,
        }
        record["others"] = [short_summary_record(b, lang) for b in others]
        machine.write_json(record)
        return
    from briefcli.render import diffview

    since = label("what_changed", lang, date=date_after_preposition(previous.source.published, lang))
    headlines = [
        f"{human_date(b.source.published, lang)} · {b.summary.headline.pick(lang)} ({b.id})" for b in others
    ]
    if out.human:
        from briefcli.render import human

        view = out.view()
        for position, shown in enumerate(newest_first if every else [latest]):
            if position:
                view.show()
            human.summary(view, shown, Cast(shown, lang))
        if changes is not None:
            view.show()
            diffview.human(view, changes, heading=since, skip=CITATIONS)
            view.heading("other_briefings")
            view.bullets(view.text(line) for line in headlines)
        return
    from briefcli.render import markdown as md
    from briefcli.render.safe import markdown_inline

    def lines() -> Iterator[str]:
        for position, shown in enumerate(newest_first if every else [latest]):
            if position:
                yield ""
            yield from md.summary_lines(shown, lang, Cast(shown, lang))
        if changes is not None:
            yield ""
            yield from diffview.markdown_lines(changes, lang, heading=since, level=2, skip=CITATIONS)
            yield ""
            yield f"## {markdown_inline(label('other_briefings', lang))}"
            yield ""
            yield from (f"- {markdown_inline(line)}" for line in headlines)

    machine.write_lines(lines())


def _shared_ids(results: list[Validation], lang: Lang) -> list[str]:
    """A note for each briefing id that several valid files hold: merged, they are one."""
    from briefcli.messages import say

    files_of: dict[str, list[str]] = {}
    for result in results:
        if result.briefing is not None and result.valid:
            names = files_of.setdefault(result.briefing.id, [])
            if result.name not in names:  # one file named twice is one file
                names.append(result.name)
    return [
        say("note.same_id", lang, id=briefing_id, n=len(files), files=", ".join(files))
        for briefing_id, files in files_of.items()
        if len(files) > 1
    ]


def show_validations(out: Output, results: list[Validation]) -> None:
    """`brief validate` over one file or several. Over several, JSON is {valid, files:
    [each file's object], notes}, the notes being where the briefings disagree (the
    one published later wins); a person reads each file's result, then those notes."""
    if len(results) == 1:
        show_validation(out, results[0])
        return
    from briefcli.merge import disagreements

    # Notes compare the valid briefings only: a refused file's values say nothing.
    briefings = [result.briefing for result in results if result.briefing is not None and result.valid]
    notes = [found.text(out.lang) for found in disagreements(briefings)] if len(briefings) > 1 else []
    notes = _shared_ids(results, out.lang) + notes
    if out.format == "json":
        files = [validation_record(result, out.lang) for result in results]
        machine.write_json({"valid": all(result.valid for result in results), "files": files, "notes": notes})
        return
    from briefcli.i18n import label
    from briefcli.messages import say
    from briefcli.render.safe import inert

    for result in results:
        show_validation(out, result)
    if notes:
        print(inert(label("notes", out.lang, n=len(notes))))
        for note in notes:
            print(inert("  " + say("note.line", out.lang, note=note)))
