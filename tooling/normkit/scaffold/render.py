"""Rendering the scaffold templates (Jinja2) into TOML, RST and YAML text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2

from normkit.errors import NormkitError


class ScaffoldError(NormkitError):
    """``init`` or ``new`` was asked for something it must refuse; nothing was written."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are valid TOML (control characters as \\uXXXX)."""
    return json.dumps(value, ensure_ascii=False)


def toml_literal(value: str) -> str:
    """A TOML literal string (no escapes: regular expressions read as written)."""
    if "'" in value or "\n" in value:
        return toml_string(value)
    return f"'{value}'"


def render(template: Path, **context: Any) -> str:
    """The text of one template file with ``context``; a missing file is a clear error."""
    if not template.is_file():
        raise ScaffoldError(
            f"template {template} is missing",
            "restore it from normkit's own templates/ (normkit/templates/ where normkit is "
            "installed), or delete the repository's copy to use normkit's",
        )
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template.parent),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # TOML, RST and YAML, escaped by the filters where needed
    )
    environment.filters["toml"] = toml_string
    environment.filters["toml_literal"] = toml_literal
    return environment.get_template(template.name).render(**context)
