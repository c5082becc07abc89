"""Progress bar while building and the summary table at the end (rich)."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from normkit.engine.jobs import JobResult
from normkit.engine.runner import BuildReport

_STYLE = {"built": "green", "cached": "dim", "failed": "bold red"}


def progress_bar(stream: TextIO, total: int) -> Progress:
    """A transient progress bar on ``stream`` (silent when it is not a terminal)."""
    console = Console(file=stream)
    return Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        disable=not console.is_terminal or total == 0,
    )


def print_summary(report: BuildReport, stream: TextIO) -> None:
    """One row per job, then every warning and error with its file and line."""
    # No emoji codes: a message at "index.rst:100:" would print as "index.rst💯".
    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
    table = Table(title=None, show_edge=False, header_style="bold")
    for column in ("standard", "language", "format", "result", "seconds", "warnings"):
        table.add_column(column, justify="right" if column in ("seconds", "warnings") else "left")
    for r in report.results:
        table.add_row(
            r.job.standard.slug,
            r.job.language,
            r.job.format,
            f"[{_STYLE[r.status]}]{r.status}[/]",
            f"{r.seconds:.1f}" if r.status != "cached" else "",
            str(len(r.warnings)) if r.warnings else "",
        )
    console.print(table)
    for r in report.results:
        _print_messages(console, r)
    console.print(
        f"{report.count('built')} built, {report.count('cached')} up to date, "
        f"{report.count('failed')} failed in {report.seconds:.1f} s"
    )


def _print_messages(console: Console, result: JobResult) -> None:
    for message in result.errors:
        console.print(f"[red]{escape(result.job.name)}:[/] {escape(message)}")
    for message in result.warnings:
        console.print(f"[yellow]{escape(result.job.name)}:[/] {escape(message)}")
