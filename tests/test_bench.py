"""The benchmark's own parts (the benchmark itself runs with `scripts/handbook bench`)."""

import os
import subprocess
import sys

import yaml

from trp_handbook import bench
from trp_handbook.fixture_config import bare_config


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
        "full_build_peak_mib": 900, "scale_time_ratio": 9.0, "scale_page_ratio": 10.0,
    })}
    assert rows["HTML build / bare mkdocs build"]["met"] is True
    assert rows["PDF step / bare WeasyPrint render (sr)"]["met"] is False
    assert rows["peak memory of the full build (MiB)"]["met"] is True
    assert rows["growth 1x -> 10x pages (time ratio / page ratio)"]["met"] is True
    assert rows["preview: page served again after saving (s)"]["met"] is None
