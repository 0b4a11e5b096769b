"""Benchmark: papermine's PDF parse against bare pdfplumber and pdftotext.

Not a test. Generates multi-page papers (about 10 and 100 pages) from the
bundled samples, then times, in the same run and on the same files:
  - papermine.parse.parse_file (words with fonts, header/footer removal,
    structure, metadata);
  - pdfplumber's page.extract_text() over every page (the baseline);
  - pdftotext (poppler), where installed.
Prints pages per second and the ratio to the baseline (best of --repeat runs).

    python scripts/bench_parse.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import pdfplumber  # noqa: E402

from benchlib import best_of  # noqa: E402
from papermine.parse import parse_file, parse_text  # noqa: E402
from pdfmaker import write_pdf  # noqa: E402

SAMPLE = ROOT / "corpora/durham/2018-11-30_corporate-parenting-panel_lac-strategic-partnership.txt"


def long_paper(copies: int) -> str:
    """The sample's body repeated `copies` times, numbering carried on."""
    doc = parse_text(SAMPLE.read_text(encoding="utf-8"))
    lines = ["Corporate Parenting Panel", "", "30 November 2018", "", "Benchmark paper", ""]
    number = 0
    for copy in range(copies):
        for section in doc.sections[1:]:
            paras = [p for p in doc.paragraphs if p.section == section.index and p.number]
            if not paras:
                continue
            lines += [f"{section.heading} (part {copy + 1})", ""]
            for para in paras:
                number += 1
                lines += [f"{number} {para.text}", ""]
    return "\n".join(lines)




def plumber_text(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pdftotext = shutil.which("pdftotext")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for copies in (2, 20):
            doc = parse_text(long_paper(copies), name="bench.txt")
            path = Path(tmp) / f"bench-{copies}.pdf"
            pages = len(write_pdf(doc, path).pages)
            base = best_of(args.repeat, lambda: plumber_text(path))
            ours = best_of(args.repeat, lambda: parse_file(path))
            rows.append((pages, "pdfplumber extract_text (baseline)", base, 1.0))
            rows.append((pages, "papermine parse", ours, ours / base))
            if pdftotext:
                poppler = best_of(args.repeat, lambda: subprocess.run(
                    [pdftotext, "-layout", str(path), "-"], check=True, capture_output=True))
                rows.append((pages, "pdftotext -layout", poppler, poppler / base))
    print(f"{'pages':>5}  {'reader':<36} {'seconds':>8} {'pages/s':>8} {'x baseline':>10}")
    for pages, name, seconds, ratio in rows:
        print(f"{pages:>5}  {name:<36} {seconds:>8.3f} {pages / seconds:>8.1f} {ratio:>10.2f}")
    if not pdftotext:
        print("(pdftotext not installed: apt-get install poppler-utils to add it)")


if __name__ == "__main__":
    main()
