"""The benchmark's alternative PDF path: mkdocs-pdf-export-plugin on the same pages.

The plugin is what a MkDocs user would pick to print a site. It is not one of
the handbook's dependencies (it does not make a usable book here, see the
ENGINEERING.md, "PDF internals"), so the benchmark installs it into its own virtual
environment under ``.cache/bench/`` with the engine, theme and WeasyPrint at
the versions the handbook uses, and times it on a copy of one language's pages:
``mkdocs build`` with the plugin minus the same build without it is the
plugin's PDF step. Its book is then read (pypdf) to count the words it holds:
the plugin completes, but prints only part of each page with this theme, so
its seconds are compared per word of text as well as as they are.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from trp_handbook.core.project import root as project_root

PLUGIN = "mkdocs-pdf-export-plugin==0.5.10"
#: Packages installed beside the plugin at the handbook's own versions.
SAME_AS_OURS = ("mkdocs", "mkdocs-material", "pymdown-extensions", "weasyprint")
VENV = project_root() / ".cache" / "bench" / "pdf-export-venv"

_CONFIG = """site_name: TRP Handbook
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  font: false
markdown_extensions: [toc, abbr, admonition, attr_list, def_list, footnotes, md_in_html, tables,
  pymdownx.details, pymdownx.superfences, pymdownx.tilde, pymdownx.caret, pymdownx.smartsymbols]
plugins:
  - search
{plugin}"""


def plugin_python() -> Path:
    """The virtual environment's Python with the plugin installed (made once, then reused)."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".installed"
    wanted = [PLUGIN] + [f"{name}=={metadata.version(name)}" for name in SAME_AS_OURS]
    if stamp.exists() and stamp.read_text(encoding="utf-8") == "\n".join(wanted):
        return python
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *wanted], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stamp.write_text("\n".join(wanted), encoding="utf-8")
    return python


def words_in_pdf(pdf: Path | bytes) -> int:
    """Words of text in a PDF (a file or its bytes)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf))
    return sum(len((page.extract_text() or "").split()) for page in reader.pages)


def measure(docs: Path, work: Path, repeat: int, log: Callable[[str], None]) -> dict[str, float]:
    """Seconds of the plugin's PDF step on the pages in ``docs`` (one language), and its book's words."""
    python = plugin_python()
    results: dict[str, list[float]] = {"with": [], "without": []}
    book = None
    for name, plugin in (("with", "  - pdf-export:\n      combined: true\n"), ("without", "")):
        site = work / f"site-pdf-export-{name}"
        config = work / f"mkdocs-pdf-export-{name}.yml"
        config.write_text(_CONFIG.format(docs=docs, site=site, plugin=plugin), encoding="utf-8")
        for _ in range(repeat):
            start = time.perf_counter()
            done = subprocess.run([str(python), "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=work,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
            results[name].append(time.perf_counter() - start)
            if done.returncode:
                raise RuntimeError(f"mkdocs-pdf-export-plugin failed: {done.stderr.strip().splitlines()[-1:]}")
        if name == "with":
            book = next(site.rglob("*.pdf"), None)
    if book is None:
        raise RuntimeError("mkdocs-pdf-export-plugin wrote no PDF")
    import statistics

    seconds = statistics.median(results["with"]) - statistics.median(results["without"])
    out = {"pdf_export_plugin_s": seconds, "pdf_export_plugin_words": words_in_pdf(book)}
    log(f"mkdocs-pdf-export-plugin: PDF step {seconds:.1f} s, {out['pdf_export_plugin_words']} words in its book")
    return out
