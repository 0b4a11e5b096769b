"""Benchmark: ingest throughput, peak memory and database size.

Not a test. Makes corpora of N papers with scripts/make_corpus.py (text, or
PDF with --pdf), then in the same run:
  - the baseline: the sum of bare parse times (parse_file, one process);
  - `papermine ingest` (parse + tag + store) with 1 and with 2 workers, each in
    a fresh process so that its peak RSS (parent and workers) is its own.
Prints papers/s, pages/s, ratio to the baseline, peak RSS and database bytes
per page.

    python scripts/bench_ingest.py [--sizes 200,2000] [--pdf]
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


def child(corpus: str, db: str, workers: int) -> None:
    """Run one ingest and report its time and peak memory as JSON."""
    from papermine.store import ingest, open_store
    start = time.perf_counter()
    with open_store(db) as store:
        report = ingest(store, [corpus], workers=workers)
        pages = store.conn.execute("SELECT coalesce(sum(pages), 0) FROM documents").fetchone()[0]
        stored = store.counts()["documents"]
    seconds = time.perf_counter() - start
    mine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "stored": stored, "failed": report.count("failed"),
                      "pages": pages, "rss_parent_kb": mine, "rss_worker_kb": workers_rss}))


def run_child(corpus: Path, db: Path, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(db), str(workers)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--pdf", action="store_true", help="ingest PDFs rather than text papers")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
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
