"""A seeded fuzz test, bounded in time: mutants of a made PDF and of real text
papers, ingested in one batch with good papers, must each be stored or named on
one line, with no traceback, within the limits; the good papers are stored.
Parsing random text in this process must raise nothing but papermine's errors.

The seed is fixed so that a failure reproduces; PAPERMINE_FUZZ_SEED picks another.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from reportlab.pdfgen import canvas

from papermine.errors import PapermineError
from papermine.parse import parse_bytes

from conftest import CORPUS, ROOT
from hostile import mutations

SEED = int(os.environ.get("PAPERMINE_FUZZ_SEED", "20240610"))
#: Mutants of each kind in the batch, and seconds for the in-process text fuzz.
PDF_MUTANTS, TEXT_MUTANTS = 16, 16
TEXT_FUZZ_SECONDS = 3
LIMIT_MB = 1024


def _made_pdf(path: Path) -> bytes:
    pdf = canvas.Canvas(str(path), pageCompression=1)
    lines = ["Purpose of the Report", "1 The Partnership reports quarterly to the Corporate Parenting Panel.",
             "2 Its priorities are care leavers' housing and the anti-", "social behaviour of some adults.",
             "Background", "3 The Virtual School and the NHS Trust are members."]
    for _page in range(2):
        for i, text in enumerate(lines):
            pdf.drawString(72, 720 - 20 * i, text)
        pdf.showPage()
    pdf.save()
    return path.read_bytes()


def test_mutated_papers_in_a_batch_never_cost_the_good_ones(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    good_pdf = _made_pdf(tmp_path / "base.pdf")
    text_papers = sorted(CORPUS.glob("*/*.txt"))
    for n, data in enumerate(mutations(SEED, good_pdf, PDF_MUTANTS)):
        (folder / f"pdf-{n:02}.pdf").write_bytes(data)
    rng = random.Random(SEED)
    for n in range(TEXT_MUTANTS):
        base = rng.choice(text_papers).read_bytes()
        data = mutations(SEED + n, base, 1)[0]
        (folder / f"text-{n:02}.{rng.choice(['txt', 'pdf', 'text'])}").write_bytes(data)
    good = folder / "good"
    good.mkdir()
    shutil.copy(tmp_path / "base.pdf", good / "made.pdf")
    for path in text_papers[:2]:
        shutil.copy(path, good / path.name)
    db = tmp_path / "fuzz.db"
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "papermine", "ingest", str(folder), "--db", str(db),
                             "--json", "--workers", "2", "--max-memory", str(LIMIT_MB), "--timeout", "20",
                             "--max-pages", "50"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    # every file stored or named on one line, and nothing else on stderr
    lines = result.stderr.strip().splitlines()
    assert all(ln.startswith("failed: ") for ln in lines), lines
    assert len(lines) == len(report["failed"])
    assert len(report["documents"]) + len(report["failed"]) == PDF_MUTANTS + TEXT_MUTANTS + 3, result.stdout
    for failure in report["failed"]:
        assert "internal error" not in failure["error"], failure       # a bug, not bad input
        assert "\n" not in failure["error"] and failure["path"] in failure["error"]
    stored = {Path(d["path"]).parent.name + "/" + Path(d["path"]).name for d in report["documents"]}
    assert {"good/made.pdf"} | {f"good/{p.name}" for p in text_papers[:2]} <= stored
    assert time.monotonic() - start < 120


def _random_text(rng: random.Random) -> str:
    pieces = ["1", "2.", "3.1", "(a)", "(iv)", "a)", "•", "-", "anti-", "co-", "é", "ß", "Æ", "ﬁ", "\u00ad",
              "Background", "Purpose of the Report", "RECOMMENDATIONS", "Appendix 1:", "(Item 5)",
              "The Partnership", "reports quarterly to", "the Board", ".", ":", ";", "**", "\t", "\f",
              "\n", "\n\n", "\n\n\n\n", " ", "x" * rng.randint(1, 300), "12 January 2024", "From:"]
    return "".join(rng.choice(pieces) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(1, 400)))


def test_random_text_parses_or_raises_a_papermine_error():
    rng = random.Random(SEED)
    deadline = time.monotonic() + TEXT_FUZZ_SECONDS
    tried = 0
    while time.monotonic() < deadline:
        text = _random_text(rng)
        try:
            doc = parse_bytes(Path("fuzz.txt"), text.encode("utf-8"))
        except PapermineError as exc:
            assert "\n" not in str(exc)
        else:
            assert all(p.text is not None for p in doc.paragraphs)
        tried += 1
    assert tried > 50
