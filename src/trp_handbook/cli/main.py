"""The handbook's command line: ``scripts/handbook <command>`` (or ``handbook``).

One program with a subcommand per task, each a thin front over a module of this
package. Every command accepts ``--format json`` where it reports findings.

Exit codes (all commands), for scripts to tell content, machine and bug apart:
  0    success, nothing to report (warnings may be printed)
  1    the content has problems (each printed as file:line; `build`: the strict build failed)
  2    the command could not run on its input: bad arguments, a missing or invalid data file
  3    the machine stopped it, not the content: no space left, a file or folder it may not
       read or write, a read-only file system, a missing system library or program, a
       process killed (out of memory); one line names the path and what to do
  4    a bug in the handbook's code: the traceback is printed, please report it
  128+N  `build` was interrupted by signal N (130 Ctrl-C, 143 SIGTERM); site/ is left as it was
Add --verbose to a command to see the traceback behind a line of code 3.
The project is the one at or above the working directory; --root FOLDER names another.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any

from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.faults import fault_from

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BROKEN_INPUT = 2
#: A fault of the machine (trp_handbook.core.faults): disk full, no permission, missing library, killed.
EXIT_ENVIRONMENT = 3
#: An error the code did not expect: a bug, reported with its traceback.
EXIT_BUG = 4

#: name -> (help, configure(parser), run(args) -> exit code)
Command = tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
_COMMANDS: dict[str, Command] = {}


def command(name: str, help: str) -> Callable[[Callable[[argparse.ArgumentParser], None]], Any]:
    """Register a subcommand: decorate its ``configure`` function, which returns ``run``.

    Modules add their own commands this way, so this file never grows a long
    if/else over command names.
    """

    def wrap(configure: Callable[[argparse.ArgumentParser], Callable[[argparse.Namespace], int]]):
        def _configure(parser: argparse.ArgumentParser) -> None:
            parser.set_defaults(_run=configure(parser))

        _COMMANDS[name] = (help, _configure, lambda args: args._run(args))
        return configure

    return wrap


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for machines",
    )


def report(problems: Sequence[Problem], fmt: str, summary: dict[str, Any] | None = None) -> int:
    """Print findings as text or JSON; the exit code says whether any is an error."""
    errors = [p for p in problems if p.severity == "error"]
    if fmt == "json":
        payload = {"problems": [p.as_dict() for p in problems], "errors": len(errors)}
        if summary:
            payload["summary"] = summary
        print(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        for p in problems:
            print(str(p) if p.severity == "error" else f"{p} (warning)")
        if summary:
            for key, value in summary.items():
                print(f"{key}: {value}")
        if not problems:
            print("no problems found")
    return EXIT_PROBLEMS if errors else EXIT_OK


def _load_command_modules() -> None:
    """Import the modules that register commands (each adds its own)."""
    import importlib

    for module in ("site", "legislation", "facts", "translations", "language", "book", "content", "texts", "check", "release",
                   "bench",
                   "lighthouse"):
        importlib.import_module(f"trp_handbook.cli.{module}")


def build_parser() -> argparse.ArgumentParser:
    _load_command_modules()
    parser = argparse.ArgumentParser(
        prog="handbook",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in sorted(_COMMANDS):
        help_text, configure, _ = _COMMANDS[name]
        p = sub.add_parser(name, help=help_text, description=help_text)
        configure(p)
        p.add_argument("--verbose", action="store_true",
                       help="show the traceback behind a fault of the machine (exit code 3)")
    return parser


def explain_failure(exc: Exception, verbose: bool = False) -> int:
    """Say in one line why a command stopped, and return its exit code: the machine's (3) or a bug (4)."""
    fault = fault_from(exc)
    if fault is None:
        traceback.print_exception(exc)
        print("error: a bug in the handbook's code stopped the command (the traceback above); please report it",
              file=sys.stderr)
        return EXIT_BUG
    if verbose:
        traceback.print_exception(exc)
    print(f"error: {fault.message()}", file=sys.stderr)
    return EXIT_ENVIRONMENT


def _use_root_option(argv: list[str]) -> list[str]:
    """Take ``--root FOLDER`` (before the command) out of ``argv`` and work on that project."""
    from pathlib import Path

    from trp_handbook.core.project import is_project, use_root

    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--root", type=Path)
    known, rest = pre.parse_known_args(argv)
    if known.root is not None:
        if not is_project(known.root):
            raise HandbookError(f"--root {known.root}: not a handbook project; expected a folder with mkdocs.yml "
                                "and data/languages.yml")
        use_root(known.root)
    return rest


def main(argv: Sequence[str] | None = None) -> int:
    try:
        argv = _use_root_option(list(sys.argv[1:] if argv is None else argv))
    except HandbookError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BROKEN_INPUT
    parser = build_parser()
    parser.add_argument("--root", help="the project's folder (default: the one at or above the working directory)")
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_BROKEN_INPUT
    try:
        return int(args._run(args))
    except HandbookError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BROKEN_INPUT
    except Exception as exc:  # noqa: BLE001 - a fault of the machine (one line) or a bug (traceback)
        return explain_failure(exc, getattr(args, "verbose", False))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
