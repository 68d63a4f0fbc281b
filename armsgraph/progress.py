"""Progress on long jobs: a rich progress bar on a terminal (documents, claims, rate, ETA),
and one summary line when standard error is a file or a pipe."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "- docs/s")


class JobProgress:
    """Count documents and claims; show them live on a terminal, summarise when done.

    ``total`` is the number of documents expected (``None`` when unknown: no ETA).
    """

    def __init__(self, console: Console, total: int | None, verb: str = "read",
                 quiet: bool = False) -> None:
        self.console = console
        self.verb = verb
        self.quiet = quiet
        self.documents = 0
        self.claims = 0
        self.start = time.perf_counter()
        self._bar: Progress | None = None
        if not quiet and console.is_terminal:
            self._bar = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("documents, {task.fields[claims]} claims"), _Rate(),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=console, transient=True)
            self._task = self._bar.add_task(verb, total=total, claims=0)
            self._bar.start()

    def advance(self, claims: int) -> None:
        self.documents += 1
        self.claims += claims
        if self._bar is not None:
            self._bar.update(self._task, advance=1, claims=self.claims)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def summary(self, errors: int = 0) -> str:
        seconds = time.perf_counter() - self.start
        rate = self.documents / seconds if seconds > 0 else 0.0
        failed = f", {errors} inputs failed" if errors else ""
        return (f"{self.verb} {self.documents} documents, {self.claims} claims in "
                f"{seconds:.1f} s ({rate:.1f} documents/s){failed}")

    def __enter__(self) -> JobProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
