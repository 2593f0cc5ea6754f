"""Command line: ``transparency build | check | serve | new``.

Exit codes: 0 built (or check passed), 1 content errors (or failing duties), 2 usage or
configuration errors. Tracebacks appear only with ``--debug``.

``build`` shows missing or late publication duties as warnings and still writes the site
(an editor previews an incomplete site); ``check`` is the gate for CI: it fails when content
is invalid, a link is broken, or a duty that can fail (statutory, high confidence) is
missing, late or too many clicks from the home page. ``check --format json`` prints the
same result for machines on stdout.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator.build import BuildResult, build
from generator.duties.report import check_json
from generator.errors import ConfigError, GeneratorError, TemplateError
from generator.progress import ProgressBar, progress_for
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

    def report_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--compliance-report", action="store_true",
                       help="also write the compliance report at /compliance/ (as if "
                            "site.yml said duties.publish_report: true)")

    build_parser = sub.add_parser("build", help="build the site into _site/")
    common(build_parser)
    report_option(build_parser)
    check = sub.add_parser("check", help="check content, links and publication duties "
                                         "without writing the site (exit 1 on failure)")
    common(check)
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="json prints the result on stdout for machines")
    serve = sub.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on save")
    common(serve)
    report_option(serve)
    serve.add_argument("--port", type=int, default=8000,
                       help="port on 127.0.0.1 (default 8000; 0 picks a free one)")
    _add_new_parser(sub)
    return parser


def _add_new_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from generator.authoring.scaffolds import INPUTS, SCAFFOLDS

    kinds = "\n".join(f"  {s.name:<10} {s.summary}" for s in SCAFFOLDS)
    new = sub.add_parser(
        "new", help="start a new page, role, meeting, decision or register entry",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Create a new content file with every field written out and explained, "
                    "as a draft.\n\nKinds:\n" + kinds)
    new.add_argument("kind", choices=[s.name for s in SCAFFOLDS], metavar="kind",
                     help="what to create: " + ", ".join(s.name for s in SCAFFOLDS))
    for key, label in INPUTS.items():
        users = ", ".join(s.name for s in SCAFFOLDS if key in s.needs or key in s.fills)
        new.add_argument(f"--{key}", default=None, help=f"{label[0].lower()}{label[1:]} "
                                                        f"(for: {users})")
    new.add_argument("--slug", default=None,
                     help="the file name (lower-case words joined by hyphens); default: "
                          "made from the title")
    new.add_argument("--source", type=Path, default=Path("."),
                     help="the site folder (with site.yml and content/); default: here")
    new.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    new.add_argument("--debug", action="store_true", help="show tracebacks")


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    reporter = ConsoleReporter()
    commands: dict[str, Callable[[argparse.Namespace, ConsoleReporter], int]] = {
        "build": _build, "check": _check, "serve": _serve, "new": _new,
    }
    try:
        return commands[args.command](args, reporter)
    except ConfigError as exc:
        if getattr(args, "format", "text") == "json":
            print(json.dumps(check_json(None, exc.problems), indent=1, ensure_ascii=False))
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


def _run_build(args: argparse.Namespace, write: bool,
               progress: ProgressBar | None = None) -> BuildResult:
    try:
        return build(args.source, args.out, today=args.today, strict=args.strict, write=write,
                     progress=progress,
                     compliance_report=getattr(args, "compliance_report", False))
    finally:
        if progress is not None:
            progress.finish()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _summary(result: BuildResult) -> str:
    """"Built 120 pages, 14 datasets and 310 files in 0.84 s (2 warnings)"."""
    datasets = {posixpath.splitext(o.path)[0] for o in result.outputs if o.kind == "dataset"}
    counts = (f"{_plural(result.pages, 'page')}, {_plural(len(datasets), 'dataset')} and "
              f"{_plural(result.files, 'file')} in {result.seconds:.2f} s")
    warnings = _plural(len(result.warnings), "warning")
    if result.written:
        return f"Built {counts} ({warnings})"
    return f"Checked {counts} ({_plural(len(result.errors), 'error')}, {warnings})"


def _build(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    result = _run_build(args, write=True, progress=progress_for(reporter.stream))
    reporter.problems(result.problems)
    _duty_warnings(result, reporter)
    if not result.written:
        reporter.line("The site was not written; the previous build is unchanged.")
        return EXIT_CONTENT
    if result.unchanged:
        reporter.line(f"No changes since the last build ({result.seconds:.2f} s); "
                      f"{result.out_dir} is up to date.")
        return EXIT_OK
    reporter.line(_summary(result) + f" → {result.out_dir}")
    return EXIT_OK


def _duty_warnings(result: BuildResult, reporter: ConsoleReporter) -> None:
    """After a build: duty problems as warnings (only the count while content has errors)."""
    if result.duties is None:
        return
    warnings = result.duties.as_warnings()
    if warnings and not result.errors:
        reporter.line("Publication duties (warnings here; `transparency check` fails on "
                      "the ones that can fail):")
        reporter.problems(warnings)
    reporter.line(result.duties.summary_line())


def _check(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    result = _run_build(args, write=False)
    duties = result.duties
    outcome = check_json(duties, result.problems, strict=args.strict)
    if args.format == "json":
        print(json.dumps(outcome, indent=1, ensure_ascii=False))
        return EXIT_OK if outcome["ok"] else EXIT_CONTENT
    if duties:
        print(duties.table())
    reporter.problems(result.problems + (duties.problems if duties else []))
    reporter.line(_summary(result))
    reporter.line("Check passed." if outcome["ok"] else
                  "Check failed: fix the errors above before publishing.")
    return EXIT_OK if outcome["ok"] else EXIT_CONTENT


def _new(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    from generator.authoring.scaffold import new, scaffold_named
    from generator.authoring.scaffolds import INPUTS, ScaffoldError

    scaffold = scaffold_named(args.kind)
    given = {key: getattr(args, key) for key in [*INPUTS, "slug"]}
    ask = input if sys.stdin.isatty() else None
    try:
        created = new(args.source.resolve(), scaffold, given, today=args.today or date.today(),
                      ask=ask)
    except ScaffoldError as exc:
        reporter.line(f"Error: {exc}")
        return exc.exit_code
    if created.action == "printed":
        reporter.line(created.text)
        return EXIT_OK
    verb = "Created" if created.action == "created" else "Added an entry to"
    reporter.line(f"{verb} content/{created.rel} ({scaffold.summary}).")
    for note in created.notes:
        reporter.line(note)
    reporter.line("Fill in each value (the note after # says what goes there), then delete "
                  "the line `draft: true` to publish. Preview with: transparency serve")
    return EXIT_OK


def _serve(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    from generator.serve.server import serve

    return serve(args, reporter)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
