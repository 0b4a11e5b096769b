"""Tags of the real papers (../shared/real/*.pdf) against expectations written by reading
them (tests/data/real_expected/*.json), scored by scripts/eval_tags.py: per-class floors
over all papers together (micro-averaged F1).

Two floors a class: the one issue 9 sets (MIN_F1; a class not there yet is a known
failure, xfail strict, so reaching it turns the test red until the mark is removed) and
the level measured when the expectations were first scored (HELD_F1), which no change
may fall below."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import load_script

ROOT = Path(__file__).resolve().parents[1]


def _real_folder() -> Path:
    """$PAPERMINE_REAL, else `shared/real` beside the checkout (or beside a folder above
    it, for a worktree nested one level deeper)."""
    if os.environ.get("PAPERMINE_REAL"):
        return Path(os.environ["PAPERMINE_REAL"])
    here = Path(__file__).resolve()
    for parent in here.parents[2:4]:
        if (parent / "shared" / "real").is_dir():
            return parent / "shared" / "real"
    return here.parents[2] / "shared" / "real"


REAL = _real_folder()
EXPECTED = Path(os.environ.get("PAPERMINE_REAL_EXPECTED") or Path(__file__).resolve().parent / "data" / "real_expected")
#: F1 each class must reach over the real papers (issue 9).
MIN_F1 = {"agencies": 0.9, "reporting_lines": 0.8, "members": 0.8, "priorities": 0.75}
#: Classes not yet at that floor, with the F1 measured (19 papers; re-measured after the
#: NLP stage learnt the new parser's headings, lists and rosters).
BELOW_FLOOR = {"agencies": 0.83}    # reporting lines, members and priorities are at their floors
#: What each class measures now (2026-11-30): above the floor is not enough, a change that
#: loses what was reached must show (a text-only rule once cost 11 real priorities unseen).
MEASURED_F1 = {"agencies": 0.83, "reporting_lines": 0.88, "members": 0.94, "priorities": 0.93}
#: No change may take a class below this (the measured F1 less a small margin for
#: parser changes that move a paragraph or a page).
HELD_F1 = {category: round(f1 - 0.03, 2) for category, f1 in MEASURED_F1.items()}


def _eval_tags():
    return load_script("eval_tags")


@pytest.fixture(scope="module")
def scores():
    if not REAL.is_dir():
        pytest.skip(f"the real papers are not here ({REAL}); they sit beside the checkout")
    if not EXPECTED.is_dir() or not any(EXPECTED.glob("*.json")):
        pytest.skip(f"no expectations for the real papers in {EXPECTED}")
    module = _eval_tags()
    per_file, total = module.evaluate(REAL, EXPECTED)
    if not per_file:
        pytest.skip(f"none of the papers named in {EXPECTED} is in {REAL}")
    print("\n" + module.format_table(per_file, total))
    return total


def _floor_params():
    for category in sorted(MIN_F1):
        marks = [pytest.mark.xfail(strict=True, reason=f"F1 {BELOW_FLOOR[category]} measured, "
                                                       f"{MIN_F1[category]} wanted (issue 9)")] \
            if category in BELOW_FLOOR else []
        yield pytest.param(category, marks=marks, id=category)


@pytest.mark.parametrize("category", _floor_params())
def test_floor_over_the_real_papers(scores, category):
    score = scores[category]
    assert score.f1 >= MIN_F1[category], (category, round(score.precision, 2), round(score.recall, 2),
                                          score.hits, score.found, score.expected)


@pytest.mark.parametrize("category", sorted(HELD_F1))
def test_no_class_falls_below_what_it_reached(scores, category):
    score = scores[category]
    assert score.f1 >= HELD_F1[category], (category, round(score.f1, 3), score.hits, score.found, score.expected)


def test_scorer_pairs_one_to_one():
    """A body tagged under two names counts once right and once wrong; a line needs the
    frequency the paper states."""
    module = _eval_tags()
    from papermine.model import Agency, Evidence, ReportingLine, Tags
    ev = Evidence(doc="d", page=1, paragraph="1", sentence="s")
    tags = Tags(doc="d", agencies=[Agency("CPP", "Corporate Parenting Panel", "council body"),
                                   Agency("the Panel", "Corporate Parenting Panel ", "council body")],
                reporting_lines=[ReportingLine("Corporate Parenting Panel", "Cabinet", "reports_to",
                                               "quarterly", ev)])
    expected = {"agencies": [{"name": "Corporate Parenting Panel", "aliases": ["CPP"]},
                             {"name": "Cabinet", "aliases": []}],
                "reporting_lines": [{"from": "CPP", "to": "Cabinet", "relation": "reports_to",
                                     "frequency": "annually"}],
                "members": [], "priorities": []}
    scores = module.score_file(expected, tags)
    assert (scores["agencies"].hits, scores["agencies"].found, scores["agencies"].expected) == (1, 2, 2)
    assert scores["reporting_lines"].hits == 0
    expected["reporting_lines"][0]["frequency"] = "quarterly"
    assert module.score_file(expected, tags)["reporting_lines"].hits == 1
