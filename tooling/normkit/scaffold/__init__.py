"""Starting things: a new standards repository (``init_repository``) and a new standard
in it (``new_standard``), both from templates a standards body edits.

The files they write come from normkit's ``templates/repository/`` (package data) and
the repository's ``templates/standard/`` (else normkit's); nothing they write overwrites
a file. ``init`` names in requirements.txt where the running normkit came from
(:mod:`normkit.scaffold.origin`), so that CI installs the same one.
"""

from normkit.scaffold.init_repo import InitOptions, init_repository
from normkit.scaffold.new_standard import NewOptions, new_standard
from normkit.scaffold.render import ScaffoldError

__all__ = ["InitOptions", "NewOptions", "ScaffoldError", "init_repository", "new_standard"]
