"""The ``playbook-gen`` command: new, validate, build, serve, export, schema.

Exit codes: 0 ok, 1 problems in the user's files, 2 usage errors. Bad content or bad input never
prints a traceback; ``--debug`` shows one for anything unexpected.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
from pathlib import Path

import click

from .loader import load_handbook
from .model import SLUG_PATTERN
from .new import create_handbook
from .problems import ContentError, problems_json
from .site import UsageProblem, build_site, export_site, write_schemas

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
CONFIG_OPTION = click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False),
    help="The handbook's MkDocs settings.",
)


class _Group(click.Group):
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
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click prints these itself, with their own exit codes
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {exc or type(exc).__name__} (--debug shows details)", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(package_name="playbook-gen", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for unexpected errors.")
def cli(debug: bool) -> None:
    """Publish a service-culture handbook from YAML content as a static site.

    \b
    Example: playbook-gen validate && playbook-gen build
    """
    _log_mkdocs(logging.INFO if debug else logging.WARNING)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--organisation", default="Example Co", show_default=True, help="Your organisation.")
@click.option("--theme", default="house", show_default=True, help="Name of the theme folder.")
def new(directory: Path, organisation: str, theme: str) -> None:
    """Create a small working handbook to start from.

    \b
    Example: playbook-gen new my-handbook --organisation "Acme Ltd"
    """
    if not organisation.strip() or "\n" in organisation:
        raise click.BadParameter("give one line of text", param_hint="--organisation")
    if not re.fullmatch(SLUG_PATTERN, theme):
        raise click.BadParameter(
            "use lowercase letters, digits and hyphens, e.g. 'house'", param_hint="--theme"
        )
    if directory.exists() and any(directory.iterdir()):
        raise UsageProblem(f"{directory} is not empty; choose a new or empty folder")
    create_handbook(directory, organisation=organisation.strip(), theme=theme)
    click.echo(
        f"Created a handbook in {directory}. Next: cd {directory} && playbook-gen build", err=True
    )


@cli.command()
@click.option(
    "--content",
    "content",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The content folder.  [default: content]",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="One line per problem, or a JSON document.",
)
def validate(content: Path | None, fmt: str) -> None:
    """Check the content and cross-references; print every problem.

    \b
    Example: playbook-gen validate --content content --format json
    """
    if content is None:
        content = Path("content")
        if not content.is_dir():
            raise UsageProblem("no content/ folder here; run this in a handbook or use --content")
    try:
        load_handbook(content)
    except ContentError as exc:
        click.echo(problems_json(exc.problems) if fmt == "json" else str(exc))
        click.get_current_context().exit(1)
    if fmt == "json":
        click.echo(problems_json([]))


@cli.command()
@CONFIG_OPTION
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(path_type=Path),
    help="Where to put the site.  [default: site_dir of mkdocs.yml]",
)
@click.option("--strict", is_flag=True, default=None, help="Stop on any MkDocs warning.")
def build(config_file: str, site_dir: Path | None, strict: bool | None) -> None:
    """Validate, then build the site; keep the old one on failure.

    \b
    Example: playbook-gen build --site-dir /var/www/handbook
    """
    target = build_site(config_file, site_dir, strict=strict)
    click.echo(f"Built the handbook in {_shown(target)}", err=True)


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

    _log_mkdocs(logging.INFO)
    mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=True)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@CONFIG_OPTION
@click.option("--force", is_flag=True, help="Replace DIRECTORY if it is not empty.")
def export(directory: Path, config_file: str, force: bool) -> None:
    """Write the pages as a plain MkDocs project (no plugin needed).

    \b
    Example: playbook-gen export exported && mkdocs build -f exported/mkdocs.yml
    """
    target = export_site(config_file, directory, force=force)
    click.echo(f"Exported the handbook to {_shown(target)}", err=True)


@cli.command()
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content/schemas"),
    show_default=True,
    help="Folder for the *.schema.json files.",
)
def schema(out_dir: Path) -> None:
    """Write JSON Schemas of the content files, for editor completion.

    \b
    Example: playbook-gen schema -o content/schemas
    """
    for file in write_schemas(out_dir):
        click.echo(_shown(file))


def main() -> None:
    """Run the command line (the ``playbook-gen`` entry point)."""
    # On SIGTERM, unwind like Ctrl-C so a build removes its half-built folder.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    cli(prog_name="playbook-gen")


def _shown(path: Path) -> str:
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def _log_mkdocs(level: int) -> None:
    """Show MkDocs' own messages on stderr: warnings, or progress too (serve, --debug)."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _MkDocsHandler) for h in logger.handlers):
        logger.addHandler(_MkDocsHandler())
        logger.propagate = False
    logger.setLevel(level)


class _MkDocsHandler(logging.StreamHandler):
    def __init__(self):
        super().__init__()
        self.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))

    @property
    def stream(self):
        return sys.stderr  # whatever stderr is now (tests swap it)

    @stream.setter
    def stream(self, value):
        pass


if __name__ == "__main__":
    main()
