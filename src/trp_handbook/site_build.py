"""Build the whole handbook into ``site/`` atomically.

The engine writes into a fresh temporary folder beside ``site/``; only when the
build (every language, PDFs and the offline ZIP included) has succeeded does the
new folder replace the old one. A failed or interrupted build leaves the
previous ``site/`` exactly as it was, so a server never publishes half a site.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from .paths import REPO_ROOT

#: Signals that end a build the way Ctrl-C does: the engine is stopped, the temporary folder removed.
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class BuildInterrupted(Exception):
    """A signal asked the build to stop."""


def _raise_interrupted(signum, frame):
    raise BuildInterrupted(signal.Signals(signum).name)


def engine_command(site_dir: Path, config_file: Path, strict: bool = True) -> list[str]:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file), "--site-dir", str(site_dir)]
    if strict:
        cmd.append("--strict")
    return cmd


def _stop(engine: subprocess.Popen) -> None:
    """End the engine before its folder is removed, so nothing writes into it afterwards."""
    if engine.poll() is None:
        engine.terminate()
        try:
            engine.wait(timeout=10)
        except subprocess.TimeoutExpired:
            engine.kill()
            engine.wait()


def build_site(
    root: Path | None = None,
    site: Path | None = None,
    config_file: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> int:
    """Build into a temporary folder, then swap it in; returns the engine's exit code.

    SIGTERM and SIGHUP are handled like Ctrl-C: the engine is stopped and the
    temporary folder removed (exit code 128 + the signal's number).
    """
    root = root or REPO_ROOT
    site = site or root / "site"
    config_file = config_file or root / "mkdocs.yml"
    tmp = site.with_name(f"{site.name}.tmp-{os.getpid()}")
    old = site.with_name(f"{site.name}.old-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    main_thread = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, _raise_interrupted) for sig in _STOP_SIGNALS} if main_thread else {}
    engine = None
    try:
        engine = subprocess.Popen(engine_command(tmp, config_file), cwd=root, env=env)
        returncode = engine.wait()
        if returncode != 0:
            print(f"build failed; {site.name}/ was left as it was", file=sys.stderr)
            return returncode
        # the swap itself is not interrupted: block the stop signals for its two renames
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {*_STOP_SIGNALS, signal.SIGINT}) if main_thread else None
        try:
            if site.exists():
                site.rename(old)
            tmp.rename(site)
        finally:
            if blocked is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        shutil.rmtree(old, ignore_errors=True)
        return 0
    except (BuildInterrupted, KeyboardInterrupt) as exc:
        print(f"build interrupted ({exc or 'SIGINT'}); {site.name}/ was left as it was", file=sys.stderr)
        signum = getattr(signal, str(exc), signal.SIGINT) if isinstance(exc, BuildInterrupted) else signal.SIGINT
        return 128 + int(signum)
    finally:
        if engine is not None:
            _stop(engine)
        shutil.rmtree(tmp, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
