"""requirements.lock pins every Python package with hashes, so `make` installs exactly what was tested.

The Makefile installs with ``pip install --require-hashes``; pip would refuse a
lock with one unhashed line, but only on a fresh machine. This test fails first.
"""

from __future__ import annotations

import re

from helpers import ROOT

LOCK = ROOT / "requirements.lock"
_REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;\\]+)")
_HASH = re.compile(r"--hash=sha256:(?P<digest>[0-9a-f]+)")


def _requirements(text: str) -> dict[str, list[str]]:
    """name -> its sha256 digests; backslash-continued lines joined, comments dropped."""
    logical = re.sub(r"\\\n", " ", text)
    found: dict[str, list[str]] = {}
    for line in logical.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#") or line.startswith("-"):
            continue  # a comment, or an option such as --find-links
        match = _REQUIREMENT.match(line)
        assert match, f"requirements.lock: {line!r} is not pinned as name==version"
        found[match["name"].lower().replace("_", "-")] = _HASH.findall(line)
    return found


def _pyproject_dependencies() -> list[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        names += extra
    return [re.split(r"[<>=!~\[; ]", n, maxsplit=1)[0].lower().replace("_", "-") for n in names]


def test_every_requirement_is_pinned_with_sha256_hashes():
    requirements = _requirements(LOCK.read_text(encoding="utf-8"))
    assert len(requirements) > 20
    for name, digests in requirements.items():
        assert digests, f"requirements.lock: {name} has no --hash; regenerate with pip-compile --generate-hashes"
        for digest in digests:
            assert len(digest) == 64, f"requirements.lock: {name}: {digest!r} is not a sha256 digest"


def test_every_declared_dependency_is_in_the_lock():
    locked = _requirements(LOCK.read_text(encoding="utf-8"))
    missing = [name for name in _pyproject_dependencies() if name not in locked]
    assert missing == [], f"in pyproject.toml but not in requirements.lock: {missing}; run pip-compile"


def test_the_parser_refuses_an_unhashed_or_unpinned_line():
    import pytest

    assert _requirements("a==1 \\\n    --hash=sha256:" + "0" * 64 + "\nb==2\n") == {"a": ["0" * 64], "b": []}
    with pytest.raises(AssertionError):
        _requirements("mkdocs>=1.6\n")


def test_the_makefile_installs_with_require_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"pip install .*--require-hashes -r requirements\.lock", makefile)
