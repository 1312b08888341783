"""The names brief needs from Click and from Typer's completion that Typer exports
under no public name: the one module that reaches into them.

typer (0.28 and 0.29) ships its own copy of Click as the private `typer._click` and
re-exports only `typer.BadParameter` (with `typer.Exit` and `typer.Abort`). brief runs
its app with `standalone_mode=False`, so that every failure becomes one line and an
exit status in `cli.BriefGroup.main`: that needs Click's `ClickException` and
`UsageError` to catch, and `NoSuchOption.possibilities` for "did you mean".
`--show-completion SHELL` prints Typer's script for that shell, which only
`typer._completion_shared` holds. tests/test_options.py fails if any of these names
disappears from a Typer release.
"""

from __future__ import annotations

from typer._click.exceptions import ClickException, NoSuchOption, UsageError
from typer._completion_shared import get_completion_script

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")  # the shells Typer writes a script for

__all__ = ["SHELLS", "ClickException", "NoSuchOption", "UsageError", "get_completion_script"]
