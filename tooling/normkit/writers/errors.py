"""Errors of the writers: a PDF or DOCX edition that cannot be made.

Each is a normkit error (its message is the sentence the user reads: the file, the
line where known, and the fix) and a Sphinx error (Sphinx stops the build with it).
"""

from __future__ import annotations

from sphinx.errors import SphinxError

from normkit.errors import NormkitError


class PdfError(NormkitError, SphinxError):
    """The PDF of a standard cannot be made; the message names the file and line."""

    category = "PDF error"
    exit_code = 1


class DocxError(NormkitError, SphinxError):
    """The DOCX edition cannot be written; the message names the file and the fix."""

    exit_code = 1
    category = "normkit DOCX error"
