"""A local web server that answers as the publishing host (GitHub Pages) does.

The browser tests and the Lighthouse measurement serve the built site with it,
so that they see what a reader of the published site gets:

* a file: status 200, with its media type;
* a folder: its ``index.html`` when the path ends with ``/``, else a redirect
  (301) to the path with the slash;
* anything else, at any depth (``/fr/no-such-page/``, ``/sr/see/nowhere/``, a
  folder without ``index.html``): the site's root ``404.html`` with status 404.
  There are no folder listings, and a ``404.html`` inside a folder is never
  used for that.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path

#: Media types the publishing host sends that Python's table may lack or name otherwise.
_MEDIA_TYPES = {
    ".js": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
}


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one folder as GitHub Pages serves a site (see the module's docstring)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **_MEDIA_TYPES}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # quiet: the tests record requests in the browser

    def list_directory(self, path: str | Path):  # type: ignore[override]
        """A folder without ``index.html`` is not found, as on the host (no listing)."""
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A 404 answers with the site's root ``404.html``; other errors as Python does."""
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def start(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on a free local port in a background thread; returns the server and its base URL.

    The caller shuts the server down (``server.shutdown()``); :func:`serving` does it.
    """
    handler = functools.partial(PagesHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True, name="static-host").start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """``with serving(site) as url:`` the site is served at ``url`` until the block ends."""
    server, url = start(site)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
