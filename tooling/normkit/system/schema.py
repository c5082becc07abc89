"""The typed schema of framework.toml and standard.toml, and its one validator.

Each field says its kind (string, text per language, date, list of strings, table,
array of tables), whether it is required, and the pattern or choices its value must
meet. :func:`validate` turns every value of the wrong type or shape into a
:class:`Problem` naming the file and the line of the value; the loader then reads the
values knowing their types. Values that become paths (versions, language codes) are
held to their patterns here, before anything is built from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from normkit.files import control_character_message, control_characters
from normkit.system.model import DRAFT_STAGES, STATUSES
from normkit.system.problems import Problem, Severity
from normkit.system.toml_source import TomlSource

#: A language code as gettext and Sphinx write it: zh_CN, en, pt_BR, sr_Latn.
LANGUAGE = r"[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?"
#: A version of a standard: MAJOR.MINOR.
VERSION = r"\d+\.\d+"
#: The public address of the site: links in every edition start with it.
SITE_URL = r"https?://[^\s\"'<>]+"


@dataclass(frozen=True)
class Field:
    """One key of a TOML file: its kind, and what its value must be."""

    kind: str  # string | text | date | strings | table | tables
    required: bool = False
    pattern: str | None = None
    choices: tuple[str, ...] = ()
    fields: dict[str, Field] = field(default_factory=dict)
    example: str = '"…"'
    #: how a value of ``pattern`` looks, for messages (default: ``example``)
    form: str = ""
    code: str = "normkit.bad-value"
    hint: str = ""
    #: string fields only: also accept a list of strings (supersedes = "X" or ["X", "Y"])
    or_list: bool = False


def _string(example: str = '"…"', **kwargs: Any) -> Field:
    return Field("string", example=example, **kwargs)


_TEXT = Field("text", required=True, example='{ zh_CN = "…", en = "…" }')
_OPTIONAL_TEXT = Field("text", example='{ zh_CN = "…", en = "…" }')

STANDARD = Field(
    "table",
    fields={
        "number": _string('"T/XQZC 1101"', required=True),
        "version": _string(
            '"1.0"',
            required=True,
            pattern=VERSION,
            form="MAJOR.MINOR",
            code="normkit.version",
            hint='write it as a quoted string such as version = "1.0" (MAJOR.MINOR)',
        ),
        "status": _string('"draft"', required=True, choices=STATUSES),
        "stage": _string('"review"', choices=DRAFT_STAGES),
        "aspect": _string('"1.1"', required=True),
        "title": _TEXT,
        "dates": Field(
            "table",
            fields={"issue": Field("date", example="2026-06-01"), "implementation": Field("date")},
        ),
        "classification": Field(
            "table", fields={"ics": _string('"35.110"'), "ccs": _string('"L79"')}
        ),
        "relations": Field(
            "table",
            fields={
                "supersedes": Field("strings", example='["T/XQZC 1101"]', or_list=True),
                "superseded_by": _string('"T/XQZC 1102"'),
            },
        ),
        "editors": Field(
            "tables",
            fields={"name": _string(required=True), "organization": _string()},
            example='[[editors]] tables with name = "…" and organization = "…"',
        ),
    },
)

FRAMEWORK = Field(
    "table",
    fields={
        "framework": Field(
            "table",
            required=True,
            fields={"version": _string('"1.0"', required=True), "title": _TEXT},
        ),
        "settings": Field(
            "table",
            required=True,
            fields={
                "master_language": _string('"zh_CN"', required=True, pattern=LANGUAGE),
                "languages": Field("strings", pattern=LANGUAGE, example='["en"]'),
                "issuing_body": _TEXT,
                "site_url": _string(
                    '"https://standards.example.org"',
                    pattern=SITE_URL,
                    hint="the public address of the site: http:// or https:// only",
                ),
                "lint": Field(
                    "table",
                    fields={
                        "enabled": Field("bool", example="true"),
                        "select": Field("strings", example='["term-unused"]'),
                        "ignore": Field("strings", example='["term-unused"]'),
                    },
                ),
                "numbering": Field(
                    "table",
                    required=True,
                    fields={
                        "prefix": _string('"T/XQZC"', required=True),
                        "pattern": Field("regex", required=True, example="'^T/XQZC \\d{4}$'"),
                        "kind": _OPTIONAL_TEXT,
                    },
                ),
            },
        ),
        "category": Field(
            "tables",
            fields={
                "code": _string('"1"', required=True),
                "title": _TEXT,
                "aspect": Field(
                    "tables", fields={"code": _string('"1.1"', required=True), "title": _TEXT}
                ),
            },
            example="[[category]] tables",
        ),
        "standard": Field(
            "tables",
            fields={
                "number": _string('"T/XQZC 1101"', required=True),
                "aspect": _string('"1.1"', required=True),
                "status": _string('"planned"', required=True, choices=STATUSES),
                "title": _TEXT,
            },
            example="[[standard]] tables",
        ),
    },
)
FRAMEWORK.fields["framework"].fields["notice"] = _OPTIONAL_TEXT


def _shown(value: Any) -> str:
    """A value as TOML would write it, for messages."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        shown = f"[{', '.join(_shown(v) for v in value)}]"
        return shown if len(shown) <= 40 else "a list"
    return str(value)


def _control_character(value: Any) -> str | None:
    """The first control character of a string value (of a list's or a table's)."""
    if isinstance(value, str):
        return next((char for _line, char in control_characters(value)), None)
    if isinstance(value, list | dict):
        items = value.values() if isinstance(value, dict) else value
        return next((c for v in items if (c := _control_character(v)) is not None), None)
    return None


def _type_error(key: str, spec: Field, value: Any) -> str | None:
    """Why ``value`` is not of the kind ``spec`` wants (None: it is)."""
    kind = spec.kind
    if kind in ("string", "regex"):
        if isinstance(value, str) or (
            spec.or_list and isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            return None
        if isinstance(value, float):
            return (
                f"`{key}` must be a quoted string, not the number {value} (TOML reads 1.10 as 1.1)"
            )
        return f"`{key}` must be a string, not {_shown(value)}"
    if kind == "strings":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return None
        if spec.or_list and isinstance(value, str):
            return None
        return f"`{key}` must be a list of strings, not {_shown(value)}"
    if kind == "text":
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            return None
        return f"`{key}` must give a text per language, not {_shown(value)}"
    if kind == "date":
        if isinstance(value, date) and not isinstance(value, datetime):
            return None
        return f"`{key}` must be a date such as 2026-06-01, not {_shown(value)}"
    if kind == "bool":
        return None if isinstance(value, bool) else f"`{key}` must be true or false"
    if kind == "table":
        return None if isinstance(value, dict) else f"[{key}] must be a table, not {_shown(value)}"
    if kind == "tables":
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            return None
        return f"`{key}` must be [[{key}]] tables, not {_shown(value)}"
    raise ValueError(f"unknown kind {kind}")  # a mistake in this module


def _value_error(key: str, spec: Field, value: Any) -> str | None:
    """Why a value of the right type is still wrong (pattern, choices, regex)."""
    values = value if isinstance(value, list) else [value]
    for one in values:
        if spec.pattern and not re.fullmatch(spec.pattern, one):
            return f"`{key}` = {_shown(one)} is not of the form {spec.form or spec.example}"
        if spec.choices and one not in spec.choices:
            return f"`{key}` = {_shown(one)} is not one of {', '.join(spec.choices)}"
        if spec.kind == "regex":
            try:
                re.compile(one)
            except re.error as error:
                return f"`{key}` = {_shown(one)} is not a regular expression ({error})"
    return None


class _Validator:
    def __init__(self, source: TomlSource) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.seen: dict[str, int] = {}  # [[x]] tables met so far, to find each one's line

    def add(self, code: str, line: int | None, message: str, hint: str, warn: bool = False):
        severity = Severity.WARNING if warn else Severity.ERROR
        self.problems.append(Problem(code, self.source.path, line, message, hint, severity))

    def table(self, data: dict[str, Any], spec: Field, name: str, after: int | None) -> None:
        for key, sub in spec.fields.items():
            dotted = f"{name}.{key}" if name else key
            if key not in data:
                if sub.required:
                    where = f" in [{name}]" if name else ""
                    self.add(
                        "normkit.missing-field",
                        after,
                        f"`{key}`{where} is missing",
                        f"add {key} = {sub.example}" if sub.kind != "table" else f"add [{dotted}]",
                    )
                continue
            value = data[key]
            problem = _type_error(key, sub, value)
            if problem is None and sub.kind not in ("table", "tables", "text", "date"):
                problem = _value_error(key, sub, value)
            # A value's line is looked up only when a message or a table inside needs it:
            # a system of 1,000 standards has some 12,000 values, nearly all of them right.
            if problem is not None:
                line = self._line(key, dotted, sub, after)
                self.add(sub.code, line, problem, sub.hint or f"write it as {key} = {sub.example}")
                continue
            control = None if sub.kind in ("table", "tables") else _control_character(value)
            if control is not None:  # written as an escape (\u001b): the text has none
                line = self._line(key, dotted, sub, after)
                message = f"`{key}` holds {control_character_message(control)}"
                self.add("normkit.control-character", line, message, "remove the escape")
                continue
            if sub.kind == "table":
                self.table(value, sub, dotted, self._line(key, dotted, sub, after))
            elif sub.kind == "tables":
                headers = self.source.table_lines(f"[[{dotted}]]")
                for item in value:
                    index = self.seen[dotted] = self.seen.get(dotted, -1) + 1
                    if index < len(headers):
                        header = headers[index]
                    else:
                        header = self._line(key, dotted, sub, after)
                    self.table(item, sub, dotted, header)
        for key in data:
            if key not in spec.fields:
                where = f"[{name}]" if name else "the top level"
                self.add(
                    "normkit.unknown-key",
                    self.source.line_of(key, after=after)
                    or self.source.header_line(f"{name}.{key}" if name else key),
                    f"unknown key `{key}` in {where}",
                    "check its spelling; known keys: " + ", ".join(spec.fields),
                    warn=True,
                )

    def _line(self, key: str, dotted: str, spec: Field, after: int | None) -> int | None:
        if spec.kind in ("table", "tables"):
            header = f"[[{dotted}]]" if spec.kind == "tables" else f"[{dotted}]"
            found = self.source.table_lines(header)
            if found:
                return found[0]
        return self.source.line_of(key, after=after) or after


def validate(source: TomlSource, schema: Field) -> list[Problem]:
    """Every value of ``source`` that does not meet ``schema``, with its line."""
    validator = _Validator(source)
    validator.table(source.data, schema, "", None)
    return validator.problems
