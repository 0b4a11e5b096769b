"""The `papermine` command: thin click commands over the library.

Each command opens what it needs, calls one library function and formats the
result; library errors become one-line messages with exit status 1.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from pathlib import Path

import click

from .errors import PapermineError
from .parse import DEFAULT_BACKEND, PDF_BACKENDS, parse_file

__all__ = ["cli", "main"]

DEFAULT_DB = "papermine.db"


def json_option(fn):
    return click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")(fn)


def db_option(fn):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False),
                        default=lambda: os.environ.get("PAPERMINE_DB", DEFAULT_DB),
                        show_default="papermine.db or $PAPERMINE_DB",
                        help="The SQLite database file.")(fn)


def council_option(fn):
    return click.option("--council", help="Only this council (part of the name).")(fn)


def pdf_backend_option(fn):
    return click.option("--pdf-backend", type=click.Choice(PDF_BACKENDS), default=DEFAULT_BACKEND,
                        show_default=True,
                        help="The library that reads PDFs: pdfium (fast) or pdfplumber (the reference).")(fn)


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


def _meta_values(council, committee, meeting_date) -> dict:
    """The metadata options as the parser takes them."""
    return {"council": council, "committee": committee, "date": meeting_date}


def _parse_with_options(file: Path, council, committee, meeting_date, manifest, pdf_backend=DEFAULT_BACKEND):
    return parse_file(file, manifest=manifest, options=_meta_values(council, committee, meeting_date),
                      pdf_backend=pdf_backend)


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
@pdf_backend_option
@reports_errors
def parse(file, as_json, council, committee, meeting_date, manifest, pdf_backend):
    """Parse one paper into sections and numbered paragraphs.

    Example: papermine parse corpora/durham/2024-01-26_corporate-parenting-panel_clasp-update.txt --json
    """
    doc = _parse_with_options(file, council, committee, meeting_date, manifest, pdf_backend)
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
@pdf_backend_option
@reports_errors
def tag(file_or_doc, as_json, db_path, council, committee, meeting_date, manifest, model, pdf_backend):
    """Tag a paper's priorities, agencies and reporting lines, with evidence.

    FILE_OR_DOC is a paper (PDF or text) or the id of a stored paper.

    Example: papermine tag corpora/durham/2022-08_corporate-parenting-panel_clasp-annual-report.txt
    """
    from .nlp import tag_document
    doc, stored_tags = _load_document(file_or_doc, db_path, council, committee, meeting_date, manifest,
                                      pdf_backend)
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


def _query(db_path: str, as_json: bool, nothing: str, fn, *args):
    """Run a store query; print JSON (returning None) or return its rows for
    the readable view. Nothing found is an error (exit 1)."""
    from .store import open_store
    with open_store(db_path, create=False) as store:
        rows = fn(store, *args)
    if as_json:
        emit_json(rows)
        return None
    if not rows:
        raise click.ClickException(nothing)
    return rows


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
@pdf_backend_option
@reports_errors
def ingest(paths, db_path, workers, council, committee, meeting_date, manifest, quiet, as_json, pdf_backend):
    """Parse, tag and store papers (files or folders, recursively).

    Unchanged files are skipped, changed ones replaced; a bad file is named with
    its reason and the rest go on. Exit status 1 if any file failed.

    Example: papermine ingest corpora --db papermine.db
    """
    from .store import find_papers, ingest as run_ingest, open_store
    papers = find_papers(paths)
    total = len(papers)
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

        with bar if bar is not None else contextlib.nullcontext():
            report = run_ingest(store, papers, workers=workers, manifest=manifest,
                                options=_meta_values(council, committee, meeting_date),
                                pdf_backend=pdf_backend, on_outcome=on_outcome)
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
    from .store import Store
    rows = _query(db_path, as_json, f"no stored papers match in {db_path}", Store.documents,
                  council, since, until)
    for r in rows or []:
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


def _paper_and_tags(ref: str, db_path: str, pdf_backend: str = DEFAULT_BACKEND):
    """A paper and its tags, from a file (parsed and tagged now) or the store."""
    from .nlp import tag_document
    doc, tags = _load_document(ref, db_path, pdf_backend=pdf_backend)
    return doc, tags if tags is not None else tag_document(doc)


@cli.command()
@click.argument("a")
@click.argument("b")
@db_option
@json_option
@pdf_backend_option
@reports_errors
def diff(a, b, db_path, as_json, pdf_backend):
    """What changed from paper A to paper B: priorities and governance.

    A and B are files or stored document ids (two files need no database);
    papers of two councils compare too.

    Example: papermine diff durham_undated_children-looked durham_2024-01-26
    """
    from .compare import diff_papers
    doc_a, tags_a = _paper_and_tags(a, db_path, pdf_backend)
    doc_b, tags_b = _paper_and_tags(b, db_path, pdf_backend)
    result = diff_papers(doc_a, tags_a, doc_b, tags_b)
    if as_json:
        emit_json(result)
        return
    _print_change(result)


def _cite(entry: dict) -> str:
    e = entry["evidence"]
    return f"{e['doc'].split('_')[0]} {e['doc'].split('_')[1]} ¶{e['paragraph'] or '-'} p{e['page'] or '-'}"


def _print_change(result: dict, sections=(("dropped", "before"), ("new", "after"))) -> None:
    """The readable view shared by diff and dropped."""
    f, t = result["from"], result["to"]
    click.echo(click.style(f"from {f['id']} ({f['date'] or f['year'] or 'undated'})\n"
                           f"  to {t['id']} ({t['date'] or t['year'] or 'undated'})", bold=True))
    for name, side in sections:
        click.echo(click.style(f"\n{name.capitalize()} priorities ({len(result[name])})", bold=True))
        for entry in result[name]:
            p = entry[side]
            click.echo(f"  - [{p['theme']}] {_short(p['text'], 100)}\n      {_cite(p)}")
    for name in ("reworded", "persisted"):
        click.echo(click.style(f"\n{name.capitalize()} ({len(result[name])})", bold=True))
        for entry in result[name]:
            why = entry.get("why") or (f"score {entry['score']}" if "score" in entry else "")
            click.echo(f"  - {_short(entry['before']['text'], 70)}  [{_cite(entry['before'])}]\n"
                       f"    => {_short(entry['after']['text'], 70)}  [{_cite(entry['after'])}]  {why}")
    for name in ("merged", "split"):
        for entry in result.get(name, []):
            before = entry["before"] if isinstance(entry["before"], list) else [entry["before"]]
            after = entry["after"] if isinstance(entry["after"], list) else [entry["after"]]
            click.echo(f"  {name}: {' + '.join(_short(p['text'], 40) for p in before)} => "
                       f"{' + '.join(_short(p['text'], 40) for p in after)}")
    gov = result["governance"]
    click.echo(click.style("\nGovernance", bold=True))
    for r in gov["renamed"]:
        click.echo(f"  renamed: {r['before']} -> {r['after']} ({r['why']})")
    for label, key in (("added", "added"), ("removed", "removed")):
        for line in gov[key]:
            freq = f" ({line['frequency']})" if line["frequency"] else ""
            click.echo(f"  {label}: {line['from']} -{line['relation']}{freq}-> {line['to']}  [{_cite(line)}]")
    for change in gov["changed"]:
        line = change["after"][0]
        click.echo(f"  changed: {line['from']} -{line['relation']}-> {line['to']}: {change['what']}  "
                   f"[{_cite(change['before'][0])} => {_cite(line)}]")
    for label, key in (("joined", "joined"), ("left", "left")):
        for line in gov["members"][key]:
            click.echo(f"  member {label}: {line['from']} ({line['to']})  [{_cite(line)}]")


@cli.command()
@db_option
@since_until_options
@json_option
@reports_errors
def dropped(db_path, council, since, until, as_json):
    """Priorities each council dropped (there, then in no later paper), with evidence.

    Also lists what persisted, was reworded or is new between the first and last
    paper in the window, and how governance changed.

    Example: papermine dropped --council durham --since 2018
    """
    from .compare import dropped_priorities
    results = _query(db_path, as_json, "no stored papers with priorities match", dropped_priorities,
                     council, since, until)
    for result in results or []:
        click.echo(click.style(f"\n== {result['council']}: {result['papers']} papers", bold=True))
        click.echo(click.style(f"Dropped ({len(result['dropped'])})", bold=True))
        for d in result["dropped"]:
            b = d["before"]
            later = d["later_papers"] - 1
            click.echo(f"  - [{b['theme']}] {_short(b['text'], 100)}\n"
                       f"      first in {_cite(d['first_seen'])}; last in {_cite(b)}; not in "
                       f"{d['dropped_in']['id']}" + (f" nor {later} later paper(s)" if later else ""))
        _print_change(result, sections=(("new", "after"),))     # its drops are listed above


@cli.command()
@click.option("--theme", help="One theme (see models/themes.jsonl); default all.")
@council_option
@db_option
@json_option
@reports_errors
def timeline(theme, council, db_path, as_json):
    """A theme's presence year by year (priorities per council and year).

    Example: papermine timeline --theme "care leavers and the local offer"
    """
    from .compare import theme_timeline
    from .nlp import theme_labels
    if theme and theme not in theme_labels():
        raise click.ClickException(f"unknown theme {theme!r}; themes: {', '.join(theme_labels())}")
    rows = _query(db_path, as_json, "no priorities match", theme_timeline, theme, council)
    if rows is None:
        return
    years = sorted({y for r in rows for y in r["papers_by_year"]})
    head = f"{'council':<28} {'theme':<42} " + " ".join(f"{str(y)[2:]:>3}" for y in years)
    click.echo(head)
    for r in rows:
        cells = []
        for y in years:
            if y not in r["papers_by_year"]:
                cells.append("  ·")          # no paper that year
            else:
                cells.append(f"{r['years'].get(y, 0) or '-':>3}")
        click.echo(f"{_short(r['council'] or '-', 28):<28} {_short(r['theme'], 42):<42} " + " ".join(cells))
    click.echo("(number of priorities with the theme; '-' paper without it; '·' no paper that year)")


@cli.command()
@council_option
@db_option
@json_option
@reports_errors
def agencies(council, db_path, as_json):
    """Each agency's first and last appearance in each council's papers.

    Example: papermine agencies --council durham
    """
    from .compare import agency_presence
    for r in _query(db_path, as_json, "no agencies match", agency_presence, council) or []:
        state = "still present" if r["still_present"] else "not in the latest paper"
        click.echo(f"{_short(r['council'] or '-', 24):<24} {_short(r['canonical'], 48):<48} "
                   f"{r['first']['date'] or r['first']['year'] or '?'} .. {r['last']['date'] or r['last']['year'] or '?'}"
                   f"  in {r['mentioned_in']}/{r['council_papers']} papers, {state}")


@cli.command()
@council_option
@db_option
@json_option
@reports_errors
def lines(council, db_path, as_json):
    """Reporting lines and relations with their frequency and the years they held.

    Example: papermine lines --council durham
    """
    from .compare import reporting_lines_over_time
    for r in _query(db_path, as_json, "no reporting lines match", reporting_lines_over_time, council) or []:
        held = ", ".join(f"{year}: {'/'.join(f) or '-'}" for year, f in r["years"].items())
        click.echo(f"{r['from']} -{r['relation']}-> {r['to']}  [{held}]")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "csv", "svg", "png"]),
              required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@council_option
@db_option
@reports_errors
def graph(fmt, output, council, db_path):
    """Export the governance graph (bodies, agencies, relations over time).

    GEXF carries time intervals for Gephi's timeline; csv writes an edge list
    and a .nodes.csv beside it; svg/png draw a picture.

    Example: papermine graph --format gexf -o governance.gexf --council durham
    """
    from .graph import WRITERS, to_graph
    from .store import open_store
    with open_store(db_path, create=False) as store:
        g = to_graph(store, council)
    if g.number_of_nodes() == 0:
        raise click.ClickException("no bodies or relations match")
    WRITERS[fmt](g, output)
    click.echo(f"wrote {output} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@council_option
@db_option
@reports_errors
def report(output, council, db_path):
    """Write a self-contained HTML report to open in a browser and send on.

    Example: papermine report -o report.html --council durham
    """
    from .report import write_report
    from .store import open_store
    with open_store(db_path, create=False) as store:
        if not store.documents(council):
            raise click.ClickException("no stored papers match")
        write_report(store, output, council)
    click.echo(f"wrote {output}")


def _load_document(file_or_doc, db_path, council=None, committee=None, meeting_date=None, manifest=None,
                   pdf_backend=DEFAULT_BACKEND):
    """(Document, stored Tags or None): a paper from a file, else a stored paper by id."""
    path = Path(file_or_doc)
    if path.exists():
        return _parse_with_options(path, council, committee, meeting_date, manifest, pdf_backend), None
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
