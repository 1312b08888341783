"""`brief` and `python -m briefcli`: settle how signals end brief, then run it."""

from __future__ import annotations

import sys


def main() -> None:
    import signal

    # A closed pipe (`brief timeline | head -1`) ends brief the way it ends cat: quietly,
    # by SIGPIPE, with no traceback and no "Exception ignored" at exit.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        from briefcli.cli import run  # importing Typer takes long enough for a Ctrl-C to land

        run()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
