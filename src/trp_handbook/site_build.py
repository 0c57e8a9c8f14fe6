"""Build the whole handbook into ``site/`` atomically.

The engine writes into a fresh temporary folder beside ``site/``; only when the
build (every language, PDFs and the offline ZIP included) has succeeded does the
new folder replace the old one. A failed or interrupted build leaves the
previous ``site/`` exactly as it was, so a server never publishes half a site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .paths import REPO_ROOT


def engine_command(site_dir: Path, config_file: Path, strict: bool = True) -> list[str]:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file), "--site-dir", str(site_dir)]
    if strict:
        cmd.append("--strict")
    return cmd


def build_site(
    root: Path | None = None,
    site: Path | None = None,
    config_file: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> int:
    """Build into a temporary folder, then swap it in; returns the engine's exit code."""
    root = root or REPO_ROOT
    site = site or root / "site"
    config_file = config_file or root / "mkdocs.yml"
    tmp = site.with_name(f"{site.name}.tmp-{os.getpid()}")
    old = site.with_name(f"{site.name}.old-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    try:
        result = subprocess.run(engine_command(tmp, config_file), cwd=root, env=env)
        if result.returncode != 0:
            print(f"build failed; {site.name}/ was left as it was", file=sys.stderr)
            return result.returncode
        if site.exists():
            site.rename(old)
        tmp.rename(site)
        shutil.rmtree(old, ignore_errors=True)
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
