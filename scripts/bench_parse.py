"""Benchmark: milliseconds per page to read PDFs, papermine's parse against bare readers.

Not a test. In one run, on the same files:
  - pdftotext (poppler), where installed: the baseline of every ratio;
  - pypdfium2's plain text (each page's text, nothing else);
  - pdfplumber's extract_text over every page;
  - papermine's parse (words, layout, structure, metadata) with the pdfium
    backend and with the pdfplumber backend;
on the real papers in ../shared/real (all of them, as one corpus) and on a
made paper of about --pages pages (the bundled sample's body repeated).

Times are CPU seconds (this process's, and pdftotext's through its child
rusage), the best of --repeat runs; the pdfplumber readers, about fifty times
slower, run --slow-repeat times (once by default). CPU time is what a busy,
shared machine disturbs least; wall-clock milliseconds are printed beside it.

With --baseline DIR (another checkout, e.g. a worktree of main), papermine's
parse with the pdfium backend is timed from DIR's code and from this one's, each
in a fresh child process that times itself the same way, so a change is
measured against its baseline in one run.

    python scripts/bench_parse.py [--repeat 3] [--pages 250] [--no-real] [--no-pdfplumber] [--baseline DIR]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

import pdfplumber  # noqa: E402
import pypdfium2  # noqa: E402

from benchlib import cpu_best_of  # noqa: E402
from papermine.parse import parse_file, parse_text  # noqa: E402
from pdfmaker import write_pdf  # noqa: E402

SAMPLE = ROOT / "corpora/durham/2018-11-30_corporate-parenting-panel_lac-strategic-partnership.txt"
#: ../shared/real beside the checkout (a worktree one level further down has it one level up)
REAL = next((p / "shared" / "real" for p in ROOT.parents[:2] if (p / "shared" / "real").is_dir()),
            ROOT.parent / "shared" / "real")


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


def made_paper(folder: Path, pages: int) -> Path:
    """A made PDF of about `pages` pages."""
    probe = folder / "probe.pdf"
    per_copy = len(write_pdf(parse_text(long_paper(2), name="bench.txt"), probe).pages) / 2
    path = folder / f"made-{pages}.pdf"
    copies = max(1, math.ceil(pages / per_copy))
    while len(write_pdf(parse_text(long_paper(copies), name="bench.txt"), path).pages) < pages:
        copies += 1                                   # the estimate fell short: a little more
    return path


def page_count(path: Path) -> int:
    pdf = pypdfium2.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def pdfium_text(files: list[Path]) -> None:
    for path in files:
        pdf = pypdfium2.PdfDocument(path)
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()


def plumber_text(files: list[Path]) -> None:
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()


def parse_all(files: list[Path], backend: str) -> None:
    for path in files:
        parse_file(path, pdf_backend=backend)


def pdftotext_all(pdftotext: str, files: list[Path]) -> None:
    for path in files:
        subprocess.run([pdftotext, "-layout", str(path), "-"], check=True, capture_output=True)


#: Run in a child with another checkout first on its path: its parse timed as `cpu_best_of` does.
_CHILD = """
import json, sys
sys.path.insert(0, {scripts!r})
from benchlib import cpu_best_of
from papermine.parse import parse_file
files, repeat = {files!r}, {repeat!r}
parse_file(files[0], pdf_backend="pdfium")
print(json.dumps(cpu_best_of(repeat, lambda: [parse_file(f, pdf_backend="pdfium") for f in files])))
"""


def checkout_parse(checkout: Path, files: list[Path], repeat: int) -> tuple[float, float]:
    """(CPU, wall) seconds of papermine's pdfium parse of `files` with the code in `checkout`."""
    code = _CHILD.format(scripts=str(ROOT / "scripts"), files=[str(f) for f in files], repeat=repeat)
    env = dict(os.environ, PYTHONPATH=str(checkout))
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    cpu, wall = json.loads(out.stdout.strip().splitlines()[-1])
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slow-repeat", type=int, default=1, help="runs of the pdfplumber readers")
    parser.add_argument("--pages", type=int, default=250, help="pages of the made paper")
    parser.add_argument("--no-real", action="store_true", help="skip the real papers")
    parser.add_argument("--no-pdfplumber", action="store_true", help="skip the (slow) pdfplumber readers")
    parser.add_argument("--baseline", type=Path, help="another checkout whose pdfium parse is timed beside this one")
    args = parser.parse_args()
    if args.baseline and not (args.baseline / "papermine" / "__init__.py").is_file():
        sys.exit(f"--baseline {args.baseline}: not a papermine checkout")
    pdftotext = shutil.which("pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [("made paper", [made_paper(Path(tmp), args.pages)])]
        real = sorted(REAL.glob("*.pdf"))
        if real and not args.no_real:
            corpora.insert(0, (f"real papers ({len(real)} files)", real))
        elif not args.no_real:
            print(f"(no real papers at {REAL}: only the made paper is timed)")
        methods = []
        if pdftotext:
            methods.append(("pdftotext -layout (baseline)", lambda f: pdftotext_all(pdftotext, f), args.repeat))
        methods += [("pypdfium2 plain text", pdfium_text, args.repeat)]
        if args.baseline:
            # both timed alike, each in a child of its own
            methods += [("papermine parse, pdfium, baseline", args.baseline, args.repeat),
                        ("papermine parse, pdfium", ROOT, args.repeat)]
        else:
            methods.append(("papermine parse, pdfium", lambda f: parse_all(f, "pdfium"), args.repeat))
        if not args.no_pdfplumber:
            methods += [("pdfplumber extract_text", plumber_text, args.slow_repeat),
                        ("papermine parse, pdfplumber", lambda f: parse_all(f, "pdfplumber"), args.slow_repeat)]
        parse_all(corpora[-1][1][:1], "pdfium")                    # imports and data files loaded
        print(f"{'corpus':<28} {'pages':>5}  {'reader':<34} {'CPU ms/page':>11} {'wall ms/page':>12} "
              f"{'x pdftotext':>11}")
        for name, files in corpora:
            pages = sum(page_count(path) for path in files)
            base = None
            for label, fn, repeat in methods:
                if isinstance(fn, Path):
                    cpu, wall = checkout_parse(fn, files, repeat)
                else:
                    cpu, wall = cpu_best_of(repeat, lambda: fn(files))
                base = base or (cpu if label.startswith("pdftotext") else None)
                ratio = f"{cpu / base:>11.1f}" if base else f"{'-':>11}"
                print(f"{name:<28} {pages:>5}  {label:<34} {cpu * 1000 / pages:>11.2f} "
                      f"{wall * 1000 / pages:>12.2f} {ratio}")
    if not pdftotext:
        print("(pdftotext not installed: apt-get install poppler-utils to add the baseline)")


if __name__ == "__main__":
    main()
