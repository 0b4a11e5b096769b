"""Ingest: find papers, parse and tag them in worker processes, store them from
this process, one transaction per paper.

Unchanged files (same path, sha256, parser and tagger versions) are skipped;
a changed file replaces its old version; a bad file is reported on one line
and the batch goes on. Work is done in pools of processes but only the parent
writes, so SQLite sees one writer.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import PapermineError
from ..model import Document, Tags
from ..parse import DEFAULT_BACKEND, READERS, parse_bytes, parser_version
from .db import Store

__all__ = ["ingest", "find_papers", "IngestReport", "Outcome"]

#: File names never taken for papers even where their suffix would be.
NOT_PAPERS = {"manifest.csv", "readme.md", "readme.txt"}
#: Papers in flight per worker: enough to keep workers busy, little held in memory.
QUEUE_PER_WORKER = 4


@dataclass
class Outcome:
    path: str
    status: str                 # stored | replaced | skipped | failed
    doc_id: str | None = None
    error: str | None = None


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def summary(self) -> str:
        stored = self.count("stored") + self.count("replaced")
        text = (f"{stored} stored ({self.count('replaced')} replaced), "
                f"{self.count('skipped')} skipped unchanged, {self.count('failed')} failed")
        return text + (" - interrupted: re-run to resume" if self.interrupted else "")


def find_papers(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and papers (PDF, text) found in folders, recursively."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS
                            and p.name.lower() not in NOT_PAPERS and not p.name.startswith("."))
        else:
            found.append(path)              # missing files are reported by the worker
    return list(dict.fromkeys(found))


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _work(path: str, manifest: str | None, options: dict,
          pdf_backend: str = DEFAULT_BACKEND) -> tuple[str, Document | None, Tags | None, str | None]:
    """In a worker: parse and tag one paper. Errors come back as one line.
    (Workers are processes: PDFium must not be called from two threads.)"""
    from ..nlp import tag_document
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return path, None, None, f"{path}: cannot read ({exc.strerror or exc})"
    try:
        doc = parse_bytes(Path(path), data, manifest=Path(manifest) if manifest else None, options=options,
                          pdf_backend=pdf_backend)
        return path, doc, tag_document(doc), None
    except PapermineError as exc:
        return path, None, None, str(exc)
    except Exception as exc:  # a bug must not stop the batch: report it on one line
        return path, None, None, f"{path}: internal error ({type(exc).__name__}: {exc})"


def ingest(store: Store, paths: Iterable[str | Path], *, workers: int | None = None,
           manifest: Path | None = None, options: dict | None = None, pdf_backend: str = DEFAULT_BACKEND,
           on_outcome: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Parse, tag and store papers (PDFs read by `pdf_backend`); `on_outcome`
    is told of each as it lands."""
    workers = max(1, workers or os.cpu_count() or 1)
    options = options or {}
    parser = parser_version(pdf_backend)
    report = IngestReport()

    def record(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    todo: list[str] = []
    for path in find_papers(paths):
        sha = _sha256(path) if path.is_file() else None
        current = store.is_current(str(path), sha, parser) if sha else None
        if current:
            record(Outcome(str(path), "skipped", current))
        else:
            todo.append(str(path))

    def land(result) -> None:
        path, doc, tags, error = result
        if error:
            record(Outcome(path, "failed", error=error))
            return
        replaced = store.conn.execute("SELECT 1 FROM documents WHERE source = ? OR id = ?",
                                      (doc.meta.source, doc.id)).fetchone() is not None
        store.save(doc, tags, parser)
        record(Outcome(path, "replaced" if replaced else "stored", doc.id))

    manifest_arg = str(manifest) if manifest else None
    try:
        if workers == 1 or len(todo) <= 1:
            for path in todo:
                land(_work(path, manifest_arg, options, pdf_backend))
        else:
            _run_pool(todo, workers, (manifest_arg, options, pdf_backend), land)
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _run_pool(todo: list[str], workers: int, args: tuple, land) -> None:
    """Keep a bounded number of papers in flight; land each as it finishes."""
    pending = iter(todo)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        running = set()
        try:
            for path in pending:
                running.add(pool.submit(_work, path, *args))
                if len(running) >= workers * QUEUE_PER_WORKER:
                    break
            while running:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    land(future.result())
                    path = next(pending, None)
                    if path is not None:
                        running.add(pool.submit(_work, path, *args))
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
