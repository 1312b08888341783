"""`brief` and `python -m briefcli`: the process around the app.

A command-line tool is paid for at every start, so the process is set up for a
short life: no cyclic garbage collection, and no interpreter teardown at the end.
`run()` is the whole run but the exit (tests and coverage call it); `leave()` is the
one way out.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import signal
import sys
from collections.abc import Callable
from typing import NoReturn

from briefcli.errors import ENDING_SIGNALS, ExitStatus, Terminated, signal_status


def main() -> NoReturn:
    # brief creates no reference cycles worth collecting before it exits; reference
    # counting still frees everything. Without the collector a run is ~4 ms shorter.
    gc.disable()
    leave(run())


def run(argv: list[str] | None = None) -> int:
    """Run brief on `argv` (default: the command line) and return its exit status.

    Every outcome, including Ctrl-C, SIGTERM and a failed write of the last buffered
    output, becomes a status here through `cli.report`: nothing escapes.
    """
    _prepare_process()
    report: Callable[[BaseException], int] | None = None
    try:
        from briefcli.cli import app, report  # importing Typer takes long enough for a Ctrl-C to land

        status = app(args=argv, standalone_mode=False)  # reports its own errors; this is the status
        try:
            sys.stdout.flush()  # the last of the output: a full disk may only show here
        except OSError:
            if status == ExitStatus.OK:  # else the failure was already reported
                raise
    except SystemExit as exit:  # shell completion, and Click's own early exits
        status = exit.code if isinstance(exit.code, int) else ExitStatus.ERROR
    except BaseException as exc:
        status = report(exc) if report is not None else _before_the_app(exc)
    return int(status)


def _before_the_app(exc: BaseException) -> int:
    """A failure before `cli.report` exists: a signal while importing, or a broken install."""
    status = signal_status(exc)
    if status is not None:
        return status
    with contextlib.suppress(OSError, ValueError):
        print(f"brief: internal error: {type(exc).__name__}: {exc}. This is a bug in brief.", file=sys.stderr)
    return ExitStatus.INTERNAL


def leave(status: int) -> NoReturn:
    """Exit without tearing the interpreter down (~12 ms of a 60 ms run).

    Safe because every file brief writes is closed when its command returns, brief
    registers no exit handler, and `run` flushed stdout. When something else does
    register exit handlers (coverage.py measuring a subprocess), exit normally so they run.
    """
    # The status is decided: a late Ctrl-C or SIGTERM must not turn it into a traceback.
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, ENDING_SIGNALS)
    if sys.stdout is not None:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    if "coverage" in sys.modules:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.close()  # output that could not be written is dropped, not retried at exit
        sys.exit(status)
    os._exit(status)


def _prepare_process() -> None:
    # A closed pipe (`brief timeline | head -1`) ends brief the way it ends cat: quietly,
    # by SIGPIPE, with no traceback and no "Exception ignored" at exit.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # SIGTERM and SIGHUP unwind like Ctrl-C, so `export -o` removes its temporary file.
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, _terminate)
    _reopen_closed_streams()
    _buffer_stdout()
    from briefcli.terminal import drop_malformed_sizes

    drop_malformed_sizes()


def _buffer_stdout() -> None:
    """Under PYTHONUNBUFFERED, stdout's bytes go straight to the descriptor, and a short
    write (a file-size limit reached midway) would silently lose the rest: a buffered
    writer retries until all is written or an error is raised. Lines still go out at once."""
    stdout = sys.stdout
    if stdout is None or not isinstance(getattr(stdout, "buffer", None), io.RawIOBase):
        return
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(stdout.buffer),
        encoding=stdout.encoding,
        errors=stdout.errors,
        line_buffering=True,
        write_through=True,
    )


def _terminate(number: int, _frame: object) -> None:
    raise Terminated(number)


def _reopen_closed_streams() -> None:
    """Give a closed stdin, stdout or stderr (cron, daemons: `>&-`) a stand-in.

    A closed descriptor would be reused by the next file brief opens. stdout becomes
    /dev/null opened read-only, so that writing results fails as it would on the closed
    descriptor ("Bad file descriptor": one line, exit 1); stderr becomes /dev/null, so
    that messages are dropped rather than written to stdout, with the same exit status.
    """
    for number, name, flags in (
        (0, "stdin", os.O_RDONLY),
        (1, "stdout", os.O_RDONLY),
        (2, "stderr", os.O_WRONLY),
    ):
        try:
            os.fstat(number)
            continue
        except OSError:
            pass
        stand_in = os.open(os.devnull, flags)
        if stand_in != number:
            os.dup2(stand_in, number)
            os.close(stand_in)
        mode = "r" if number == 0 else "w"
        stream = open(number, mode, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115 - for the whole run
        setattr(sys, name, stream)


if __name__ == "__main__":
    main()
