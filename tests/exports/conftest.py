"""Fixtures for the export tests: a real headless Chromium, offline, that records every request."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Visit:
    """One page opened in Chromium, with what it logged and requested."""

    page: Any
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests for anything but the file itself or inline data."""
        return [r for r in self.requests
                if r.split("#")[0] != self.url and not r.startswith(("data:", "blob:", "about:"))]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's headless chromium driven by playwright. Missing chromium FAILS: CI installs it."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    # launch() always starts from a fresh temporary profile (playwright refuses --user-data-dir).
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def open_page(chromium: Any) -> Iterator[Any]:
    """``open_page(path) -> Visit``: open a local file offline, recording console errors and requests."""
    contexts: list[Any] = []

    def _open(path: Path, *, ready: bool = True, timeout_ms: int = 60_000,
              viewport: tuple[int, int] = (1400, 900)) -> Visit:
        ctx = chromium.new_context(offline=True, viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(ctx)
        page = ctx.new_page()
        url = Path(path).resolve().as_uri()
        visit = Visit(page=page, url=url)
        page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
        page.on("request", lambda r: visit.requests.append(r.url))
        page.goto(url, wait_until="load")
        if ready:
            page.wait_for_function("() => window.__remitMapReady === true", timeout=timeout_ms)
        return visit

    yield _open
    for ctx in contexts:
        ctx.close()


def _node_point(page: Any, node_id: str) -> tuple[float, float]:
    """Centre the view on a node and return its page coordinates, from vis-network's own transform.

    Centring keeps the node clear of the legend and the search results, which overlay the canvas.
    """
    xy = page.evaluate(
        """id => { const m = window.remitMaps[0]; const p = m.network.getPositions([id])[id];
                   m.network.moveTo({position: p, scale: 1.0, animation: false});
                   const d = m.network.canvasToDOM(p);
                   const r = m.network.body.container.getBoundingClientRect();
                   return [r.left + d.x, r.top + d.y]; }""", node_id)
    return float(xy[0]), float(xy[1])


@pytest.fixture
def node_point() -> Any:
    """``node_point(page, node_id) -> (x, y)``: see :func:`_node_point`."""
    return _node_point
