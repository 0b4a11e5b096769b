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


@cli.command()
@click.argument("file_or_doc")
@json_option
@db_option
@meta_options
@click.option("--model", help="An installed trained spaCy pipeline to add (never downloaded).")
@reports_errors
def tag(file_or_doc, as_json, db_path, council, committee, meeting_date, manifest, model):
    """Tag a paper's priorities, agencies and reporting lines, with evidence.

    FILE_OR_DOC is a paper (PDF or text) or the id of a stored paper.

    Example: papermine tag corpora/durham/2022-08_corporate-parenting-panel_clasp-annual-report.txt
    """
    from .nlp import tag_document
    doc = _load_document(file_or_doc, db_path, council, committee, meeting_date, manifest)
    tags = tag_document(doc, model=model)
    if as_json:
        emit_json(tags.to_dict())
        return
    click.echo(click.style(f"{doc.id}  {doc.meta.title or ''}", bold=True))
    click.echo(click.style(f"\nPriorities ({len(tags.priorities)})", bold=True))
    for p in tags.priorities:
        click.echo(f"  {_ref(p.evidence)}  [{p.kind}] {p.theme}: {_short(p.text, 90)}")
    click.echo(click.style(f"\nAgencies ({len(tags.agencies)})", bold=True))
    for a in tags.agencies:
        refs = ", ".join(sorted({_ref(e) for e in a.evidence}, key=_ref_order))
        click.echo(f"  {a.canonical} [{a.kind}]  {refs}")
    click.echo(click.style(f"\nReporting lines and relations ({len(tags.reporting_lines)})", bold=True))
    for r in tags.reporting_lines:
        freq = f" ({r.frequency})" if r.frequency else ""
        click.echo(f"  {_ref(r.evidence)}  {r.source} -{r.relation}{freq}-> {r.target}  [{r.modality}]")


def _load_document(file_or_doc, db_path, council=None, committee=None, meeting_date=None, manifest=None):
    """A paper from a file, else a stored paper by id."""
    path = Path(file_or_doc)
    if path.exists():
        return _parse_with_options(path, council, committee, meeting_date, manifest)
    from .store import open_store
    if not Path(db_path).exists():
        raise click.ClickException(f"{file_or_doc}: no such file, and no database at {db_path}")
    with open_store(db_path) as store:
        return store.load_document(file_or_doc)


def _ref(evidence) -> str:
    para = evidence.paragraph if evidence.paragraph is not None else "-"
    page = f"p{evidence.page}" if evidence.page else "p-"
    return f"¶{para} {page}"


def _ref_order(ref: str):
    number = ref.split()[0][1:]
    return tuple(int(x) if x.isdigit() else 0 for x in number.split(".")) if number[:1].isdigit() else (10**6,)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def main() -> None:
    cli(prog_name="papermine")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
