"""Build the whole handbook into ``site/`` atomically.

The engine writes into a fresh temporary folder beside ``site/`` (one engine
per core, each rendering a part of the languages, merged into that folder);
only when the build (every language, PDFs and the offline ZIP included) has
succeeded does the new folder replace the old one. A failed or interrupted build leaves the
previous ``site/`` exactly as it was, so a server never publishes half a site.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from .errors import HandbookError
from .paths import REPO_ROOT
from .site_config import PART_LANGUAGES_ENV, languages_to_build
from .site_parts import finish_site, merge_part, plan_parts

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


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _part_env(env: dict[str, str], part: list[str], parts: int) -> dict[str, str]:
    """The environment of one part's engine: its languages, and its share of the PDF processes."""
    part_env = {**env, PART_LANGUAGES_ENV: ",".join(part)}
    if not env.get("HANDBOOK_PDF_JOBS"):
        part_env["HANDBOOK_PDF_JOBS"] = str(max(1, available_cores() // parts))
    return part_env


def _wait_all(engines: list[subprocess.Popen]) -> int:
    """Wait for every engine; the first failure stops the others and is returned."""
    while True:
        codes = [engine.poll() for engine in engines]
        failed = next((code for code in codes if code not in (None, 0)), None)
        if failed is not None:
            for engine in engines:
                _stop(engine)
            return failed
        if all(code == 0 for code in codes):
            return 0
        time.sleep(0.05)


def build_site(
    root: Path | None = None,
    site: Path | None = None,
    config_file: Path | None = None,
    extra_env: dict[str, str] | None = None,
    jobs: int | None = None,
) -> int:
    """Build into a temporary folder, then swap it in; returns the engine's exit code.

    With ``jobs`` > 1 (default: the cores this process may use) the languages
    are split into parts rendered by one engine each, at the same time, and
    merged (:mod:`trp_handbook.site_parts`). SIGTERM and SIGHUP are handled
    like Ctrl-C: the engines are stopped and the temporary folders removed
    (exit code 128 + the signal's number).
    """
    root = root or REPO_ROOT
    site = site or root / "site"
    config_file = config_file or root / "mkdocs.yml"
    tmp = site.with_name(f"{site.name}.tmp-{os.getpid()}")
    old = site.with_name(f"{site.name}.old-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    try:
        languages = languages_to_build(env=env)
    except HandbookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    parts = plan_parts(languages, available_cores() if jobs is None else jobs)
    folders = [tmp] + [tmp.with_name(f"{tmp.name}.part-{n}") for n in range(1, len(parts))]
    main_thread = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, _raise_interrupted) for sig in _STOP_SIGNALS} if main_thread else {}
    engines: list[subprocess.Popen] = []
    try:
        for folder, part in zip(folders, parts):
            part_env = env if len(parts) == 1 else _part_env(env, part, len(parts))
            engines.append(subprocess.Popen(engine_command(folder, config_file), cwd=root, env=part_env))
        returncode = _wait_all(engines)
        if returncode != 0:
            print(f"build failed; {site.name}/ was left as it was", file=sys.stderr)
            return returncode
        if len(parts) > 1:
            for folder, part in zip(folders[1:], parts[1:]):
                merge_part(folder, tmp, part)
            finish_site(tmp)
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
        for engine in engines:
            _stop(engine)
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
