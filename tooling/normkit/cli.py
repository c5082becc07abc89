"""The ``normkit`` command: parses arguments, calls the rooms, maps errors to exit codes.

Exit status: 0 success, 1 problems found in the standards, 2 normkit could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from normkit import __version__
from normkit.errors import NormkitError

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


def _root(args: argparse.Namespace) -> Path:
    from normkit.catalog import find_root

    return find_root(args.root)


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit check``: validate the whole standard system."""
    from normkit.checks.report import render
    from normkit.checks.runner import run_checks

    report = run_checks(_root(args))
    print(render(report, args.format), file=out)
    return EXIT_PROBLEMS if report.errors else EXIT_OK


def cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit build``: the editions of the chosen standards, cached and parallel."""
    from normkit.checks.gate import as_message, gate
    from normkit.checks.runner import run_checks
    from normkit.engine import BuildOptions, plan, run_jobs
    from normkit.engine.build_one import remove_leftovers
    from normkit.engine.jobs import JobResult
    from normkit.engine.progress import print_summary, progress_bar
    from normkit.errors import CatalogError

    root = _root(args)
    checked = run_checks(root)  # the build refuses what check reports as an error
    if checked.catalog is None:
        raise CatalogError(checked.errors)
    admission = gate(checked)
    if admission.framework:
        raise CatalogError(admission.framework)
    catalog = checked.catalog
    planned = plan(catalog, args.standard, args.lang, args.format, args.shard)
    refused = {
        job.name: [as_message(p) for p in admission.refusals(job.standard.path.name, job.language)]
        for job in planned
    }
    jobs = [job for job in planned if not refused[job.name]]
    options = BuildOptions(
        out=_writable_folder((args.out or root / "build").resolve()),
        jobs=args.jobs or os.cpu_count() or 1,
        strict=args.strict,
        force=args.force,
    )
    remove_leftovers(options.out)
    with progress_bar(sys.stderr, len(jobs)) as progress:
        task = progress.add_task("", total=len(jobs))

        def advance(result):  # type: ignore[no-untyped-def]
            progress.update(task, advance=1, description=result.job.name)

        report = run_jobs(catalog, jobs, options, on_result=advance)
    refusals = [JobResult(job, "failed", errors=refused[job.name]) for job in planned]
    report.results = sorted(
        report.results + [r for r in refusals if r.errors], key=lambda r: planned.index(r.job)
    )
    # Framework pages exist per language; the bilingual edition has standard pages only.
    html = [r for r in report.results if r.job.format == "html" and r.job.language != "bilingual"]
    for language in sorted({r.job.language for r in html}):
        # Written every time (a fraction of a second): a build killed after its last
        # edition but before these pages must not leave old ones that look up to date.
        from normkit.writers.site_pages import write_framework_pages

        write_framework_pages(catalog, language, options.out / "html" / language)
    print_summary(report, out)
    for problem in admission.unreadable:  # a standard whose standard.toml cannot be read
        print(as_message(problem), file=out)
    return EXIT_PROBLEMS if report.failed or admission.unreadable else EXIT_OK


def cmd_translate(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit translate``: update catalogs, or report their status."""
    from rich.console import Console
    from rich.table import Table

    from normkit.catalog import load_catalog
    from normkit.engine.jobs import BuildRequestError, select_standards
    from normkit.i18n import catalog_status, update_catalogs

    root = _root(args)
    catalog = load_catalog(root)
    standards = select_standards(catalog, args.standard or [])
    languages = args.lang or list(catalog.settings.languages)
    for language in languages:  # a language code becomes a path: only known ones
        if language not in catalog.settings.languages:
            known = ", ".join(catalog.settings.languages) or "none"
            raise BuildRequestError(
                f"unknown language {language!r}: the translation languages of this system "
                f"are {known} (framework.toml [settings] languages)"
            )
    # No emoji codes: "index.rst:100:" would print as "index.rst💯".
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    if args.status:
        rows = [catalog_status(s, lang) for s in standards for lang in languages]
        if args.format == "json":
            import json

            data = [
                {
                    "standard": r.standard.number,
                    "status": r.standard.status,
                    "language": r.language,
                    "translated": r.translated,
                    "fuzzy": r.fuzzy,
                    "untranslated": r.untranslated,
                    "percent": round(r.percent, 1),
                    "missing": r.missing,
                }
                for r in rows
            ]
            print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
            return EXIT_OK
        table = Table(show_edge=False, header_style="bold")
        for column in (
            "standard",
            "status",
            "language",
            "translated",
            "fuzzy",
            "untranslated",
            "%",
        ):
            table.add_column(
                column, justify="left" if column in ("standard", "status", "language") else "right"
            )
        for r in rows:
            table.add_row(
                r.standard.number,
                r.standard.status,
                r.language,
                str(r.translated),
                str(r.fuzzy),
                str(r.untranslated),
                "no catalog" if r.missing else f"{r.percent:.0f}%",
            )
        console.print(table)
        complete = sum(1 for r in rows if r.complete)
        console.print(f"{complete} of {len(rows)} catalogs complete")
        return EXIT_OK
    from concurrent.futures import ProcessPoolExecutor

    workers = min(args.jobs or os.cpu_count() or 1, len(standards)) or 1
    with ProcessPoolExecutor(workers) as pool:
        updates = pool.map(
            update_catalogs, [root] * len(standards), standards, [languages] * len(standards)
        )
        results = [r for batch in updates for r in batch]
    for result in results:
        what = "created" if result.created else "updated"
        console.print(
            f"{result.path.relative_to(root)}: {what}; {result.added} new, "
            f"{result.fuzzy} became fuzzy, {result.obsolete} obsolete"
        )
    return EXIT_OK


def _worker_count(text: str) -> int:
    """``-j N``: a whole number of worker processes, 1 or more."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes") from None
    if count < 1:
        raise argparse.ArgumentTypeError("must be 1 or more (worker processes)")
    return count


def _writable_folder(out: Path) -> Path:
    """``out``, created if need be; a clear error when nothing can be written there."""
    from normkit.errors import NormkitError

    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as error:
        failure = NormkitError(f"cannot write to {out}: {error.strerror or error}")
        failure.hint = "choose a folder you can write to with --out, or free space on its disk"
        raise failure from None
    return out


class _UsageError(Exception):
    """A command line argparse refuses; ``str()`` is its usage and message."""


class _Parser(argparse.ArgumentParser):
    """argparse, reporting a bad command line to the caller's stream instead of
    exiting from inside the parser (normkit runs in-process in tests and tools)."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.format_usage()}{self.prog}: error: {message}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every verb."""
    parser = _Parser(
        prog="normkit",
        description=(
            "Check, build, translate, redline and publish a standard system kept in git. "
            "Run inside a standards repository (one with standards/framework.toml)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"normkit {__version__}")
    common = _Parser(add_help=False)
    common.add_argument(
        "--root",
        type=Path,
        default=None,
        help="the standards repository (default: the one at or above the current folder)",
    )
    pool = _Parser(add_help=False)
    pool.add_argument(
        "-j",
        "--jobs",
        type=_worker_count,
        default=0,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    check = verbs.add_parser(
        "check",
        parents=[common],
        help="validate metadata, taxonomy, references and sources",
        description=(
            "Validate the whole standard system and print every problem at once, each "
            "with its file, line, what is wrong and how to fix it. Exit status: 0 clean, "
            "1 problems found, 2 cannot run."
        ),
    )
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text for people, json for tools, github for workflow annotations on a pull request",
    )
    check.set_defaults(run=cmd_check)

    build = verbs.add_parser(
        "build",
        parents=[common, pool],
        help="build HTML, PDF and DOCX editions (cached, parallel)",
        description=(
            "Build the editions of the standard system into build/: one job per standard, "
            "language and format, run in a pool of processes; the formats of one edition "
            "are written from one reading of its sources. A job whose inputs have not "
            "changed is skipped. A standard with errors fails its own jobs; the others "
            "still build. Exit status: 0 all built, 1 some job failed, 2 cannot run."
        ),
    )
    build.add_argument(
        "--standard",
        action="append",
        metavar="NUMBER",
        help="build this standard (its number or folder name); repeatable; default: all",
    )
    build.add_argument(
        "--lang",
        action="append",
        metavar="LANG",
        help="edition language (zh_CN, en, bilingual); repeatable; default: every "
        "language the standard has a translation for",
    )
    build.add_argument(
        "--format",
        action="append",
        choices=("html", "pdf", "docx"),
        help="output format; repeatable; default: all three",
    )
    build.add_argument(
        "--shard", metavar="I/N", help="build only the I-th of N shares of the standards (CI)"
    )
    build.add_argument("--strict", action="store_true", help="turn warnings into errors")
    build.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    build.add_argument("--out", type=Path, help="output folder (default: ROOT/build)")
    build.set_defaults(run=cmd_build)

    translate = verbs.add_parser(
        "translate",
        parents=[common, pool],
        help="extract and update translation catalogs; report their status",
        description=(
            "Extract the master-language segments of each standard and create or update "
            "standards/<id>/locale/<lang>/LC_MESSAGES/index.po as msgmerge does: changed "
            "segments become fuzzy, removed ones obsolete. With --status, report per "
            "standard and language what is translated, fuzzy and untranslated."
        ),
    )
    translate.add_argument("--standard", action="append", metavar="NUMBER", help="repeatable")
    translate.add_argument("--lang", action="append", metavar="LANG", help="repeatable")
    translate.add_argument("--status", action="store_true", help="report, change nothing")
    translate.add_argument("--format", choices=("text", "json"), default="text")
    translate.set_defaults(run=cmd_translate)
    return parser


@contextlib.contextmanager
def _errors_to_exit(err: TextIO) -> Iterator[list[int]]:
    """Turn normkit errors into an ERROR line, a hint and an exit code."""
    code = [EXIT_OK]
    try:
        yield code
    except NormkitError as exc:
        print(f"ERROR: {exc}", file=err)
        if exc.hint:
            print(f"hint: {exc.hint}", file=err)
        code[0] = exc.exit_code
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        code[0] = EXIT_OK
    except KeyboardInterrupt:
        print("interrupted", file=err)
        code[0] = 130
    except Exception as exc:  # an unexpected crash: keep the traceback, say where
        log = Path(tempfile.gettempdir()) / f"normkit-crash-{os.getpid()}.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"ERROR: normkit crashed ({type(exc).__name__}: {exc})", file=err)
        print(f"hint: the traceback is in {log}; please report it", file=err)
        code[0] = EXIT_CANNOT_RUN


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run normkit with ``argv`` (default: the command line); return the exit status."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as error:
        print(error, file=err)
        return EXIT_CANNOT_RUN
    if not getattr(args, "run", None):
        parser.print_help(out)
        return EXIT_CANNOT_RUN
    with _errors_to_exit(err) as code:
        code[0] = args.run(args, out)
    return code[0]


if __name__ == "__main__":
    sys.exit(main())
