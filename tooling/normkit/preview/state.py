"""What the preview knows of its edition: the build generation, its status and problems;
threads wait on it for the next change."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from normkit.system import Problem


@dataclass
class PreviewState:
    """The state of the previewed edition, shared by the builder and the server threads."""

    root: Path
    generation: int = 0  # counts successful builds
    status: str = "building"  # "building" | "built" | "failed"
    problems: list[Problem] = field(default_factory=list)
    loads: list[tuple[str, int]] = field(default_factory=list)  # (path, scrollY) per page load
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def update(self, status: str, problems: list[Problem]) -> None:
        """Record a build's outcome and wake every waiting browser."""
        with self._changed:
            if status == "built":
                self.generation += 1
            self.status, self.problems = status, list(problems)
            self._changed.notify_all()

    def snapshot(self) -> dict:
        """The state as the browser reads it (JSON)."""
        with self._changed:
            return {
                "generation": self.generation,
                "status": self.status,
                "problems": [self._describe(p) for p in self.problems],
            }

    def _describe(self, problem: Problem) -> dict:
        where = problem.relative_to(self.root)
        return {"where": where.location, "message": problem.message, "hint": problem.hint}

    def wait(self, seen: dict | None, timeout: float) -> dict:
        """The next state different from ``seen`` (or the current one after ``timeout``)."""
        with self._changed:
            self._changed.wait_for(lambda: self.snapshot() != seen, timeout=timeout)
        return self.snapshot()

    def loaded(self, path: str, scroll: int) -> None:
        """A browser reports it has shown ``path`` (scrolled to ``scroll``)."""
        with self._changed:
            self.loads.append((path, scroll))
            self._changed.notify_all()

    def wait_for_loads(self, count: int, timeout: float) -> list[tuple[str, int]]:
        """The page loads reported once there are ``count`` of them (or after ``timeout``)."""
        with self._changed:
            self._changed.wait_for(lambda: len(self.loads) >= count, timeout=timeout)
            return list(self.loads)
