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
- `events`: `RunObserver`, the hooks progress output and a cache observe;
- `results`: `CheckRequest`, `CheckRun` and what one file gives the run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from linter.run import pool
from linter.run.baseline_step import apply_baseline
from linter.run.corpus_step import read_reference, run_corpus_step
from linter.run.discovery import STDIN, discover, distinct_files, is_report, settings_name
from linter.run.events import RunObserver
from linter.run.payload import SharedSettings
from linter.run.pool import collection_paused, worker_count
from linter.run.results import CheckRequest, CheckRun
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
    in which the files were found, so the output is the same as with one job."""
    reference = read_reference(request)
    tasks = planned_tasks(request, settings_for)
    files = [(path, named) for path, named, _settings, _request in tasks]
    jobs = worker_count(request.jobs, len(files))
    if jobs > 1 and request.fix and not distinct_files(files):
        jobs = 1  # two workers must not rewrite one file
    for observer in observers:
        observer.run_started([path for path, _ in files])
    run = CheckRun()
    shared = SharedSettings()
    for outcome in map(shared.share, pool.check_all(tasks, jobs)):
        for observer in observers:
            observer.file_checked(outcome.result)
        if not outcome.is_report:
            run.not_reports.append(outcome.result.path)
            continue
        if outcome.diff is not None:
            run.diffs.append(outcome.diff)
        run.fixed += outcome.fixed
        run.results.append(outcome.result)
    run_corpus_step(run, reference, settings_name(STDIN, request.stdin_filename) if STDIN in request.paths else None)
    if request.baseline:
        apply_baseline(run, request.baseline)
    for observer in observers:
        observer.run_finished(run)
    return run
