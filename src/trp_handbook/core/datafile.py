"""Load a YAML data file and validate it against a pydantic schema.

Every source of truth in ``data/`` (languages, UI strings, legislation,
glossary, editions) goes through :func:`load_model`, so that a mistake in any of
them is reported the same way: the file, the line, the key path and what was
expected, e.g. ``data/languages.yml:12: languages[1].code: expected ...``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from trp_handbook.core.errors import HandbookError, Problem

M = TypeVar("M", bound=BaseModel)

# libyaml's parser when PyYAML was built with it: ten times faster on the
# registry, which every language build reads; same nodes and marks.
YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose_yaml(text: str) -> yaml.Node | None:
    """The YAML node tree of ``text`` (with line marks).

    A syntax error is raised as PyYAML's own parser words it (libyaml's wording
    differs), so that messages stay the same on every machine.
    """
    try:
        return yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The data of ``text``, with the node tree's speed and errors of :func:`compose_yaml`."""
    node = compose_yaml(text)
    return None if node is None else YAML_LOADER("").construct_document(node)


def _line_of(node: yaml.Node | None, path: tuple[Any, ...]) -> int:
    """The 1-based line of the YAML node at ``path`` (or of its nearest parent)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            found = None
            for k, v in node.value:
                if k.value == str(key):
                    found = v
                    line = k.start_mark.line + 1
                    break
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line


def _format_path(path: tuple[Any, ...]) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or "(top level)"


def read_yaml(path: Path, shown_as: str) -> tuple[Any, yaml.Node | None]:
    """Parse ``path``; a syntax error becomes a :class:`HandbookError` with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HandbookError(Problem(shown_as, 1, "missing-file", "file not found")) from None
    except UnicodeDecodeError as exc:
        raise HandbookError(
            Problem(shown_as, 1, "encoding", f"not valid UTF-8 ({exc.reason}); expected UTF-8 text")
        ) from None
    try:
        node = compose_yaml(text)
        data = YAML_LOADER("").construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise HandbookError(
            Problem(shown_as, line, "yaml-syntax", f"{exc.problem or exc}; expected valid YAML")
        ) from None
    return data, node


def load_model(path: Path, model: type[M], shown_as: str | None = None) -> M:
    """Read ``path`` as YAML and validate it as ``model``.

    ``shown_as`` is the name used in messages (the repository-relative path).
    """
    return read_model(path, model, shown_as)[0]


def read_model(path: Path, model: type[M], shown_as: str | None = None) -> tuple[M, yaml.Node | None]:
    """:func:`load_model`, with the YAML node tree, for checks that report lines the schema cannot see."""
    shown_as = shown_as or path.name
    data, node = read_yaml(path, shown_as)
    try:
        return model.model_validate(data if data is not None else {}), node
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append(
                Problem(
                    shown_as,
                    _line_of(node, loc),
                    "schema",
                    f"{_format_path(loc)}: {err['msg']}"
                    + (f" (found {err['input']!r})" if not isinstance(err.get("input"), (dict, list)) else ""),
                )
            )
        raise HandbookError(problems) from None
