"""Localised generated words: templates/labels/<language>.toml (the repository's, else normkit's).

Every word normkit writes into a document (labels, captions, boilerplate) comes from
these tables, so no English leaks into the Chinese edition. A missing table or key is
an error naming the file, never a silent fallback to another language; a repository's
own table lacking a word normkit added since takes it from normkit's table of the same
language.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from normkit.errors import NormkitError, SourceNotUtf8
from normkit.presentation import DEFAULTS, template
from normkit.system.toml_source import TomlSource, TomlSyntaxError


def html_lang(language: str) -> str:
    """The BCP 47 tag of a Sphinx language code, as HTML ``lang``, PDF tags and Word
    properties write it: ``zh_CN`` → ``zh-CN``."""
    return language.replace("_", "-")


class LabelsError(NormkitError):
    """A label table is missing or lacks a key."""

    exit_code = 1


@dataclass(frozen=True)
class Labels:
    """The generated words of one language."""

    language: str
    path: Path
    table: dict

    def _get(self, section: str, key: str) -> str:
        try:
            return self.table[section][key]
        except KeyError:
            pass
        # A repository's own table, written before normkit had this word: normkit's
        # table of the same language has it (never another language's).
        try:
            return _default_table(self.language)[section][key]
        except KeyError:
            raise LabelsError(
                f"{self.path}: no [{section}] {key} in the {self.language} label table"
            ) from None

    def label(self, key: str, n: str | int = "") -> str:
        """A label such as ``label("table", "A.1")`` → "表A.1"."""
        return self._get("labels", key).format(n=n)

    def text(self, key: str, **values: str) -> str:
        """A generated sentence (``[text]``), e.g. the normative-references lead-in."""
        return self._get("text", key).format(**values)

    def cover(self, key: str, **values: object) -> str:
        """A cover line (``[cover]``)."""
        return self._get("cover", key).format(**values)

    def changes(self, key: str, **values: object) -> str:
        """Words of a change list (``[changes]``): "增加了{what}", "（见{new}）"."""
        return self._get("changes", key).format(**values)

    def redline(self, key: str, **values: object) -> str:
        """How a redline shows its marks (``[redline]``): the legend, the read-aloud words."""
        return self._get("redline", key).format(**values)

    def date(self, value: date) -> str:
        """A date as the cover writes it."""
        return self.cover("date", year=value.year, month=value.month, day=value.day)


@cache
def _default_table(language: str) -> dict:
    """normkit's own label table of ``language`` ({} when it has none)."""
    path = DEFAULTS / "labels" / f"{language}.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


#: Label tables parsed in this process, by their files' bytes: every page of a build
#: asks for them several times, and parsing them again was a twentieth of a standard's
#: check and build. Treat the tables as read-only (callers copy what they change).
_PARSED: dict[tuple[Path, bytes, bytes], dict] = {}


def _unreadable(path: Path) -> LabelsError:
    """The error of a label table that does not parse, at its line (TomlSource says it)."""
    try:
        TomlSource.read(path)
    except TomlSyntaxError as error:
        failure = LabelsError(f"{path}:{error.line or 1}: TOML syntax error: {error.message}")
    except SourceNotUtf8 as error:
        failure = LabelsError(f"{path}:{error.line}: {error.detail}")
    else:  # parsed the second time: said plainly all the same
        failure = LabelsError(f"{path}: TOML syntax error")
    failure.hint = "fix the file at that line (see https://toml.io)"
    return failure


def load_labels(root: Path, language: str) -> Labels:
    """The label table of ``language`` in the repository at ``root``."""
    path = template(root, Path("labels") / f"{language}.toml")
    if not path.is_file():
        raise LabelsError(
            f"no label table for language {language!r}: {path} is missing "
            "(copy templates/labels/en.toml and translate it)"
        )
    own = path.read_bytes()
    default = DEFAULTS / "labels" / f"{language}.toml"
    # A repository's own table (copied by an earlier `normkit init`) may lack words a
    # later normkit uses: those come from normkit's table of the same language.
    base = default.read_bytes() if default.is_file() and default != path else b""
    key = (path, own, base)
    table = _PARSED.get(key)
    if table is None:
        try:
            table = tomllib.loads(own.decode("utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
            raise _unreadable(path) from None
        if base:
            table = _overlaid(tomllib.loads(base.decode("utf-8")), table)
        if len(_PARSED) > 32:  # a long preview session: keep the recent ones only
            _PARSED.clear()
        _PARSED[key] = table
    return Labels(language, path, table)


def _overlaid(base: dict, own: dict) -> dict:
    """``base`` with every value of ``own`` over it, table by table."""
    merged = dict(base)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _overlaid(merged[key], value)
        else:
            merged[key] = value
    return merged
