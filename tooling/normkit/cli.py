"""The ``normkit`` command: parses arguments, calls the rooms, maps errors to exit codes.

Exit status: 0 success, 1 problems found in the standards, 2 normkit could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from normkit import __version__
from normkit.errors import NormkitError

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


def _root(args: argparse.Namespace) -> Path:
    from normkit.catalog import find_root

    return find_root(args.root)


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    """``normkit check``: validate the whole standard system."""
    from normkit.checks import render, run_checks

    report = run_checks(_root(args))
    print(render(report, args.format), file=out)
    return EXIT_PROBLEMS if report.errors else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every verb."""
    parser = argparse.ArgumentParser(
        prog="normkit",
        description=(
            "Check, build, translate, redline and publish a standard system kept in git. "
            "Run inside a standards repository (one with standards/framework.toml)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"normkit {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root",
        type=Path,
        default=None,
        help="the standards repository (default: the one at or above the current folder)",
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
    except KeyboardInterrupt:
        print("interrupted", file=err)
        code[0] = 130
    except Exception as exc:  # an unexpected crash: keep the traceback, say where
        log = Path.cwd() / "normkit-crash.log"
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
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(out)
        return EXIT_CANNOT_RUN
    with _errors_to_exit(err) as code:
        code[0] = args.run(args, out)
    return code[0]


if __name__ == "__main__":
    sys.exit(main())
