"""The SQLite store: one file, WAL mode, foreign keys on, FTS5 over paragraphs.

Each paper is written in one transaction (its old version deleted in the same
transaction), so an interrupted ingest never leaves half a document and a
re-run picks up where it stopped.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator

from ..errors import NotFound, QuerySyntaxError, StoreError
from ..model import (Agency, Document, Evidence, Item, Meta, Paragraph, Priority, ReportingLine,
                     Section, Tags)
from ..nlp import NLP_VERSION
from ..parse import index_text, parser_version

__all__ = ["Store", "open_store", "SCHEMA_VERSION", "MIGRATIONS"]

#: The schema version this code writes; older files are migrated on open.
SCHEMA_VERSION = 1
#: version -> SQL that brings a database from the version before up to it.
MIGRATIONS: dict[int, str] = {}
#: How long a writer waits for a lock held by another connection (ms).
BUSY_TIMEOUT_MS = 30_000
#: Marks around matched words in search snippets.
HIGHLIGHT = ("«", "»")
SNIPPET_TOKENS = 16


@contextmanager
def open_store(path: str | Path, create: bool = True) -> Iterator["Store"]:
    store = Store(path, create=create)
    try:
        yield store
    finally:
        store.close()


class Store:
    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise NotFound(self.path, "no database here (run papermine ingest first)")
        try:
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(self.path, f"not a papermine database ({exc})") from exc

    def close(self) -> None:
        self.conn.close()

    # ---- schema -----------------------------------------------------------------
    def _migrate(self) -> None:
        schema = resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8")
        with self.conn:
            self.conn.executescript(schema)
            row = self.conn.execute("SELECT value FROM papermine_meta WHERE key = 'schema_version'").fetchone()
            version = int(row["value"]) if row else SCHEMA_VERSION
            if version > SCHEMA_VERSION:
                raise StoreError(self.path, f"database schema {version} is newer than this papermine "
                                            f"({SCHEMA_VERSION}); upgrade papermine")
            for step in range(version + 1, SCHEMA_VERSION + 1):
                self.conn.executescript(MIGRATIONS[step])
            self.conn.execute("INSERT OR REPLACE INTO papermine_meta VALUES ('schema_version', ?)",
                              (str(SCHEMA_VERSION),))

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute(
            "SELECT value FROM papermine_meta WHERE key = 'schema_version'").fetchone()[0])

    # ---- writing ------------------------------------------------------------------
    def is_current(self, source: str, sha256: str, parser: str | None = None) -> str | None:
        """The id of the stored version of `source` if it is unchanged and was
        read by this parser (`parser_version()` by default) and tagger; else None."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE source = ? AND sha256 = ? AND parser_version = ? "
            "AND nlp_version = ?", (source, sha256, parser or parser_version(), NLP_VERSION)).fetchone()
        return row["id"] if row else None

    def save(self, doc: Document, tags: Tags, parser: str | None = None) -> None:
        """Store one paper and its tags, replacing any earlier version of the
        same file (or the same id), all in one transaction; `parser` is the
        version that read it (`parser_version()` by default)."""
        m = doc.meta
        with self.conn:
            self.conn.execute("DELETE FROM documents WHERE source = ? OR id = ?", (m.source, doc.id))
            self.conn.execute(
                "INSERT INTO documents (id, source, sha256, parser_version, nlp_version, council, "
                "committee, date, year, title, report_of, period, pages, provenance, extra, warnings) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, m.source, m.sha256, parser or parser_version(), NLP_VERSION, m.council, m.committee,
                 m.date, doc.year, m.title, m.report_of, m.period, doc.pages,
                 json.dumps(m.provenance), json.dumps(m.extra), json.dumps(doc.warnings)))
            self.conn.executemany(
                "INSERT INTO sections VALUES (?,?,?,?,?,?,?,?)",
                [(doc.id, s.index, s.heading, s.kind, s.level, s.number, s.parent, s.page)
                 for s in doc.sections])
            for seq, p in enumerate(doc.paragraphs):
                cur = self.conn.execute(
                    "INSERT INTO paragraphs (doc_id, seq, number, section_idx, page, page_end, "
                    "span_start, span_end, text, full_text) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (doc.id, seq, p.number, p.section, p.page, p.page_end, p.span[0], p.span[1],
                     p.text, p.full_text))
                self.conn.executemany(
                    "INSERT INTO items VALUES (?,?,?,?,?,?,?)",
                    [(cur.lastrowid, i, it.label, it.kind, it.level, it.page, it.text)
                     for i, it in enumerate(p.items)])
            for agency in tags.agencies:
                cur = self.conn.execute(
                    "INSERT INTO agencies (doc_id, canonical, name, kind) VALUES (?,?,?,?)",
                    (doc.id, agency.canonical, agency.name, agency.kind))
                self.conn.executemany(
                    "INSERT INTO mentions VALUES (?,?,?,?,?,?)",
                    [(cur.lastrowid, e.page, e.paragraph, e.section, e.sentence, e.rule)
                     for e in agency.evidence])
            self.conn.executemany(
                "INSERT INTO priorities (doc_id, seq, text, theme, themes, kind, label, page, "
                "paragraph, section, sentence, rule) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [(doc.id, i, p.text, p.theme, json.dumps(p.themes), p.kind, p.label,
                  p.evidence.page, p.evidence.paragraph, p.evidence.section, p.evidence.sentence,
                  p.evidence.rule) for i, p in enumerate(tags.priorities)])
            self.conn.executemany(
                "INSERT INTO relations (doc_id, seq, source, target, relation, frequency, "
                "frequency_text, modality, page, paragraph, section, sentence, rule) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(doc.id, i, r.source, r.target, r.relation, r.frequency, r.frequency_text,
                  r.modality, r.evidence.page, r.evidence.paragraph, r.evidence.section,
                  r.evidence.sentence, r.evidence.rule) for i, r in enumerate(tags.reporting_lines)])

    # ---- reading ----------------------------------------------------------------
    def documents(self, council: str | None = None, since: int | None = None,
                  until: int | None = None) -> list[dict]:
        """Stored papers in date order, with counts."""
        where, args = _filters(council, since, until, "d")
        rows = self.conn.execute(
            f"""SELECT d.id, d.council, d.committee, d.date, d.year, d.title, d.source, d.pages,
                   (SELECT count(*) FROM paragraphs p WHERE p.doc_id = d.id) AS paragraphs,
                   (SELECT count(*) FROM priorities p WHERE p.doc_id = d.id) AS priorities,
                   (SELECT count(*) FROM agencies a WHERE a.doc_id = d.id) AS agencies,
                   (SELECT count(*) FROM relations r WHERE r.doc_id = d.id) AS relations
                FROM documents d {where}
                ORDER BY d.council, coalesce(d.date, d.year || '-12-31'), d.id""", args).fetchall()
        return [dict(r) for r in rows]

    def resolve_id(self, ref: str) -> str:
        """A document id from an id or an unambiguous prefix of one."""
        rows = self.conn.execute("SELECT id FROM documents WHERE id = ? OR id LIKE ? ESCAPE '\\'",
                                 (ref, _like_prefix(ref))).fetchall()
        ids = [r["id"] for r in rows]
        if ref in ids:
            return ref
        if len(ids) == 1:
            return ids[0]
        if not ids:
            raise NotFound(None, f"no stored paper '{ref}' in {self.path} (see papermine docs)")
        raise NotFound(None, f"'{ref}' matches {len(ids)} papers: {', '.join(ids[:5])}")

    def load_document(self, ref: str) -> Document:
        doc_id = self.resolve_id(ref)
        d = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        meta = Meta(council=d["council"], committee=d["committee"], date=d["date"], title=d["title"],
                    report_of=d["report_of"], period=d["period"], source=d["source"],
                    sha256=d["sha256"], provenance=json.loads(d["provenance"]),
                    extra=json.loads(d["extra"]))
        sections = [Section(heading=r["heading"], kind=r["kind"], index=r["idx"], level=r["level"],
                            number=r["number"], parent=r["parent"], page=r["page"])
                    for r in self.conn.execute("SELECT * FROM sections WHERE doc_id = ? ORDER BY idx",
                                               (doc_id,))]
        paragraphs = []
        for r in self.conn.execute("SELECT * FROM paragraphs WHERE doc_id = ? ORDER BY seq", (doc_id,)):
            items = [Item(label=i["label"], text=i["text"], kind=i["kind"], level=i["level"], page=i["page"])
                     for i in self.conn.execute("SELECT * FROM items WHERE paragraph_id = ? ORDER BY seq",
                                                (r["id"],))]
            paragraphs.append(Paragraph(number=r["number"], text=r["text"], section=r["section_idx"],
                                        page=r["page"], page_end=r["page_end"],
                                        span=(r["span_start"], r["span_end"]), items=items))
        doc = Document(id=doc_id, meta=meta, sections=sections, paragraphs=paragraphs,
                       pages=d["pages"], warnings=json.loads(d["warnings"]))
        index_text(doc)
        return doc

    def load_tags(self, ref: str) -> Tags:
        doc_id = self.resolve_id(ref)

        def evidence(row) -> Evidence:
            return Evidence(doc=doc_id, page=row["page"], paragraph=row["paragraph"],
                            sentence=row["sentence"], section=row["section"], rule=row["rule"])

        agencies = []
        for a in self.conn.execute("SELECT * FROM agencies WHERE doc_id = ? ORDER BY id", (doc_id,)):
            mentions = self.conn.execute("SELECT * FROM mentions WHERE agency_id = ? ORDER BY rowid",
                                         (a["id"],)).fetchall()
            agencies.append(Agency(name=a["name"], canonical=a["canonical"], kind=a["kind"],
                                   evidence=[evidence(m) for m in mentions]))
        priorities = [Priority(text=r["text"], theme=r["theme"], kind=r["kind"], evidence=evidence(r),
                               label=r["label"], themes=json.loads(r["themes"]))
                      for r in self.conn.execute("SELECT * FROM priorities WHERE doc_id = ? ORDER BY seq",
                                                 (doc_id,))]
        lines = [ReportingLine(source=r["source"], target=r["target"], relation=r["relation"],
                               frequency=r["frequency"], evidence=evidence(r),
                               frequency_text=r["frequency_text"], modality=r["modality"])
                 for r in self.conn.execute("SELECT * FROM relations WHERE doc_id = ? ORDER BY seq",
                                            (doc_id,))]
        return Tags(doc=doc_id, agencies=agencies, priorities=priorities, reporting_lines=lines)

    def paragraph(self, ref: str, number: str) -> dict:
        doc_id = self.resolve_id(ref)
        rows = self.conn.execute(
            "SELECT * FROM paragraph_view WHERE doc_id = ? AND number = ? ORDER BY id",
            (doc_id, number)).fetchall()
        if not rows:
            raise NotFound(None, f"paper {doc_id} has no paragraph {number}")
        return [dict(r) for r in rows]

    def search(self, query: str, council: str | None = None, since: int | None = None,
               until: int | None = None, limit: int = 20) -> list[dict]:
        """Paragraphs matching an FTS5 query, best (bm25) first, with citations."""
        where, args = _filters(council, since, until, "d")
        where = ("AND " + where[len("WHERE "):]) if where else ""
        sql = f"""SELECT d.id AS doc, d.council, d.date, d.year, d.title, s.heading AS section,
                     p.number AS paragraph, p.page,
                     snippet(paragraphs_fts, 0, ?, ?, '…', {SNIPPET_TOKENS}) AS snippet,
                     bm25(paragraphs_fts) AS score
                  FROM paragraphs_fts
                  JOIN paragraphs p ON p.id = paragraphs_fts.rowid
                  JOIN documents d ON d.id = p.doc_id
                  JOIN sections s ON s.doc_id = p.doc_id AND s.idx = p.section_idx
                  WHERE paragraphs_fts MATCH ? {where}
                  ORDER BY score LIMIT ?"""
        try:
            rows = self.conn.execute(sql, (*HIGHLIGHT, query, *args, limit)).fetchall()
        except sqlite3.OperationalError as exc:   # the schema is fixed: the query is at fault
            raise QuerySyntaxError(None, f"bad search query {query!r} ({exc}); quote phrases "
                                         "(\"care leavers\"), use AND/OR/NOT in capitals") from exc
        return [dict(r) for r in rows]

    def rows(self, table: str, council: str | None = None, since: int | None = None,
             until: int | None = None) -> list[sqlite3.Row]:
        """Every row of a tag table (priorities, relations, agencies) with its
        document's council, date and year, in timeline order (for comparisons)."""
        if table not in {"priorities", "relations", "agencies"}:
            raise ValueError(table)
        where, args = _filters(council, since, until, "d")
        extra = ", (SELECT count(*) FROM mentions m WHERE m.agency_id = t.id) AS mentions, " \
                "(SELECT json_object('page', m.page, 'paragraph', m.paragraph, 'sentence', m.sentence, " \
                "'section', m.section, 'rule', m.rule) FROM mentions m WHERE m.agency_id = t.id " \
                "ORDER BY m.rowid LIMIT 1) AS first_mention" if table == "agencies" else ""
        return self.conn.execute(
            f"""SELECT t.*, d.council, d.date, d.year, d.title{extra} FROM {table} t
                JOIN documents d ON d.id = t.doc_id {where}
                ORDER BY d.council, coalesce(d.date, d.year || '-12-31'), d.id, t.id""", args).fetchall()

    def counts(self) -> dict[str, int]:
        return {table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "paragraphs", "items", "agencies", "mentions",
                              "priorities", "relations")}


def _filters(council: str | None, since: int | None, until: int | None, alias: str):
    clauses, args = [], []
    if council:
        clauses.append(f"lower({alias}.council) LIKE ?")
        args.append(f"%{council.lower()}%")
    if since is not None:
        clauses.append(f"{alias}.year >= ?")
        args.append(since)
    if until is not None:
        clauses.append(f"{alias}.year <= ?")
        args.append(until)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def _like_prefix(ref: str) -> str:
    return ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
