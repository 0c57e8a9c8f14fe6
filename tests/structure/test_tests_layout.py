"""The tests mirror the package, and no test module leans on another.

``tests/<folder>/`` tests ``src/trp_handbook/<folder>/`` (``tests/structure/`` the
repository as a whole, ``tests/fixtures/`` holds data). Modules are imported by
their basename (no ``__init__.py``), so two test modules of one name would
shadow each other. What tests share comes from ``helpers.py`` (or a helper
module beside them), never from ``conftest`` or another test module, which
pytest may import under another name or not at all when one file is run.
"""

from __future__ import annotations

import ast

from helpers import ROOT

TESTS = ROOT / "tests"
PACKAGE = ROOT / "src" / "trp_handbook"
OWN = {"structure", "fixtures", "output", "__pycache__"}  # output: renders for review (ignored by git)


def _modules():
    return sorted(p for p in TESTS.rglob("*.py") if "fixtures" not in p.relative_to(TESTS).parts)


def test_every_test_folder_is_a_folder_of_the_package_and_no_test_module_is_loose():
    folders = {p.name for p in TESTS.iterdir() if p.is_dir()} - OWN
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders <= packages, f"tests/ folders without a package folder: {sorted(folders - packages)}"
    assert sorted(p.name for p in TESTS.glob("test_*.py")) == []


def test_test_module_names_are_unique():
    names = [p.name for p in _modules() if p.name != "conftest.py"]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    assert not list(TESTS.rglob("__init__.py"))


def test_no_test_imports_from_conftest_or_another_test_module():
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name == "conftest" or name.split(".")[-1].startswith("test_"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: imports {name}")
    assert found == []
