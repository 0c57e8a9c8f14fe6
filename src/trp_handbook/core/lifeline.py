"""A build's processes end with the build, and a process id is trusted only with its start time.

A build is a tree of processes: ``handbook build`` starts one site engine per
part of the languages, and each engine a pool of workers that render the books.
When the build itself is killed (``kill -9``, the out-of-memory killer, a CI
timeout), nothing runs its clean-up code; without help its engines would go on
for minutes as orphans, writing into a folder nobody will use, and a worker
would go on rendering. :func:`die_with_parent` asks the kernel (Linux
``PR_SET_PDEATHSIG``) to kill a process the moment its parent ends, so the
whole tree goes at once.

A process id alone is not proof that a process is still the one that wrote a
file: ids are reused. :func:`running_since` also asks when the process started.
Linux only, as the build is; elsewhere these are no-ops, or answer "perhaps",
which keeps every folder.
"""

from __future__ import annotations

import ctypes
import os
import signal
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

#: ``prctl`` option: the signal this process receives when its parent thread ends.
PR_SET_PDEATHSIG = 1


@lru_cache(maxsize=1)
def _prctl() -> Callable[..., int] | None:
    """libc's ``prctl``, looked up once (before a fork: a forked child must not load libraries)."""
    if not Path("/proc/self").is_dir():
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - not glibc/musl
        return None


def die_with_parent(parent_pid: int, sig: int = signal.SIGKILL) -> None:
    """Have the kernel send ``sig`` to this process when its parent ends.

    ``parent_pid`` is the parent it was started by: if that parent ended
    before the request was made (the kernel would then never send the
    signal), this process ends at once.
    """
    prctl = _prctl()
    if prctl is None:
        return
    prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)


def child_dies_with_us() -> Callable[[], None]:
    """A ``preexec_fn`` for :class:`subprocess.Popen`: the child ends when this process does.

    The child is killed when the *thread* that started it ends, so start it
    from the thread that waits for it.
    """
    _prctl()  # resolved in the parent, so the child only calls it
    parent = os.getpid()
    return lambda: die_with_parent(parent)


def _clock_ticks() -> int:
    return os.sysconf("SC_CLK_TCK")


def started_at(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), or None when there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # the command name (field 2) is in parentheses and may hold spaces: count fields after it
    fields = stat.rsplit(")", 1)[-1].split()
    ticks = int(fields[19])  # field 22 of the whole line: start time, in clock ticks after boot
    age = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / _clock_ticks()
    return time.time() - age


def alive(pid: int) -> bool:
    """Whether a process with this id exists (whoever runs it)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def running_since(pid: int, moment: float, tolerance: float = 1.0) -> bool:
    """Whether process ``pid`` exists and was already running at ``moment`` (seconds since the epoch).

    A file last changed at ``moment`` by a process with this id can only still
    belong to it if the process is that old: one that started later got the id
    after the writer had ended. Without ``/proc`` the answer is "alive", which
    errs on the side of keeping things.
    """
    if not alive(pid):
        return False
    start = started_at(pid)
    return start is None or start <= moment + tolerance
