"""A finding of a rule on one page, before exceptions are applied."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    line: int
    rule: str
    subject: str  #: what was found, exactly as an exception in data/language-exceptions.yml quotes it
    message: str
    severity: str = "error"  #: "warning": for the reviewer, does not fail the strict build
