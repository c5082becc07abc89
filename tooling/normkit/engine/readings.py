"""Sources read once per build: the check's reading of a standard handed to its build.

``normkit build`` runs check's drafting rules first, and they read each standard's
master edition with Sphinx's read-only builder; the build's job of that edition would
then read the same sources again. Instead the check keeps what it read (Sphinx's
environment and pickled doctrees, and the warnings and errors of reading) in the
build's :class:`Readings` folder, and the job starts from there and only writes, as the
formats of one edition already share one reading.

The folder lives in ``<out>/.tmp/<pid>-readings/`` (a killed build's is removed by the
next one, as any leftover) and is removed when the build ends: a reading is good for
the build that made it, whose files it was read from, and for nothing later.
"""

from __future__ import annotations

import os
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path

from normkit.sphinx_run import SphinxRun

#: What reading said, beside the doctrees.
_RUN = "read.pickle"


@dataclass(frozen=True)
class Readings:
    """The readings kept for one build, by standard folder name and edition."""

    folder: Path

    @classmethod
    def of_build(cls, out: Path) -> Readings:
        """The readings folder of this process's build into ``out``."""
        return cls(out / ".tmp" / f"{os.getpid()}-readings")

    def _place(self, slug: str, edition: str) -> Path:
        return self.folder / slug / edition

    def keep(self, slug: str, edition: str, doctrees: Path, run: SphinxRun) -> None:
        """Keep ``doctrees`` (a Sphinx doctree folder, moved) and what reading said, for
        the build's job of that standard and edition. Complete or not at all: the
        folder appears under its name in one rename."""
        place = self._place(slug, edition)
        partial = place.with_name(f".{edition}-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        shutil.move(doctrees, partial / "doctrees")
        (partial / _RUN).write_bytes(pickle.dumps(run))
        shutil.rmtree(place, ignore_errors=True)
        os.replace(partial, place)

    def take(self, slug: str, edition: str, doctrees: Path) -> SphinxRun | None:
        """Move the kept reading of that standard and edition to ``doctrees`` (which
        must not exist yet) and return what reading said; None when none was kept."""
        place = self._place(slug, edition)
        try:
            run = pickle.loads((place / _RUN).read_bytes())
            os.replace(place / "doctrees", doctrees)
        except (OSError, pickle.UnpicklingError, EOFError):
            return None  # none kept (the check was cached), or not whole: read afresh
        shutil.rmtree(place, ignore_errors=True)
        return run if isinstance(run, SphinxRun) else None

    def remove(self) -> None:
        """Remove every reading left (the build is over)."""
        shutil.rmtree(self.folder, ignore_errors=True)
