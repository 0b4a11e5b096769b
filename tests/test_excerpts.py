"""Tags of short excerpts in other councils' wording (tests/fixtures/excerpts/*.txt: terms
of reference, minutes, annual reports, plans, cabinet and scrutiny reports, 2009-2023), against expectations
written before the tagger first ran on them (tests/data/excerpts_expected/*.json, format
ANNOTATE.md), scored by scripts/eval_tags.py. They stand for papers the rules were not
fitted to: the floors hold reporting lines and members at what the rules reach on them,
less a small margin."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
EXCERPTS = ROOT / "tests" / "fixtures" / "excerpts"
EXPECTED = ROOT / "tests" / "data" / "excerpts_expected"
#: F1 over all 469 excerpts (micro-averaged). Measured: agencies 0.92, reporting lines 0.84,
#: members 0.82, priorities 0.90; the floors were set about two points below what the first 373
#: reached and have been kept since sets bi, bj and bk (once held out, harder: lines 0.70, members
#: 0.45 when they joined) came in, so they now sit close to the measure. Each set was held out
#: when first scored (the first eight: lines 0.44, members 0.38; sets f to av and bi to bk, written by
#: second readers: see tests/heldout/README.md and the closing notes), and they have been
#: development cases since; sets ai, aj, ba and bb were written as development cases (ba and bb
#: in the tenth session, on genres whose membership the rules then barely read: members 0.28).
HELD_F1 = {"agencies": 0.90, "reporting_lines": 0.84, "members": 0.80, "priorities": 0.90}


def _eval_tags():
    return load_script("eval_tags")


@pytest.fixture(scope="module")
def scores():
    module = _eval_tags()
    per_file, total = module.evaluate(real_dir=EXCERPTS, expected_dir=EXPECTED)
    assert len(per_file) == len(list(EXPECTED.glob("*.json"))), "an excerpt named by its expectations is missing"
    print("\n" + module.format_table(per_file, total))
    return per_file, total


@pytest.mark.parametrize("category", sorted(HELD_F1))
def test_excerpts_hold_their_floor(scores, category):
    _, total = scores
    score = total[category]
    assert score.f1 >= HELD_F1[category], (category, round(score.precision, 2), round(score.recall, 2),
                                           score.hits, score.found, score.expected)


def test_no_attendance_heading_becomes_a_body(scores):
    """"PRESENT:" opens a list of people; it is never the body they sit on."""
    from papermine.nlp import tag_document
    from papermine.parse import parse_file
    for path in sorted(EXCERPTS.glob("*.txt")):
        tags = tag_document(parse_file(path))
        ends = {r.source for r in tags.reporting_lines} | {r.target for r in tags.reporting_lines}
        assert not {e for e in ends if e.strip().lower() in ("present", "also present", "in attendance")}, path.name


def test_six_monthly_expectation_is_not_read_as_monthly():
    """The scorer reads an expectation already in normal form as itself."""
    module = _eval_tags()
    assert module.norm_frequency("six-monthly") == "six-monthly"
    assert module.norm_frequency("bi-monthly") == "bi-monthly"
    assert module.norm_frequency("twice a year") == "six-monthly"


def test_a_meeting_is_scored_whichever_way_round_it_is_stated():
    """"A meets with B" and "B meets with A" are one line; a report still has a direction."""
    from papermine.nlp import tag_document
    from papermine.parse import parse_text
    module = _eval_tags()
    tags = tag_document(parse_text("Joint working\n\n5 The Elmby Health and Wellbeing Board meets with the "
                                   "Elmby Safeguarding Adults Board twice a year. The Elmby Safeguarding Adults "
                                   "Board reports to the Elmby Health and Wellbeing Board annually.\n"))
    names = module.Names([{"name": "Elmby Health and Wellbeing Board"}, {"name": "Elmby Safeguarding Adults Board"}])
    swapped = [{"from": "Elmby Safeguarding Adults Board", "to": "Elmby Health and Wellbeing Board",
                "relation": "meets_with", "frequency": "six-monthly"},
               {"from": "Elmby Health and Wellbeing Board", "to": "Elmby Safeguarding Adults Board",
                "relation": "reports_to", "frequency": "annually"}]
    score = module.score_lines(swapped, tags, names)
    assert (score.hits, score.expected) == (1, 2), score.misses
