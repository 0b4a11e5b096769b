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
    doc, stored_tags = _load_document(file_or_doc, db_path, council, committee, meeting_date, manifest)
    tags = stored_tags if stored_tags is not None and not model else tag_document(doc, model=model)
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


def since_until_options(fn):
    fn = click.option("--until", type=int, help="Only papers of this year or earlier.")(fn)
    fn = click.option("--since", type=int, help="Only papers of this year or later.")(fn)
    return click.option("--council", help="Only this council's papers (part of the name).")(fn)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes for parsing and tagging (default: the number of cores).")
@meta_options
@click.option("--quiet", is_flag=True, help="No progress bar.")
@json_option
@reports_errors
def ingest(paths, db_path, workers, council, committee, meeting_date, manifest, quiet, as_json):
    """Parse, tag and store papers (files or folders, recursively).

    Unchanged files are skipped, changed ones replaced; a bad file is named with
    its reason and the rest go on. Exit status 1 if any file failed.

    Example: papermine ingest corpora --db papermine.db
    """
    from .store import find_papers, ingest as run_ingest, open_store
    options = {"council": council, "committee": committee, "date": meeting_date}
    total = len(find_papers(paths))
    with open_store(db_path) as store:
        show_bar = not quiet and not as_json and total > 1 and sys.stderr.isatty()
        bar = click.progressbar(length=total, label="ingesting", file=sys.stderr,
                                show_pos=True) if show_bar else None
        counts = {"stored": 0, "replaced": 0, "skipped": 0, "failed": 0}

        def on_outcome(outcome):
            counts[outcome.status] += 1
            if outcome.status == "failed":
                click.echo(f"failed: {outcome.error}", err=True)
            if bar is not None:
                bar.label = (f"stored {counts['stored'] + counts['replaced']} skipped {counts['skipped']} "
                             f"failed {counts['failed']}")
                bar.update(1)

        if bar is not None:
            with bar:
                report = run_ingest(store, paths, workers=workers, manifest=manifest,
                                    options=options, on_outcome=on_outcome)
        else:
            report = run_ingest(store, paths, workers=workers, manifest=manifest,
                                options=options, on_outcome=on_outcome)
    if as_json:
        emit_json({"stored": report.count("stored"), "replaced": report.count("replaced"),
                   "skipped": report.count("skipped"), "failed": [
                       {"path": o.path, "error": o.error} for o in report.failed],
                   "documents": [{"path": o.path, "id": o.doc_id, "status": o.status}
                                 for o in report.outcomes if o.doc_id],
                   "interrupted": report.interrupted})
    else:
        click.echo(report.summary())
    if report.failed or report.interrupted:
        sys.exit(1)


@cli.command()
@db_option
@since_until_options
@json_option
@reports_errors
def docs(db_path, council, since, until, as_json):
    """List the stored papers with their counts.

    Example: papermine docs --council durham
    """
    from .store import open_store
    with open_store(db_path, create=False) as store:
        rows = store.documents(council, since, until)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        raise click.ClickException(f"no stored papers match in {db_path}")
    for r in rows:
        click.echo(f"{r['id']}\n    {r['council'] or '-'} | {r['committee'] or '-'} | "
                   f"{r['date'] or (str(r['year']) + ' (year)' if r['year'] else 'undated')} | "
                   f"{r['title'] or '-'}\n    paragraphs {r['paragraphs']}, priorities {r['priorities']}, "
                   f"agencies {r['agencies']}, relations {r['relations']}")


@cli.command()
@click.argument("doc")
@click.option("--para", "number", help="Show only this paragraph (as printed, e.g. 12 or 2.3).")
@db_option
@json_option
@reports_errors
def show(doc, number, db_path, as_json):
    """Show a stored paper, or one paragraph with its section and page.

    DOC is a document id or an unambiguous start of one.

    Example: papermine show durham_2024-01-26 --para 4
    """
    from .store import open_store
    with open_store(db_path, create=False) as store:
        if number:
            rows = store.paragraph(doc, number)
            if as_json:
                emit_json(rows)
                return
            for r in rows:
                click.echo(f"{r['doc_id']} ¶{r['number']} p{r['page'] or '-'} [{r['section']}]\n{r['text']}")
            return
        document = store.load_document(doc)
    if as_json:
        emit_json(document.to_dict())
        return
    click.echo(click.style(f"{document.id}: {document.meta.title or '-'}", bold=True))
    for section in document.sections:
        paras = [p for p in document.paragraphs if p.section == section.index]
        if section.heading:
            click.echo(click.style(f"\n{section.heading} [{section.kind}]", bold=True))
        for p in paras:
            click.echo(f"{p.number or '·':>5} {('p' + str(p.page)) if p.page else 'p-':>4}  {p.full_text}")


@cli.command()
@click.argument("query")
@db_option
@since_until_options
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@json_option
@reports_errors
def search(query, db_path, council, since, until, limit, as_json):
    """Full-text search over stored paragraphs, best matches first.

    QUERY uses SQLite FTS5 syntax: words, "quoted phrases", AND/OR/NOT, prefix*.

    Example: papermine search "report quarterly" --council durham
    """
    from .store import open_store
    with open_store(db_path, create=False) as store:
        hits = store.search(query, council, since, until, limit)
    if as_json:
        emit_json(hits)
        return
    if not hits:
        raise click.ClickException(f"nothing found for {query!r}")
    for h in hits:
        click.echo(f"{h['doc']} ({h['date'] or h['year'] or 'undated'}) ¶{h['paragraph'] or '-'} "
                   f"p{h['page'] or '-'} [{h['section'] or '-'}]\n    {h['snippet']}")


def _load_document(file_or_doc, db_path, council=None, committee=None, meeting_date=None, manifest=None):
    """(Document, stored Tags or None): a paper from a file, else a stored paper by id."""
    path = Path(file_or_doc)
    if path.exists():
        return _parse_with_options(path, council, committee, meeting_date, manifest), None
    from .store import open_store
    if not Path(db_path).exists():
        raise click.ClickException(f"{file_or_doc}: no such file, and no database at {db_path}")
    with open_store(db_path, create=False) as store:
        return store.load_document(file_or_doc), store.load_tags(file_or_doc)


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
