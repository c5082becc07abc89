"""Rebuild the previewed edition when what it is made of is saved (watchfiles)."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from pathlib import Path

from normkit.engine.build_one import build_job, output_path
from normkit.engine.jobs import Job
from normkit.layout import Layout
from normkit.presentation import DEFAULTS, conf_file, template
from normkit.preview.server import PreviewServer
from normkit.preview.state import PreviewState
from normkit.scaffold.render import render
from normkit.system import Standard, StandardSystem

_IGNORED_SUFFIXES = (".mo", ".pyc", ".swp", ".swx", ".tmp", "~")


def default_standard(system: StandardSystem) -> Standard | None:
    """The standard whose files were saved last: the one being edited."""

    def last_saved(standard: Standard) -> float:
        return max((p.stat().st_mtime for p in standard.path.rglob("*") if p.is_file()), default=0)

    return max(system.standards.values(), key=last_saved, default=None)


def _relevant(edition: str, catalogs: set[str]) -> Callable[[object, str], bool]:
    """A watchfiles filter: the files this edition is made of (of the catalogs, those of
    the languages in ``catalogs``), not editors' scratch files."""

    def accept(_change: object, path: str) -> bool:
        name = Path(path).name
        if name.startswith((".#", ".")) or name.endswith(_IGNORED_SUFFIXES):
            return False
        parts = Path(path).parts
        if "build" in parts or "__pycache__" in parts:
            return False
        if name.endswith(".po") and "locale" in parts:
            return parts[parts.index("locale") + 1] in catalogs
        return True

    return accept


class Preview:
    """One standard's edition: built into ``build/preview``, served, rebuilt on change."""

    def __init__(self, system: StandardSystem, standard: Standard, edition: str) -> None:
        self.system, self.standard, self.edition = system, standard, edition
        self.root = system.root
        self.out = self.root / "build" / "preview"
        self.state = PreviewState(self.root)
        self.job = Job(standard, edition, "html")

    @property
    def landing(self) -> str:
        """The URL path of the previewed page."""
        layout = Layout(self.out)
        page = layout.page(self.edition, self.standard)
        return "/" + page.removeprefix("html/")

    def build(self) -> float:
        """Rebuild the edition's HTML; the last good build stays when this one fails.
        Returns the seconds it took."""
        start = time.perf_counter()
        self.state.update("building", self.state.problems)
        result = build_job(self.root, self.job, self.out, strict=False)
        if result.status == "built":
            self.state.update("built", result.warnings)
        else:
            self.state.update("failed", result.errors or result.warnings)
        return time.perf_counter() - start

    def watched(self) -> list[Path]:
        """What the edition is made of: the standard's folder, the framework, the
        configuration and the templates."""
        candidates = [
            self.standard.path,
            self.system.framework_file,
            conf_file(self.root),
            self.root / "templates",
            DEFAULTS,  # what the repository does not hold comes from normkit's own
        ]
        return [p for p in candidates if p.exists()]

    def server(self, port: int, any_port: bool) -> PreviewServer:
        """The HTTP server of this preview (not started)."""
        templates = template(self.root, "preview")
        waiting = functools.partial(
            lambda: render(
                templates / "waiting.html",
                number=self.standard.number,
                title=self.standard.title.get(self.system.settings.master_language, ""),
                problems=self.state.snapshot()["problems"],
            )
        )
        return PreviewServer(
            self.state,
            output_path(self.out, self.job).parents[1],  # html/: links between editions work
            templates,
            self.landing,
            waiting,
            port,
            any_port,
        )

    def watch(self, stop: threading.Event, report: Callable[[str], None]) -> None:
        """Rebuild on every batch of saves until ``stop`` is set."""
        import watchfiles

        settings = self.system.settings
        if self.edition == "bilingual":
            catalogs = {settings.bilingual_language or ""}
        else:
            catalogs = {self.edition} - {settings.master_language}
        for changes in watchfiles.watch(
            *self.watched(),
            watch_filter=_relevant(self.edition, catalogs),
            stop_event=stop,
            debounce=50,
            step=20,
            rust_timeout=500,
            yield_on_timeout=False,
        ):
            names = sorted({Path(p).name for _, p in changes})
            seconds = self.build()
            outcome = "rebuilt" if self.state.status == "built" else "does not build"
            if self.state.status == "built" and self.state.problems:
                outcome += f" with {len(self.state.problems)} warnings"
            report(f"{', '.join(names)} saved: {outcome} in {seconds:.1f} s")
            for problem in self.state.problems:
                report(f"  {problem.relative_to(self.root).location}: {problem.message}")
