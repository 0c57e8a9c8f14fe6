"""Faults a build meets, injected into real builds of the fixture handbook (``pytest -m faults``).

Each build test starts from a published ``site/`` (a real build of
``tests/fixtures/site``, with its ``SHA256SUMS``), breaks a build of the same
project the way the machine does, and asserts that:

* the old site is byte-identical and ``sha256sum -c SHA256SUMS`` verifies it;
* no temporary folder (``site.tmp-*``, ``site.old-*``) and no half-written
  cache entry (a ``.part`` file, a PDF without its record) is left, and no
  process of the build lives on;
* stderr holds the one line promised (no traceback), and the exit code is the
  machine's (3), not the content's (1) or a bug's (4).

How each fault is injected:

=========================  ==================================================================
fault                      injected by
=========================  ==================================================================
SIGKILL of the build       ``os.kill(build, SIGKILL)`` once its engines are writing pages
SIGKILL of an engine       ``os.kill(engine, SIGKILL)``: the ``trp_handbook.engine.process`` child
SIGKILL of a PDF worker    ``os.kill(worker, SIGKILL)``: the build's descendant running
                           multiprocessing's ``spawn_main``, once it has loaded libpango
                           (WeasyPrint is imported only when a book begins)
file-size limit            ``RLIMIT_FSIZE`` of 256 kB set in the build process (``preexec_fn``),
                           inherited by its engines: the kernel refuses the first bigger file
unwritable output folder   the folder that holds ``site/`` made ``chmod 555``
unreadable source file     a page under ``docs/`` made ``chmod 000``
=========================  ==================================================================

Root reads and writes whatever the mode bits say (``CAP_DAC_OVERRIDE``,
``CAP_DAC_READ_SEARCH``). When the tests run as root, the builds of the two
permission tests drop those two capabilities from their bounding set before
``exec`` (``prctl(PR_CAPBSET_DROP)`` in ``preexec_fn``), so the kernel checks
their permissions as it does for any user; as another user, the mode bits
alone do it. A full disk (``ENOSPC``) needs a small file system of its own,
which only root can mount: its line is tested here on ``/dev/full``, which
answers every write with ``ENOSPC`` for anyone.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import FIXTURE_NAV, FIXTURES, processes_using, tree_digest
from trp_handbook.book import pdf as print_pdf
from trp_handbook.core.faults import Fault, fault_from
from trp_handbook.engine.config import derived_config
from trp_handbook.site import folders as build_folders

pytestmark = pytest.mark.faults

LANGUAGES = "en,sr"
#: The line a build that failed on the machine ends with.
FAILED = re.compile(r"^build failed: (?P<fault>.+); site/ was left as it was$", re.M)


# --------------------------------------------------------------------------- a project with a published site


def _build_command(project: Path, jobs: int, pdf: bool, verbose: bool) -> list[str]:
    command = [sys.executable, "-m", "trp_handbook", "build", "--site-dir", str(project / "site"),
               "--config-file", str(project / "mkdocs.yml"), "--jobs", str(jobs)]
    return command + (["--verbose"] if verbose else []) + ([] if pdf else ["--no-pdf"])


def _env(project: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_LANGUAGES": LANGUAGES,
            "HANDBOOK_PDF_CACHE": str(project / "cache"), **extra}


def start_build(project: Path, jobs: int = 2, pdf: bool = False, verbose: bool = False, preexec_fn=None,
                **env: str) -> subprocess.Popen:
    """``handbook build`` of ``project`` in its own session, stderr captured."""
    return subprocess.Popen(_build_command(project, jobs, pdf, verbose), cwd=project, env=_env(project, **env),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=preexec_fn)


def run_build(project: Path, **kwargs) -> tuple[int, str, int]:
    """(exit code, stderr, pid) of a whole build."""
    proc = start_build(project, **kwargs)
    _, stderr = proc.communicate(timeout=600)
    return proc.returncode, stderr, proc.pid


def _make_project(root: Path) -> Path:
    shutil.copytree(FIXTURES / "site" / "docs", root / "docs")
    (root / "mkdocs.yml").write_text(derived_config(root / "docs", root / "site", FIXTURE_NAV), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The fixture handbook built once (English and Serbian, no PDFs): the site every test starts from."""
    project = _make_project(tmp_path_factory.mktemp("published"))
    code, stderr, _ = run_build(project)
    assert code == 0, stderr[-3000:]
    return project / "site"


@pytest.fixture
def project(tmp_path, published) -> Path:
    """A project folder with the fixture's sources and ``published`` as its site/."""
    root = _make_project(tmp_path / "project")
    shutil.copytree(published, root / "site")
    yield root
    for pid in processes_using(str(root)):  # only processes of this test's builds (they name its folder)
        os.kill(pid, signal.SIGKILL)


def sums_verify(site: Path) -> bool:
    return subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=site,
                          capture_output=True).returncode == 0


def leftovers(project: Path) -> list[str]:
    """Temporary folders beside site/, and cache files that are not whole entries."""
    found = sorted(p.name for p in project.iterdir() if p.name.startswith(("site.tmp-", "site.old-")))
    cache = project / "cache"
    if cache.is_dir():
        names = {p.name for p in cache.iterdir()}
        for name in sorted(names):
            stem, suffix = os.path.splitext(name)
            partner = {".pdf": ".json", ".json": ".pdf"}.get(suffix)
            if partner is None or stem + partner not in names:
                found.append(f"cache/{name}")
    return found


def no_process_left(project: Path, seconds: float = 15) -> list[int]:
    """The processes of ``project``'s builds still running after ``seconds`` (none, if they die with the build)."""
    deadline = time.monotonic() + seconds
    while processes_using(str(project)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return processes_using(str(project))


def the_line(stderr: str) -> str:
    """The fault of a failed build's one line: beside the engines' progress (INFO), it is all stderr says."""
    said = [line for line in stderr.splitlines() if line.strip() and not line.startswith("INFO ")]
    assert len(said) == 1 and FAILED.fullmatch(said[0]), stderr[-3000:]
    return FAILED.fullmatch(said[0])["fault"]


def assert_untouched(project: Path, before: dict[str, str]) -> None:
    assert tree_digest(project / "site") == before
    assert sums_verify(project / "site")


def _wait_for(condition, what: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _reads(pid: int, name: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/{name}").read_bytes()
    except OSError:
        return b""


def _as_an_ordinary_user():
    """A ``preexec_fn``: as root, run the build without the capabilities that ignore mode bits.

    ``CAP_DAC_OVERRIDE`` and ``CAP_DAC_READ_SEARCH`` leave the bounding set, so
    the program ``exec``'d next (the build, and every process it starts) never
    has them; as another user there is nothing to drop.
    """
    if os.geteuid() != 0:
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2

    def drop() -> None:
        for capability in (cap_dac_override, cap_dac_read_search):
            if prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


def _user() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


# --------------------------------------------------------------------------- killed


@pytest.mark.build
def test_a_killed_build_leaves_folders_the_next_build_removes(project):
    before = tree_digest(project / "site")
    build = start_build(project)
    tmp = project / f"site.tmp-{build.pid}"
    _wait_for(lambda: any(tmp.rglob("*.html")) or build.poll() is not None, "pages in the temporary folder")
    assert build.poll() is None, "the build ended before it could be killed"
    os.kill(build.pid, signal.SIGKILL)  # as the out-of-memory killer, a CI timeout or a power cut does
    build.wait()
    assert no_process_left(project) == []  # its engines died with it, instead of writing on as orphans
    assert_untouched(project, before)
    assert leftovers(project) == [f"site.tmp-{build.pid}", f"site.tmp-{build.pid}.shard-1"]

    published_folder = (project / "site").stat().st_ino
    code, stderr, _ = run_build(project)
    assert code == 0, stderr[-3000:]
    removed = re.findall(r"^removed 2 temporary folders of earlier builds that did not finish "
                         rf"\(site\.tmp-{build.pid}, site\.tmp-{build.pid}\.shard-1; \d+\.\d MB\)$", stderr, re.M)
    assert len(removed) == 1, stderr[-3000:]
    assert leftovers(project) == []
    assert (project / "site").stat().st_ino != published_folder  # a new site was swapped in
    assert sums_verify(project / "site") and tree_digest(project / "site") == before  # (a reproducible build)


@pytest.mark.build
def test_a_build_never_removes_the_folders_of_a_running_build(project):
    first = start_build(project)
    tmp = project / f"site.tmp-{first.pid}"
    _wait_for(lambda: any(tmp.rglob("*.html")) or first.poll() is not None, "pages of the first build")
    code, stderr, _ = run_build(project)  # started while the first writes its folders
    _, first_stderr = first.communicate(timeout=600)
    assert (first.returncode, code) == (0, 0), first_stderr[-2000:] + stderr[-2000:]
    assert "removed" not in stderr
    assert leftovers(project) == []
    assert sums_verify(project / "site")


@pytest.mark.build
def test_a_killed_engine_fails_the_build_naming_its_languages(project):
    before = tree_digest(project / "site")
    build = start_build(project)

    def engine() -> int | None:
        return next((pid for pid in _descendants(build.pid) if b"trp_handbook.engine.process" in _reads(pid, "cmdline")
                     and b"HANDBOOK_SHARD_LANGUAGES=sr" in _reads(pid, "environ")), None)

    _wait_for(lambda: engine() is not None or build.poll() is not None, "the engine of the Serbian part")
    os.kill(engine(), signal.SIGKILL)
    _, stderr = build.communicate(timeout=300)
    assert build.returncode == 3
    assert the_line(stderr) == (
        "the site engine rendering sr was killed by SIGKILL (by hand, or by the out-of-memory killer: see dmesg); "
        "build again, with fewer at once (--jobs 1, HANDBOOK_PDF_JOBS=1) if memory is short")
    assert no_process_left(project) == []
    assert_untouched(project, before)
    assert leftovers(project) == []


@pytest.mark.build
def test_a_killed_pdf_worker_fails_the_build_and_the_next_build_renders_its_book(project):
    before = tree_digest(project / "site")
    # one engine, one PDF worker: it renders English, then Serbian
    build = start_build(project, jobs=1, pdf=True, HANDBOOK_PDF_JOBS="1")

    def rendering_worker() -> int | None:
        return next((pid for pid in _descendants(build.pid) if b"spawn_main" in _reads(pid, "cmdline")
                     and b"libpango" in _reads(pid, "maps")), None)

    _wait_for(lambda: rendering_worker() is not None or build.poll() is not None, "a worker rendering a book")
    worker = rendering_worker()
    os.kill(worker, signal.SIGKILL)
    _, stderr = build.communicate(timeout=300)
    assert build.returncode == 3
    assert the_line(stderr) == (
        f"the worker process rendering the PDF of en (pid {worker}) was killed (by hand, or by the out-of-memory "
        "killer: see dmesg); build again, with fewer at once (--jobs 1, HANDBOOK_PDF_JOBS=1) if memory is short")
    assert no_process_left(project) == []
    assert_untouched(project, before)
    assert leftovers(project) == []  # nor a partial book in the cache
    assert not list((project / "cache").glob("*.pdf"))  # English was not finished, Serbian not begun

    code, stderr, _ = run_build(project, jobs=1, pdf=True, HANDBOOK_PDF_JOBS="1")
    assert code == 0, stderr[-3000:]
    assert re.search(r"pdf: en: \d+ pages, .+, rendered in", stderr), stderr[-3000:]
    assert leftovers(project) == []
    assert len(list((project / "cache").glob("*.pdf"))) == 2
    assert (project / "site" / print_pdf.site_pdf_path("en", "en")).is_file()
    assert sums_verify(project / "site")


# --------------------------------------------------------------------------- limits and permissions


@pytest.mark.build
def test_a_file_size_limit_fails_the_build_in_one_line(project):
    before = tree_digest(project / "site")
    limit = 256 * 1024

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    code, stderr, pid = run_build(project, preexec_fn=limited)
    assert code == 3
    line = the_line(stderr)
    found = re.fullmatch(r"(?P<path>\S+) outgrew the file-size limit of the build \(ulimit -f 256: 0\.3 MB\); "
                         r"raise the limit \(ulimit -f unlimited\), then build again", line)
    assert found, line
    assert found["path"].startswith(str(project / f"site.tmp-{pid}"))  # a file of this build's own folders
    assert no_process_left(project) == []
    assert_untouched(project, before)
    assert leftovers(project) == []


@pytest.mark.build
def test_an_unwritable_output_folder_fails_the_build_in_one_line(project):
    before = tree_digest(project / "site")
    project.chmod(0o555)
    try:
        code, stderr, pid = run_build(project, preexec_fn=_as_an_ordinary_user())
    finally:
        project.chmod(0o755)
    assert code == 3
    assert the_line(stderr) == (
        f"cannot write {project}/site.tmp-{pid} (permission denied); give this user ({_user()}) write access to "
        f"{project}, or build elsewhere (--site-dir), then build again")
    assert no_process_left(project) == []
    assert_untouched(project, before)
    assert leftovers(project) == []


@pytest.mark.build
def test_an_unreadable_source_file_fails_the_build_in_one_line(project):
    before = tree_digest(project / "site")
    page = project / "docs" / "en" / "guide" / "index.md"
    page.chmod(0o000)
    try:
        code, stderr, _ = run_build(project, preexec_fn=_as_an_ordinary_user())
        verbose_code, verbose, _ = run_build(project, preexec_fn=_as_an_ordinary_user(), verbose=True)
    finally:
        page.chmod(0o644)
    line = (f"cannot read {page} (permission denied); give this user ({_user()}) read access to it (chmod a+r), "
            "then build again")
    assert code == 3
    assert the_line(stderr) == line
    # --verbose adds the traceback (the engine's) above the same line
    assert verbose_code == 3
    assert "Traceback" in verbose and f"PermissionError: [Errno 13] Permission denied: '{page}'" in verbose
    assert verbose.rstrip().endswith(f"build failed: {line}; site/ was left as it was")
    assert no_process_left(project) == []
    assert_untouched(project, before)
    assert leftovers(project) == []


@pytest.mark.build
def test_a_bug_is_not_a_fault_it_prints_its_traceback_and_exits_4(project, tmp_path):
    before = tree_digest(project / "site")
    hook = tmp_path / "bug.py"
    hook.write_text("def on_config(config):\n    raise RuntimeError('a deliberate bug')\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        derived_config(project / "docs", project / "site", FIXTURE_NAV, hooks=[str(hook)]), encoding="utf-8")
    code, stderr, _ = run_build(project)
    assert code == 4
    assert "RuntimeError: a deliberate bug" in stderr and "Traceback" in stderr
    assert re.search(r"^build failed: a bug in the handbook's code \(the traceback above; please report it\); "
                     r"site/ was left as it was$", stderr, re.M)
    assert_untouched(project, before)
    assert leftovers(project) == []


def _book_html() -> str:
    """The print HTML of a one-page English book."""
    import datetime

    info = print_pdf.BookInfo(language="en", title="TRP Handbook", description="A handbook", language_name="English",
                              edition=1, date=datetime.date(2026, 11, 28), law_as_at=datetime.date(2026, 11, 28),
                              site_url="https://trp-handbook.example.org/", copyright="CC BY 4.0", source_epoch=0)
    chapter = print_pdf.Chapter("index.md", "", "<h1 id='home'>Home</h1>" + "<p>A page of the handbook.</p>" * 40)
    return print_pdf.assemble([chapter], info, print_pdf.PrintOptions())[0]


RENDER_ONE = """
import sys
from trp_handbook.book import pdf as print_pdf
from trp_handbook.core.faults import EnvironmentFault
job = print_pdf.RenderJob("en", open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], "file:///")
try:
    print_pdf.render_all([job], 1)
except EnvironmentFault as fault:
    print(fault)
    sys.exit(3)
"""


@pytest.mark.build
def test_a_book_the_cache_refuses_fails_in_one_line_naming_the_language(tmp_path):
    """The PDF phase renders the book, then may not write it into the cache folder."""
    html = tmp_path / "book.html"
    html.write_text(_book_html(), encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o555)
    done = subprocess.run([sys.executable, "-c", RENDER_ONE, str(html), str(cache / "key.pdf")],
                          preexec_fn=_as_an_ordinary_user(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr[-3000:]
    assert re.fullmatch(rf"PDF of en: cannot write {re.escape(str(cache))}/key\.pdf\.\d+\.part \(permission denied\); "
                        rf"give this user \({_user()}\) write access to {re.escape(str(cache))}, or move the PDF cache "
                        r"\(HANDBOOK_PDF_CACHE\), then build again\n", done.stdout), done.stdout
    assert list(cache.iterdir()) == []


WRITE_WHOLE = """
import sys
from pathlib import Path
from trp_handbook.book import pdf as print_pdf
try:
    print_pdf._write_whole(Path(sys.argv[1]), b"%PDF-1.7" + bytes(100_000))
except OSError as exc:
    print(exc.errno, exc.filename)
"""


def test_a_cache_file_cut_short_by_a_limit_is_not_left_half_written(tmp_path):
    """The kernel refuses the rest of the book (a full disk does the same): the partial file goes too."""
    limit = 16 * 1024

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run([sys.executable, "-c", WRITE_WHOLE, str(tmp_path / "key.pdf")], preexec_fn=limited,
                          capture_output=True, text=True, timeout=60)
    assert re.fullmatch(rf"{errno.EFBIG} {re.escape(str(tmp_path))}/key\.pdf\.\d+\.part\n", done.stdout), done
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- the folders of gone builds


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_stale_folders_go_and_running_ones_stay(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    dead = build_folders.temporary_name(site, _dead_pid())
    (dead / "sr").mkdir(parents=True)
    (dead / "sr" / "index.html").write_bytes(b"x" * 1000)
    other = tmp_path / "site.tmp-notapid"
    other.mkdir()
    # a folder whose process id is dead but which a running build's engine still locks
    held = build_folders.shard_name(site, _dead_pid(), 1)
    held.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('held', flush=True)\n"
        "time.sleep(120)\n"), str(held)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        # a live process that was already running when its folder was last written: a build not yet locked
        young = build_folders.temporary_name(site, holder.pid)
        young.mkdir()
        removed = build_folders.remove_stale(site)
        assert removed.folders == (dead.name,)
        assert removed.line() == f"removed 1 temporary folder of earlier builds that did not finish ({dead.name}; 0.0 MB)"
        assert held.is_dir() and young.is_dir() and other.is_dir() and site.is_dir()
    finally:
        holder.kill()
        holder.wait()
    # the lock went with its process; no running process has either id now
    assert set(build_folders.remove_stale(site).folders) == {held.name, young.name}


def test_a_reused_process_id_does_not_keep_a_folder(tmp_path):
    site = tmp_path / "site"
    stranger = subprocess.Popen(["sleep", "60"])  # holds the id a killed build once had
    try:
        folder = build_folders.temporary_name(site, stranger.pid)
        folder.mkdir()
        long_ago = time.time() - 3600  # last written before the stranger started
        os.utime(folder, (long_ago, long_ago))
        assert build_folders.remove_stale(site).folders == (folder.name,)
    finally:
        stranger.kill()
        stranger.wait()


def test_a_partial_cache_file_of_a_gone_writer_is_removed(tmp_path):
    gone = tmp_path / f"{'a' * 64}.pdf.{_dead_pid()}.part"
    gone.write_bytes(b"%PDF-1.7 half")
    mine = tmp_path / f"{'b' * 64}.pdf.{os.getpid()}.part"  # a writer still at work
    mine.write_bytes(b"%PDF-1.7 half")
    assert print_pdf.remove_partial_files(tmp_path) == [gone]
    assert mine.exists()


# --------------------------------------------------------------------------- the lines


def test_no_space_left_names_the_device_the_free_space_and_the_need(tmp_path):
    with pytest.raises(OSError) as caught:
        with open("/dev/full", "wb") as device:  # every write: ENOSPC
            device.write(b"page")
    assert caught.value.errno == errno.ENOSPC
    fault = fault_from(caught.value, path=tmp_path / "site.tmp-1")
    assert fault == Fault("no-space", path=str(tmp_path / "site.tmp-1"), detail="No space left on device")
    line = fault.with_needed(33_000_000).message()
    assert re.fullmatch(rf"no space left on the device that holds {re.escape(str(tmp_path))} "
                        r"\(\d+(\.\d)? [kM]B free; the build needs roughly 33\.0 MB there\); free some space there, "
                        r"or build elsewhere \(--site-dir\), then build again", line), line


def test_a_missing_library_or_program_is_named_with_its_remedy(tmp_path):
    import cffi

    with pytest.raises(OSError) as library:
        cffi.FFI().dlopen("libtrp-handbook-absent-1.0-0")  # how WeasyPrint loads Pango
    assert fault_from(library.value, where="PDF of fr").message() == (
        "PDF of fr: the system library libtrp-handbook-absent-1.0-0 cannot be loaded (WeasyPrint needs it for the "
        "PDF books); install it (Debian/Ubuntu: sudo make system-deps), or build without PDFs (--no-pdf)")
    with pytest.raises(OSError) as program:
        subprocess.run(["trp-handbook-absent-program"])
    assert fault_from(program.value).message() == (
        "the program trp-handbook-absent-program is not installed (or not on PATH); install it, then build again")
    with pytest.raises(OSError) as missing_file:
        open(tmp_path / "absent.md", encoding="utf-8")
    assert fault_from(missing_file.value) is None  # a missing source is the content's problem, not the machine's
