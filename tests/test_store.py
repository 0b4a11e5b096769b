"""The SQLite store and ingest: a real database file, real worker processes,
a real kill -9 in the middle of an ingest."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from papermine.cli import cli
from papermine.errors import QuerySyntaxError
from papermine.parse import parse_file
from papermine.store import SCHEMA_VERSION, ingest, open_store

from conftest import CORPUS, ROOT, SAMPLES

CLASP_2022 = "durham/2022-08_corporate-parenting-panel_clasp-annual-report.txt"


def _dump(path: Path) -> dict:
    """Everything stored, without row ids and timestamps, for comparing databases."""
    conn = sqlite3.connect(path)
    out = {}
    for table, columns in {
        "documents": "id, source, sha256, council, committee, date, year, title, pages",
        "sections": "doc_id, idx, heading, kind, level",
        "paragraphs": "doc_id, seq, number, page, text",
        "agencies": "doc_id, canonical, kind",
        "priorities": "doc_id, seq, text, theme, kind, paragraph",
        "relations": "doc_id, seq, source, target, relation, frequency, paragraph",
    }.items():
        out[table] = sorted(conn.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr)
    out["fts"] = conn.execute("SELECT count(*) FROM paragraphs_fts").fetchone()[0]
    conn.close()
    return out


def test_sample_corpus_is_stored_with_everything(sample_db):
    with open_store(sample_db) as store:
        counts = store.counts()
        docs = store.documents()
        assert store.schema_version == SCHEMA_VERSION
    assert counts["documents"] == len(SAMPLES) and counts["paragraphs"] > 150
    assert counts["priorities"] >= 50 and counts["relations"] >= 50 and counts["mentions"] > counts["agencies"]
    assert [d["year"] for d in docs] == [2018, 2021, 2022, 2024, 2007]     # by council, then date
    conn = sqlite3.connect(sample_db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert {"paragraph_view", "relation_view", "priority_view", "agency_view"} <= views
    row = conn.execute("SELECT council, date, source, target, frequency FROM relation_view "
                       "WHERE relation = 'reports_to' AND paragraph = '6' AND council LIKE 'Durham%'").fetchone()
    assert row == ("Durham County Council", None, "Children Looked After Strategic Partnership",
                   "Safeguarding Children Partnership", "annually")


def test_stored_document_reads_back_as_parsed(sample_db):
    parsed = parse_file(CORPUS / CLASP_2022)
    with open_store(sample_db) as store:
        loaded = store.load_document(parsed.id)
        tags = store.load_tags(parsed.id)
    assert loaded.to_dict() == parsed.to_dict()
    assert [(r.source, r.target, r.frequency) for r in tags.reporting_lines][:2] == [
        ("Children Looked After Strategic Partnership", "Children Looked After Strategic Partnership", "bi-monthly"),
        ("Children's Social Care", "Children Looked After Strategic Partnership", None)]


def test_reingest_skips_unchanged_and_replaces_changed(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    db = tmp_path / "t.db"
    with open_store(db) as store:
        first = ingest(store, [corpus], workers=1)
        assert first.count("stored") == 5
        again = ingest(store, [corpus], workers=1)
        assert again.count("skipped") == 5 and again.count("stored") == 0
        paper = corpus / CLASP_2022
        old_id = next(o.doc_id for o in first.outcomes if o.path == str(paper))
        paper.write_text(paper.read_text(encoding="utf-8") + "\n46 A paragraph added in a revision.\n",
                         encoding="utf-8")
        changed = ingest(store, [corpus], workers=1)
        assert changed.count("replaced") == 1 and changed.count("skipped") == 4
        new_id = next(o.doc_id for o in changed.outcomes if o.status == "replaced")
        assert new_id != old_id and store.counts()["documents"] == 5
        assert [d["id"] for d in store.documents() if d["id"] == old_id] == []
        assert store.paragraph(new_id, "46")[0]["text"] == "A paragraph added in a revision."


def test_bad_files_are_named_and_the_rest_is_stored(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(CORPUS / CLASP_2022, folder / "good.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 3)
    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--workers", "2"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    failures = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert len(failures) == 2
    assert any("broken.pdf" in f and "not a readable PDF" in f for f in failures)
    assert any("binary.txt" in f and "binary data" in f for f in failures)
    assert "1 stored" in result.output
    with open_store(db) as store:
        assert store.counts()["documents"] == 1


def test_a_file_gone_bad_loses_nothing_stored(tmp_path):
    paper = tmp_path / "paper.txt"
    shutil.copy(CORPUS / CLASP_2022, paper)
    db = tmp_path / "t.db"
    with open_store(db) as store:
        ingest(store, [paper], workers=1)
        before = store.counts()
        paper.write_bytes(b"\x00\x01\x02 not text any more")
        report = ingest(store, [paper], workers=1)
        assert report.count("failed") == 1 and store.counts() == before


def _ingest_command(paths, db, workers):
    return [sys.executable, "-m", "papermine", "ingest", *map(str, paths), "--db", str(db),
            "--workers", str(workers), "--quiet"]


def test_killed_ingest_resumes_to_the_same_database(tmp_path, make_corpus):
    corpus = tmp_path / "made"
    make_corpus(corpus, councils=4, years=list(range(2010, 2020)))       # 40 papers
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    subprocess.run(_ingest_command([corpus], clean_db, 2), check=True, cwd=ROOT, capture_output=True)

    proc = subprocess.Popen(_ingest_command([corpus], killed_db, 2), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(killed_db, timeout=1) as conn:
                stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:
            stored = 0
        if stored >= 3:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)                 # the parent and its workers, no clean-up
    proc.wait()
    with sqlite3.connect(killed_db) as conn:
        partial = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        # no half-written paper: every stored document has its paragraphs
        assert conn.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                            "(SELECT 1 FROM paragraphs p WHERE p.doc_id = d.id)").fetchone()[0] == 0
    assert 3 <= partial < 40

    resumed = subprocess.run(_ingest_command([corpus], killed_db, 2), cwd=ROOT, capture_output=True,
                             text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{partial} skipped unchanged" in resumed.stdout
    assert _dump(killed_db) == _dump(clean_db)


def test_reading_while_another_process_ingests(tmp_path, make_corpus):
    corpus = tmp_path / "made"
    make_corpus(corpus, councils=3, years=list(range(2012, 2020)))
    db = tmp_path / "t.db"
    with open_store(db):
        pass                                           # schema in place before the race
    proc = subprocess.Popen(_ingest_command([corpus], db, 2), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = []
    while proc.poll() is None:
        result = CliRunner().invoke(cli, ["docs", "--db", str(db), "--json"], catch_exceptions=False)
        seen.append(len(json.loads(result.stdout)))
        assert result.exit_code == (0 if seen[-1] else 1), result.output     # none yet: "nothing found"
        time.sleep(0.05)
    assert proc.returncode == 0, proc.stderr.read()
    assert seen == sorted(seen) and len(set(seen)) > 1        # counts only grow, reads never fail


def test_made_pdfs_ingest_with_pages(tmp_path, sample_pdfs):
    db = tmp_path / "t.db"
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for path, _layout in sample_pdfs.values():
        shutil.copy(path, folder / path.name)
    shutil.copy(CORPUS / "manifest.csv", folder / "manifest.csv")
    with open_store(db) as store:
        report = ingest(store, [folder], workers=2)
        assert report.count("stored") == 5, report.summary()
        hits = store.search('"unaccompanied asylum"')
    pages = dict(sorted((h["paragraph"], h["page"]) for h in hits))
    assert set(pages) == {"20", "35"} and 1 < pages["20"] < pages["35"]     # the made PDF's pages
    assert {h["council"] for h in hits} == {"Durham County Council"}


def test_search_ranks_and_cites(sample_db):
    with open_store(sample_db) as store:
        hits = store.search("report quarterly", council="durham")
        assert hits[0]["section"] == "Governance" and hits[0]["year"] == 2022
        assert "«report»" in hits[0]["snippet"] and "«quarterly»" in hits[0]["snippet"]
        assert {h["doc"].split("_")[0] for h in hits} == {"durham"}
        assert store.search("report quarterly", since=2023) == []
        old = store.search("Connexions")
        assert [(h["council"], h["paragraph"], h["year"]) for h in old] == [("Middlesbrough Council", "7", 2007)]
        with pytest.raises(QuerySyntaxError):
            store.search('"care leavers', raw=True)
        assert store.search('"care leavers') == store.search('"care leavers"')   # quoted for FTS5


def test_cli_search_show_and_docs(sample_db):
    runner = CliRunner()
    out = runner.invoke(cli, ["search", "Connexions", "--db", str(sample_db), "--json"]).output
    assert json.loads(out)[0]["paragraph"] == "7"
    bad = runner.invoke(cli, ["search", "--fts", "AND", "--db", str(sample_db)])
    assert bad.exit_code == 1 and "bad search query" in bad.output and "Traceback" not in bad.output
    none = runner.invoke(cli, ["search", "zebra", "--db", str(sample_db)])
    assert none.exit_code == 1 and "nothing found" in none.output
    para = runner.invoke(cli, ["show", "durham_2024", "--para", "4", "--db", str(sample_db)]).output
    assert "[Executive summary]" in para and "six-monthly basis" in para
    listing = json.loads(runner.invoke(cli, ["docs", "--db", str(sample_db), "--json",
                                             "--council", "middlesbrough"]).output)
    assert [(d["date"], d["priorities"]) for d in listing] == [("2007-11-08", 5)]
    missing = runner.invoke(cli, ["docs", "--db", str(sample_db.parent / "absent.db")])
    assert missing.exit_code == 1 and "no database" in missing.output


def test_a_newer_schema_is_refused(tmp_path):
    db = tmp_path / "t.db"
    with open_store(db) as store:
        store.conn.execute("UPDATE papermine_meta SET value = '99' WHERE key = 'schema_version'")
        store.conn.commit()
    from papermine.errors import StoreError
    with pytest.raises(StoreError, match="newer"):
        open_store(db).__enter__()
