"""The engine adapter (trp_handbook.engine): the only code that knows MkDocs', Material's and i18n's internals."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from helpers import FIXTURE_NAV, FIXTURES, ROOT
from trp_handbook.engine import adapter
from trp_handbook.engine.config import derived_config

ENGINE = ROOT / "src" / "trp_handbook" / "engine"
#: Packages whose internals only the adapter may touch.
INTERNAL_PACKAGES = {"mkdocs_static_i18n", "material"}
#: Attributes of mkdocs-static-i18n's plugin (and of the File objects it makes) that only the adapter reads.
I18N_ATTRIBUTES = {"current_language", "default_language", "build_languages", "building", "extra_alternate",
                   "i18n_files_per_language", "alternates", "locale_alternate_of"}
#: The site engine's packages (ProperDocs answers to ``mkdocs`` too).
ENGINE_PACKAGES = {"mkdocs", "properdocs", "mkdocs_static_i18n", "material"}


def _modules() -> list[Path]:
    return sorted((ROOT / "src" / "trp_handbook").rglob("*.py")) + sorted((ROOT / "hooks").glob("*.py"))


def _outside_adapter() -> list[Path]:
    return [p for p in _modules() if ENGINE not in p.parents]


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"


def engine_internals(path: Path) -> list[str]:
    """Each import of Material or mkdocs-static-i18n, read of an i18n attribute, lookup of the i18n plugin."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        found += [f"{_where(path, node)}: imports {n}" for n in names if n.split(".")[0] in INTERNAL_PACKAGES]
        if isinstance(node, ast.Attribute) and node.attr in I18N_ATTRIBUTES:
            found.append(f"{_where(path, node)}: reads .{node.attr}")
        if isinstance(node, ast.Attribute) and node.attr == "locale" and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "file":  # the language the i18n plugin gives a page's file
            found.append(f"{_where(path, node)}: reads .file.locale")
        if isinstance(node, ast.Constant) and node.value == "i18n":
            found.append(f"{_where(path, node)}: names the i18n plugin")
    return found


def replaced_functions(path: Path) -> list[str]:
    """Each assignment to an attribute of a site engine module (a function of the engine or a plugin replaced)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
               for alias in node.names if alias.name.split(".")[0] in ENGINE_PACKAGES}
    modules |= {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and (node.module or "").split(".")[0] in ENGINE_PACKAGES for alias in node.names}
    found = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            base = target
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(target, ast.Attribute) and isinstance(base, ast.Name) and base.id in modules:
                found.append(f"{_where(path, node)}: assigns {ast.unparse(target)}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" \
                and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in modules:
            found.append(f"{_where(path, node)}: setattr on {node.args[0].id}")
    return found


def test_only_the_adapter_touches_material_or_i18n_internals():
    assert [line for path in _outside_adapter() for line in engine_internals(path)] == []


def test_the_scan_sees_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from mkdocs_static_i18n.config import X\nimport material.plugins\n"
                      "lang = config.plugins.get('i18n').current_language\n", encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in engine_internals_at(sample)]
    assert found == ["imports mkdocs_static_i18n.config", "imports material.plugins", "reads .current_language",
                     "names the i18n plugin"]


def engine_internals_at(path: Path) -> list[str]:
    """:func:`engine_internals` for a file outside the project (the scan's own test)."""
    global ROOT
    saved, ROOT = ROOT, path.parent
    try:
        return engine_internals(path)
    finally:
        ROOT = saved


def test_no_function_of_the_engine_is_replaced():
    assert [line for path in _modules() for line in replaced_functions(path)] == []


def test_the_replacement_scan_sees_a_monkeypatch(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import mkdocs_static_i18n.plugin as i18n_plugin\ni18n_plugin.build = None\n", encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert replaced_functions(sample) == ["sample.py:2: assigns i18n_plugin.build"]
    finally:
        ROOT = saved


def test_the_installed_engine_is_a_supported_version():
    versions = adapter.installed_versions()
    assert adapter.unsupported(versions) == []
    assert adapter.unsupported({**versions, "mkdocs-static-i18n": "1.4.0"}) == ["mkdocs-static-i18n 1.4.0"]


def test_an_unknown_plugin_version_stops_the_engine_with_one_line(tmp_path):
    """A newer mkdocs-static-i18n (its metadata first on the path) stops the engine: exit 3, one line, no site."""
    fake = tmp_path / "fake" / "mkdocs_static_i18n-1.4.0.dist-info"
    fake.mkdir(parents=True)
    (fake / "METADATA").write_text("Metadata-Version: 2.1\nName: mkdocs-static-i18n\nVersion: 1.4.0\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(derived_config(FIXTURES / "site" / "docs", tmp_path / "site", FIXTURE_NAV), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "fake"), os.environ.get("PYTHONPATH", "")]),
           "HANDBOOK_PDF": "off"}
    env.pop("HANDBOOK_FAULT_FD", None)
    result = subprocess.run([sys.executable, "-m", "trp_handbook.engine.process", "build", "-f", str(config)],
                            capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "mkdocs-static-i18n 1.4.0" in lines[0] and "expected" in lines[0], result.stderr
    assert not (tmp_path / "site").exists()
