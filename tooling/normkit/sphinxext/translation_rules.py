"""What a translation may change: the words and the inline markup its master text has.

Translations come from outside translators. A translated segment (a msgstr) is parsed
as reStructuredText, so without a rule it could bring what the master text never had:
a directive (``.. literalinclude::``, ``.. csv-table:: :url:``), a role that reaches a
file (``:download:``), a new link target or substitution. :func:`markup_refusals`
says what a msgstr adds; ``normkit check`` reports it with the catalog's line
(normkit.i18n.validate) and the build keeps the master text of such a segment and
fails the edition (normkit.sphinxext.translate).
"""

from __future__ import annotations

import re
from collections import Counter

# Explicit markup starts a line with ".. ": directives, comments, targets, footnotes.
_EXPLICIT = re.compile(r"^\s*\.\.(\s|$)", re.MULTILINE)
_ROLE = re.compile(r":([A-Za-z][\w.+-]*):`([^`]*)`")
_EMBEDDED = re.compile(r"<([^<>`]+)>`_{1,2}")
# An escaped bar (``\|x\|``, an absolute value) is text, not a substitution.
_SUBSTITUTION = re.compile(r"(?<!\\)\|([^|\s][^|]*?)(?<!\\)\|")
#: Roles whose target is a file or a document: the translation keeps it as it is.
_FILE_ROLES = ("download", "doc", "literalinclude")


def _explicit_lines(text: str) -> Counter[str]:
    return Counter(
        line.strip() for line in text.splitlines() if _EXPLICIT.match(line) and line.strip()
    )


def markup_refusals(msgid: str, msgstr: str) -> list[str]:
    """What ``msgstr`` adds to the markup of ``msgid`` (empty when it adds nothing)."""
    found: list[str] = []
    for line in (_explicit_lines(msgstr) - _explicit_lines(msgid)).elements():
        found.append(f"the translation adds the explicit markup {line!r}")
    master_roles = Counter(role for role, _body in _ROLE.findall(msgid))
    for role in (Counter(role for role, _ in _ROLE.findall(msgstr)) - master_roles).elements():
        found.append(f"the translation adds a :{role}: role, which the master text lacks")
    for role in _FILE_ROLES:
        theirs = Counter(body for r, body in _ROLE.findall(msgstr) if r == role)
        ours = Counter(body for r, body in _ROLE.findall(msgid) if r == role)
        for body in (theirs - ours).elements():
            found.append(f"the translation changes the target of :{role}:`{body}`")
    for target in Counter(_EMBEDDED.findall(msgstr)) - Counter(_EMBEDDED.findall(msgid)):
        found.append(f"the translation adds the link target <{target}>")
    for name in set(_SUBSTITUTION.findall(msgstr)) - set(_SUBSTITUTION.findall(msgid)):
        found.append(f"the translation adds the substitution |{name}|")
    return list(dict.fromkeys(found))
