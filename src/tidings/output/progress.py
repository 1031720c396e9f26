"""Progress on stderr for long work: a live line on a terminal, gone when done; elsewhere (a
log file, CI, ``make run`` piped) a plain line every ``PLAIN_EVERY`` seconds, so that long work
is never silent."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Item = TypeVar("Item")


PLAIN_EVERY = 5.0  # seconds between two progress lines off a terminal


class Activity:
    """``with Activity(console, "analysing") as activity: for x in activity.track(items): ...``

    With a known total it draws a bar with done/total; without one, a spinner and a count.
    ``rate=True`` adds items per second (and, with a total, the time left). Off a terminal
    the same facts are printed as a line every ``every`` seconds (none for short work).
    """

    def __init__(
        self,
        console: Console,
        label: str,
        *,
        total: int | None = None,
        rate: bool = False,
        every: float = PLAIN_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = console.is_terminal
        self._console, self._label, self._rate = console, label, rate
        self._every, self._clock = every, clock
        self._started = self._last_line = clock()
        self._done, self._total = 0, total
        columns: list[ProgressColumn] = (
            [TextColumn(label), BarColumn(), MofNCompleteColumn()]
            if total is not None
            else [SpinnerColumn(), TextColumn(label + ": {task.completed}")]
        )
        if rate:
            columns.append(RateColumn())
            if total is not None:
                columns.append(TimeRemainingColumn())
        self.bar = Progress(*columns, TimeElapsedColumn(), console=console, transient=True)
        self.task = self.bar.add_task(label, total=total)

    def __enter__(self) -> Activity:
        if self.enabled:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()

    def update(self, done: int, total: int | None = None) -> None:
        """Set how much is done (and, once known, of how much)."""
        self.bar.update(self.task, completed=done, total=total)
        self._done, self._total = done, total if total is not None else self._total
        self._plain_line()

    def track(self, items: Iterable[Item]) -> Iterator[Item]:
        """Yield ``items``, counting each one."""
        for item in items:
            self.bar.advance(self.task)
            self._done += 1
            self._plain_line()
            yield item

    def _plain_line(self) -> None:
        if self.enabled:
            return
        now = self._clock()
        if now - self._last_line < self._every:
            return
        self._last_line = now
        elapsed = now - self._started
        parts = [f"{self._label}: {self._done:,}" + (f" of {self._total:,}" if self._total else "")]
        if self._rate and elapsed > 0:
            speed = self._done / elapsed
            parts.append(f"{speed:.1f}/s")
            if self._total and speed > 0 and self._total > self._done:
                parts.append(f"about {(self._total - self._done) / speed:.0f} s left")
        parts.append(f"{elapsed:.0f} s")
        self._console.print(" · ".join(parts), highlight=False)


class RateColumn(ProgressColumn):
    """Items per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text("" if speed is None else f"{speed:.1f}/s", style="dim")
