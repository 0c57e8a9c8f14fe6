"""``handbook check``: every content check in one run (``make check``).

Runs the content policy and, when their modules are installed, the other
checks registered with the command line (the text store, legislation, country facts,
translation parity, glossary), each through the command registry, so a check added later needs no
change here beyond its name in :data:`CHECKS`. Every finding of every check is
printed; the exit code is the worst of theirs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys

from trp_handbook.cli import main as cli
from trp_handbook.cli.main import (
    EXIT_BROKEN_INPUT,
    EXIT_BUG,
    EXIT_ENVIRONMENT,
    EXIT_OK,
    EXIT_PROBLEMS,
    add_format_option,
    command,
)
from trp_handbook.core.errors import HandbookError

#: The checks ``handbook check`` runs, in this order, when they are registered.
CHECKS = ("check-content", "check-legislation", "check-facts", "check-texts", "check-parity", "check-glossary",
          "check-language")

EPILOG = f"""\
runs, when available: {", ".join(CHECKS)}

exit codes:
  {EXIT_OK}  every check passed (warnings may be printed)
  {EXIT_PROBLEMS}  a check found problems in the content
  {EXIT_BROKEN_INPUT}  a check could not run (missing or invalid data file, bad option)
  {EXIT_ENVIRONMENT}  the machine stopped a check (a file it may not read, a missing program): one line says what to do
  {EXIT_BUG}  a bug stopped a check (its traceback is printed)
"""


def _run_check(name: str, fmt: str) -> tuple[int, str, str]:
    """Run one registered check; (exit code, what it printed, what it printed on stderr)."""
    parser = cli.build_parser()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = parser.parse_args([name, "--format", fmt])
            code = int(args._run(args))
        except HandbookError as exc:
            print(str(exc), file=sys.stderr)
            code = EXIT_BROKEN_INPUT
        except SystemExit as exc:  # argparse: the check does not take these options
            code = exc.code if isinstance(exc.code, int) else EXIT_BROKEN_INPUT
        except Exception as exc:  # noqa: BLE001 - the machine's (one line) or a bug (traceback); the others run on
            code = cli.explain_failure(exc)
    return code, out.getvalue(), err.getvalue()


def run_checks(fmt: str = "text", checks: tuple[str, ...] = CHECKS) -> int:
    """Run every available check; print their findings; return the worst exit code."""
    cli.build_parser()  # imports the modules that register commands
    available = [name for name in checks if name in cli._COMMANDS]
    results = {name: _run_check(name, fmt) for name in available}
    worst = max((code for code, _, _ in results.values()), default=EXIT_OK)
    failed = [name for name, (code, _, _) in results.items() if code != EXIT_OK]
    if fmt == "json":
        payload = {"checks": {}, "failed": failed, "exit_code": worst}
        for name, (code, out, err) in results.items():
            try:
                payload["checks"][name] = {"exit_code": code, **json.loads(out)}
            except ValueError:
                payload["checks"][name] = {"exit_code": code, "output": out, "error": err.strip()}
        print(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True))
        return worst
    for name, (code, out, err) in results.items():
        print(f"== {name} ==")
        print(out.rstrip("\n"))
        if err.strip():
            print(err.rstrip("\n"))
    missing = [name for name in checks if name not in available]
    if missing:
        print(f"(not available here: {', '.join(missing)})")
    print(f"check: {'failed: ' + ', '.join(failed) if failed else 'all checks passed'}")
    return worst


@command("check", help="run every content check (content policy, texts, legislation, translations, glossary, language)")
def configure(parser: argparse.ArgumentParser):
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        return run_checks(args.format)

    return run
