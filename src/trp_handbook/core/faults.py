"""Faults of the machine, not of the content: each becomes one line that names the path and the remedy.

A content problem is reported as ``file:line: rule: message`` (:mod:`trp_handbook.core.errors`).
A full disk, a folder the build may not write, a library that is not
installed or a process the kernel killed is no mistake of the writer's, and a
Python traceback does not tell the reader what to do. :func:`fault_from` turns
such an error into a :class:`Fault`, whose :meth:`Fault.message` is one line;
the command line prints it (the traceback only with ``--verbose``) and exits
with its own code (:data:`trp_handbook.cli.main.EXIT_ENVIRONMENT`).

=================  ===========================================================
kind               from
=================  ===========================================================
no-space           ``ENOSPC``, ``EDQUOT``: the file system (or the quota) is full
file-too-large     ``EFBIG``: a file outgrew the process's limit (``ulimit -f``)
no-permission      ``EACCES``, ``EPERM``: a file or folder the user may not read or write
read-only          ``EROFS``: a read-only file system
input-output       ``EIO``: the disk or the file system failed
too-many-files     ``EMFILE``, ``ENFILE``: the limit of open files
out-of-memory      ``MemoryError``, ``ENOMEM``
missing-library    a system library WeasyPrint loads (``cannot load library``)
missing-program    a program the build runs, not found
missing-package    a Python module of the environment, not installed
engine-version     the site engine or a plugin of it in a version the handbook does not know (trp_handbook.engine.adapter)
killed             a process of the build ended by a signal (the out-of-memory killer sends SIGKILL)
=================  ===========================================================

A fault crosses processes (a worker, an engine) as :meth:`Fault.as_json`.
"""

from __future__ import annotations

import errno
import json
import os
import pwd
import re
import resource
import shutil
import signal
from dataclasses import asdict, dataclass, replace
from pathlib import Path

_KINDS_BY_ERRNO = {
    errno.ENOSPC: "no-space",
    errno.EDQUOT: "no-space",
    errno.EFBIG: "file-too-large",
    errno.EACCES: "no-permission",
    errno.EPERM: "no-permission",
    errno.EROFS: "read-only",
    errno.EIO: "input-output",
    errno.EMFILE: "too-many-files",
    errno.ENFILE: "too-many-files",
    errno.ENOMEM: "out-of-memory",
}

_LIBRARY = re.compile(r"cannot load library '([^']+)'")


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} kB"


def _user() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return f"uid {os.geteuid()}"


def _existing(path: Path) -> Path:
    """``path`` or its nearest folder that exists."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


@dataclass(frozen=True)
class Fault:
    """One fault of the machine: what (``kind``), where, and what the message needs."""

    kind: str
    path: str = ""  #: the file or folder concerned
    detail: str = ""  #: the library, program, package or signal; "read" or "write"; else the system's words
    where: str = ""  #: who met it, when not the build itself: "PDF of fr", "the engine rendering en, sr"
    needed: int = 0  #: bytes the build needs on the full file system, when known

    def message(self) -> str:
        """One line: what happened, to which path, and what to do."""
        text = getattr(self, f"_{self.kind.replace('-', '_')}", self._other)()
        return f"{self.where}: {text}" if self.where and self.kind != "killed" else text

    def as_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Fault:
        return cls(**json.loads(text))

    def with_needed(self, needed: int) -> Fault:
        return replace(self, needed=needed) if self.kind == "no-space" else self

    # one method per kind; each says what happened, where, and the remedy

    def _elsewhere(self) -> str:
        """Where else to write: a book's worker writes into the PDF cache, the rest beside site/."""
        return "move the PDF cache (HANDBOOK_PDF_CACHE)" if self.where.startswith("PDF") else "build elsewhere (--site-dir)"

    def _no_space(self) -> str:
        folder = _existing(Path(self.path)) if self.path else Path.cwd()
        free = shutil.disk_usage(folder).free
        need = f"; the build needs roughly {_megabytes(self.needed)} there" if self.needed else ""
        return (f"no space left on the device that holds {folder} ({_megabytes(free)} free{need}); "
                f"free some space there, or {self._elsewhere()}, then build again")

    def _file_too_large(self) -> str:
        limit = f" ({self.detail})" if self.detail else ""
        return (f"{self.path or 'a file of the build'} outgrew the file-size limit of the build{limit}; "
                "raise the limit (ulimit -f unlimited), then build again")

    def _no_permission(self) -> str:
        path = Path(self.path) if self.path else Path.cwd()
        if self.detail == "read":
            return (f"cannot read {path} (permission denied); "
                    f"give this user ({_user()}) read access to it (chmod a+r), then build again")
        folder = path if path.is_dir() else _existing(path.parent)
        return (f"cannot write {path} (permission denied); give this user ({_user()}) write access to {folder}, "
                f"or {self._elsewhere()}, then build again")

    def _read_only(self) -> str:
        return (f"cannot write {self.path or 'the output'} (read-only file system); "
                f"remount it read-write, or {self._elsewhere()}, then build again")

    def _input_output(self) -> str:
        return (f"input/output error on {self.path or 'a file of the build'}; "
                "the disk or file system may be failing: check it (dmesg), then build again")

    def _too_many_files(self) -> str:
        return "too many open files; raise the limit (ulimit -n 4096), then build again"

    def _out_of_memory(self) -> str:
        return ("out of memory; close other programs, or render fewer languages at once "
                "(--jobs 1, HANDBOOK_PDF_JOBS=1), then build again")

    def _missing_library(self) -> str:
        return (f"the system library {self.detail} cannot be loaded (WeasyPrint needs it for the PDF books); "
                "install it (Debian/Ubuntu: sudo make system-deps), or build without PDFs (--no-pdf)")

    def _missing_program(self) -> str:
        return f"the program {self.detail} is not installed (or not on PATH); install it, then build again"

    def _missing_package(self) -> str:
        return (f"the Python package {self.detail} is not installed in this environment; "
                "run make (it installs requirements.lock into .venv/), then build again")

    def _engine_version(self) -> str:
        return (f"the site engine's packages are not versions the handbook is known to work with: {self.detail}; "
                "install the pinned ones (make installs requirements.lock into .venv/), or upgrade on purpose "
                "(trp_handbook.engine.adapter.SUPPORTED_VERSIONS, after comparing the site byte for byte)")

    def _killed(self) -> str:
        who = self.where or "a process of the build"
        signalled = self.detail.startswith("SIG")
        named = f" ({self.detail})" if self.detail and not signalled else ""
        how = f"killed by {self.detail}" if signalled else "killed"
        return (f"{who}{named} was {how} (by hand, or by the out-of-memory killer: see dmesg); "
                "build again, with fewer at once (--jobs 1, HANDBOOK_PDF_JOBS=1) if memory is short")

    def _other(self) -> str:
        return f"{self.detail or self.kind}{': ' + self.path if self.path else ''}"


class EnvironmentFault(Exception):
    """The machine stopped the build; the message is one line (:meth:`Fault.message`)."""

    def __init__(self, fault: Fault):
        super().__init__(fault)
        self.fault = fault

    def __str__(self) -> str:
        return self.fault.message()


def _from_subprocess(exc: BaseException) -> bool:
    """Whether ``exc`` was raised while starting a program (a missing program, not a missing file)."""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_name == "_execute_child" and tb.tb_frame.f_code.co_filename.endswith("subprocess.py"):
            return True
        tb = tb.tb_next
    return False


def fault_from(exc: BaseException, where: str = "", path: str | os.PathLike[str] = "") -> Fault | None:
    """The fault ``exc`` reports, or None when it is not the machine's (content, a bug).

    ``path`` stands in for the file when the system does not name it (a write
    to a full disk names none): the folder being written.
    """
    if isinstance(exc, EnvironmentFault):
        return replace(exc.fault, where=exc.fault.where or where, path=exc.fault.path or os.fspath(path))
    if isinstance(exc, MemoryError):
        return Fault("out-of-memory", where=where)
    if isinstance(exc, ModuleNotFoundError) and exc.name:
        package = exc.name.split(".")[0]
        return None if package == __package__ else Fault("missing-package", detail=package, where=where)
    if not isinstance(exc, OSError):
        return None
    if exc.errno is None:
        found = _LIBRARY.search(str(exc))
        return Fault("missing-library", detail=found.group(1), where=where) if found else None
    if exc.errno == errno.ENOENT and exc.filename and _from_subprocess(exc):
        return Fault("missing-program", detail=os.path.basename(str(exc.filename)), where=where)
    kind = _KINDS_BY_ERRNO.get(exc.errno)
    if kind is None:
        return None
    # a copy names source and target: the target is the file being written
    written = exc.filename2 if exc.filename2 and kind in ("no-space", "file-too-large", "read-only") else None
    named = written or exc.filename or path
    named = os.fspath(named) if named else ""
    detail = exc.strerror or ""
    if kind == "file-too-large":
        detail = _file_size_limit()
    elif kind == "no-permission":
        detail = "read" if named and _unreadable(Path(named)) else "write"
    return Fault(kind, path=named, detail=detail, where=where)


def _unreadable(path: Path) -> bool:
    """Whether ``path`` is a file this process may not read (asked where the error happened)."""
    effective = os.access in os.supports_effective_ids
    return path.is_file() and not os.access(path, os.R_OK, effective_ids=effective)


def _file_size_limit() -> str:
    """This process's file-size limit as ``ulimit -f`` shows it (the process that met the limit says it)."""
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    return "ulimit -f unlimited" if limit == resource.RLIM_INFINITY else f"ulimit -f {limit // 1024}: {_megabytes(limit)}"
