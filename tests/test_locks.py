"""remit.locks: the one file lock and the one "is this process alive" check of the package."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import remit
from remit.locks import FileLock, Locked, pid_alive

ROOT = Path(remit.__file__).resolve().parent.parent
HOLD = ("import sys, time; from remit.locks import FileLock; lock = FileLock(sys.argv[1]).acquire(); "
        "print('held', flush=True); time.sleep(60)")


def _holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_lock_held_by_another_process_names_it_and_dies_with_it(tmp_path: Path) -> None:
    path = tmp_path / ".remit.lock"
    proc = _holder(path)
    try:
        with pytest.raises(Locked) as caught:
            FileLock(path).acquire(wait=0.3)
        assert caught.value.holder == proc.pid
    finally:
        proc.kill()  # kill -9: no clean-up, yet the system drops the lock
        proc.wait(10)
    with FileLock(path).acquire(wait=5):
        assert path.read_text(encoding="utf-8") == str(os.getpid())
    assert path.read_text(encoding="utf-8") == ""  # released: it names no holder


def test_a_folder_is_locked_as_it_is_without_a_file_in_it(tmp_path: Path) -> None:
    with FileLock(tmp_path).acquire():
        with pytest.raises(Locked) as caught:
            FileLock(tmp_path).acquire()
        assert caught.value.holder is None
    assert list(tmp_path.iterdir()) == []
    FileLock(tmp_path).acquire().release()


def test_waiting_takes_the_lock_once_it_is_free(tmp_path: Path) -> None:
    path = tmp_path / ".remit.lock"
    proc = _holder(path)
    started = time.monotonic()
    kill = f"import time, os; time.sleep(0.5); os.kill({proc.pid}, 9)"
    killer = subprocess.Popen([sys.executable, "-c", kill])
    with FileLock(path).acquire(wait=20):
        assert time.monotonic() - started >= 0.4
    proc.wait(10)
    killer.wait(10)


def test_pid_alive() -> None:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    assert pid_alive(os.getpid()) and pid_alive(os.getppid())
    assert not pid_alive(int(done.stdout))  # a process that has ended (its pid not yet reused)
    assert not pid_alive(0) and not pid_alive(-1)
