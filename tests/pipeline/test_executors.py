"""Where analysis runs in this process: several readings at once, results in job order."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest

from pathfig.pipeline.executors import MAX_READERS, DaskExecutor, InProcess, make_executor


def test_readers_run_at_the_same_time_and_results_keep_the_job_order() -> None:
    both_reading = threading.Barrier(2, timeout=10)
    threads = set()

    def read(job: int) -> int:
        threads.add(threading.current_thread().name)
        if job < 2:
            both_reading.wait()  # raises BrokenBarrierError unless two jobs run at once
        time.sleep(0.01 * (5 - job))  # the earlier jobs finish last
        return job * 10

    assert list(InProcess(readers=2).map(read, range(6))) == [0, 10, 20, 30, 40, 50]
    assert len(threads) == 2 and all(t.startswith("pathfig-reader") for t in threads)


def test_one_reader_runs_in_the_calling_thread() -> None:
    names = list(InProcess(readers=1).map(lambda job: threading.current_thread().name, range(3)))
    assert names == [threading.current_thread().name] * 3


def test_a_stopped_run_reads_no_more_than_its_window() -> None:
    started = []

    def read(job: int) -> int:
        started.append(job)
        time.sleep(0.05)
        return job

    results = InProcess(readers=2).map(read, range(100))
    assert next(results) == 0
    results.close()  # what Ctrl-C in the consumer does: pending readings are dropped
    assert len(started) <= 2 * 2 + 1


def test_an_error_in_the_consumer_leaves_no_reader_running() -> None:
    def read(job: int) -> int:
        time.sleep(0.02)
        return job

    before = threading.active_count()
    with pytest.raises(KeyboardInterrupt):
        for result in InProcess(readers=2).map(read, range(50)):
            if result == 3:
                raise KeyboardInterrupt
    assert threading.active_count() == before


@pytest.mark.parametrize(("readers", "expected"), [(0, None), (1, 1), (3, 3)])
def test_readers_default_to_the_cores_and_share_them(readers: int, expected: int | None) -> None:
    import os

    executor = make_executor(readers=readers)
    cores = os.cpu_count() or 1
    assert executor.readers == (expected or min(cores, MAX_READERS))
    assert executor.cores_per_reader == max(1, cores // executor.readers)


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def test_a_dask_run_keeps_no_job_in_this_process_once_done() -> None:
    """Dask's connections keep recent messages for debugging. Each job carries a figure's
    bytes, so the run's process kept up to a thousand images, twice."""
    size, jobs = 500_000, 300

    def payloads(count: int) -> Iterator[bytes]:
        return (os.urandom(size) for _ in range(count))

    executor = DaskExecutor(workers=1)
    try:
        assert list(executor.map(len, payloads(20))) == [size] * 20  # connections warmed up
        before = _rss_mb()
        assert sum(executor.map(len, payloads(jobs))) == size * jobs
        grown = _rss_mb() - before
    finally:
        executor.close()
    # Kept, they were 2 x 300 x 0.5 MB = 300 MB.
    assert grown < 60, f"the run's process grew by {grown:.0f} MB over {jobs} jobs"
