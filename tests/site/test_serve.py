"""The one-language live preview (`handbook serve --languages sr`, `make serve ONLY=sr`)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from helpers import FIXTURE_NAV, FIXTURES
from trp_handbook.cli.site import preview_env
from trp_handbook.engine.config import derived_config


def test_preview_env_renders_the_languages_asked_for_alone():
    env = preview_env("sr")
    assert env["HANDBOOK_LANGUAGES"] == env["HANDBOOK_SHARD_LANGUAGES"] == "sr"
    assert env["HANDBOOK_PDF"] == "off"
    assert "HANDBOOK_SHARD_LANGUAGES" not in preview_env("")  # every language


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


@pytest.mark.build
def test_one_language_preview_serves_an_edited_page_again(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "site" / "docs", docs)
    config = tmp_path / "mkdocs.yml"
    config.write_text(derived_config(docs, tmp_path / "unused-site", FIXTURE_NAV), encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "trp_handbook", "serve", "--languages", "sr", "--config-file", str(config),
         "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while _get(f"{base}/sr/")[0] != 200:
            assert server.poll() is None and time.monotonic() < deadline, "the preview did not come up"
            time.sleep(0.2)
        status, html = _get(f"{base}/sr/")
        assert 'lang="sr"' in html
        assert _get(f"{base}/fr/")[0] == 404  # only the language asked for is rendered
        page = docs / "sr" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nПреглед123маркер\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while "Преглед123маркер" not in _get(f"{base}/sr/")[1]:
            assert time.monotonic() < deadline, "the edited page was not served again"
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode is not None
