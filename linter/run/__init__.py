"""One `govlint check` run over many files. The scopes: one report (`linter.engine`), one file
(`linter.checker`), one run (this package), the command (`linter.check_command`).

The modules, in the order a run uses them:

- `discovery`: which files (named, found in directories, standard input), which are reports;
- `pool`: checking them in this process or in workers (--jobs), the garbage-collection policy;
- `task`: what is done per file, in a worker: check, tell non-reports apart, `fix_step`;
- `fix_step`: --fix/--diff of one file;
- `corpus_step`: the corpus rules over all reports, with each file's own settings;
- `baseline_step`: --baseline, last;
- `payload`: what a worker sends back of one file (no report);
- `store`: how the main process keeps each result (in the run's spill file) and what the corpus rules read;
- `cache`: the results cache (`.govlint_cache`): a file unchanged since a run is not checked again;
- `events`: `RunObserver`, the hooks progress output and a cache observe;
- `results`: `CheckRequest`, `CheckRun` and what one file gives the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from linter.corpus.spill import spill
from linter.run import pool
from linter.run.baseline_step import apply_baseline
from linter.run.corpus_step import read_reference, run_corpus_step
from linter.run.discovery import STDIN, discover, distinct_files, is_report, settings_name
from linter.run.events import RunObserver
from linter.run.pool import collection_paused, worker_count
from linter.run.results import CheckRequest, CheckRun, FileOutcome
from linter.run.task import check_task
from linter.settings import Settings

__all__ = ["STDIN", "CheckRequest", "CheckRun", "RunObserver", "collection_paused", "discover", "is_report",
           "planned_tasks", "run_check", "settings_name", "worker_count"]


def planned_tasks(request: CheckRequest, settings_for: Callable[[str], Settings]) -> list[pool.Task]:
    """The files the run will check, each with its settings: those discovered, less the excluded
    (`exclude`/`extend-exclude`; files named on the command line only with `force-exclude`, and
    those are then also skipped when they are not reports, like files found in a folder)."""
    tasks = []
    for path, named in discover(request.paths):
        settings = settings_for(settings_name(path, request.stdin_filename))
        exclusions_apply = not named or settings.force_exclude
        if path != STDIN and exclusions_apply and settings.excluded(path):
            continue
        tasks.append((path, named and not settings.force_exclude, settings, request))
    return tasks


def run_check(request: CheckRequest, settings_for: Callable[[str], Settings],
              observers: Sequence[RunObserver] = ()) -> CheckRun:
    """Check every file; `settings_for(path)` gives each file's settings (see config.SettingsResolver);
    `observers` are told of the run's events (`linter.run.events`).

    With more than one job the files are checked in worker processes; results keep the order
    in which the files were found, so the output is the same as with one job. With
    `request.cache`, a file whose result is cached is not checked again (`linter.run.cache`).

    The results are kept as they arrive in a `ResultStore` (`linter.run.store`): each result,
    its findings and corpus summaries too, in a temporary file of the run that the returned
    `CheckRun` removes when it is closed."""
    reference = read_reference(request)
    tasks = planned_tasks(request, settings_for)
    for observer in observers:
        observer.run_started([path for path, *_rest in tasks])
    run = CheckRun()
    outcomes = _outcomes(tasks, request, run)
    del tasks  # the plan goes with the last outcome: the corpus step holds the results, not it
    spill(reference, run.results.file)
    for outcome in outcomes:
        for observer in observers:
            observer.file_checked(outcome.result)
        if not outcome.is_report:
            run.not_reports.append(outcome.result.path)
            continue
        if outcome.diff is not None:
            run.diffs.append(outcome.diff)
        run.fixed += outcome.fixed
        run.results.append(outcome.result)
    stdin_name = settings_name(STDIN, request.stdin_filename) if STDIN in request.paths else None
    run_corpus_step(run, reference, stdin_name)
    if request.baseline:
        apply_baseline(run, request.baseline)
    for observer in observers:
        observer.run_finished(run)
    return run


def _outcomes(tasks: list[pool.Task], request: CheckRequest, run: CheckRun) -> Iterator[FileOutcome]:
    """Each task's outcome, in order: the cached one when there is one (read as its turn comes,
    not all at once), else the file checked (in workers with --jobs: as many as the files left to
    check call for) and its outcome stored."""
    cache = None
    if request.cache:
        from linter.run.cache import ResultCache

        cache = ResultCache(request, request.cache_dir)
    places = [cache.key(task) if cache else None for task in tasks]
    cached = [cache is not None and place is not None and cache.usable(place) for place in places]
    to_check = [task for task, hit in zip(tasks, cached, strict=True) if not hit]
    jobs = worker_count(request.jobs, len(to_check))
    if jobs > 1 and request.fix and not distinct_files([(path, named) for path, named, *_rest in to_check]):
        jobs = 1  # two workers must not rewrite one file
    checked = pool.check_all(to_check, jobs)
    for task, place, hit in zip(tasks, places, cached, strict=True):
        outcome = cache.read(place) if cache and place and hit else None
        if outcome is None:  # not cached, or (rarely) an entry changed since it was found usable
            outcome = check_task(*task) if hit else next(checked)
            if cache and place:
                cache.store(place, outcome)
        yield outcome
    # Run the pool's generator to its end, where it shuts the pool down and waits for it; closed
    # early instead, it would stop the pool as for Ctrl-C, and its manager thread could still be
    # closing its pipe when the interpreter exits ("Bad file descriptor" printed at exit).
    next(checked, None)
    if cache:
        cache.prune()
        run.cache_problem = cache.problem
