"""Punctuation: full-width in Chinese text, half-width in English text
(GB/T 1.1-2020 9.1 with GB/T 15834; ISO/IEC Directives Part 2, 6.6)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from normkit.checks.lint import Finding, LintContext
from normkit.checks.rules.catalogs import translations

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# A half-width mark touching a Chinese character, or brackets around Chinese words.
_HALF_IN_ZH = re.compile(
    rf"[{_CJK}][,;:!?]|[,;:!?][{_CJK}]|[{_CJK}]\.(?![\d\w])|\([^()]*[{_CJK}][^()]*\)"
)
_FULL_IN_EN = re.compile("[，。：；（）、！？]")


def zh_punctuation(context: LintContext) -> Iterator[Finding]:
    """Half-width punctuation in Chinese text."""
    for para in context.paragraphs():
        found = _HALF_IN_ZH.search(context.text(para))
        if found:
            yield Finding(f"half-width punctuation in Chinese text: “{found.group(0)}”", para)


def en_punctuation(context: LintContext) -> Iterator[Finding]:
    """Full-width punctuation in English text: the master, or an English translation."""
    if context.language.startswith("en"):
        for para in context.paragraphs():
            found = _FULL_IN_EN.search(context.text(para))
            if found:
                yield Finding(f"full-width punctuation in English text: “{found.group(0)}”", para)
    for path, language, message in translations(context):
        if language.startswith("en"):
            found = _FULL_IN_EN.search(str(message.string))
            if found:
                yield Finding(
                    f"full-width punctuation in the English translation: “{found.group(0)}”",
                    path=path,
                    line=message.lineno,
                )
