"""Benchmark: `dropped`, `timeline` and `diff` against rapidfuzz's cdist.

Not a test. Makes and ingests a corpus of --councils councils x --years years
(default 150 x 17, text papers), then runs each query in a fresh process so
its peak RSS is its own, in the same run:
  - baseline: rapidfuzz.process.cdist of every council's priorities against
    themselves (the raw similarity work, no assignment, no evidence);
  - dropped_priorities over all councils; theme_timeline over all councils;
  - diff of two papers (parse + tag + compare, from files).
Prints seconds, ratio to the baseline and peak RSS.

    python scripts/bench_compare.py [--councils 150] [--years 2007-2023] [--db FILE]
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


def child(task: str, db: str, a: str | None, b: str | None) -> None:
    from rapidfuzz import process

    from papermine.compare import diff_papers, dropped_priorities, theme_timeline
    from papermine.nlp import tag_document
    from papermine.parse import parse_file
    from papermine.store import open_store
    with open_store(db) as store:
        start = time.perf_counter()
        if task == "cdist":
            by_council: dict[str, list[str]] = {}
            for row in store.rows("priorities"):
                by_council.setdefault(row["council"], []).append(row["text"])
            start = time.perf_counter()             # the baseline times the similarity work only
            for texts in by_council.values():
                process.cdist(texts, texts)
            size = sum(len(t) for t in by_council.values())
        elif task == "dropped":
            size = sum(len(r["dropped"]) for r in dropped_priorities(store))
        elif task == "timeline":
            size = len(theme_timeline(store))
        else:
            doc_a, doc_b = parse_file(a), parse_file(b)
            size = len(diff_papers(doc_a, tag_document(doc_a), doc_b, tag_document(doc_b))["dropped"])
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "size": size,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run(task: str, db: Path, a: Path | None = None, b: Path | None = None) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", task, str(db), str(a or ""), str(b or "")],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=150)
    parser.add_argument("--years", default="2007-2023")
    parser.add_argument("--db", type=Path, help="reuse (or keep) the made database here")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        task, db, a, b = args.child
        child(task, db, a or None, b or None)
        return
    from make_corpus import make_corpus

    from papermine.store import ingest, open_store
    first, last = (int(y) for y in args.years.split("-"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        truth = make_corpus(corpus, args.councils, list(range(first, last + 1)), seed=3)
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            start = time.perf_counter()
            with open_store(db) as store:
                report = ingest(store, [corpus], workers=2)
            print(f"made and ingested {len(truth)} papers in {time.perf_counter() - start:.0f} s "
                  f"({report.summary()})")
        papers = sorted(corpus.rglob("*.txt"))
        results = [("rapidfuzz cdist (baseline)", run("cdist", db)), ("dropped, all councils", run("dropped", db)),
                   ("timeline, all councils", run("timeline", db)),
                   ("diff of two papers (from files)", run("diff", db, papers[0], papers[1]))]
    base = results[0][1]["seconds"]
    print(f"{'query':<34} {'seconds':>8} {'x baseline':>10} {'peak RSS MB':>11} {'result size':>11}")
    for name, r in results:
        print(f"{name:<34} {r['seconds']:>8.3f} {r['seconds'] / base:>10.1f} {r['rss_mb']:>11.0f} {r['size']:>11}")


if __name__ == "__main__":
    main()
