"""Warning records say their location once, however the warning reached them."""

from __future__ import annotations

import logging
from pathlib import Path

from sphinx.util import logging as sphinx_logging

from normkit.diagnostics import problem_of

SOURCE = "/repo/standards/t-test-1101/index.rst"


def sphinx_warning(message: str, location: str | None) -> logging.LogRecord:
    """A warning record as Sphinx's logger makes it (type and subtype as ``ref.term``)."""
    record = sphinx_logging.SphinxWarningLogRecord(
        "sphinx.sphinx.transforms", logging.WARNING, __file__, 1, message, (), None
    )
    record.location, record.type, record.subtype = location, "ref", "term"
    return record


def test_a_record_formatted_once_already_says_its_location_once():
    record = sphinx_warning("unknown term 'x'", f"{SOURCE}:377")
    # What Sphinx does to the records of a parallel read before sending them on: the
    # location and the level are now part of the message.
    sphinx_logging.convert_serializable([record])
    assert record.getMessage().count("index.rst:377") == 2
    problem = problem_of(record, Path("fallback.rst"))
    assert (problem.path, problem.line) == (Path(SOURCE), 377)
    assert problem.message == "unknown term 'x'"
    assert problem.text() == [f"{SOURCE}:377: warning: unknown term 'x' [ref.term]"]


def test_a_location_only_the_message_names_becomes_the_records():
    record = sphinx_warning(f"{SOURCE}:12: (WARNING/2) Inline emphasis start-string.", None)
    problem = problem_of(record, Path("fallback.rst"))
    assert (problem.path, problem.line) == (Path(SOURCE), 12)
    assert problem.message == "Inline emphasis start-string."
