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
from typing import TYPE_CHECKING, NoReturn, TextIO

from normkit import __version__
from normkit.errors import NormkitError
from normkit.files import writable_folder

if TYPE_CHECKING:
    from normkit.engine.readings import Readings

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2

#: How a report is printed: for people, for tools, as GitHub workflow annotations.
REPORT_FORMATS = ("text", "json", "github")

#: The hint of an output folder the user chose (or can choose) with --out.
CHOOSE_OUT = "choose a folder you can write to with --out, or free space on its disk"


def _root(args: argparse.Namespace) -> Path:
    from normkit.system import find_root

    return find_root(args.root)


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit check``: validate the whole standard system."""
    from normkit.checks.report import render
    from normkit.checks.runner import run_checks

    if args.rules:
        from normkit.checks.rule import describe_rules

        print(describe_rules(), file=out)
        return EXIT_OK
    report = run_checks(_root(args), jobs=args.jobs or os.cpu_count() or 1)
    print(render(report, args.format), file=out)
    return EXIT_PROBLEMS if report.errors else EXIT_OK


def cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit build``: the editions of the chosen standards, cached and parallel."""
    from normkit.engine.readings import Readings

    root = _root(args)
    out_dir = writable_folder(_output_folder(args, root), CHOOSE_OUT)
    # The build refuses what check reports as an error, for the standards it builds; the
    # check's reading of each master edition is kept for the build, which then does not
    # read those sources again.
    readings = Readings.of_build(out_dir)
    try:
        return _build(args, out, root, out_dir, readings)
    finally:
        readings.remove()


def _build(
    args: argparse.Namespace, out: TextIO, root: Path, out_dir: Path, readings: Readings
) -> int:
    """``normkit build`` once its output folder and readings folder are chosen."""
    from normkit.checks.gate import gate
    from normkit.checks.runner import run_checks
    from normkit.engine import BuildOptions, plan, run_jobs
    from normkit.engine.framework_pages import refresh_framework_pages
    from normkit.engine.jobs import JobResult
    from normkit.engine.leftovers import remove_leftovers
    from normkit.engine.progress import print_summary, progress_bar
    from normkit.errors import StandardSystemError
    from normkit.layout import Layout

    checked = run_checks(root, args.jobs or os.cpu_count() or 1, args.standard or None, readings)
    if checked.system is None:
        raise StandardSystemError(checked.errors)
    admission = gate(checked)
    if admission.framework:
        raise StandardSystemError(admission.framework)
    system = checked.system
    # --format takes output formats and, as ``check``, a report format (the two sets of
    # names do not overlap); --report names the report format alone.
    formats = [f for f in args.format or [] if f not in REPORT_FORMATS]
    reports = [f for f in args.format or [] if f in REPORT_FORMATS]
    report_format = args.report or (reports[-1] if reports else "text")
    planned = plan(system, args.standard, args.lang, formats, args.shard)
    refused = {
        job.name: admission.refusals(job.standard.path.name, job.language) for job in planned
    }
    jobs = [job for job in planned if not refused[job.name]]
    options = BuildOptions(
        out=out_dir,
        jobs=args.jobs or os.cpu_count() or 1,
        strict=args.strict,
        force=args.force,
        readings=readings,
    )
    remove_leftovers(options.out)
    with progress_bar(sys.stderr, len(jobs)) as progress:
        task = progress.add_task("", total=len(jobs))

        def advance(result):  # type: ignore[no-untyped-def]
            progress.update(task, advance=1, description=result.job.name)

        report = run_jobs(system, jobs, options, on_result=advance)
    refusals = [JobResult(job, "failed", errors=refused[job.name]) for job in planned]
    order = {job.name: place for place, job in enumerate(planned)}  # list.index: quadratic
    report.results = sorted(
        report.results + [r for r in refusals if r.errors], key=lambda r: order[r.job.name]
    )

    def comparison(language: str):  # type: ignore[no-untyped-def]
        # Imported when the framework pages are written: the diff loads Sphinx, which a
        # build with nothing to write never needs (a quarter of a no-change rebuild).
        from normkit.versions.framework_diff import framework_comparison

        return framework_comparison(root, language)

    try:
        refresh_framework_pages(
            system, report, Layout(options.out, system.settings.site_url), comparison
        )
    except OSError as error:  # a full or read-only disk: say so after what was built
        print_summary(report, out, root, report_format)
        writable_folder(
            options.out, CHOOSE_OUT
        )  # names the folder and the reason, if it still fails
        raise NormkitError(f"cannot write the framework pages: {error.strerror or error}") from None
    print_summary(report, out, root, report_format)
    for problem in admission.unreadable:  # a standard whose standard.toml cannot be read
        if report_format != "json":
            lines = [problem.github()] if report_format == "github" else problem.text()
            print("\n".join(lines), file=out)
    return EXIT_PROBLEMS if report.failed or admission.unreadable else EXIT_OK


def cmd_translate(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit translate``: update catalogs, or report their status."""
    from rich.console import Console
    from rich.table import Table

    from normkit.engine.jobs import BuildRequestError, select_standards
    from normkit.i18n import catalog_status, update_catalogs
    from normkit.system import load_system

    root = _root(args)
    system = load_system(root)
    standards = select_standards(system, args.standard or [])
    languages = args.lang or list(system.settings.languages)
    for language in languages:  # a language code becomes a path: only known ones
        if language not in system.settings.languages:
            known = ", ".join(system.settings.languages) or "none"
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
    from normkit.workers import process_pool

    workers = min(args.jobs or os.cpu_count() or 1, len(standards)) or 1
    with process_pool(workers) as pool:
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


def _output_folder(args: argparse.Namespace, root: Path) -> Path:
    """``--out`` (default ROOT/build), refused inside standards/: the outputs would be
    read as sources by the next check and build."""
    out = (args.out or root / "build").resolve()
    sources = (root / "standards").resolve()
    if out.is_relative_to(sources):
        error = NormkitError(f"--out {args.out} lies inside the sources ({sources})")
        error.hint = "choose a folder outside standards/ (the default is build/)"
        raise error
    return out


def _shard(text: str) -> str:
    """``--shard I/N``, checked where it is read (1 ≤ I ≤ N)."""
    from normkit.engine.jobs import BuildRequestError, parse_shard

    try:
        parse_shard(text)
    except BuildRequestError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--shard ")) from None
    return text


def _port(text: str) -> int:
    """``--port N``: a TCP port, 1 to 65535."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1 to 65535)")
    return int(text)


def _worker_count(text: str) -> int:
    """``-j N``: a whole number of worker processes, 1 or more."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes") from None
    if count < 1:
        raise argparse.ArgumentTypeError("must be 1 or more (worker processes)")
    return count


class _UsageError(Exception):
    """A command line argparse refuses; ``str()`` is its usage and message."""


class _Parser(argparse.ArgumentParser):
    """argparse, reporting a bad command line to the caller's stream instead of
    exiting from inside the parser (normkit runs in-process in tests and tools)."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.format_usage()}{self.prog}: error: {message}")


def cmd_versions(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit versions``: each standard's versions with commit, date and status."""
    from rich.console import Console
    from rich.table import Table

    from normkit.engine.jobs import select_standards
    from normkit.system import load_system
    from normkit.versions import list_versions
    from normkit.versions.history import find_standard

    root = _root(args)
    system = load_system(root)
    names = args.standard or []
    drafted = {key for s in system.standards.values() for key in (s.number, s.slug)}
    here = [name for name in names if name in drafted]
    standards = select_standards(system, here) if here or not names else []
    # A standard deleted from the working tree keeps the versions git recorded.
    standards += [find_standard(root, name) for name in names if name not in drafted]
    rows = [(s, v) for s in standards for v in list_versions(root, s)]
    if args.format == "json":
        import json

        data = [
            {
                "standard": s.number,
                "version": v.label,
                "commit": v.commit or "",
                "date": v.date,
                "status": v.status,
                "origin": v.origin,
            }
            for s, v in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
        return EXIT_OK
    table = Table(show_edge=False, header_style="bold")
    for column in ("standard", "version", "commit", "date", "status", "from"):
        table.add_column(column)
    for s, v in rows:
        commit = v.commit[:10] if v.commit else "(working tree)"
        table.add_row(s.number, v.label, commit, v.date[:10], v.status, v.origin)
    Console(file=out, highlight=False, soft_wrap=True).print(table)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit diff``: redline editions and the change list between two versions; of
    the framework with --framework; of a change in progress with --base."""
    from normkit.engine.jobs import require_editions
    from normkit.sphinxext.labels import load_labels
    from normkit.system import load_system

    root = _root(args)
    formats = args.format or ["html", "pdf", "docx"]
    printed = [f for f in formats if f in ("markdown", "json", "github")]
    built = [f for f in formats if f not in printed]
    settings = load_system(root).settings
    require_editions(settings, args.lang or [])
    master = settings.master_language
    # The change list is printed in the edition asked for (the first, if several; the
    # bilingual edition's is the master's), in that language's words.
    language = next((lang for lang in args.lang or [] if lang != "bilingual"), master)
    labels = load_labels(root, language)
    target = _output_folder(args, root)
    if args.framework:
        return _framework_diff(root, args, out, master)
    if args.base:
        return _review(root, args, out, target, built)
    if not args.standard:
        from normkit.engine.jobs import BuildRequestError

        raise BuildRequestError("name the STANDARD to compare, or give --framework or --base REF")
    from normkit.versions.redline_build import build_redline, changes_between
    from normkit.versions.wording import describe, markdown

    if built:
        outcome = build_redline(
            root, args.standard, args.old, args.new, target, args.lang, built, listed=language
        )
    else:
        outcome = changes_between(root, args.standard, args.old, args.new, language)
    old, new = outcome.old.label, outcome.new.label
    if outcome.same:
        print(
            f"{outcome.standard.number}: {old} and {new} are the same text "
            f"({outcome.old.commit or 'the working tree'}): no changes, no redline written",
            file=out,
        )
        return EXIT_OK
    for fmt in printed:
        if fmt == "markdown":
            print(markdown(outcome.standard.number, old, new, outcome.changes, labels), file=out)
        elif fmt == "github":
            for line in _change_annotations(root, outcome, labels):
                print(line, file=out)
        else:
            import json

            print(json.dumps([c.as_dict() for c in outcome.changes], ensure_ascii=False), file=out)
    if built:
        edition = labels.changes("edition_version", version=old)
        counted = _counted(len(outcome.changes), "change")
        print(f"{outcome.standard.number} {old} → {new}: {counted}", file=out)
        for change in outcome.changes:
            print(f"  {describe(change, labels, edition)}", file=out)
        for path in outcome.outputs:
            print(f"  wrote {path}", file=out)
    return EXIT_OK


def _counted(count: int, noun: str) -> str:
    """ "1 change", "3 changes": a count and its noun, in the singular for one."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _change_annotations(root: Path, outcome, labels) -> list[str]:  # outcome: DiffOutcome
    """Each change of ``outcome`` as a GitHub Actions notice on the standard's source,
    so a pull request shows what changed in the text beside the files."""
    from normkit.system import Problem, Severity
    from normkit.versions.wording import describe

    edition = labels.changes("edition_version", version=outcome.old.label)
    title = f"{outcome.standard.number} {outcome.old.label} → {outcome.new.label}"
    source = outcome.standard.source_file
    return [
        Problem(
            "normkit.change", source, None, f"{title}: {describe(change, labels, edition)}",
            severity=Severity.NOTICE,
        )
        .relative_to(root)
        .github()
        for change in outcome.changes
    ]  # fmt: skip


def _framework_diff(root: Path, args: argparse.Namespace, out: TextIO, language: str) -> int:
    """``normkit diff --framework [OLD [NEW]]``: what changed in the standard system."""
    from normkit.versions.framework_diff import compare_frameworks

    # With --framework the positional arguments are the two framework versions.
    old_ref, new_ref = args.standard, args.old
    before, after, changes = compare_frameworks(root, old_ref, new_ref, language)
    print(f"framework {before.label} → {after.label}: {_counted(len(changes), 'change')}", file=out)
    for change in changes:
        detail = " → ".join(part for part in (change.old, change.new) if part)
        print(f"  {change.number}: {change.kind} {detail}".rstrip(), file=out)
    return EXIT_OK


def _review(
    root: Path, args: argparse.Namespace, out: TextIO, target: Path, built: list[str]
) -> int:
    """``normkit diff --base REF``: redline every standard the change touches."""
    from normkit.files import write_atomic
    from normkit.sphinxext.labels import load_labels
    from normkit.system import load_system
    from normkit.versions.review import review

    result = review(root, args.base, target, built, args.lang, args.strict)
    write_atomic(target / "redline" / "summary.md", result.summary)
    problems = [p.relative_to(root) for p in result.problems]
    if "github" in (args.format or []):  # annotations for the pull request's files
        labels = load_labels(root, load_system(root).settings.master_language)
        for outcome in result.outcomes:
            for line in _change_annotations(root, outcome, labels):
                print(line, file=out)
        for problem in problems:
            print(problem.github(), file=out)
        return EXIT_PROBLEMS if problems else EXIT_OK
    print(result.summary, file=out)
    for outcome in result.outcomes:
        for path in outcome.outputs:
            print(f"  wrote {path}", file=out)
    for problem in problems:
        print("\n".join(problem.text()), file=out)
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_release(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit release``: publish the committed version of a standard or the framework."""
    from normkit.release.publish import release

    if bool(args.standard) == bool(args.framework):
        from normkit.engine.jobs import BuildRequestError

        raise BuildRequestError("name one STANDARD to release, or give --framework (not both)")
    result = release(
        _root(args),
        args.standard,
        framework=args.framework,
        version=args.version,
        publish=args.out,
        jobs=args.jobs or os.cpu_count() or 1,
    )
    entry = result.entry
    print(f"released {entry.number} {entry.version} from {entry.commit[:12]}", file=out)
    for step in result.steps:
        print(f"  {step}", file=out)
    print(f"  files: {result.folder}", file=out)
    print(f"  manifest.json SHA-256: {entry.manifest_sha256}", file=out)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit verify``: the ledger chain, tags, manifests, and optionally the bytes."""
    from normkit.release.verify import verify

    report = verify(
        _root(args),
        publish=args.out,
        rebuild=args.rebuild,
        jobs=args.jobs or os.cpu_count() or 1,
        only=args.standard,
        version=args.version,
        restore=args.restore,
        shard=args.shard,
        stamp=args.out is None,  # a copy of a site (--out) is checked, not written to
    )
    for line in report.verified:
        print(f"ok    {line}", file=out)
    for line in report.problems:
        print(f"FAIL  {line}", file=out)
    verdict = "FAILED" if report.problems else "verified"
    print(f"{verdict}: {len(report.problems)} problem(s)", file=out)
    return EXIT_PROBLEMS if report.problems else EXIT_OK


def cmd_site(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit site``: the public static site of every verified release."""
    from normkit.site import build_site

    report = build_site(_root(args), out=args.out, publish=args.publish, drafts=args.drafts)
    for error in report.errors:  # the rest of the site is written: a report, not a failure
        print(f"ERROR: {error}", file=out)
    print(
        f"site: {report.out} ({len(report.releases)} releases, {report.records} search records)",
        file=out,
    )
    return EXIT_PROBLEMS if report.errors else EXIT_OK


def _texts(args: argparse.Namespace, name: str) -> dict[str, str]:
    """``--NAME-zh``/``--NAME-en`` and repeatable ``--NAME LANG=TEXT`` as one mapping."""
    from normkit.scaffold import ScaffoldError

    texts = {}
    for lang, short in (("zh_CN", "zh"), ("en", "en")):
        value = getattr(args, f"{name}_{short}", None)
        if value:
            texts[lang] = value
    for item in getattr(args, name) or []:
        lang, sep, text = item.partition("=")
        if not sep or not lang.strip():
            raise ScaffoldError(f"--{name} {item!r} is not LANG=TEXT", f'write --{name} en="…"')
        texts[lang.strip()] = text
    return texts


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit init DIR``: a new standards repository."""
    from normkit.scaffold import InitOptions, init_repository

    result = init_repository(
        InitOptions(
            directory=args.directory,
            languages=tuple(x.strip() for x in args.languages.split(",") if x.strip()),
            body=_texts(args, "body"),
            name=_texts(args, "name"),
            prefix=args.prefix,
            pattern=args.pattern or "",
            force=args.force,
            requirement=args.normkit or "",
        )
    )
    for path in result.written:
        print(f"created {path}", file=out)
    for path in result.kept:
        print(f"kept    {path} (exists)", file=out)
    if result.git_initialised:
        print("initialised a git repository", file=out)
    if result.origin is not None and result.origin.uncommitted:
        print(
            f"note: the normkit running has changes its checkout has not committed; "
            f"requirements.txt names {result.origin.revision[:12]}, which does not hold them",
            file=out,
        )
    if result.origin is not None and not result.origin.reachable:
        print(
            f"note: requirements.txt installs normkit from {result.origin.where}, which only "
            "this machine can reach: put the git URL and tag your CI installs normkit from "
            "there (or run init with --normkit)",
            file=out,
        )
    print(
        f"A standards repository is ready in {result.root}. Next: cd there and run "
        "`normkit new --aspect 1.1 …`, then `normkit check` and `normkit build`.",
        file=out,
    )
    return EXIT_OK


def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit new``: a new standard from templates/standard, registered in the framework."""
    from normkit.scaffold import NewOptions, new_standard

    root = _root(args)
    result = new_standard(
        NewOptions(root, args.aspect or "", _texts(args, "title"), args.number or "")
    )
    std = result.standard
    how = "the planned entry is now a draft" if result.was_planned else "added to the framework"
    print(f"{std.number} {next(iter(std.title.values()), '')} ({how})", file=out)
    for path in result.written:
        what = "updated" if path.name == "framework.toml" else "created"
        print(f"{what} {path.relative_to(root)}", file=out)
    print(f"Next: write {std.source_file.relative_to(root)}, then `normkit check`.", file=out)
    return EXIT_OK


def cmd_preview(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit preview``: serve one edition, rebuild and reload it on every save."""
    import threading

    from normkit.engine.jobs import BuildRequestError, require_editions, select_standards
    from normkit.preview import Preview, default_standard
    from normkit.system import load_system

    system = load_system(_root(args))
    if args.standard:
        standard = select_standards(system, [args.standard])[0]
    else:
        standard = default_standard(system)
        if standard is None:
            raise BuildRequestError("no drafted standard to preview: start one with `normkit new`")
    edition = args.lang or system.settings.master_language
    require_editions(system.settings, [edition])
    preview = Preview(system, standard, edition)
    server = preview.server(args.port, args.any_port)  # a busy port stops us here
    server.start()
    print(f"Previewing {standard.number} ({edition}) at {server.url}", file=out, flush=True)
    seconds = preview.build()
    state = "built" if preview.state.status == "built" else "does not build (shown in the page)"
    print(
        f"{standard.slug} {edition}: {state} in {seconds:.1f} s; watching for saves (Ctrl+C stops)",
        file=out,
        flush=True,
    )
    if args.open:
        import webbrowser

        webbrowser.open(server.url)
    stop = threading.Event()
    try:
        preview.watch(stop, lambda line: print(line, file=out, flush=True))
    except KeyboardInterrupt:
        print("preview stopped", file=out)
    finally:
        stop.set()
        server.stop()
    return EXIT_OK


def cmd_refs(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit refs``: who cites whom, and the problems of the citation graph."""
    from normkit.refs import citation_graph
    from normkit.system import load_system

    root = _root(args)
    graph = citation_graph(load_system(root))
    if args.format == "json":
        import json

        data = {
            "citations": [
                {
                    "citing": c.citing,
                    "cited": c.cited,
                    "year": c.year,
                    "where": c.where,
                    "normative": c.normative,
                    "clause": c.clause,
                    "file": str(c.path.relative_to(root)),
                    "line": c.line,
                }
                for c in graph.citations
            ],
            "problems": [
                {
                    "code": p.code,
                    "file": str(p.relative_to(root).path),
                    "line": p.line,
                    "message": p.message,
                    "hint": p.hint,
                }
                for p in graph.problems
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
        return EXIT_OK
    for (citing, cited), found in sorted(graph.edges().items()):
        kind = "normative" if any(c.normative for c in found) else "informative"
        dated = sorted({f"dated {c.year}" if c.year else "undated" for c in found})
        lines = ", ".join(str(c.line) for c in found)
        print(f"{citing} → {cited}: {kind}, {', '.join(dated)} (lines {lines})", file=out)
    for problem in graph.problems:
        print("\n".join(problem.relative_to(root).text()), file=out)
    standards = len({c.citing for c in graph.citations})
    print(
        f"{len(graph.citations)} citations by {standards} standards, "
        f"{len(graph.problems)} problems",
        file=out,
    )
    return EXIT_PROBLEMS if graph.unreadable else EXIT_OK


def cmd_impact(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit impact``: who cites a standard whose clauses changed."""
    from normkit.refs import impact_of

    root = _root(args)
    impact = impact_of(root, args.standard, args.since)
    clauses = impact.changed_clauses
    print(
        f"{impact.number} {impact.old} → {impact.new}: "
        f"{sum(c.technical for c in impact.changes)} technical changes"
        + (f" in {', '.join(clauses)}" if clauses else ""),
        file=out,
    )
    if not impact.citations:
        print("No other standard cites it.", file=out)
    for c in impact.citations:
        how = f"dated {c.year}" if c.year else "undated"
        where = {
            "normative-references": "lists it in clause 2 (normative)",
            "bibliography": "lists it in the bibliography",
        }.get(c.where, f"cites it in “{c.clause}”" if c.clause else "cites it before clause 1")
        replaced = (
            f"the edition it replaces from {impact.to_be_issued}"
            if impact.to_be_issued
            else "now points at a superseded edition"
        )
        flag = f"  ← dated: {replaced}" if c in impact.outdated else ""
        print(f"  {c.citing} {where}, {how}: {c.path.relative_to(root)}:{c.line}{flag}", file=out)
    if impact.outdated:
        edition = (
            f"the edition {impact.new} replaces when it is issued on {impact.to_be_issued}"
            if impact.to_be_issued
            else "an edition that is no longer current"
        )
        print(
            f"{len(impact.outdated)} dated citations point at {edition}: revise them "
            "(cite the new year, or cite undated)",
            file=out,
        )
        return EXIT_PROBLEMS
    return EXIT_OK


# -- option shapes shared by the verbs (one helper per shape) ---------------------------


def _standard_options(parser: argparse.ArgumentParser, what: str = "this standard") -> None:
    """``--standard NUMBER``, repeatable: the standards a verb works on (default: all)."""
    parser.add_argument(
        "--standard",
        action="append",
        metavar="NUMBER",
        help=f"{what} (its number or folder name); repeatable; default: all",
    )


def _standard_argument(parser: argparse.ArgumentParser, required: bool = False) -> None:
    """The positional STANDARD a verb works on (its number or folder name)."""
    parser.add_argument(
        "standard",
        metavar="STANDARD",
        nargs=None if required else "?",
        help="its number or folder name",
    )


def _language_options(parser: argparse.ArgumentParser, help: str) -> None:
    """``--lang LANG``, repeatable: editions or languages."""
    parser.add_argument("--lang", action="append", metavar="LANG", help=f"{help}; repeatable")


def _output_option(
    parser: argparse.ArgumentParser, default: str, what: str = "output folder"
) -> None:
    """``--out DIR``: where a verb writes (or reads what it wrote)."""
    parser.add_argument("--out", type=Path, metavar="DIR", help=f"{what} (default: {default})")


def _report_option(parser: argparse.ArgumentParser, flag: str, default: str | None) -> None:
    """The format of a report of problems: text, json or GitHub annotations."""
    parser.add_argument(
        flag,
        choices=REPORT_FORMATS,
        default=default,
        help="text for people (default), json for tools, github for workflow annotations "
        "on a pull request",
    )


def _text_or_json(parser: argparse.ArgumentParser) -> None:
    """``--format text|json``: a report for people or for tools."""
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text for people, json for tools"
    )


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
        parents=[common, pool],
        help="validate metadata, taxonomy, references and sources",
        description=(
            "Validate the whole standard system and print every problem at once, each "
            "with its file, line, what is wrong and how to fix it. Exit status: 0 clean, "
            "1 problems found, 2 cannot run."
        ),
    )
    _report_option(check, "--format", "text")
    check.add_argument(
        "--rules",
        action="store_true",
        help="list the drafting rules (name, severity, clause, fix) and exit",
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
    _standard_options(build, "build this standard")
    _language_options(
        build,
        "edition language (zh_CN, en, bilingual; default: every language the standard "
        "has a translation for)",
    )
    build.add_argument(
        "--format",
        action="append",
        choices=("html", "pdf", "docx", *REPORT_FORMATS),
        help="output format (html, pdf, docx; repeatable; default: all three), or the "
        "report's format as in `check` (text, json, github)",
    )
    _report_option(build, "--report", None)  # None: --format may name it
    build.add_argument(
        "--shard",
        metavar="I/N",
        type=_shard,
        help="build only the I-th of N shares of the standards (CI)",
    )
    build.add_argument("--strict", action="store_true", help="turn warnings into errors")
    build.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    _output_option(build, "ROOT/build")
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
    _standard_options(translate, "this standard's catalogs")
    _language_options(translate, "translation language (default: every one)")
    translate.add_argument("--status", action="store_true", help="report, change nothing")
    _text_or_json(translate)
    translate.set_defaults(run=cmd_translate)

    versions = verbs.add_parser(
        "versions",
        parents=[common],
        help="list each standard's versions (release ledger, else git)",
        description=(
            "List the versions of the standards: a released version is the commit the "
            "release ledger records; a version never released is the last commit whose "
            "standard.toml still carried it; the working tree's version is the current one."
        ),
    )
    _standard_options(versions, "this standard's versions")
    _text_or_json(versions)
    versions.set_defaults(run=cmd_versions)

    diff = verbs.add_parser(
        "diff",
        parents=[common],
        help="redline a standard between two versions, with its change list",
        description=(
            "Compare two versions of a standard clause by clause and build its redline "
            "editions (HTML with <ins>/<del>, PDF, DOCX with tracked changes) into "
            "build/redline/<slug>/<old>..<new>/, every edition, or print the change list. "
            "OLD and NEW are versions (1.0), tags, branches or commits; OLD defaults to "
            "the previous version, NEW to the working tree. Git history is read, never "
            "checked out: the working tree is not touched."
        ),
    )
    _standard_argument(diff)
    diff.add_argument("old", metavar="OLD", nargs="?", help="default: the previous version")
    diff.add_argument("new", metavar="NEW", nargs="?", help="default: the working tree")
    _language_options(diff, "edition (default: every one)")
    diff.add_argument(
        "--format",
        action="append",
        choices=("html", "pdf", "docx", "markdown", "json", "github"),
        help="repeatable; default html, pdf and docx; markdown (for a pull-request "
        "comment), json and github (annotations: each change a notice on the standard's "
        "source, each --strict problem an error) print the change list and build nothing else",
    )
    _output_option(diff, "ROOT/build")
    diff.add_argument(
        "--framework",
        action="store_true",
        help="compare the standard system itself: normkit diff --framework [OLD [NEW]] lists "
        "standards added, removed, withdrawn, superseded, moved, retitled and re-versioned",
    )
    diff.add_argument(
        "--base",
        metavar="REF",
        help="review a change in progress: redline every standard changed since the merge "
        "base of REF and HEAD, print the markdown summary (also build/redline/summary.md)",
    )
    diff.add_argument(
        "--strict",
        action="store_true",
        help="with --base: a changed standard whose version was not bumped or whose "
        "translation is fuzzy or missing is an error (exit 1)",
    )
    diff.set_defaults(run=cmd_diff)

    release = verbs.add_parser(
        "release",
        parents=[common, pool],
        help="publish a version: isolated build, manifest, ledger entry, tag",
        description=(
            "Publish the committed version of a standard (or, with --framework, of the "
            "framework): build every edition and format from the commit (never the working "
            "tree) into releases/<slug>/<version>/ of the publishing output with its "
            "manifest.json, append a hash-chained entry to standards/releases/ledger.jsonl "
            "in a commit of its own, and tag the released commit <slug>/v<version> "
            "(signed when git's tag.gpgSign asks for it). Refuses uncommitted changes, a "
            "detached head, a version already released or not newer than the last one, "
            "failing checks and incomplete translations. Rerun an interrupted release to "
            "complete it. Exit status: 0 released, 1 refused, 2 cannot run."
        ),
    )
    _standard_argument(release)
    release.add_argument("--framework", action="store_true", help="release the framework")
    release.add_argument(
        "--version", metavar="V", help="the version expected (must match the committed one)"
    )
    _output_option(release, "ROOT/build/publish", "publishing output")
    release.set_defaults(run=cmd_release)

    verify = verbs.add_parser(
        "verify",
        parents=[common, pool],
        help="re-check the ledger chain, tags, manifests; optionally rebuild and compare",
        description=(
            "Verify the release ledger's hash chain, that each release tag still points "
            "to its commit, that each release folder's manifest.json has the SHA-256 the "
            "ledger recorded and every file the size and SHA-256 its manifest lists; with "
            "--rebuild, build each release again from its commit and compare the bytes. "
            "Prints what it verified. Exit status: 0 verified, 1 problems, 2 cannot run."
        ),
    )
    _output_option(
        verify,
        "ROOT/build/publish",
        "the publishing output or a copy of the site to check (its "
        "releases/<slug>/<version>/ folders)",
    )
    verify.add_argument("--rebuild", action="store_true", help="rebuild and compare bytes")
    _standard_options(verify, "this standard's releases")
    verify.add_argument("--version", metavar="V", help="only the releases of this version")
    verify.add_argument(
        "--restore",
        action="store_true",
        help="first rebuild missing release folders from their commits (a fresh clone, CI); "
        "kept only when the manifest is the one the ledger recorded",
    )
    verify.add_argument(
        "--shard",
        metavar="I/N",
        type=_shard,
        help="only the I-th of N shares of the releases, dealt out in turn (CI jobs that "
        "restore a large system side by side; the ledger chain is checked by each)",
    )
    verify.set_defaults(run=cmd_verify)

    site = verbs.add_parser(
        "site",
        parents=[common],
        help="assemble the public static site of every release",
        description=(
            "Write the public site into build/site: the framework overview as the landing "
            "page, a page per standard with its version history and downloads (size, "
            "SHA-256), every release's files as released plus a stable latest/ copy, "
            "Pagefind search over every standard and version, an Atom feed, sitemap.xml, "
            "versions.json and a 404 page. Only releases recorded in the ledger whose files "
            "pass verification are published; the others are named and left out (exit 1). "
            "Open it from any static host or from file:// (search needs HTTP)."
        ),
    )
    _output_option(site, "ROOT/build/site", "site folder")
    site.add_argument(
        "--publish", type=Path, help="the release files (default: ROOT/build/publish)"
    )
    site.add_argument(
        "--drafts",
        action="store_true",
        help="also publish the working tree's drafts under drafts/ (built into "
        "build/drafts/, each page marked as a draft; not latest, not searched)",
    )

    site.set_defaults(run=cmd_site)

    init = verbs.add_parser(
        "init",
        help="start a new standards repository",
        description=(
            "Lay out a new standards repository in DIR: standards/framework.toml (the body, "
            "the numbering and the languages given here, a first category and aspect), "
            "conf.py and templates/ (the body's own copies of normkit's, with templates/standard/, "
            "the skeleton of `normkit new`), requirements.txt naming the normkit that made it "
            "(the git URL and commit it came from), a CI workflow installing that normkit, a "
            "pre-commit configuration, a README for editors and .gitignore; "
            "`git init` when DIR is not in a repository. A folder that is not empty is "
            "refused unless --force; no existing file is ever overwritten."
        ),
    )
    init.add_argument("directory", nargs="?", type=Path, default=Path("."), metavar="DIR")
    init.add_argument(
        "--languages",
        default="zh_CN,en",
        metavar="LANG,…",
        help="the master language, then the translation languages (default zh_CN,en; "
        "one language, e.g. en or zh_CN, for a one-language system)",
    )
    init.add_argument("--prefix", required=True, help='numbering prefix, e.g. "T/ABC"')
    init.add_argument(
        "--pattern",
        help="regular expression every standard number matches (default: the prefix, a "
        "space, category digit, aspect digit and a two-digit sequence)",
    )
    for name, what in (("body", "the issuing body"), ("name", "the standard system")):
        init.add_argument(f"--{name}-zh", metavar="TEXT", help=f"{what} in Chinese")
        init.add_argument(f"--{name}-en", metavar="TEXT", help=f"{what} in English")
        init.add_argument(f"--{name}", action="append", metavar="LANG=TEXT", help=f"{what} in LANG")
    init.add_argument(
        "--force", action="store_true", help="add to a folder that is not empty (keeps its files)"
    )
    init.add_argument(
        "--normkit",
        metavar="REQUIREMENT",
        help="the line of requirements.txt that installs normkit in CI (default: where the "
        "running normkit came from, e.g. normkit @ git+https://…/normkit.git@<commit>)",
    )
    init.set_defaults(run=cmd_init)

    new = verbs.add_parser(
        "new",
        parents=[common],
        help="start a new standard from templates/standard",
        description=(
            "Start a standard: the next free number of the aspect (or the planned one whose "
            "title matches, or --number), its folder with standard.toml and an index.rst "
            "skeleton of every element GB/T 1.1-2020 requires (from templates/standard/), "
            "its entry in framework.toml (a planned entry becomes a draft) and a catalog "
            "per translation language. Nothing is overwritten."
        ),
    )
    new.add_argument("--aspect", metavar="CODE", help="the aspect, e.g. 1.2")
    new.add_argument(
        "--number", help="this number (a planned one becomes drafted; default: next free)"
    )
    new.add_argument("--title-zh", metavar="TEXT", help="the Chinese title")
    new.add_argument("--title-en", metavar="TEXT", help="the English title")
    new.add_argument("--title", action="append", metavar="LANG=TEXT", help="a title in LANG")
    new.set_defaults(run=cmd_new)

    preview = verbs.add_parser(
        "preview",
        parents=[common],
        help="serve one standard's HTML edition and reload it on every save",
        description=(
            "Build the HTML edition of STANDARD (default: the one saved last) into "
            "build/preview, serve it on 127.0.0.1 and rebuild it whenever a source, a "
            "catalog, framework.toml, conf.py or a template is saved; the page reloads at "
            "the same scroll position. While the sources do not build, the page shows the "
            "problems with file and line over the last good build. Ctrl+C stops."
        ),
    )
    _standard_argument(preview)
    preview.add_argument("--lang", metavar="EDITION", help="edition (default: the master language)")
    preview.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    preview.add_argument(
        "--any-port", action="store_true", help="take a free port when --port is in use"
    )
    preview.add_argument("--open", action="store_true", help="open the page in the browser")
    preview.set_defaults(run=cmd_preview)

    refs = verbs.add_parser(
        "refs",
        parents=[common],
        help="the citation graph: which standards cite which",
        description=(
            "List every citation between the standards of the system (normative when "
            "listed in clause 2, informative otherwise; dated or undated) and the problems "
            "of the graph: cycles of normative citations, citations of withdrawn or "
            "superseded standards, normative references to only planned ones."
        ),
    )
    _text_or_json(refs)
    refs.set_defaults(run=cmd_refs)

    impact = verbs.add_parser(
        "impact",
        parents=[common],
        help="which standards cite a standard whose clauses changed",
        description=(
            "The technical changes of STANDARD since VERSION (default: its previous "
            "version) against the working tree, and every standard and clause citing it, "
            "so the committee knows what else to revise. Exit status 1 when a dated "
            "citation now points at an edition that is no longer current."
        ),
    )
    _standard_argument(impact, required=True)
    impact.add_argument("--since", metavar="VERSION", help="a version label or git ref")
    impact.set_defaults(run=cmd_impact)
    return parser


def _relative(text: str) -> str:
    """``text`` with the paths under the current folder written from it, as the user
    would type them (an error names the file absolutely wherever it arises)."""
    try:
        here = f"{Path.cwd()}{os.sep}"
    except OSError:  # the current folder was removed
        return text
    return text.replace(here, "")


@contextlib.contextmanager
def _errors_to_exit(err: TextIO) -> Iterator[list[int]]:
    """Turn normkit errors into an ERROR line, a hint and an exit code."""
    code = [EXIT_OK]
    try:
        yield code
    except NormkitError as exc:
        print(f"ERROR: {_relative(str(exc))}", file=err)
        if exc.hint:
            print(f"hint: {_relative(exc.hint)}", file=err)
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
