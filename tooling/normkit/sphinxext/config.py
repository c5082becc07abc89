"""Every ``normkit_*`` setting of conf.py in one object: default, check and help.

:class:`NormkitConfig` is the one place a setting is declared. Its fields are
registered with Sphinx as ``normkit_<name>`` (:func:`register`), checked once when the
configuration is read (:func:`read_config`: a wrong value stops the build with the
file, the value and the fix) and rendered as the table of docs/configuration.md
(:func:`settings_table`). The extension and the writers read the checked object
(``StandardContext.config``), never ``app.config.normkit_*``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from normkit.errors import NormkitError

#: The PDF variant written by default: PDF/A-2u, archival (see normkit.writers.pdf_render).
DEFAULT_PDF_VARIANT = "pdf/a-2u"


class SettingError(NormkitError, ConfigError):
    """A ``normkit_*`` value of conf.py is wrong; the message names it and the fix."""

    exit_code = 2


def _text(value: Any) -> str:
    return "" if isinstance(value, str) else "must be a string"


def _flag(value: Any) -> str:
    return "" if isinstance(value, bool) else "must be True or False"


def _edition(value: Any) -> str:
    return "" if value in ("", "bilingual") else 'must be "" or "bilingual"'


def _depth(value: Any) -> str:
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 6
    return "" if ok else "must be a whole number from 1 (clauses only) to 6"


def _pdf_variant(value: Any) -> str:
    if not isinstance(value, str):
        return "must be a string"
    if value in ("", DEFAULT_PDF_VARIANT):  # known good: no need to load WeasyPrint
        return ""
    from weasyprint.pdf import VARIANTS

    known = ", ".join(sorted(VARIANTS))
    return "" if value in VARIANTS else f"is not a PDF variant WeasyPrint writes: use {known}"


def _releases(value: Any) -> str:
    ok = isinstance(value, tuple) and all(
        isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(v, str) for v in pair)
        for pair in value
    )
    return "" if ok else 'must be pairs of folder name and version: (("t-xqzc-1101", "1.0"),)'


def setting(default: Any, check: Callable[[Any], str], rebuild: str, help: str) -> Any:
    """A field of :class:`NormkitConfig`: its default, check, Sphinx rebuild kind
    ("env": the sources are read again when it changes; "": only written again) and help."""
    return field(default=default, metadata={"check": check, "rebuild": rebuild, "help": help})


@dataclass(frozen=True)
class NormkitConfig:
    """The normkit settings of one build, checked."""

    root: str = setting(
        "",
        _text,
        "env",
        "The standards repository (the folder of standards/framework.toml); normkit sets "
        "it, and a bare sphinx-build finds it above the source folder.",
    )
    edition: str = setting(
        "",
        _edition,
        "env",
        '"bilingual" builds the bilingual edition (the master paired with the first '
        'translation language); "" an edition in the build\'s `language`. normkit sets it.',
    )
    toc_depth: int = setting(
        2,
        _depth,
        "env",
        "How deep the table of contents goes in every edition (HTML, PDF, DOCX): 1 lists "
        "the clauses, 2 also their subclauses.",
    )
    pdf_variant: str = setting(
        DEFAULT_PDF_VARIANT,
        _pdf_variant,
        "",
        'The PDF variant WeasyPrint writes: "pdf/a-2u" (archival, default), another '
        'variant such as "pdf/a-3u" or "pdf/ua-1", or "" for a plain PDF.',
    )
    pdf_tagged: bool = setting(
        True, _flag, "", "Write a tagged PDF (structure for screen readers and reflow)."
    )
    pdf_keep_html: bool = setting(
        False,
        _flag,
        "",
        "Also keep the print HTML the PDF is rendered from, as <name>.print.html beside it.",
    )
    docx_reference: str = setting(
        "",
        _text,
        "env",
        "The Word file whose styles the DOCX edition uses (default: "
        "templates/docx/reference.docx of the repository, else normkit's).",
    )

    history: str = setting(
        "",
        _text,
        "env",
        "The git repository the foreword's `.. technical-changes::` reads earlier versions "
        "from, when the sources are not in one (`normkit release` builds from `git "
        "archive` and sets it to the releasing repository); default: the repository "
        "holding the sources.",
    )

    releases: tuple = setting(
        (),
        _releases,
        "env",
        "A release build: the folder name and version of the standard released and of "
        "every standard released before it; citations then link to the public site's "
        "releases (dated: the release current then; undated: latest/). `normkit release` "
        "sets it from the ledger of the released commit.",
    )

    working_draft: bool = setting(
        False,
        _flag,
        "",
        "Mark every edition as the current working text, not a published one (a banner "
        "on each page, a watermark in the PDF): `normkit site --drafts` sets it.",
    )

    redline_against: str = setting(
        "",
        _text,
        "env",
        "The pickled doctree of the old edition a redline compares against; "
        "`normkit diff` sets it, and the build then writes the redline edition.",
    )
    redline_deleted: bool = setting(
        False,
        _flag,
        "env",
        "Set by `normkit diff` when the new version no longer has the standard: the old "
        "edition is built as the redline, all its text deleted.",
    )
    redline_old: str = setting(
        "", _text, "env", "The old version's label in a redline (1.0); `normkit diff` sets it."
    )
    redline_new: str = setting(
        "", _text, "env", "The new version's label in a redline (1.1); `normkit diff` sets it."
    )
    redline_author: str = setting(
        "",
        _text,
        "env",
        "Who made the new version (from git): the author of a redline DOCX's revisions.",
    )
    redline_date: str = setting(
        "",
        _text,
        "env",
        "When the new version was made (ISO 8601, from git): the date of the revisions.",
    )
    redline_report: str = setting(
        "",
        _text,
        "",
        "Where a redline build writes its change list as JSON, for `normkit diff`'s summary.",
    )


def register(app: Sphinx) -> None:
    """Register every setting as a Sphinx configuration value ``normkit_<name>``."""
    for f in fields(NormkitConfig):
        app.add_config_value(
            f"normkit_{f.name}", f.default, f.metadata["rebuild"], types=[type(f.default)]
        )


def read_config(config: Config, confdir: Path) -> NormkitConfig:
    """The checked settings of ``config``; raise :class:`SettingError` naming the first
    wrong one, with what it must be."""
    values = {}
    for f in fields(NormkitConfig):
        value = getattr(config, f"normkit_{f.name}")
        reason = f.metadata["check"](value)
        if reason:
            raise SettingError(f"{confdir / 'conf.py'}: normkit_{f.name} = {value!r} {reason}")
        values[f.name] = value
    return NormkitConfig(**values)


def config_inited(app: Sphinx, config: Config) -> None:
    """Check the settings once, as soon as Sphinx has read conf.py."""
    app.normkit_config = read_config(config, Path(app.confdir))  # type: ignore[attr-defined]


def settings_table() -> str:
    """The settings as a Markdown table (docs/configuration.md shows it)."""
    rows = ["| setting | default | what it does |", "| --- | --- | --- |"]
    for f in fields(NormkitConfig):
        rows.append(f"| `normkit_{f.name}` | `{f.default!r}` | {f.metadata['help']} |")
    return "\n".join(rows) + "\n"
