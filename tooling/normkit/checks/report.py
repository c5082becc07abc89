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
        lines.append(f"{p.location}: {p.severity}: {p.message} [{p.code}]")
        if p.hint:
            lines.append(f"    fix: {p.hint}")
    counts = report.catalog.counts() if report.catalog else {}
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
            "counts": report.catalog.counts() if report.catalog else None,
            "problems": [
                {
                    "code": p.code,
                    "severity": str(p.severity),
                    "file": str(p.path),
                    "line": p.line,
                    "message": p.message,
                    "hint": p.hint,
                }
                for p in report.problems
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def _escape(value: str, *, property_value: bool = False) -> str:
    """Escape for GitHub workflow commands (data and, stricter, property values)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def _github(report: CheckReport) -> str:
    lines = []
    for p in report.problems:
        props = f"file={_escape(str(p.path), property_value=True)}"
        if p.line:
            props += f",line={p.line}"
        props += f",title={_escape(p.code, property_value=True)}"
        message = p.message + (f" — fix: {p.hint}" if p.hint else "")
        lines.append(f"::{p.severity} {props}::{_escape(message)}")
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
