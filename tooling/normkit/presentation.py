"""Where a repository's presentation and configuration come from.

A standards repository made by ``normkit init`` holds its own editable copy of normkit's
templates (``templates/``: HTML theme, print style sheet, Word styles, the generated
words of each language, the skeleton of a new standard) and its own ``conf.py``. What a
repository does not hold, normkit's defaults provide: the package data in
``normkit/templates/``, which is what ``init`` copies, so an installed normkit builds a
repository that kept only its standards. The sample repository of normkit's own source
tree keeps none and builds with the defaults.

The choice is per entry of ``templates/`` (a folder such as ``print/`` or a file such as
``labels/en.toml``): the repository's when it exists, else normkit's.
"""

from __future__ import annotations

from pathlib import Path

#: normkit's own templates (package data): the defaults, and what ``init`` copies.
DEFAULTS = Path(__file__).resolve().parent / "templates"

#: What ``init`` writes at a new repository's root (rendered), not into its templates/.
REPOSITORY = DEFAULTS / "repository"

#: The Sphinx configuration of a repository that has no conf.py of its own.
DEFAULT_CONF = REPOSITORY / "conf.py"

#: The folder of a repository's templates.
TEMPLATES = "templates"


def template(root: Path, relative: str | Path) -> Path:
    """``templates/<relative>`` of the repository at ``root`` when it has it, else
    normkit's default (which may not exist either: the caller says what is missing)."""
    own = Path(root) / TEMPLATES / relative
    return own if own.exists() else DEFAULTS / relative


def template_dirs(root: Path, relative: str | Path) -> list[str]:
    """The folders a Jinja loader searches for the templates of ``templates/<relative>``:
    the repository's own first, then normkit's, so that a template the repository does
    not have (one added by a later normkit, a macro file) still comes from the default."""
    own = Path(root) / TEMPLATES / relative
    return [str(folder) for folder in (own, DEFAULTS / relative) if folder.is_dir()]


def page_template_dirs(root: Path, *relative: str) -> list[str]:
    """The Jinja search path of the HTML pages normkit renders itself (the framework
    pages, the public site): the folders of each ``templates/<relative>`` in turn, then
    the standard theme's (``html/normkit``), whose partials the standards' pages share
    with them (``head-meta.html``)."""
    return [folder for name in (*relative, "html/normkit") for folder in template_dirs(root, name)]


def conf_dir(root: Path) -> Path:
    """The folder whose conf.py configures the repository's builds (``sphinx-build -c``):
    the repository's own, else normkit's default configuration."""
    return Path(root) if (Path(root) / "conf.py").is_file() else DEFAULT_CONF.parent


def conf_file(root: Path) -> Path:
    """The conf.py the repository's builds read."""
    return conf_dir(root) / "conf.py"
