"""Build the whole handbook into ``site/`` atomically.

The engine writes into a fresh temporary folder beside ``site/`` (one engine
per core, each rendering a shard of the languages, merged into that folder);
only when the build (every language, PDFs and the offline ZIP included) has
succeeded does the new folder replace the old one. A failed or interrupted build leaves the
previous ``site/`` exactly as it was, so a server never publishes half a site.

What can go wrong, and what the reader sees (one line each, then the exit code
of :mod:`trp_handbook.cli.main`):

* the content fails the strict build: MkDocs' findings as ``file:line``, then
  "build failed; site/ was left as it was" (1);
* the machine stops it (a full disk, a folder it may not write, a file it may
  not read, a missing library, an engine or PDF worker killed): one line naming
  the path and the remedy (:mod:`trp_handbook.core.faults`), sent by the engine that
  met it or found here (3);
* an error nobody expected: its traceback, "a bug" (4);
* Ctrl-C, SIGTERM or SIGHUP: the engines are stopped, the temporary folders
  removed (128 + the signal's number);
* ``kill -9`` of the build itself: its engines and their PDF workers die with
  it (:mod:`trp_handbook.core.lifeline`); its folders stay until the next build
  removes them, saying so in one line (:mod:`trp_handbook.site.folders`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from trp_handbook.cli.main import EXIT_BROKEN_INPUT, EXIT_BUG, EXIT_ENVIRONMENT
from trp_handbook.core import lifeline
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.faults import Fault, fault_from, signal_name
from trp_handbook.core.project import root as project_root
from trp_handbook.engine.process import FAULT_FD_ENV, VERBOSE_ENV
from trp_handbook.site import folders as build_folders
from trp_handbook.site.config import SHARD_LANGUAGES_ENV, languages_to_build
from trp_handbook.site.shards import finish_site, merge_shard, plan_shards

#: Signals that end a build the way Ctrl-C does: the engine is stopped, the temporary folder removed.
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
#: What a language costs on disk when there is no earlier site to measure (pages, PDF, its share of the ZIP).
BYTES_PER_LANGUAGE = 6_000_000


class BuildInterrupted(Exception):
    """A signal asked the build to stop."""


def _raise_interrupted(signum, frame):
    raise BuildInterrupted(signal.Signals(signum).name)


def engine_command(site_dir: Path, config_file: Path, strict: bool = True) -> list[str]:
    """The command of one engine: ``mkdocs build`` through :mod:`trp_handbook.engine.process`."""
    cmd = [sys.executable, "-m", "trp_handbook.engine.process", "build", "--config-file", str(config_file),
           "--site-dir", str(site_dir)]
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


def _shard_env(env: dict[str, str], shard: list[str], shards: int) -> dict[str, str]:
    """The environment of one shard's engine: its languages, and its share of the PDF processes."""
    shard_env = {**env, SHARD_LANGUAGES_ENV: ",".join(shard)}
    if not env.get("HANDBOOK_PDF_JOBS"):
        shard_env["HANDBOOK_PDF_JOBS"] = str(max(1, available_cores() // shards))
    return shard_env


def _wait_all(engines: list[subprocess.Popen]) -> tuple[int, int]:
    """Wait for every engine; the first failure stops the others: (its index, its exit code)."""
    while True:
        codes = [engine.poll() for engine in engines]
        failed = next((i for i, code in enumerate(codes) if code not in (None, 0)), None)
        if failed is not None:
            for engine in engines:
                _stop(engine)
            return failed, codes[failed]
        if all(code == 0 for code in codes):
            return -1, 0
        time.sleep(0.05)


def space_needed(site: Path, languages: int) -> int:
    """Roughly the bytes a build writes beside ``site/``: the last site and a fifth more, or a guess per language.

    The new site is written next to the old one, and each engine's shard
    repeats the theme's files until they are merged.
    """
    if site.is_dir():
        return int(build_folders.folder_size(site) * 1.2)
    return languages * BYTES_PER_LANGUAGE


def _same_device(path: str, folder: Path) -> bool:
    """Whether ``path`` (or the nearest folder of it that exists) is on the file system of ``folder``."""
    if not path:
        return True
    place = Path(path)
    while not place.exists() and place != place.parent:
        place = place.parent
    try:
        return place.stat().st_dev == folder.stat().st_dev
    except OSError:
        return False


def _read_fault(fd: int) -> Fault | None:
    """The first fault an engine sent through the pipe (read once every engine has ended)."""
    os.set_blocking(fd, False)
    data = b""
    try:
        while chunk := os.read(fd, 65536):
            data += chunk
    except BlockingIOError:
        pass
    for line in data.decode("utf-8", errors="replace").splitlines():
        try:
            return Fault.from_json(line)
        except (ValueError, TypeError):
            continue
    return None


class _Build:
    """One run of :func:`build_site`: its folders, engines, locks and the line it ends with."""

    def __init__(self, root: Path, site: Path, config_file: Path, env: dict[str, str], shards: list[list[str]]):
        self.root, self.site, self.config_file, self.env, self.shards = root, site, config_file, env, shards
        pid = os.getpid()
        self.tmp = build_folders.temporary_name(site, pid)
        self.old = build_folders.old_name(site, pid)
        self.folders = [self.tmp] + [build_folders.shard_name(site, pid, n) for n in range(1, len(shards))]
        self.engines: list[subprocess.Popen] = []
        self.locks: list[int] = []
        self.faults_in, self.faults_out = os.pipe()
        self.fault: Fault | None = None  # a fault of the machine that ended the build
        self.line = ""  # said once everything is cleaned up

    def left_as_it_was(self, what: str) -> str:
        return f"{what}; {self.site.name}/ was left as it was"

    def start(self) -> None:
        """Make and lock the folders, then start one engine per shard; each dies with this process."""
        self.site.parent.mkdir(parents=True, exist_ok=True)
        for folder in self.folders:
            fd = build_folders.claim(folder)
            if fd is not None:
                self.locks.append(fd)
        for folder, shard in zip(self.folders, self.shards):
            env = self.env if len(self.shards) == 1 else _shard_env(self.env, shard, len(self.shards))
            self.engines.append(subprocess.Popen(
                engine_command(folder, self.config_file), cwd=self.root,
                env={**env, FAULT_FD_ENV: str(self.faults_out)},
                pass_fds=(self.faults_out, *self.locks),  # the engines hold the locks too
                preexec_fn=lifeline.child_dies_with_us(),
            ))

    def engine_failed(self, index: int, code: int) -> int:
        """The exit code and line of a build whose engine ``index`` ended with ``code``."""
        shard = ", ".join(self.shards[index])
        fault = _read_fault(self.faults_in) if code == EXIT_ENVIRONMENT else None
        if code < 0:
            fault = Fault("killed", detail=signal_name(-code), where=f"the site engine rendering {shard}")
        if fault is not None:
            self.fault = fault
            return EXIT_ENVIRONMENT
        if code == EXIT_BUG:
            self.line = self.left_as_it_was("build failed: a bug in the handbook's code (the traceback above; "
                                            "please report it)")
        elif code == EXIT_ENVIRONMENT:
            self.line = self.left_as_it_was("build failed: the machine stopped the site engine (above)")
        else:
            self.line = self.left_as_it_was("build failed")
        return code

    def finish(self) -> None:
        """Merge the shards, write the offline ZIP and the sums, and swap the new site in."""
        if len(self.shards) > 1:
            for folder, shard in zip(self.folders[1:], self.shards[1:]):
                merge_shard(folder, self.tmp, shard)
            finish_site(self.tmp)
        main_thread = threading.current_thread() is threading.main_thread()
        # the swap itself is not interrupted: block the stop signals for its two renames
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {*_STOP_SIGNALS, signal.SIGINT}) if main_thread else None
        try:
            if self.site.exists():
                fd = build_folders.lock(self.site)  # the old site, once renamed, is this build's until removed
                if fd is not None:
                    self.locks.append(fd)
                self.site.rename(self.old)
            try:
                self.tmp.rename(self.site)
            except OSError:
                if self.old.exists() and not self.site.exists():
                    self.old.rename(self.site)
                raise
        finally:
            if blocked is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        shutil.rmtree(self.old, ignore_errors=True)

    def clean_up(self) -> None:
        """Stop the engines, remove the folders, release the locks; then say how it ended."""
        for engine in self.engines:
            _stop(engine)
        for folder in self.folders:
            shutil.rmtree(folder, ignore_errors=True)
        for fd in (*self.locks, self.faults_in, self.faults_out):
            os.close(fd)
        if self.fault is not None:  # said after the clean-up: the free space it reports is what is left
            fault = self.fault
            if _same_device(fault.path, self.site.parent):  # what the build needs beside site/
                fault = fault.with_needed(space_needed(self.site, sum(len(shard) for shard in self.shards)))
            self.line = self.left_as_it_was(f"build failed: {fault.message()}")
        if self.line:
            print(self.line, file=sys.stderr)


def build_site(
    root: Path | None = None,
    site: Path | None = None,
    config_file: Path | None = None,
    extra_env: dict[str, str] | None = None,
    jobs: int | None = None,
    verbose: bool = False,
) -> int:
    """Build into a temporary folder, then swap it in; returns an exit code of :mod:`trp_handbook.cli.main`.

    With ``jobs`` > 1 (default: the cores this process may use) the languages
    are split into shards rendered by one engine each, at the same time, and
    merged (:mod:`trp_handbook.site.shards`). SIGTERM and SIGHUP are handled
    like Ctrl-C: the engines are stopped and the temporary folders removed
    (exit code 128 + the signal's number). The folders of earlier builds that
    were killed are removed first. ``verbose`` shows the traceback behind a
    fault of the machine.
    """
    root = root or project_root()
    site = site or root / "site"
    config_file = config_file or root / "mkdocs.yml"
    removed = build_folders.remove_stale(site)
    if removed:
        print(removed.line(), file=sys.stderr)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if verbose:
        env[VERBOSE_ENV] = "1"
    try:
        languages = languages_to_build(env=env)
    except HandbookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BROKEN_INPUT
    build = _Build(root, site, config_file, env, plan_shards(languages, available_cores() if jobs is None else jobs))
    for folder in build.folders:  # this process's own, from an earlier call that was stopped
        shutil.rmtree(folder, ignore_errors=True)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, _raise_interrupted) for sig in _STOP_SIGNALS} if main_thread else {}
    try:
        build.start()
        failed, code = _wait_all(build.engines)
        if code != 0:
            return build.engine_failed(failed, code)
        build.finish()
        return 0
    except (BuildInterrupted, KeyboardInterrupt) as exc:
        build.line = build.left_as_it_was(f"build interrupted ({exc or 'SIGINT'})")
        signum = getattr(signal, str(exc), signal.SIGINT) if isinstance(exc, BuildInterrupted) else signal.SIGINT
        return 128 + int(signum)
    except Exception as exc:
        fault = fault_from(exc, path=build.tmp)
        if fault is None:
            exc.add_note(f"{site.name}/ was left as it was")
            raise
        if verbose:
            traceback.print_exception(exc)
        build.fault = fault
        return EXIT_ENVIRONMENT
    finally:
        build.clean_up()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
