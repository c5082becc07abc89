"""Roles: ``:std:`` (another standard), ``:xref:`` (a label), ``:term:`` (a term entry)."""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx import addnodes
from sphinx.util.docutils import ReferenceRole

from normkit.diagnostics import warn
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.context import context_of
from normkit.system.citations import parse_target


class StandardRole(ReferenceRole):
    """``:std:`T/XQZC 1102``` (undated) or ``:std:`T/XQZC 1102—2026``` (dated)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        ctx = context_of(self.env)
        cited = parse_target(self.target)
        number, year = cited.number, cited.year
        system = ctx.system
        entry = system.entry(number)
        standard = system.standard(number)
        where = (self.env.docname, self.lineno)
        if entry is None and standard is None:
            known = ", ".join(sorted(system.standards)) or "none"
            warn(
                "unknown-standard",
                f"unknown standard {number!r}: it is not in the framework of this system "
                f"(drafted standards: {known})",
                where,
                hint="correct the number, or add the standard to standards/framework.toml",
                error=True,
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        if year and standard and standard.year and int(year) not in standard.citable_years:
            warn(
                "dated-reference",
                f"{number} was issued in {standard.year}, not {year}",
                where,
                hint=f"cite {number}—{standard.year}",
            )
        status = standard.status if standard else entry.status
        if status in ("withdrawn", "superseded") and not year:
            # An undated reference means the latest edition: there is none in force.
            by = standard.superseded_by if standard else ""
            warn(
                "cited-status",
                f"{number} is {status}",
                where,
                hint=(f"cite {by} instead, or " if by else "")
                + "cite the edition meant with its year",
            )
        text = self.title if self.has_explicit_title else (f"{number}—{year}" if year else number)
        title = system.title_of(number, ctx.language) or ""
        ref = nk.std_reference(
            self.rawtext,
            text,
            number=number,
            year=year or "",
            slug=standard.slug if standard else "",
            title=title,
            reftitle=f"{number} {title}",
            classes=["nk-std"],
        )
        if standard:  # planned standards have no page yet
            ref["refuri"] = ctx.link_to_standard(number, dated=bool(year))
        return [ref], []


def _pending(reftype: str):
    """A role making a pending_xref of the nk domain; ``text <target>`` is allowed."""

    def role(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: dict | None = None,
        content: list | None = None,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        explicit = re.match(r"^(.+?)\s*<(.+)>$", text, re.DOTALL)
        title, target = (explicit.group(1), explicit.group(2)) if explicit else (text, text)
        node = addnodes.pending_xref(
            rawtext,
            nodes.inline(title, title),
            refdomain="nk",
            reftype=reftype,
            reftarget=target.strip(),
            refexplicit=bool(explicit),
            refwarn=True,
        )
        node.source, node.line = inliner.reporter.source, lineno
        return [node], []

    return role


xref_role = _pending("xref")
term_role = _pending("term")
