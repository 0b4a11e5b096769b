"""A held-out paper: a terms-of-reference style unlike the samples (decimal
numbering, membership as a list, "accountable to", "subgroups of the Board",
a chair). Its expectations (tests/data/expected_heldout.json) were written
before papermine was first run on it; this scores papermine against them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA
from papermine.nlp import tag_document
from papermine.parse import parse_file

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "heldout_terms_of_reference.txt"
EXPECTED = json.loads((DATA / "expected_heldout.json").read_text(encoding="utf-8"))
MIN_SCORE = 0.85


@pytest.fixture(scope="module")
def tags():
    return tag_document(parse_file(FIXTURE))


def _f1(got: set, want: set) -> tuple[float, float]:
    hits = len(got & want)
    return hits / len(got) if got else 1.0, hits / len(want) if want else 1.0


def test_agencies(tags):
    precision, recall = _f1({a.canonical for a in tags.agencies}, set(EXPECTED["agencies"]))
    assert precision >= MIN_SCORE and recall >= MIN_SCORE, (precision, recall)


def test_relations(tags):
    got = {(r.source, r.target, r.relation, r.frequency) for r in tags.reporting_lines}
    precision, recall = _f1(got, {tuple(r) for r in EXPECTED["relations"]})
    assert precision >= MIN_SCORE and recall >= MIN_SCORE, (precision, recall, got)


def test_priorities(tags):
    got = [(p.evidence.paragraph, p.kind, p.theme) for p in tags.priorities]
    assert got == [(n, kind, theme) for n, _text, kind, theme in EXPECTED["priorities"]]
