"""Sphinx configuration shared by every standard's build (``sphinx-build -c .``).

`normkit init` writes it at a new repository's root, for the body to edit; a repository
without one builds with this file as normkit ships it. The source folder is
``standards/<slug>/``; normkit.sphinxext reads the standard's metadata from the standard
system (framework.toml, standard.toml), so nothing here is specific to one standard.
"""

extensions = ["normkit.sphinxext", "normkit.writers", "normkit.writers.html_extras"]

root_doc = "index"
exclude_patterns = ["locale", "_build"]
language = "zh_CN"
# For a bare `sphinx-build -D language=en`; `normkit build` compiles the catalogs into
# the build folder instead and overrides these, so the sources stay untouched.
locale_dirs = ["locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True

# Standards arrive as pull requests: nothing a source says may reach outside it.
# (normkit.sphinxext also refuses `raw` and includes outside the standard's folder.)
html_static_path: list[str] = []
html_copy_source = False
html_show_sourcelink = False

# The HTML edition: the normkit theme of templates/html (the repository's, else normkit's
# own; its page title, cover, contents and banners come from the standard's metadata, see
# normkit.writers.html_extras).
html_theme = "normkit"
html_use_index = False
html_domain_indices = False
html_permalinks_icon = "¶"
html_last_updated_fmt = None
# Formulas: MathML in HTML, SVG in the PDF, Office Math in DOCX (normkit.writers.formulas);
# every display formula is numbered "(1)", "(2)" … (GB/T 1.1-2020 9.6).
html_math_renderer = "normkit"
math_number_all = True

# The PDF edition: a tagged PDF/A-2u file (archival: fonts embedded, sRGB output intent,
# XMP metadata). Another WeasyPrint variant ("pdf/a-3u", "pdf/ua-1" …) or "" for a plain
# PDF can be set here.
normkit_pdf_variant = "pdf/a-2u"
