"""The front matter a handbook page may carry, and where a page's metadata is wrong.

One schema for every page in every language, so that a typo (``law_as_of``) is
an error naming the file and line instead of a silently ignored key.

English pages::

    ---
    title: Assistance, step by step
    description: One sentence for search engines and link previews.
    law_as_at: 2026-11-28
    ---

Translated pages add which revision of the English page they translate::

    translation:
      source: assistance.md            # path under docs/en/
      source_blob: 3f2a...             # git blob id of that English file (git hash-object)
      review: draft                    # draft | reviewed
      reviewer_role: lawyer (Serbia)   # a role, never a name (only when reviewed)
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from trp_handbook.core.datafile import compose_yaml, load_yaml
from trp_handbook.core.errors import Problem


class Translation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str = Field(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$", description="path under docs/en/")
    source_blob: str = Field(pattern=r"^[0-9a-f]{40}$", description="git blob id of the English file")
    review: Literal["draft", "reviewed"] = "draft"
    reviewer_role: str | None = None

    @model_validator(mode="after")
    def _reviewed_needs_a_role(self) -> "Translation":
        if self.review == "reviewed" and not self.reviewer_role:
            raise ValueError("review: reviewed needs reviewer_role (a role such as 'lawyer', never a name)")
        return self


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    description: str | None = None
    law_as_at: datetime.date | None = None
    translation: Translation | None = None
    hide: list[Literal["navigation", "toc", "footer"]] | None = None


def validate(raw: str, shown_as: str) -> tuple[FrontMatter | None, list[Problem], Any]:
    """Validate a page's front matter YAML (``raw``, which begins on the file's line 2).

    Returns the metadata (None when invalid), the problems, each naming the file
    and the line of the key, and the YAML as loaded (None when it is not YAML).
    The page's front matter is found by the source model
    (:attr:`trp_handbook.markdown.Page.front_matter`), which calls this.
    """
    try:
        data = load_yaml(raw) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 2 if mark else 1
        return None, [Problem(shown_as, line, "front-matter", f"not valid YAML ({exc.problem}); expected key: value lines")], None
    if not isinstance(data, dict):
        return None, [Problem(shown_as, 2, "front-matter", "expected a mapping of keys to values")], data
    try:
        return FrontMatter.model_validate(data), [], data
    except ValidationError as exc:
        node = compose_yaml(raw)  # only for the lines of the messages
        problems = []
        for err in exc.errors():
            loc = [str(x) for x in err["loc"]]
            line = _line_of_key(node, loc)
            what = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
            allowed = ", ".join(FrontMatter.model_fields) if err["type"] == "extra_forbidden" and len(loc) == 1 else None
            msg = f"{'.'.join(loc)}: {what}" + (f"; expected one of: {allowed}" if allowed else "")
            problems.append(Problem(shown_as, line, "front-matter", msg))
        return None, problems, data


def line_of_key(raw: str, *path: str) -> int:
    """The file line of the key at ``path`` (``"translation", "source_blob"``) in front matter ``raw``."""
    return _line_of_key(compose_yaml(raw), list(path))


def _line_of_key(node: Any, path: list[str]) -> int:
    line = 2
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            break
        for k, v in node.value:
            if k.value == key:
                line, node = k.start_mark.line + 2, v
                break
        else:
            break
    return line


def git_blob_id(data: bytes) -> str:
    """The id git gives a file's content (``git hash-object``), computed without git."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def blob_of(path: Path) -> str:
    return git_blob_id(path.read_bytes())
