"""The SQLite store: one file, WAL mode, foreign keys on, FTS5 over paragraphs.

A database is looked at before it is changed: query commands open it read-only
(`mode=ro`); only ingest creates or migrates it, and only a file that is
missing, empty, or a papermine database of this version or an older one. A
newer or foreign database is refused with nothing written.

Each paper is written in one transaction (its old version deleted in the same
transaction), so an interrupted ingest never leaves half a document and a
re-run picks up where it stopped.
"""
from __future__ import annotations

import json
import sqlite3
import stat
import urllib.parse
from contextlib import contextmanager
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Iterator

from ..errors import NotFound, QuerySyntaxError, StoreBusy, StoreError, display_name
from ..model import (Agency, Document, Evidence, Item, Meta, Paragraph, Priority, ReportingLine,
                     Section, Table, Tags)
from ..parse import index_text, parser_version
from ..versions import NLP_VERSION
from .fts import to_fts5
from .refs import make_short_ids, match_reference

__all__ = ["Store", "open_store", "inspect_database", "store_error", "SCHEMA_VERSION", "MIGRATIONS"]

#: The schema version this code writes; older files are migrated on open.
SCHEMA_VERSION = 4
#: version -> SQL that brings a database from the version before up to it.
MIGRATIONS: dict[int, str] = {
    # 2: tables kept out of the paragraphs by layout analysis
    2: """CREATE TABLE IF NOT EXISTS tables (
              doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              seq INTEGER NOT NULL, page INTEGER, bbox TEXT, rows TEXT NOT NULL,
              PRIMARY KEY (doc_id, seq));""",
    # pages read by OCR, and the paragraphs printed on them
    3: """ALTER TABLE paragraphs ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0;
          CREATE TABLE IF NOT EXISTS ocr_pages (
              doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
              page       INTEGER NOT NULL,
              confidence REAL,
              PRIMARY KEY (doc_id, page));""",
    # The FTS index declared with content="paragraphs" (double quotes), which
    # Datasette's and sqlite-utils' detect_fts recognise; rebuilt from paragraphs.
    4: """DROP TABLE IF EXISTS paragraphs_fts;
          CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
              full_text, content="paragraphs", content_rowid="id", tokenize='porter unicode61');
          INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild');""",
}
#: How long a writer waits for a lock held by another connection (ms).
BUSY_TIMEOUT_MS = 30_000
#: The first bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: Document ids are made short (council, date, title slug, hash); a longer
#: reference cannot be one, and would make a LIKE pattern too complex for SQLite.
MAX_ID_CHARS = 300
#: Marks around matched words in search snippets.
HIGHLIGHT = ("«", "»")
SNIPPET_TOKENS = 16


@contextmanager
def open_store(path: str | Path, create: bool = True) -> Iterator["Store"]:
    """The store at `path`: for writing (`create`, ingest only: made or migrated
    after checking what the file is), else read-only (every query command)."""
    store = Store(path, create=create)
    try:
        yield store
    finally:
        store.close()


def inspect_database(path: Path) -> tuple[str, int | None]:
    """What the file at `path` is, read without changing it: ("missing"|"empty",
    None) for a file papermine may make, ("papermine", version), or a refusal as
    a StoreError (not a file, not SQLite, another program's database)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise StoreError(path, "a broken link, not a database") from None
        return "missing", None
    except OSError as exc:
        raise StoreError(path, f"cannot open the database ({exc.strerror})") from exc
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(path, "not a database file (a folder, device or FIFO)")
    if info.st_size == 0:
        return "empty", None
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(path, f"cannot read the database ({exc.strerror})") from exc
    if header != SQLITE_HEADER:
        raise StoreError(path, "not a papermine database (not an SQLite file); left as it is")
    conn = _connect_read_only(path)
    try:
        names = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
        if "papermine_meta" not in names:
            if not names:
                return "empty", None
            shown = ", ".join(sorted(names)[:3]) + (", ..." if len(names) > 3 else "")
            raise StoreError(path, f"not a papermine database (it holds {shown}); left as it is")
        row = conn.execute("SELECT value FROM papermine_meta WHERE key = 'schema_version'").fetchone()
        try:
            return "papermine", int(row[0])
        except (TypeError, ValueError):
            raise StoreError(path, "not a papermine database (no schema version); left as it is") from None
    except sqlite3.DatabaseError as exc:
        raise store_error(path, exc) from exc
    finally:
        conn.close()


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write: `mode=ro`; on a read-only folder or mount
    where SQLite cannot make its WAL index, `immutable=1` (only when no WAL
    file holds changes not yet in the database)."""
    uri = "file:" + urllib.parse.quote(str(path.absolute())) + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise store_error(path, exc) from exc
        try:
            conn = sqlite3.connect(uri + "&immutable=1", uri=True)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc2:
            raise store_error(path, exc2) from exc2
    except sqlite3.DatabaseError as exc:
        raise store_error(path, exc) from exc
    conn.execute("PRAGMA query_only = 1")
    return conn


def store_error(path: Path, exc: BaseException) -> StoreError:
    """An SQLite error as one line: busy and full named as such."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreBusy(path, f"the database is locked by another program ({text}); "
                               "try again when it has finished")
    if "full" in text:
        return StoreBusy(path, f"the disk is full ({text})")
    if "not a database" in text or "malformed" in text:
        return StoreError(path, f"not a papermine database ({text}); left as it is")
    return StoreError(path, f"database error ({text})")


class Store:
    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        self.read_only = not create
        kind, version = inspect_database(self.path)
        if kind == "missing" and not create:
            raise NotFound(self.path, "no database here (run papermine ingest first)")
        if kind == "empty" and not create:
            raise StoreError(self.path, "an empty file, not yet a database (papermine ingest fills it)")
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(self.path, f"database schema {version} is newer than this papermine "
                                        f"({SCHEMA_VERSION}); upgrade papermine (the file is left as it is)")
        if version is not None and version < SCHEMA_VERSION and not create:
            raise StoreError(self.path, f"database schema {version} is older than this papermine "
                                        f"({SCHEMA_VERSION}); papermine ingest migrates it")
        if not create:
            self.conn = _connect_read_only(self.path)
            self.conn.row_factory = sqlite3.Row
            return
        if kind == "missing" and not self.path.parent.is_dir():
            raise StoreError(self.path, f"no such folder {display_name(self.path.parent)}")
        try:
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            # Only ingest writes. In WAL mode NORMAL syncs at checkpoints, not at every
            # paper's commit: each paper is still all or nothing, and an application crash
            # loses nothing committed; a power cut may lose the last papers, which the
            # next ingest finds unstored and reads again.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            if version != SCHEMA_VERSION:
                self._migrate(version)
        except sqlite3.DatabaseError as exc:
            raise store_error(self.path, exc) from exc

    def close(self) -> None:
        self.conn.close()

    # ---- schema -----------------------------------------------------------------
    def _migrate(self, version: int | None) -> None:
        """Create the schema in a new database, or bring an older one up to this
        version, in one transaction."""
        schema = resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8")
        steps = [MIGRATIONS[step] for step in range((version or SCHEMA_VERSION) + 1, SCHEMA_VERSION + 1)]
        try:
            self.conn.executescript(
                "BEGIN IMMEDIATE;\n" + schema + "\n" + "\n".join(steps) +
                f"\nINSERT OR REPLACE INTO papermine_meta VALUES ('schema_version', '{SCHEMA_VERSION}');"
                "\nCOMMIT;")
        except sqlite3.DatabaseError:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise

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
        self.__dict__.pop("_short_id_map", None)        # a new paper may change short ids
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
            # the ids SQLite would give one row at a time (the largest so far, plus one),
            # given here so that paragraphs and items go in one statement each
            first = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM paragraphs").fetchone()[0]
            self.conn.executemany(
                "INSERT INTO paragraphs (id, doc_id, seq, number, section_idx, page, page_end, "
                "span_start, span_end, text, full_text, ocr) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [(first + seq, doc.id, seq, p.number, p.section, p.page, p.page_end, p.span[0], p.span[1],
                  p.text, p.full_text, int(p.ocr)) for seq, p in enumerate(doc.paragraphs)])
            self.conn.executemany(
                "INSERT INTO items VALUES (?,?,?,?,?,?,?)",
                [(first + seq, i, it.label, it.kind, it.level, it.page, it.text)
                 for seq, p in enumerate(doc.paragraphs) for i, it in enumerate(p.items)])
            self.conn.executemany(
                "INSERT INTO tables VALUES (?,?,?,?,?)",
                [(doc.id, i, t.page, json.dumps(list(t.bbox)) if t.bbox else None, json.dumps(t.rows))
                 for i, t in enumerate(doc.tables)])
            self.conn.executemany("INSERT INTO ocr_pages VALUES (?,?,?)",
                                  [(doc.id, n, c) for n, c in sorted(doc.ocr_pages.items())])
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

    def short_ids(self) -> dict[str, str]:
        """Every stored paper's short id (`durham/2024-01-26`), by document id."""
        return self._short_id_map

    @cached_property
    def _short_id_map(self) -> dict[str, str]:
        rows = self.conn.execute("SELECT id, date, year, title FROM documents").fetchall()
        return make_short_ids([dict(r) for r in rows])

    def resolve_id(self, ref: str) -> str:
        """A document id from an id, a short id (`durham/2024-01-26`), an
        unambiguous start of an id, or words naming one paper: council, date or
        year, words of its title (`durham 2022 annual report`)."""
        if len(ref) > MAX_ID_CHARS:
            raise NotFound(None, f"no stored paper '{display_name(ref[:40])}…' in {display_name(self.path)} "
                                 f"(an id is at most {MAX_ID_CHARS} characters; see papermine docs)")
        rows = self.conn.execute("SELECT id FROM documents WHERE id = ? OR id LIKE ? ESCAPE '\\'",
                                 (ref, _like_prefix(ref))).fetchall()
        ids = [r["id"] for r in rows]
        if ref in ids:
            return ref
        short = {v.lower(): k for k, v in self.short_ids().items()}
        if ref.strip().lower() in short:
            return short[ref.strip().lower()]
        if len(ids) == 1:
            return ids[0]
        if not ids:
            rows = self.conn.execute("SELECT id, council, committee, date, year, title FROM documents")
            ids = match_reference(ref, [dict(r) for r in rows])
            if len(ids) == 1:
                return ids[0]
        if not ids:
            raise NotFound(None, f"no stored paper '{display_name(ref)}' in {display_name(self.path)} (see papermine docs)")
        names = sorted(self.short_ids()[i] for i in ids)
        more = f" and {len(names) - 5} more" if len(names) > 5 else ""
        raise NotFound(None, f"'{display_name(ref)}' matches {len(ids)} papers: {', '.join(names[:5])}{more}")

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
                                        span=(r["span_start"], r["span_end"]), items=items,
                                        ocr=bool(r["ocr"])))
        ocr_pages = {r["page"]: r["confidence"] for r in self.conn.execute(
            "SELECT page, confidence FROM ocr_pages WHERE doc_id = ? ORDER BY page", (doc_id,))}
        tables = [Table(page=r["page"], rows=json.loads(r["rows"]),
                        bbox=tuple(json.loads(r["bbox"])) if r["bbox"] else None)
                  for r in self.conn.execute("SELECT * FROM tables WHERE doc_id = ? ORDER BY seq",
                                             (doc_id,))]
        doc = Document(id=doc_id, meta=meta, sections=sections, paragraphs=paragraphs,
                       pages=d["pages"], warnings=json.loads(d["warnings"]), ocr_pages=ocr_pages,
                       tables=tables)
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
        """A paragraph by its number as printed: `12`, `2.3`, `a)`, `(b)` and `¶4` all do."""
        doc_id = self.resolve_id(ref)
        rows = []
        for candidate in dict.fromkeys((number, _bare_number(number))):
            rows = self.conn.execute(
                "SELECT v.*, p.ocr, (SELECT min(o.confidence) FROM ocr_pages o WHERE o.doc_id = p.doc_id "
                "AND o.page BETWEEN p.page AND coalesce(p.page_end, p.page)) AS ocr_confidence "
                "FROM paragraph_view v JOIN paragraphs p ON p.id = v.id "
                "WHERE v.doc_id = ? AND v.number = ? ORDER BY v.id", (doc_id, candidate)).fetchall()
            if rows:
                break
        if not rows:
            raise NotFound(None, f"paper {doc_id} has no paragraph {number}")
        return [dict(r) | {"ocr": bool(r["ocr"])} for r in rows]

    def search(self, query: str, council: str | None = None, since: int | None = None,
               until: int | None = None, limit: int = 20, raw: bool = False) -> list[dict]:
        """Paragraphs matching the words of `query` (every word or "phrase" quoted,
        so `multi-agency` and `18-25` are phrases), or with `raw` an FTS5 query
        as written; best (bm25) first, with citations."""
        match = query if raw else to_fts5(query)
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
            rows = self.conn.execute(sql, (*HIGHLIGHT, match, *args, limit)).fetchall()
        except sqlite3.OperationalError as exc:   # the schema is fixed: the query is at fault
            raise QuerySyntaxError(None, f"bad search query {query!r} ({exc}); quote phrases "
                                         "(\"care leavers\"), use AND/OR/NOT in capitals, or "
                                         "search without --fts") from exc
        short = self.short_ids()
        return [{**dict(r), "short_id": short.get(r["doc"])} for r in rows]

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

    def names(self) -> dict[str, list]:
        """The names a question may use: councils, and bodies and agencies as
        written and as resolved ([written, canonical] pairs), relations' ends included."""
        councils = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT council FROM documents WHERE council IS NOT NULL ORDER BY council")]
        bodies = [list(r) for r in self.conn.execute(
            """SELECT DISTINCT name, canonical FROM agencies
               UNION SELECT DISTINCT canonical, canonical FROM agencies
               UNION SELECT DISTINCT source, source FROM relations
               UNION SELECT DISTINCT target, target FROM relations""")]
        return {"councils": councils, "bodies": bodies}

    def counts(self) -> dict[str, int]:
        return {table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "paragraphs", "items", "tables", "agencies", "mentions",
                              "priorities", "relations")}


def _filters(council: str | None, since: int | None, until: int | None, alias: str):
    clauses, args = [], []
    if council:          # part of the name; % and _ are letters here, not wildcards
        clauses.append(f"lower({alias}.council) LIKE ? ESCAPE '\\'")
        args.append(f"%{_like_escape(council.lower())}%")
    if since is not None:
        clauses.append(f"{alias}.year >= ?")
        args.append(since)
    if until is not None:
        clauses.append(f"{alias}.year <= ?")
        args.append(until)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_prefix(ref: str) -> str:
    return _like_escape(ref) + "%"


def _bare_number(number: str) -> str:
    """A paragraph number as stored: `a)`, `(b)`, `4.` and `¶4` are `a`, `b`, `4`, `4`."""
    return number.strip().lstrip("¶").strip().strip("().").strip()
