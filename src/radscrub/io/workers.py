"""Run the per-row function in this process or in worker processes, results in input order.

A *payload* is the pickled ``(scrubber factory, ColumnSpec)``. Each process builds its
RowProcessor (and so loads models) once per payload, on first use, through an lru_cache: the
same mechanism serves local worker processes and Spark's Python workers. Local workers are
``spawn``-ed processes of a ``ProcessPoolExecutor``; at most ``2 * workers`` chunks are in flight,
so memory stays flat however large the input.
"""

from __future__ import annotations

import functools
import multiprocessing
import pickle
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

from radscrub.io.columns import ColumnSpec
from radscrub.io.manifest import model_versions
from radscrub.io.process import Outcome, RowProcessor, ScrubberLike

K = TypeVar("K")


class ScrubberFactory(Protocol):
    """Builds the scrubber in each worker; must pickle. See radscrub.io.batch.ScrubberSpec."""

    def __call__(self) -> ScrubberLike: ...


def make_payload(factory: ScrubberFactory, spec: ColumnSpec) -> bytes:
    """What every worker needs to build its RowProcessor."""
    return pickle.dumps((factory, spec), protocol=pickle.HIGHEST_PROTOCOL)


@functools.lru_cache(maxsize=4)
def processor_for(payload: bytes) -> RowProcessor:
    """This process's RowProcessor for ``payload`` (built once: models load once per process)."""
    factory, spec = pickle.loads(payload)
    return RowProcessor(factory(), spec)


def process_chunk(payload: bytes, rows: Sequence[Mapping[str, Any]]) -> list[Outcome]:
    """Scrub ``rows`` with this process's processor (the task sent to workers)."""
    return processor_for(payload).process(rows)


def worker_info(payload: bytes) -> dict[str, Any]:
    """Build the processor (surfacing load errors before any row is read) and describe it."""
    return describe(processor_for(payload))


def describe(processor: RowProcessor) -> dict[str, Any]:
    """What the manifest records about a processor: the spaCy pipelines it runs."""
    return {"models": model_versions(processor.scrubber)}


class Engine:
    """Runs the row processor here (``workers <= 1``) or on a pool of spawned worker processes.

    Use as a context manager; ``map`` yields one result per item, in input order.
    """

    def __init__(self, payload: bytes, workers: int = 1) -> None:
        self.payload = payload
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._local: RowProcessor | None = None
        """workers <= 1: this run's own processor (not cached, so the key goes with the run)."""

    def __enter__(self) -> Engine:
        if self.workers > 1:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self

    def __exit__(self, *exc: object) -> None:
        self._local = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _processor(self) -> RowProcessor:
        if self._local is None:
            factory, spec = pickle.loads(self.payload)
            self._local = RowProcessor(factory(), spec)
        return self._local

    def info(self) -> dict[str, Any]:
        """``worker_info`` in a worker: the first model load, and its errors, happen here."""
        if self._pool is None:
            return describe(self._processor())
        return self._pool.submit(worker_info, self.payload).result()

    def map(
        self, items: Iterable[tuple[K, Sequence[Mapping[str, Any]]]]
    ) -> Iterator[tuple[K, list[Outcome]]]:
        """For each ``(key, rows)``: ``(key, process_chunk(rows))``, in input order.

        At most ``2 * workers`` chunks are in flight; the keys stay in this process.
        """
        if self._pool is None:
            for key, rows in items:
                yield key, self._processor().process(rows)
            return
        pending: deque[tuple[K, Future[list[Outcome]]]] = deque()
        try:
            for key, rows in items:
                pending.append((key, self._pool.submit(process_chunk, self.payload, rows)))
                if len(pending) >= 2 * self.workers:
                    done_key, future = pending.popleft()
                    yield done_key, future.result()
            while pending:
                done_key, future = pending.popleft()
                yield done_key, future.result()
        finally:
            for _, future in pending:
                future.cancel()
