"""Books rendered by worker processes, and a failed book named with its phase and language.

The PDF books (and, in the same way, any later phase such as an EPUB edition)
are rendered in a pool of worker processes while the site engine goes on with
the next language. A worker can fail in three ways, and each reaches the
engine as an error that names the phase and the language (``PDF of fr``):

* the book's content cannot be printed: :class:`~trp_handbook.core.errors.HandbookError`
  (a content problem, as before);
* the machine stopped it (a full disk, out of memory, a missing library):
  :class:`~trp_handbook.core.faults.EnvironmentFault`, one line with the remedy;
* the worker process was killed (``kill -9``, the out-of-memory killer): the
  pool breaks, stops its other workers (SIGTERM) and every book not yet done
  fails with it; the fault names the book the killed worker was rendering.
  Each worker records in memory shared with the engine the book it begins,
  and clears the record when it ends the book or is stopped by the pool, so
  only the killed worker's book is left marked.

A render function writes its book through a temporary file it renames when
complete (:func:`trp_handbook.book.pdf.render_job`), so a killed worker
leaves no partial book in the cache, and the next build renders it again.
Workers end with the engine that started them (:func:`trp_handbook.core.lifeline.die_with_parent`).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from trp_handbook.core import lifeline
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.faults import EnvironmentFault, Fault, fault_from

#: In each worker: the shared record, one slot per book: 0 not begun, +pid being rendered, -pid ended.
_begun: Any = None
#: In each worker: the slot of the book it is rendering, or -1.
_current = -1


def _stopped_by_pool(signum: int, frame: Any) -> None:
    """SIGTERM from the pool (another worker was killed): this worker's book is not the killed one."""
    if _current >= 0:
        _begun[_current] = -os.getpid()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _start_worker(begun: Any, parent: int) -> None:
    """Runs first in each worker: die with the engine, keep the shared record."""
    global _begun
    lifeline.die_with_parent(parent)
    _begun = begun
    signal.signal(signal.SIGTERM, _stopped_by_pool)


def _render(index: int, render: Callable[[Any], Any], job: Any) -> Any:
    """Render one book in a worker: its slot says "being rendered by this process" until it ends."""
    global _current
    _current = index
    _begun[index] = os.getpid()
    try:
        return render(job)
    finally:
        _begun[index] = -os.getpid()
        _current = -1


@dataclass(frozen=True)
class Book:
    """One book handed to the workers."""

    index: int
    phase: str  #: "PDF" (later also "EPUB")
    language: str
    future: Future

    @property
    def name(self) -> str:
        return f"{self.phase} of {self.language}"


def named_failure(phase: str, language: str, exc: BaseException) -> BaseException:
    """The error to raise for a book whose render raised ``exc`` (content, machine, or a bug)."""
    where = f"{phase} of {language}"
    if isinstance(exc, HandbookError):
        text = str(exc)
        own = f"{language}: "  # the renderer's own messages start with the language
        return HandbookError(f"{where}: {text[len(own):] if text.startswith(own) else text}")
    fault = fault_from(exc, where=where)
    if fault is not None:
        return EnvironmentFault(fault)
    exc.add_note(f"(while rendering the {where})")
    return exc


class BookWorkers:
    """At most ``workers`` worker processes rendering at most ``books`` books, in a fresh interpreter each."""

    def __init__(self, workers: int, books: int):
        context = multiprocessing.get_context("spawn")  # a fresh interpreter, whatever the engine has loaded
        self.workers = workers
        self._begun = context.RawArray("i", max(1, books))
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                                         initargs=(self._begun, os.getpid()))
        self._books: list[Book] = []

    def submit(self, phase: str, language: str, render: Callable[[Any], Any], job: Any) -> Book:
        """Hand one book to the workers; ``render(job)`` runs in a worker."""
        index = len(self._books)
        if index >= len(self._begun):
            raise ValueError(f"more books than the {len(self._begun)} this pool was made for")
        book = Book(index, phase, language, self._pool.submit(_render, index, render, job))
        self._books.append(book)
        return book

    def _killed(self, book: Book) -> EnvironmentFault:
        """The fault of a broken pool: name the books a worker had begun and not finished."""
        self._pool.shutdown(wait=True)  # the pool has stopped its other workers: their slots are cleared
        begun = [b for b in self._books if self._begun[b.index] > 0]
        if not begun:
            waiting = ", ".join(b.language for b in self._books if self._begun[b.index] == 0) or book.language
            return EnvironmentFault(Fault("killed", where=f"a {book.phase} worker process (between books; "
                                                          f"the {book.phase} of {waiting} not rendered)"))
        names = ", ".join(b.language for b in begun)
        pids = ", ".join(str(self._begun[b.index]) for b in begun)
        return EnvironmentFault(Fault("killed", detail=f"pid {pids}",
                                      where=f"the worker process rendering the {begun[0].phase} of {names}"))

    def result(self, book: Book) -> Any:
        """The book's result; its failure raised as :func:`named_failure` says."""
        try:
            return book.future.result()
        except BrokenProcessPool:
            raise self._killed(book) from None
        except BaseException as exc:  # noqa: BLE001 - re-raised, named
            failure = named_failure(book.phase, book.language, exc)
            if failure is exc:
                raise
            raise failure from None

    def results(self) -> Iterator[tuple[Book, Any]]:
        """Each book with its result, in the order they were handed over."""
        for book in self._books:
            yield book, self.result(book)

    def shutdown(self) -> None:
        """Stop the workers: books not begun are cancelled, books still being rendered abandoned.

        After a failure the build ends at once rather than after the books
        other workers are rendering; after success no worker is rendering.
        """
        for book in self._books:
            pid = self._begun[book.index]
            if pid > 0:  # a worker of this pool, rendering: not yet reaped, so the id is still its own
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        self._pool.shutdown(wait=True, cancel_futures=True)
