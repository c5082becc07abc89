"""The drafting rules, each a small function naming the clause it enforces.

:data:`ALL` lists them in the order ``normkit check`` runs them; ``normkit check
--rules`` prints the table (name, severity, clause, fix).
"""

from normkit.checks.rule import Rule
from normkit.system import Severity

W, E = Severity.WARNING, Severity.ERROR

ALL = (
    Rule(
        "provision-in-informative",
        E,
        "GB/T 1.1-2020 8.2, 8.3, 8.4.1, 9.5, 9.6; ISO/IEC Directives Part 2, 12–14, 24, 25",
        "state it as a fact, or move the provision into a technical clause",
        "verbal_forms.provision_in_informative",
    ),
    Rule(
        "forbidden-verbal-form",
        E,
        "GB/T 1.1-2020 Annex C; ISO/IEC Directives Part 2, 7",
        "use 应/不应 (shall/shall not) for requirements",
        "verbal_forms.forbidden_verbal_form",
    ),
    Rule(
        "misplaced-negation",
        E,
        "GB/T 1.1-2020 Annex C, Tables C.1–C.2",
        "write 不应 / 不宜 before the verb",
        "verbal_forms.misplaced_negation",
        chinese_only=True,
    ),
    Rule(
        "element-order",
        W,
        "GB/T 1.1-2020 6.1, Table 1; ISO/IEC Directives Part 2, 6.1",
        "put the elements in the order of templates/standard/ (normkit new)",
        "structure.element_order",
    ),
    Rule(
        "lead-in",
        W,
        "GB/T 1.1-2020 8.4.2, 8.5.2; ISO/IEC Directives Part 2, 15.5, 16.5",
        "delete the sentence: normkit writes the fixed lead-in",
        "structure.lead_in",
    ),
    Rule(
        "lone-subclause",
        W,
        "GB/T 1.1-2020 7.3; ISO/IEC Directives Part 2, 22.3.2",
        "add a second subclause, or merge this one into its clause",
        "structure.lone_subclause",
    ),
    Rule(
        "hanging-paragraph",
        W,
        "GB/T 1.1-2020 7.5; ISO/IEC Directives Part 2, 22.3.3",
        'put the text into a subclause of its own (e.g. "General")',
        "structure.hanging_paragraph",
    ),
    Rule(
        "term-unused",
        W,
        "GB/T 1.1-2020 8.5.1; ISO/IEC Directives Part 2, 16.5.1",
        "use the term in the text, or delete its entry",
        "terms.term_unused",
    ),
    Rule(
        "term-undefined",
        E,
        "GB/T 1.1-2020 8.5.1; ISO/IEC Directives Part 2, 16.5.1",
        "define the term in clause 3, or correct the :term: target",
        "terms.term_undefined",
    ),
    Rule(
        "reference-uncited",
        W,
        "GB/T 1.1-2020 8.4.2; ISO/IEC Directives Part 2, 15.2",
        "cite it where it applies, or move it to the bibliography",
        "references.reference_uncited",
    ),
    Rule(
        "reference-unlisted",
        W,
        "GB/T 1.1-2020 8.4.2, 9.4.2; ISO/IEC Directives Part 2, 15.2",
        "list the document in clause 2 (.. normative-references::)",
        "references.reference_unlisted",
    ),
    Rule(
        "withdrawn-citation",
        W,
        "GB/T 1.1-2020 9.4.2.3; ISO/IEC Directives Part 2, 10.4",
        "cite the standard that replaces it, or cite undated",
        "references.withdrawn_citation",
    ),
    Rule(
        "zh-punctuation",
        W,
        "GB/T 1.1-2020 9.1; GB/T 15834-2011",
        "use full-width punctuation in Chinese text (，；：（）。)",
        "punctuation.zh_punctuation",
        chinese_only=True,
    ),
    Rule(
        "en-punctuation",
        W,
        "ISO/IEC Directives Part 2, 6.6",
        "use half-width punctuation in English text (, ; : ( ) .)",
        "punctuation.en_punctuation",
    ),
    Rule(
        "translation-verbal-form",
        W,
        "GB/T 1.1-2020 Annex C; ISO/IEC Directives Part 2, 7",
        "translate 应 as shall, 宜 as should, 可 as may (and the negatives alike)",
        "translation.translation_verbal_form",
    ),
)
