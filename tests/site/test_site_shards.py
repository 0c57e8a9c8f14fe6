"""A site built in parts (one engine per core) is the site built by one engine, byte for byte."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from helpers import FIXTURE_NAV, FIXTURES
from trp_handbook.core.errors import HandbookError
from trp_handbook.engine.config import derived_config
from trp_handbook.site import config as site_config
from trp_handbook.site.build import build_site
from trp_handbook.site.shards import merge_shard, plan_shards


def test_plan_parts_balances_languages_default_first():
    langs = ["en", "sr", "sr-Latn", "hr", "bs", "sq", "mk", "fr"]
    assert plan_shards(langs, 2) == [["en", "sr", "sr-Latn", "hr"], ["bs", "sq", "mk", "fr"]]
    assert plan_shards(langs, 3) == [["en", "sr", "sr-Latn"], ["hr", "bs", "sq"], ["mk", "fr"]]
    assert plan_shards(langs, 1) == [langs]
    assert plan_shards(["en", "sr"], 8) == [["en"], ["sr"]]


def test_part_languages_are_checked(monkeypatch):
    monkeypatch.delenv(site_config.ONLY_LANGUAGES_ENV, raising=False)
    monkeypatch.setenv(site_config.SHARD_LANGUAGES_ENV, "fr,sr")
    assert site_config.shard_languages() == ["sr", "fr"]  # in the order of the language list
    assert site_config.is_shard() and not site_config.renders_default()
    monkeypatch.setenv(site_config.ONLY_LANGUAGES_ENV, "sr")
    with pytest.raises(HandbookError, match="HANDBOOK_SHARD_LANGUAGES: fr is not a language this site builds"):
        site_config.shard_languages()
    monkeypatch.delenv(site_config.SHARD_LANGUAGES_ENV)
    assert site_config.shard_languages() == ["en", "sr"] and not site_config.is_shard()


def test_merge_moves_only_the_shard_languages(tmp_path):
    main, part = tmp_path / "main", tmp_path / "shard"
    (main / "en").mkdir(parents=True)
    (part / "fr" / "guide").mkdir(parents=True)
    (part / "fr" / "guide" / "index.html").write_text("fr", encoding="utf-8")
    (part / "search").mkdir()
    (part / "search" / "search_index.json").write_text("{}", encoding="utf-8")  # the shard's root: left behind
    merge_shard(part, main, ["fr"])
    assert (main / "fr" / "guide" / "index.html").read_text(encoding="utf-8") == "fr"
    assert not (main / "search").exists()
    with pytest.raises(FileNotFoundError, match="the shard that renders 'mk' wrote no mk/ folder"):
        merge_shard(part, main, ["mk"])


def _differences(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b)
    found = [str(Path(a.name) / n) for n in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files]
    for name in cmp.common_dirs:
        found += _differences(a / name, b / name)
    return found


@pytest.mark.build
def test_parallel_build_equals_one_engine(tmp_path):
    """Two engines, each rendering half of the languages, merged: the same files as one engine."""
    config = tmp_path / "mkdocs.yml"
    sites = {}
    for jobs in (1, 2):
        sites[jobs] = tmp_path / f"site-{jobs}"
        config.write_text(derived_config(FIXTURES / "site" / "docs", sites[jobs], FIXTURE_NAV), encoding="utf-8")
        code = build_site(site=sites[jobs], config_file=config, extra_env={"HANDBOOK_PDF": "off"}, jobs=jobs)
        assert code == 0
    assert (sites[2] / "fr" / "index.html").is_file() and (sites[2] / "downloads").is_dir()
    filecmp.clear_cache()
    assert _differences(sites[1], sites[2]) == []


@pytest.mark.build
def test_a_failing_part_fails_the_build_and_keeps_the_old_site(tmp_path):
    docs = tmp_path / "docs"
    import shutil

    shutil.copytree(FIXTURES / "site" / "docs", docs)
    page = next((docs / "fr").rglob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\n[loi](law:no-such-instrument/art-1)\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text(derived_config(docs, site, FIXTURE_NAV), encoding="utf-8")
    assert build_site(site=site, config_file=config, extra_env={"HANDBOOK_PDF": "off"}, jobs=2) != 0
    assert sorted(p.name for p in site.iterdir()) == ["old"]
    assert not list(tmp_path.glob("site.tmp-*"))
