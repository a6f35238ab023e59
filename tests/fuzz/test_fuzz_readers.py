"""Fuzz every reader and exporter (issue 10): a RemitError or a well-formed set of outputs.

CI runs ``REMIT_FUZZ_EXAMPLES`` (default 25) examples per strategy, replayed
from a fixed seed (the ``ci`` profile of ``tests/conftest.py`` derandomizes
when ``CI`` is set). The long run, 10,000 examples in all under
``ulimit -v 1500000`` with a deadline of 5 s of CPU time per input, is
``python benchmarks/fuzz.py`` (see the README); it sets
``REMIT_FUZZ_STATS`` so that each example's time and memory are recorded.
"""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz.checks import load_and_export
from tests.fuzz.strategies import STRATEGIES

EXAMPLES = int(os.environ.get("REMIT_FUZZ_EXAMPLES", "25"))
#: Per input, in CPU seconds: on a shared build machine wall time measures the neighbours,
#: so hypothesis' wall-clock deadline is off and the CPU time is asserted instead. In the suite
#: this is a guard against a runaway input (a bomb takes minutes); the 5 s budget an input is
#: measured by benchmarks/fuzz.py, which sets REMIT_FUZZ_DEADLINE_MS=5000 (openpyxl alone takes
#: 2-9 s of CPU on some fuzzed 5 KB workbooks on this machine).
DEADLINE_S = float(os.environ.get("REMIT_FUZZ_DEADLINE_MS", "30000")) / 1000
STATS = os.environ.get("REMIT_FUZZ_STATS")

FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))


def _record(reader: str, name: str, data: bytes, outcome: str, seconds: float, cpu: float) -> None:
    if not STATS:
        return
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Path(STATS).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"reader": reader, "name": name, "bytes": len(data), "outcome": outcome,
                                 "seconds": round(seconds, 4), "cpu_seconds": round(cpu, 4),
                                 "peak_rss_kib": peak_kib}) + "\n")


@pytest.mark.parametrize("reader", sorted(STRATEGIES))
def test_fuzz(reader: str) -> None:
    @FUZZ
    @given(STRATEGIES[reader])
    def run(case: tuple[str, bytes]) -> None:
        name, data = case
        start, cpu_start = time.perf_counter(), time.process_time()
        outcome = load_and_export(name, data)
        cpu = time.process_time() - cpu_start
        _record(reader, name, data, outcome, time.perf_counter() - start, cpu)
        assert cpu <= DEADLINE_S, f"{name} ({len(data):,} bytes) took {cpu:.1f} s of CPU"

    run()
