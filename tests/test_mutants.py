"""Behaviours that mutation testing (python -m tests.mutants) found unpinned: each test kills mutants."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.errors import BriefError, UsageProblem
from briefcli.files import _names_a_descriptor, atomic_output, file_argument, refuse_same_file
from briefcli.load import BriefingError, load_briefing, parse_briefing
from briefcli.problems import shown
from briefcli.provenance import check_provenance
from briefcli.render.safe import escape_json_bytes, inert, markdown_inline
from briefcli.rules import check_briefing
from tests.conftest import MINI, MINI_ARTICLE, brief, ids, write_json

# --- render/safe.py: inert text --------------------------------------------------------

UNSAFE = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]] + [
    *"\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
]


def test_tabs_and_newlines_become_spaces_other_controls_are_spelled_out() -> None:
    assert inert("a\tb\nc") == "a b c"
    assert inert("\r\x1b[31m\x7f\x9f") == "\\x0d\\x1b[31m\\x7f\\x9f"
    assert inert("\u202eevil\u2066\ufeff") == "\\u202eevil\\u2066\\ufeff"
    assert markdown_inline("a\tb|*c*") == "a b\\|\\*c\\*"


@given(st.text())
def test_inert_text_holds_no_unsafe_character_and_leaves_safe_text_alone(text: str) -> None:
    shown = inert(text)
    assert not any(char in shown for char in UNSAFE)
    if not any(char in text for char in UNSAFE):
        assert shown == text


# The byte-order mark is left raw in JSON: a terminal does not act on it.
JSON_UNSAFE = [char for char in UNSAFE if char != "\ufeff"]


@given(st.text(alphabet=st.sampled_from([*UNSAFE, "a", "é", "€", '"'])))
def test_json_bytes_decode_to_the_same_text_with_no_raw_unsafe_character(text: str) -> None:
    encoded = escape_json_bytes(json.dumps(text, ensure_ascii=False).encode())
    assert json.loads(encoded) == text
    decoded = encoded.decode()
    assert not any(char in decoded for char in JSON_UNSAFE)


def test_an_unsafe_character_first_in_the_bytes_is_escaped_too() -> None:
    # find() gives 0 for a lead byte at the very start: it is still there.
    assert escape_json_bytes(b"\x7f") == b"\\u007f"
    assert escape_json_bytes("\u202eab".encode()) == b"\\u202eab"
    assert escape_json_bytes("\x85".encode()) == b"\\u0085"


# --- files.py: names as typed, targets of every kind -----------------------------------


def test_file_arguments_as_typed() -> None:
    with pytest.raises(UsageProblem) as empty:
        file_argument("", "--output")
    assert str(empty.value) == "--output is empty: give a file name"
    with pytest.raises(UsageProblem) as slash:
        file_argument("out/", "--output", output=True)
    assert str(slash.value) == "--output out/: a file name cannot end with '/' (that names a directory)"
    assert file_argument("out/", "--data") == Path("out/")  # a file read: pathlib may tidy it
    assert file_argument("-", "--output", output=True) == Path("-")
    assert file_argument("out.md", "--output", output=True) == Path("out.md")


def test_refuse_same_file(tmp_path: Path) -> None:
    read = tmp_path / "briefing.json"
    read.write_text("{}", encoding="utf-8")
    with pytest.raises(UsageProblem) as same:
        refuse_same_file(read, read)
    assert (
        str(same.value)
        == f"--output {read} is the briefing being read; brief never writes to a file it reads"
    )
    hard = tmp_path / "hard.json"
    os.link(read, hard)
    with pytest.raises(UsageProblem):
        refuse_same_file(hard, read)
    refuse_same_file(tmp_path / "other.json", read)  # does not exist yet: fine
    other = tmp_path / "exists.json"
    other.write_text("{}", encoding="utf-8")
    refuse_same_file(other, read)
    refuse_same_file(other, tmp_path / "gone.json")  # samefile fails: the names are compared


def test_a_directory_is_no_target(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match="it is a directory"), atomic_output(tmp_path):
        pass


def test_an_existing_file_keeps_its_mode_a_new_one_gets_the_umask(tmp_path: Path) -> None:
    existing = tmp_path / "existing.md"
    existing.write_text("old", encoding="utf-8")
    existing.chmod(0o640)
    with atomic_output(existing) as stream:
        stream.write(b"new")
    assert existing.read_bytes() == b"new"
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    for mask, mode in ((0o027, 0o640), (0o002, 0o664), (0, 0o666)):
        umask = os.umask(mask)
        try:
            fresh = tmp_path / f"fresh-{mask:o}.md"
            with atomic_output(fresh) as stream:
                # Written to a temporary file of brief's own beside it, renamed at the end.
                assert [p.name[:7] for p in tmp_path.glob(".*.tmp")] == [".brief-"]
                stream.write(b"x")
        finally:
            assert os.umask(umask) == mask  # brief leaves the umask as it found it
        assert stat.S_IMODE(fresh.stat().st_mode) == mode
    assert not list(tmp_path.glob(".*"))


def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path: Path) -> None:
    existing = tmp_path / "out.md"
    existing.write_text("old", encoding="utf-8")

    def render_half() -> None:
        with atomic_output(existing) as stream:
            stream.write(b"half")
            raise ValueError("renderer")

    with pytest.raises(ValueError, match="renderer"):
        render_half()
    assert existing.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def a_null_device(tmp_path: Path) -> Path:
    """A character device like /dev/null. As root, one of our own in tmp_path: a mutant that
    renamed over its target would otherwise replace the system's /dev/null (root may).
    Anyone else cannot replace /dev/null, so the real one is safe to use."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return device


def test_a_device_is_written_through_and_stays_a_device(tmp_path: Path) -> None:
    device = a_null_device(tmp_path)
    with atomic_output(device) as stream:
        stream.write(b"gone")
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert [p.name for p in device.parent.iterdir() if p.name.startswith(".brief-")] == []


def test_a_descriptor_on_a_regular_file_is_appended_to(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.write_bytes(b"old ")
    descriptor = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        assert _names_a_descriptor(Path(f"/dev/fd/{descriptor}"))
        with atomic_output(Path(f"/dev/fd/{descriptor}")) as stream:
            stream.write(b"new")
    finally:
        os.close(descriptor)
    assert log.read_bytes() == b"old new"
    assert [p.name for p in tmp_path.iterdir()] == ["log"]


def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    with atomic_output(link) as stream:
        stream.write(b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"


def test_what_names_a_descriptor(tmp_path: Path) -> None:
    assert _names_a_descriptor(Path("/dev/stdout"))
    assert _names_a_descriptor(Path("/proc/self/fd/1"))
    plain = tmp_path / "plain"
    plain.write_text("", encoding="utf-8")
    assert not _names_a_descriptor(plain)
    link = tmp_path / "to-stdout"
    link.symlink_to("/dev/stdout")
    assert _names_a_descriptor(link)
    relative = tmp_path / "relative"
    relative.symlink_to("plain")
    assert not _names_a_descriptor(relative)
    loop_a, loop_b = tmp_path / "a", tmp_path / "b"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    assert not _names_a_descriptor(loop_a)  # a loop of links ends: it names no descriptor


# --- provenance.py: the article's paragraphs and headline -------------------------------


def _article(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_provenance_counts_paragraphs_and_checks_the_headline(tmp_path: Path) -> None:
    briefing = load_briefing(MINI)
    text = MINI_ARTICLE.read_text(encoding="utf-8")
    extra = _article(tmp_path, text + "\nUn paragraphe de plus.\n")
    found = {p.path: p.message for p in check_provenance(briefing, extra)}
    assert set(found) == {"$.source.sha256", "$.source.paragraphs"}
    assert found["$.source.paragraphs"] == "the article has 4 paragraphs, not 3"
    # Blank lines and spacing are not paragraphs; the headline is compared with spaces folded.
    spaced = _article(tmp_path, text.replace("\n", "\n\n  \n").replace("présente le", "présente   le"))
    assert {p.path for p in check_provenance(briefing, spaced)} == {"$.source.sha256"}
    retitled = _article(tmp_path, text.replace("présente le plan", "présente un plan"))
    assert {p.path for p in check_provenance(briefing, retitled)} == {"$.source.sha256", "$.source.headline"}


def test_provenance_with_a_byte_order_mark_and_out_of_range_evidence(tmp_path: Path) -> None:
    briefing = load_briefing(MINI)
    marked = tmp_path / "marked.txt"
    marked.write_bytes(b"\xef\xbb\xbf" + MINI_ARTICLE.read_bytes())
    assert {p.path for p in check_provenance(briefing, marked)} == {"$.source.sha256"}
    # A one-paragraph article: evidence beyond it is the briefing check's to report.
    short = _article(tmp_path, MINI_ARTICLE.read_text(encoding="utf-8").split("\n")[0] + "\n")
    found = {p.path for p in check_provenance(briefing, short)}
    assert "$.source.paragraphs" in found
    assert not any((path or "").endswith(".quote") for path in found)
    assert "$.quotes[0].original" in found


def test_provenance_refuses_a_directory_a_binary_and_a_huge_article(tmp_path: Path) -> None:
    briefing = load_briefing(MINI)
    with pytest.raises(BriefingError) as directory:
        check_provenance(briefing, tmp_path)
    assert "is a directory" in str(directory.value.problems[0].message)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"ok\xff")
    with pytest.raises(BriefingError) as undecodable:
        check_provenance(briefing, binary)
    assert undecodable.value.problems[0].message == "the article is not UTF-8 (byte 2)"
    missing = tmp_path / "missing.txt"
    with pytest.raises(BriefingError) as unreadable:
        check_provenance(briefing, missing)
    assert unreadable.value.problems[0].message == "cannot read the article: no such file"


def test_provenance_size_limit_is_exact(tmp_path: Path) -> None:
    briefing = load_briefing(MINI)
    at_limit = tmp_path / "at-limit.txt"
    with open(at_limit, "wb") as file:
        file.truncate(16 * 1024 * 1024)  # sparse: no disk used
    assert {p.path for p in check_provenance(briefing, at_limit)} >= {"$.source.sha256"}
    over = tmp_path / "over.txt"
    with open(over, "wb") as file:
        file.truncate(16 * 1024 * 1024 + 1)
    for article in (over, Path("/dev/zero")):
        with pytest.raises(BriefingError) as refused:
            check_provenance(briefing, article)
        assert refused.value.problems[0].message == "larger than the 16 MiB limit for an article"


# --- the loader: rules a mutant could delete, and the remembered answers ----------------


Document = dict[str, Any]


def _set(path: str, value: Any) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return change


def _problems(document: Document) -> list[tuple[str | None, str]]:
    briefing, problems = parse_briefing(json.dumps(document).encode())
    assert briefing is not None, problems
    found = check_briefing(briefing)
    assert found == check_briefing(briefing, remember=False)
    return [(problem.path, problem.message) for problem in found]


RULES = [
    ("source.published", "2024-13", "$.source.published", "is not a real calendar date"),
    ("source.correspondent", "nobody", "$.source.correspondent", "unknown actor 'nobody'"),
    (
        "source.published_basis",
        "public-record",
        "$.source.published_sources",
        "required when published_basis",
    ),
    ("source.published_sources", [{"outlet": "AP", "title": "T"}], "$.source.published_sources", "no source"),
    (
        "source.published_sources",
        [{"outlet": " ", "title": "T", "url": "https://a.example"}],
        "$.source.published_sources[0].outlet",
        "blank",
    ),
    ("summary.bottom_line", {"en": "\u200b"}, "$.summary.bottom_line.en", "blank"),
    ("summary.bottom_line", {"en": "ok", "fr": " "}, "$.summary.bottom_line.fr", "blank"),
    ("summary.watch.0.text", {"fr": " "}, "$.summary.watch[0].text.fr", "blank"),
    ("summary.watch.0.evidence.0.para", 4, "$.summary.watch[0].evidence[0].para", "out of range"),
    ("summary.key_points.0.evidence.0.quote", "\u2060", "$.summary.key_points[0].evidence[0].quote", "blank"),
    ("quotes.0.translation", " ", "$.quotes[0].translation", "blank"),
    ("quotes.0.evidence.0.para", 4, "$.quotes[0].evidence[0].para", "out of range"),
    ("source.headline", " \u200b", "$.source.headline", ""),
    ("summary.headline", {}, "$.summary.headline", "needs"),
    ("summary.key_points.0.text", {}, "$.summary.key_points[0].text", "needs"),
    ("actors.0.name", {}, "$.actors[0].name", "needs"),
    ("actors.0.role", {}, "$.actors[0].role", "needs"),
    ("actors.0.story", {}, "$.actors[0].story", "needs"),
    ("actors.0.affiliation", "zoe-angstrom", "$.actors[0].affiliation", "its own affiliation"),
    ("actors.0.affiliation", "nobody", "$.actors[0].affiliation", "unknown actor"),
    ("actors.0.aliases", ["ok", " "], "$.actors[0].aliases[1]", ""),
    ("events.0.title", {}, "$.events[0].title", "needs"),
    ("events.0.detail", {"fr": " "}, "$.events[0].detail.fr", ""),
    ("events.0.direction", "increase", "$.events[0].direction", "only a policy change or a proposal"),
    ("events.1.direction", None, "$.events[1].direction", "required for a policy change"),
    ("events.0.actors", ["town-council", "nobody"], "$.events[0].actors[1]", "unknown actor"),
    ("events.0.evidence.0.para", 4, "$.events[0].evidence[0].para", "out of range"),
    ("events.2.end", "2024-06-29", "$.events[2].end", "before it starts"),
    ("events.0.precision", "day", "$.events[0].precision", "does not match"),
    ("events.0.basis", "public-record", "$.events[0].sources", "required when basis is public-record"),
    ("quotes.0.context", {}, "$.quotes[0].context", "needs"),
    ("quotes.0.speaker", "nobody", "$.quotes[0].speaker", "unknown actor"),
    ("quotes.0.original", " ", "$.quotes[0].original", ""),
]


@pytest.mark.parametrize(("where", "value", "path", "message"), RULES)
def test_each_rule_reports_its_fault_at_its_path(
    mini_document: Document, where: str, value: Any, path: str, message: str
) -> None:
    assert _problems(mini_document) == []
    _set(where, value)(mini_document)
    found = _problems(mini_document)
    assert [p for p, _ in found] == [path], found
    assert message in found[0][1]


def test_every_event_reports_its_own_fault_when_an_earlier_one_had_the_same_values(
    mini_document: Document,
) -> None:
    """The checker remembers answers by value: the second event with a bad date, bad
    evidence or a direction it may not have is reported too, and a good one is not."""
    first = mini_document["events"][0]
    first.update(date="2023-02-30", precision="day", direction="increase")
    first["evidence"] = [{"para": 9, "quote": "x"}, {"para": 9, "quote": "x"}]
    second = deepcopy(first)
    second["id"] = "again"
    third = deepcopy(mini_document["events"][2])
    third["id"] = "works-again"
    mini_document["events"] += [second, third]
    found = [path for path, _ in _problems(mini_document)]
    for index in (0, 3):
        assert found.count(f"$.events[{index}].date") == 1
        assert f"$.events[{index}].direction" in found
        assert f"$.events[{index}].evidence[0].para" in found
        assert f"$.events[{index}].evidence[1].para" in found
    assert not any((path or "").startswith(("$.events[1]", "$.events[2]", "$.events[4]")) for path in found)


def test_duplicate_ids_are_reported_at_the_second_use(mini_document: Document) -> None:
    mini_document["events"][2]["id"] = "zoe-angstrom"
    assert _problems(mini_document) == [
        ("$.events[2].id", "duplicate id 'zoe-angstrom' (first at $.actors[0].id)")
    ]


def test_the_size_limit_is_exactly_128_mib(tmp_path: Path) -> None:
    from briefcli.load import MAX_BYTES, read_briefing_bytes

    assert MAX_BYTES == 128 * 1024 * 1024
    at_limit = tmp_path / "at-limit.json"
    with open(at_limit, "wb") as file:
        file.truncate(MAX_BYTES)  # sparse
    assert len(read_briefing_bytes(at_limit)) == MAX_BYTES
    over = tmp_path / "over.json"
    with open(over, "wb") as file:
        file.truncate(MAX_BYTES + 1)
    for path in (over, Path("/dev/zero")):
        with pytest.raises(BriefingError) as refused:
            read_briefing_bytes(path)
        assert "128 MiB" in refused.value.problems[0].message


# --- through the CLI: the timeline's order, the export's events, a failed export ---------


def test_the_timeline_is_in_date_order_whatever_the_file_order(
    tmp_path: Path, mini_document: Document
) -> None:
    mini_document["events"].reverse()
    same_start = deepcopy(mini_document["events"][0])  # "works": 2024-06-30 to 2024-07-02
    same_start.update(id="works-day", end=None)
    mini_document["events"].append(same_start)
    data = write_json(tmp_path / "reversed.json", mini_document)
    run = brief("timeline", "--json", "--data", str(data))
    assert run.exit_code == 0, run.stderr
    # By start, then end (a day before a span from that day), then file order.
    assert ids(run.json()) == ["hard-year", "budget-vote", "works-day", "works"]


def test_the_markdown_export_lists_every_event_in_date_order(tmp_path: Path, mini_document: Document) -> None:
    mini_document["events"].reverse()
    data = write_json(tmp_path / "reversed.json", mini_document)
    run = brief("export", "--data", str(data))
    assert run.exit_code == 0, run.stderr
    titles = ["A difficult year", "Budget voted", "Road works"]
    assert all(f"{title}" in run.stdout for title in titles)
    listed = [line for line in run.stdout.splitlines() if line.startswith("- **")]
    positions = [next(i for i, line in enumerate(listed) if title in line) for title in titles]
    assert positions == sorted(positions)


def test_an_export_whose_renderer_fails_reports_a_bug_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefcli import render

    def broken(*_args: object) -> None:
        raise ValueError("renderer broke")

    monkeypatch.setattr(render, "export", broken)
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    run = brief("export", "-o", str(target))
    assert run.exit_code == 70
    assert "wrote" not in run.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_signals_are_not_held_while_rendering_nor_after(tmp_path: Path) -> None:
    """They wait only while the temporary file is made or removed: a SIGTERM while
    rendering must land at once, and one after brief wrote must end it."""
    import signal

    def held() -> set[int]:
        return {int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])}

    before = held()
    with atomic_output(tmp_path / "out.md") as stream:
        assert int(signal.SIGTERM) not in held()
        stream.write(b"x")
    assert held() == before

    def render_and_fail() -> None:
        with atomic_output(tmp_path / "out.md") as stream:
            stream.write(b"y")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render_and_fail()
    assert held() == before
    assert (tmp_path / "out.md").read_bytes() == b"x"


@pytest.mark.parametrize("para", [1, 3])
def test_provenance_checks_evidence_in_the_first_and_last_paragraphs(
    mini_document: Document, para: int
) -> None:
    headline, _, last = MINI_ARTICLE.read_text(encoding="utf-8").splitlines()[:3]
    quote = (headline if para == 1 else last).split(" ", 1)[1][:20]
    evidence = mini_document["events"][0]["evidence"]
    evidence[0] = {"para": para, "quote": quote}
    evidence.append({"para": para, "quote": "nowhere in the article"})
    briefing, problems = parse_briefing(json.dumps(mini_document).encode())
    assert briefing is not None, problems
    found = [(p.path, p.message) for p in check_provenance(briefing, MINI_ARTICLE)]
    assert found == [("$.events[0].evidence[1].quote", f"does not occur verbatim in paragraph {para}")]


def test_an_iso_date_that_is_not_one_raises_value_error() -> None:
    from briefcli.dates import iso_period

    for text in ("14/07/2025", "2025-7", "", "20255"):
        with pytest.raises(ValueError, match="is not an ISO date"):
            iso_period(text)


def test_a_target_that_cannot_be_made_is_one_error_and_holds_no_signal(tmp_path: Path) -> None:
    import signal

    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    regular = tmp_path / "file"
    regular.write_text("", encoding="utf-8")
    for target, why in (
        (regular / "out.md", "Not a directory"),
        (tmp_path / "missing" / "out.md", "No such file"),
    ):
        with pytest.raises(BriefError) as refused, atomic_output(target):
            pass
        assert str(refused.value).startswith(f"cannot write {target}: {why}")
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before


def test_provenance_says_where_a_misplaced_quote_is(mini_document: Document) -> None:
    evidence = mini_document["events"][0]["evidence"]
    evidence[:] = [{"para": 2, "quote": "présente le plan"}, {"para": 2, "quote": "Zoë Ångström"}]
    briefing, problems = parse_briefing(json.dumps(mini_document).encode())
    assert briefing is not None, problems
    assert [(p.path, p.message) for p in check_provenance(briefing, MINI_ARTICLE)] == [
        ("$.events[0].evidence[0].quote", "does not occur verbatim in paragraph 2 (it is in paragraph 1)"),
        (
            "$.events[0].evidence[1].quote",
            "does not occur verbatim in paragraph 2 (it is in paragraphs 1, 3)",
        ),
    ]


@pytest.mark.parametrize("para", [1, 3])
def test_a_quote_found_in_the_first_or_last_cited_paragraph_is_fine(
    mini_document: Document, para: int
) -> None:
    line = MINI_ARTICLE.read_text(encoding="utf-8").splitlines()[para - 1]
    words = " ".join(line.split()[1:4])
    quote = mini_document["quotes"][0]
    quote["original"] = words
    quote["evidence"] = [{"para": para, "quote": words}]
    briefing, problems = parse_briefing(json.dumps(mini_document).encode())
    assert briefing is not None, problems
    assert check_provenance(briefing, MINI_ARTICLE) == []


def test_a_rename_that_fails_is_one_error_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(BriefError) as refused, atomic_output(target) as stream:
        stream.write(b"new")
    assert str(refused.value) == f"cannot write {target}: No space left on device"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
    assert target.read_text(encoding="utf-8") == "old"


# --- the rules' fast path (the bulk pass) pinned to the record-by-record checker --------

# Values each rule accepts, edge cases included (25 words, the last paragraph, a leap day,
# an end on the start's last day, a blank character inside a text), and values it refuses:
# (value, path suffix, words of the message).
_TEXTS_OK = [
    {"en": "Mayor"},
    {"fr": "Maire"},
    {"en": "Town council", "fr": "Conseil"},
    {"en": "a\u200b ", "fr": None},
]
_TEXTS_BAD = [
    ({}, "", "needs"),
    ({"en": None, "fr": None}, "", "needs"),
    ({"en": "", "fr": ""}, "", "needs"),
    ({"en": " "}, ".en", "blank"),
    ({"fr": "\u200b\t"}, ".fr", "blank"),
    ({"en": "ok", "fr": "\u00ad"}, ".fr", "blank"),
    ({"en": "\ufeff", "fr": "ok"}, ".en", "blank"),
    ({"en": "ok", "fr": ""}, ".fr", "blank"),
]
_PLAIN_OK = ["la maire", "x", "É b"]
_PLAIN_BAD = [" ", "\u2060", "\n\u200f"]
_QUOTE_25 = " ".join(["mot"] * 25)
_EVIDENCE_OK = [{"para": 1, "quote": "le"}, {"para": 3, "quote": _QUOTE_25}, {"para": 2, "quote": "a\u200b"}]
_EVIDENCE_BAD = [
    ({"para": 4, "quote": "le"}, ".para", "paragraph 4 is out of range: the article has 3"),
    ({"para": 1, "quote": " \u200b"}, ".quote", "the quote is blank"),
    ({"para": 2, "quote": _QUOTE_25 + " mot"}, ".quote", "26 words: evidence is at most 25"),
]
_CITATIONS_OK = [
    {"outlet": "AP", "title": "Live", "url": "https://a.example/x"},
    {"outlet": "Le Monde", "title": "Un titre", "url": "http://b.example", "date": "2024-02-29"},
    {"outlet": "Reuters", "title": "www", "date": "2024"},  # no URL: another in its list has one
]
_CITATIONS_BAD = [
    ({"outlet": " \u200b", "title": "T", "url": "https://a.example"}, ".outlet", "blank"),
    ({"outlet": "AP", "title": "\u2064", "url": "https://a.example"}, ".title", "blank"),
    (
        {"outlet": "AP", "title": "see WWW.example.org", "url": "https://a.example"},
        ".title",
        "holds an address",
    ),
    (
        {"outlet": "https://ap.example", "title": "T", "url": "https://a.example"},
        ".outlet",
        "holds an address",
    ),
    ({"outlet": "AP", "title": "a; b", "url": "https://a.example"}, ".title", "holds ';'"),
    ({"outlet": "AP; Reuters", "title": "T", "url": "https://a.example"}, ".outlet", "holds ';'"),
    ({"outlet": "AP", "title": "T", "url": "https://a.example/https://b.example"}, ".url", "two addresses"),
    (
        {"outlet": "AP", "title": "T", "url": "https://a.example", "date": "2024-02-30"},
        ".date",
        "real calendar",
    ),
]
# (date, end, precision)
_DATINGS_OK = [
    ("2023", None, "year"),
    ("2024-06", None, "month"),
    ("2024-06-30", "2024-07-02", "day"),
    ("2024-06-30", "2024-06-30", "day"),
    ("2024", "2024-01-01", "year"),
    ("2024-06-30", "2024-06", "day"),
    ("2024-02-29", None, "day"),
]
_DATINGS_BAD = [
    (("2024-02-30", None, "day"), ".date", "is not a real calendar date"),
    (("2023-13", None, "month"), ".date", "is not a real calendar date"),
    (("2024-06-30", "2024-02-30", "day"), ".end", "is not a real calendar date"),
    (("2024-06-30", "2024-06-29", "day"), ".end", "ends (2024-06-29) before it starts (2024-06-30)"),
    (("2024-07", "2024-06-30", "month"), ".end", "before it starts"),
    (("2024", "2023", "year"), ".end", "before it starts"),
    (("2024-06", None, "day"), ".precision", "'day' does not match the date '2024-06' (month)"),
    (("2024", None, "month"), ".precision", "does not match"),
    (("2024-06-30", None, "year"), ".precision", "does not match"),
]
_KINDS_OK = [
    ("other", None),
    ("policy-change", "increase"),
    ("proposal", None),
    ("proposal", "suspend"),
    ("meeting", None),
]
_KINDS_BAD = [
    (("policy-change", None), ".direction", "required for a policy change"),
    (
        ("meeting", "increase"),
        ".direction",
        "only a policy change or a proposal has a direction, not a meeting",
    ),
    (("statement", "resume"), ".direction", "not a statement"),
]


@st.composite
def _briefings(draw: st.DrawFn) -> tuple[Document, list[tuple[str, str]]]:
    """The mini briefing with 1 to 3 actors and 0 to 4 events of drawn values, all valid,
    then at most one fault put in: the document, and the (path, words) the fault gives."""
    document: Document = json.loads(MINI.read_text(encoding="utf-8"))
    ok = st.sampled_from
    n_actors = draw(st.integers(1, 3))
    ids = [f"a{index}" for index in range(n_actors)]
    document["quotes"][0]["speaker"] = "a0"
    document["source"].pop("correspondent", None)

    def citations() -> list[dict[str, str]]:
        listed = draw(st.lists(ok(_CITATIONS_OK), min_size=1, max_size=3))
        return listed if any("url" in c for c in listed) else [*listed, _CITATIONS_OK[0]]

    actors = []
    for index, actor_id in enumerate(ids):
        actor: dict[str, Any] = {"id": actor_id, "kind": "person", "name": draw(ok(_TEXTS_OK))}
        actor.update(role=draw(ok(_TEXTS_OK)), story=draw(ok(_TEXTS_OK)))
        actor["evidence"] = draw(st.lists(ok(_EVIDENCE_OK), min_size=1, max_size=2))
        actor["aliases"] = draw(st.lists(ok(_PLAIN_OK), max_size=2))
        if index and draw(st.booleans()):
            actor["affiliation"] = draw(ok(ids[:index]))
        if draw(st.booleans()):
            actor["correction"] = {"as_written": draw(ok(_PLAIN_OK)), "corrected": draw(ok(_PLAIN_OK))}
            actor["correction"].update(note=draw(ok(_TEXTS_OK)), sources=citations())
        if draw(st.booleans()):
            actor["public_record"] = [{"fact": draw(ok(_TEXTS_OK)), "sources": citations()}]
        actors.append(actor)
    events = []
    for index in range(draw(st.integers(0, 4))):
        date, end, precision = draw(ok(_DATINGS_OK))
        kind, direction = draw(ok(_KINDS_OK))
        event: dict[str, Any] = {"id": f"e{index}", "date": date, "precision": precision, "kind": kind}
        event.update(basis=draw(ok(["article", "public-record"])), title=draw(ok(_TEXTS_OK)))
        event.update(
            detail=draw(ok(_TEXTS_OK)), evidence=draw(st.lists(ok(_EVIDENCE_OK), min_size=1, max_size=2))
        )
        event["actors"] = draw(st.lists(ok(ids), max_size=2))
        if end is not None:
            event["end"] = end
        if direction is not None:
            event["direction"] = direction
        if event["basis"] == "public-record" or draw(st.booleans()):
            event["sources"] = citations()
        events.append(event)
    document["actors"], document["events"] = actors, events

    # The places a fault can go, each with how to put it there.
    actor_at = draw(st.integers(0, n_actors - 1))
    actor, where = actors[actor_at], f"$.actors[{actor_at}]"
    faults: list[Callable[[], tuple[str, str]]] = []

    def text_fault(record: dict[str, Any], field: str, path: str) -> tuple[str, str]:
        value, suffix, words = draw(ok(_TEXTS_BAD))
        record[field] = value
        return f"{path}{suffix}", words

    def evidence_fault(record: dict[str, Any], path: str) -> tuple[str, str]:
        value, suffix, words = draw(ok(_EVIDENCE_BAD))
        record["evidence"].append(value)
        return f"{path}.evidence[{len(record['evidence']) - 1}]{suffix}", words

    def citation_fault(listed: list[dict[str, str]], path: str) -> tuple[str, str]:
        if draw(st.booleans()):  # no URL in the whole list
            listed[:] = [_CITATIONS_OK[2]]
            return path, "no source with a URL"
        value, suffix, words = draw(ok(_CITATIONS_BAD))
        listed.append(value)
        return f"{path}[{len(listed) - 1}]{suffix}", words

    def plain_fault(record: dict[str, Any], field: str, path: str) -> tuple[str, str]:
        record[field] = draw(ok(_PLAIN_BAD))
        return path, "blank"

    for field in ("name", "role", "story"):
        faults.append(lambda field=field: text_fault(actor, field, f"{where}.{field}"))  # type: ignore[misc]
    faults.append(lambda: evidence_fault(actor, where))

    def alias_fault() -> tuple[str, str]:
        actor["aliases"].append(draw(ok(_PLAIN_BAD)))
        return f"{where}.aliases[{len(actor['aliases']) - 1}]", "blank"

    def affiliation_fault() -> tuple[str, str]:
        actor["affiliation"] = draw(ok([actor["id"], "nobody"]))
        words = "its own affiliation" if actor["affiliation"] == actor["id"] else "unknown actor 'nobody'"
        return f"{where}.affiliation", words

    faults += [alias_fault, affiliation_fault]
    if "correction" in actor:
        correction, fixed = actor["correction"], f"{where}.correction"
        faults.append(lambda: text_fault(correction, "note", f"{fixed}.note"))
        faults.append(lambda: plain_fault(correction, "as_written", f"{fixed}.as_written"))
        faults.append(lambda: plain_fault(correction, "corrected", f"{fixed}.corrected"))
        faults.append(lambda: citation_fault(correction["sources"], f"{fixed}.sources"))
    if "public_record" in actor:
        fact, recorded = actor["public_record"][0], f"{where}.public_record[0]"
        faults.append(lambda: text_fault(fact, "fact", f"{recorded}.fact"))
        faults.append(lambda: citation_fault(fact["sources"], f"{recorded}.sources"))
    if events:
        event_at = draw(st.integers(0, len(events) - 1))
        event, at = events[event_at], f"$.events[{event_at}]"
        faults.append(lambda: text_fault(event, "title", f"{at}.title"))
        faults.append(lambda: text_fault(event, "detail", f"{at}.detail"))
        faults.append(lambda: evidence_fault(event, at))

        def dating_fault() -> tuple[str, str]:
            (date, end, precision), suffix, words = draw(ok(_DATINGS_BAD))
            event.update(date=date, precision=precision)
            event.pop("end", None)
            if end is not None:
                event["end"] = end
            return f"{at}{suffix}", words

        def kind_fault() -> tuple[str, str]:
            (kind, direction), suffix, words = draw(ok(_KINDS_BAD))
            event["kind"] = kind
            event.pop("direction", None)
            if direction is not None:
                event["direction"] = direction
            return f"{at}{suffix}", words

        def sources_fault() -> tuple[str, str]:
            event["basis"] = "public-record"
            event.pop("sources", None)
            return f"{at}.sources", "required when basis is public-record"

        def actors_fault() -> tuple[str, str]:
            event["actors"].append("nobody")
            return f"{at}.actors[{len(event['actors']) - 1}]", "unknown actor 'nobody'"

        faults += [dating_fault, kind_fault, sources_fault, actors_fault]
        if "sources" in event:
            faults.append(lambda: citation_fault(event["sources"], f"{at}.sources"))
    if draw(st.booleans()):
        return document, []
    return document, [draw(ok(faults))()]


@given(_briefings())
@settings(max_examples=300, deadline=None)
def test_the_bulk_pass_passes_exactly_the_actors_and_events_the_full_checker_passes(
    drawn: tuple[Document, list[tuple[str, str]]],
) -> None:
    """The bulk pass lets the checker skip the actors and events only when the full pass
    finds nothing in them (else a fault goes unreported), and always then (else it is
    no fast path); each fault is reported at its path, once, alone."""
    from briefcli.rules import _bulk_pass
    from briefcli.unchecked import Columns, breaks_a_pattern

    document, expected = drawn
    briefing, problems = parse_briefing(json.dumps(document).encode())
    assert briefing is not None, problems
    afresh = check_briefing(briefing, remember=False)
    assert problems == afresh
    found = [(problem.path, problem.message) for problem in afresh]
    assert [path for path, _ in found] == [path for path, _ in expected], found
    for (_, message), (_, words) in zip(found, expected, strict=True):
        assert words in message
    actor_ids = {actor.id for actor in briefing.actors}
    assert _bulk_pass(briefing, actor_ids, {}, {}) is (not found)
    # The same with the columns the pattern check gathered, as load.py passes them
    columns: Columns = {}
    assert not breaks_a_pattern(briefing, None, columns)
    for section in ("actors", "events", "quotes"):
        assert (f"{section}.id" in columns) is bool(document.get(section))
    assert _bulk_pass(briefing, actor_ids, {}, columns) is (not found)
    assert check_briefing(briefing, columns=columns) == afresh


@given(st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=5), min_size=3, max_size=3))
def test_ids_are_unique_by_the_gathered_columns_exactly_when_they_are_by_gathering_them(
    ids: list[list[str]],
) -> None:
    """Duplicates within a section, across two, or none: the columns' answer is the rule's."""
    from types import SimpleNamespace

    from briefcli.rules import _ids_unique

    records = {section: [SimpleNamespace(id=value) for value in values] for section, values in zip(("actors", "events", "quotes"), ids, strict=True)}  # fmt: skip
    briefing: Any = SimpleNamespace(**records)
    every = [value for values in ids for value in values]
    unique = len(set(every)) == len(every)
    assert _ids_unique(briefing, {}) is unique
    # As the pattern check gathers them: a section with records has its distinct ids
    columns = {f"{section}.id": set(values) for section, values in zip(records, ids, strict=True) if values}
    columns.setdefault("events.id", set())  # so that the columns are used, not gathered again
    assert _ids_unique(briefing, columns) is unique


# --- load.py: which files, and how a file that cannot be read is refused ---------------


def test_the_bundled_briefing_is_the_installed_one_first_and_a_missing_one_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefcli import load

    package = tmp_path / "briefcli"
    monkeypatch.setattr(load, "__file__", str(package / "load.py"))
    expected = (
        f"brief: {package / 'data' / 'briefing.json'}: the bundled briefing is missing: reinstall brief\n"
    )
    run = brief("summary")
    assert (run.exit_code, run.stdout, run.stderr) == (1, "", expected)
    with pytest.raises(BriefingError):
        load_briefing()
    # Another file is still read and validated without it
    assert brief("validate", "--data", str(MINI)).exit_code == 0
    assert brief("timeline", "--json", "--data", str(MINI)).exit_code == 0
    (tmp_path / "data").mkdir()
    beside = write_json(tmp_path / "data" / "briefing.json", {})
    assert load.bundled_path() == beside  # a source checkout: data/ beside the package
    (package / "data").mkdir(parents=True)
    inside = write_json(package / "data" / "briefing.json", {})
    assert load.bundled_path() == inside  # installed from a wheel: inside the package


def test_a_directory_stands_for_its_briefings_sorted_without_schemas_or_hidden_files(tmp_path: Path) -> None:
    from briefcli.load import resolve_paths

    for name in ("b.json", "a.json", ".a.json", "briefing.schema.json", "notes.txt"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert resolve_paths([tmp_path]) == [
        (tmp_path / "a.json", str(tmp_path / "a.json")),
        (tmp_path / "b.json", str(tmp_path / "b.json")),
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden.json").write_text("{}", encoding="utf-8")
    run = brief("summary", "--data", str(empty))
    assert (run.exit_code, run.stderr) == (1, f"brief: {empty}: a directory with no *.json briefing in it\n")
    run = brief("summary", env={"BRIEF_DATA": f"{os.pathsep}{empty}{os.pathsep}"})
    assert run.stderr == f"brief: {empty} (from BRIEF_DATA): a directory with no *.json briefing in it\n"


def test_a_file_that_cannot_be_read_is_one_error_naming_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefcli import load

    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    cases: list[tuple[Path, str]] = [
        (loop, "cannot be read: Too many levels of symbolic links"),
        (tmp_path, "is a directory, not a briefing file"),
        (tmp_path / "missing.json", "no such file"),
    ]
    for path, why in cases:
        with pytest.raises(BriefingError) as refused:
            load.read_briefing_bytes(path, "the name")
        assert (refused.value.where, [p.message for p in refused.value.problems]) == ("the name", [why])
    for error, why in (
        (PermissionError(13, "Permission denied"), "permission denied: cannot read it"),
        (OSError("a fault with no error number"), "cannot be read: a fault with no error number"),
    ):

        def failing(*_args: object, error: OSError = error) -> None:
            raise error

        monkeypatch.setattr(load, "open", failing, raising=False)
        with pytest.raises(BriefingError) as refused:
            load.read_briefing_bytes(MINI)
        assert (refused.value.where, [p.message for p in refused.value.problems]) == (str(MINI), [why])


def test_load_briefing_reads_the_path_given_else_brief_data_else_the_bundled_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_briefing().id != "mini-town-budget"
    monkeypatch.setenv("BRIEF_DATA", str(MINI))
    assert load_briefing().id == "mini-town-budget"
    monkeypatch.setenv("BRIEF_DATA", str(tmp_path / "missing.json"))
    assert load_briefing(MINI).id == "mini-town-budget"


def test_standard_input_is_read_up_to_the_limit_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from briefcli import load

    data = MINI.read_bytes()
    monkeypatch.setattr(load, "MAX_BYTES", len(data) + 3)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + data)))
    assert load.read_briefing_bytes(Path("-")) == data  # at the limit, with its mark dropped
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + data + b" ")))
    with pytest.raises(BriefingError, match=r"^<stdin>: larger than"):
        load.read_briefing_bytes(Path("-"))


def test_a_regular_file_over_the_limit_is_refused_by_its_size_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefcli import load

    big = tmp_path / "big.json"
    big.write_bytes(b" " * 11)
    monkeypatch.setattr(load, "MAX_BYTES", 10)
    reads: list[int] = []

    class Counted:  # the file, with every read counted
        def __init__(self, path: Path, _mode: str) -> None:
            self.file = open(path, "rb")  # noqa: SIM115 (closed by __exit__)

        def __enter__(self) -> Counted:
            return self

        def __exit__(self, *_exc: object) -> None:
            self.file.close()

        def fileno(self) -> int:
            return self.file.fileno()

        def read(self, size: int) -> bytes:
            reads.append(size)
            return self.file.read(size)

    monkeypatch.setattr(load, "open", Counted, raising=False)
    with pytest.raises(BriefingError, match="larger than"):
        load.read_briefing_bytes(big)
    assert reads == []
    big.write_bytes(b" " * 10)
    assert load.read_briefing_bytes(big) == b" " * 10
    assert reads == [11]


@pytest.fixture(scope="module")
def large_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini briefing, padded with spaces to the size that is decoded from a map."""
    from briefcli.load import MAPPED_BYTES

    path = tmp_path_factory.mktemp("large") / "mini.json"
    data = MINI.read_bytes()
    path.write_bytes(data + b" " * (MAPPED_BYTES - len(data)))
    return path


@pytest.mark.parametrize("enabled", [True, False])
def test_decoding_runs_without_the_garbage_collector_and_leaves_it_as_it_was(
    monkeypatch: pytest.MonkeyPatch, enabled: bool, large_mini: Path
) -> None:
    import gc

    import msgspec

    from briefcli.load import ReadTogether, read_briefing
    from briefcli.model import Briefing
    from briefcli.unchecked import RawEventsBriefing, UncheckedBriefing

    decode, seen, types = msgspec.json.decode, [], []

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        types.append(kwargs.get("type"))
        return decode(*args, **kwargs)

    monkeypatch.setattr(msgspec.json, "decode", watched)
    (gc.enable if enabled else gc.disable)()
    try:
        for data in (MINI.read_bytes(), b"{"):
            seen.clear()
            parse_briefing(data)
            assert (gc.isenabled(), seen[0]) == (enabled, False)  # the typed decode
        seen.clear()
        types.clear()
        briefing, _ = read_briefing(large_mini)  # decoded from a map, and only so
        assert briefing is not None and briefing.id == "mini-town-budget"
        assert (gc.isenabled(), seen, types) == (enabled, [False], [RawEventsBriefing])
        types.clear()
        seen.clear()
        assert read_briefing(MINI)[0] is not None  # a small file alone: whole, the model's types
        assert (gc.isenabled(), seen, types) == (enabled, [False], [Briefing])
        types.clear()
        assert read_briefing(MINI, shared=ReadTogether())[0] is not None  # read with others
        assert types == [UncheckedBriefing]
    finally:
        gc.enable()


def test_a_lone_file_under_one_mib_is_decoded_with_the_models_types_and_from_one_mib_not(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import msgspec

    from briefcli.load import LONE_DIRECT_BYTES, read_briefing
    from briefcli.model import Briefing
    from briefcli.unchecked import UncheckedBriefing

    assert LONE_DIRECT_BYTES == 1024 * 1024  # as the README says
    decode, types = msgspec.json.decode, []

    def watched(*args: Any, **kwargs: Any) -> Any:
        types.append(kwargs.get("type"))
        return decode(*args, **kwargs)

    monkeypatch.setattr(msgspec.json, "decode", watched)
    padded = tmp_path / "padded.json"
    for size, expected in ((LONE_DIRECT_BYTES - 1, Briefing), (LONE_DIRECT_BYTES, UncheckedBriefing)):
        padded.write_bytes(MINI.read_bytes().ljust(size))  # trailing spaces: still the same JSON
        types.clear()
        briefing, problems = read_briefing(padded)
        assert (briefing is not None, problems, types) == (True, [], [expected])


def test_standard_input_is_read_even_beside_a_large_file_named_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, large_mini: Path
) -> None:
    import io
    import shutil
    import sys

    from briefcli.load import read_briefing

    monkeypatch.chdir(tmp_path)
    shutil.copy(large_mini, tmp_path / "-")
    followup = (MINI.parent / "mini-followup-briefing.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(followup)))
    briefing, problems = read_briefing(Path("-"))
    assert briefing is not None and problems == []
    assert briefing.id == json.loads(followup)["id"] != "mini-town-budget"


# --- unchecked.py: the patterns checked a column at a time, as msgspec checks each value --

_PATTERNS = [
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",  # the model's own, line-local ones
    r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$",
    r"^https?://[^\s;]+$",
    r"^a(?=\nb)",  # ones that look past a line, or are not anchored at both ends
    r"^a(?!b)$",
    r"^a\Z",
    r"^[ab]\Z",
    r"\A[ab]$",
    r"b$",
    r"^(?:a|b)$",
    r"(?m)^a$",
]
_PIECES = ["a", "b", "ab", "-", "1", "2024", "\n", " ", "https://x", ";", ""]


@given(
    pattern=st.sampled_from(_PATTERNS),
    values=st.sets(st.lists(st.sampled_from(_PIECES), max_size=4).map("".join), max_size=90),
    filler=st.integers(0, 80),
)
@settings(max_examples=200, deadline=None)
def test_a_column_matches_all_at_once_exactly_when_each_value_matches(
    pattern: str, values: set[str], filler: int
) -> None:
    import re

    from briefcli.unchecked import _all_match

    # Many values that match the model's patterns, for the one-search path.
    values |= {f"{2000 + n}" for n in range(filler)} | {f"a-{n}" for n in range(filler)}
    compiled = re.compile(pattern)
    assert _all_match(compiled, values) is all(compiled.search(value) for value in values)


# --- decoding.py: what a briefing that does not decode is told --------------------------

_NOT_AN_OBJECT = [
    (b"null", "null"),
    (b"true", "a boolean"),
    (b"-1.5", "a number"),
    (b"3", "a number"),
    (b"[{}]", "an array"),
    (b'"{}"', "a string"),
]


@pytest.mark.parametrize(("data", "kind"), _NOT_AN_OBJECT)
def test_a_document_that_is_not_an_object_is_named_by_its_json_type(data: bytes, kind: str) -> None:
    assert _decoding(data) == [("$", f"expected a JSON object, got {kind}")]


def _decoding(data: bytes) -> list[tuple[str | None, str]]:
    briefing, problems = parse_briefing(data)
    assert briefing is None
    return [(problem.path, problem.message) for problem in problems]


def _unknown(key: str) -> tuple[str, str]:
    return "$.events[0]", f"unknown field {key} (not in the briefing schema)"


# An unknown key that reads as a JSON path step is put in the path; any other is quoted.
_UNKNOWN_KEYS = [
    ("ok", ("$.events[0].ok", "unknown field (not in the briefing schema)")),
    ("é-" + "x" * 58, ("$.events[0].é-" + "x" * 58, "unknown field (not in the briefing schema)")),
    ("", _unknown("''")),
    ("a.b", _unknown("'a.b'")),
    ("a[0]", _unknown("'a[0]'")),
    ("it's", _unknown('"it\'s"')),
    ("a b", _unknown("'a b'")),
    ("a\x7f", _unknown("'a\\x7f'")),
    ("a\u200b", _unknown("'a\\u200b'")),
    ("x" * 61, _unknown("'" + "x" * 58 + "… (61 characters)")),
]


@pytest.mark.parametrize(("key", "problem"), _UNKNOWN_KEYS)
def test_an_unknown_field_is_named_in_the_path_or_quoted(
    mini_document: Document, key: str, problem: tuple[str, str]
) -> None:
    mini_document["events"][0][key] = 1
    assert _decoding(json.dumps(mini_document).encode()) == [problem]


def test_every_bad_record_of_every_section_is_reported_after_the_briefings_own_fault(
    mini_document: Document,
) -> None:
    """One bad record hides no other, in any section; the briefing's own fault comes first."""
    mini_document["id"] = "Town Budget"
    mini_document["source"]["language"] = "FR"
    expected: list[tuple[str | None, str]] = [
        ("$.id", "expected an id of lower-case words joined by hyphens, like mark-rutte, got 'Town Budget'")
    ]
    for section in ("actors", "events", "quotes"):
        records = mini_document[section]
        records[0]["id"] = 7
        records.append({**records[0], "id": "ok-again", "evidence": "none"})
        expected += [
            (f"$.{section}[0].id", "expected str, got int"),
            (f"$.{section}[{len(records) - 1}].evidence", "expected array, got str"),
        ]
    assert _decoding(json.dumps(mini_document).encode()) == expected
    only = {"actors": [], "events": [], "quotes": [], "source": {**mini_document["source"], "language": "FR"}}
    assert _decoding(json.dumps({**mini_document, **only, "id": "x"}).encode()) == [
        ("$.source.language", "expected a two-letter language code, like fr, got 'FR'")
    ]


def test_a_value_outside_a_vocabulary_is_told_the_vocabulary(mini_document: Document) -> None:
    mini_document["events"][1]["direction"] = "sideways"
    mini_document["actors"][0]["kind"] = "robot"
    assert _decoding(json.dumps(mini_document).encode()) == [
        ("$.actors[0].kind", "expected one of country, group, organization, person, got 'robot'"),
        ("$.events[1].direction", "expected one of increase, restructure, resume, suspend, got 'sideways'"),
    ]


def test_the_first_twenty_unknown_references_up_to_100_characters_get_a_suggestion(
    mini_document: Document,
) -> None:
    council = "town-council-" + "x" * 87  # the longest id a suggestion is looked for
    mini_document = json.loads(json.dumps(mini_document).replace('"town-council"', f'"{council}"'))
    near, longer = council[:-1] + "y", council + "x"
    template = mini_document["events"][0]
    mini_document["events"] = [
        {**template, "id": f"e{index}", "actors": [near, near if index % 2 else longer]}
        for index in range(12)
    ]
    found = _problems(mini_document)
    assert [path for path, _ in found] == [
        f"$.events[{index}].actors[{position}]" for index in range(12) for position in (0, 1)
    ]
    suggested = [f"(did you mean {council!r}?)" in message for _, message in found]
    refs = [ref for index in range(12) for ref in (near, near if index % 2 else longer)]
    plain = [f"unknown actor {shown(ref)}" for ref in refs]
    assert [message for (_, message), hint in zip(found, suggested, strict=True) if not hint] == [
        text for text, hint in zip(plain, suggested, strict=True) if not hint
    ]
    # Each unknown reference spends one of the 20, suggested or not.
    assert (
        suggested
        == [index % 2 == 1 or position == 0 for index in range(10) for position in (0, 1)] + [False] * 4
    )


_SOURCES = [{"outlet": "AP", "title": "T", "url": "https://a.example", "date": "2024-06-30"}]
# Every field with a pattern, at every depth: (where, a value that breaks it, the words).
_PATTERNED = [
    ("id", "Mini", "an id of lower-case words"),
    ("source.language", "fra", "a two-letter language code"),
    ("source.published", "2024/07", "an ISO date"),
    ("source.sha256", "CC" * 32, "64 lower-case hexadecimal digits"),
    ("source.correspondent", "Zoe", "an id of lower-case words"),
    ("source.published_sources.0.url", "www.ap.example", "one http or https address"),
    ("source.published_sources.0.date", "30/06/2024", "an ISO date"),
    ("actors.1.id", "town council", "an id of lower-case words"),
    ("actors.0.affiliation", "-council", "an id of lower-case words"),
    ("actors.0.correction.sources.0.url", "https://a b", "one http or https address"),
    ("actors.0.public_record.0.sources.0.date", "2024-6", "an ISO date"),
    ("events.0.id", "hard_year", "an id of lower-case words"),
    ("events.0.date", "2023-1", "an ISO date"),
    ("events.2.end", "2024-07-2", "an ISO date"),
    ("events.1.actors.0", "council\nx", "an id of lower-case words"),
    ("events.0.sources.0.url", "https://a.example;b", "one http or https address"),
    ("quotes.0.id", "", "an id of lower-case words"),
    ("quotes.0.speaker", "Zoé", "an id of lower-case words"),
]


@pytest.mark.parametrize(("where", "value", "words"), _PATTERNED)
def test_a_value_that_breaks_its_pattern_is_refused_wherever_it_is(
    mini_document: Document, where: str, value: str, words: str
) -> None:
    """The fast decode leaves the patterns out and checks them after, a column at a time:
    at every depth, in lists and in optional fields, as the model's own types would."""
    mini_document["source"]["published_sources"] = deepcopy(_SOURCES)
    mini_document["actors"][0]["correction"] = {
        "as_written": "x",
        "corrected": "y",
        "note": {"en": "z"},
        "sources": deepcopy(_SOURCES),
    }
    mini_document["actors"][0]["public_record"] = [{"fact": {"en": "f"}, "sources": deepcopy(_SOURCES)}]
    mini_document["events"][0]["sources"] = deepcopy(_SOURCES)
    mini_document["source"]["correspondent"] = "zoe-angstrom"
    assert _problems(mini_document) == []
    _set(where, value)(mini_document)
    path = "$." + ".".join(f"[{part}]" if part.isdigit() else part for part in where.split(".")).replace(
        ".[", "["
    )
    found = _decoding(json.dumps(mini_document).encode())
    assert [p for p, _ in found] == [path], found
    assert words in found[0][1]


@pytest.mark.parametrize("at", [None, 0, 999, 1000, 1999, 2000, 2499])
def test_the_bulk_pass_takes_every_slice_of_a_long_timeline(mini_document: Document, at: int | None) -> None:
    """The events go through the column checks a slice at a time: a fault in any slice,
    first or last, at either edge, is found."""
    template = mini_document["events"][0]
    mini_document["events"] = [{**template, "id": f"e{index}"} for index in range(2500)]
    if at is not None:
        mini_document["events"][at]["direction"] = "increase"
    expected = [] if at is None else [f"$.events[{at}].direction"]
    assert [path for path, _ in _problems(mini_document)] == expected


_EVENT_FAULTS = (
    [({"title": value}, f".title{suffix}", words) for value, suffix, words in _TEXTS_BAD]
    + [({"evidence": [value]}, f".evidence[0]{suffix}", words) for value, suffix, words in _EVIDENCE_BAD]
    + [({"sources": [value]}, f".sources[0]{suffix}", words) for value, suffix, words in _CITATIONS_BAD]
    + [({"sources": [_CITATIONS_OK[2]]}, ".sources", "no source with a URL")]
    + [
        ({"date": date, "precision": precision} | ({} if end is None else {"end": end}), suffix, words)
        for (date, end, precision), suffix, words in _DATINGS_BAD
    ]
    + [
        ({"kind": kind} | ({} if direction is None else {"direction": direction}), suffix, words)
        for (kind, direction), suffix, words in _KINDS_BAD
    ]
)


@pytest.mark.parametrize(("updates", "suffix", "words"), _EVENT_FAULTS)
def test_each_fault_in_an_event_is_found_by_both_passes(
    mini_document: Document, updates: dict[str, Any], suffix: str, words: str
) -> None:
    """Each value the rules refuse, in the last of a few events: the bulk pass declines,
    and the record-by-record pass names it (the property test above draws them at random)."""
    template = mini_document["events"][0]
    mini_document["events"] = [
        {**template, "id": f"e{index}", "sources": _CITATIONS_OK[:2]} for index in range(3)
    ]
    mini_document["events"][2].update(updates)
    found = _problems(mini_document)
    assert [path for path, _ in found] == [f"$.events[2]{suffix}"]
    assert words in found[0][1]


_ACTOR_FAULTS = [
    ("correction.note", {}, ".correction.note", "needs"),
    ("correction.as_written", " ", ".correction.as_written", "blank"),
    ("correction.corrected", "\u2060", ".correction.corrected", "blank"),
    ("correction.sources", [_CITATIONS_OK[2]], ".correction.sources", "no source with a URL"),
    ("public_record.0.fact", {"en": " "}, ".public_record[0].fact.en", "blank"),
    (
        "public_record.0.sources",
        [_CITATIONS_BAD[-1][0]],
        ".public_record[0].sources[0].date",
        "real calendar",
    ),
    ("evidence", [{"para": 3, "quote": "x"}, {"para": 4, "quote": "x"}], ".evidence[1].para", "out of range"),
]


@pytest.mark.parametrize(("where", "value", "suffix", "words"), _ACTOR_FAULTS)
def test_each_fault_in_an_actors_correction_record_or_evidence_is_found(
    mini_document: Document, where: str, value: Any, suffix: str, words: str
) -> None:
    actor = mini_document["actors"][1]
    actor["correction"] = {
        "as_written": "x",
        "corrected": "y",
        "note": {"en": "z"},
        "sources": _CITATIONS_OK[:1],
    }
    actor["public_record"] = [{"fact": {"en": "f"}, "sources": _CITATIONS_OK[1:]}]
    assert _problems(mini_document) == []
    _set(f"actors.1.{where}", value)(mini_document)
    found = _problems(mini_document)
    assert [path for path, _ in found] == [f"$.actors[1]{suffix}"]
    assert words in found[0][1]


def test_every_piece_of_evidence_is_listed_with_its_path() -> None:
    from briefcli.rules import iter_evidence

    assert [path for path, _ in iter_evidence(load_briefing(MINI))] == [
        "$.summary.key_points[0].evidence[0]",
        "$.summary.watch[0].evidence[0]",
        "$.actors[0].evidence[0]",
        "$.actors[1].evidence[0]",
        "$.events[0].evidence[0]",
        "$.events[1].evidence[0]",
        "$.events[2].evidence[0]",
        "$.quotes[0].evidence[0]",
    ]


def test_an_unknown_reference_like_no_id_gets_no_suggestion(mini_document: Document) -> None:
    mini_document["quotes"][0]["speaker"] = "nobody"
    assert _problems(mini_document) == [("$.quotes[0].speaker", "unknown actor 'nobody'")]


def test_the_characters_a_blank_text_may_start_with_are_exactly_the_blank_ones() -> None:
    """blank() and the bulk pass decide on the first character: the set they use must hold
    every character a blank text is made of (else a blank text passes), and no other."""
    import re

    from briefcli.rules import _BLANK_TEXT, _INVISIBLE_FIRST, blank

    pattern = re.compile(_BLANK_TEXT)
    for code in range(0x10000):  # every character _BLANK_TEXT names is in this plane
        char = chr(code)
        made_of_blank = pattern.fullmatch(char) is not None
        assert (char.isspace() or char in _INVISIBLE_FIRST) is made_of_blank, hex(code)
        assert blank(char) is made_of_blank, hex(code)


def test_a_date_that_is_not_in_the_calendar_says_why(mini_document: Document) -> None:
    mini_document["events"][2].update(date="2024-02-30", end="2024-13")
    import re

    found = _problems(mini_document)
    assert [path for path, _ in found] == ["$.events[2].date", "$.events[2].end"]
    for (_, message), value in zip(found, ("'2024-02-30'", "'2024-13'"), strict=True):
        # Why, in Python's words (they vary between versions), in brackets at the end.
        assert re.fullmatch(rf"{value} is not a real calendar date \([^()]+\)", message), message


def test_many_values_are_searched_one_by_one_when_the_pattern_looks_past_a_line() -> None:
    import re

    from briefcli.unchecked import _all_match

    numbered = {f"a{n}" for n in range(100)}
    for pattern in (r"\A[ab]\d*$", r"^[ab]\d*\Z", r"^[ab]\d*$"):
        assert _all_match(re.compile(pattern), numbered) is True
        assert _all_match(re.compile(pattern), {"a", "b"}) is True
    # A value with a line break is searched alone: '$' matches before a last line break.
    assert _all_match(re.compile(r"^[a-z0-9]+$"), {f"v{n}" for n in range(70)} | {"ab\n"}) is True
    assert _all_match(re.compile(r"^[a-z0-9]+$"), {f"v{n}" for n in range(70)} | {"a\nb"}) is False
    # Lines that would each match, beside values that do not, as many as the extra lines.
    assert _all_match(re.compile(r"^[a-z0-9]+$"), {f"v{n}" for n in range(70)} | {"a\nb", "-"}) is False
    assert (
        _all_match(re.compile(r"^[a-z0-9]+$"), {f"v{n}" for n in range(70)} | {"a\nb\nc", "-", "--"}) is False
    )


def test_a_list_of_sources_that_must_not_be_empty_is_refused_empty(mini_document: Document) -> None:
    """The fast decode drops only the patterns: a field it redefines keeps its other limits."""
    mini_document["actors"][0]["public_record"] = [{"fact": {"en": "f"}, "sources": []}]
    assert _decoding(json.dumps(mini_document).encode()) == [
        ("$.actors[0].public_record[0].sources", "expected array of length >= 1")
    ]
