"""Command-line front for editions: ``handbook changelog``, ``handbook bundle``, ``handbook release``."""

from __future__ import annotations

import argparse
from pathlib import Path

from trp_handbook.cli.main import command
from trp_handbook.core.project import root as project_root
from trp_handbook.release import bundle as release
from trp_handbook.site.build import build_site


def _edition_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--edition", type=int, required=True, help="the edition number of data/editions.yml")


@command("changelog", "regenerate the edition's 'changes in the law' in CHANGELOG.md from the previous edition tag")
def _configure_changelog(parser: argparse.ArgumentParser):
    _edition_option(parser)
    parser.add_argument("--ref", default="HEAD", help="the state to compare with the previous edition (default HEAD)")

    def run(args: argparse.Namespace) -> int:
        print(release.update_changelog(project_root(), args.edition, args.ref), end="")
        return 0

    return run


@command("bundle", "copy an edition's PDFs, offline ZIP, release notes and SHA256SUMS into dist/edition-N/")
def _configure_bundle(parser: argparse.ArgumentParser):
    _edition_option(parser)
    parser.add_argument("--site-dir", type=Path, default=project_root() / "site", help="the built site (default site/)")

    def run(args: argparse.Namespace) -> int:
        target = release.make_bundle(project_root(), args.edition, args.site_dir)
        print(f"bundle written to {target.relative_to(project_root()).as_posix()}/")
        return 0

    return run


@command("release", "cut an edition: changelog, full build, bundle, then tag edition-N (run on a clean tree)")
def _configure_release(parser: argparse.ArgumentParser):
    _edition_option(parser)

    def run(args: argparse.Namespace) -> int:
        release.edition(args.edition, project_root())  # fails early on an unknown edition
        built = build_site(verbose=args.verbose)
        if built != 0:
            return built  # the build's own code: content (1), machine (3), bug (4), interrupted
        target = release.make_bundle(project_root(), args.edition, project_root() / "site")
        name = release.tag(project_root(), args.edition)
        print(f"{name}: bundle in {target.relative_to(project_root()).as_posix()}/; push the tag to publish it")
        return 0

    return run
