"""Names of normkit's directives and roles, shared by the extension and the syntax check."""

DIRECTIVES = (
    "foreword",
    "introduction",
    "normative-references",
    "term",
    "example",
    "annex",
    "bibliography",
    "technical-changes",
)
ROLES = ("xref", "term", "std")
