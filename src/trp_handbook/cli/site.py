"""Command-line front for building the site: ``handbook build``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from trp_handbook.cli.main import command
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.project import root as project_root
from trp_handbook.site.build import build_site
from trp_handbook.site.config import languages_to_build

_BUILD_EXIT_CODES = """\
exit codes:
  0    built; site/ replaced
  1    the content failed the strict build (MkDocs' findings above, as file:line)
  2    bad arguments (--languages, --jobs, HANDBOOK_LANGUAGES)
  3    the machine stopped it: no space left (with roughly what the build needs), a file or
       folder it may not read or write, a read-only file system, a missing library or
       program, an engine or PDF worker killed (out of memory); one line says what to do
  4    a bug in the handbook's code (its traceback is printed)
  128+N  interrupted by signal N (130 Ctrl-C, 143 SIGTERM)
Whatever the code, site/ is replaced only by a complete build; a killed build's
temporary folders are removed by the next build."""


@command("build", "build every language (site, PDFs, offline ZIP) into site/, atomically")
def _configure_build(parser: argparse.ArgumentParser):
    parser.epilog = _BUILD_EXIT_CODES
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--site-dir", type=Path, default=None, help="where to put the site (default: site/)")
    parser.add_argument("--config-file", type=Path, default=None,
                        help="another configuration (default: mkdocs.yml; the benchmark builds copies)")
    parser.add_argument(
        "--languages",
        default="",
        help="comma-separated language codes to build (default: all; English is always built)",
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF editions (faster preview builds)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="engines rendering languages at the same time (default: one per available core; "
                             "1 renders every language in one process)")

    def run(args: argparse.Namespace) -> int:
        env = {}
        if args.languages:
            env["HANDBOOK_LANGUAGES"] = args.languages
        if args.no_pdf:
            env["HANDBOOK_PDF"] = "off"
        if args.jobs is not None and args.jobs < 1:
            parser.error("--jobs: expected a number of at least 1")
        # paths as the user typed them, from the current folder (the engines run in the repository)
        site = args.site_dir.resolve() if args.site_dir else None
        config = args.config_file.resolve() if args.config_file else None
        return build_site(site=site, config_file=config, extra_env=env, jobs=args.jobs, verbose=args.verbose)

    return run


def preview_env(languages: str) -> dict[str, str]:
    """The environment of a live preview: no PDFs; with ``languages``, only those are rendered.

    A preview of one language renders that language alone (its untranslated
    pages in English), so a saved page is served again in about a second; the
    language selector still lists English, which the preview does not render.
    """
    env = {"HANDBOOK_PDF": "off", "NO_MKDOCS_2_WARNING": "1"}
    if languages:
        env["HANDBOOK_LANGUAGES"] = languages
        env["HANDBOOK_SHARD_LANGUAGES"] = languages
    return env


def serve_command(config_file: Path, address: str) -> list[str]:
    """The engine's live preview (MkDocs', or ProperDocs' in its environment: trp_handbook.engine.process)."""
    return [sys.executable, "-m", "trp_handbook.engine.process", "serve", "--config-file", str(config_file),
            "--dev-addr", address]


@command("serve", "live preview at http://127.0.0.1:8000/ (rebuilt on every save; no PDFs)")
def _configure_serve(parser: argparse.ArgumentParser):
    parser.add_argument("--languages", default="",
                        help="comma-separated language codes to render (default: all); "
                             "e.g. sr previews the Serbian edition at /sr/ alone, the fastest preview")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address and port to serve on")
    parser.add_argument("--config-file", type=Path, default=project_root() / "mkdocs.yml", help="default: mkdocs.yml")

    def run(args: argparse.Namespace) -> int:
        try:
            languages_to_build(env={"HANDBOOK_LANGUAGES": args.languages})
        except HandbookError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        first = args.languages.split(",")[0].strip() if args.languages else ""
        print(f"preview: http://{args.dev_addr}/{first + '/' if first and first != 'en' else ''}", file=sys.stderr)
        # exec: the preview server is this process, so a signal to it (Ctrl-C, a test's terminate) ends it
        os.chdir(args.config_file.resolve().parent)
        command = serve_command(args.config_file, args.dev_addr)
        os.execve(command[0], command, {**os.environ, **preview_env(args.languages)})

    return run
