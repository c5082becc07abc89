"""Verbal forms: where provisions may stand and which words state them
(GB/T 1.1-2020 Annex C and 8.2–8.4, 9.5, 9.6; ISO/IEC Directives Part 2, 7 and 12–14, 24, 25)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from normkit.checks.lint import Finding, LintContext
from normkit.sphinxext.provisions import (
    _where_provisions_are_barred,
    forbidden_forms,
    provisions_in,
)

#: Kinds of provision that may not appear where the rules say "no provisions".
NORMATIVE = ("requirement", "recommendation", "permission")

# 应不/宜不 followed by a verb: the negation belongs before the verbal form (不应, 不宜).
# Comparatives and adverbs read correctly after 应 (应不少于, 应不断, 宜不定期), and so does
# a 不可 adjective (应不可篡改: "shall be tamper-proof").
_MISPLACED = re.compile(r"(应|宜)不(?![少低大小超高多晚早迟短长宽窄轻重足断定间同可])")


def provision_in_informative(context: LintContext) -> Iterator[Finding]:
    """No requirement, recommendation or permission in the foreword, introduction, scope,
    notes or examples."""
    for para in context.paragraphs():
        kinds = [k for k in provisions_in(context.text(para), context.language) if k in NORMATIVE]
        where = _where_provisions_are_barred(para) if kinds else None
        if where:
            yield Finding(f"{' and '.join(kinds)} in {where.split(' (')[0]}", para)


def forbidden_verbal_form(context: LintContext) -> Iterator[Finding]:
    """必须, 不得, 不可 (Chinese) and "must" (English) in place of 应/不应, shall/shall not."""
    for para in context.paragraphs():
        for form in forbidden_forms(context.text(para), context.language):
            yield Finding(
                f"{form.word!r} is no verbal form of a standard: write {form.instead!r} for a "
                f"{form.kind}",
                para,
            )


def misplaced_negation(context: LintContext) -> Iterator[Finding]:
    """应不/宜不 where 不应/不宜 is meant."""
    for para in context.paragraphs():
        for found in _MISPLACED.finditer(context.text(para)):
            form = found.group(1)
            yield Finding(
                f"'{form}不…': the negation stands before the verbal form, 不{form}", para
            )
