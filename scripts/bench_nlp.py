"""Benchmark: paragraphs per second through papermine's whole tagging stage,
against the blank English tokenizer alone on the same paragraphs, same run.

Not a test. Two corpora: the bundled samples' paragraphs (and their items),
repeated to --copies, and the real papers of ../shared/real (parsed once,
outside the timing), where present. Times are CPU seconds, best of --repeat
runs (see benchlib.cpu_best_of).

With --baseline DIR (another checkout, e.g. a worktree of main), tag_document
is timed from DIR's code and from this one's, each in a fresh child process
that parses the same papers and times itself the same way, so a change is
measured against its baseline in one run.

    python scripts/bench_nlp.py [--copies 20] [--repeat 3] [--baseline DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import spacy
from benchlib import cpu_best_of

from papermine.nlp import get_pipeline, tag_document
from papermine.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]
#: ../shared/real beside the checkout (a worktree one level further down has it one level up)
REAL = next((p / "shared" / "real" for p in ROOT.parents[:2] if (p / "shared" / "real").is_dir()),
            ROOT.parent / "shared" / "real")

#: Run in a child with another checkout first on its path: its tagging timed as `cpu_best_of` does.
_CHILD = """
import json, sys
sys.path.insert(0, {scripts!r})
from benchlib import cpu_best_of
from papermine.nlp import get_pipeline, tag_document
from papermine.parse import parse_file
docs = [parse_file(p) for p in {files!r}] * {copies!r}
get_pipeline()
print(json.dumps(cpu_best_of({repeat!r}, lambda: [tag_document(d) for d in docs])))
"""


def checkout_tag(checkout: Path, files: list[Path], copies: int, repeat: int) -> float:
    """CPU seconds of tagging `files` (each `copies` times) with the code in `checkout`."""
    code = _CHILD.format(scripts=str(ROOT / "scripts"), files=[str(f) for f in files], copies=copies,
                         repeat=repeat)
    # (run from the checkout, so that neither this one's folder nor an editable install comes first)
    env = dict(os.environ, PYTHONPATH=str(checkout))
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=checkout, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="copies of the samples")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout whose tagging is timed beside this one")
    args = parser.parse_args()
    if args.baseline and not (args.baseline / "papermine" / "__init__.py").is_file():
        sys.exit(f"--baseline {args.baseline}: not a papermine checkout")
    corpora = [("samples", sorted((ROOT / "corpora").rglob("*.txt")), args.copies)]
    if any(REAL.glob("*.pdf")):
        corpora.append(("real papers", sorted(REAL.glob("*.pdf")), 1))
    else:
        print(f"(no real papers at {REAL}: only the samples are timed)")
    tokenizer = spacy.blank("en").tokenizer
    get_pipeline()                                  # build once, outside the timing
    print(f"{'corpus':<12} {'paras':>6}  {'stage':<34} {'CPU s':>7} {'paras/s':>8} {'x tokenizer':>11}")
    for name, files, copies in corpora:
        docs = [parse_file(p) for p in files] * copies
        texts = [t for d in docs for p in d.paragraphs for t in [p.text] + [i.text for i in p.items] if t]
        n = len(texts)
        base = cpu_best_of(args.repeat, lambda: [tokenizer(t) for t in texts])[0]
        rows = [("blank tokenizer (baseline)", base)]
        if args.baseline:
            rows.append(("papermine tag_document, baseline", checkout_tag(args.baseline, files, copies, args.repeat)))
            rows.append(("papermine tag_document", checkout_tag(ROOT, files, copies, args.repeat)))
        else:
            rows.append(("papermine tag_document", cpu_best_of(args.repeat, lambda: [tag_document(d) for d in docs])[0]))
        for label, seconds in rows:
            print(f"{name:<12} {n:>6}  {label:<34} {seconds:>7.3f} {n / seconds:>8.0f} {seconds / base:>11.2f}")


if __name__ == "__main__":
    main()
