"""The `papermine` command: thin click commands over the library.

Each command opens what it needs, calls one library function and formats the
result; library errors become one-line messages with exit status 1.
"""
from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import shlex
import sqlite3
import sys
from pathlib import Path

import click

from .errors import PapermineError, display_name, one_line
from .limits import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_S, MIN_MEMORY_MB
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


def ocr_option(fn):
    return click.option("--no-ocr", "no_ocr", is_flag=True,
                        help="Do not read scanned PDF pages by OCR (they are skipped with a warning).")(fn)


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


def _parse_with_options(file: Path, council, committee, meeting_date, manifest, ocr=True,
                       pdf_backend=DEFAULT_BACKEND):
    return parse_file(file, manifest=manifest, options=_meta_values(council, committee, meeting_date),
                      ocr=ocr, pdf_backend=pdf_backend)


def _ocr_summary(ocr_pages: dict[int, float]) -> str:
    """'2 (95%), 3 (94%)': the pages read by OCR with their mean confidence."""
    return ", ".join(f"{n} ({c:.0f}%)" if c is not None else str(n) for n, c in sorted(ocr_pages.items()))


class _OneLineGroup(click.Group):
    """Every failure ends in one line on stderr and a non-zero status, never a
    traceback: usage errors (exit 2) without the usage block, and errors that
    escape a command (a full disk, a folder that went away, a bug) as one line
    naming what failed (exit 1). PAPERMINE_DEBUG=1 shows the traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        if not logging.getLogger().handlers:   # PDF libraries log warnings: not lines for the user
            logging.getLogger().addHandler(logging.NullHandler())
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            hint = f" (see {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            click.echo(f"Error: {one_line(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Error: {one_line(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("PAPERMINE_DEBUG"):
                raise
            raise click.ClickException(_failure(exc)) from exc


def _failure(exc: BaseException) -> str:
    """An error that escaped a command, as one line."""
    if isinstance(exc, OSError):
        where = f"{display_name(exc.filename)}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, UnicodeEncodeError) and "surrogates" in str(exc):
        return "an argument holds bytes that are not text in this system's encoding: give it as UTF-8"
    if isinstance(exc, sqlite3.Error):
        return f"database error ({one_line(str(exc))})"
    return f"internal error ({type(exc).__name__}: {one_line(str(exc))}); set PAPERMINE_DEBUG=1 for details"


@click.group(cls=_OneLineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="papermine")
def cli():
    """Mine and compare local-government committee papers.

    Example: papermine parse corpora/durham/2024-01-26_corporate-parenting-panel_clasp-update.txt
    """


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@json_option
@meta_options
@ocr_option
@pdf_backend_option
@reports_errors
def parse(file, as_json, council, committee, meeting_date, manifest, no_ocr, pdf_backend):
    """Parse one paper into sections and numbered paragraphs.

    Scanned PDF pages (no text layer) are read by OCR with Tesseract, and marked.

    Example: papermine parse corpora/durham/2024-01-26_corporate-parenting-panel_clasp-update.txt --json
    """
    doc = _parse_with_options(file, council, committee, meeting_date, manifest, ocr=not no_ocr,
                              pdf_backend=pdf_backend)
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
               f" (numbered {sum(1 for p in doc.paragraphs if p.number)})   tables {len(doc.tables)}")
    if doc.ocr_pages:
        click.echo(f"  {'ocr':<10} pages read by OCR (mean confidence): {_ocr_summary(doc.ocr_pages)}")
    for warning in doc.warnings:
        click.echo(f"  warning: {warning}")
    for section in doc.sections:
        paras = [p for p in doc.paragraphs if p.section == section.index]
        if section.heading is None and not paras:
            continue
        indent = "  " * section.level
        heading = f"{section.number}. {section.heading}" if section.number else section.heading or "(front)"
        click.echo(f"\n{indent}{click.style(heading, bold=True)} [{section.kind}]")
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
@ocr_option
@click.option("--model", help="An installed trained spaCy pipeline to add (never downloaded).")
@pdf_backend_option
@reports_errors
def tag(file_or_doc, as_json, db_path, council, committee, meeting_date, manifest, no_ocr, model, pdf_backend):
    """Tag a paper's priorities, agencies and reporting lines, with evidence.

    FILE_OR_DOC is a paper (PDF or text) or the id of a stored paper.

    Example: papermine tag corpora/durham/2022-08_corporate-parenting-panel_clasp-annual-report.txt
    """
    doc, stored_tags = _load_document(file_or_doc, db_path, council, committee, meeting_date, manifest,
                                      ocr=not no_ocr, pdf_backend=pdf_backend)
    if stored_tags is not None and not model:
        tags = stored_tags
    else:
        from .nlp import tag_document
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


def _nothing(message: str):
    """Nothing found where something was required: exit 1 in both output modes
    (the JSON, an empty list, is printed first)."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def _query(db_path: str, as_json: bool, nothing: str, fn, *args):
    """Run a store query; print JSON (returning None) or return its rows and the
    papers' short ids for the readable view. Nothing found exits 1 either way."""
    from .store import open_store
    with open_store(db_path, create=False) as store:
        rows = fn(store, *args)
        labels = store.short_ids()
    if as_json:
        emit_json(rows)
    if not rows:
        _nothing(nothing)
    return None if as_json else (rows, labels)


#: A year given on the command line (a paper's year is stored as a small integer).
YEAR = click.IntRange(1000, 9999)


def since_until_options(fn):
    fn = click.option("--until", type=YEAR, help="Only papers of this year or earlier (an undated paper "
                                                 "counts in the year of the period it covers).")(fn)
    fn = click.option("--since", type=YEAR, help="Only papers of this year or later.")(fn)
    return click.option("--council", help="Only this council's papers (part of the name).")(fn)


def _table(rows: list[list], headers: list[str], widths: list[int | None] | None = None) -> None:
    """A plain-text table (tabulate), long cells wrapped at `widths`."""
    from tabulate import tabulate
    click.echo(tabulate(rows, headers=headers, tablefmt="simple", maxcolwidths=widths,
                        disable_numparse=True))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes for parsing and tagging (default: the number of cores).")
@click.option("--max-memory", type=click.IntRange(MIN_MEMORY_MB), default=DEFAULT_MAX_MEMORY_MB, show_default=True,
              metavar="MB", help="Memory (address space) a worker may use for one paper.")
@click.option("--timeout", type=click.FloatRange(1), default=DEFAULT_TIMEOUT_S, show_default=True,
              metavar="SECONDS", help="CPU time one paper may take.")
@click.option("--max-pages", type=click.IntRange(1), default=DEFAULT_MAX_PAGES, show_default=True,
              help="Pages one paper may have (text: in 16 KB pages).")
@meta_options
@ocr_option
@click.option("-v", "--verbose", is_flag=True, help="Name the files in the folders that were passed over.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@json_option
@pdf_backend_option
@reports_errors
def ingest(paths, db_path, workers, max_memory, timeout, max_pages, council, committee, meeting_date,
           manifest, no_ocr, verbose, quiet, as_json, pdf_backend):
    """Parse, tag and store papers (files or folders, recursively).

    Unchanged files are skipped, changed ones replaced; a bad file is named with
    its reason and the rest go on. Each paper is read in a worker process within
    --max-memory, --timeout and --max-pages; one over a limit, or whose worker
    dies, is named and the batch goes on. From folders only PDFs and .txt files
    are read; -v names the other files passed over. Exit status 1 if any file
    failed or the database could not be written (the summary says what was stored).

    Example: papermine ingest corpora --db papermine.db
    """
    from .store import Limits, ingest as run_ingest, open_store, scan_paths
    scan = scan_paths(paths)
    total = len(scan.papers)
    if verbose:
        for name, reason in scan.passed_over:
            click.echo(f"passed over: {name} ({reason})", err=True)
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
            report = run_ingest(store, paths, workers=workers, manifest=manifest,
                                options=_meta_values(council, committee, meeting_date),
                                ocr=not no_ocr, pdf_backend=pdf_backend, limits=Limits(max_memory, timeout, max_pages),
                                on_outcome=on_outcome)
    if report.stopped:
        click.echo(f"stopped: {report.stopped}", err=True)
    if as_json:
        emit_json({"stored": report.count("stored"), "replaced": report.count("replaced"),
                   "skipped": report.count("skipped"), "failed": [
                       {"path": o.path, "error": o.error} for o in report.failed],
                   "documents": [{"path": o.path, "id": o.doc_id, "status": o.status}
                                 for o in report.outcomes if o.doc_id],
                   "passed_over": [{"path": name, "reason": reason} for name, reason in report.passed_over],
                   "stopped": report.stopped, "interrupted": report.interrupted})
    else:
        click.echo(report.summary())
    if report.failed or report.interrupted or report.stopped:
        sys.exit(1)


@cli.command()
@db_option
@since_until_options
@json_option
@reports_errors
def docs(db_path, council, since, until, as_json):
    """List the stored papers with their short ids and counts.

    A paper's short id (council/date, or council/year where no date is printed)
    works wherever a document id is asked for.

    Example: papermine docs --council durham
    """
    from .store import Store

    def listing(store, *args):
        rows = Store.documents(store, *args)
        short = store.short_ids()
        return [{"short_id": short.get(r["id"]), **r} for r in rows]
    found = _query(db_path, as_json, f"no stored papers match in {db_path}", listing, council, since, until)
    if found is None:
        return
    rows, _ = found
    _table([[r["short_id"], r["council"] or "-", r["committee"] or "-", _when(r),
             r["title"] or "-", r["paragraphs"], r["priorities"], r["agencies"], r["relations"]]
            for r in rows],
           ["paper", "council", "committee", "date", "title", "¶", "priorities", "agencies", "relations"],
           [None, 24, 24, None, 48, None, None, None, None])


def _when(row: dict) -> str:
    from .store.refs import when
    return when(row.get("date"), row.get("year"))


@cli.command()
@click.argument("doc")
@click.option("--para", "number", help="Show only this paragraph (as printed, e.g. 12, 2.3 or a).")
@db_option
@json_option
@reports_errors
def show(doc, number, db_path, as_json):
    """Show a stored paper, or one paragraph with its section and page.

    DOC is a document id, a short id (durham/2024-01-26), an unambiguous start
    of an id, or words naming one paper ("durham 2022 annual report").

    Example: papermine show durham/2024-01-26 --para 4
    """
    from .store import open_store
    with open_store(db_path, create=False) as store:
        if number:
            rows = store.paragraph(doc, number)
            if as_json:
                emit_json(rows)
                return
            short = store.short_ids()
            for r in rows:
                ocr = " (read by OCR)" if r["ocr"] else ""
                if r["ocr_confidence"] is not None:
                    ocr = f" (read by OCR, mean confidence {r['ocr_confidence']:.0f}%)"
                click.echo(f"{short.get(r['doc_id'], r['doc_id'])} ¶{r['number']} p{r['page'] or '-'} "
                           f"[{r['section']}]{ocr}\n{r['text']}")
            return
        document = store.load_document(doc)
        label = store.short_ids().get(document.id, document.id)
    if as_json:
        emit_json(document.to_dict())
        return
    click.echo(click.style(f"{label}: {document.meta.title or '-'}", bold=True))
    click.echo(f"id {document.id}")
    if document.ocr_pages:
        click.echo(f"pages read by OCR (mean confidence): {_ocr_summary(document.ocr_pages)}; "
                   "their paragraphs are marked [OCR]")
    for section in document.sections:
        paras = [p for p in document.paragraphs if p.section == section.index]
        if section.heading:
            click.echo(click.style(f"\n{section.heading} [{section.kind}]", bold=True))
        for p in paras:
            click.echo(f"{p.number or '·':>5} {('p' + str(p.page)) if p.page else 'p-':>4}  "
                       f"{'[OCR] ' if p.ocr else ''}{p.full_text}")
    for n, table in enumerate(document.tables, start=1):
        click.echo(click.style(f"\nTable {n} (page {table.page or '-'}, "
                               f"{len(table.rows)} rows)", bold=True))
        for row in table.rows:
            click.echo("  " + " | ".join(cell.replace("\n", " ") for cell in row))


@cli.command()
@click.argument("query")
@db_option
@since_until_options
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--fts", "raw", is_flag=True,
              help="QUERY is raw SQLite FTS5 syntax (AND/OR/NOT, NEAR, column filters).")
@json_option
@reports_errors
def search(query, db_path, council, since, until, limit, raw, as_json):
    """Full-text search over stored paragraphs, best matches first.

    Every word must be there; hyphenated words and numbers (multi-agency,
    18-25) and "quoted phrases" are phrases; a trailing * matches the start of
    a word (safeguard*). With --fts, QUERY is SQLite FTS5 syntax as written.

    Example: papermine search "report quarterly" --council durham
    """
    found = _query(db_path, as_json, f"nothing found for {query!r}",
                   lambda store: store.search(query, council, since, until, limit, raw=raw))
    if found is None:
        return
    for h in found[0]:
        click.echo(f"{h['short_id'] or h['doc']} ¶{h['paragraph'] or '-'} p{h['page'] or '-'} "
                   f"[{h['section'] or '-'}]\n    {h['snippet']}")


def _paper_and_tags(ref: str, db_path: str, ocr: bool = True, pdf_backend: str = DEFAULT_BACKEND):
    """A paper and its tags, from a file (parsed and tagged now) or the store."""
    doc, tags = _load_document(ref, db_path, ocr=ocr, pdf_backend=pdf_backend)
    if tags is None:
        from .nlp import tag_document
        tags = tag_document(doc)
    return doc, tags


@cli.command()
@click.argument("a")
@click.argument("b")
@db_option
@ocr_option
@json_option
@pdf_backend_option
@reports_errors
def diff(a, b, db_path, no_ocr, as_json, pdf_backend):
    """What changed from paper A to paper B: priorities and governance.

    A and B are files or stored papers (ids, short ids such as durham/2022, or
    words naming one paper); two files need no database; papers of two
    councils compare too.

    Example: papermine diff durham/2022 durham/2024-01-26
    """
    from .compare import diff_papers
    from .store.refs import make_short_ids
    doc_a, tags_a = _paper_and_tags(a, db_path, ocr=not no_ocr, pdf_backend=pdf_backend)
    doc_b, tags_b = _paper_and_tags(b, db_path, ocr=not no_ocr, pdf_backend=pdf_backend)
    result = diff_papers(doc_a, tags_a, doc_b, tags_b)
    if as_json:
        emit_json(result)
        return
    labels = make_short_ids([result["from"], result["to"]] if doc_a.id != doc_b.id else [result["from"]])
    _print_change(result, labels)


def _paper_line(paper: dict, labels: dict[str, str]) -> str:
    """`durham/2022 Children Looked After ... Annual Report 2021-22` (the date
    in brackets where the label does not show it)."""
    label = labels.get(paper["id"], paper["id"])
    when = _when(paper)
    return f"{label}{'' if when in label else f' ({when})'} {paper['title'] or ''}".rstrip()


def _cite(entry: dict, labels: dict[str, str]) -> str:
    """`durham/2024-01-26 ¶9 p3`: paper, paragraph as printed (¶- unnumbered), page (p- not known)."""
    e = entry["evidence"]
    return f"{labels.get(e['doc'], e['doc'])} ¶{e['paragraph'] or '-'} p{e['page'] or '-'}"


def _print_change(result: dict, labels: dict[str, str],
                  sections=(("dropped", "before"), ("new", "after"))) -> None:
    """The readable view shared by diff and dropped."""
    click.echo(click.style(f"from {_paper_line(result['from'], labels)}\n"
                           f"  to {_paper_line(result['to'], labels)}", bold=True))
    for name, side in sections:
        click.echo(click.style(f"\n{name.capitalize()} priorities ({len(result[name])})", bold=True))
        for entry in result[name]:
            p = entry[side]
            click.echo(f"  - [{p['theme']}] {_short(p['text'], 100)}\n      {_cite(p, labels)}")
    for name in ("reworded", "persisted"):
        click.echo(click.style(f"\n{name.capitalize()} ({len(result[name])})", bold=True))
        for entry in result[name]:
            why = entry.get("why") or (f"score {entry['score']}" if "score" in entry else "")
            click.echo(f"  - {_short(entry['before']['text'], 70)}  [{_cite(entry['before'], labels)}]\n"
                       f"    => {_short(entry['after']['text'], 70)}  [{_cite(entry['after'], labels)}]  {why}")
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
            click.echo(f"  {label}: {line['from']} -{line['relation']}{freq}-> {line['to']}  "
                       f"[{_cite(line, labels)}]")
    for change in gov["changed"]:
        line = change["after"][0]
        click.echo(f"  changed: {line['from']} -{line['relation']}-> {line['to']}: {change['what']}  "
                   f"[{_cite(change['before'][0], labels)} => {_cite(line, labels)}]")
    for label, key in (("joined", "joined"), ("left", "left")):
        for line in gov["members"][key]:
            click.echo(f"  member {label}: {line['from']} ({line['to']})  [{_cite(line, labels)}]")


@cli.command()
@db_option
@since_until_options
@json_option
@reports_errors
def dropped(db_path, council, since, until, as_json):
    """Priorities each council dropped (there, then in no later paper), with evidence.

    Also lists what persisted, was reworded or is new between the first and last
    paper in the window, and how governance changed. A council with one paper
    in the window is named as such: there is nothing to compare it with.

    Example: papermine dropped --council durham --since 2018
    """
    from .compare import dropped_priorities
    found = _query(db_path, as_json, "no stored papers with priorities match", dropped_priorities,
                   council, since, until)
    if found is None:
        return
    results, labels = found
    for result in results:
        papers = f"{result['papers']} paper" + ("s" if result["papers"] != 1 else "")
        click.echo(click.style(f"\n== {result['council']}: {papers}", bold=True))
        if not result["compared"]:
            click.echo(f"{_paper_line(result['from'], labels)}: {result['note']}")
            continue
        click.echo(click.style(f"Dropped ({len(result['dropped'])})", bold=True))
        for d in result["dropped"]:
            b = d["before"]
            later = d["later_papers"] - 1
            gone = d["dropped_in"]["id"]
            click.echo(f"  - [{b['theme']}] {_short(b['text'], 100)}\n"
                       f"      first in {_cite(d['first_seen'], labels)}; last in {_cite(b, labels)}; "
                       f"not in {labels.get(gone, gone)}" + (f" nor {later} later paper(s)" if later else ""))
        _print_change(result, labels, sections=(("new", "after"),))     # its drops are listed above


@cli.command()
@click.option("--theme", help="One theme: its name, a start of it or words of it "
                              "(\"care leavers\"); see papermine themes. Default all.")
@since_until_options
@db_option
@json_option
@reports_errors
def timeline(theme, council, since, until, db_path, as_json):
    """A theme's presence year by year (priorities per council and year).

    Example: papermine timeline --theme "care leavers"
    """
    from .compare import theme_timeline
    from .model.themes import resolve_theme
    label = resolve_theme(theme) if theme else None
    found = _query(db_path, as_json, "no priorities match", theme_timeline, label, council, since, until)
    if found is None:
        return
    rows = found[0]
    years = sorted({y for r in rows for y in r["papers_by_year"]})
    table = []
    for r in rows:
        cells = ["·" if y not in r["papers_by_year"] else (r["years"].get(y, 0) or "-") for y in years]
        table.append([r["council"] or "-", r["theme"], *cells])
    _table(table, ["council", "theme", *[str(y) for y in years]], [24, 40, *[None] * len(years)])
    click.echo("(priorities with the theme; '-' a paper without it; '·' no paper that year; an undated "
               "paper counts in the year of the period it covers)")


@cli.command()
@db_option
@since_until_options
@json_option
@reports_errors
def themes(db_path, council, since, until, as_json):
    """The priority themes (models/themes.jsonl), with how many stored
    priorities have each where a database is there.

    Example: papermine themes --council durham
    """
    from .model.themes import theme_ids, theme_labels
    counts: dict[str, int] | None = None
    if Path(db_path).exists():
        from .store import open_store
        with open_store(db_path, create=False) as store:
            counts = {}
            for row in store.rows("priorities", council, since, until):
                counts[row["theme"]] = counts.get(row["theme"], 0) + 1
    ids = theme_ids()
    rows = [{"id": ids[label], "label": label, "priorities": None if counts is None else counts.get(label, 0)}
            for label in theme_labels()]
    if as_json:
        emit_json(rows)
        return
    _table([[r["label"], r["id"], "-" if r["priorities"] is None else r["priorities"]] for r in rows],
           ["theme", "id", "priorities"])


@cli.command()
@since_until_options
@click.option("--name", help="Only agencies whose name holds this (e.g. police).")
@db_option
@json_option
@reports_errors
def agencies(council, since, until, name, db_path, as_json):
    """Each agency's first and last appearance in each council's papers, and
    the first paper without it since.

    Example: papermine agencies --council durham --name police
    """
    from .compare import agency_presence
    found = _query(db_path, as_json, "no agencies match", agency_presence, council, since, until, name)
    if found is None:
        return
    rows, labels = found
    table = []
    for r in rows:
        if r["still_present"]:
            state = "in the latest paper"
        elif r["left_by"]:
            state = f"not in {labels.get(r['left_by'], r['left_by'])}"
        else:
            state = "not in the latest paper"
        table.append([r["council"] or "-", r["canonical"], r["kind"],
                      f"{_when(r['first'])} ({_cite({'evidence': r['first']}, labels)})",
                      f"{_when(r['last'])} ({_cite({'evidence': r['last']}, labels)})",
                      f"{r['mentioned_in']}/{r['council_papers']}", state])
    _table(table, ["council", "agency", "kind", "first", "last", "papers", "since"],
           [24, 40, None, None, None, None, 30])


@cli.command()
@since_until_options
@click.option("--body", help="Only lines with this body at either end (part of its name).")
@click.option("--from", "source", help="Only lines from this body (the one reporting, the member...).")
@click.option("--to", "target", help="Only lines to this body (the one reported to...).")
@click.option("--relation", type=click.Choice(["reports_to", "feeds_into", "subgroup_of", "member_of",
                                               "meets_with", "meets", "chaired_by"]),
              help="Only this relation (member_of is left out unless asked for).")
@db_option
@json_option
@reports_errors
def lines(council, since, until, body, source, target, relation, db_path, as_json):
    """Reporting lines and relations with their frequency and the years they held.

    Example: papermine lines --council durham --body "Corporate Parenting Panel"
    """
    from .compare import reporting_lines_over_time
    found = _query(db_path, as_json, "no reporting lines match", reporting_lines_over_time,
                   council, since, until, body, relation, source, target)
    if found is None:
        return
    rows, labels = found
    table = [[r["from"], r["relation"], r["to"],
              ", ".join(f"{year}: {'/'.join(f) or '-'}" for year, f in r["years"].items()),
              _cite({"evidence": r["evidence"][-1]}, labels)] for r in rows]
    _table(table, ["from", "relation", "to", "years: frequency", "latest evidence"], [36, None, 36, 36, None])


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "csv", "svg", "png"]),
              required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@since_until_options
@db_option
@reports_errors
def graph(fmt, output, council, since, until, db_path):
    """Export the governance graph (bodies, agencies, relations over time).

    GEXF (1.2, valid against its schema) carries a spell for each period a body
    or line was seen, for Gephi's timeline; GraphML (unique edge ids) and
    node-link JSON for R/igraph, networkx, Cytoscape; csv writes an edge list
    and a .nodes.csv beside it; svg/png draw a picture. A renamed body is one
    node with its names over time.

    Example: papermine graph --format gexf -o governance.gexf --council durham
    """
    from .graph import WRITERS, to_graph
    from .store import open_store
    with open_store(db_path, create=False) as store:
        g = to_graph(store, council, since, until)
    if g.number_of_nodes() == 0:
        raise click.ClickException("no bodies or relations match")
    with _writing(output):
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
        with _writing(output):
            write_report(store, output, council)
    click.echo(f"wrote {output}")


@cli.command()
@click.argument("question")
@db_option
@json_option
@click.pass_context
@reports_errors
def ask(ctx, question, db_path, as_json):
    """Answer a plain-English question by running the query command it maps to.

    The command is chosen by rules (intent words in models/ask_intents.jsonl;
    council, theme, year, body and paper names looked up in the database) and
    printed before its answer. A question that maps to no command gets one line
    naming what was understood and the commands that exist.

    Example: papermine ask "which priorities did Durham drop since 2018"
    """
    from .ask import plan_question, resolve_or_refuse
    from .store import open_store
    with open_store(db_path, create=False) as store:
        plan = resolve_or_refuse(plan_question(question, store))
    db_args = ["--db", db_path] if db_path != DEFAULT_DB else []
    steps = [plan.args] + ([plan.fallback] if plan.fallback else [])
    if not as_json:
        for number, args in enumerate(steps):
            if number:
                click.echo(f"(nothing with {plan.understood.body} at that end; its lines at either end:)")
            click.echo(click.style("$ papermine " + shlex.join(args + db_args), bold=True))
            status = _run_command(ctx, args + db_args)
            if status == 0:
                return
        sys.exit(status)
    for args in steps:
        status, output = _run_command(ctx, args + db_args + ["--json"], capture=True)
        if status == 0:
            break
    emit_json({**plan.to_dict(), "ran": args, "answer": json.loads(output or "null")})
    if status:
        sys.exit(status)


def _run_command(ctx, args: list[str], capture: bool = False):
    """Run one papermine command in this process; its exit status (and its
    output, when captured)."""
    import io
    command = cli.commands[args[0]]
    buffer = io.StringIO()
    status = 0
    with contextlib.redirect_stdout(buffer) if capture else contextlib.nullcontext():
        with command.make_context(args[0], args[1:], parent=ctx.parent) as sub:
            try:
                command.invoke(sub)
            except SystemExit as exc:          # nothing found exits 1, as the command does on its own
                status = exc.code or 0
    return (status, buffer.getvalue()) if capture else status


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@reports_errors
def serve(db_path, host, port):
    """Browse and search the database in Datasette (install papermine[web]).

    Opens the file read-only, with titles, descriptions, facets on council,
    year and kind, full-text search on paragraphs (?_search=multi-agency), and
    a canned query for dropped priorities.

    Example: papermine serve --db papermine.db --port 8001
    """
    from .serve import serve as run_datasette
    from .store import open_store
    with open_store(db_path, create=False):     # a papermine database, checked before serving it
        pass
    click.echo(f"serving {db_path} at http://{host}:{port}/ (Ctrl+C stops)", err=True)
    run_datasette(db_path, host, port)


@cli.command()
@click.argument("base_url")
@click.option("--committee", required=True,
              help="A committee title (any case; expired and renamed committees included) or its numeric id.")
@click.option("--since", type=YEAR, help="First year of meetings (default 2000).")
@click.option("--until", type=YEAR, help="Last year of meetings (default this year).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="papers", show_default=True,
              help="Folder for DIR/<council>/<committee>/<yyyy-mm-dd>/ and the manifest.")
@click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True,
              help="Seconds between requests to the site (robots.txt may ask for more).")
@click.option("--user-agent", help="The User-Agent to send: name papermine and give your contact.")
@click.option("--council", "council_name", help="The council's name (default: as the site's pages name it, "
                                                "else its host name).")
@click.option("--ingest", "then_ingest", is_flag=True, help="Ingest the fetched papers into --db in the same run.")
@db_option
@json_option
@reports_errors
def fetch(base_url, committee, since, until, out, delay, user_agent, council_name, then_ingest, db_path, as_json):
    """Download a committee's papers from a ModernGov site, with a manifest for ingest.

    Reads the site's web service (mgWebService.asmx), or its HTML pages where the
    service is off: item reports and appendices, minutes, and the reports pack
    only for meetings without separate reports. Resumable (a second run fetches
    nothing already here) and polite (robots.txt, one connection, --delay).
    Each failure is one line naming the address; exit status 1 if any.

    Example: papermine fetch https://democracy.example.gov.uk --committee "Corporate Parenting Panel" --since 2007 --until 2024 --out papers
    """
    from .fetch import DEFAULT_SINCE, FetchOptions, fetch_committee, ingest_fetched
    options = FetchOptions(base_url, committee, since or DEFAULT_SINCE, out=out, delay=delay,
                           user_agent=user_agent, council=council_name)
    if until:
        options.until = until
    show_bar = not as_json and sys.stderr.isatty()
    bar = None

    def on_event(kind, payload):
        nonlocal bar
        if kind == "failure":
            click.echo(f"failed: {payload[0]}: {payload[1]}", err=True)
        elif kind == "notice":
            click.echo(f"note: {payload}", err=True)
        elif kind == "meetings" and show_bar and payload:
            bar = click.progressbar(length=payload, label="meetings", file=sys.stderr, show_pos=True)
            bar.__enter__()
        elif kind == "meeting" and bar is not None:
            bar.update(1)

    try:
        report = fetch_committee(options, on_event)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    ingested = ingest_fetched(report, db_path) if then_ingest and report.folder else None
    if as_json:
        data = report.to_dict()
        if ingested is not None:
            data["ingest"] = {"stored": ingested.count("stored") + ingested.count("replaced"),
                              "skipped": ingested.count("skipped"),
                              "failed": [{"path": o.path, "error": o.error} for o in ingested.failed],
                              "documents": [{"path": o.path, "id": o.doc_id} for o in ingested.outcomes
                                            if o.doc_id]}
        emit_json(data)
    else:
        click.echo("committee: " + "; ".join(c.describe() for c in report.committees))
        if report.maybe_renamed_to:
            click.echo("expired; its meetings may go on under: "
                       + "; ".join(c.describe() for c in report.maybe_renamed_to))
        click.echo(report.summary())
        if ingested is not None:
            for o in ingested.failed:
                click.echo(f"failed: {o.error}", err=True)
            click.echo(f"ingest into {db_path}: {ingested.summary()}")
    if report.failures or (ingested is not None and ingested.failed):
        sys.exit(1)


@contextlib.contextmanager
def _writing(output: Path):
    """Writing an output file: a missing folder or a full device is one line naming it."""
    folder = output.parent
    if not folder.is_dir():
        raise click.ClickException(f"{display_name(output)}: no such folder {display_name(folder)} "
                                   "(make it first)")
    try:
        yield
    except OSError as exc:
        raise click.ClickException(f"{display_name(output)}: cannot write ({exc.strerror or exc})") from exc


def _exists(path: Path) -> bool:
    """Path.exists, False for a name the system cannot even look up (too long)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _load_document(file_or_doc, db_path, council=None, committee=None, meeting_date=None, manifest=None,
                   ocr=True, pdf_backend=DEFAULT_BACKEND):
    """(Document, stored Tags or None): a paper from a file, else a stored paper by id."""
    path = Path(file_or_doc)
    if _exists(path):
        return _parse_with_options(path, council, committee, meeting_date, manifest, ocr, pdf_backend), None
    from .store import open_store
    if not _exists(Path(db_path)):
        shown = display_name(file_or_doc if len(file_or_doc) <= 80 else file_or_doc[:80] + "…")
        raise click.ClickException(f"{shown}: no such file, and no database at {display_name(db_path)}")
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
