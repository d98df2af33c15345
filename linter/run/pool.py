"""Where the files of a run are checked: in this process, or in worker processes for --jobs;
how many workers; and the garbage-collection policy of the whole command.

Belongs here: what crosses between a worker and the main process (the worker payload, helper
`province`) and stopping the workers on Ctrl-C (helper `robust`)."""

from __future__ import annotations

import contextlib
import gc
import os
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
    """Turn off automatic garbage collection for a whole `govlint check`: the run and its output.

    Every report of a run stays in memory for the output, and each automatic collection walks
    all of them again: a fifth of a 300-file run, half of a 2000-file run with --jobs (where
    unpickling results allocates fast). Instead, each file's reference cycles are collected
    when it has been checked (see `linter.run.task.check_task`), among the youngest objects only."""
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
    """The tasks' outcomes from `jobs` worker processes, in the order of `tasks`, each as soon as
    it and those before it are done (so progress can be shown)."""
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(tasks) // (jobs * 4)))
    # Workers, forked or spawned, run without automatic collection (5% of their time):
    # check_task collects each file's cycles.
    with ProcessPoolExecutor(max_workers=jobs, initializer=gc.disable) as pool:
        yield from pool.map(check_task, *zip(*tasks, strict=True), chunksize=chunk)
