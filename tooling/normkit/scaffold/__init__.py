"""Starting things: a new standards repository (``init_repository``) and a new standard
in it (``new_standard``), both from templates a standards body edits.

The files they write come from ``templates/repository/`` (of the normkit toolkit) and
``templates/standard/`` (of the repository itself); nothing they write overwrites a file.
"""

from normkit.scaffold.init_repo import InitOptions, init_repository
from normkit.scaffold.new_standard import NewOptions, new_standard
from normkit.scaffold.render import ScaffoldError

__all__ = ["InitOptions", "NewOptions", "ScaffoldError", "init_repository", "new_standard"]
