"""The ``playbook-gen`` command: new, validate, build, serve, report, export, schema.

Exit codes: 0 ok, 1 problems in the user's files, 2 usage errors. Bad content or bad input never
prints a traceback; ``--debug`` shows one for anything unexpected.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import signal
import sys
from pathlib import Path
from typing import Any

import click

from .new import DEFAULT_THEME, theme_names
from .problems import (
    ContentError,
    UsageProblem,
    did_you_mean,
    format_problems,
    problems_json,
    sort_problems,
)
from .sources import shown_path as display_path
from .usage import ChoiceType, CommandLineError, OurGroup, PathType, in_our_words, usage_error

# Each command imports the modules it needs itself: the content models (pydantic), the results
# and Jinja take longer to import than `--help` or `new` take to run (tests/test_startup.py).

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
CONFIG_OPTION = click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=PathType(exists=True, dir_okay=False),
    help="The handbook's MkDocs settings.",
)


class _Group(OurGroup):
    """Turn known failures into one line and an exit code, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(1)
        except UsageProblem as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(2)
        except CommandLineError:
            raise
        except click.UsageError as exc:  # raised in a command: in our words all the same
            raise in_our_words(exc, ctx) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click prints these itself, with their own exit codes
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {exc or type(exc).__name__} (--debug shows details)", err=True)
            ctx.exit(1)


# invoke_without_command: so that a missing command is reported by us (below), not by click.
def content_option(help_text: str):
    """The ``--content DIR`` option, with what the command reads from the folder."""
    return click.option(
        "--content",
        "content",
        type=PathType(exists=True, file_okay=False, path_type=Path),
        help=help_text,
    )


def format_option(formats: list[str], help_text: str):
    """The ``--format`` option: one of `formats`, the first by default."""
    return click.option(
        "--format",
        "fmt",
        type=ChoiceType(formats),
        default=formats[0],
        show_default=True,
        help=help_text,
    )


@click.group(
    cls=_Group,
    context_settings=CONTEXT,
    invoke_without_command=True,
    no_args_is_help=True,
    subcommand_metavar="COMMAND [ARGS]...",
)
@click.version_option(package_name="playbook-gen", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Publish a service-culture handbook from YAML content as a static site.

    \b
    Example: playbook-gen validate && playbook-gen build
    """
    if ctx.invoked_subcommand is None:
        raise cli.missing_command(ctx)


@cli.command()
@click.argument("directory", type=PathType(file_okay=False, path_type=Path))
@click.option("--organisation", default="Example Co", show_default=True, help="Your organisation.")
@click.option(
    "--theme",
    default=DEFAULT_THEME,
    show_default=True,
    help=(
        "The look, light and dark: "
        + ", ".join(theme_names())
        + f"; another name starts a theme of your own from {DEFAULT_THEME}."
    ),
)
def new(directory: Path, organisation: str, theme: str) -> None:
    """Create a small working handbook to start from.

    \b
    Example: playbook-gen new my-handbook --organisation "Acme Ltd" --theme corporate
    """
    from .content.ids import SLUG_PATTERN
    from .new import create_handbook

    if not organisation.strip() or "\n" in organisation:
        raise usage_error("--organisation: give one line of text")
    if not re.fullmatch(SLUG_PATTERN, theme):
        raise usage_error("--theme: use lowercase letters, digits and hyphens, e.g. 'house'")
    if directory.exists() and any(directory.iterdir()):
        raise UsageProblem(f"{directory} is not empty; choose a new or empty folder")
    create_handbook(directory, organisation=organisation.strip(), theme=theme)
    click.echo(
        f"Created a handbook in {directory}. Next: cd {directory} && playbook-gen build", err=True
    )


@cli.command()
@click.option(
    "-f",
    "--config-file",
    type=PathType(exists=True, dir_okay=False, path_type=Path),
    help="The handbook's MkDocs settings, checked too.  [default: mkdocs.yml, when there is one]",
)
@content_option("The content folder.  [default: the one mkdocs.yml names, or content]")
@format_option(["text", "json"], "One line per problem, or a JSON document.")
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) on text that may not be meant for readers: HTML comments, '#' headings.",
)
def validate(config_file: Path | None, content: Path | None, fmt: str, strict: bool) -> None:
    """Check the content, cross-references and site settings; print every problem.

    \b
    Example: playbook-gen validate --content content --format json
    """
    from .content.loader import load_handbook
    from .settings import check_brand, check_file
    from .sources import published_problems

    problems: list = []
    warnings: list = []
    project = None
    found = None
    if config_file is None and Path("mkdocs.yml").is_file():
        config_file = Path("mkdocs.yml")
    if config_file is not None:
        found, checked = check_file(config_file)
        problems += checked.errors
        warnings += checked.warnings
        if content is None:
            content = found.content_dir() if found else config_file.parent / "content"
        project = config_file.parent
        if found is not None:  # what a build would publish from docs/ and the theme folder
            custom_dir = found.theme().get("custom_dir")
            problems += published_problems(
                project=project,
                docs_dir=found.docs_dir(),
                content=content,
                theme_dir=project / custom_dir if isinstance(custom_dir, str) else None,
                config_file=config_file,
            )
    content = _content_dir(content)
    try:
        handbook = load_handbook(content, project=project, strict=strict)
    except ContentError as exc:
        problems += exc.problems  # with the content's warnings
    else:
        warnings += handbook.warnings  # worked around, e.g. a result file handed in twice
        custom_dir = found.theme().get("custom_dir") if found else None
        _, branded = check_brand(
            found,
            handbook.playbook,
            content,
            docs_dir=found.docs_dir() if found else content.parent / "docs",
            theme_dir=found.path.parent / custom_dir
            if found and isinstance(custom_dir, str)
            else None,
        )
        problems += branded.errors
        warnings += branded.warnings
    if problems:
        problems = sort_problems(problems + warnings)
        click.echo(problems_json(problems) if fmt == "json" else format_problems(problems))
        click.get_current_context().exit(1)
    warnings = sort_problems(warnings)
    if fmt == "json":
        data = json.loads(problems_json([]))
        if warnings:
            data["warnings"] = [w.to_dict() for w in warnings]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif warnings:
        click.echo(format_problems(warnings))


def _content_dir(content: Path | None) -> Path:
    if content is None:
        content = Path("content")
        if not content.is_dir():
            raise UsageProblem("no content/ folder here; run this in a handbook or use --content")
    return content


@cli.command()
@CONFIG_OPTION
@click.option(
    "-d",
    "--site-dir",
    type=PathType(path_type=Path),
    help="Where to put the site.  [default: site_dir of mkdocs.yml]",
)
@click.option("--strict", is_flag=True, default=None, help="Stop on any MkDocs warning.")
@click.option(
    "--offline",
    is_flag=True,
    help="Make a site that works opened from a folder or file share (pages end in .html).",
)
def build(config_file: str, site_dir: Path | None, strict: bool | None, offline: bool) -> None:
    """Validate, then build the site; keep the old one on failure.

    \b
    Example: playbook-gen build --site-dir /var/www/handbook
    """
    from .build import build_site, log_mkdocs  # MkDocs: only for the commands that run it

    log_mkdocs(verbose=_debug())
    target = build_site(config_file, site_dir, strict=strict, offline=offline)
    click.echo(f"Built the handbook in {_shown(target)}", err=True)
    if offline:
        click.echo(f"Open {_shown(target / 'index.html')} from the folder or share.", err=True)


@cli.command()
@CONFIG_OPTION
@click.option(
    "-a",
    "--dev-addr",
    metavar="IP:PORT",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address to serve on.",
)
def serve(config_file: str, dev_addr: str) -> None:
    """Preview in a browser, rebuilt when content changes.

    \b
    Example: playbook-gen serve -a 127.0.0.1:8080
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    from .build import docs_dir_override, log_mkdocs

    log_mkdocs(verbose=True)
    with docs_dir_override(config_file) as docs_dir:
        mkdocs_serve(
            config_file=config_file,
            dev_addr=dev_addr,
            livereload=True,
            build_type="dirty",  # only the pages a save changed are rebuilt (see preview.py)
            **({"docs_dir": docs_dir} if docs_dir else {}),  # type: ignore[arg-type]  # a setting
        )


@cli.command()
@click.argument(
    "result_paths", metavar="RESULTS...", nargs=-1, required=True, type=PathType(exists=True)
)
@content_option("The content folder with the assessments.  [default: content]")
@click.option(
    "--assessment",
    "assessment_id",
    metavar="ID",
    help="Report on this assessment only.  [default: every one with results]",
)
@format_option(
    ["md", "csv", "json"], "A readable report, a table for spreadsheets, or data for other tools."
)
@click.option(
    "-o",
    "--output",
    type=PathType(dir_okay=False, path_type=Path),
    help="Write the report to this file (only when every result file is good).",
)
@click.option(
    "--include-other-versions",
    is_flag=True,
    help="Count files answered on another version of the questions or scale too (each warned).",
)
def report(
    result_paths: tuple[str, ...],
    content: Path | None,
    assessment_id: str | None,
    fmt: str,
    output: Path | None,
    include_other_versions: bool,
) -> None:
    """Combine exported assessment results: every team's scores, by date.

    \b
    Example: playbook-gen report results/ --format csv -o results.csv
    """
    from . import results
    from .atomic import write_atomically
    from .content.loader import load_handbook

    handbook = load_handbook(_content_dir(content), read_results=False)
    if assessment_id is not None:
        assessment_id = _assessment_id(handbook, assessment_id)
    if output is not None and not output.parent.is_dir():
        raise UsageProblem(f"the folder {_shown(output.parent)} does not exist")

    checked = results.read_results(
        _result_files(result_paths), handbook, include_other_versions=include_other_versions
    )
    problems = sort_problems(checked.errors + checked.warnings)
    if problems:
        click.echo(format_problems(problems), err=True)
    if checked.errors:
        click.get_current_context().exit(1)

    combined = results.aggregate(handbook, checked.files)
    if assessment_id is not None:
        combined = [a for a in combined if a.assessment.id == assessment_id] or [
            results.AssessmentResults(handbook.assessments[assessment_id], ())
        ]
    language = handbook.playbook.language
    if fmt == "json":
        text = results.report_json(combined)
    elif fmt == "csv":
        text = results.report_csv(combined, language)
    else:
        text = results.report_markdown(combined, language)
    if output is None:
        click.echo(text, nl=False)
        return
    # A BOM tells spreadsheet programs that the file is UTF-8 (names like "Müller" stay whole).
    write_atomically(output, ("\ufeff" if fmt == "csv" else "") + text)
    click.echo(f"Wrote the report to {_shown(output)}", err=True)


@cli.command()
@content_option("The content folder.  [default: content]")
@format_option(["text", "json"], "One line per page, or a JSON document.")
@click.option(
    "--soon",
    type=click.IntRange(0, 3650),
    default=30,
    show_default=True,
    metavar="DAYS",
    help="Call a page 'due soon' this many days before its review is due.",
)
@click.option(
    "--today",
    "today_text",
    metavar="YYYY-MM-DD",
    help="Check as of this day.  [default: today]",
)
@click.option(
    "--fail-on-overdue",
    is_flag=True,
    help="Exit 1 when a page is overdue for review or was never reviewed (for CI).",
)
def review(
    content: Path | None, fmt: str, soon: int, today_text: str | None, fail_on_overdue: bool
) -> None:
    """List the pages overdue or due soon for review, with their owners.

    \b
    Example: playbook-gen review --fail-on-overdue
    """
    from .content import richtext
    from .content.loader import load_handbook
    from .content.review import DUE_SOON, NOT_REVIEWED, OVERDUE, reviews

    today = _day(today_text) if today_text is not None else datetime.date.today()
    content_dir = _content_dir(content)
    handbook = load_handbook(content_dir, read_results=False)
    listed: list[dict[str, Any]] = []
    for r in reviews(handbook):
        status = r.status(today, soon)
        if status is None:
            continue
        listed.append(
            {
                "file": display_path(content_dir / r.folder / f"{r.entity.id}.yaml"),
                "title": richtext.to_plain(r.entity.title),
                "owner": r.owner,
                "reviewed": r.reviewed.isoformat() if r.reviewed else None,
                "review_every": r.every,
                "due": r.due.isoformat() if r.due else None,
                "status": status,
            }
        )
    order = {OVERDUE: 0, NOT_REVIEWED: 1, DUE_SOON: 2}
    listed.sort(key=lambda p: (order.get(p["status"], 3), p["due"] or "", p["file"]))
    late = sum(p["status"] in (OVERDUE, NOT_REVIEWED) for p in listed)
    if fmt == "json":
        click.echo(json.dumps({"today": today.isoformat(), "pages": listed}, indent=2))
    else:
        for p in listed:
            if p["status"] == DUE_SOON or p["status"] == OVERDUE:
                when = f"due {p['due']}, last reviewed {p['reviewed']}"
            elif p["status"] == NOT_REVIEWED:
                when = (
                    f"it has no 'reviewed' date, and pages are due every {p['review_every']} months"
                )
            else:
                continue
            owner = f" (owner: {p['owner']})" if p["owner"] else " (no owner)"
            click.echo(f"{p['file']}: {p['status']}: {when}{owner}")
        counts = {s: sum(p["status"] == s for p in listed) for s in order}
        counts["up to date"] = len(listed) - sum(counts.values())
        click.echo(", ".join(f"{n} {s}" for s, n in counts.items()) + f" on {today.isoformat()}")
    if fail_on_overdue and late:
        click.get_current_context().exit(1)


def _day(text: str) -> datetime.date:
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageProblem(f"--today: '{text}' is not a date; write it as YYYY-MM-DD")


def _assessment_id(handbook, wanted: str) -> str:
    """Return the assessment id `wanted` names (an old id from `aliases` too)."""
    for assessment in handbook.assessments.values():
        if wanted == assessment.id or wanted in assessment.aliases:
            return assessment.id
    hint = did_you_mean(wanted, handbook.assessments)
    raise usage_error(
        f"--assessment: unknown assessment '{wanted}'" + (f" ({hint})" if hint else "")
    )


def _result_files(paths: tuple[str, ...]) -> list[tuple[str, Path]]:
    """Return (shown name, path) of every result file named: files, and *.json in folders."""
    from . import results

    files: dict[Path, tuple[str, Path]] = {}
    for given in map(Path, paths):
        found = results.result_files_in(given) if given.is_dir() else [given]
        if given.is_dir() and not found:
            raise UsageProblem(f"no result files (*.json) in {_shown(given)}")
        for file in found:
            files.setdefault(file.resolve(), (display_path(file), file))  # each file once
    return list(files.values())


@cli.command()
@click.argument("directory", type=PathType(path_type=Path))
@CONFIG_OPTION
@click.option("--force", is_flag=True, help="Replace DIRECTORY if it is not empty.")
def export(directory: Path, config_file: str, force: bool) -> None:
    """Write the pages as a plain MkDocs project (no plugin needed).

    \b
    Example: playbook-gen export exported && mkdocs build -f exported/mkdocs.yml
    """
    from .build import export_site, log_mkdocs

    log_mkdocs(verbose=_debug())
    target = export_site(config_file, directory, force=force)
    click.echo(f"Exported the handbook to {_shown(target)}", err=True)


@cli.command()
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=PathType(file_okay=False, path_type=Path),
    default=Path("content/schemas"),
    show_default=True,
    help="Folder for the *.schema.json files.",
)
def schema(out_dir: Path) -> None:
    """Write JSON Schemas of the content files, for editor completion.

    \b
    Example: playbook-gen schema -o content/schemas
    """
    from .schema import write_schemas

    for file in write_schemas(out_dir):
        click.echo(_shown(file))


def main() -> None:
    """Run the command line (the ``playbook-gen`` entry point)."""
    # On SIGTERM, unwind like Ctrl-C so a build removes its half-built folder.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    cli(prog_name="playbook-gen")


def _debug() -> bool:
    """Whether ``--debug`` was given (to the group, before the command)."""
    return bool(click.get_current_context().find_root().params.get("debug"))


def _shown(path: Path) -> str:
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


if __name__ == "__main__":
    main()
