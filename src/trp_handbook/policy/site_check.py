"""The content policy over one site build: the whole tree first, the navigation, every rendered page.

The build refuses unsafe or broken content before anything is built: the
docs tree is checked once per site build (a shard: the languages it renders),
every problem logged as ``file:line: rule: message``; layout problems (a file
outside a language folder, a non-UTF-8 page ...) stop the build at once, content
problems too under ``--strict`` (the handbook's build), instead of after every
language and book has been made. Every ``nav`` entry must name a page of the
default language. Each page as Python-Markdown really rendered it (generated
pages included) is checked once more for what can run or load anything.

The allow-list of contacts is ``data/contacts-allowlist.yml`` beside the
configuration file when there is one (a fixture's), else the project's. The
hook ``hooks/content_policy.py`` hands the engine's events to :class:`SiteCheck`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.project import data_dir
from trp_handbook.policy import content as content_policy

#: What the rendered check reports: what runs or loads (links' http:// may come from the registry).
RENDERED_RULES = frozenset({
    "unsafe-element", "event-handler", "unsafe-url", "style-url", "meta-refresh", "svg-script", "remote-resource",
})


class SiteCheck:
    """The policy and the problems already reported during one site build."""

    def __init__(self, config_folder: Path, show: Callable[[str | Path], str], log: logging.Logger):
        self.show = show
        self.log = log
        self.reported: set[tuple[str, str, str]] = set()
        local = config_folder / "data" / "contacts-allowlist.yml"
        allowlist = local if local.exists() else data_dir() / "contacts-allowlist.yml"
        self.policy = content_policy.load_policy(allowlist, show(allowlist))

    def tree(self, docs: Path, languages: list[str], strict: bool) -> None:
        """Check the docs tree (``languages``' folders) as sources; stop the build if it must stop."""
        # rendered=False: every page is rendered by the build and checked in :meth:`rendered`
        problems = content_policy.check_tree(docs, self.policy, self.show, rendered=False, languages=languages)
        if problems:  # the build stops here: list everything `make check` would, rendered markup too
            problems = content_policy.check_tree(docs, self.policy, self.show, rendered=True, languages=languages)
        self.refuse(problems, strict)

    def navigation(self, config_file: Path, docs: Path, present: set[str], strict: bool) -> None:
        """Every ``nav`` entry must be one of the default language's pages (``present``, generated ones too)."""
        self.refuse(content_policy.nav_problems(config_file, docs, self.policy, self.show, present), strict)

    def refuse(self, problems: list[Problem], strict: bool) -> None:
        """Log every problem; stop on a layout problem, or on any problem under --strict."""
        for problem in problems:
            self.reported.add((problem.file, problem.rule, problem.message))
            self.log.warning(str(problem))
        layout = [p for p in problems if p.rule in content_policy.LAYOUT_RULES]
        if layout or (problems and strict):
            raise HandbookError(
                f"content policy: {len(problems)} problem(s), listed above; expected none "
                "(CONTRIBUTING.md explains each rule; `make check` lists them without building)"
            )

    def rendered(self, html: str, source_path: str | None, src_uri: str) -> None:
        """Log what the rendered page may run or load, unless the source check said it already."""
        source = None
        if source_path and Path(source_path).is_file():
            source = Path(source_path).read_text(encoding="utf-8", errors="replace")
        shown = self.show(source_path) if source_path else src_uri
        for problem in content_policy.rendered_problems(html, shown, source, RENDERED_RULES):
            key = (problem.file, problem.rule, problem.message)
            if key not in self.reported:
                self.reported.add(key)
                self.log.warning(str(problem))
