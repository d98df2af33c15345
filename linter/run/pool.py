"""Where the files of a run are checked: in this process, or in worker processes for --jobs;
how many workers; and the garbage-collection policy of the whole command.

What crosses between a worker and the main process is `linter.run.payload`; stopping the
workers on Ctrl-C is here."""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
from collections import deque
from collections.abc import Iterator

from linter.run.results import CheckRequest, FileOutcome
from linter.run.task import check_task
from linter.settings import Settings

Task = tuple[str, bool, Settings, CheckRequest]
"""One file for `check_task`: path, named on the command line, its settings, the request."""

_FILES_PER_WORKER = 4
"""Below this many files per available CPU, starting worker processes costs more than it saves."""


def worker_count(jobs: int | None, files: int) -> int:
    """Worker processes for `files` files: `jobs` when given, else one per CPU when each would
    get a few files, else 1 (checked in this process)."""
    if jobs is not None:
        return max(1, min(jobs, files))
    cpus = cpu_count()
    return cpus if cpus > 1 and files >= cpus * _FILES_PER_WORKER else 1


def cpu_count() -> int:
    """The CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):  # the CPUs this process may use, not all the machine's
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Turn off automatic garbage collection for the run of a `govlint check` (not its output).

    A run allocates fast (unpickling results, above all with --jobs), and each automatic
    collection walked every object gathered so far (when results were held with their reports:
    a fifth of a 300-file run, half of a 2000-file run with --jobs). Instead, each file's
    reference cycles are collected when it has been checked (see `linter.run.task.check_task`),
    among the youngest objects only. The output is written with collection on: formatters make
    cycles of their own (`json.dumps` with an indent makes a cycle of closures per call, about
    3 KB a finding of `--format json` that would stay until the process ends)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_all(tasks: list[Task], jobs: int) -> Iterator[FileOutcome]:
    """The outcome of every task, in the order of `tasks`: in `jobs` worker processes, or in
    this one when `jobs` is 1."""
    if jobs > 1:
        yield from check_in_pool(tasks, jobs)
    else:
        yield from (check_task(*task) for task in tasks)


def check_in_pool(tasks: list[Task], jobs: int) -> Iterator[FileOutcome]:
    """The tasks' outcomes from `jobs` worker processes, in the order of `tasks`.

    A worker that dies (killed by a signal, out of memory) takes its pool down: the files it
    and the others had not finished are checked again in a new pool, one per submission, so
    that the file that kills a worker again is found, reported as that file's error, and the
    rest of the run goes on. Ctrl-C stops the workers at once (they ignore SIGINT themselves,
    so that one line is printed, not one traceback per worker)."""
    chunk = max(1, min(16, len(tasks) // (jobs * 4)))
    done = 0
    while done < len(tasks):
        for outcome in _run_pool(tasks[done:], jobs, chunk):
            if outcome is None:  # the pool broke: the first unfinished file alone, then the rest singly
                yield _check_alone(tasks[done])
                done, chunk = done + 1, 1
                break
            done += 1
            yield outcome


_CHUNKS_AHEAD = 4
"""Chunks handed to each worker before the first outcomes are taken."""


def _run_pool(tasks: list[Task], jobs: int, chunk: int) -> Iterator[FileOutcome | None]:
    """Outcomes in order, then None if the pool broke before all were done.

    Chunks of `chunk` files are handed to the workers a few at a time (`_CHUNKS_AHEAD` per
    worker), each when the outcomes of an earlier one have been taken: outcomes that arrive out
    of order, or faster than the main process takes them, wait in memory, and all of a province
    would (concurrent.futures' `map` submits every chunk at once)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Workers, forked or spawned, run without automatic collection (5% of their time):
    # check_task collects each file's cycles.
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker)
    chunks = (tasks[start:start + chunk] for start in range(0, len(tasks), chunk))
    try:
        with _sigint_blocked():  # the workers start here: a Ctrl-C now must not reach them before they ignore it
            pending = deque(pool.submit(_check_chunk, part) for part in itertools.islice(chunks, _CHUNKS_AHEAD * jobs))
        while pending:
            outcomes = pending.popleft().result()
            pending.extend(pool.submit(_check_chunk, part) for part in itertools.islice(chunks, 1))
            yield from outcomes
    except BrokenProcessPool:
        yield None
    except BaseException:  # Ctrl-C, or the consumer stopped: stop the workers, do not wait for them
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _check_chunk(tasks: list[Task]) -> list[FileOutcome]:
    """What a worker runs: each task of a chunk checked (one pickled message back per chunk)."""
    return [check_task(*task) for task in tasks]


def _check_alone(task: Task) -> FileOutcome:
    """The file checked in a worker of its own; if that worker dies too, the file's error."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from linter.engine import FileResult

    with ProcessPoolExecutor(max_workers=1, initializer=_start_worker) as pool:
        try:
            return pool.submit(check_task, *task).result()
        except BrokenProcessPool:
            path = task[0]
            return FileOutcome(FileResult(path, error=f"{path}: the worker process checking this file died "
                                                      "(killed, or out of memory); the other files were checked"))


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT held back (POSIX) while worker processes are forked; delivered, if it came, after."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _start_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    gc.disable()


def _stop(pool) -> None:
    # concurrent.futures has no public way to kill busy workers; waiting for them would make
    # Ctrl-C take as long as the slowest file.
    _silence(getattr(pool, "_executor_manager_thread", None))
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _silence(thread) -> None:
    """No traceback from the pool's manager thread when it finds its workers killed (the run is
    being stopped: one line says so)."""
    import threading

    if thread is None:
        return
    others = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.thread is not thread:
            others(args)

    threading.excepthook = hook
