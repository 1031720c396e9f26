"""Progress on stderr for long work: shown only when stderr is a terminal, gone when done."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


class Activity:
    """``with Activity(console, "analysing") as activity: for x in activity.track(items): ...``

    With a known total it draws a bar with done/total; without one, a spinner and a count.
    ``rate=True`` adds items per second (and, with a total, the time left).
    """

    def __init__(
        self, console: Console, label: str, *, total: int | None = None, rate: bool = False
    ) -> None:
        self.enabled = console.is_terminal
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

    def track(self, items: Iterable[Item]) -> Iterator[Item]:
        """Yield ``items``, counting each one."""
        for item in items:
            self.bar.advance(self.task)
            yield item


class RateColumn(ProgressColumn):
    """Items per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text("" if speed is None else f"{speed:.1f}/s", style="dim")
