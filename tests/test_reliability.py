"""Reliability: every CLI path ends in one line (never a traceback), parsing is
linear in a paper's length, a database is looked at before it is changed, and
an ingest is bounded per file and survives its workers dying."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from papermine.cli import cli
from papermine.parse import parse_text
from papermine.store import SCHEMA_VERSION, find_papers, open_store

from conftest import CORPUS, ROOT
from hostile import deep_page_tree_pdf, inflating_pdf, slow_text

GOOD = sorted(CORPUS.glob("durham/*.txt"))


def _run(*args, timeout=120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "papermine", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, **kwargs)


def _one_line_failure(result, status=None) -> str:
    """The failure of a CLI run: non-zero status, one line on stderr, no traceback."""
    stderr = result.stderr
    assert "Traceback" not in stderr + result.stdout, stderr
    assert result.exit_code != 0 if status is None else result.exit_code == status, (result.exit_code, stderr)
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


# ---- every command with bad input: one line, non-zero status ----------------------------
@pytest.fixture(scope="module")
def bad_dbs(tmp_path_factory, sample_db):
    folder = tmp_path_factory.mktemp("bad-dbs")
    made = {"sample": sample_db, "missing": folder / "absent.db", "folder": folder}
    made["zero"] = folder / "zero.db"
    made["zero"].write_bytes(b"")
    made["text"] = folder / "notes.db"
    made["text"].write_text("not a database\n")
    made["foreign"] = folder / "foreign.db"
    with sqlite3.connect(made["foreign"]) as conn:
        conn.execute("CREATE TABLE birds (name TEXT)")
    made["newer"] = folder / "newer.db"
    shutil.copy(sample_db, made["newer"])
    with sqlite3.connect(made["newer"]) as conn:
        conn.execute("UPDATE papermine_meta SET value = ? WHERE key = 'schema_version'",
                     (str(SCHEMA_VERSION + 1),))
    made["fifo"] = folder / "fifo.txt"
    os.mkfifo(made["fifo"])
    made["binary"] = folder / "binary.txt"
    made["binary"].write_bytes(b"\x00\x01\x02\x03" * 100)
    return made


LONG_ID = "x" * 100_000
BAD_CALLS = [
    # (command line, what the one line must say); {name} is a path from bad_dbs
    (["parse", "{missing}"], "no such file"),
    (["parse", "{folder}"], "folder"),
    (["parse", "{fifo}"], "FIFO"),
    (["parse", "/dev/zero"], "character device"),
    (["parse", "{binary}"], "binary"),
    (["parse", "{sample}"], "SQLite database"),
    (["tag", LONG_ID, "--db", "{sample}"], "at most 300 characters"),
    (["tag", "no-such-paper", "--db", "{missing}"], "no such file, and no database"),
    (["ingest", "{missing}", "--workers", "0"], "--workers"),
    (["ingest", str(GOOD[0]), "--max-memory", "10"], "--max-memory"),
    (["ingest", str(GOOD[0]), "--timeout", "0"], "--timeout"),
    (["ingest", str(GOOD[0]), "--max-pages", "-1"], "--max-pages"),
    (["ingest", str(GOOD[0]), "--db", "{foreign}"], "not a papermine database"),
    (["ingest", str(GOOD[0]), "--db", "{newer}"], "newer than this papermine"),
    (["ingest", str(GOOD[0]), "--db", "{text}"], "not an SQLite file"),
    (["ingest", str(GOOD[0]), "--db", "{missing}/../nowhere/x.db"], "no such folder"),
    (["docs", "--since", "99999999999999999999", "--db", "{sample}"], "--since"),
    (["docs", "--until", "soon", "--db", "{sample}"], "--until"),
    (["docs", "--db", "{missing}"], "no database here"),
    (["docs", "--db", "{zero}"], "empty file"),
    (["docs", "--db", "{foreign}"], "not a papermine database"),
    (["docs", "--db", "{newer}"], "newer than this papermine"),
    (["docs", "--db", "{folder}"], "--db"),
    (["docs", "--council", "%", "--db", "{sample}"], "no stored papers match"),
    (["docs", "--council", "_", "--db", "{sample}"], "no stored papers match"),
    (["docs", "--council", os.fsdecode(b"\xff"), "--db", "{sample}"], "not text"),
    (["show", LONG_ID, "--db", "{sample}"], "at most 300 characters"),
    (["show", "durham", "--para", "999", "--db", "{sample}"], "matches"),
    (["search", "\"unbalanced", "--fts", "--db", "{sample}"], "bad search query"),   # raw FTS5 syntax
    (["search", "\"unbalanced", "--db", "{sample}"], "nothing found"),                # quoted for the user
    (["search", "care", "--limit", "0", "--db", "{sample}"], "--limit"),
    (["search", "care", "--since", "99999999999999999999", "--db", "{sample}"], "--since"),
    (["diff", "{missing}", "{missing}", "--db", "{sample}"], "no stored paper"),
    (["dropped", "--since", "99999999999999999999", "--db", "{sample}"], "--since"),
    (["dropped", "--until", "-5", "--db", "{sample}"], "--until"),
    (["timeline", "--theme", "no such theme", "--db", "{sample}"], "unknown theme"),
    (["agencies", "--db", "{text}"], "not an SQLite file"),
    (["lines", "--db", "{zero}"], "empty file"),
    (["graph", "--format", "dot", "-o", "{folder}/g.dot", "--db", "{sample}"], "--format"),
    (["graph", "--format", "json", "-o", "{folder}/no/such/g.json", "--db", "{sample}"], "no such folder"),
    (["graph", "--format", "json", "-o", "/dev/full", "--db", "{sample}"], "No space left"),
    (["report", "-o", "{folder}/no/such/r.html", "--db", "{sample}"], "no such folder"),
    (["report", "-o", "/dev/full", "--db", "{sample}"], "No space left"),
    (["report", "-o", "{folder}/r.html", "--council", "%", "--db", "{sample}"], "no stored papers match"),
    (["fetch", "http://127.0.0.1:9", "--committee", "X", "--since", "99999999999999999999"], "--since"),
    (["fetch", "http://127.0.0.1:9", "--committee", "X", "--delay", "-1"], "--delay"),
]


@pytest.mark.parametrize("call, says", BAD_CALLS, ids=[" ".join(c)[:60] for c, _ in BAD_CALLS])
def test_bad_input_gets_one_line_and_a_non_zero_status(bad_dbs, call, says):
    args = [a.format(**bad_dbs) if "{" in a else a for a in call]
    line = _one_line_failure(CliRunner().invoke(cli, args))
    assert says in line, line


def test_every_command_refuses_an_unknown_option_and_a_foreign_database_on_one_line(bad_dbs):
    """Commands added later are held to the same rule without a row of their own."""
    for name, command in cli.commands.items():
        _one_line_failure(CliRunner().invoke(cli, [name, "--no-such-option"]), status=2)
        if any(p.name == "db_path" for p in command.params) and name not in ("diff", "fetch"):
            needs = [a for a in command.params if isinstance(a, __import__("click").Argument)]
            args = [name] + [str(GOOD[0])] * len(needs) + ["--db", str(bad_dbs["foreign"])]
            if name == "graph":
                args += ["--format", "json", "-o", str(bad_dbs["folder"] / "g.json")]
            if name == "report":
                args += ["-o", str(bad_dbs["folder"] / "r.html")]
            result = CliRunner().invoke(cli, args)
            if name == "tag":           # a file needs no database
                assert result.exit_code == 0
                continue
            assert "not a papermine database" in _one_line_failure(result), name


def test_a_newline_and_undecodable_bytes_in_a_name_stay_on_one_line(tmp_path):
    name = os.fsdecode(b"bad\xff\nname.txt")
    (tmp_path / name).write_bytes(b"\x00\x01binary")
    line = _one_line_failure(CliRunner().invoke(cli, ["parse", str(tmp_path / name)]))
    assert "bad\\xff\\nname.txt" in line and "binary" in line


# ---- linear time ----------------------------------------------------------------------
def _cpu_seconds(fn, *args) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        fn(*args)
        best = min(best, time.process_time() - start)
    return best


def _wrapped_paragraph(lines: int) -> str:
    line = "the partnership will report quarterly to the panel on its work with"
    return "Background\n\n1 The Board notes that\n" + "\n".join(
        f"{line} anti-\nsocial care and well-\nbeing" for _ in range(lines)) + ".\n"


def test_a_long_wrapped_paragraph_parses_in_linear_time():
    """Four times the lines must cost about four times the time, not sixteen."""
    small, large = _wrapped_paragraph(300), _wrapped_paragraph(1200)
    doc = parse_text(large)
    assert "anti-social care and well-being the partnership" in doc.find("1").text
    ratio = _cpu_seconds(parse_text, large) / _cpu_seconds(parse_text, small)
    assert ratio < 8, f"4x the input took {ratio:.1f}x the time"


def test_a_long_paragraph_tags_in_linear_time():
    from papermine.nlp import tag_document
    small, large = parse_text(slow_text(4_000)), parse_text(slow_text(16_000))
    tags = tag_document(large)
    assert tags.agencies and all(e.paragraph == "1" for a in tags.agencies for e in a.evidence)
    ratio = _cpu_seconds(tag_document, large) / _cpu_seconds(tag_document, small)
    assert ratio < 8, f"4x the input took {ratio:.1f}x the time"


@pytest.mark.parametrize("text", ["1 The anti-\nécole group meets.\n", "1 The co-\nördination group.\n",
                                  "1 The anti-\n\u00e9\n", "Background\n\n1 x-\nß-\nÆ\n"])
def test_a_non_ascii_letter_after_a_line_end_hyphen(text):
    doc = parse_text(text)
    assert doc.paragraphs


def test_text_turning_binary_after_64_kb_is_refused(tmp_path):
    from papermine.errors import UndecodableText
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"1 The partnership meets.\n" * 3000 + bytes(range(1, 32)) * 100)
    with pytest.raises(UndecodableText, match="binary"):
        from papermine.parse import parse_file
        parse_file(path)


def test_utf16_without_a_byte_order_mark_reads(tmp_path):
    from papermine.parse import parse_file
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes("Background\n\n1 The partnership meets – quarterly.\n".encode(codec))
        assert parse_file(path).find("1").text == "The partnership meets – quarterly."


def test_content_decides_the_reader(tmp_path, sample_pdfs):
    from papermine.parse import parse_file
    pdf, _ = next(iter(sample_pdfs.values()))
    disguised = tmp_path / "paper.txt"
    shutil.copy(pdf, disguised)
    doc = parse_file(disguised)
    assert doc.pages and doc.pages >= 1 and not any("%PDF" in p.text or "endobj" in p.text
                                                    for p in doc.paragraphs)


def test_a_page_tree_thousands_deep_is_one_line(tmp_path):
    path = deep_page_tree_pdf(tmp_path / "deep.pdf", 5000)
    line = _one_line_failure(CliRunner().invoke(cli, ["parse", str(path)]))
    assert "deep.pdf" in line


# ---- a database looked at before it is changed ------------------------------------------
@pytest.mark.parametrize("kind", ["newer", "foreign", "text"])
def test_newer_and_foreign_databases_are_refused_byte_identical(bad_dbs, tmp_path, kind):
    db = tmp_path / f"{kind}.db"
    shutil.copy(bad_dbs[kind], db)
    before = db.read_bytes()
    for args in (["docs"], ["ingest", str(GOOD[0])], ["search", "care"]):
        _one_line_failure(CliRunner().invoke(cli, args + ["--db", str(db)]))
        assert db.read_bytes() == before
    if kind == "foreign":
        with sqlite3.connect(db) as conn:
            assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["birds"]


def test_a_zero_byte_file_is_a_new_database_for_ingest_only(tmp_path):
    db = tmp_path / "zero.db"
    db.write_bytes(b"")
    _one_line_failure(CliRunner().invoke(cli, ["docs", "--db", str(db)]))
    assert db.read_bytes() == b""
    result = CliRunner().invoke(cli, ["ingest", str(GOOD[0]), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.stdout


def test_query_commands_open_read_only(sample_db, tmp_path, monkeypatch):
    db = tmp_path / "q.db"
    shutil.copy(sample_db, db)
    before = db.read_bytes()
    opened = []
    real = sqlite3.connect

    def spy(target, *args, **kwargs):
        opened.append(str(target))
        return real(target, *args, **kwargs)
    monkeypatch.setattr(sqlite3, "connect", spy)
    for args in (["docs"], ["search", "care"], ["show", "durham_2024"], ["lines"], ["agencies"]):
        result = CliRunner().invoke(cli, args + ["--db", str(db)])
        assert result.exit_code == 0, result.output
    assert opened and all(target.startswith("file:") and "mode=ro" in target for target in opened)
    assert db.read_bytes() == before


def _docs_on_read_only(target: Path, db: Path) -> subprocess.CompletedProcess:
    """`papermine docs` on `db` with `target` (the file, or its folder) read-only:
    a read-only bind mount in a mount namespace of its own where possible (as
    root, which file modes do not stop), else file modes."""
    command = [sys.executable, "-m", "papermine", "docs", "--db", str(db), "--json"]
    if os.geteuid() == 0:
        if shutil.which("unshare") is None:
            pytest.skip("unshare(1) is not installed: no read-only mount to try")
        command = ["unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"',
                   str(target)] + command
    else:
        target.chmod(0o555 if target.is_dir() else 0o444)
        db.chmod(0o444)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    if os.geteuid() == 0 and result.returncode != 0 and "mount" in result.stderr \
            and "papermine" not in result.stderr.lower():
        pytest.skip(f"no read-only mount here: {result.stderr.strip()}")
    return result


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_is_listable(sample_db, what):
    folder = Path(tempfile.mkdtemp(prefix="papermine-ro-"))
    try:
        db = folder / "papers.db"
        shutil.copy(sample_db, db)
        before = db.read_bytes()
        result = _docs_on_read_only(db if what == "file" else folder, db)
        assert result.returncode == 0, result.stderr
        assert "durham" in result.stdout and "Traceback" not in result.stderr
        assert db.read_bytes() == before
        if what == "folder":
            assert sorted(p.name for p in folder.iterdir()) == ["papers.db"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_locked_database_stops_the_batch_with_a_summary(tmp_path, monkeypatch):
    from papermine.store import db as store_db
    db = tmp_path / "locked.db"
    with open_store(db):
        pass
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")                   # another program holds the write lock
    try:
        result = CliRunner().invoke(cli, ["ingest", *map(str, GOOD[:2]), "--db", str(db), "--workers", "1"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "locked" in result.stderr and "stored" in result.stdout and "re-run to resume" in result.stdout
    resumed = CliRunner().invoke(cli, ["ingest", *map(str, GOOD[:2]), "--db", str(db)])
    assert resumed.exit_code == 0 and "2 stored" in resumed.stdout


def test_a_full_disk_stops_the_batch_with_a_summary(tmp_path, monkeypatch):
    """SQLite's own 'database or disk is full', made by capping the file's pages."""
    from papermine.store import db as store_db
    db = tmp_path / "full.db"
    real_init = store_db.Store.__init__

    def capped(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    monkeypatch.setattr(store_db.Store, "__init__", capped)
    result = CliRunner().invoke(cli, ["ingest", *map(str, GOOD), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "disk is full" in result.stderr and "stopped early" in result.stdout


# ---- workers: bounded, replaced, dying with their parent -----------------------------------
def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return None


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_killed_worker_is_replaced_and_its_paper_reported(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "0-slow.txt").write_text(slow_text(400_000))       # first in line, busy for seconds
    for path in GOOD:
        shutil.copy(path, folder / path.name)
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-m", "papermine", "ingest", str(folder), "--db", str(db),
                             "--workers", "1", "--quiet"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    worker = _wait_for(lambda: _children(proc.pid), 30)
    assert worker, "no worker process started"
    time.sleep(1.0)                                    # it has taken a-slow.txt and is tagging it
    os.kill(worker[0], signal.SIGKILL)                 # as the out-of-memory killer would
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "Traceback" not in err
    failed = [ln for ln in err.splitlines() if ln.startswith("failed:")]
    assert len(failed) == 1 and "0-slow.txt" in failed[0] and "signal 9 (SIGKILL)" in failed[0], err
    assert f"{len(GOOD)} stored" in out and "1 failed" in out
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(GOOD)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_die_with_their_parent(tmp_path):
    (tmp_path / "slow.txt").write_text(slow_text(200_000))
    proc = subprocess.Popen([sys.executable, "-m", "papermine", "ingest", str(tmp_path / "slow.txt"),
                             "--db", str(tmp_path / "p.db"), "--quiet"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = _wait_for(lambda: _children(proc.pid), 30)
    assert worker
    proc.kill()                                        # kill -9 the parent alone
    proc.wait()
    gone = _wait_for(lambda: not Path(f"/proc/{worker[0]}").exists()
                     or "Z" in Path(f"/proc/{worker[0]}/stat").read_text().split()[2], 10)
    assert gone, "the worker outlived its parent"


def _pdf_of_pages(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas
    pdf = canvas.Canvas(str(path))
    for page in range(1, pages + 1):
        pdf.drawString(72, 720, "Purpose of the Report" if page == 1 else "Background")
        pdf.drawString(72, 690, f"{page} The partnership reports to the Board on page {page}.")
        pdf.showPage()
    pdf.save()
    return path


LAUNCHER = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "print('maxrss', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(r.returncode)")


def _ingest_measured(folder: Path, db: Path, *options: str) -> tuple[subprocess.CompletedProcess, dict, int]:
    """Ingest in a fresh process; (result, failure line by file name, peak RSS of any process in KB)."""
    result = subprocess.run([sys.executable, "-c", LAUNCHER, sys.executable, "-m", "papermine", "ingest",
                             str(folder), "--db", str(db), "--quiet", *options],
                            cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert "Traceback" not in result.stderr, result.stderr
    failed = {Path(ln.split(": ")[1]).name: ln for ln in result.stderr.splitlines() if ln.startswith("failed:")}
    return result, failed, int(result.stderr.split("maxrss")[1].split()[0])


def test_files_over_the_limits_are_named_and_the_rest_stored(tmp_path):
    """A PDF inflating to 1 GB, a PDF of too many pages and a text of too many
    bytes, with good papers beside them; then a paper needing more CPU than allowed."""
    folder = tmp_path / "papers"
    folder.mkdir()
    inflating_pdf(folder / "bomb.pdf", 1024)
    _pdf_of_pages(folder / "many-pages.pdf", 25)
    (folder / "huge.txt").write_text("1 The partnership meets.\n" * 20_000)     # 500 KB of text
    for path in GOOD[:2]:
        shutil.copy(path, folder / path.name)
    _pdf_of_pages(folder / "good.pdf", 2)
    limit_mb = 900
    result, failed, peak_kb = _ingest_measured(folder, tmp_path / "l.db", "--workers", "2",
                                               "--max-memory", str(limit_mb), "--max-pages", "20")
    assert result.returncode == 1 and set(failed) == {"bomb.pdf", "many-pages.pdf", "huge.txt"}, result.stderr
    assert "over the memory limit (--max-memory 900 MB)" in failed["bomb.pdf"]
    assert "over the page limit (25 pages; the limit is 20)" in failed["many-pages.pdf"]
    assert "over the page limit (500,000 bytes of text is over 20 pages" in failed["huge.txt"]
    assert "3 stored" in result.stdout
    assert peak_kb < limit_mb * 1024, f"a worker reached {peak_kb // 1024} MB"

    slow = tmp_path / "slow"
    slow.mkdir()
    (slow / "slow.txt").write_text(slow_text(600_000))            # several seconds of CPU to tag
    shutil.copy(GOOD[0], slow / GOOD[0].name)
    start = time.monotonic()
    result, failed, _ = _ingest_measured(slow, tmp_path / "t.db", "--timeout", "1")
    assert result.returncode == 1 and set(failed) == {"slow.txt"}, result.stderr
    assert "over the time limit (--timeout 1 s of CPU)" in failed["slow.txt"]
    assert "1 stored" in result.stdout and time.monotonic() - start < 60


def test_folders_read_only_papers_and_name_what_they_pass_over(tmp_path):
    folder = tmp_path / "papers"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(GOOD[0], folder / "sub" / "paper.txt")
    (folder / "notes.md").write_text("# notes\n\n1 Not a paper.\n")
    (folder / "minutes.docx").write_bytes(b"PK\x03\x04")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "README.md").write_text("about these papers")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "f.db"), "-v"])
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.stdout and "4 other files in the folders passed over" in result.stdout
    passed = sorted(ln.split(": ", 1)[1] for ln in result.stderr.splitlines() if ln.startswith("passed over"))
    assert passed == [f"{folder}/gone.txt (broken links)", f"{folder}/minutes.docx (of other types)",
                      f"{folder}/notes.md (of other types)", f"{folder}/pipe.txt (not regular files)"]


def test_a_file_name_of_any_bytes_is_stored_and_printed(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    odd = os.fsdecode(b"caf\xe9 \xff\nreport.txt")
    shutil.copy(GOOD[0], folder / odd)
    for path in GOOD[1:]:
        shutil.copy(path, folder / path.name)
    (folder / os.fsdecode(b"bad\xfe.txt")).write_bytes(b"\x00\x01\x02")
    db = tmp_path / "n.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "bad\\xfe.txt" in result.stderr
    import json
    data = json.loads(result.stdout)
    assert data["stored"] == len(GOOD)
    assert any(d["path"].endswith("caf\\xe9 \\xff\\nreport.txt") for d in data["documents"])
    again = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert f"{len(GOOD)} skipped unchanged" in again.stdout


def test_three_ingests_into_one_database_at_once(tmp_path, make_corpus):
    """Three writers at once: each waits for the lock in turn, none fails."""
    db = tmp_path / "shared.db"
    folders = []
    for n in range(3):
        folder = tmp_path / f"batch{n}"
        make_corpus(folder, councils=1, years=[2015 + n, 2019 + n])
        folders.append(folder)
    procs = [subprocess.Popen([sys.executable, "-m", "papermine", "ingest", str(folder), "--db", str(db),
                               "--workers", "1", "--quiet"], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for folder in folders]
    outputs = [proc.communicate(timeout=180) for proc in procs]
    for proc, (_out, err) in zip(procs, outputs):
        assert proc.returncode == 0 and "locked" not in err and "Traceback" not in err, err
    expected = sum(len(find_papers([folder])) for folder in folders)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == expected


def test_the_smallest_memory_limit_allowed_still_reads_real_papers(tmp_path):
    """--max-memory at its minimum is a limit a worker can live with: a real PDF
    (pdfium and spaCy loaded) and a text paper are stored, not refused."""
    from conftest import REAL_DIR
    from papermine.limits import MIN_MEMORY_MB
    real = REAL_DIR / "kent-cc_county-council-report_2025-01-09_devolution-white-paper.pdf"
    if not real.is_file():
        pytest.skip(f"{real} is absent (the real papers sit beside the checkout in CI)")
    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(real, folder / real.name)
    shutil.copy(GOOD[0], folder / GOOD[0].name)
    result, failed, _ = _ingest_measured(folder, tmp_path / "m.db", "--max-memory", str(MIN_MEMORY_MB))
    assert result.returncode == 0 and not failed, result.stderr
    assert "2 stored" in result.stdout
