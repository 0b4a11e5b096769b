"""Datasette and sqlite-utils find the full-text index; `papermine serve`'s
Datasette (its own test client) has the metadata, facets, search on the table
and its view, and the canned query for dropped priorities."""
from __future__ import annotations

import asyncio
import shutil
import sqlite3

import pytest

from papermine.store import MIGRATIONS, SCHEMA_VERSION, open_store

sqlite_utils = pytest.importorskip("sqlite_utils")


def test_sqlite_utils_detects_and_searches_the_index(sample_db):
    db = sqlite_utils.Database(str(sample_db))
    assert db["paragraphs"].detect_fts() == "paragraphs_fts"
    rows = list(db["paragraphs"].search("multi-agency", columns=["id", "full_text"], quote=True))
    assert rows and all("multi" in r["full_text"].lower() and "agency" in r["full_text"].lower() for r in rows)


#: the migration that declares the index so that detect_fts finds it
FTS_STEP = next(step for step, sql in MIGRATIONS.items() if 'content="paragraphs"' in sql)


def test_an_old_database_is_migrated_so_that_the_index_is_found(sample_db, tmp_path):
    """A version-1 file (content='paragraphs', which detect_fts misses) gets the index rebuilt."""
    old = tmp_path / "old.db"
    shutil.copy(sample_db, old)
    conn = sqlite3.connect(old)
    with conn:
        conn.executescript("""DROP TABLE paragraphs_fts;
            CREATE VIRTUAL TABLE paragraphs_fts USING fts5(full_text, content='paragraphs',
                content_rowid='id', tokenize='porter unicode61');
            INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild');
            UPDATE papermine_meta SET value = ? WHERE key = 'schema_version';""".replace(
            "?", f"'{FTS_STEP - 1}'"))
    conn.close()
    assert sqlite_utils.Database(str(old))["paragraphs"].detect_fts() is None
    with open_store(old) as store:
        assert store.schema_version == SCHEMA_VERSION
        before = len(store.search("quarterly"))
    db = sqlite_utils.Database(str(old))
    assert db["paragraphs"].detect_fts() == "paragraphs_fts"
    assert len(list(db["paragraphs"].search("quarterly"))) == before > 0


datasette_app = pytest.importorskip("datasette.app")


def _get(sample_db, *paths):
    from papermine.serve import make_datasette
    ds = make_datasette(sample_db)

    async def fetch():
        await ds.invoke_startup()
        return [await ds.client.get(path) for path in paths]
    return asyncio.run(fetch())


def test_datasette_searches_facets_and_describes(sample_db):
    name = sample_db.stem
    table, view, facets, meta, home = _get(
        sample_db, f"/{name}/paragraphs.json?_search=multi-agency&_shape=array",
        f"/{name}/paragraph_view.json?_search=quarterly&_shape=array",
        f"/{name}/priority_view.json?_size=0", "/-/metadata.json", f"/{name}.json")
    rows = table.json()
    assert table.status_code == 200 and rows
    assert all("multi" in r["full_text"].lower() for r in rows)
    assert len(rows) < sqlite3.connect(sample_db).execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    hits = view.json()
    assert hits and all("quarter" in r["text"].lower() for r in hits) and {"council", "year"} <= set(hits[0])
    assert {"council", "year", "theme", "kind"} <= set(facets.json()["facet_results"])
    tables = meta.json()["databases"][name]["tables"]
    assert tables["paragraph_view"]["fts_table"] == "paragraphs_fts" and tables["documents"]["title"] == "Papers"
    queries = {q["name"]: q for q in home.json()["queries"]}
    assert queries["dropped_priority_themes"]["title"] == "Dropped priorities (by theme)"


def test_the_dropped_priorities_canned_query(sample_db):
    name = sample_db.stem
    durham, everyone = _get(sample_db, f"/{name}/dropped_priority_themes.json?council=durham&_shape=array",
                            f"/{name}/dropped_priority_themes.json?council=&_shape=array")
    rows = durham.json()
    assert rows and {r["council"] for r in rows} == {"Durham County Council"}
    latest = sqlite3.connect(sample_db).execute(
        "SELECT DISTINCT theme FROM priority_view WHERE date = '2024-01-26'").fetchall()
    assert not {r["theme"] for r in rows} & {t for (t,) in latest}     # gone from the latest paper
    assert all(r["not_in_latest_of"] == "2024-01-26" and r["last_wording"] for r in rows)
    # Middlesbrough has one paper: nothing can be dropped there
    assert everyone.json() == rows


def test_serve_names_what_is_missing(tmp_path, monkeypatch, sample_db):
    from click.testing import CliRunner

    from papermine.cli import cli
    absent = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "absent.db")])
    assert absent.exit_code == 1 and "no database here" in absent.output
    monkeypatch.setitem(__import__("sys").modules, "datasette.app", None)     # as if not installed
    missing = CliRunner().invoke(cli, ["serve", "--db", str(sample_db)])
    assert missing.exit_code == 1 and "pip install 'papermine[web]'" in missing.output
    assert "Traceback" not in missing.output
