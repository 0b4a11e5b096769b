"""Ingest: find papers, parse and tag them in worker processes, store them from
this process, one transaction per paper.

Unchanged files (same path, sha256, parser and tagger versions) are skipped;
a changed file replaces its old version; a bad file is reported on one line
and the batch goes on. Only the parent writes, so SQLite sees one writer.

Every paper is read in a worker process with limits (see `Limits`): address
space, CPU time and pages. A paper over a limit, or whose worker dies (killed
by the out-of-memory killer, a crash in a PDF library), is reported with the
limit or the signal and its worker replaced; the batch goes on. Workers die
with the parent (PR_SET_PDEATHSIG on Linux, else a thread that watches it).
"""
from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
import signal
import sqlite3
import stat
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_ready
from pathlib import Path
from typing import Callable, Iterable

from ..errors import LimitExceeded, PapermineError, StoreError, WorkerDied, display_name
from ..limits import Limits
from ..model import Document, Tags
from ..parse import DEFAULT_BACKEND, parse_bytes, parser_version
from ..parse.files import read_regular_file
from .db import Store, store_error

__all__ = ["ingest", "find_papers", "scan_paths", "Scan", "IngestReport", "Outcome", "Limits",
           "PAPER_SUFFIXES"]

#: What a folder is searched for: the formats papermine reads. (A file named on
#: the command line is read whatever its name; its content decides the reader.)
PAPER_SUFFIXES = frozenset({".pdf", ".txt", ".text"})
#: File names never taken for papers even where their suffix would be.
NOT_PAPERS = {"manifest.csv", "readme.md", "readme.txt"}
#: A worker is killed when a paper has taken this many times its CPU limit (plus
#: a grace) in wall-clock time: it waits on something (a stalled disk or mount).
WALL_TIMEOUT_FACTOR = 3
WALL_GRACE_S = 10
MEMORY_LIMIT_WORDS = "over the memory limit"
#: How often the parent looks at its workers' deadlines (seconds).
POLL_S = 0.5
#: Bytes hashed at a time to tell an unchanged file (memory stays flat).
HASH_CHUNK = 1 << 20
#: prctl(2) option: the signal a process gets when its parent dies.
PR_SET_PDEATHSIG = 1


@dataclass
class Outcome:
    path: str                   # the file name as printed (undecodable bytes as \xNN)
    status: str                 # stored | replaced | skipped | failed
    doc_id: str | None = None
    error: str | None = None


@dataclass
class Scan:
    """What a scan of the paths found: papers, and files passed over with why."""
    papers: list[Path] = field(default_factory=list)
    passed_over: list[tuple[str, str]] = field(default_factory=list)   # (name, reason)


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: bool = False
    #: why the batch stopped early (the database locked or its disk full), if it did
    stopped: str | None = None
    passed_over: list[tuple[str, str]] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def summary(self) -> str:
        stored = self.count("stored") + self.count("replaced")
        text = (f"{stored} stored ({self.count('replaced')} replaced), "
                f"{self.count('skipped')} skipped unchanged, {self.count('failed')} failed")
        if self.passed_over:
            text += f"; {len(self.passed_over)} other files in the folders passed over (-v names them)"
        if self.stopped:
            text += " - stopped early: re-run to resume"
        return text + (" - interrupted: re-run to resume" if self.interrupted else "")


# ---- finding papers ------------------------------------------------------------------
def scan_paths(paths: Iterable[str | Path]) -> Scan:
    """Files named directly (whatever their name), and papers found in folders,
    recursively (PAPER_SUFFIXES only; hidden files and folders, manifests and
    READMEs left out). What a folder holds that is not read is passed over
    with its reason: another type, unreadable, a broken link, not a file."""
    scan = Scan()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            _scan_folder(path, scan)
        else:
            scan.papers.append(path)          # missing or unreadable files are reported as failed
    scan.papers = list(dict.fromkeys(scan.papers))
    return scan


def _scan_folder(root: Path, scan: Scan) -> None:
    def unreadable(exc: OSError) -> None:
        scan.passed_over.append((display_name(exc.filename or root), "unreadable folders"))

    found = []
    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(folder, name)
            lower = name.lower()
            if name.startswith(".") or lower in NOT_PAPERS:
                continue
            if Path(lower).suffix not in PAPER_SUFFIXES:
                scan.passed_over.append((display_name(path), "of other types"))
                continue
            try:
                info = path.stat()
            except FileNotFoundError:
                scan.passed_over.append((display_name(path), "broken links"))
                continue
            except OSError:
                scan.passed_over.append((display_name(path), "unreadable"))
                continue
            if not stat.S_ISREG(info.st_mode):
                scan.passed_over.append((display_name(path), "not regular files"))
            elif not os.access(path, os.R_OK):
                scan.passed_over.append((display_name(path), "unreadable"))
            else:
                found.append(path)
        # a link to a folder is not followed by os.walk: say so rather than pass it silently
        for name in list(dirs):
            if Path(folder, name).is_symlink():
                scan.passed_over.append((display_name(Path(folder, name)), "links to folders"))
    scan.papers += sorted(found)


def find_papers(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and papers (PDF, text) found in folders, recursively."""
    return scan_paths(paths).papers


def _sha256(path: Path) -> str | None:
    """The file's sha256, read in chunks; None for what is no regular file."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(HASH_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


#: the limits a worker keeps to when none are given
DEFAULT_LIMITS = Limits()


# ---- in a worker ---------------------------------------------------------------------
def _work(path: str, manifest: str | None, options: dict, ocr: bool = True,
          pdf_backend: str = DEFAULT_BACKEND, picture_cache: str | None = None,
          limits: Limits = DEFAULT_LIMITS,
          sha256: str | None = None) -> tuple[str, Document | None, Tags | None, str | None]:
    """In a worker: parse and tag one paper (scanned pages read by OCR here, in
    the worker process, never a thread: PDFium is not thread-safe); `sha256` is
    the digest the parent read (the file is not hashed twice). Errors come back
    as one line."""
    from ..nlp import tag_document
    try:
        data = read_regular_file(Path(path), limits.max_bytes)
        doc = parse_bytes(Path(path), data, manifest=Path(manifest) if manifest else None, options=options,
                          ocr=ocr, max_pages=limits.max_pages, pdf_backend=pdf_backend, sha256=sha256,
                          picture_cache=Path(picture_cache) if picture_cache else None)
        del data
        return path, doc, tag_document(doc), None
    except PapermineError as exc:     # a reader may wrap the MemoryError of a file that inflates
        return path, None, None, _over_memory(path, limits) if _out_of_memory(exc) else str(exc)
    except MemoryError:
        return path, None, None, _over_memory(path, limits)
    except RecursionError:
        return path, None, None, str(LimitExceeded(path, "nested too deeply to read (a damaged or hostile file)"))
    except Exception as exc:  # a bug must not stop the batch: report it on one line
        return path, None, None, str(PapermineError(path, f"internal error ({type(exc).__name__}: {exc})"))


def _out_of_memory(exc: BaseException) -> bool:
    """Was `exc` (or what it wraps, however deep) a MemoryError?"""
    seen = set()
    todo = [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, MemoryError):
            return True
        todo += [x for x in (e.__cause__, e.__context__, *e.args) if isinstance(x, BaseException)]
    return False


def _over_memory(path: str, limits: Limits) -> str:
    return str(LimitExceeded(path, f"{MEMORY_LIMIT_WORDS} (--max-memory {limits.max_memory_mb} MB)"))


def _die_with_parent(parent: int) -> None:
    """Make this process end when its parent does, even by SIGKILL."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:          # the parent died before prctl took hold
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:                    # elsewhere: look for the parent every second
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _set_limits(limits: Limits) -> None:
    import resource
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))        # a crashed worker leaves no core file
    if limits.max_memory_mb:
        cap = limits.max_memory_mb * (1 << 20)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))


def _start_cpu_clock(limits: Limits) -> None:
    """SIGXCPU (which ends the worker) after `timeout_s` more seconds of CPU."""
    if limits.timeout_s:
        import resource
        used = resource.getrusage(resource.RUSAGE_SELF)
        spent = used.ru_utime + used.ru_stime
        resource.setrlimit(resource.RLIMIT_CPU, (int(spent + limits.timeout_s) + 1, resource.RLIM_INFINITY))


def _worker_main(conn, parent: int, limits: Limits, work_args: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # the parent decides what Ctrl-C stops
    logging.getLogger().addHandler(logging.NullHandler())   # PDF libraries' warnings are not ours to print
    _die_with_parent(parent)
    _set_limits(limits)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        path, sha256 = task
        _start_cpu_clock(limits)
        result = _work(path, *work_args, limits, sha256)
        try:
            conn.send(result)
        except MemoryError:
            result = (path, None, None, _over_memory(path, limits))
            conn.send(result)
        if result[3] and MEMORY_LIMIT_WORDS in result[3]:
            return                  # after a MemoryError the process may be unsound: a fresh one


# ---- in the parent -------------------------------------------------------------------
#: Tagged before the workers fork, so that the rule tables each stage compiles on first use
#: (relation cues, priority cues, themes, rosters) are compiled once, not once in every worker.
_WARM_UP_PAPER = """Membership and reporting

1. The Northby Partnership Board is accountable to the County Council and reports to the
Health and Wellbeing Board twice a year. Its members are Northby Police, NHS Northby CCG and
Northby College.

2. The priorities of the Board are:
(a) keeping children safe;
(b) reducing loneliness.
"""


def _build_pipeline_before_fork() -> None:
    """Build the tagging pipeline (about a second) and warm its rule tables once,
    here, where forked workers inherit them, rather than once in every worker.
    Where workers are spawned, or where it cannot be built (each paper then says
    why), they build their own."""
    if not sys.platform.startswith("linux"):
        return
    try:
        from ..nlp import get_pipeline, tag_document
        from ..parse import parse_text
        get_pipeline()
        tag_document(parse_text(_WARM_UP_PAPER, name="warm-up.txt"))
    except Exception:       # noqa: BLE001 - reported per paper by the workers
        pass
    _load_readers_before_fork()
    # what the workers inherit (modules, the pipeline: some 10^5 objects that live as long
    # as they do) is kept out of their garbage collections, which re-walked it all for nothing
    # (the parent thaws it once its workers are done: see `ingest`)
    gc.freeze()


def _load_readers_before_fork() -> None:
    """Load what each worker would load on its first PDF (PDFium and the reader on
    it, pytesseract and the image formats it writes) once, here: some 0.15 s of CPU
    a worker. What cannot be loaded is left to the workers. (Nothing is run: the
    parent starts no process but its workers.)"""
    try:
        import pytesseract  # noqa: F401
        from PIL import Image, ImageDraw  # noqa: F401

        from ..parse.backends import pdfium_backend  # noqa: F401 - PDFium, initialised once
        Image.init()                    # every image plugin (Tesseract is handed a TIFF)
    except Exception:       # noqa: BLE001 - each worker then loads its own
        pass


class _Worker:
    def __init__(self, ctx, limits: Limits, work_args: tuple):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, os.getpid(), limits, work_args),
                                   daemon=True)
        self.process.start()
        child.close()
        self.path: str | None = None
        self.started = 0.0

    def give(self, path: str, sha256: str | None = None) -> None:
        self.path, self.started = path, time.monotonic()
        self.conn.send((path, sha256))

    def stop(self, kill: bool = False) -> None:
        if self.process.is_alive():
            if kill:
                self.process.kill()
            else:
                try:
                    self.conn.send(None)
                except OSError:
                    self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _death(path: str, exitcode: int | None, limits: Limits) -> str:
    """One line for a paper whose worker died."""
    if exitcode is not None and -exitcode == signal.SIGXCPU:
        return str(LimitExceeded(path, f"over the time limit (--timeout {limits.timeout_s:g} s of CPU)"))
    if exitcode is not None and -exitcode == signal.SIGABRT and limits.max_memory_mb:
        # a native library (PDFium) aborts where Python would raise MemoryError
        return _over_memory(path, limits)
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "unknown"
        why = f"its worker was killed by signal {-exitcode} ({name})"
        if -exitcode == signal.SIGKILL:
            why += ": out of memory, or stopped from outside"
    else:
        why = f"its worker ended unexpectedly (exit status {exitcode})"
    return str(WorkerDied(path, why + "; the batch goes on"))


def _run_workers(todo: list[tuple[str, str | None]], workers: int, limits: Limits, work_args: tuple, land,
                 fail) -> None:
    """Keep every worker busy with one paper ((path, sha256) in `todo`); land each
    result as it comes; a dead or stuck worker costs its paper only and is replaced."""
    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    queue = deque(todo)
    pool = [_Worker(ctx, limits, work_args) for _ in range(min(workers, len(todo)))]
    wall = limits.timeout_s * WALL_TIMEOUT_FACTOR + WALL_GRACE_S if limits.timeout_s else None

    def replace(w: _Worker, kill: bool) -> None:
        w.stop(kill=kill)
        pool.remove(w)
        if queue:
            pool.append(_Worker(ctx, limits, work_args))

    try:
        while True:
            for w in list(pool):
                if w.path is None and queue:
                    try:
                        w.give(*queue[0])
                        queue.popleft()
                    except OSError:                     # it died idle: another takes the paper
                        replace(w, kill=True)
            busy = [w for w in pool if w.path is not None]
            if not busy:
                return
            ready = set(wait_ready([w.conn for w in busy] + [w.process.sentinel for w in busy],
                                   timeout=POLL_S))
            for w in busy:
                result = None
                if w.conn in ready or w.process.sentinel in ready:
                    try:
                        result = w.conn.recv() if w.conn.poll() else None
                    except Exception:                   # killed while it sent its answer
                        result = None
                if result is not None:
                    w.path = None
                    land(result)
                    if not w.process.is_alive() or (result[3] and MEMORY_LIMIT_WORDS in result[3]):
                        replace(w, kill=False)
                elif w.process.sentinel in ready or not w.process.is_alive():
                    w.process.join(timeout=1)
                    path, w.path = w.path, None
                    fail(path, _death(path, w.process.exitcode, limits))
                    replace(w, kill=True)
                elif wall and time.monotonic() - w.started > wall:
                    path, w.path = w.path, None
                    fail(path, str(LimitExceeded(path, f"over the time limit (no answer after {wall:g} s)")))
                    replace(w, kill=True)
    finally:
        for w in pool:
            w.stop(kill=True)


#: Beside the database `papers.db`, the folder `papers.db-pictures` keeps what OCR read in logos.
PICTURE_CACHE_SUFFIX = "-pictures"


def picture_cache(store: Store) -> str | None:
    """The folder beside the store's database where logo reads are kept (None
    for a database that is not a file in a folder)."""
    path = Path(store.path)
    if str(path) == ":memory:" or not path.parent.is_dir():
        return None
    return str(path.with_name(path.name + PICTURE_CACHE_SUFFIX))


def ingest(store: Store, paths: Iterable[str | Path], *, workers: int | None = None,
           manifest: Path | None = None, options: dict | None = None, ocr: bool = True,
           pdf_backend: str = DEFAULT_BACKEND,
           limits: Limits | None = None,
           on_outcome: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Parse, tag and store papers; `on_outcome` is told of each as it lands;
    PDFs are read by `pdf_backend`.
    `ocr=False` leaves scanned PDF pages unread (with a warning).

    A database that can no longer be written (locked by another program past
    the busy timeout, or its disk full) stops the batch: what was stored stays,
    `report.stopped` says why, and a re-run resumes."""
    workers = max(1, workers or os.cpu_count() or 1)
    options = options or {}
    limits = limits or DEFAULT_LIMITS
    parser = parser_version(pdf_backend)
    report = IngestReport()
    scan = scan_paths(paths)
    report.passed_over = scan.passed_over

    def record(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    todo: list[tuple[str, str | None]] = []
    for path in scan.papers:
        sha = _sha256(path)
        current = store.is_current(display_name(path), sha, parser) if sha else None
        if current:
            record(Outcome(display_name(path), "skipped", current))
        else:
            todo.append((str(path), sha))

    def fail(path: str, error: str) -> None:
        record(Outcome(display_name(path), "failed", error=error))

    def land(result) -> None:
        path, doc, tags, error = result
        if error:
            fail(path, error)
            return
        try:
            replaced = store.conn.execute("SELECT 1 FROM documents WHERE source = ? OR id = ?",
                                          (doc.meta.source, doc.id)).fetchone() is not None
            store.save(doc, tags, parser)
        except sqlite3.DatabaseError as exc:
            raise store_error(store.path, exc) from exc
        record(Outcome(display_name(path), "replaced" if replaced else "stored", doc.id))

    manifest_arg = str(manifest) if manifest else None
    if todo:
        _build_pipeline_before_fork()
    try:
        if todo:
            _run_workers(todo, workers, limits, (manifest_arg, options, ocr, pdf_backend, picture_cache(store)),
                         land, fail)
    except StoreError as exc:          # locked past the busy timeout, disk full: stop, keep what is stored
        report.stopped = str(exc)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        gc.unfreeze()                  # (frozen before the workers forked; the parent collects as before)
    return report
