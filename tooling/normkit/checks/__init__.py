"""Checks of a standard system: ``runner.run_checks(root)`` gathers every problem.

The repository checks live with the catalog (catalog.checks); this room adds the
checks of the sources (rst_syntax), runs the translation checks (i18n.validate) and
formats reports (report: text, JSON, GitHub annotations). Import the modules
themselves; this package imports nothing so that i18n can use rst_syntax.
"""
