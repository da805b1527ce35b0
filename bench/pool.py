"""Work spread over worker processes, results in order, and a failure that stops the run.

`multiprocessing.Pool.imap` waits forever when a worker's exception cannot be unpickled
(its result thread dies) or when a worker is killed (out of memory): the task is simply
lost. `ordered_map` uses `concurrent.futures.ProcessPoolExecutor` instead, which re-raises
a worker's exception in the caller (the worker's traceback attached as its cause) and
raises BrokenProcessPool when a worker dies or its answer cannot be read.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def ordered_map(
    func: Callable[[T], R], items: Iterable[T], workers: int, *, ahead: int = 2
) -> Iterator[R]:
    """`func(item)` for each item in `workers` forked processes, yielded in the items' order.

    At most `ahead` tasks per worker are in flight, so results do not pile up when the
    caller is slower than the workers. The first failure is raised here; tasks not yet
    started are cancelled and the workers are shut down before it propagates.
    """
    context = multiprocessing.get_context("fork")  # workers inherit what the caller loaded
    pool = ProcessPoolExecutor(max(1, workers), mp_context=context)
    todo = iter(items)
    pending: deque[Future[R]] = deque()
    try:
        for item in itertools.islice(todo, max(1, workers) * ahead):
            pending.append(pool.submit(func, item))
        while pending:
            result = pending.popleft().result()
            for item in itertools.islice(todo, 1):
                pending.append(pool.submit(func, item))
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
