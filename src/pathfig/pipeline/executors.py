"""Where :func:`~pathfig.pipeline.analyse.analyse` runs: in this process, or on Dask workers.

Both yield results as they finish and keep at most ``window`` jobs in flight, so memory stays
flat however many figures a run has. The caller stays the only writer to the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Protocol

from pathfig.pipeline.analyse import Analysis, Job
from pathfig.records import Failure

Result = Analysis | Failure


class Executor(Protocol):
    workers: int
    # Cores each worker may use when all workers share this machine; None: not known here.
    cores_per_worker: int | None

    def map(self, fn: Callable[[Job], Result], jobs: Iterable[Job]) -> Iterator[Result]: ...

    def close(self) -> None: ...


class InProcess:
    workers = 1
    cores_per_worker = None

    def map(self, fn: Callable[[Job], Result], jobs: Iterable[Job]) -> Iterator[Result]:
        return map(fn, jobs)

    def close(self) -> None:
        pass


class DaskExecutor:
    """A local Dask cluster of ``workers`` processes, or the cluster at ``scheduler``."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        from distributed import Client, LocalCluster

        self.cores_per_worker: int | None = None
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
            self.cores_per_worker = max(1, (os.cpu_count() or 1) // self.workers)

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


def make_executor(workers: int | None = None, scheduler: str | None = None) -> Executor:
    """In-process unless ``workers`` or ``scheduler`` asks for Dask."""
    if scheduler or (workers and workers > 1):
        return DaskExecutor(workers, scheduler)
    return InProcess()
