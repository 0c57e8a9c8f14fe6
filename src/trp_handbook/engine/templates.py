"""Page templates compiled once per site build, not once per language (part of the engine adapter)."""

from __future__ import annotations

from typing import Any

import jinja2

from trp_handbook.engine.adapter import build_state


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled page templates kept in memory for every language build of one site build.

    mkdocs-static-i18n gives each language build a new Jinja environment; Jinja
    checks each entry against its template's source, so an edited template (in
    a live preview) is compiled again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def compile_once(env: jinja2.Environment, config: Any) -> None:
    """Give ``env`` the build's cache of compiled templates."""
    env.bytecode_cache = build_state(config, "templates", CompiledTemplates)
