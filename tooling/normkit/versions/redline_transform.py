"""The redline edition built by the ordinary writers: a Sphinx extension.

``normkit diff`` builds the new sources as any edition, with
``normkit_redline_against`` naming a pickled doctree of the old edition (from
normkit.engine.read_doctree), which may still be being read by another process while
the new sources are (see :func:`awaiting`). After references are resolved, this
post-transform replaces the document by its redline against the old one and puts the
change list after the cover; HTML, PDF and DOCX then render the redline nodes. A standard the new
version no longer has is built from the old sources with ``normkit_redline_deleted``:
its whole text marked deleted.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from normkit.engine.build_one import READ_ONLY
from normkit.engine.doctree import digest_images
from normkit.files import write_atomic
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.context import context_of
from normkit.sphinxext.cover import cover_line
from normkit.versions.changes import collect_changes
from normkit.versions.compare import all_deleted, redline
from normkit.versions.wording import change_list_node

#: The folder of a redline build's sources (beside index.rst) holding the files of the old
#: edition's figures that the new sources no longer have as they were (see
#: normkit.versions.redline_build): the deleted side of a figure shows the old drawing.
OLD_FIGURES = "_redline_old"

#: The old editions this process's redline builds wait for, by the path their
#: ``normkit_redline_against`` names: how to get each when it is needed.
_AWAITED: dict[str, Callable[[], nodes.document]] = {}


@contextmanager
def awaiting(against: Path, old: Callable[[], nodes.document]) -> Iterator[None]:
    """Within this block, a redline build of this process whose
    ``normkit_redline_against`` is ``against`` takes its old edition from ``old()``
    (which may wait for it to be read, and must give a fresh copy at each call)
    instead of reading the file: the old edition is read while the new one is."""
    _AWAITED[str(against)] = old
    try:
        yield
    finally:
        _AWAITED.pop(str(against), None)


def old_edition(against: str) -> nodes.document:
    """The old edition named by ``normkit_redline_against``, a fresh copy."""
    waiting = _AWAITED.get(against)
    return waiting() if waiting is not None else pickle.loads(Path(against).read_bytes())


class ApplyRedline(SphinxPostTransform):
    """Replaces the resolved document by its redline against the old edition."""

    default_priority = 880  # after every reference is resolved (ReferencesResolver: 10)

    def is_supported(self) -> bool:
        """Not in the reading the formats of an edition share (the read-only builder):
        each format's writing marks its own copy, and nothing reads that one."""
        return self.env._builder_cls.name != READ_ONLY  # as Sphinx's own test does

    def run(self, **kwargs: Any) -> None:
        if not hasattr(self.env, "normkit"):
            return
        ctx = context_of(self.env)
        settings = ctx.config
        if settings.redline_deleted:  # the new version has no such standard
            marked = all_deleted(self.document)
        elif settings.redline_against:
            old = old_edition(settings.redline_against)
            digest_images(self.document, Path(self.env.srcdir))  # figures compare by content
            marked = redline(old, self.document, copy=False)  # the document becomes it
        else:
            return
        for image in marked.findall(nodes.image):  # the HTML builder copies them too
            if image.get("uri", "").startswith(f"{OLD_FIGURES}/"):
                self.env.images.add_file(self.env.docname, image["uri"])
        changes = collect_changes(marked)
        labels = ctx.labels
        old_label = settings.redline_old or marked.get("redline_old", "")
        new_label = settings.redline_new or marked.get("redline_new", "")
        listing = change_list_node(changes, labels, old_label, new_label)
        cover = next((i for i, c in enumerate(marked.children) if isinstance(c, nk.cover)), -1)
        if cover >= 0:  # the cover says it is a redline, not the edition it compares
            lines = marked.children[cover]
            issue = (i for i, c in enumerate(lines.children) if c.get("field") == "issue")
            line = cover_line("version", labels.changes("cover", old=old_label, new=new_label))
            lines.insert(next(issue, len(lines.children)), line)
        marked.insert(cover + 1, listing)
        self.document["redline_old"], self.document["redline_new"] = old_label, new_label
        self.document["redline_author"] = settings.redline_author
        self.document["redline_date"] = settings.redline_date
        report = settings.redline_report
        if report:  # for normkit diff's summary, from the same comparison
            data = [change.as_dict() for change in changes]
            write_atomic(Path(report), json.dumps(data, ensure_ascii=False))
        for node in self.document.findall(nodes.Element):  # the document knows its ids
            for node_id in node["ids"]:
                self.document.ids.setdefault(node_id, node)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the transform (its settings are normkit_redline_* of NormkitConfig)."""
    app.add_post_transform(ApplyRedline)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
