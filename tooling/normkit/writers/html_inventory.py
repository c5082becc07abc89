"""The HTML edition's ``objects.inv``: what another Sphinx project links to.

Sphinx writes the inventory of every HTML build (intersphinx reads it). As Sphinx makes
it, a standard's would say "Project name not set", name the document by its first
section (前言, Foreword) and list the index and search pages, which an edition does not
have. Once the sources are read, this names the inventory and the document after the
standard — its dated number and title, as the page title — gives the standard's version,
and leaves out labels of pages that are not written, so that every entry leads to a
clause, annex, table or figure of the published page.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: The builders that write an inventory.
_HTML = ("html", "dirhtml")


def name_the_inventory(app: Sphinx, env: BuildEnvironment) -> None:
    """Project, version and document title of the standard; no label of a page the
    edition has no source for (Sphinx's genindex, modindex, py-modindex, search)."""
    ctx = getattr(env, "normkit", None)
    if ctx is None or app.builder.name not in _HTML:
        return
    std = ctx.standard
    name = f"{std.dated_number} {ctx.edition_title}"
    app.config.project = name
    app.config.version = app.config.release = std.version
    env.titles[app.config.root_doc] = nodes.title(name, name)
    domain = env.domains.standard_domain
    for table in (domain.labels, domain.anonlabels):
        for label in [k for k, v in table.items() if v[0] not in env.found_docs]:
            del table[label]


def setup(app: Sphinx) -> dict[str, Any]:
    """Connect :func:`name_the_inventory` after the sources are read."""
    app.connect("env-updated", name_the_inventory)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
