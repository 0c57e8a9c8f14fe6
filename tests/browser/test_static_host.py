"""The local server that answers as the publishing host (GitHub Pages) does."""

import urllib.error
import urllib.request

import pytest

from trp_handbook.browser.static_host import serving


@pytest.fixture
def site(tmp_path):
    (tmp_path / "fr" / "see").mkdir(parents=True)
    (tmp_path / "assets").mkdir()
    (tmp_path / "404.html").write_text("root not found")
    (tmp_path / "fr" / "404.html").write_text("french not found")
    (tmp_path / "fr" / "index.html").write_text("accueil")
    (tmp_path / "fr" / "see" / "index.html").write_text("voir")
    (tmp_path / "fr" / "search.json").write_text("{}")
    return tmp_path


def fetch(url: str):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def test_files_and_folders_are_served(site):
    with serving(site) as url:
        assert fetch(f"{url}/fr/")[0::2] == (200, "accueil")
        assert fetch(f"{url}/fr/see/")[0::2] == (200, "voir")
        status, headers, _ = fetch(f"{url}/fr/search.json")
        assert status == 200 and headers["Content-Type"] == "application/json"


def test_a_folder_without_its_slash_is_redirected(site):
    with serving(site) as url:
        status, headers, _ = fetch(f"{url}/fr/see")
        assert status == 301 and headers["Location"] == "/fr/see/"


@pytest.mark.parametrize("path", ["/fr/no-such-page/", "/fr/see/nowhere/at/all", "/x.html", "/assets/", "/fr/index.html/"])
def test_anything_missing_gets_the_root_404_page_with_status_404(site, path):
    with serving(site) as url:
        assert fetch(url + path)[0::2] == (404, "root not found")
