"""Where :func:`~pathfig.pipeline.analyse.analyse` runs: in this process, or on Dask workers.

Both keep at most a window of jobs in flight, so memory stays flat however many figures a run
has, and the caller stays the only writer to the store. In this process, several figures are
read at once on threads, each OCR reading on its own share of the cores: the runtimes release
the GIL, and one reading on every core does more work per second than one reading spread
over all of them (benchmarks/ocr_speed.py).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from typing import Protocol

from pathfig.pipeline.analyse import Analysis, Job
from pathfig.records import Failure

Result = Analysis | Failure


# Figures read at once in one process when nothing says otherwise: one per core, up to this
# many. Each reader holds its own runtime buffers: over 150 real figures RSS levelled off at
# 1.05 GB with one reader and 1.78 GB with two (benchmarks/ocr_memory.py), and a worker must
# stay under 2 GB.
MAX_READERS = 2


class Executor(Protocol):
    workers: int
    # Figures each worker reads at once, each on its own share of the worker's cores.
    readers: int
    # Cores each reading may use when all workers share this machine; None: not known here.
    cores_per_reader: int | None

    def map(self, fn: Callable[[Job], Result], jobs: Iterable[Job]) -> Iterator[Result]: ...

    def close(self) -> None: ...


class InProcess:
    """This process, reading ``readers`` figures at once (0: one per core, up to MAX_READERS)."""

    workers = 1

    def __init__(self, readers: int = 0) -> None:
        cores = os.cpu_count() or 1
        self.readers = readers or min(cores, MAX_READERS)
        self.cores_per_reader: int | None = max(1, cores // self.readers)

    def map(self, fn: Callable[[Job], Result], jobs: Iterable[Job]) -> Iterator[Result]:
        if self.readers == 1:
            return map(fn, jobs)
        return self._ordered(fn, jobs)

    def _ordered(self, fn: Callable[[Job], Result], jobs: Iterable[Job]) -> Iterator[Result]:
        # In the order of the jobs, so that a run reports and stores figures as a serial run
        # would; the window keeps every reader busy while the oldest job finishes.
        pool = ThreadPoolExecutor(self.readers, thread_name_prefix="pathfig-reader")
        try:
            pending = iter(jobs)
            window: deque[Future[Result]] = deque(
                pool.submit(fn, job) for job in islice(pending, 2 * self.readers)
            )
            while window:
                result = window.popleft().result()
                for job in islice(pending, 1):
                    window.append(pool.submit(fn, job))
                yield result
        finally:
            # Ctrl-C or an error: readings not started are dropped, running ones end (< 1 s).
            pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        pass


class DaskExecutor:
    """A local Dask cluster of ``workers`` processes, or the cluster at ``scheduler``."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        import dask

        # Dask's connections keep their last 1,000 messages under 1 MB for debugging; each job
        # carries a figure's bytes, so a run's process kept up to a thousand images twice
        # over (client to scheduler, scheduler to worker): +365 MB over 800 real figures
        # (benchmarks/pipeline_speed.py --memory-workers 2). Set while the cluster and the
        # client are made and for as long as they live, since connections made later read it
        # too; put back by close().
        self._log_length = dask.config.set({"distributed.admin.low-level-log-length": 0})
        try:
            self._connect(workers, scheduler)
        except BaseException:
            self._log_length.__exit__(None, None, None)
            raise

    def _connect(self, workers: int | None, scheduler: str | None) -> None:
        from distributed import Client, LocalCluster

        self.readers = 1  # one thread per worker (below); several workers share a machine
        self.cores_per_reader: int | None = None
        if scheduler:
            self.client = Client(scheduler)
            self.cluster = None
        else:
            # One thread per worker: the OCR engine parallelises inside onnxruntime, and
            # processes (not threads) keep a crash or a memory leak inside one worker.
            self.cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))
        if self.cluster is not None:
            self.cores_per_reader = max(1, (os.cpu_count() or 1) // self.workers)

    def map(self, fn: Callable[[Job], Result], jobs: Iterable[Job]) -> Iterator[Result]:
        from distributed import as_completed

        pending = iter(jobs)
        submitted: dict = {}

        def submit(job: Job):
            future = self.client.submit(fn, job, pure=False)
            submitted[future.key] = job
            return future

        window = 2 * self.workers + 2
        completed = as_completed([submit(job) for job in islice(pending, window)])
        for future in completed:
            job = submitted.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # KilledWorker: the figure killed every worker it met
                figure = job.figure
                message = f"worker failed: {type(exc).__name__}: {exc}"
                result = Failure(str(figure.image), "ocr", message, figure.figid, job.image_hash)
            future.release()
            for job in islice(pending, 1):
                completed.add(submit(job))
            yield result

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self._log_length.__exit__(None, None, None)


def make_executor(
    workers: int | None = None, scheduler: str | None = None, readers: int = 0
) -> Executor:
    """In-process (``readers`` figures at once) unless ``workers`` or ``scheduler`` asks for
    Dask."""
    if scheduler or (workers and workers > 1):
        return DaskExecutor(workers, scheduler)
    return InProcess(readers)
