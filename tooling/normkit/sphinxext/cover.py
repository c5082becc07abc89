"""The cover of a standard, made from its metadata (GB/T 1.1-2020 8.1, ISO Directives 2 11)."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.context import StandardContext, context_of


def cover_line(name: str, text: str, **attrs: str) -> nodes.paragraph:
    """A cover line: ``field`` names what it is (writers dispatch on it); the class is
    for style sheets."""
    return nodes.paragraph(
        "", "", nk.generated_text(text, text), classes=[f"nk-cover-{name}"], field=name, **attrs
    )


def make_cover(ctx: StandardContext) -> nk.cover:
    """The cover node of the standard being built, in the edition's language."""
    std, labels, lang = ctx.standard, ctx.labels, ctx.language
    settings = ctx.system.settings
    cover = nk.cover(
        number=std.number,
        status=std.status,
        version=std.version,
        language=lang,
        ids=["cover"],
        classes=["nk-cover", f"nk-status-{std.status}"],
    )
    if std.ics:
        cover += cover_line("ics", labels.cover("ics", code=std.ics))
    if std.ccs:
        cover += cover_line("ccs", labels.cover("ccs", code=std.ccs))
    cover += cover_line("kind", settings.numbering.kind.get(lang, ""))
    cover += cover_line("number", std.dated_number)
    if ctx.replaced:
        joined = labels.label("list_sep").join(ctx.replaced)
        cover += cover_line("replaces", labels.cover("replaces", replaced=joined))
    cover += cover_line("title", ctx.title)
    for other in settings.all_languages:
        if other != lang and std.title.get(other):
            cover += cover_line("title-other", std.title[other], lang=other)
    if std.notice:
        cover += cover_line("status", ctx.status_line)
    if std.is_draft and std.draft_key != "draft_approval":
        # GB/T 1.1-2020 8.1: the drafts for comments and for review ask for patents.
        cover += cover_line("draft-notice", labels.cover("draft_notice"))
    # No "版本 1.0" line: a published cover has none (GB/T 1.1-2020 8.1); the version is
    # in the document's metadata and on the site.
    # A draft shows the date lines with placeholders, as GB drafts print them.
    unknown = labels.cover("date_unknown")
    issue = labels.date(std.issue_date) if std.issue_date else unknown
    implementation = labels.date(std.implementation_date) if std.implementation_date else unknown
    cover += cover_line("issue", labels.cover("issue", date=issue))
    cover += cover_line("implementation", labels.cover("implementation", date=implementation))
    cover += cover_line("body", labels.cover("body", body=settings.issuing_body_in(lang)))
    return cover


class InsertCover(SphinxTransform):
    """Puts the cover first in the document of a standard."""

    default_priority = 410

    def apply(self, **kwargs: object) -> None:
        if hasattr(self.env, "normkit") and self.env.docname == self.config.root_doc:
            self.document.insert(0, make_cover(context_of(self.env)))
