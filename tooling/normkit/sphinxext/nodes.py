"""The nodes of a standard's document model.

Each node subclasses the docutils node it looks like (a container, a paragraph, an
inline), so a writer that knows nothing of normkit still renders it sensibly, while
the HTML, PDF and DOCX writers dispatch on the normkit class to style it. Generated
words (numbers, "表1", "注1：") are ``generated_text`` inline nodes inside the titles and
paragraphs they label, so every writer prints exactly the same labels.
"""

from __future__ import annotations

from docutils import nodes


class generated_text(nodes.inline):
    """Text normkit wrote (a number or label), never in the source nor in a catalog.

    ``kind`` says what it labels: clause, annex, annex-status, table, figure, note,
    example, term, note-to-entry.
    """


class bilingual_pair(nodes.container):
    """A master block and its translation, in that order (attribute ``language``)."""


class translation(nodes.inline):
    """The translation of a title or caption, after the master text (bilingual edition)."""


class cover(nodes.container):
    """The cover: number, classification, titles, dates, issuing body, status.

    Attributes: ``number``, ``status``, ``version``, ``language``. Children are
    paragraphs in reading order, each with a ``field`` attribute saying which line it
    is: ics, ccs, kind, number, replaces, title, title-other (with ``lang``), status,
    draft-notice, version, issue, implementation, body. Writers read ``field``; the
    ``nk-cover-<field>`` class is there for style sheets.
    """


class foreword(nodes.section):
    """The foreword (前言): unnumbered, no subdivision, fixed sentences generated."""


class introduction(nodes.section):
    """The introduction (引言): unnumbered."""


class normative_references(nodes.container):
    """The list of normative references with its fixed lead-in sentence."""


class bibliography(nodes.section):
    """The bibliography (参考文献): informative sources, unnumbered."""


class reference_item(nodes.paragraph):
    """One document of a normative-reference or bibliography list.

    Attributes: ``number`` (as cited), ``dated`` (bool), ``internal`` (a standard of
    this system).
    """


class term_entry(nodes.container):
    """A term entry: ``term_head``, definition paragraphs, notes to entry, ``term_source``.

    Attributes: ``term`` (the preferred term of the master language), ``number``.
    """


class term_head(nodes.paragraph):
    """The preferred term, abbreviation and equivalents (the number has its own line)."""


class term_preferred(nodes.strong):
    """The preferred term in the edition's language."""


class term_equivalent(nodes.inline):
    """The term in another language (attribute ``language``)."""


class term_source(nodes.paragraph):
    """ "［来源：…］" / "[SOURCE: …]" of a term entry."""


class std_note(nodes.container):
    """A note (注 / NOTE), numbered within its clause; ``number`` is "" for a lone one."""


class std_example(nodes.container):
    """An example (示例 / EXAMPLE), numbered within its clause."""


class annex_marker(nodes.Element):
    """Left by ``.. annex::``; the numbering transform turns the next section into an annex."""


class std_reference(nodes.reference):
    """A citation of another standard of the system (``:std:``).

    Attributes: ``number``, ``year`` (dated citations), ``slug``, ``title``.
    """


class term_reference(nodes.reference):
    """A reference to a term entry of this standard (``:term:``)."""


class clause_reference(nodes.reference):
    """A cross-reference (``:xref:``) that prints a localised label."""


# --- Redline: what changed between two editions (made by normkit.versions) ---------
#
# A redline document is the new edition's doctree in which the diff engine has marked
# what changed against the old edition. The writers render it like any edition:
#
# - ``redline_insert`` / ``redline_delete``: inline runs of words inserted into or
#   deleted from an aligned element (a paragraph, a title, a table cell ...).
# - The attribute ``redline`` on any body element (section, paragraph, list item, table
#   row or cell, figure, term_entry, reference_item, std_note ...) says the whole element
#   changed: "inserted", "deleted", "moved-from" or "moved-to"; a moved element also has
#   ``redline_move`` (one id shared by its old and new place). A deleted or moved-from
#   element sits where it stood in the old edition, in the old edition's words.
# - The root ``document`` of a redline carries ``redline_old`` and ``redline_new`` (the
#   version labels, e.g. "1.0" and "1.1"), ``redline_author`` and ``redline_date``
#   (ISO 8601, from git), which a DOCX writer puts on its revisions.
# - ``change_list`` (placed after the cover) lists the changes, one ``change_item``
#   each, whose ``refid`` points to the changed element in the redline.


class redline_insert(nodes.inline):
    """Words the new edition inserted into an aligned element."""


class redline_delete(nodes.inline):
    """Words of the old edition deleted from an aligned element."""


class change_list(nodes.container):
    """The list of changes of a redline, after the cover (attributes ``old``, ``new``)."""


class change_item(nodes.paragraph):
    """One change: ``kind`` (added, deleted, modified, moved), ``element`` (clause, term,
    requirement, table, figure, reference, annex ...), ``old_number`` / ``new_number``
    (the clause numbers in each edition, "" where absent) and ``refid``."""


ALL_NODES = (
    generated_text,
    bilingual_pair,
    translation,
    cover,
    foreword,
    introduction,
    normative_references,
    bibliography,
    reference_item,
    term_entry,
    term_head,
    term_preferred,
    term_equivalent,
    term_source,
    std_note,
    std_example,
    annex_marker,
    std_reference,
    term_reference,
    clause_reference,
    redline_insert,
    redline_delete,
    change_list,
    change_item,
)
