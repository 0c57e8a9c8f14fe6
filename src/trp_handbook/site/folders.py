"""The temporary folders of a build: named by its process, locked while it runs, removed once it is gone.

``handbook build`` writes beside ``site/``: ``site.tmp-<pid>/`` (the new site),
``site.tmp-<pid>.shard-<n>/`` (the other engines' shards) and, for the moment of
the swap, ``site.old-<pid>/`` (the previous site, then deleted). A build that
ends normally, fails or is interrupted removes them itself; one that is killed
(``kill -9``, the out-of-memory killer, a power cut) cannot, and every later
build would find them again. So each build first removes the folders of builds
that are gone (:func:`remove_stale`), and never one of a build still running:

* a running build holds a lock (``flock``) on each of its folders, shared
  with its engines, from just after the folder is made until it is removed or
  renamed to ``site/``; the kernel releases it when the last of those
  processes ends, however it ends;
* for the instant between making a folder and locking it, and on a file system
  without locks, the process named in the folder's name counts as running if
  it exists and already ran when the folder was last modified: an id is reused
  only after its process has ended, so a process that started later is not the
  build that wrote there.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from trp_handbook.core import lifeline


def temporary_name(site: Path, pid: int) -> Path:
    """The folder a build with process id ``pid`` writes the new site into."""
    return site.with_name(f"{site.name}.tmp-{pid}")


def shard_name(site: Path, pid: int, shard: int) -> Path:
    """The folder of shard ``shard`` (1, 2, ...) of the engines of that build."""
    return site.with_name(f"{site.name}.tmp-{pid}.shard-{shard}")


def old_name(site: Path, pid: int) -> Path:
    """Where the previous ``site/`` waits, during the swap, to be deleted."""
    return site.with_name(f"{site.name}.old-{pid}")


def _pattern(site: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(site.name)}\.(?:tmp|old)-(\d+)(?:\.shard-\d+)?")


def build_pid(folder: Path, site: Path) -> int | None:
    """The process id in the name of a build folder of ``site``; None for any other name."""
    match = _pattern(site).fullmatch(folder.name)
    return int(match.group(1)) if match else None


def lock(folder: Path) -> int | None:
    """Hold an exclusive lock on ``folder`` until the returned descriptor is closed.

    None when the file system cannot lock (some network file systems): the
    process id in the folder's name then speaks for the build alone. The
    descriptor can be passed to child processes, which then hold it too.
    """
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def claim(folder: Path) -> int | None:
    """Make ``folder`` (it must not exist) and lock it; see :func:`lock`."""
    folder.mkdir()
    return lock(folder)


def _stale(folder: Path, pid: int) -> int | None:
    """A lock on ``folder`` when no running build may own it (see the module's two rules), else None.

    The lock is held while the folder is removed; -1 stands for "stale" on a
    file system without locks.
    """
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None  # cannot look: keep it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None  # a running build (or one of its engines) holds it
    except OSError:
        os.close(fd)
        fd = -1  # no locks here: the process id decides
    if lifeline.running_since(pid, folder.stat().st_mtime):
        if fd >= 0:
            os.close(fd)
        return None
    return fd


def folder_size(folder: Path) -> int:
    """Bytes in the files under ``folder`` (what removing it frees, roughly)."""
    total = 0
    for base, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(base, name)).st_size
            except OSError:
                continue
    return total


@dataclass(frozen=True)
class Removed:
    """What :func:`remove_stale` removed."""

    folders: tuple[str, ...] = ()
    size: int = 0

    def __bool__(self) -> bool:
        return bool(self.folders)

    def line(self) -> str:
        """The one line a build prints about it."""
        count = len(self.folders)
        what = "folder" if count == 1 else "folders"
        return (f"removed {count} temporary {what} of earlier builds that did not finish "
                f"({', '.join(self.folders)}; {self.size / 1e6:.1f} MB)")


def remove_stale(site: Path) -> Removed:
    """Remove the build folders of ``site`` whose build is gone; never one of a running build.

    The folders of this process are left to it.
    """
    parent = site.parent
    if not parent.is_dir():
        return Removed()
    removed, size = [], 0
    for folder in sorted(parent.iterdir()):
        pid = build_pid(folder, site)
        if pid is None or pid == os.getpid() or not folder.is_dir() or folder.is_symlink():
            continue
        held = _stale(folder, pid)
        if held is None:
            continue
        try:
            bytes_ = folder_size(folder)
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            if held >= 0:
                os.close(held)
        if not folder.exists():
            removed.append(folder.name)
            size += bytes_
    return Removed(tuple(removed), size)
