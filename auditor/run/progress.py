"""The progress bar of a corpus run (on a terminal only)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

Item = TypeVar("Item")


def run_with_progress(
    outcomes: Iterator[Item],
    show: bool,
    total: Callable[[], int | None] | None = None,
    console: Console | None = None,
) -> Iterator[Item]:
    """Pass outcomes through, advancing a rich progress bar on `console` when `show`.

    Give the console the results are printed on when they go to the same screen: they print above
    the bar, and the bar is cleared (transient) when the last outcome has passed, before anything
    printed after the run (the summary table)."""
    if not show:
        yield from outcomes
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from ..core.i18n import t

    count = total() if total else None
    # the first outcome before the bar: the worker processes are forked before its refresh thread
    first = next(outcomes, None)
    if first is None:
        return
    columns = [
        SpinnerColumn(),
        TextColumn(t("labels.auditing")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn(t("labels.eta")),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("audit", total=count, completed=1)
        yield first
        for outcome in outcomes:
            progress.advance(task)
            yield outcome
