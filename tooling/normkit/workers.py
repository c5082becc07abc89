"""Worker processes that Ctrl-C stops cleanly.

Ctrl-C reaches every process of the terminal's process group: each worker would stop
with a KeyboardInterrupt traceback of its own (and a worker still starting up prints
one through concurrent.futures' logger). So workers ignore SIGINT; the parent alone
reads it, cancels the work not started and stops the workers with SIGTERM, which a
worker turns into SystemExit so that its ``finally`` blocks run (a temporary file is
removed; every output is written through a temporary file and a rename, so nothing
half-written is ever visible). The parent then says "interrupted" and exits 130.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any


def _stop_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _start_worker(initializer: Callable[..., Any] | None, initargs: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_cleanly)
    if initializer is None:
        return
    try:
        initializer(*initargs)
    except SystemExit:  # stopped while starting: nothing written yet, nothing to say
        os._exit(128 + signal.SIGTERM)


@contextmanager
def process_pool(
    workers: int, initializer: Callable[..., Any] | None = None, initargs: tuple = ()
) -> Iterator[ProcessPoolExecutor]:
    """A process pool of ``workers`` whose workers leave Ctrl-C to this process; on
    Ctrl-C (or any error) here, the work not started is cancelled and the workers are
    stopped before the exception goes on."""
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(initializer, initargs))
    try:
        yield pool
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor.terminate_workers() comes with Python 3.14; until then the
    # pool's own table of processes (the ones it started).
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)
