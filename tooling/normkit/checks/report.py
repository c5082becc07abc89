"""Render a check report for people (text), tools (json) or pull requests (github)."""

from __future__ import annotations

import json
from collections.abc import Callable

from normkit.checks.runner import CheckReport


def _count(items: list, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _text(report: CheckReport) -> str:
    lines = []
    for p in report.problems:
        lines.extend(p.text())
    counts = report.system.counts() if report.system else {}
    summary = ", ".join(f"{v} {k}" for k, v in counts.items())
    errors, warnings = _count(report.errors, "error"), _count(report.warnings, "warning")
    if report.errors:
        lines.append(f"{errors}, {warnings}" + (f" ({summary})" if summary else ""))
    else:
        warned = f" with {warnings}" if report.warnings else ""
        lines.append(f"The standard system is clean{warned}: {summary}.")
    return "\n".join(lines)


def _json(report: CheckReport) -> str:
    return json.dumps(
        {
            "ok": not report.errors,
            "counts": report.system.counts() if report.system else None,
            "problems": [p.data() for p in report.problems],
        },
        ensure_ascii=False,
        indent=2,
    )


def _github(report: CheckReport) -> str:
    lines = [p.github() for p in report.problems]
    lines.append(_text(report).splitlines()[-1])
    return "\n".join(lines)


FORMATS: dict[str, Callable[[CheckReport], str]] = {
    "text": _text,
    "json": _json,
    "github": _github,
}


def render(report: CheckReport, fmt: str) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`)."""
    return FORMATS[fmt](report)
