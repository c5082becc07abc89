"""The docx edition (to be written)."""

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register the builder."""
