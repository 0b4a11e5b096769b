"""The failure classes seen on real papers of other councils, as short made cases
(tests/data/nlp_failure_classes.json, written in our own words): reporting lines,
members, priorities and agencies. A case with `known_failure` is xfail(strict)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import DATA
from papermine.nlp import tag_document
from papermine.parse import parse_text

CASES = json.loads((DATA / "nlp_failure_classes.json").read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower().replace("’", "'")).strip()


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case["known_failure"])] if case.get("known_failure") else []
        yield pytest.param(case, id=f"{case['label']}: {case['comment']}", marks=marks)


@pytest.mark.parametrize("case", _params())
def test_failure_class(case):
    tags = tag_document(parse_text(case["input"]))
    if case["label"] == "lines":
        got = sorted(((r.source, r.target, r.relation, None if r.frequency == "unknown" else r.frequency)
                      for r in tags.reporting_lines if r.relation not in ("member_of", "meets")), key=str)
        assert got == sorted(map(tuple, case["expect"]), key=str)
    elif case["label"] == "members":
        got = sorted({(r.source, r.target) for r in tags.reporting_lines if r.relation == "member_of"})
        assert got == sorted(map(tuple, case["expect"]))
    elif case["label"] == "priorities":
        got = [_norm(p.text) for p in tags.priorities]
        want = [_norm(t) for t in case["expect"]]
        assert len(got) == len(want) and all(g.startswith(w) for g, w in zip(got, want)), got
    else:
        names = {_norm(a.canonical) for a in tags.agencies} | {_norm(a.name) for a in tags.agencies}
        for name in case["expect"]["include"]:
            assert _norm(name) in names, (name, sorted(names))
        for name in case["expect"]["exclude"]:
            assert _norm(name) not in names, (name, sorted(names))
