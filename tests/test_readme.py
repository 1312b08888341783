"""The README stays true: its examples are what brief prints, its reference matches brief."""

from __future__ import annotations

import re

import pytest

from briefcli.render.records import ActorRecord, EventRecord, HitRecord, QuoteRecord, fields
from tests.conftest import COMMANDS
from tests.readme import README, Example, examples, needs_missing, run

TEXT = README.read_text(encoding="utf-8")
EXAMPLES = examples(TEXT)


def test_the_readme_has_examples_of_every_command() -> None:
    commands = " ".join(example.command for example in EXAMPLES)
    for command in COMMANDS:
        assert f"brief {command}" in commands
    assert "| jq" in commands


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.command for example in EXAMPLES])
def test_each_example_prints_what_the_readme_shows(example: Example) -> None:
    reason = needs_missing(example.command)
    if reason:
        pytest.skip(reason)
    assert run(example.command) == example.output, "refresh with: python -m tests.readme --write"


def test_quick_start_is_exactly_two_commands() -> None:
    block = re.search(r"## Quick start\n\n```sh\n(.*?)```", TEXT, re.DOTALL)
    assert block is not None
    assert block[1].splitlines() == ["pip install . && brief summary", "pip install -e '.[test]' && pytest"]


@pytest.mark.parametrize(
    "record", [ActorRecord, EventRecord, QuoteRecord, HitRecord], ids=lambda r: r.__name__
)
def test_every_json_field_is_documented(record: type) -> None:
    section = TEXT.split(f"<!-- fields: {record.__name__} -->", 1)[1].split("<!-- /fields -->", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, re.MULTILINE)
    assert documented == list(fields(record))


def test_the_exit_statuses_are_documented() -> None:
    from briefcli.errors import ExitStatus

    for status in ExitStatus:
        assert re.search(rf"^\| {status.value} \|", TEXT, re.MULTILINE), status
