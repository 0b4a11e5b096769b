"""Benchmark: ingest throughput, peak memory and database size.

Not a test. Makes corpora of N papers with scripts/make_corpus.py (text, or
PDF with --pdf), then in the same run:
  - the baseline: the sum of bare parse times (parse_file, one process);
  - `papermine ingest` (parse + tag + store) with 1 and with 2 workers, each in
    a fresh process so that its peak RSS (parent and workers) is its own.
Prints papers/s, pages/s, ratio to the baseline, peak RSS and database bytes
per page.

With --real PAGES[,PAGES...] it instead ingests the real papers of
../shared/real, repeated until each corpus holds about PAGES pages (each copy
made a distinct file, so every copy is parsed, tagged and stored), with 2
workers and each PDF backend named by --backends; two sizes show whether the
peak memory of a worker stays flat as the pages grow. On a shared machine the
wall-clock pages/s depends on the neighbours: the CPU time per page (workers and
parent) and the pages/s it gives on two idle cores are printed too.

    python scripts/bench_ingest.py [--sizes 200,2000] [--pdf]
    python scripts/bench_ingest.py --real 500,1000 [--backends pdfium,pdfplumber]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from make_corpus import make_corpus  # noqa: E402

from papermine.parse import parse_file  # noqa: E402
from papermine.store import find_papers  # noqa: E402


#: The cores of the target machine: "idle pages/s" is pages per CPU-second times this.
IDLE_CORES = 2
#: ../shared/real beside the checkout (a worktree one level further down has it one level up)
REAL = next((p / "shared" / "real" for p in ROOT.parents[:2] if (p / "shared" / "real").is_dir()),
            ROOT.parent / "shared" / "real")


def child(corpus: str, db: str, workers: int, backend: str = "pdfium") -> None:
    """Run one ingest and report its time and peak memory as JSON."""
    from papermine.store import ingest, open_store
    start = time.perf_counter()
    with open_store(db) as store:
        report = ingest(store, [corpus], workers=workers, pdf_backend=backend)
        pages = store.conn.execute("SELECT coalesce(sum(pages), 0) FROM documents").fetchone()[0]
        stored = store.counts()["documents"]
    seconds = time.perf_counter() - start
    mine = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "stored": stored, "failed": report.count("failed"),
                      "pages": pages, "rss_parent_kb": mine.ru_maxrss, "rss_worker_kb": workers.ru_maxrss,
                      "cpu_parent_s": mine.ru_utime + mine.ru_stime,
                      "cpu_workers_s": workers.ru_utime + workers.ru_stime}))


def run_child(corpus: Path, db: Path, workers: int, backend: str = "pdfium") -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(db), str(workers), backend],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def real_corpus(folder: Path, pages: int) -> tuple[int, int]:
    """The real papers copied into `folder` until it holds about `pages` pages;
    each copy ends in a comment naming it, so no two files are the same.
    Returns (papers, pages)."""
    import pypdfium2
    sources = sorted(REAL.glob("*.pdf"))
    counts = {path: len(pypdfium2.PdfDocument(path)) for path in sources}
    papers = total = copy = 0
    while total < pages:
        for path in sources:
            target = folder / f"copy-{copy:03d}" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes() + f"\n%papermine benchmark copy {copy}\n".encode())
            papers, total = papers + 1, total + counts[path]
            if total >= pages:
                break
        copy += 1
    return papers, total


def bench_real(sizes: list[int], backends: list[str]) -> None:
    if not any(REAL.glob("*.pdf")):
        sys.exit(f"no real papers at {REAL}")
    print(f"{'pages':>6} {'papers':>6}  {'backend':<10} {'seconds':>8} {'pages/s':>8} {'papers/s':>8} "
          f"{'worker peak MB':>14} {'parent peak MB':>14} {'CPU ms/page':>11} {'parent':>6} {'idle pages/s':>12}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            papers, pages = real_corpus(corpus, size)
            for backend in backends:
                db = Path(tmp) / f"{backend}.db"
                result = run_child(corpus, db, 2, backend)
                assert result["stored"] == papers and result["failed"] == 0, result
                cpu = result["cpu_parent_s"] + result["cpu_workers_s"]
                # on a shared machine wall time measures the neighbours too; CPU time per
                # page says what the two cores would do alone (the parent shares them)
                print(f"{pages:>6} {papers:>6}  {backend:<10} {result['seconds']:>8.2f} "
                      f"{pages / result['seconds']:>8.1f} {papers / result['seconds']:>8.1f} "
                      f"{result['rss_worker_kb'] / 1024:>14.0f} {result['rss_parent_kb'] / 1024:>14.0f} "
                      f"{1000 * cpu / pages:>11.2f} {1000 * result['cpu_parent_s'] / pages:>6.2f} "
                      f"{pages / (cpu / IDLE_CORES):>12.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--pdf", action="store_true", help="ingest PDFs rather than text papers")
    parser.add_argument("--real", help="ingest the real papers repeated to these page counts (e.g. 500,1000)")
    parser.add_argument("--backends", default="pdfium", help="PDF backends for --real (e.g. pdfium,pdfplumber)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), args.child[3])
        return
    if args.real:
        bench_real([int(s) for s in args.real.split(",")], args.backends.split(","))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            years = list(range(2007, 2025))
            councils = -(-size // len(years))
            make_corpus(corpus, councils, years, seed=size, pdf=args.pdf)
            papers = sorted(corpus.rglob("*.pdf" if args.pdf else "*.txt"))[:size]
            for extra in set(find_papers([corpus])) - set(papers):
                extra.unlink()                        # exactly `size` papers, one kind
            start = time.perf_counter()
            pages = sum(parse_file(p).pages or 1 for p in papers)
            base = time.perf_counter() - start
            rows.append((size, "bare parse (baseline)", base, pages, None, None, None))
            for workers in (1, 2):
                db = Path(tmp) / f"w{workers}.db"
                result = run_child(corpus, db, workers)
                assert result["stored"] == size and result["failed"] == 0, result
                rss = max(result["rss_parent_kb"], result["rss_worker_kb"]) / 1024
                rows.append((size, f"ingest, {workers} worker{'s' if workers > 1 else ''}",
                             result["seconds"], pages, result["seconds"] / base, rss,
                             db.stat().st_size / pages))
    print(f"{'papers':>6}  {'run':<24} {'seconds':>8} {'papers/s':>9} {'pages/s':>8} "
          f"{'x baseline':>10} {'peak RSS MB':>11} {'DB bytes/page':>13}")
    for size, name, seconds, pages, ratio, rss, per_page in rows:
        print(f"{size:>6}  {name:<24} {seconds:>8.2f} {size / seconds:>9.1f} {pages / seconds:>8.1f} "
              f"{(f'{ratio:.2f}' if ratio else '1.00'):>10} {(f'{rss:.0f}' if rss else '-'):>11} "
              f"{(f'{per_page:.0f}' if per_page else '-'):>13}")


if __name__ == "__main__":
    main()
