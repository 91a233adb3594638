"""Usage errors on the command line, in our words (exit 2).

click words its own messages ("No such option: ...", "Path '...' does not exist.") and may
reword them in any release, so nothing a user reads is taken from them. The CLI's commands are
``OurCommand``/``OurGroup``: they check extra arguments and unknown commands themselves, and turn
click's parser errors into our wording by exception type and attributes (never by reading its
message). ``PathType`` and ``ChoiceType`` check values themselves. Every such error is a
``CommandLineError``, shown as::

    Error: unknown option '--formt' (did you mean '--format'?)
    Usage: playbook-gen validate [OPTIONS]
    Run 'playbook-gen validate -h' for help.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from typing import IO, Any

import click
from click.exceptions import NoArgsIsHelpError

from .problems import did_you_mean


class CommandLineError(click.UsageError):
    """A command line that cannot be run as typed; the message is ours, shown after "Error: "."""

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the error line, then the command's usage and where to find help."""
        lines = [f"Error: {self.format_message()}"]
        ctx = self.ctx
        if ctx is not None:
            pieces = ctx.command.collect_usage_pieces(ctx)
            lines.append(f"Usage: {' '.join([ctx.command_path, *pieces])}")
            if ctx.help_option_names:
                help_name = min(ctx.help_option_names, key=len)
                lines.append(f"Run '{ctx.command_path} {help_name}' for help.")
        click.echo("\n".join(lines), file=file, err=file is None)


def usage_error(message: str) -> CommandLineError:
    """Return a usage error for the command being run (for checks inside a command)."""
    return CommandLineError(message, click.get_current_context(silent=True))


class _InOurWords:
    """Raise click's parsing errors as ours; report extra arguments ourselves."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            rest = super().parse_args(ctx, args)  # type: ignore[misc]
        except (CommandLineError, NoArgsIsHelpError):
            raise
        except click.UsageError as exc:
            raise in_our_words(exc, ctx, args) from None
        return rest


class OurCommand(_InOurWords, click.Command):
    """A command whose usage errors are worded by us."""

    # click would refuse extra arguments in its own words; parse_args refuses them in ours.
    allow_extra_args = True

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            quoted = ", ".join(f"'{arg}'" for arg in rest)
            raise CommandLineError(
                f"unexpected argument{'s' if len(rest) > 1 else ''} {quoted}", ctx
            )
        return rest


class OurGroup(_InOurWords, click.Group):
    """A group whose usage errors are worded by us, for itself and its commands.

    Create it with ``invoke_without_command=True`` and call ``missing_command(ctx)`` from its
    callback when ``ctx.invoked_subcommand`` is None: click's own "missing command" is a plain
    UsageError that could only be told apart by its message.
    """

    command_class = OurCommand

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            hint = did_you_mean(name, self.list_commands(ctx)) or self._commands_hint(ctx)
            raise CommandLineError(f"unknown command '{name}' ({hint})", ctx)
        return super().resolve_command(ctx, args)

    def missing_command(self, ctx: click.Context) -> CommandLineError:
        """Return the error for a group called with options but no command."""
        return CommandLineError(f"missing command ({self._commands_hint(ctx)})", ctx)

    def _commands_hint(self, ctx: click.Context) -> str:
        return "the commands are " + ", ".join(self.list_commands(ctx))


def in_our_words(
    exc: click.UsageError, ctx: click.Context, args: Sequence[str] = ()
) -> CommandLineError:
    """Return click's usage error `exc` as ours, judged by its type and attributes.

    Args:
        exc: what click raised.
        ctx: the context of the command whose arguments were being read.
        args: those arguments, to name the command an out-of-place option belongs to.
    """
    ctx = exc.ctx or ctx
    if isinstance(exc, click.NoSuchOption):
        return CommandLineError(_unknown_option(ctx, exc.option_name, args), ctx)
    if isinstance(exc, click.BadOptionUsage):
        param = _option_named(ctx.command, ctx, exc.option_name)
        if isinstance(param, click.Option) and (param.is_flag or param.count):
            return CommandLineError(f"option '{exc.option_name}' takes no value", ctx)
        return CommandLineError(f"option '{exc.option_name}' needs a value", ctx)
    if isinstance(exc, click.MissingParameter):
        if isinstance(exc.param, click.Argument):
            return CommandLineError(f"missing argument {exc.param.human_readable_name}", ctx)
        if isinstance(exc.param, click.Option):
            return CommandLineError(f"missing option {_names(exc.param)}", ctx)
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        return CommandLineError(f"{_names(exc.param)}: {_what_fits(exc.param.type)}", ctx)
    return CommandLineError(f"'{ctx.command_path}' cannot be run as typed", ctx)


def _unknown_option(ctx: click.Context, name: str, args: Sequence[str]) -> str:
    hint = ""
    parent = ctx.parent
    if parent is not None and _option_named(parent.command, parent, name) is not None:
        hint = f"it goes before the command: {parent.command_path} {name} {ctx.info_name}"
    elif isinstance(ctx.command, click.Group):
        group = ctx.command
        owners = [
            cmd_name
            for cmd_name in group.list_commands(ctx)
            if _option_named(group.get_command(ctx, cmd_name), ctx, name) is not None
        ]
        typed = [word for word in args if word in owners]
        if typed:
            hint = f"it goes after the command: {ctx.command_path} {typed[0]} {name}"
        elif owners:
            hint = f"it goes after a command, e.g. {ctx.command_path} {owners[0]} {name}"
    if not hint:
        names = [opt for p in ctx.command.get_params(ctx) for opt in _opts(p)]
        hint = did_you_mean(name, names)
    return f"unknown option '{name}'" + (f" ({hint})" if hint else "")


def _option_named(
    command: click.Command | None, ctx: click.Context, name: str
) -> click.Parameter | None:
    if command is None:
        return None
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and name in _opts(param):
            return param
    return None


def _opts(param: click.Parameter) -> list[str]:
    return [*param.opts, *param.secondary_opts] if isinstance(param, click.Option) else []


def _names(param: click.Parameter) -> str:
    if isinstance(param, click.Option):
        return "/".join(param.opts)
    return param.human_readable_name


def _what_fits(param_type: click.ParamType) -> str:
    # The value itself is not kept on click's exception; the option's name and type are.
    if isinstance(param_type, click.IntRange) and (param_type.min, param_type.max) != (None, None):
        low = "" if param_type.min is None else f" from {param_type.min}"
        high = "" if param_type.max is None else f" up to {param_type.max}"
        return f"give a whole number{low}{high}"
    if isinstance(param_type, click.types.IntParamType):
        return "give a whole number"
    if isinstance(param_type, click.types.FloatParamType):
        return "give a number"
    return "this value cannot be used here"


def _either(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _where(param: click.Parameter | None) -> str:
    return f"{_names(param)}: " if isinstance(param, click.Option) else ""


class ChoiceType(click.Choice):
    """One of a few words; a wrong one is named with the choices, in our words."""

    def __init__(self, choices: Iterable[str]):
        super().__init__(list(choices))

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value in self.choices:
            return value
        raise CommandLineError(
            f"{_where(param)}use {_either([str(c) for c in self.choices])}, not '{value}'", ctx
        )


class PathType(click.Path):
    """A file or folder name, checked by us: it exists (if it must) and is the right kind.

    Subclassing click.Path keeps its metavar in the help and its shell completion.
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        shown = os.fsdecode(value)
        where = _where(param)
        noun = "file" if not self.dir_okay else "folder" if not self.file_okay else "file or folder"
        try:
            mode = os.stat(value).st_mode
        except (OSError, ValueError):
            if not self.exists:
                return self.coerce_path_result(value)
            if (
                isinstance(param, click.Option)
                and isinstance(param.default, str | os.PathLike)
                and shown == os.fsdecode(param.default)
            ):
                raise CommandLineError(
                    f"no {shown} here; run this in a handbook or use {_names(param)}", ctx
                ) from None
            raise CommandLineError(f"{where}the {noun} {shown} does not exist", ctx) from None
        if not self.file_okay and not stat.S_ISDIR(mode):
            raise CommandLineError(f"{where}{shown} is a file, not a folder", ctx)
        if not self.dir_okay and stat.S_ISDIR(mode):
            raise CommandLineError(f"{where}{shown} is a folder, not a file", ctx)
        if self.exists and not os.access(value, os.R_OK):
            raise CommandLineError(f"{where}{shown} cannot be read (permission denied)", ctx)
        return self.coerce_path_result(value)
