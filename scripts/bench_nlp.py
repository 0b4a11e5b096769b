"""Benchmark: paragraphs per second through papermine's whole tagging stage,
against the blank English tokenizer alone on the same paragraphs, same run.

Not a test. The paragraphs are the bundled samples' (and their items),
repeated to --copies; best of --repeat runs.

    python scripts/bench_nlp.py [--copies 20] [--repeat 3]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from benchlib import best_of

from papermine.nlp import get_pipeline, tag_document
from papermine.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = [parse_file(p) for p in sorted((ROOT / "corpora").rglob("*.txt"))] * args.copies
    texts = [t for d in docs for p in d.paragraphs for t in [p.text] + [i.text for i in p.items] if t]
    tokenizer = spacy.blank("en").tokenizer
    get_pipeline()                                  # build once, outside the timing
    base = best_of(args.repeat, lambda: [tokenizer(t) for t in texts])
    ours = best_of(args.repeat, lambda: [tag_document(d) for d in docs])
    n = len(texts)
    print(f"{n} paragraphs and items ({len(docs)} papers)")
    print(f"{'stage':<34} {'seconds':>8} {'paras/s':>9} {'x baseline':>10}")
    print(f"{'blank tokenizer (baseline)':<34} {base:>8.3f} {n / base:>9.0f} {1.0:>10.2f}")
    print(f"{'papermine tag_document':<34} {ours:>8.3f} {n / ours:>9.0f} {ours / base:>10.2f}")


if __name__ == "__main__":
    main()
