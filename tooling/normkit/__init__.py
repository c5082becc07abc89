"""normkit: a standards-document authoring toolkit.

Rooms (see DESIGN.md): system (the standard-system model), checks, sphinxext (the
document model), writers, engine, i18n, versions, release; cli is the front door.
"""

__version__ = "0.1.0"
