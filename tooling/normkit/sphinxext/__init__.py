"""The document model of a standard, as a Sphinx extension (loaded by the root conf.py)."""
