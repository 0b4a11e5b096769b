"""The `papermine` command: thin click commands over the library.

Each command opens what it needs, calls one library function and formats the
result; library errors become one-line messages with exit status 1.
"""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from .errors import PapermineError
from .parse import parse_file

__all__ = ["cli", "main"]

DEFAULT_DB = "papermine.db"


def json_option(fn):
    return click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")(fn)


def db_option(fn):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False),
                        default=lambda: os.environ.get("PAPERMINE_DB", DEFAULT_DB),
                        show_default="papermine.db or $PAPERMINE_DB",
                        help="The SQLite database file.")(fn)


def meta_options(fn):
    """Metadata a paper does not print, given on the command line."""
    fn = click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                      help="A manifest CSV (default: manifest.csv beside the file or above it).")(fn)
    fn = click.option("--date", "meeting_date", help="Meeting date (yyyy-mm-dd).")(fn)
    fn = click.option("--committee", help="The committee or meeting body.")(fn)
    return click.option("--council", help="The council.")(fn)


def reports_errors(fn):
    """Turn papermine's errors into one-line messages (exit 1), never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except PapermineError as exc:
            raise click.ClickException(str(exc)) from exc
    return wrapper


def emit_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _parse_with_options(file: Path, council, committee, meeting_date, manifest):
    options = {"council": council, "committee": committee, "date": meeting_date}
    return parse_file(file, manifest=manifest, options=options)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="papermine")
def cli():
    """Mine and compare local-government committee papers.

    Example: papermine parse corpora/durham/2024-01-26_corporate-parenting-panel_clasp-update.txt
    """


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@json_option
@meta_options
@reports_errors
def parse(file, as_json, council, committee, meeting_date, manifest):
    """Parse one paper into sections and numbered paragraphs.

    Example: papermine parse corpora/durham/2024-01-26_corporate-parenting-panel_clasp-update.txt --json
    """
    doc = _parse_with_options(file, council, committee, meeting_date, manifest)
    if as_json:
        emit_json(doc.to_dict())
        return
    meta = doc.meta
    click.echo(click.style(doc.id, bold=True))
    for name in ("council", "committee", "date", "title", "report_of", "period"):
        value = getattr(meta, name)
        origin = meta.provenance.get(name, "not printed")
        click.echo(f"  {name:<10} {value if value else '-'}  ({origin})")
    click.echo(f"  {'pages':<10} {doc.pages or '-'}   paragraphs {len(doc.paragraphs)}"
               f" (numbered {sum(1 for p in doc.paragraphs if p.number)})")
    for warning in doc.warnings:
        click.echo(f"  warning: {warning}")
    for section in doc.sections:
        paras = [p for p in doc.paragraphs if p.section == section.index]
        if section.heading is None and not paras:
            continue
        indent = "  " * section.level
        click.echo(f"\n{indent}{click.style(section.heading or '(front)', bold=True)} [{section.kind}]")
        for para in paras:
            page = f"p{para.page}" if para.page else "p-"
            label = para.number if para.number is not None else "·"
            snippet = para.text[:70] + ("…" if len(para.text) > 70 else "")
            click.echo(f"{indent}  {label:>5} {page:>4}  {snippet}")
            for item in para.items:
                tag = f"({item.label})" if item.label and item.kind in ("lettered", "roman") \
                    else (item.label or ("•" if item.kind == "bullet" else "▸"))
                click.echo(f"{indent}  {'':>5} {'':>4}  {'  ' * item.level}{tag} {item.text[:60]}")


def main() -> None:
    cli(prog_name="papermine")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
