-- papermine database schema. One SQLite file; every row belongs to a document
-- and goes with it (ON DELETE CASCADE), so replacing a paper is one DELETE and
-- its INSERTs inside one transaction.

CREATE TABLE IF NOT EXISTS papermine_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id             TEXT PRIMARY KEY,        -- council_date_title-slug_hash8
    source         TEXT NOT NULL,           -- the file path as ingested
    sha256         TEXT NOT NULL,
    parser_version TEXT NOT NULL,
    nlp_version    TEXT NOT NULL,
    council        TEXT,
    committee      TEXT,
    date           TEXT,                    -- ISO meeting date, when known
    year           INTEGER,                 -- from the date, else the period covered
    title          TEXT,
    report_of      TEXT,
    period         TEXT,
    pages          INTEGER,
    provenance     TEXT NOT NULL DEFAULT '{}',  -- JSON: field -> printed/manifest/option
    extra          TEXT NOT NULL DEFAULT '{}',  -- JSON: From/To/Subject/Decision no ...
    warnings       TEXT NOT NULL DEFAULT '[]',
    ingested_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS documents_council_year ON documents(council, year);

CREATE TABLE IF NOT EXISTS sections (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    heading TEXT,
    kind    TEXT NOT NULL,
    level   INTEGER NOT NULL,
    number  TEXT,
    parent  INTEGER,
    page    INTEGER,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS paragraphs (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,           -- reading order within the document
    number      TEXT,                       -- as printed; NULL for an unnumbered block
    section_idx INTEGER NOT NULL,
    page        INTEGER,
    page_end    INTEGER,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    full_text   TEXT NOT NULL,              -- text with its items: what search indexes
    ocr         INTEGER NOT NULL DEFAULT 0  -- 1: read by OCR from a scanned page
);
CREATE INDEX IF NOT EXISTS paragraphs_doc ON paragraphs(doc_id, seq);

-- Pages read by OCR (scans without a text layer), with Tesseract's mean word confidence.
CREATE TABLE IF NOT EXISTS ocr_pages (
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page       INTEGER NOT NULL,
    confidence REAL,                        -- 0-100
    PRIMARY KEY (doc_id, page)
);

CREATE TABLE IF NOT EXISTS items (
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    label        TEXT,
    kind         TEXT NOT NULL,
    level        INTEGER NOT NULL,
    page         INTEGER,
    text         TEXT NOT NULL,
    PRIMARY KEY (paragraph_id, seq)
);

-- Tables that layout analysis kept out of the paragraphs: rows of cell strings.
CREATE TABLE IF NOT EXISTS tables (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,           -- reading order within the document
    page    INTEGER,
    bbox    TEXT,                       -- JSON [x0, top, x1, bottom] in PDF points
    rows    TEXT NOT NULL,              -- JSON [[cell, ...], ...]
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE IF NOT EXISTS agencies (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    canonical TEXT NOT NULL,
    name      TEXT NOT NULL,                -- as first written in the paper
    kind      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS agencies_doc ON agencies(doc_id);
CREATE INDEX IF NOT EXISTS agencies_canonical ON agencies(canonical);

CREATE TABLE IF NOT EXISTS mentions (
    agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    page      INTEGER,
    paragraph TEXT,
    section   TEXT,
    sentence  TEXT NOT NULL,
    rule      TEXT
);
CREATE INDEX IF NOT EXISTS mentions_agency ON mentions(agency_id);

CREATE TABLE IF NOT EXISTS priorities (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    theme     TEXT NOT NULL,
    themes    TEXT NOT NULL DEFAULT '[]',   -- JSON: every theme that matched
    kind      TEXT NOT NULL,
    label     TEXT,
    page      INTEGER,
    paragraph TEXT,
    section   TEXT,
    sentence  TEXT NOT NULL,
    rule      TEXT
);
CREATE INDEX IF NOT EXISTS priorities_doc ON priorities(doc_id);
CREATE INDEX IF NOT EXISTS priorities_theme ON priorities(theme);

CREATE TABLE IF NOT EXISTS relations (
    id             INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    relation       TEXT NOT NULL,
    frequency      TEXT,
    frequency_text TEXT,
    modality       TEXT,
    page           INTEGER,
    paragraph      TEXT,
    section        TEXT,
    sentence       TEXT NOT NULL,
    rule           TEXT
);
CREATE INDEX IF NOT EXISTS relations_doc ON relations(doc_id);

-- Full-text search over paragraph text (with items), kept in step by triggers.
-- content="paragraphs" in double quotes: the form Datasette's and sqlite-utils'
-- detect_fts look for, so both find this index for the paragraphs table.
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs_fts USING fts5(
    full_text, content="paragraphs", content_rowid="id", tokenize='porter unicode61');
CREATE TRIGGER IF NOT EXISTS paragraphs_ai AFTER INSERT ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(rowid, full_text) VALUES (new.id, new.full_text);
END;
CREATE TRIGGER IF NOT EXISTS paragraphs_ad AFTER DELETE ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(paragraphs_fts, rowid, full_text) VALUES ('delete', old.id, old.full_text);
END;
CREATE TRIGGER IF NOT EXISTS paragraphs_au AFTER UPDATE ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(paragraphs_fts, rowid, full_text) VALUES ('delete', old.id, old.full_text);
    INSERT INTO paragraphs_fts(rowid, full_text) VALUES (new.id, new.full_text);
END;

-- Views for browsing (Datasette, sqlite3, pandas.read_sql).
CREATE VIEW IF NOT EXISTS paragraph_view AS
    SELECT p.id, d.id AS doc_id, d.council, d.committee, d.date, d.year, d.title,
           s.heading AS section, s.kind AS section_kind, p.number, p.page, p.full_text AS text
    FROM paragraphs p JOIN documents d ON d.id = p.doc_id
    JOIN sections s ON s.doc_id = p.doc_id AND s.idx = p.section_idx;

CREATE VIEW IF NOT EXISTS relation_view AS
    SELECT r.id, d.id AS doc_id, d.council, d.date, d.year, d.title,
           r.source, r.relation, r.target, r.frequency, r.modality,
           r.page, r.paragraph, r.sentence
    FROM relations r JOIN documents d ON d.id = r.doc_id;

CREATE VIEW IF NOT EXISTS priority_view AS
    SELECT pr.id, d.id AS doc_id, d.council, d.date, d.year, d.title,
           pr.kind, pr.theme, pr.text, pr.page, pr.paragraph, pr.sentence
    FROM priorities pr JOIN documents d ON d.id = pr.doc_id;

CREATE VIEW IF NOT EXISTS agency_view AS
    SELECT a.id, d.id AS doc_id, d.council, d.date, d.year, a.canonical, a.kind, a.name,
           (SELECT count(*) FROM mentions m WHERE m.agency_id = a.id) AS mentions
    FROM agencies a JOIN documents d ON d.id = a.doc_id;
