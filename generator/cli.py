"""Command line: ``transparency build | check | serve | new | handbook``.

Exit codes: 0 built (or check passed); 1 content errors (invalid content, a broken link:
the site must not be published); 2 usage or configuration errors; 3 (``check`` only) the
site can be published but a publication duty that can fail is missing, overdue or too
deep. Tracebacks appear only with ``--debug``.

Publishing never waits for a duty: ``build`` writes the site whatever the duties say and
lists their problems; ``check`` exits 3 on them, so CI can run it as its own step that
goes red without holding the site back (or before the build, for an office that wants
the gate). ``check --format json`` prints the same result for machines on stdout.
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
from typing import Any

from generator.build import BuildResult, build
from generator.errors import ConfigError, GeneratorError, Problem, TemplateError, plural
from generator.progress import ProgressBar, progress_for
from generator.reporting import ConsoleReporter
from generator.summary import Outcome, check_json

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_DUTIES = 0, 1, 2, 3


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
                                         "without writing the site (exit 1: content or "
                                         "links stop publishing; 3: a duty fails)")
    common(check)
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="json prints the result on stdout for machines")
    serve = sub.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on save")
    common(serve)
    report_option(serve)
    serve.add_argument("--port", type=int, default=8000,
                       help="port on 127.0.0.1 (default 8000; 0 picks a free one)")
    _add_new_parser(sub)
    handbook = sub.add_parser(
        "handbook", help="check that the generated parts of the handbook in docs/ (field "
                         "tables, examples, the reference pages) are current; --update "
                         "rewrites them")
    handbook.add_argument("--update", action="store_true",
                          help="rewrite the generated parts that are out of date")
    handbook.add_argument("--source", type=Path, default=Path("."),
                          help="the folder with docs/ and site.yml; default: here")
    handbook.add_argument("--debug", action="store_true", help="show tracebacks")
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
        "handbook": _handbook,
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


def _summary(result: BuildResult) -> str:
    """"Built 120 pages, 14 datasets and 310 files in 0.84 s" (the problems are counted
    once, by the outcome's headline)."""
    datasets = {posixpath.splitext(o.path)[0] for o in result.outputs if o.kind == "dataset"}
    counts = (f"{plural(result.pages, 'page')}, {plural(len(datasets), 'dataset')} and "
              f"{plural(result.files, 'file')} in {result.seconds:.2f} s")
    return f"Built {counts}" if result.written else f"Checked {counts}"


def _files(problems: list[Problem]) -> str:
    return plural(len({p.path for p in problems}), "file")


def _build(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    result = _run_build(args, write=True, progress=progress_for(reporter.stream))
    # A site that cannot be built is not judged on its duties: list what stops it.
    outcome = Outcome.of(result.problems, None if result.errors else result.duties)
    problems = outcome.problems
    if problems:
        reporter.problems(problems, f"{outcome.headline()} ({_files(problems)}).")
    if result.duties is not None and not result.errors:
        reporter.line(result.duties.summary_line() + ". Duties never stop publishing; "
                      "`transparency check` fails on the ones that can fail.")
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
    duties = result.duties
    verdict = check_json(duties, result.problems, strict=args.strict)
    if args.format == "json":
        print(json.dumps(verdict, indent=1, ensure_ascii=False))
    else:
        outcome = Outcome.of(result.problems, duties)
        headline = outcome.headline()
        print(headline + ".")
        if duties:
            print("\n" + duties.table() + "\n")
        problems = outcome.problems
        if problems:
            reporter.problems(problems, f"{headline} ({_files(problems)}).")
        reporter.line(_summary(result) + ".")
        reporter.line(_verdict_line(verdict))
    if not verdict["publishable"]:
        return EXIT_CONTENT
    return EXIT_OK if verdict["duties_pass"] else EXIT_DUTIES


def _verdict_line(verdict: dict[str, Any]) -> str:
    if not verdict["publishable"]:
        return "Check failed: fix the errors above; the site must not be published."
    if not verdict["duties_pass"]:
        return ("Duty check failed: the site can be published, but the duties above need "
                "attention (exit code 3).")
    return "Check passed."


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


def _handbook(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    """The handbook's generated parts are committed, so it reads complete on GitHub."""
    from generator.authoring.handbook import handbook_updates

    docs = args.source / "docs"
    if not docs.is_dir():
        reporter.line(f"There is no docs/ folder in {args.source}: run the command in the "
                      "folder that holds docs/ and site.yml, or pass --source.")
        return EXIT_USAGE
    changed = handbook_updates(docs, args.source / "site.yml")
    names = [path.relative_to(args.source).as_posix() for path in changed]
    if not changed:
        reporter.line("The handbook's generated parts are up to date.")
        return EXIT_OK
    if not args.update:
        reporter.line(f"The generated parts of {plural(len(names), 'handbook page')} are "
                      f"out of date: {', '.join(names)}. Run: transparency handbook --update")
        return EXIT_CONTENT
    for path, text in changed.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    reporter.line(f"Updated {', '.join(names)}.")
    return EXIT_OK


def _serve(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    from generator.serve.server import serve

    return serve(args, reporter)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
