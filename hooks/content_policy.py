"""MkDocs adapter: refuse unsafe or broken content before anything is built (trp_handbook.policy.content).

* ``on_config`` (the outer build only, priority 90: after hooks/languages.py has
  read the language list, before every other handbook hook): check the whole
  docs tree (a part of a parallel build: the languages it renders). Every problem is a ``log.warning`` line ``file:line: rule:
  message``. Layout problems (a file outside a language folder, a generated
  edition's folder, a non-UTF-8 page ...) stop the build at once; content
  problems stop it at once under ``--strict`` (the handbook's build), instead of
  after every language and PDF has been made.
* ``on_files`` (the outer build only, priority -90: after the hooks that add
  generated pages (10), before mkdocs-static-i18n sorts the files (-100)): every
  ``nav`` entry must name a page of the default language, real or generated.
* ``on_page_content``: the page as Python-Markdown really rendered it (with the
  citation extension, generated pages included) is checked once more for what
  can run or load anything, so markup that only appears when rendered is caught.

The allow-list of contacts is ``data/contacts-allowlist.yml`` beside the
configuration file when there is one (a fixture's), else the project's.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from trp_handbook.policy import content as content_policy
from trp_handbook.site import config as site_config
from trp_handbook.core.errors import HandbookError, relative
from trp_handbook.core.languages import default_language
from trp_handbook.core.project import REPO_ROOT, data_dir

# named by its file: MkDocs names a hook module by its configured path and cuts the
# prefix at the first dot, which an absolute path (a derived configuration) may hold
log = get_plugin_logger(f"hooks/{Path(__file__).stem}")
_state = {"reported": set(), "root": REPO_ROOT}

#: What the rendered check reports: what runs or loads (links' http:// may come from the registry).
_RENDERED_RULES = frozenset({
    "unsafe-element", "event-handler", "unsafe-url", "style-url", "meta-refresh", "svg-script", "remote-resource",
})


def _root(config):
    return Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()


def _show(path):
    """A path as contributors know it: relative to the project (docs/en/x.md)."""
    shown = relative(Path(path), _state["root"])
    return relative(Path(path), REPO_ROOT) if shown.startswith("/") else shown


def _allowlist(root):
    local = root / "data" / "contacts-allowlist.yml"
    return local if local.exists() else data_dir() / "contacts-allowlist.yml"


@event_priority(90)
def on_config(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return config  # a nested language build: the outer build has checked the whole tree
    _state["root"] = _root(config)
    _state["reported"] = set()
    docs = Path(config.docs_dir)
    try:
        allowlist = _allowlist(_state["root"])
        policy = content_policy.load_policy(allowlist, _show(allowlist))
        # rendered=False: every page is rendered by the build and checked in on_page_content;
        # a part of a parallel build checks the languages it renders
        part = site_config.shard_languages()
        problems = content_policy.check_tree(docs, policy, _show, rendered=False, languages=part)
        if problems:  # the build stops here: list everything `make check` would, rendered markup too
            problems = content_policy.check_tree(docs, policy, _show, rendered=True, languages=part)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    _state["policy"] = policy
    _refuse(problems, config)
    return config


def _refuse(problems, config):
    """Log every problem; stop on a layout problem, or on any problem under --strict."""
    for problem in problems:
        _state["reported"].add((problem.file, problem.rule, problem.message))
        log.warning(str(problem))
    layout = [p for p in problems if p.rule in content_policy.LAYOUT_RULES]
    if layout or (problems and config.strict):
        raise PluginError(
            f"content policy: {len(problems)} problem(s), listed above; expected none "
            "(CONTRIBUTING.md explains each rule; `make check` lists them without building)"
        )


@event_priority(-90)
def on_files(files, config):
    i18n = config.plugins.get("i18n")
    if (i18n is not None and i18n.building) or not config.nav or not config.config_file_path:
        return files
    if not site_config.renders_default():
        return files  # the part that renders the default language checks the navigation
    prefix = f"{default_language().code}/" if i18n is not None else ""
    present = {f.src_uri[len(prefix):] for f in files.documentation_pages() if f.src_uri.startswith(prefix)}
    _refuse(content_policy.nav_problems(Path(config.config_file_path), Path(config.docs_dir), _state["policy"],
                                        _show, present), config)
    return files


def on_page_content(html, page, config, files):
    source_path = page.file.abs_src_path
    source = None
    if source_path and Path(source_path).is_file():
        source = Path(source_path).read_text(encoding="utf-8", errors="replace")
    shown = _show(source_path) if source_path else page.file.src_uri
    for problem in content_policy.rendered_problems(html, shown, source, _RENDERED_RULES):
        key = (problem.file, problem.rule, problem.message)
        if key not in _state["reported"]:
            _state["reported"].add(key)
            log.warning(str(problem))
    return html
