"""``handbook check-content``: the content policy over docs/ (see :mod:`trp_handbook.policy.content`).

A thin front: the MkDocs build runs the same checks (hooks/content_policy.py),
so a clean run here means the build will not refuse the content.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trp_handbook.cli.main import EXIT_BROKEN_INPUT, EXIT_OK, EXIT_PROBLEMS, add_format_option, command, report
from trp_handbook.core.errors import relative
from trp_handbook.core.project import data_dir, docs_dir
from trp_handbook.core.project import root as project_root
from trp_handbook.policy.content import LAYOUT_RULES, check_tree, load_policy, nav_problems

EPILOG = f"""\
rules (file:line: rule: what was found; expected ...):
  safety    unsafe-element, event-handler, unsafe-url, style-url, meta-refresh, svg-script
  privacy   remote-resource, insecure-link, personal-email, personal-phone
  text      control-character, front-matter, empty-page, duplicate-anchor
  links     broken-link (missing page, file or anchor), outside-docs (links and --8<-- includes)
  layout    {", ".join(sorted(LAYOUT_RULES))}
An organisation's published e-mail address or phone number may be shown once it
is listed in data/contacts-allowlist.yml.

exit codes:
  {EXIT_OK}  no problems
  {EXIT_PROBLEMS}  the content breaks the policy (every problem is printed)
  {EXIT_BROKEN_INPUT}  data/languages.yml or the allow-list cannot be read, or a path is missing
"""


@command("check-content", help="check docs/ against the content policy (safety, privacy, links, layout)")
def configure(parser: argparse.ArgumentParser):
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("--docs", type=Path, default=None, metavar="DIR",
                        help="the docs folder, with one folder per language (default: docs/)")
    parser.add_argument("--allowlist", type=Path, default=None, metavar="FILE",
                        help="organisational contacts pages may show (default: data/contacts-allowlist.yml)")
    parser.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help="the mkdocs.yml whose nav entries must exist "
                             "(default: the project's mkdocs.yml when --docs is not given)")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        cwd = Path.cwd()
        docs = args.docs or docs_dir()
        if not docs.is_dir():
            parser.error(f"--docs {docs}: not a folder; expected the docs folder with one folder per language")
        config = args.config or (project_root() / "mkdocs.yml" if args.docs is None else None)
        if config is not None and not config.is_file():
            parser.error(f"--config {config}: not a file; expected a mkdocs.yml")
        allowlist = args.allowlist or data_dir() / "contacts-allowlist.yml"

        def shown(path: Path) -> str:
            return relative(path, cwd)

        policy = load_policy(allowlist, shown(allowlist))
        problems = check_tree(docs, policy, shown)
        if config is not None:
            problems += nav_problems(config, docs, policy, shown)
        pages = sum(1 for _ in docs.rglob("*.md"))
        return report(problems, args.format, {"pages": pages})

    return run
