"""What WeasyPrint may read while it renders a standard: local files of the build only.

Standards arrive as pull requests, so nothing a source names may make the PDF writer
reach the network or read a file outside the standard's folder and the build output.
:class:`ConfinedFetcher` serves ``file:`` URLs inside those folders, and the fitted
Latin faces the print CSS asks for with ``normkit-fit:`` URLs
(:mod:`normkit.writers.fitted_fonts`), and stops the rendering
(``FatalURLFetchingError``) on anything else, naming the URL and the reason.

This module imports WeasyPrint (through
:func:`~normkit.writers.weasyprint_import.import_weasyprint`, like
``normkit.writers.pdf_render``, which imports this module at the first PDF a process
renders).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from normkit.writers import fitted_fonts
from normkit.writers.weasyprint_import import import_weasyprint

_urls = import_weasyprint().urls


class RefusedResource(_urls.FatalURLFetchingError):
    """WeasyPrint was asked for a resource outside the allowed folders (stops rendering)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url} is refused: {reason} [normkit.pdf-fetch]")
        self.url = url
        self.reason = reason


class ConfinedFetcher(_urls.URLFetcher):
    """A WeasyPrint URL fetcher that serves only files inside ``roots``.

    Every other URL (http, https, ftp, data, a file elsewhere, a missing file) raises
    :class:`RefusedResource`, which WeasyPrint lets through and which stops the
    rendering, so a refused resource never becomes a silently missing image.
    """

    def __init__(self, roots: Iterable[Path], fonts: Path | None = None, **kwargs: Any) -> None:
        super().__init__(
            allowed_protocols=("file", fitted_fonts.SCHEME), fail_on_errors=True, **kwargs
        )
        self.roots = tuple(Path(root).resolve() for root in roots)
        #: Where fitted fonts are kept between builds (None: made again each process).
        self.fonts = fonts

    def resolve(self, url: str) -> Path:
        """The local file a URL names, if it is one this fetcher may serve."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise RefusedResource(
                url, f"only local files are read while building a PDF, not {parts.scheme}: URLs"
            )
        if parts.netloc not in ("", "localhost"):
            raise RefusedResource(url, "files on other hosts are never read")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            allowed = ", ".join(str(root) for root in self.roots)
            raise RefusedResource(
                url, f"{path} is outside the folders a build may read ({allowed})"
            )
        if not path.is_file():
            raise RefusedResource(url, f"{path} does not exist or is not a file")
        return path

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        """Serve ``url`` if it is an allowed local file or a fitted font; refuse it
        loudly otherwise."""
        if urlsplit(url).scheme == fitted_fonts.SCHEME:
            try:
                body = fitted_fonts.fitted_font(fitted_fonts.FitRequest.parse(url), self.fonts)
            except fitted_fonts.FontNotFound as error:
                raise RefusedResource(url, str(error)) from None
            return _urls.URLFetcherResponse(
                url, body, headers={"Content-Type": "font/ttf"}, status=200
            )
        path = self.resolve(url)
        try:
            body = path.read_bytes()
        except OSError as error:
            raise RefusedResource(url, f"{path} cannot be read ({error.strerror})") from None
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return _urls.URLFetcherResponse(
            path.as_uri(), body, headers={"Content-Type": mime}, status=200
        )
