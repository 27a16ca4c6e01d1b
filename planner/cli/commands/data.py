"""Data-folder commands: export, import, restore, content validate, demo."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.cli.context import Context
from planner.cli.output import Output
from planner.cli.render import Result
from planner.cli.results import Bytes, Lines, OpenApp
from planner.errors import EXIT_OK, EXIT_USAGE, InputError
from planner.service import PackCheck


def export(ctx: Context) -> Result:
    """The plan as Markdown or ICS, or everything as JSON: to a file, else to stdout."""
    target = ctx.args.output
    if target and target != "-":
        path = ctx.planner.data.write_export(ctx.args.format, Path(target).expanduser())
        if ctx.planner.data.is_stdout(path):  # `-o /dev/stdout`: the export alone
            return Lines([])
        return Lines([f"wrote {path}"])
    return Bytes(ctx.planner.data.export(ctx.args.format))


def import_(ctx: Context) -> Result:
    """Restore a JSON export."""
    counts = ctx.planner.data.read_export(
        Path(ctx.args.file).expanduser(), replace_existing=ctx.args.replace
    )
    summary = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
    return Lines([f"imported {summary or 'an empty export'} into {ctx.data_dir}"])


def restore(ctx: Context) -> Result:
    """List backups or restore one (after a yes on a terminal, or with --yes)."""
    data = ctx.planner.data
    if ctx.args.list or not ctx.args.backup:
        backups = data.backups()
        if not backups:
            return Lines([f"no backups in {data.backup_folder}"])
        lines = [f"{b.name}  {b.stat().st_size:,} bytes" for b in backups]
        if not ctx.args.list:
            lines.append("restore one with `planner restore NAME`")
        return Lines(lines)
    chosen, skipped = data.find_backup(ctx.args.backup)
    lines = [f"skipping {damaged.name}: it is damaged ({problem})" for damaged, problem in skipped]
    if not ctx.args.yes:
        if not sys.stdin.isatty():
            raise InputError("restoring replaces the data file: pass --yes to confirm")
        for line in lines:
            ctx.out.line(line)
        lines = []
        if not ctx.out.confirm(f"Replace {data.file} with {chosen.name}?"):
            return Lines(["not restored"])
    kept = data.restore(chosen)
    lines.append(f"restored {chosen.name}")
    if kept:
        lines.append(f"the previous file is kept as {kept.name}")
    return Lines(lines)


def content_help(ctx: Context) -> Result:
    """`planner content` with no action."""
    raise InputError("say what to do: `planner content validate [DIR]`")


@dataclass(frozen=True)
class Validated(Result):
    """Each pack checked: one `ok` line per good pack, every problem on stderr (exit 2)."""

    checks: Sequence[PackCheck]

    def exit_code(self) -> int:
        return EXIT_USAGE if self.problems() else EXIT_OK

    def text(self, out: Output) -> Iterator[str]:
        for check in self.checks:
            pack = check.pack
            if pack is None:
                continue
            yield (
                f"ok: {check.name}: {len(pack.rounds)} rounds, "
                f"{len(pack.checklist)} checklist items, {len(pack.questions)} "
                f"questions, {len(pack.research)} research items, "
                f"{len(pack.competencies)} competencies"
            )

    def problems(self) -> Sequence[str]:
        return [str(p) for check in self.checks for p in check.problems]


def content_validate(ctx: Context) -> Result:
    """Validate a pack (and the templates); every problem on its own line, exit 2 if any."""
    library = ctx.library
    checks = library.check(Path(ctx.args.dir) if ctx.args.dir else None)
    if not checks:
        raise InputError(f"no content packs in {library.content_dir}")
    return Validated(checks)


def demo(ctx: Context) -> Result:
    """Fill a throwaway data folder with a mid-way candidate and open the app on it."""
    import tempfile

    from planner.demo import fill_demo

    if not ctx.args.no_tui:
        ctx.need_terminal()  # before the demo folder is filled

    folder = (
        Path(ctx.args.keep) if ctx.args.keep else Path(tempfile.mkdtemp(prefix="planner-demo-"))
    )
    planner = fill_demo(folder, ctx.library, ctx.today)
    note = [f"demo data in {folder}"]
    return Lines(note) if ctx.args.no_tui else OpenApp(planner, note)
