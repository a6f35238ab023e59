"""Issue 18 #9 and #10: LibreOffice stays off the network and never outlives remit.

These run the real LibreOffice (about 4 s a conversion).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import remit
from remit.errors import UnreadableFileError
from remit.loaders import office

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("soffice") is None,
                                 reason="LibreOffice (soffice) is not installed; .doc needs it")]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DOC = ROOT / "tests" / "fixtures" / "office" / "sample.doc"


@pytest.fixture
def spy() -> Iterator[tuple[int, list[str]]]:
    """A web server on 127.0.0.1 that records every request it gets: (port, requests)."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            hits.append(f"{self.command} {self.path}")
            self.send_error(404)

        do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = _record

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def _plain_soffice(source: Path, target: str, folder: Path) -> Path:
    """Convert with LibreOffice as it comes (its own fresh profile, network on)."""
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", target, "--outdir", str(folder), str(source)],
                   capture_output=True, timeout=120, check=True)
    return folder / f"{source.stem}.{target.split(':')[0]}"


@pytest.mark.parametrize("namespace", [True, False], ids=["unshare", "profile-only"])
def test_linked_image_is_not_fetched(tmp_path: Path, spy: tuple[int, list[str]],
                                     monkeypatch: pytest.MonkeyPatch, namespace: bool) -> None:
    port, hits = spy
    page = tmp_path / "linked.html"
    page.write_text(f'<html><body><img src="http://127.0.0.1:{port}/spy.png" width="9" height="9">'
                    "<table><tr><th>序号</th><th>改革任务</th><th>牵头单位</th></tr><tr><td>1</td>"
                    "<td>升级平台。</td><td>市财政局</td></tr></table></body></html>", encoding="utf-8")
    doc = _plain_soffice(page, 'doc:MS Word 97', tmp_path / "made")
    # The control: LibreOffice as it comes fetches the linked image while converting the .doc.
    hits.clear()
    _plain_soffice(doc, "docx", tmp_path / "plain")
    assert any(h.endswith("/spy.png") for h in hits)
    hits.clear()
    if not namespace:  # where unshare is not allowed, the profile's proxy alone must hold
        monkeypatch.setattr(office, "no_network_prefix", lambda: ())
    tl = remit.load(doc)
    assert tl.assignments["unit"].tolist() == ["市财政局"]
    assert hits == []


def _processes_mentioning(marker: str) -> list[str]:
    """Command lines of the live processes whose arguments mention ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in cmdline:
            found.append(cmdline)
    return found


def _none_left(folder: Path) -> list[str]:
    """What LibreOffice left in ``folder`` (processes and temporary folders), after a grace second."""
    deadline = time.monotonic() + 2
    while _processes_mentioning(str(folder)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return _processes_mentioning(str(folder)) + [p.name for p in folder.glob("remit-soffice-*")]


def test_timeout_kills_soffice_bin_and_removes_the_folder(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # A conversion takes about 4 s here; at 1.5 s soffice.bin is running. The timeout used to
    # kill only the launcher: soffice.bin ran on and the temporary folder stayed.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(office, "_TIMEOUT", 1.5)
    with pytest.raises(UnreadableFileError, match=r"did not convert the file within 1.5 s"):
        remit.load(SAMPLE_DOC)
    assert _none_left(tmp_path) == []


CHILD = "import sys; from remit.cli import main; sys.exit(main(['check', sys.argv[1]]))"


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)],
                         ids=["SIGTERM", "Ctrl-C"])
def test_signal_to_remit_ends_libreoffice_too(tmp_path: Path, signum: int, code: int) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(SAMPLE_DOC)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not any("soffice.bin" in c for c in _processes_mentioning(str(tmp_path))):
            assert time.monotonic() < deadline and child.poll() is None, "soffice.bin never started"
            time.sleep(0.05)
        child.send_signal(signum)
        child.wait(timeout=30)
    finally:
        child.kill()
    assert child.returncode == code
    assert _none_left(tmp_path) == []
