"""Extract, merge and count gettext catalogs of a standard."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from normkit.errors import NormkitError
from normkit.files import control_character_message, control_characters, write_atomic
from normkit.system import Standard

DOMAIN = "index"
#: Catalog dates are fixed so that an unchanged catalog is byte-identical in git.
_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


class GettextCatalogError(NormkitError):
    """A .po file cannot be read; the message names the file and the line."""

    exit_code = 1

    def __init__(
        self,
        path: Path,
        message: str,
        line: int | None = None,
        hint: str = "fix the .po syntax (msgid/msgstr pairs in double quotes) at that line",
    ) -> None:
        self.path, self.line, self.detail = path, line, message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.hint = hint


def catalog_path(standard: Standard, language: str) -> Path:
    """``standards/<id>/locale/<lang>/LC_MESSAGES/index.po``."""
    return standard.translation_file(language)


_MSGFMT_ERROR = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<message>.*)$", re.MULTILINE)


def _msgfmt_check(path: Path) -> None:
    """GNU msgfmt's syntax check, stricter than Babel's reader (which guesses)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return
    run = subprocess.run(
        [msgfmt, "--check-format", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    if run.returncode != 0:
        found = _MSGFMT_ERROR.search(run.stderr)
        message = found.group("message") if found else run.stderr.strip()
        line = int(found.group("line")) if found else None
        if line and message.startswith("end-of-line within string"):
            line -= 1  # msgfmt counts the line break it stopped at: the string is above
        raise GettextCatalogError(path, message, line)


_CHARSET = re.compile(
    r'^"Content-Type:[^"]*charset=(?P<charset>[\w.:-]+)', re.MULTILINE | re.IGNORECASE
)
_PLURAL_FORMS = re.compile(r'^"Plural-Forms:\s*(?P<value>.*?)(\\n)?"\s*$', re.MULTILINE)
_VALID_PLURAL = re.compile(r"nplurals\s*=\s*\d+\s*;\s*plural\s*=\s*[-\w\s()<>=!&|%?:]+;?")


def _check_text(path: Path) -> None:
    """UTF-8 and a sound Plural-Forms header, each named at its own line (msgfmt and
    Babel name the end of the entry, or a line after the header)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GettextCatalogError(
            path, f"not UTF-8: byte {data[exc.start]:#04x} cannot be read as text", line
        ) from None
    if text.startswith("\ufeff"):  # Notepad's mark: msgfmt and Babel read it as a syntax error
        raise GettextCatalogError(
            path,
            "the file starts with a byte-order mark (BOM)",
            1,
            "save it as UTF-8 without a byte-order mark (gettext tools refuse it)",
        )
    for line, char in control_characters(text):
        raise GettextCatalogError(
            path,
            f"the text holds {control_character_message(char)}",
            line,
            "delete it from the translation",
        )
    declared = _CHARSET.search(text)
    if declared and declared.group("charset").lower().replace("_", "-") not in ("utf-8", "utf8"):
        # Babel and msgfmt would read the UTF-8 text in the charset declared: every msgid
        # garbled, no translation found, the edition silently in the master language.
        raise GettextCatalogError(
            path,
            f"the header declares charset={declared.group('charset')}, but catalogs are UTF-8",
            text.count("\n", 0, declared.start()) + 1,
            'write the header as "Content-Type: text/plain; charset=UTF-8\\n"',
        )
    found = _PLURAL_FORMS.search(text)
    if found and not _VALID_PLURAL.fullmatch(found.group("value").strip()):
        raise GettextCatalogError(
            path,
            f"the Plural-Forms header {found.group('value')!r} is not valid",
            text.count("\n", 0, found.start()) + 1,
            'write it as "Plural-Forms: nplurals=2; plural=(n != 1);\\n" (English)',
        )


def read_catalog(path: Path, language: str) -> PoCatalog:
    """Read a .po file; a syntax error is a :class:`GettextCatalogError` with its line."""
    _check_text(path)
    _msgfmt_check(path)
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, abort_invalid=True)
    except PoFileError as exc:
        line = getattr(exc, "lineno", None)
        raise GettextCatalogError(path, f"not a valid gettext catalog: {exc}", line) from exc
    except (ValueError, UnicodeDecodeError) as exc:  # Babel's header parsing
        raise GettextCatalogError(path, f"not a valid gettext catalog: {exc}") from exc
    _lift_previous(catalog)
    return catalog


def extract_template(root: Path, standard: Standard) -> PoCatalog:
    """The master-language segments of a standard, as a gettext template.

    Sphinx's gettext builder does the extraction, so exactly what the build
    translates is extracted; locations are made relative to the standard's folder.
    """
    from normkit.sphinx_run import run_sphinx

    work = Path(tempfile.mkdtemp(prefix="normkit-gettext-"))
    try:
        master = root_language(root, standard)
        run = run_sphinx(
            root,
            standard.path,
            "gettext",
            master,
            work / "pot",
            work / "doctrees",
            master_language=master,
        )
        if run.errors:
            first = run.errors[0]
            raise NormkitError(
                f"cannot extract {standard.number}: {first.location}: {first.message}"
            )
        template = PoCatalog(project=standard.number, version=standard.version)
        for pot in sorted((work / "pot").rglob("*.pot")):
            with pot.open("rb") as handle:
                for message in read_po(handle):
                    if not message.id:
                        continue
                    locations = [
                        (_relative(p, standard.path, pot.parent), n) for p, n in message.locations
                    ]
                    template.add(
                        message.id, locations=locations, auto_comments=message.auto_comments
                    )
        add_figure_words(template, standard)
        return template
    finally:
        shutil.rmtree(work, ignore_errors=True)


def add_figure_words(template: PoCatalog, standard: Standard) -> None:
    """Add the words of the standard's SVG figures (labels, titles) to the template,
    located at their file and line, so that figures are translated like the text; in
    their own message context, as a label may need shorter words than the text."""
    from normkit.sphinxext.figure_text import FIGURE_CONTEXT, svg_messages

    for svg in sorted(standard.path.rglob("*.svg")):
        location = str(svg.relative_to(standard.path))
        for words, line in svg_messages(svg):
            known = template.get(words, context=FIGURE_CONTEXT)
            if known is not None:
                known.locations.append((location, line))
            else:
                template.add(
                    words,
                    locations=[(location, line)],
                    auto_comments=["figure"],
                    context=FIGURE_CONTEXT,
                )


def root_language(root: Path, standard: Standard) -> str:
    """The master language of the system the standard belongs to."""
    from normkit.system import load_system

    return load_system(root).settings.master_language


def _relative(location: str, folder: Path, base: Path) -> str:
    path = (base / location).resolve()
    try:
        return str(path.relative_to(folder.resolve()))
    except ValueError:
        return os.path.basename(location)


def compile_catalogs(standard: Standard, languages: list[str], dest: Path) -> Path:
    """Compile the standard's .po files into ``dest/<lang>/LC_MESSAGES/index.mo``.

    Builds read the compiled catalogs from the build's own folder, so that a build
    never writes into the sources (Sphinx would otherwise put .mo files beside them).
    Fuzzy entries are left out, as msgfmt does.
    """
    from babel.messages.mofile import write_mo

    for language in languages:
        path = catalog_path(standard, language)
        if not path.is_file():
            continue
        target = dest / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_mo(handle, read_catalog(path, language), use_fuzzy=False)
    return dest


@dataclass
class UpdateResult:
    """What ``update`` did to one catalog."""

    path: Path
    created: bool
    added: int
    fuzzy: int
    obsolete: int


def update_catalogs(root: Path, standard: Standard, languages: list[str]) -> list[UpdateResult]:
    """Create or merge the catalog of every language, as msgmerge does."""
    template = extract_template(root, standard)
    return [_update(template, standard, lang) for lang in languages]


def line_ending(path: Path) -> bytes:
    """The line ending a catalog is written with: that of its first line (a translator's
    editor on Windows saves CRLF, and git would show every line changed if the merge
    wrote them back as LF); LF for a new catalog."""
    try:
        with path.open("rb") as handle:
            first = handle.readline()
    except OSError:
        return b"\n"
    return b"\r\n" if first.endswith(b"\r\n") else b"\n"


def _update(template: PoCatalog, standard: Standard, language: str) -> UpdateResult:
    path = catalog_path(standard, language)
    created = not path.is_file()
    newline = line_ending(path)
    if created:
        catalog = PoCatalog(locale=language, project=standard.number, version=standard.version)
        before_fuzzy: set[str] = set()
        known: set[str] = set()
    else:
        catalog = read_catalog(path, language)
        before_fuzzy = {(m.id, m.context) for m in catalog if m.id and m.fuzzy}
        known = {(m.id, m.context) for m in catalog if m.id}
    obsolete_before = set(catalog.obsolete)
    # Babel forgets the previous msgid of an entry that was already fuzzy; msgmerge keeps it
    # until a translator clears the flag, and so does this.
    previous = {m.id: m.previous_id for m in catalog if m.id and m.fuzzy and m.previous_id}
    catalog.update(template, update_creation_date=False)
    for message in catalog:
        if message.fuzzy and not message.previous_id and message.id in previous:
            message.previous_id = previous[message.id]
    catalog.project, catalog.version = standard.number, standard.version
    catalog.creation_date = catalog.revision_date = _FIXED_DATE
    catalog.fuzzy = False
    _clear_placeholders(catalog)
    fuzzy = {(m.id, m.context) for m in catalog if m.id and m.fuzzy} - before_fuzzy
    result = UpdateResult(
        path=path,
        created=created,
        added=sum(
            1
            for m in catalog
            if m.id and (m.id, m.context) not in known and (m.id, m.context) not in fuzzy
        ),
        fuzzy=len(fuzzy),
        obsolete=len(set(catalog.obsolete) - obsolete_before),
    )
    _write(path, catalog, newline)
    return result


#: Babel's placeholders in a new catalog's header: ``msgfmt -c`` warns about the first
#: ("still has the initial default value"), Poedit fills the translator in on saving.
_PLACEHOLDERS = {
    "last_translator": "FULL NAME <EMAIL@ADDRESS>",
    "language_team": "<LL@li.org>",
    "msgid_bugs_address": "EMAIL@ADDRESS",
}


def _clear_placeholders(catalog: PoCatalog) -> None:
    """Leave empty what Babel filled with placeholders, in the header fields and in the
    header comment (its "Copyright (C) 2026 ORGANIZATION" and "FIRST AUTHOR
    <EMAIL@ADDRESS>" lines): nothing in a catalog names a person or body that is not."""
    for name, placeholder in _PLACEHOLDERS.items():
        if getattr(catalog, name, "").endswith(placeholder):
            setattr(catalog, name, "")
    lines = catalog.header_comment.splitlines()
    kept = [line for line in lines if "ORGANIZATION" not in line and "EMAIL@ADDRESS" not in line]
    if kept != lines:
        catalog.header_comment = "\n".join(kept)


#: No line is wrapped. Babel wraps comments at 76 columns even with ``width=0`` (as
#: xgettext does), and the ``#|`` comment of a fuzzy entry's previous msgid is a comment to
#: it: a long one broke inside its quoted string, over lines msgfmt refuses. A width no line
#: reaches keeps the msgids unwrapped (as ``width=0`` did) and the ``#|`` line whole.
_NO_WRAP = 2**31


def _write(path: Path, catalog: PoCatalog, newline: bytes = b"\n") -> None:
    """Write ``catalog`` to ``path`` (UTF-8 without a byte-order mark, as gettext tools
    need it) with the line ending ``newline``. A line break inside a PO string is the
    escape ``\\n``: every line feed Babel writes ends a line."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=_NO_WRAP, include_previous=True, sort_output=False)
    data = buffer.getvalue()
    write_atomic(path, data.replace(b"\n", newline) if newline != b"\n" else data)


_PREVIOUS = re.compile(
    r'^\|\s*(?P<keyword>msgid(?:_plural)?)?\s*(?P<strings>(?:"(?:[^"\\]|\\.)*"\s*)+)$'
)
_PO_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _previous(comment: str) -> bool:
    """Whether a translator comment is a ``#|`` line of a previous msgid (or a string of one
    over several lines) read back by Babel."""
    return _PREVIOUS.match(comment) is not None


def _lift_previous(catalog: PoCatalog) -> None:
    """Give fuzzy entries back the previous msgid of their ``#|`` lines; drop them from
    entries that are done.

    Babel writes ``#|`` lines but reads them as translator comments ("| msgid …"), which it
    would write back as ``# | msgid …``: a comment for the translator, and a previous msgid
    that Poedit and msgmerge no longer see. One ``#|`` string or several (msgmerge writes a
    long previous msgid over lines) are joined as the PO format joins them. An entry whose
    fuzzy flag a translator cleared in a text editor keeps its ``#|`` lines, where Poedit
    and msgmerge drop them: they are dropped here too, or every ``normkit translate`` would
    carry them on as ``# | msgid`` comments (as it did in the sample's catalogs).
    """
    for message in catalog:
        if not message.fuzzy:
            message.user_comments = [c for c in message.user_comments if not _previous(c)]
            continue
        parts: dict[str, str] = {}
        keyword = ""
        kept: list[str] = []
        for comment in message.user_comments:
            found = _PREVIOUS.match(comment)
            if not found or (not keyword and not found.group("keyword")):
                kept.append(comment)
                continue
            keyword = found.group("keyword") or keyword
            strings = _PO_STRING.findall(found.group("strings"))
            parts[keyword] = parts.get(keyword, "") + "".join(unescape(f'"{s}"') for s in strings)
        if "msgid" in parts:
            message.user_comments = kept
            message.previous_id = (
                [parts["msgid"], parts["msgid_plural"]]
                if "msgid_plural" in parts
                else [parts["msgid"]]
            )


@dataclass
class CatalogStatus:
    """How complete one catalog is."""

    standard: Standard
    language: str
    path: Path
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def missing(self) -> bool:
        """No catalog at all: nothing is translated (not "complete" for want of segments)."""
        return not self.path.is_file()

    @property
    def total(self) -> int:
        """Segments to translate."""
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        """Share translated and not fuzzy, 0–100."""
        if self.missing:
            return 0.0
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        """The catalog exists, every segment translated, none fuzzy."""
        return not self.missing and self.fuzzy == 0 and self.untranslated == 0


def catalog_status(standard: Standard, language: str) -> CatalogStatus:
    """Count translated, fuzzy and untranslated segments of one catalog."""
    path = catalog_path(standard, language)
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    if path.is_file():
        for message in read_catalog(path, language):
            if not message.id:
                continue
            if message.fuzzy:
                counts["fuzzy"] += 1
            elif message.string:
                counts["translated"] += 1
            else:
                counts["untranslated"] += 1
    return CatalogStatus(standard, language, path, **counts)
