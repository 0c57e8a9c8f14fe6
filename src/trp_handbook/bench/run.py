"""The build's benchmark: medians of repeated measurements, ratios, and the budget.

Every measurement builds a copy of the real handbook (``docs/`` copied into a
temporary folder, so edits never touch the repository) with the real
configuration, several times, and keeps the median. The budget of the
performance issue is checked here, by numbers: never by timed tests.
``scripts/handbook bench [--repeat N] [--skip NAME,...] [--format json]``.
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trp_handbook.bench import pdf_export as bench_pdf_export
from trp_handbook.core.project import root as project_root
from trp_handbook.engine.config import bare_config, derived_config, load_site_config
from trp_handbook.site.config import i18n_languages, nav_order

MEASUREMENTS = ("full", "html", "pdf", "pdf_export", "pdf_cores", "rebuild", "serve", "scale")


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak memory (whole process tree) of one command; failure is an error."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise RuntimeError(f"{' '.join(map(str, cmd[:5]))} failed:\n{proc.stderr.read()[-3000:]}")
    return elapsed, peak


class Workspace:
    """A copy of the handbook (optionally repeated ``scale`` times) and its configurations."""

    def __init__(self, scale: int = 1) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
        self.docs = self.tmp / "docs"
        shutil.copytree(project_root() / "docs", self.docs)
        self.nav: list[Any] = load_site_config()["nav"]
        for n in range(2, scale + 1):
            self.nav = self.nav + [{f"Part {n}": self._copy_part(n)}]
        self.pages = sum(1 for p in self.docs.rglob("*.md"))

    def _copy_part(self, n: int) -> list[str]:
        """Every chapter of every language again, as ``<chapter>-pN.md`` beside the original.

        A copy sits in its original's folder, so its relative links and images
        still resolve (to the original chapters); a translation's copy names
        the English copy as its source, whose text (and so git blob) is the same.
        """
        sources = [p for p in nav_order(load_site_config()["nav"]) if p != "index.md" and (self.docs / "en" / p).exists()]
        copies = {rel: rel[: -len(".md")] + f"-p{n}.md" for rel in sources}
        for lang_dir in [d for d in self.docs.iterdir() if d.is_dir()]:
            for rel, copy in copies.items():
                page = lang_dir / rel
                if page.exists():
                    text = page.read_text(encoding="utf-8").replace(f"\n  source: {rel}\n", f"\n  source: {copy}\n", 1)
                    (lang_dir / copy).write_text(text, encoding="utf-8")
        return [copies[rel] for rel in sources]

    def config(self, name: str, bare: bool = False) -> Path:
        path, site = self.tmp / f"mkdocs-{name}.yml", self.tmp / f"site-{name}"
        if bare:
            generated = ("annexes/glossary.md", "annexes/legislation.md", "annexes/translation-status.md", "annexes/editions.md")
            nav = [_drop(item, generated) for item in self.nav]
            # Material has no bs or sr-Latn interface; the baseline uses its nearest ones
            nearest = {"bs": "hr", "sr-Latn": "sh"}
            langs = [{**{k: v for k, v in e.items() if k in ("locale", "name", "default", "build")},
                      "theme": {"language": nearest.get(e["locale"], e["locale"])}} for e in i18n_languages()]
            path.write_text(bare_config(self.docs, site, nav, langs), encoding="utf-8")
        else:
            path.write_text(derived_config(self.docs, site, self.nav), encoding="utf-8")
        return path

    def build(self, name: str, env: dict[str, str], bare: bool = False, jobs: int | None = None) -> tuple[float, int]:
        """One build: ours is what ``make`` runs (``handbook build``), the baseline plain ``mkdocs build``."""
        config = self.config(name, bare)
        if bare:
            cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(self.site(name))]
        else:
            cmd = [sys.executable, "-m", "trp_handbook", "build", "--config-file", str(config),
                   "--site-dir", str(self.site(name))] + ([] if jobs is None else ["--jobs", str(jobs)])
        return timed(cmd, env, self.tmp)

    def site(self, name: str) -> Path:
        return self.tmp / f"site-{name}"

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _drop(item: Any, pages: tuple[str, ...]) -> Any:
    if isinstance(item, dict):
        return {k: [x for x in v if x not in pages] if isinstance(v, list) else v for k, v in item.items()}
    return item


def median(values: list[float]) -> float:
    return statistics.median(values)


def run_benchmark(repeat: int = 3, skip: tuple[str, ...] = (), log: Callable[[str], None] = print) -> dict[str, Any]:
    """Run every measurement; returns medians (seconds), ratios, memory and the budget verdicts."""
    results: dict[str, Any] = {"repeat": repeat, "cores": len(os.sched_getaffinity(0))}
    ws = Workspace()
    results["pages"] = ws.pages
    no_pdf = {"HANDBOOK_PDF": "off"}
    cache = str(ws.tmp / "pdf-cache")
    try:
        if "full" not in skip:
            runs = [ws.build("full", {"HANDBOOK_PDF_CACHE": "off"}) for _ in range(repeat)]
            results["full_build_s"] = median([r[0] for r in runs])
            results["full_build_peak_mib"] = round(max(r[1] for r in runs) / 2**20)
            log(f"full build: {results['full_build_s']:.1f} s, peak {results['full_build_peak_mib']} MiB")
        if "html" not in skip:
            results["html_ours_s"] = median([ws.build("html", no_pdf)[0] for _ in range(repeat)])
            results["html_bare_s"] = median([ws.build("bare", {}, bare=True)[0] for _ in range(repeat)])
            log(f"html: ours {results['html_ours_s']:.1f} s, bare mkdocs {results['html_bare_s']:.1f} s")
        if "pdf" not in skip:
            results.update(_pdf_step(ws, repeat, log, skip))
        if "pdf_cores" not in skip:
            results.update(_pdf_cores(ws, log))
        if "rebuild" not in skip:
            ws.build("rebuild", {"HANDBOOK_PDF_CACHE": cache})  # warm the cache
            results["rebuild_unchanged_s"] = median(
                [ws.build("rebuild", {"HANDBOOK_PDF_CACHE": cache})[0] for _ in range(repeat)])
            intro = ws.docs / "en" / "introduction.md"
            edits = []
            for n in range(repeat):
                intro.write_text(intro.read_text(encoding="utf-8") + f"\nEdited for the benchmark ({n}).\n", encoding="utf-8")
                edits.append(ws.build("rebuild", {"HANDBOOK_PDF_CACHE": cache})[0])
            results["rebuild_after_edit_s"] = median(edits)
            # the first edit outdates the page in every translation (notices change in every book);
            # later edits of the same page change the English book only
            results["rebuild_after_edit_runs_s"] = [round(e, 1) for e in edits]
            log(f"rebuild: unchanged {results['rebuild_unchanged_s']:.1f} s, after one edit {results['rebuild_after_edit_s']:.1f} s "
                f"(each edit: {', '.join(f'{e:.1f}' for e in edits)} s)")
        if "serve" not in skip:
            results["serve_reload_s"] = median(_serve_latency(ws, repeat))
            log(f"serve, one language: page served again {results['serve_reload_s']:.2f} s after saving")
    finally:
        ws.close()
    if "scale" not in skip:
        try:
            results.update(_scale(repeat, log, results))
        except RuntimeError as exc:  # reported, not hidden: the budget row says "not measured"
            results["scale_error"] = str(exc).splitlines()[-1]
            log(f"scale: not measured ({results['scale_error']})")
    results["budget"] = budget(results)
    return results


def _pdf_step(ws: Workspace, repeat: int, log: Callable[[str], None], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Our PDF step for one language against a bare WeasyPrint render of the same HTML and the plugin."""
    import weasyprint

    from trp_handbook.book import fonts
    from trp_handbook.book import pdf as print_pdf
    from trp_handbook.site.books import book_jobs

    ws.build("pdfsite", {"HANDBOOK_PDF": "off"})
    options = print_pdf.options_from_env({"HANDBOOK_PDF_CACHE": "off"})
    job = book_jobs(ws.site("pdfsite"), ["sr"], options, ws.tmp / "pdf-out")[0][0]
    ours, bare, untagged = [], [], []
    for _ in range(repeat):
        gc.collect()  # not timed: each run starts from the same memory
        start = time.perf_counter()
        pdf, _, layouts = print_pdf.render(job)
        ours.append(time.perf_counter() - start)
        # The floor: WeasyPrint alone making the same PDF (tagged PDF/UA-1) from the same HTML ...
        start = time.perf_counter()
        font_config = fonts.book_font_configuration()  # the same shipped fonts as ours
        sheets = print_pdf.weasyprint_stylesheets(font_config)
        document = weasyprint.HTML(string=job.html, base_url=job.base_url).render(stylesheets=sheets, font_config=font_config)
        laid_out = time.perf_counter()
        document.write_pdf(pdf_variant=job.variant, pdf_identifier=True, pdf_tags=True)
        bare.append(time.perf_counter() - start)
        # ... and, for the record, the same layout written untagged (what the tags cost WeasyPrint).
        written = time.perf_counter()
        document.write_pdf()
        untagged.append(laid_out - start + time.perf_counter() - written)
        del document
        gc.collect()  # not timed: the next run of ours starts without this layout in memory
    out: dict[str, Any] = {"pdf_ours_sr_s": median(ours), "pdf_bare_weasyprint_sr_s": median(bare),
                           "pdf_bare_weasyprint_untagged_sr_s": median(untagged),
                           "pdf_ours_sr_words": bench_pdf_export.words_in_pdf(pdf), "pdf_ours_sr_layouts": layouts}
    log(f"pdf (sr): ours {out['pdf_ours_sr_s']:.1f} s ({out['pdf_ours_sr_words']} words, {layouts} round(s) of layout), "
        f"bare WeasyPrint {out['pdf_bare_weasyprint_sr_s']:.1f} s (untagged: {out['pdf_bare_weasyprint_untagged_sr_s']:.1f} s)")
    if "pdf_export" not in skip:
        try:
            out.update(bench_pdf_export.measure(ws.docs / "sr", ws.tmp, repeat, log))
            out["pdf_export_plugin_raw_ratio"] = out["pdf_export_plugin_s"] / out["pdf_ours_sr_s"]
        except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:  # reported, not hidden
            out["pdf_export_plugin_error"] = str(exc).splitlines()[-1] if str(exc) else type(exc).__name__
            log(f"mkdocs-pdf-export-plugin: not measured ({out['pdf_export_plugin_error']})")
    return out


def _pdf_cores(ws: Workspace, log: Callable[[str], None]) -> dict[str, float]:
    """All books rendered with one process, then with every core."""
    site = ws.site("pdfsite")
    if not site.exists():
        ws.build("pdfsite", {"HANDBOOK_PDF": "off"})
    cmd = [sys.executable, "-m", "trp_handbook", "pdf", "--site-dir", str(site), "--no-cache", "--out", str(ws.tmp / "books")]
    one = timed(cmd + ["--jobs", "1"], {}, project_root())[0]
    many = timed(cmd + ["--jobs", str(len(os.sched_getaffinity(0)))], {}, project_root())[0]
    log(f"pdf phase, all books: 1 process {one:.1f} s, all cores {many:.1f} s")
    return {"pdf_all_1_core_s": one, "pdf_all_cores_s": many}


def _serve_latency(ws: Workspace, repeat: int) -> list[float]:
    """Seconds from saving a page to the preview server serving its new text (one language, no PDFs)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = ws.config("serve")
    proc = subprocess.Popen(
        [sys.executable, "-m", "trp_handbook", "serve", "--languages", "sr", "--config-file", str(config),
         "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ws.tmp, env=os.environ.copy(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/sr/introduction/"
    page = ws.docs / "sr" / "introduction.md"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.time() + 180
        while "<html" not in fetch():
            if time.time() > deadline:
                raise RuntimeError("mkdocs serve did not come up")
            time.sleep(0.5)
        times = []
        for n in range(repeat):
            marker = f"benchmarkmarker{n}"
            time.sleep(1)
            page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            start = time.perf_counter()
            while marker not in fetch():
                if time.perf_counter() - start > 120:
                    raise RuntimeError("the edited page was not served again")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
        return times
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _scale(repeat: int, log: Callable[[str], None], base: dict[str, Any]) -> dict[str, Any]:
    """The measurements again on a handbook ten times larger (every chapter ten times per language).

    The HTML build (median of ``repeat // 2`` runs, at least one), the one-language
    preview, and our PDF step for one language (median of ``repeat`` runs, a
    1,087-page book). Each is compared with the same measurement of the real
    handbook in ``base``.
    """
    from trp_handbook.book import pdf as print_pdf
    from trp_handbook.site.books import book_jobs

    ws = Workspace(scale=10)
    try:
        out: dict[str, Any] = {"scale_pages": ws.pages}
        out["scale_html_s"] = median([ws.build("scale", {"HANDBOOK_PDF": "off"})[0] for _ in range(max(1, repeat // 2))])
        log(f"scale: {ws.pages} pages, HTML build {out['scale_html_s']:.1f} s")
        out["scale_serve_reload_s"] = median(_serve_latency(ws, max(1, repeat // 2)))
        log(f"scale: preview of one language, page served again {out['scale_serve_reload_s']:.2f} s after saving")
        options = print_pdf.options_from_env({"HANDBOOK_PDF_CACHE": "off"})
        job = book_jobs(ws.site("scale"), ["sr"], options, ws.tmp / "pdf-out", ws.tmp / "mkdocs-scale.yml")[0][0]
        runs = []
        for _ in range(repeat):
            gc.collect()  # not timed, as before each run of the real book's PDF step
            start = time.perf_counter()
            _, pages, layouts = print_pdf.render(job)
            runs.append(time.perf_counter() - start)
        out["scale_pdf_sr_s"], out["scale_pdf_sr_pages"] = median(runs), pages
        out["scale_pdf_sr_runs_s"] = [round(r, 1) for r in runs]
        log(f"scale: PDF step (sr) {out['scale_pdf_sr_s']:.1f} s ({', '.join(f'{r:.1f}' for r in runs)}), "
            f"{pages} pages, {layouts} round(s) of layout")
        if base.get("pages"):
            out["scale_page_ratio"] = ws.pages / base["pages"]
            # time ratio / page ratio per measurement: 1 is linear growth, below 1 is better
            for name, scaled, base_key in (("html", "scale_html_s", "html_ours_s"),
                                           ("serve", "scale_serve_reload_s", "serve_reload_s"),
                                           ("pdf", "scale_pdf_sr_s", "pdf_ours_sr_s")):
                if base.get(base_key):
                    out[f"scale_growth_{name}"] = out[scaled] / base[base_key] / out["scale_page_ratio"]
        return out
    finally:
        ws.close()


def budget(r: dict[str, Any]) -> list[dict[str, Any]]:
    """Each rule of the performance budget with its measured value and verdict (None: not measured)."""

    def rule(name: str, value: float | None, limit: float, lower_is_better: bool = True) -> dict[str, Any]:
        ok = None if value is None else (value <= limit if lower_is_better else value >= limit)
        return {"rule": name, "value": None if value is None else round(value, 3), "limit": limit, "met": ok}

    def ratio(a: str, b: str) -> float | None:
        return r[a] / r[b] if a in r and b in r and r[b] else None

    # The plugin prints part of each page only: its time is compared per word of its book
    # (the raw ratio is kept in the results as pdf_export_plugin_raw_ratio).
    plugin_per_word = None
    if r.get("pdf_export_plugin_words") and r.get("pdf_ours_sr_words") and r.get("pdf_ours_sr_s"):
        plugin_per_word = (r["pdf_export_plugin_s"] / r["pdf_export_plugin_words"]) / (
            r["pdf_ours_sr_s"] / r["pdf_ours_sr_words"])
    # the worst of the measurements repeated at ten times the size
    growths = [r[k] for k in ("scale_growth_html", "scale_growth_serve", "scale_growth_pdf") if k in r]
    growth = max(growths) if growths else None
    return [
        rule("HTML build / bare mkdocs build", ratio("html_ours_s", "html_bare_s"), 1.25),
        rule("PDF step / bare WeasyPrint render (sr)", ratio("pdf_ours_sr_s", "pdf_bare_weasyprint_sr_s"), 1.15),
        rule("mkdocs-pdf-export-plugin / our PDF step, seconds per word printed (sr)", plugin_per_word, 3.0,
             lower_is_better=False),
        rule("PDF phase speed-up, all cores vs 1", ratio("pdf_all_1_core_s", "pdf_all_cores_s"), 1.7, lower_is_better=False),
        rule("rebuild unchanged / HTML-only build", ratio("rebuild_unchanged_s", "html_ours_s"), 1.2),
        rule("preview: page served again after saving (s)", r.get("serve_reload_s"), 2.0),
        rule("growth 1x -> 10x pages, worst of HTML, preview, PDF (time ratio / page ratio)", growth, 1.0),
        rule("peak memory of the full build (MiB)", r.get("full_build_peak_mib"), 2048),
    ]
