"""Papers in styles unlike the samples (a terms of reference with a membership
list; minutes with a Present list, "It was agreed that ...", a body joining; an
annual report with "1.0" headings and "receives reports from").
Their expectations (tests/data/expected_heldout.json) were written before
papermine was first run on them; this scores papermine against them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA
from papermine.nlp import tag_document
from papermine.parse import parse_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTED = {k: v for k, v in json.loads((DATA / "expected_heldout.json").read_text(encoding="utf-8")).items()
            if not k.startswith("_")}
MIN_SCORE = 0.85


@pytest.fixture(scope="module")
def tagged():
    return {name: tag_document(parse_file(FIXTURES / name)) for name in EXPECTED}


def _scores(got: set, want: set) -> tuple[float, float]:
    hits = len(got & want)
    return hits / len(got) if got else 1.0, hits / len(want) if want else 1.0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_agencies(tagged, name):
    precision, recall = _scores({a.canonical for a in tagged[name].agencies}, set(EXPECTED[name]["agencies"]))
    assert precision >= MIN_SCORE and recall >= MIN_SCORE, (precision, recall)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_relations(tagged, name):
    got = {(r.source, r.target, r.relation, r.frequency) for r in tagged[name].reporting_lines}
    precision, recall = _scores(got, {tuple(r) for r in EXPECTED[name]["relations"]})
    assert precision >= MIN_SCORE and recall >= MIN_SCORE, (precision, recall, got)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_priorities(tagged, name):
    got = [(p.evidence.paragraph, p.kind, p.theme) for p in tagged[name].priorities]
    assert got == [(n, kind, theme) for n, _text, kind, theme in EXPECTED[name]["priorities"]]


@pytest.mark.parametrize("name, council, committee, date", [
    ("heldout_minutes.txt", "Northby Borough Council", "Looked After Children Partnership Board", "2019-05-15"),
    ("heldout_annual_report.txt", "Southmoor City Council", "Cabinet", "2013-07-18"),
])
def test_front_block_metadata(name, council, committee, date):
    doc = parse_file(FIXTURES / name)
    assert (doc.meta.council, doc.meta.committee, doc.meta.date) == (council, committee, date)
