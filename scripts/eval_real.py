"""Score papermine's parse of the real papers against expectations written by reading them.

For each PDF in ../shared/real/ with an expectation file in
tests/data/real_expected/<stem>.json: is the printed paragraph numbering exact,
section precision and recall (headings matched in order by text and number),
metadata fields right (council, committee, date, title), tables found, and
paragraphs joined across a page break. Prints a per-file and overall table.

    python scripts/eval_real.py [--backend pdfium|pdfplumber] [--only SUBSTRING] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_DIR = ROOT / "tests" / "data" / "real_expected"
#: ../shared/real beside the checkout (a worktree one level further down has it one level up)
REAL_DIR = next((p / "shared" / "real" for p in ROOT.parents[:2] if (p / "shared" / "real").is_dir()),
                ROOT.parent / "shared" / "real")
META_KEYS = ("council", "committee", "date", "title")
#: Two headings (or metadata texts) are the same at this rapidfuzz ratio or above.
TEXT_MATCH = 85


def normalise_number(label: str | None) -> str | None:
    """'1.' -> '1', 'a)' -> 'a', '(iv)' -> 'iv'; minute references kept whole."""
    if label is None:
        return None
    return re.sub(r"^[(\[]|[.)\]:]+$", "", label.strip()).lower() or None


def _norm_text(text: str | None) -> str:
    text = (text or "").lower().replace("’", "'").replace("–", "-")
    text = re.sub(r"^\(?(\d+(\.\d+)*|[a-z]|[ivx]+)[.)]\s+", "", text)
    return re.sub(r"[\s:.,;-]+", " ", text).strip()


def same_text(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    a, b = _norm_text(a), _norm_text(b)
    return a == b or fuzz.ratio(a, b) >= TEXT_MATCH


def same_meta(key: str, got: str | None, want: str | None) -> bool:
    if key == "date":
        return got == want
    if want and got and key == "title":
        # a title may be printed with a subtitle: the expected one must be all there
        return same_text(got, want) or fuzz.partial_ratio(_norm_text(want), _norm_text(got)) >= 95 \
            and len(_norm_text(got)) <= len(_norm_text(want)) * 1.5
    return same_text(got, want)


def match_in_order(got: list[tuple[str | None, str | None]], want: list[tuple[str | None, str | None]]) -> int:
    """How many (number, heading) pairs match, in order (a longest common subsequence)."""
    def same(g, w):
        numbers_agree = not g[0] or not w[0] or normalise_number(g[0]) == normalise_number(w[0])
        return numbers_agree and same_text(g[1], w[1])
    rows = [[0] * (len(want) + 1) for _ in range(len(got) + 1)]
    for i in range(len(got) - 1, -1, -1):
        for j in range(len(want) - 1, -1, -1):
            rows[i][j] = rows[i + 1][j + 1] + 1 if same(got[i], want[j]) else max(rows[i + 1][j], rows[i][j + 1])
    return rows[0][0]


@dataclass
class FileScore:
    file: str
    numbering_exact: bool
    numbers_got: int
    numbers_want: int
    first_difference: str | None
    sections_matched: int
    sections_got: int
    sections_want: int
    meta_right: int
    meta_fields: int
    meta_wrong: dict = field(default_factory=dict)
    tables_found: int = 0
    tables_want: int = 0
    joins_right: int = 0
    joins_want: int = 0


def score_document(doc, expected: dict) -> FileScore:
    got_numbers = [normalise_number(p.number) for p in doc.paragraphs if p.number]
    want_numbers = [normalise_number(n) for n in expected["paragraph_numbers"]]
    difference = None
    if got_numbers != want_numbers:
        at = next((i for i, (g, w) in enumerate(zip(got_numbers, want_numbers)) if g != w),
                  min(len(got_numbers), len(want_numbers)))
        difference = (f"at #{at}: got {got_numbers[max(0, at - 2):at + 3]} "
                      f"want {want_numbers[max(0, at - 2):at + 3]}")
    got_sections = [(s.number, s.heading) for s in doc.sections if s.heading]
    want_sections = [(s.get("number"), s["heading"]) for s in expected["sections"]]
    matched = match_in_order(got_sections, want_sections)
    wrong = {}
    for key in META_KEYS:
        got, want = getattr(doc.meta, key), expected["meta"].get(key)
        if not same_meta(key, got, want):
            wrong[key] = {"got": got, "want": want}
    tables = getattr(doc, "tables", []) or []
    table_pages = [t.page for t in tables]
    found = 0
    for table in expected.get("tables", []):
        if table["page"] in table_pages:
            table_pages.remove(table["page"])
            found += 1
    joins_right = 0
    for join in expected.get("page_joins", []):
        para = doc.find(join["number"]) if join.get("number") else None
        if para is not None and [para.page, para.page_end] == join["pages"]:
            joins_right += 1
    return FileScore(expected["file"], got_numbers == want_numbers, len(got_numbers), len(want_numbers),
                     difference, matched, len(got_sections), len(want_sections),
                     len(META_KEYS) - len(wrong), len(META_KEYS), wrong, found,
                     len(expected.get("tables", [])), joins_right, len(expected.get("page_joins", [])))


def evaluate(real_dir: Path = REAL_DIR, expected_dir: Path = EXPECTED_DIR, only: str | None = None,
             options: dict | None = None) -> list[FileScore]:
    from papermine.parse import parse_file
    scores = []
    for path in sorted(expected_dir.glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        if only and only not in expected["file"]:
            continue
        doc = parse_file(real_dir / expected["file"], options=options)
        scores.append(score_document(doc, expected))
    return scores


@dataclass
class Totals:
    files: int
    numbering_exact: int
    section_precision: float
    section_recall: float
    meta_share: float
    tables_found: int
    tables_want: int
    joins_right: int
    joins_want: int


def totals(scores: list[FileScore]) -> Totals:
    got = sum(s.sections_got for s in scores)
    want = sum(s.sections_want for s in scores)
    matched = sum(s.sections_matched for s in scores)
    return Totals(len(scores), sum(s.numbering_exact for s in scores),
                  matched / got if got else 1.0, matched / want if want else 1.0,
                  sum(s.meta_right for s in scores) / max(1, sum(s.meta_fields for s in scores)),
                  sum(s.tables_found for s in scores), sum(s.tables_want for s in scores),
                  sum(s.joins_right for s in scores), sum(s.joins_want for s in scores))


def print_table(scores: list[FileScore], out=sys.stdout) -> None:
    print(f"{'file':60} {'numbering':>13} {'sect P':>6} {'sect R':>6} {'meta':>5} {'tables':>6} {'joins':>5}",
          file=out)
    for s in scores:
        p = s.sections_matched / s.sections_got if s.sections_got else 1.0
        r = s.sections_matched / s.sections_want if s.sections_want else 1.0
        numbering = ("exact" if s.numbering_exact else "DIFF") + f" {s.numbers_got}/{s.numbers_want}"
        print(f"{s.file[:60]:60} {numbering:>13} {p:6.2f} {r:6.2f} {s.meta_right}/{s.meta_fields:<3} "
              f"{s.tables_found}/{s.tables_want:<4} {s.joins_right}/{s.joins_want}", file=out)
    t = totals(scores)
    print(f"{'OVERALL':60} {f'{t.numbering_exact}/{t.files} exact':>13} {t.section_precision:6.2f} "
          f"{t.section_recall:6.2f} {t.meta_share:5.2f} {t.tables_found}/{t.tables_want:<4} "
          f"{t.joins_right}/{t.joins_want}", file=out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default=None, help="PDF backend (default: papermine's default)")
    parser.add_argument("--only", help="only files whose name contains this")
    parser.add_argument("--json", action="store_true", help="per-file scores as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="show numbering and metadata differences")
    args = parser.parse_args()
    if not REAL_DIR.is_dir():
        print(f"no real papers at {REAL_DIR}", file=sys.stderr)
        return 1
    options = {"pdf_backend": args.backend} if args.backend else None
    scores = evaluate(only=args.only, options=options)
    if args.json:
        print(json.dumps([asdict(s) for s in scores], indent=1))
        return 0
    print_table(scores)
    if args.verbose:
        for s in scores:
            if s.first_difference or s.meta_wrong:
                print(f"\n{s.file}\n  numbering {s.first_difference}\n  meta {s.meta_wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
