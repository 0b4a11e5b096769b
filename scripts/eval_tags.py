"""Score papermine's tags on the real papers against expectations written by reading them.

Each `tests/data/real_expected/<pdf stem>.json` (format: ANNOTATE.md) names a PDF of the
real-papers folder; that PDF is parsed and tagged by papermine and compared class by class:

- agencies: an expected agency (its name or any alias) is found when a tagged agency's
  canonical name or written form matches it (rapidfuzz on normalised names);
- reporting lines: (from, to, relation) with both ends matched as agencies are; when the
  expectation states a frequency, the tagged line must carry the same one;
- members: (member, body) pairs, matched the same way;
- priorities: text similarity of the start of the priority, in the same paragraph where
  the expectation gives one.

Every pairing is one-to-one (best scores first), so a body tagged twice under two names
counts once right and once wrong. Prints precision / recall / F1 per file and overall:

    python scripts/eval_tags.py [--real DIR] [--expected DIR] [--misses] [FILE_STEM...]

`evaluate()` returns the same figures for tests (tests/test_real_tags.py holds the floors).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REAL = next((p / "shared" / "real" for p in (ROOT.parent, ROOT.parent.parent)
                     if (p / "shared" / "real").is_dir()), ROOT.parent / "shared" / "real")
DEFAULT_EXPECTED = ROOT / "tests" / "data" / "real_expected"
CLASSES = ("agencies", "reporting_lines", "members", "priorities")

#: Two names of one body score at least this (rapidfuzz ratio, 0-100, after normalising).
NAME_MATCH = 88
#: A priority's start matches an expectation scoring at least this.
PRIORITY_MATCH = 80
#: Relations that are reporting lines (member_of is scored as members; "meets" says
#: only how often a body meets, which the expectations do not record).
LINE_RELATIONS = {"reports_to", "feeds_into", "subgroup_of", "chaired_by", "meets_with"}
#: A tagged frequency that means "none stated".
NO_FREQUENCY = {None, "unknown"}

_LEADING_LABEL = re.compile(r"^\s*(?:\(?[0-9ivxlc]{1,5}[.)]|\(?[a-z][.)]|[-•*–])\s+", re.IGNORECASE)


def norm_name(text: str) -> str:
    """Lower case, '&' as 'and', possessives, brackets, quotes, a leading 'the' and a person's title dropped."""
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'").replace("&", " and ")
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"'s\b|s'(?=\s|$)|'", "", text.lower())
    text = re.sub(r"[^\w]+", " ", text)
    text = re.sub(r"^\s*(the|a|an)\s+", "", text)
    # a person is the same with or without a title ("Cllr Sally Sahin", "Sally Sahin"): the
    # annotations of different readers write them both ways
    text = re.sub(r"^\s*(?:cllrs?|councillors?|dr|mr|mrs|ms|miss|prof)\s+(?=\w)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def norm_text(text: str) -> str:
    text = _LEADING_LABEL.sub("", unicodedata.normalize("NFKC", text or ""))
    return re.sub(r"\s+", " ", re.sub(r"[^\w]+", " ", text.lower().replace("’", "'"))).strip()


def norm_frequency(text: str | None) -> str | None:
    """An expectation's frequency in papermine's normal form ("twice a year" -> six-monthly),
    read with the same phrase list the tagger uses (models/frequencies.jsonl)."""
    if not text:
        return None
    from papermine.model.data import load_jsonl
    rows = load_jsonl("frequencies.jsonl")
    if any(row["label"] == text for row in rows):
        return text                 # already normal ("six-monthly" is not "monthly")
    for row in rows:
        if re.search(row["pattern"], text, re.IGNORECASE):
            return row["label"]
    return text


def name_score(a: str, b: str) -> float:
    a, b = norm_name(a), norm_name(b)
    if not a or not b:
        return 0.0
    return 100.0 if a == b else fuzz.ratio(a, b)


def names_score(found: set[str], wanted: set[str]) -> float:
    return max((name_score(f, w) for f in found for w in wanted), default=0.0)


def priority_score(expected: str, found: str) -> float:
    """How well the start of a found priority matches the expected start."""
    e, f = norm_text(expected), norm_text(found)
    if not e or not f:
        return 0.0
    return max(fuzz.ratio(e, f[:len(e)]), fuzz.ratio(e[:len(f)], f) if len(f) >= 0.6 * len(e) else 0)


@dataclass
class Score:
    hits: int = 0
    found: int = 0
    expected: int = 0
    misses: list = field(default_factory=list)      # expected, not found
    extras: list = field(default_factory=list)      # found, not expected

    def add(self, other: "Score") -> None:
        self.hits += other.hits
        self.found += other.found
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _assign(expected: list, found: list, score) -> tuple[list[tuple[int, int]], Score]:
    """One-to-one pairs (expected index, found index), best scores first; score() is
    None for pairs that may not match."""
    candidates = []
    for i, e in enumerate(expected):
        for j, f in enumerate(found):
            s = score(e, f)
            if s is not None:
                candidates.append((s, -i, -j, i, j))
    pairs, used_e, used_f = [], set(), set()
    for *_, i, j in sorted(candidates, reverse=True):
        if i not in used_e and j not in used_f:
            pairs.append((i, j))
            used_e.add(i)
            used_f.add(j)
    result = Score(hits=len(pairs), found=len(found), expected=len(expected))
    result.misses = [e for i, e in enumerate(expected) if i not in used_e]
    result.extras = [f for j, f in enumerate(found) if j not in used_f]
    return pairs, result


class Names:
    """The names an expectation file gives each agency, so that a line's 'from'/'to'
    matches any alias of the body it names."""

    def __init__(self, agencies: list[dict]):
        self.groups = [{a["name"], *(a.get("aliases") or [])} for a in agencies]

    def forms(self, name: str) -> set[str]:
        forms = {name}
        for group in self.groups:
            if names_score({name}, group) >= NAME_MATCH:
                forms |= group
        return forms


def _agency_forms(agency) -> set[str]:
    return {agency.canonical, agency.name}


def score_agencies(expected: list[dict], tags) -> Score:
    wanted = [{a["name"], *(a.get("aliases") or [])} for a in expected]
    found = list(tags.agencies)

    def score(e, f):
        s = names_score(_agency_forms(f), e)
        return s if s >= NAME_MATCH else None
    _, result = _assign(wanted, found, score)
    result.misses = [sorted(m)[0] if len(m) == 1 else " / ".join(sorted(m)) for m in result.misses]
    result.extras = [f"{a.canonical} ({a.name})" for a in result.extras]
    return result


def _ends(line, written: dict[str, str]) -> tuple[set[str], set[str]]:
    """A tagged line's two ends: canonical names, as the paper wrote them where given, and
    the first written name of the agency the tagger resolved each end to."""
    ends = []
    for canonical, text in ((line.source, getattr(line, "source_text", None)),
                            (line.target, getattr(line, "target_text", None))):
        ends.append({canonical, text or canonical, written.get(canonical, canonical)})
    return ends[0], ends[1]


def _written(tags) -> dict[str, str]:
    return {a.canonical: a.name for a in tags.agencies}


def _pair_score(names: Names, e_from: str, e_to: str, line, written: dict[str, str]) -> float | None:
    f_from, f_to = _ends(line, written)
    a = names_score(f_from, names.forms(e_from))
    b = names_score(f_to, names.forms(e_to))
    return a + b if a >= NAME_MATCH and b >= NAME_MATCH else None


def score_lines(expected: list[dict], tags, names: Names) -> Score:
    found = [r for r in tags.reporting_lines if r.relation in LINE_RELATIONS]

    def score(e, f):
        if e["relation"] != f.relation:
            return None
        if e.get("frequency") and norm_frequency(e["frequency"]) != f.frequency:
            return None
        forward = _pair_score(names, e["from"], e["to"], f, _written(tags))
        if e["relation"] != "meets_with":
            return forward
        # meeting is mutual: "A meets with B" and "B meets with A" state one line
        scores = [s for s in (forward, _pair_score(names, e["to"], e["from"], f, _written(tags))) if s is not None]
        return max(scores) if scores else None
    _, result = _assign(expected, found, score)
    result.misses = [f"{e['from']} -{e['relation']}({e.get('frequency')})-> {e['to']}" for e in result.misses]
    result.extras = [f"{r.source} -{r.relation}({r.frequency})-> {r.target}" for r in result.extras]
    return result


def score_members(expected: list[dict], tags, names: Names) -> Score:
    found = [r for r in tags.reporting_lines if r.relation == "member_of"]
    _, result = _assign(expected, found,
                        lambda e, f: _pair_score(names, e["member"], e["body"], f, _written(tags)))
    result.misses = [f"{e['member']} in {e['body']}" for e in result.misses]
    result.extras = [f"{r.source} in {r.target}" for r in result.extras]
    return result


def score_priorities(expected: list[dict], tags) -> Score:
    def score(e, f):
        if e.get("paragraph") and f.evidence.paragraph and e["paragraph"] != f.evidence.paragraph:
            return None
        s = priority_score(e["text"], f.text)
        return s if s >= PRIORITY_MATCH else None
    _, result = _assign(expected, list(tags.priorities), score)
    result.misses = [f"[{e.get('paragraph')}] {e['text']}" for e in result.misses]
    result.extras = [f"[{p.evidence.paragraph}] {p.text[:90]}" for p in result.extras]
    return result


def score_file(expected: dict, tags) -> dict[str, Score]:
    names = Names(expected.get("agencies") or [])
    return {"agencies": score_agencies(expected.get("agencies") or [], tags),
            "reporting_lines": score_lines(expected.get("reporting_lines") or [], tags, names),
            "members": score_members(expected.get("members") or [], tags, names),
            "priorities": score_priorities(expected.get("priorities") or [], tags)}


def expectation_files(expected_dir=DEFAULT_EXPECTED, only: list[str] | None = None) -> list[Path]:
    """The expectation files of one folder or of several (a list), sorted by name."""
    folders = expected_dir if isinstance(expected_dir, (list, tuple)) else [expected_dir]
    files = sorted((f for folder in folders for f in Path(folder).glob("*.json")), key=lambda f: f.name)
    return [f for f in files if not only or f.stem in only]


def evaluate(real_dir: Path = DEFAULT_REAL, expected_dir=DEFAULT_EXPECTED,
             only: list[str] | None = None) -> tuple[dict[str, dict[str, Score]], dict[str, Score]]:
    """({file stem: {class: Score}}, {class: Score over all files}) for every expectation
    file whose PDF is in `real_dir`."""
    from papermine.nlp import tag_document
    from papermine.parse import parse_file
    per_file: dict[str, dict[str, Score]] = {}
    total = {c: Score() for c in CLASSES}
    for path in expectation_files(expected_dir, only):
        expected = json.loads(path.read_text(encoding="utf-8"))
        pdf = Path(real_dir) / expected.get("file", path.stem + ".pdf")
        if not pdf.exists():
            continue
        scores = score_file(expected, tag_document(parse_file(pdf)))
        per_file[path.stem] = scores
        for c in CLASSES:
            total[c].add(scores[c])
    return per_file, total


def _cell(s: Score) -> str:
    return f"{s.precision:4.2f} {s.recall:4.2f} {s.f1:4.2f} ({s.hits}/{s.found}/{s.expected})"


def format_table(per_file: dict[str, dict[str, Score]], total: dict[str, Score]) -> str:
    width = max([len(n) for n in per_file] + [7])
    head = f"{'file':<{width}}  " + "  ".join(f"{c:<26}" for c in CLASSES)
    sub = f"{'':<{width}}  " + "  ".join(f"{'P    R    F1   (hit/fnd/exp)':<26}" for _ in CLASSES)
    rows = [head, sub]
    for name, scores in per_file.items():
        rows.append(f"{name:<{width}}  " + "  ".join(f"{_cell(scores[c]):<26}" for c in CLASSES))
    rows.append(f"{'overall':<{width}}  " + "  ".join(f"{_cell(total[c]):<26}" for c in CLASSES))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stems", nargs="*", help="only these expectation files (PDF stems)")
    ap.add_argument("--real", type=Path, default=DEFAULT_REAL, help="folder of the real PDFs")
    ap.add_argument("--expected", type=Path, action="append",
                    help=f"folder of expectation files (may be given more than once; default {DEFAULT_EXPECTED})")
    ap.add_argument("--misses", action="store_true", help="list what was missed and what was extra")
    args = ap.parse_args(argv)
    args.expected = args.expected or [DEFAULT_EXPECTED]
    if not Path(args.real).is_dir() or not expectation_files(args.expected, args.stems):
        print(f"nothing to score: need PDFs in {args.real} and expectations in {args.expected}",
              file=sys.stderr)
        return 1
    per_file, total = evaluate(args.real, args.expected, args.stems)
    print(format_table(per_file, total))
    if args.misses:
        for name, scores in per_file.items():
            for c in CLASSES:
                if scores[c].misses or scores[c].extras:
                    print(f"\n== {name} / {c}")
                    for m in scores[c].misses:
                        print(f"  missed: {m}")
                    for x in scores[c].extras:
                        print(f"  extra:  {x}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
