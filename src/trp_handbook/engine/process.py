"""One site engine process: ``mkdocs build``, with a fault of the machine reported in one line.

``handbook build`` (:mod:`trp_handbook.site.build`) runs one engine per part
of the languages as ``python -m trp_handbook.engine.process build ARGS`` (the arguments
of ``mkdocs build``). The engine is MkDocs' own command; only what MkDocs does
with an error it does not expect changes. A full disk, a folder it may not
write, a killed PDF worker (:class:`~trp_handbook.core.faults.EnvironmentFault`)
would end MkDocs with a Python traceback and exit code 1, as a content problem
does; here it ends with one line (:meth:`~trp_handbook.core.faults.Fault.message`)
and its own exit code. The line goes to the build through the descriptor
named by ``HANDBOOK_FAULT_FD`` (the build prints it once, with what became of
``site/``), or to stderr when the engine runs alone. MkDocs' own
"Error building page ..." line for that error is left out: the fault says it.
SIGTERM (the build stopping this engine) ends its PDF workers and exits at once.

Exit codes: MkDocs' own (0 built, 1 the content failed ``--strict`` or a hook
refused it, 2 bad arguments), then :data:`~trp_handbook.cli.main.EXIT_ENVIRONMENT`
for a fault of the machine and :data:`~trp_handbook.cli.main.EXIT_BUG` for any
other error (its traceback is printed). ``HANDBOOK_VERBOSE=1`` prints the
traceback of a fault too.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Sequence

from trp_handbook.cli.main import EXIT_BUG, EXIT_ENVIRONMENT
from trp_handbook.core.faults import Fault, fault_from

#: The descriptor (a pipe to the build) that receives a fault as one JSON line.
FAULT_FD_ENV = "HANDBOOK_FAULT_FD"
#: ``1``: print the traceback of a fault of the machine as well.
VERBOSE_ENV = "HANDBOOK_VERBOSE"
#: MkDocs' logger of the build steps, whose page errors repeat the fault.
_BUILD_LOGGER = "mkdocs.commands.build"


class _SayFaultsOnce(logging.Filter):
    """Leave out MkDocs' error line about a page when the error is a fault of the machine.

    MkDocs logs "Error building page 'x.md': [Errno 28] ..." inside the
    ``except`` block that then re-raises, so the error is the one being handled.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        handled = sys.exc_info()[1]
        return not (record.levelno >= logging.ERROR and handled is not None and fault_from(handled) is not None)


def _stopped(signum: int, frame: object) -> None:
    """SIGTERM (the build stops this engine): end the book workers at once, then leave by the normal exit.

    Dying of the signal would skip multiprocessing's clean-up, and its
    resource tracker would warn of "leaked semaphore objects" under the
    build's last line; waiting for the workers would wait for their books.
    """
    for worker in multiprocessing.active_children():
        worker.kill()
    raise SystemExit(128 + signum)


def _site_dir(args: Sequence[str]) -> str:
    """The ``--site-dir`` (``-d``) among ``args``: the folder a write without a file name was writing to."""
    for i, arg in enumerate(args):
        if arg in ("--site-dir", "-d") and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--site-dir="):
            return arg.split("=", 1)[1]
    return ""


def report(fault: Fault) -> None:
    """Hand the fault to the build that started this engine, or say it on stderr."""
    fd = os.environ.get(FAULT_FD_ENV, "")
    if fd.isdigit():
        try:
            os.write(int(fd), (fault.as_json() + "\n").encode("utf-8"))
            return
        except OSError:
            pass  # the build is gone: say it here
    print(f"error: {fault.message()}", file=sys.stderr)


def engine_cli():
    """The engine's command line: MkDocs', or ProperDocs' where MkDocs is not installed (``make ENGINE=properdocs``).

    Importing ProperDocs' command line also makes every ``mkdocs.*`` import (the
    plugins', the hooks') resolve to ProperDocs (``properdocs.replacement``).
    """
    from importlib import metadata

    try:
        metadata.version("mkdocs")
    except metadata.PackageNotFoundError:
        from properdocs.__main__ import cli
    else:
        from mkdocs.__main__ import cli
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run the engine with ``argv``; the exit code says content (1), machine (3) or bug (4)."""
    from trp_handbook.engine.adapter import check_versions

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        cli = engine_cli()
        check_versions()  # before anything is built: an unknown version is the environment's fault
    except Exception as exc:  # noqa: BLE001 - sorted as below
        fault = fault_from(exc)
        if fault is None:
            raise
        report(fault)
        return EXIT_ENVIRONMENT
    verbose = os.environ.get(VERBOSE_ENV) == "1"
    if not verbose:
        logging.getLogger(_BUILD_LOGGER).addFilter(_SayFaultsOnce())
    signal.signal(signal.SIGTERM, _stopped)
    try:
        cli.main(args=args, prog_name="mkdocs", standalone_mode=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except Exception as exc:  # noqa: BLE001 - sorted below: the machine's, or a bug
        fault = fault_from(exc, path=_site_dir(args))
        if fault is None:
            traceback.print_exc()
            print("error: a bug in the handbook's code stopped the site engine (the traceback above); "
                  "please report it", file=sys.stderr)
            return EXIT_BUG
        if verbose:
            traceback.print_exc()
        report(fault)
        return EXIT_ENVIRONMENT
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
