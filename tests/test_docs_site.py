"""The documentation site builds with warnings as errors, works offline, and documents every public name.

Builds ``mkdocs.yml`` once into a temporary directory (``make docs`` builds the same into ``site/``); skipped
when the ``docs`` extra is not installed.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
API_PAGES = {
    "journeymap": "journeymap",
    "journeymap.analysis": "analysis",
    "journeymap.mining": "mining",
    "journeymap.charts": "charts",
    "journeymap.templates": "templates",
    "journeymap.testing": "testing",
    "journeymap.hookspecs": "hookspecs",
    "journeymap.plugin": "plugin",
    "journeymap.errors": "errors",
}
"""Each module of the API reference and its page under ``reference/``."""
REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)
LOADING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "audio": "src"}
"""Tags whose attribute the browser loads by itself (``<a href>`` is a link a reader follows, not a load)."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for module in ("mkdocs", "material", "mkdocstrings_handlers.python", "mkdocs_click"):
        pytest.importorskip(module, reason="the docs extra is not installed: pip install -e '.[docs]'")
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


class Loads(HTMLParser):
    """Every URL a page makes the browser load: script, stylesheet, font, image, frame; and CSS ``url(...)``."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in LOADING and values.get(LOADING[tag]):
            self.urls.append(values[LOADING[tag]] or "")
        if values.get("style"):
            self.urls += re.findall(r"url\(['\"]?([^'\")]+)", values["style"] or "")
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += css_urls(data)


def css_urls(text: str) -> list[str]:
    """The ``url(...)`` and ``@import "..."`` targets of a stylesheet."""
    return re.findall(r"url\(['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)


def anchors(module: str, name: str, value: object) -> set[str]:
    """The ids an entry for ``module.name`` may have: that path, or where a function named like its module is."""
    found = {f"{module}.{name}", f"{module}.{name}.{name}"}
    if callable(value) and hasattr(value, "__qualname__"):
        found.add(f"{value.__module__}.{value.__qualname__}")
    return found


def test_the_site_loads_nothing_from_the_network(site: Path) -> None:
    """No font, script or stylesheet from a CDN: the site opens from site/ with the network off."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    remote = []
    for page in pages:
        if page.parent.name == "gallery":
            continue  # the example HTML maps: tests/test_html.py holds them to their own offline rule (CSP)
        parser = Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        remote += [f"{page.relative_to(site)}: {url}" for url in parser.urls if REMOTE.match(url)]
    for sheet in site.rglob("*.css"):
        urls = css_urls(sheet.read_text(encoding="utf-8"))
        remote += [f"{sheet.relative_to(site)}: {url}" for url in urls if REMOTE.match(url)]
    assert remote == []


def test_the_offline_search_index_is_built(site: Path) -> None:
    assert (site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")


@pytest.mark.parametrize("module", sorted(API_PAGES))
def test_every_public_name_has_an_entry_in_the_api_reference(site: Path, module: str) -> None:
    page = (site / "reference" / f"{API_PAGES[module]}.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', page))
    namespace = importlib.import_module(module)
    names = [n for n in namespace.__all__ if n != "__version__"]
    submodules = {n for n in names if f"{module}.{n}" in sys.modules and module == "journeymap"}
    missing = [n for n in names if n not in submodules and not ids & anchors(module, n, getattr(namespace, n))]
    assert missing == []


def test_the_command_reference_has_every_command(site: Path) -> None:
    from journeymap.cli import main

    page = (site / "reference" / "cli.html").read_text(encoding="utf-8")
    assert main.commands
    for name, command in main.commands.items():
        assert f'id="journeymap-{name}"' in page, name
        first = (command.help or "").strip().splitlines()[0]
        assert first[:40] in page, name


def test_the_gallery_shows_every_example_in_every_format(site: Path) -> None:
    spec = importlib.util.spec_from_file_location("gallery_files", ROOT / "docs" / "hooks" / "gallery_files.py")
    assert spec is not None
    assert spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = (site / "gallery.html").read_text(encoding="utf-8")
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        stem = example.stem
        for picture in (f"map-{stem}.png", f"dashboard-{stem}.png", f"{stem}-deck-1.png", f"{stem}-workbook-1.png"):
            assert picture in page, picture
        assert f'<iframe src="gallery/{stem}.html"' in page
        for _, suffix, _ in hook.FILES:
            assert f'href="gallery/{stem}{suffix}"' in page, suffix
            assert (site / "gallery" / f"{stem}{suffix}").stat().st_size > 0


def test_the_changelog_page_holds_the_changelog(site: Path) -> None:
    page = (site / "changelog.html").read_text(encoding="utf-8")
    first_entry = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").split("\n- ", 1)[1].split("`", 1)[0]
    assert "Unreleased" in page
    assert first_entry.strip() in page
