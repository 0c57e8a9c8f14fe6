"""A site configuration for a fixture docs tree, derived from the real one.

Tests (and the benchmark) build small or generated handbooks with exactly the
real ``mkdocs.yml`` — same theme, plugins, hooks and extensions — only with
another ``docs_dir``, ``nav`` and ``site_dir``. Paths in the real file are made
absolute so the derived file can live anywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from trp_handbook.core.project import root as project_root


class _Loader(yaml.SafeLoader):
    """Keeps MkDocs' Python tags (``!!python/object/apply``) as they are."""


class _Tagged:
    def __init__(self, tag: str, node: yaml.Node, loader: yaml.Loader):
        self.tag = tag
        self.value = loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode) else (
            loader.construct_sequence(node, deep=True) if isinstance(node, yaml.SequenceNode) else loader.construct_scalar(node)
        )


def _construct_tagged(loader: yaml.Loader, suffix: str, node: yaml.Node) -> _Tagged:
    return _Tagged("tag:yaml.org,2002:python/" + suffix, node, loader)


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.Dumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Dumper.add_representer(_Tagged, _represent_tagged)


def load_site_config(config_file: Path | None = None) -> dict[str, Any]:
    return yaml.load((config_file or project_root() / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def derived_config(
    docs_dir: Path, site_dir: Path, nav: list[Any] | None, config_file: Path | None = None, **overrides: Any
) -> str:
    """The YAML text of the real configuration pointed at another docs tree."""
    config_file = config_file or project_root() / "mkdocs.yml"
    root = config_file.parent
    data = load_site_config(config_file)
    data["docs_dir"] = str(docs_dir)
    data["site_dir"] = str(site_dir)
    if nav is None:
        data.pop("nav", None)
    else:
        data["nav"] = nav
    data["theme"]["custom_dir"] = str(root / data["theme"]["custom_dir"])
    data["hooks"] = [str(root / h) for h in data.get("hooks", [])]
    data.update(overrides)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def bare_config(docs_dir: Path, site_dir: Path, nav: list[Any], languages: list[dict[str, Any]]) -> str:
    """The same engine, theme and plugins with none of the handbook's own code.

    No hooks, no overrides (templates, stylesheets), no custom slugify, and the
    i18n plugin given its languages directly: what ``mkdocs build`` costs
    without the handbook's hooks and extensions (the benchmark's baseline).
    """
    data = load_site_config()
    data["docs_dir"], data["site_dir"], data["nav"] = str(docs_dir), str(site_dir), nav
    data.pop("hooks", None)
    data.pop("extra_css", None)
    data["theme"].pop("custom_dir", None)
    data["extra"].pop("polyfills", None)
    data["markdown_extensions"] = [
        {"toc": {"permalink": True}} if isinstance(e, dict) and "toc" in e else e
        for e in data["markdown_extensions"]
        if not (isinstance(e, str) and e.startswith("trp_handbook."))  # the handbook's own extensions
    ]
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"]["languages"] = languages
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
