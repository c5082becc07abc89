"""Verbal forms: where provisions may stand and which words state them
(GB/T 1.1-2020 Annex C and 8.2–8.4, 9.5, 9.6; ISO/IEC Directives Part 2, 7 and 12–14, 24, 25)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from normkit.checks.lint import Finding, LintContext, authored_text
from normkit.sphinxext.provisions import _where_provisions_are_barred, provisions_in

#: Kinds of provision that may not appear where the rules say "no provisions".
NORMATIVE = ("requirement", "recommendation", "permission")

# 不可 is a prohibition; 不可能 is the possibility form (GB/T 1.1-2020 Table C.4) and
# 必不可少 an idiom ("indispensable").
_FORBIDDEN_ZH = {
    re.compile("必须"): "必须 → 应",
    re.compile("不得"): "不得 → 不应",
    re.compile("不可(?![能少])"): "不可 → 不应",  # not 不可能, 必不可少
}
_MUST = re.compile(r"\bmust\b", re.IGNORECASE)
# 应不/宜不 followed by a verb: the negation belongs before the verbal form (不应, 不宜).
# Comparatives and adverbs read correctly after 应 (应不少于, 应不断, 宜不定期).
_MISPLACED = re.compile(r"(应|宜)不(?![少低大小超高多晚早迟短长宽窄轻重足断定间同])")


def provision_in_informative(context: LintContext) -> Iterator[Finding]:
    """No requirement, recommendation or permission in the foreword, introduction, scope,
    notes or examples."""
    for para in context.paragraphs():
        kinds = [k for k in provisions_in(authored_text(para), context.language) if k in NORMATIVE]
        where = _where_provisions_are_barred(para) if kinds else None
        if where:
            yield Finding(f"{' and '.join(kinds)} in {where.split(' (')[0]}", para)


def forbidden_verbal_form(context: LintContext) -> Iterator[Finding]:
    """必须, 不得, 不可 (Chinese) and "must" (English) in place of 应/不应, shall/shall not."""
    for para in context.paragraphs():
        text = authored_text(para)
        if context.chinese:
            for pattern, fix in _FORBIDDEN_ZH.items():
                if pattern.search(text):
                    yield Finding(
                        f"{fix.split(' ')[0]!r} is no verbal form of a standard: {fix}", para
                    )
        elif _MUST.search(text):
            yield Finding("'must' states a requirement: write 'shall'", para)


def misplaced_negation(context: LintContext) -> Iterator[Finding]:
    """应不/宜不 where 不应/不宜 is meant."""
    for para in context.paragraphs():
        for found in _MISPLACED.finditer(authored_text(para)):
            form = found.group(1)
            yield Finding(
                f"'{form}不…': the negation stands before the verbal form, 不{form}", para
            )
