"""Command line: ``transparency build | check | serve``.

Exit codes: 0 built (or check passed), 1 content errors (or failing duties), 2 usage or
configuration errors. Tracebacks appear only with ``--debug``.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator.build import BuildResult, build
from generator.errors import ConfigError, GeneratorError, TemplateError
from generator.reporting import ConsoleReporter

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-23") from None


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="transparency",
                                     description="Build an OPCC transparency site.")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--source", type=Path, default=Path("."),
                       help="the site folder (with site.yml and content/); default: here")
        p.add_argument("--out", type=Path, default=None,
                       help="output folder; default: _site in the site folder")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
        p.add_argument("--today", type=_date, default=None,
                       help="pretend today is this date (YYYY-MM-DD), for checks and tests")
        p.add_argument("--debug", action="store_true", help="show tracebacks")

    common(sub.add_parser("build", help="build the site into _site/"))
    check = sub.add_parser("check", help="validate content without writing the site")
    common(check)
    serve = sub.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on save")
    common(serve)
    serve.add_argument("--port", type=int, default=8000)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    reporter = ConsoleReporter()
    commands: dict[str, Callable[[argparse.Namespace, ConsoleReporter], int]] = {
        "build": _build, "check": _check, "serve": _serve,
    }
    try:
        return commands[args.command](args, reporter)
    except ConfigError as exc:
        reporter.problems(exc.problems)
        return EXIT_USAGE
    except TemplateError as exc:
        reporter.line(f"Template error: {exc}")
        if args.debug:
            traceback.print_exc()
        return EXIT_CONTENT
    except GeneratorError as exc:
        reporter.line(f"Error: {exc}")
        if args.debug:
            traceback.print_exc()
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in the generator: say so plainly, trace on --debug
        if args.debug:
            traceback.print_exc()
        else:
            reporter.line(f"Internal error: {type(exc).__name__}: {exc}\n"
                          "This is a bug in the generator. Run again with --debug and "
                          "report the output.")
        return EXIT_CONTENT


def _run_build(args: argparse.Namespace, write: bool) -> BuildResult:
    return build(args.source, args.out, today=args.today, strict=args.strict, write=write)


def _summary(result: BuildResult) -> str:
    state = "Built" if result.written else "Checked"
    return (f"{state} {result.pages} pages and {result.files} files in "
            f"{result.seconds:.2f} s ({len(result.errors)} errors, "
            f"{len(result.warnings)} warnings)")


def _build(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    result = _run_build(args, write=True)
    reporter.problems(result.problems)
    if not result.written:
        reporter.line("The site was not written; the previous build is unchanged.")
        return EXIT_CONTENT
    if result.unchanged:
        reporter.line(f"No changes since the last build ({result.seconds:.2f} s); "
                      f"{result.out_dir} is up to date.")
        return EXIT_OK
    reporter.line(_summary(result) + f" → {result.out_dir}")
    return EXIT_OK


def _check(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    result = _run_build(args, write=False)
    reporter.problems(result.problems)
    reporter.line(_summary(result))
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    return EXIT_CONTENT if failed else EXIT_OK


def _serve(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    from generator.serve import serve

    return serve(args, reporter)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
