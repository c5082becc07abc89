"""The DOCX edition: a thin Sphinx builder over :mod:`normkit.writers.docx_translator`.

``sphinx-build -c . -b normkit-docx standards/<slug> OUT`` writes
``OUT/<slug>-<version>-<language>.docx``. The document is made from
templates/docx/reference.docx (its styles and page set-up; see make_reference.py beside
it), filled by the translator, then saved deterministically: fixed core-property dates
(SOURCE_DATE_EPOCH, else the issue date), stable ids, a zip with fixed timestamps and
sorted entries — so the same source gives the same bytes. Return, then write:
:func:`render_docx` returns the bytes and :func:`write_atomic` puts them in place.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import docx
from docutils import nodes
from docx.opc.exceptions import PackageNotFoundError
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging

from normkit.files import write_atomic
from normkit.layout import Layout
from normkit.presentation import template
from normkit.sphinxext.context import StandardContext, context_of
from normkit.writers import docx_ooxml as ox
from normkit.writers import printed_pages
from normkit.writers.docx_redline import DocxRedlineTranslator
from normkit.writers.docx_translator import REQUIRED_STYLES, is_cjk
from normkit.writers.errors import DocxError
from normkit.writers.footnotes import call_nested_footnotes

logger = logging.getLogger(__name__)

#: Where a repository keeps the Word styles of its DOCX edition.
REFERENCE = Path("docx") / "reference.docx"  # in templates/ (normkit.presentation)
_REMEDY = (
    "restore it from git, or run `python templates/docx/make_reference.py` to make a fresh "
    "one with normkit's default styles"
)


def reference_path(ctx: StandardContext, configured: str = "") -> Path:
    """The reference.docx of this build (``normkit_docx_reference`` or the repository's)."""
    return Path(configured) if configured else template(ctx.root, REFERENCE)


def open_reference(path: Path) -> Any:
    """Open reference.docx as a python-docx Document with an empty body.

    Raises :class:`DocxError` when it is missing, not a zip, not a Word document, or
    lacks a style the writer needs.
    """
    if not path.is_file():
        raise DocxError(f"{path} is missing: the DOCX edition takes its styles from it; {_REMEDY}")
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as error:
        raise DocxError(
            f"{path} is not a Word document ({type(error).__name__}: {error}); {_REMEDY}"
        ) from None
    except ValueError as error:  # python-docx: "file … is not a Word file, content type is …"
        raise DocxError(f"{path} is not a Word document ({error}); {_REMEDY}") from None
    except Exception as error:  # lxml and other parse errors of a damaged package
        raise DocxError(f"{path} cannot be read as a Word document ({error}); {_REMEDY}") from None
    names = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise DocxError(
            f"{path} lacks the style(s) {', '.join(repr(m) for m in missing)} the DOCX "
            f"edition uses: add them in Word (Styles → New Style) or {_REMEDY.split(', or ')[1]}"
        )
    body = document.element.body
    for child in list(body):
        if child.tag != ox.qn("w:sectPr"):
            body.remove(child)
    return document


def fixed_time(ctx: StandardContext) -> dt.datetime:
    """The date written into the core properties: SOURCE_DATE_EPOCH, else the issue date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    issue = ctx.standard.issue_date
    if issue:
        return dt.datetime(issue.year, issue.month, issue.day)
    return dt.datetime(2000, 1, 1)


def word_language(language: str) -> str:
    """``zh_CN`` → ``zh-CN``; ``en`` → ``en-US`` (Word's language tags)."""
    if "_" in language:
        return language.replace("_", "-")
    return {"en": "en-US", "zh": "zh-CN", "fr": "fr-FR", "de": "de-DE"}.get(language, language)


def _word_property(text: str) -> str:
    """A document property as Word holds it: 255 characters at most (a longer title is
    shortened there only; the document's own text keeps it whole)."""
    return text if len(text) <= 255 else text[:254] + "…"


def set_properties(document: Any, ctx: StandardContext) -> None:
    """Core properties: title, subject, keywords and author (the issuing body) as the PDF
    has them (StandardContext.metadata), version, language, dates."""
    std, lang, metadata = ctx.standard, ctx.language, ctx.metadata
    settings = ctx.system.settings
    props = document.core_properties
    props.title = _word_property(metadata.title)
    props.subject = _word_property(metadata.subject)
    props.identifier = std.number
    props.author = _word_property(metadata.author)
    props.last_modified_by = _word_property(metadata.author)
    props.version = std.version
    props.comments = ctx.labels.cover("version", version=std.version)
    props.category = settings.numbering.kind.get(lang, "")
    props.content_status = std.status
    props.language = word_language(lang)
    props.keywords = _word_property(", ".join(metadata.keywords))
    props.revision = 1
    when = fixed_time(ctx)
    props.created = props.modified = props.last_printed = when


def render_docx(
    doctree: nodes.document,
    builder: Builder,
    ctx: StandardContext,
    reference: Path,
    printed: dict[str, str] | None = None,
) -> bytes:
    """The DOCX bytes of one standard's resolved doctree; ``printed`` the page each
    anchor is printed on in the PDF edition (the contents' page numbers)."""
    document = open_reference(reference)
    ox.configure_settings(document.settings.element, "en-US", "zh-CN")
    if not is_cjk(ctx.language):
        ox.drop_first_line_indents(document.styles.element)
    call_nested_footnotes(doctree)
    translator = DocxRedlineTranslator(doctree, builder, document, ctx)
    translator.printed = printed or {}
    doctree.walkabout(translator)
    set_properties(document, ctx)
    buffer = io.BytesIO()
    document.save(buffer)
    return ox.normalise_zip(buffer.getvalue())


class DocxBuilder(Builder):
    """Builds the DOCX edition of the standard in the source folder."""

    name = "normkit-docx"
    format = "docx"
    epilog = "The DOCX edition is in %(outdir)s."
    default_translator_class = DocxRedlineTranslator
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg", "image/gif"]
    supported_remote_images = False

    def get_outdated_docs(self) -> str | Iterable[str]:
        return "the DOCX edition"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: set[str]) -> None:
        pass

    def write_documents(self, docnames: set[str]) -> None:
        """Write the one DOCX of the standard from its root document."""
        ctx = context_of(self.env)
        root = self.config.root_doc
        doctree = self.env.get_and_resolve_doctree(root, self, tags=self.tags)
        reference = reference_path(ctx, ctx.config.docx_reference)
        printed = printed_pages.load(Path(self.doctreedir))
        data = render_docx(doctree, self, ctx, reference, printed)
        write_atomic(Path(self.outdir) / Layout.file_name(ctx.standard, ctx.edition, "docx"), data)

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        pass


def setup(app: Sphinx) -> None:
    """Register the ``normkit-docx`` builder and its ``normkit_docx_reference`` setting."""
    app.add_builder(DocxBuilder)
