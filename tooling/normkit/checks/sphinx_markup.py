"""The directives and roles a Sphinx build of a standard accepts, by name.

The syntax check parses with docutils alone (fast, no Sphinx application), so it must
be told which names Sphinx adds; otherwise ``check`` reports as unknown what the build
accepts (``:samp:``, ``.. glossary::``, ``.. versionadded::``, ``:c:func:`` …).
Domain names are read from Sphinx's domain classes; the few directives Sphinx
registers outside its domains are listed from its modules.
"""

from __future__ import annotations

from functools import cache

from sphinx.domains.c import CDomain
from sphinx.domains.cpp import CPPDomain
from sphinx.domains.javascript import JavaScriptDomain
from sphinx.domains.python import PythonDomain
from sphinx.domains.rst import ReSTDomain
from sphinx.domains.std import StandardDomain
from sphinx.roles import generic_docroles, specific_docroles

#: Domains whose names also work without their prefix: ``std`` always, ``py`` as the
#: default domain.
_BARE_DOMAINS = ("std", "py")

#: Directives outside the domains (sphinx.directives, .other, .code, .patches,
#: sphinx.domains.changeset and .index).
_DIRECTIVES = (
    "default-role", "default-domain", "describe", "object",
    "toctree", "sectionauthor", "moduleauthor", "codeauthor", "tabularcolumns",
    "centered", "acks", "hlist", "only", "cssclass", "rst-class", "seealso",
    "highlight", "code-block", "sourcecode", "literalinclude",
    "versionadded", "version-added", "versionchanged", "version-changed",
    "deprecated", "version-deprecated", "versionremoved", "version-removed", "index",
)  # fmt: skip

#: Roles outside the domains and the docroles tables.
_ROLES = ("index", "eq", "numref")

#: Directives whose content is not reStructuredText (code, grammar, LaTeX, file
#: names): the check must not parse it.
LITERAL_DIRECTIVES = (
    "code-block", "sourcecode", "code", "highlight", "literalinclude", "math",
    "productionlist", "std:productionlist", "tabularcolumns", "toctree", "index",
)  # fmt: skip


@cache
def sphinx_directives_and_roles() -> tuple[frozenset[str], frozenset[str]]:
    """Every directive name and every role name a Sphinx build accepts."""
    directives, roles = set(_DIRECTIVES), {*_ROLES, *generic_docroles, *specific_docroles}
    domains = (StandardDomain, PythonDomain, CDomain, CPPDomain, JavaScriptDomain, ReSTDomain)
    for domain in domains:
        directives.update(f"{domain.name}:{name}" for name in domain.directives)
        roles.update(f"{domain.name}:{name}" for name in domain.roles)
        if domain.name in _BARE_DOMAINS:
            directives.update(domain.directives)
            roles.update(domain.roles)
    return frozenset(directives), frozenset(roles)
