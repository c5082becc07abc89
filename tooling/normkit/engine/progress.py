"""Progress bar while building and the report at the end: a summary table and every
warning and error for people (rich), JSON for tools, annotations for GitHub."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from normkit.engine.runner import BuildReport
from normkit.system import Problem

_STYLE = {"built": "green", "failed": "bold red"}


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


def problems_of(report: BuildReport, root: Path) -> list[tuple[Problem, list[str]]]:
    """Every warning and error of a build once, paths relative to ``root``, with the
    jobs it concerns (the formats of an edition share the warnings of its reading)."""
    found: dict[Problem, list[str]] = {}
    for result in report.results:
        for problem in (*result.errors, *result.warnings):
            found.setdefault(problem.relative_to(root), []).append(result.job.name)
    return list(found.items())


def print_summary(report: BuildReport, stream: TextIO, root: Path, fmt: str = "text") -> None:
    """The report of a build in ``fmt``: ``text`` (a table of jobs, then every warning
    and error with its file, line, code and fix), ``json`` or ``github``."""
    problems = problems_of(report, root)
    if fmt == "json":
        data = {
            "ok": not report.failed,
            "jobs": [
                {
                    "standard": r.job.standard.number,
                    "language": r.job.language,
                    "format": r.job.format,
                    "status": r.status,
                    "seconds": round(r.seconds, 2),
                    "outputs": [str(p) for p in r.outputs],
                }
                for r in report.results
            ],
            "problems": [{**p.data(), "jobs": jobs} for p, jobs in problems],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=stream)
        return
    if fmt == "github":
        for problem, _jobs in problems:
            print(problem.github(), file=stream)
        print(_counts(report), file=stream)
        return
    # No emoji codes: a message at "index.rst:100:" would print as "index.rst💯".
    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
    # The jobs that did something; those up to date are counted on the last line (a
    # system of 1,000 standards with one edited would list 999 of them otherwise).
    done = [r for r in report.results if r.status != "cached"]
    if done:
        table = Table(title=None, show_edge=False, header_style="bold")
        for column in ("standard", "language", "format", "result", "seconds", "warnings"):
            justify = "right" if column in ("seconds", "warnings") else "left"
            table.add_column(column, justify=justify)
        for r in done:
            table.add_row(
                r.job.standard.slug,
                r.job.language,
                r.job.format,
                f"[{_STYLE[r.status]}]{r.status}[/]",
                f"{r.seconds:.1f}",
                str(len(r.warnings)) if r.warnings else "",
            )
        console.print(table)
    for problem, jobs in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        lines = problem.text()
        console.print(f"[{colour}]{escape(lines[0])}[/] ({escape(', '.join(jobs))})")
        for line in lines[1:]:
            console.print(escape(line))
    console.print(_counts(report))


def _counts(report: BuildReport) -> str:
    return (
        f"{report.count('built')} built, {report.count('cached')} up to date, "
        f"{report.count('failed')} failed in {report.seconds:.1f} s"
    )
