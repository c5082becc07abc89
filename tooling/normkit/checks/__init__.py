"""Checks of a standard system: ``runner.run_checks(root)`` gathers every problem.

The repository checks live with the standard-system model (system.checks); this room adds the
checks of the sources (rst_syntax) and of the translations (translations: complete,
valid markup, every reference and number kept) and formats reports (report: text,
JSON, GitHub annotations). It reads the gettext catalogs through normkit.i18n; i18n
never imports it.
"""
