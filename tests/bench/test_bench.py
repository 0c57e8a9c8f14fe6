"""The benchmark's own parts (the benchmark itself runs with `scripts/handbook bench`)."""

import os
import subprocess
import sys

import yaml

from trp_handbook.bench import run as bench
from trp_handbook.core.project import root as project_root
from trp_handbook.engine.config import bare_config


def test_tree_rss_counts_children():
    child = subprocess.Popen([sys.executable, "-c", "import time; x = bytearray(60 * 2**20); time.sleep(3)"])
    try:
        import time

        time.sleep(1)
        assert bench.tree_rss(os.getpid()) > bench.tree_rss(child.pid) >= 60 * 2**20
    finally:
        child.kill()


def test_bare_config_has_no_handbook_code(tmp_path):
    text = bare_config(tmp_path / "docs", tmp_path / "site", ["index.md"], [{"locale": "en", "default": True, "name": "English"}])
    assert "hooks" not in text and "custom_dir" not in text and "trp_handbook" not in text
    data = yaml.safe_load(text)
    i18n = next(p["i18n"] for p in data["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert i18n["languages"] == [{"locale": "en", "default": True, "name": "English"}]
    assert data["theme"]["name"] == "material"


def test_budget_verdicts():
    rows = {r["rule"]: r for r in bench.budget({
        "html_ours_s": 12.0, "html_bare_s": 10.0, "pdf_ours_sr_s": 30.0, "pdf_bare_weasyprint_sr_s": 15.0,
        "full_build_peak_mib": 900, "scale_growth_html": 0.9, "scale_growth_pdf": 1.1,
    })}
    assert rows["HTML build / bare mkdocs build"]["met"] is True
    assert rows["PDF step / bare WeasyPrint render (sr)"]["met"] is False
    assert rows["peak memory of the full build (MiB)"]["met"] is True
    growth = rows["growth 1x -> 10x pages, worst of HTML, preview, PDF (time ratio / page ratio)"]
    assert growth["value"] == 1.1 and growth["met"] is False  # the worst measurement decides
    assert rows["preview: page served again after saving (s)"]["met"] is None


def test_plugin_is_compared_per_word_printed():
    """The plugin prints part of each page: 10 s for 5,000 words is slower per word than 20 s for 50,000."""
    rows = {r["rule"]: r for r in bench.budget({
        "pdf_ours_sr_s": 20.0, "pdf_ours_sr_words": 50_000,
        "pdf_export_plugin_s": 10.0, "pdf_export_plugin_words": 5_000,
    })}
    row = rows["mkdocs-pdf-export-plugin / our PDF step, seconds per word printed (sr)"]
    assert row["value"] == 5.0 and row["met"] is True
    rows = {r["rule"]: r for r in bench.budget({"pdf_ours_sr_s": 20.0, "pdf_ours_sr_words": 50_000})}
    assert rows["mkdocs-pdf-export-plugin / our PDF step, seconds per word printed (sr)"]["met"] is None


def test_scaled_handbook_keeps_every_link_working():
    """The 10x handbook's copies sit beside their originals: no broken link, translations still current."""
    from trp_handbook.policy import content as content_policy

    original = list((project_root() / "docs").rglob("*.md"))
    homes = [p for p in original if p.name == "index.md" and p.parent.parent.name == "docs"]
    ws = bench.Workspace(scale=2)
    try:
        assert ws.pages == 2 * len(original) - len(homes)  # every page but each language's home, twice
        policy = content_policy.load_policy(project_root() / "data" / "contacts-allowlist.yml")
        problems = content_policy.check_tree(ws.docs, policy, lambda p: str(p), rendered=False)
        assert problems == []
        copy = ws.docs / "sr" / "framework-p2.md"
        assert "source: framework-p2.md" in copy.read_text(encoding="utf-8")
        assert any(item == "framework-p2.md" for part in ws.nav if isinstance(part, dict)
                   for items in part.values() if isinstance(items, list) for item in items)
    finally:
        ws.close()
