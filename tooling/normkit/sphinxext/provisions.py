"""Provisions and their verbal forms (GB/T 1.1-2020 Annex C; ISO/IEC Directives Part 2, 7).

Every paragraph is tagged with the kinds of provision it states (``provisions``
attribute: requirement, recommendation, permission, possibility), so that checks
and reports can count and lint them; and the drafting rules on verbal forms are
checked where they apply:

- 必须 is not used for a requirement (use 应), nor 不得 / 不可 for a prohibition
  (use 不应) — GB/T 1.1-2020 Annex C, Table C.1; nor "must" for "shall" — ISO/IEC
  Directives Part 2, 7 (:func:`forbidden_forms`, which ``check`` uses too);
- the foreword, introduction, scope, notes and examples state no requirement,
  recommendation or permission — GB/T 1.1-2020 8.2, 8.3, 8.4.1, 9.5, 9.6;
  ISO/IEC Directives Part 2, 12, 13, 14, 24, 25.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes
from sphinx.transforms import SphinxTransform

from normkit.diagnostics import warn
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import ancestors, within
from normkit.sphinxext.context import context_of

# Chinese verbal forms, with the common words that merely contain the character
# (相应, 应用, 适宜, 可靠, 功能 …) excluded; 可 before one or two characters and 的 is an
# attribute (可验证的数据, 可复用的设备: "verifiable", "reusable"), no permission, and
# so is 应 there (应接收的数据条数: the records due).
_ZH = {
    # 应对 in a standard is 应 + 对 ("应对数据进行检查"), 理应 a word ending 管理/处理 + 应.
    "requirement": re.compile(
        r"(?<![相对响适供反效回呼感照答])应(?![用急答变力当]|[\u4e00-\u9fff]{1,2}的)"
    ),
    "recommendation": re.compile(r"(?<![适便])宜(?![居人])"),
    "permission": re.compile(
        r"不必|(?<![许认不])可(?!能|靠|视|信|控|行|逆|追溯|扩展|用性|读|维护|见|再生|燃|接受|调|持续|信赖|观|度|溯|变|测|编程|量化|比|穿戴|插拔|直接插拔|拆卸|[\u4e00-\u9fff]{1,2}的)"
    ),
    "possibility": re.compile(r"(?<![功智性节效技储动本体产职赋])能(?![力源耗效量])|可能"),
}
_EN = {
    "requirement": re.compile(r"\bshall\b|\bmust\b", re.IGNORECASE),
    "recommendation": re.compile(r"\bshould\b", re.IGNORECASE),
    "permission": re.compile(r"\bmay\b|\bneed not\b", re.IGNORECASE),
    "possibility": re.compile(r"\bcan(?:not)?\b|\bcan't\b", re.IGNORECASE),
}
#: 不可 + one or two characters, then the end of a phrase or 的/地/性/时, is an adjective
#: (数据不可篡改。不可逆的过程, 不可用时): a property of a thing, not a prohibition
#: addressed to someone (人员不可进入机房). 必不可少, 不可或缺, 不可抗力 are idioms, 不可能
#: the possibility form (GB/T 1.1-2020 Table C.4), and after 应/宜 the 不可 form is the
#: property required or recommended (日志应不可篡改).
_PROPERTY = r"能|少|或缺|抗力|[\u4e00-\u9fff]{1,2}(?:[的地性时，。；：、）)]|\s|$)"


@dataclass(frozen=True)
class ForbiddenForm:
    """A word written where a standard uses a verbal form of its own."""

    word: str  # as written: 必须, 不得, 不可, must
    instead: str  # what to write: 应, 不应, shall
    kind: str  # what it states: a requirement, a prohibition
    clause: str  # the rule it breaks


_ANNEX_C = "GB/T 1.1-2020 Annex C"
_FORBIDDEN = {
    "zh": (
        (re.compile("必须"), ForbiddenForm("必须", "应", "requirement", _ANNEX_C)),
        (re.compile("不得"), ForbiddenForm("不得", "不应", "prohibition", _ANNEX_C)),
        (
            re.compile(rf"(?<![必应宜])不可(?!{_PROPERTY})"),
            ForbiddenForm("不可", "不应", "prohibition", _ANNEX_C),
        ),
    ),
    "en": (
        (
            re.compile(r"\bmust\b", re.IGNORECASE),
            ForbiddenForm("must", "shall", "requirement", "ISO/IEC Directives Part 2, 7"),
        ),
    ),
}


def forbidden_forms(text: str, language: str) -> list[ForbiddenForm]:
    """The words of ``text`` that state a provision in a form standards do not use
    (必须, 不得, 不可 as a prohibition; "must"): the one detector of the build's
    warnings and of ``check``'s rule forbidden-verbal-form."""
    patterns = _FORBIDDEN["zh" if language.startswith("zh") else "en"]
    return [form for pattern, form in patterns if pattern.search(text)]


#: Kinds of provision that may not appear where the rules say "no provisions".
_NORMATIVE = ("requirement", "recommendation", "permission")


def provisions_in(text: str, language: str) -> list[str]:
    """The kinds of provision ``text`` states, by its verbal forms."""
    forms = _ZH if language.startswith("zh") else _EN
    return [kind for kind, pattern in forms.items() if pattern.search(text)]


def _where_provisions_are_barred(node: nodes.Node) -> str | None:
    for parent in ancestors(node, include_self=True):
        if isinstance(parent, nk.foreword):
            return "the foreword (GB/T 1.1-2020 8.3)"
        if isinstance(parent, nk.introduction):
            return "the introduction (GB/T 1.1-2020 8.4.1)"
        if isinstance(parent, nk.std_note):
            return "a note (GB/T 1.1-2020 9.5)"
        if isinstance(parent, nk.std_example):
            return "an example (GB/T 1.1-2020 9.6)"
        if isinstance(parent, nodes.section) and parent.get("nk_number") == "1":
            return "the scope (GB/T 1.1-2020 8.2)"
    return None


class MarkProvisions(SphinxTransform):
    """Tags paragraphs with their provisions and checks the verbal-form rules."""

    default_priority = 420  # after numbering (400): the scope is known as clause 1

    def apply(self, **kwargs: object) -> None:
        if not hasattr(self.env, "normkit"):
            return
        language = context_of(self.env).language
        for para in self.document.findall(nodes.paragraph):
            if isinstance(para, (nk.term_head, nk.term_source, nk.reference_item)):
                continue
            text = "".join(t.astext() for t in para.findall(nodes.Text) if not _generated(t))
            kinds = provisions_in(text, language)
            if kinds:
                para["provisions"] = kinds
            for form in forbidden_forms(text, language):
                self._warn(
                    f"{form.word!r}: write {form.instead} for a {form.kind}, not {form.word} "
                    f"({form.clause})",
                    para,
                )
            barred = [k for k in kinds if k in _NORMATIVE]
            where = _where_provisions_are_barred(para) if barred else None
            if where:
                self._warn(
                    f"{' and '.join(barred)} in {where}, which states no provisions: "
                    "move it into a clause, or reword it as a statement",
                    para,
                )

    def _warn(self, message: str, node: nodes.Node) -> None:
        warn("verbal-form", message, node)


def _generated(text: nodes.Text) -> bool:
    return within(text, nk.generated_text)
