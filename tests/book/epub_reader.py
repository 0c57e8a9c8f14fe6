"""Reading an EPUB as a reading system does: container, package, navigation, documents, links.

Shared by the EPUB tests (tests/test_epub*.py); parses with lxml, knows nothing of how the
EPUB was made.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote, urlsplit

import lxml.etree


class EpubReader:
    NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
          "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
          "c": "urn:oasis:names:tc:opendocument:xmlns:container"}

    def __init__(self, data: bytes):
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        container = lxml.etree.fromstring(self.read("META-INF/container.xml"))
        self.opf_path = container.xpath("//c:rootfile/@full-path", namespaces=self.NS)[0]
        self.opf = lxml.etree.fromstring(self.read(self.opf_path))
        self.base = posixpath.dirname(self.opf_path)
        self._documents: dict[str, lxml.etree._ElementTree] = {}

    def names(self) -> list[str]:
        return self.archive.namelist()

    def read(self, name: str) -> bytes:
        return self.archive.read(name)

    def _full(self, href: str, relative_to: str | None = None) -> str:
        folder = posixpath.dirname(relative_to) if relative_to else self.base
        return posixpath.normpath(posixpath.join(folder, unquote(href)))

    def metadata(self, tag: str) -> list[str]:
        return [e.text for e in self.opf.xpath(f"//opf:metadata/{tag}", namespaces=self.NS)]

    def meta(self, prop: str) -> list[str]:
        return [e.text for e in self.opf.xpath(f"//opf:metadata/opf:meta[@property='{prop}']", namespaces=self.NS)]

    def manifest_types(self) -> dict[str, str]:
        return {self._full(i.get("href")): i.get("media-type")
                for i in self.opf.xpath("//opf:manifest/opf:item", namespaces=self.NS)}

    def manifest_with(self, prop: str) -> list[str]:
        return [self._full(i.get("href")) for i in self.opf.xpath("//opf:manifest/opf:item", namespaces=self.NS)
                if prop in (i.get("properties") or "").split()]

    def spine(self) -> list[str]:
        items = {i.get("id"): i.get("href") for i in self.opf.xpath("//opf:manifest/opf:item", namespaces=self.NS)}
        return [self._full(items[r]) for r in self.opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=self.NS)]

    def texts(self) -> list[str]:
        return [n for n, media in self.manifest_types().items() if media == "application/xhtml+xml"]

    def document(self, name: str):
        if name not in self._documents:
            self._documents[name] = lxml.etree.ElementTree(lxml.etree.fromstring(self.read(name)))
        return self._documents[name]

    @classmethod
    def links(cls, document) -> list:
        return document.xpath("//x:a[@href]", namespaces=cls.NS)

    def _nav(self):
        return self.document(self.manifest_with("nav")[0])

    def toc(self) -> list[tuple[str, str]]:
        """(text, target as a container path with its fragment) of every entry of the table of contents."""
        nav = self._nav()
        name = self.manifest_with("nav")[0]
        return [(" ".join("".join(a.itertext()).split()), self._target(a.get("href"), name))
                for a in nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=self.NS)]

    def landmarks(self) -> dict[str, str]:
        name = self.manifest_with("nav")[0]
        return {a.get(f"{{{self.NS['epub']}}}type"): self._target(a.get("href"), name)
                for a in self._nav().xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=self.NS)}

    def _target(self, href: str, relative_to: str) -> str:
        parts = urlsplit(href)
        path = self._full(parts.path, relative_to) if parts.path else relative_to
        return path + (f"#{parts.fragment}" if parts.fragment else "")

    def resolves(self, href: str, relative_to: str | None = None) -> bool:
        """Whether ``href`` (relative to ``relative_to``, or a container path) reaches a file and its id."""
        target = self._target(href, relative_to) if relative_to else href
        path, _, fragment = target.partition("#")
        if path not in self.manifest_types():
            return False
        if not fragment:
            return True
        return bool(self.document(path).xpath(f"//*[@id='{fragment}']"))
