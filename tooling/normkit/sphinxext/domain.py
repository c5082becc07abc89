"""The ``nk`` domain: labels and terms of a standard, and how references resolve."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.context import context_of
from normkit.sphinxext.labels import Labels, load_labels


def _labels_at(node: nodes.Node, env: BuildEnvironment) -> Labels:
    """The label table for a reference at ``node``: the edition's, except inside the
    translation half of the bilingual edition, which is marked with its ``lang``
    ("Table 3" there, "表3" beside it)."""
    ctx = context_of(env)
    parent: nodes.Node | None = node
    while parent is not None:
        language = parent.get("lang") if isinstance(parent, nodes.Element) else None
        if language:
            return ctx.labels if language == ctx.language else load_labels(ctx.root, language)
        parent = parent.parent
    return ctx.labels


class StandardDomain(Domain):
    """Holds ``labels`` (name → docname, id, kind, number) and ``terms``."""

    name = "nk"
    label = "normkit"
    initial_data: dict[str, Any] = {"labels": {}, "terms": {}}
    dangling_warnings = {
        "xref": "unknown label %(target)r: no clause, table, figure, annex or term has it "
        "(put `.. _%(target)s:` before a section, or :name: on a table or figure)",
        "term": "unknown term %(target)r: no term entry of this standard has it "
        "(add a `.. term::` entry or correct the spelling)",
    }

    @property
    def labels(self) -> dict[str, tuple[str, str, str, str]]:
        return self.data["labels"]

    @property
    def terms(self) -> dict[str, tuple[str, str, str]]:
        return self.data["terms"]

    def note_label(self, name: str, docname: str, node_id: str, kind: str, number: str) -> None:
        """Record that ``name`` labels a numbered element."""
        self.labels[name] = (docname, node_id, kind, number)

    def note_term(self, term: str, docname: str, node_id: str, number: str) -> None:
        """Record a term entry under its preferred term (and equivalents)."""
        self.terms[term] = (docname, node_id, number)

    def clear_doc(self, docname: str) -> None:
        for table in (self.labels, self.terms):
            for key in [k for k, v in table.items() if v[0] == docname]:
                del table[key]

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for key in ("labels", "terms"):
            for name, value in otherdata[key].items():
                if value[0] in docnames:
                    self.data[key][name] = value

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ == "xref":
            found = self.labels.get(target)
            if not found:
                return None
            docname, node_id, kind, number = found
            text = _labels_at(node, env).label(kind, number)
            if node.get("refexplicit"):
                text = contnode.astext()
            ref = nk.clause_reference("", text, internal=True, classes=["nk-xref", f"nk-{kind}"])
        elif typ == "term":
            found = self.terms.get(target)
            if not found:
                # A term of a `.. glossary::` (ordinary Sphinx markup): Sphinx's own
                # resolution, since our :term: role replaces its role.
                return env.domains.standard_domain.resolve_xref(
                    env, fromdocname, builder, "term", target, node, contnode
                )
            docname, node_id, _number = found
            ref = nk.term_reference("", contnode.astext(), internal=True, classes=["nk-termref"])
        else:
            return None
        if docname == fromdocname:
            ref["refid"] = node_id
        else:
            ref["refuri"] = builder.get_relative_uri(fromdocname, docname) + "#" + node_id
        return ref

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []
