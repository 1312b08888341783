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
from hypothesis import given
from hypothesis import strategies as st

from briefcli.errors import BriefError, UsageProblem
from briefcli.files import _names_a_descriptor, atomic_output, file_argument, refuse_same_file
from briefcli.load import BriefingError, load_briefing, parse_briefing
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
