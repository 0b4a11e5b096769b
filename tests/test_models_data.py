"""Every data file under models/ loads and is valid: ids unique, patterns compile."""
from __future__ import annotations

import json
import re

import pytest

from papermine.model.data import load_lines, models_dir


def _jsonl_files():
    return sorted(models_dir().glob("*.jsonl"))


#: Data files of another shape than {"id", "label", "pattern"}: the keys every row has.
OTHER_SHAPES = {"public_bodies.jsonl": {"id", "label", "canonical", "names", "acronyms"},
                "name_breaks.jsonl": {"id", "label", "words"}}


def test_every_jsonl_pattern_file_is_valid():
    assert _jsonl_files()
    for path in _jsonl_files():
        ids = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("//"):      # "//" lines are comments
                continue
            row = json.loads(line)
            assert OTHER_SHAPES.get(path.name, {"id", "label", "pattern"}) <= set(row), f"{path.name}:{number}"
            ids.append(row["id"])
            if isinstance(row.get("pattern"), str):
                re.compile(row["pattern"])
        assert len(ids) == len(set(ids)), f"duplicate ids in {path.name}"


def test_word_lists_load():
    assert "multi" in load_lines("hyphen_prefixes.txt")
    assert "Priority" in load_lines("item_labels.txt")


def test_public_bodies_have_years_in_order_and_one_canonical_each():
    from papermine.model.data import load_jsonl
    canonicals = [row["canonical"] for row in load_jsonl("public_bodies.jsonl")]
    assert len(canonicals) == len(set(canonicals))
    for row in load_jsonl("public_bodies.jsonl"):
        if row.get("from") and row.get("to"):
            assert row["from"] <= row["to"], row["id"]
    names = {row["canonical"]: row for row in load_jsonl("public_bodies.jsonl")}
    assert names["Clinical Commissioning Group"]["to"] == 2022 and names["Integrated Care Board"]["from"] == 2022
    assert names["Primary Care Trust"]["to"] == 2013


#: Made sentences (our own wording) naming national bodies by name and by acronym, and what
#: each must be tagged as: {canonical: (kind, from, to)}.
_NATIONAL_BODY_CASES = [
    ("Guidance came from DCLG in 2012 and from the Department for Levelling Up, Housing and "
     "Communities in 2023, and the Board wrote to the DHSC.",
     {"Department for Communities and Local Government": ("national body", 2006, 2018),
      "Department for Levelling Up, Housing and Communities": ("national body", 2021, 2024),
      "Department of Health and Social Care": ("national body", 2018, None)}),
    ("Funding came through BIS and the Learning and Skills Council, and later from DECC and "
     "the Government Office for the South East (GOSE).",
     {"Department for Business, Innovation and Skills": ("national body", 2009, 2016),
      "Learning and Skills Council": ("national body", 2001, 2010),
      "Department of Energy and Climate Change": ("national body", 2008, 2016),
      "Government Office for the South East": ("national body", 1994, 2011)}),
    ("Volunteers are checked by the DBS, as the Criminal Records Bureau did before, and the "
     "Panel met HMI Probation and the DVLA.",
     {"Disclosure and Barring Service": ("national body", 2012, None),
      "Criminal Records Bureau": ("national body", 2002, 2012),
      "HM Inspectorate of Probation": ("national body", None, None),
      "Driver and Vehicle Licensing Agency": ("national body", 1990, None)}),
    ("The Trust reported to the NHS TDA and to NHS Blood and Transplant, drew on the NHSLA "
     "and sent returns to the HSCIC.",
     {"NHS Trust Development Authority": ("health", 2012, 2016),
      "NHS Blood and Transplant": ("health", 2005, None),
      "NHS Resolution": ("health", 1995, None),
      "NHS Digital": ("national body", 2013, 2023)}),
    ("Partners include the SLCC, ADASS, the Joseph Rowntree Foundation, Carers Trust, Sustrans, "
     "FareShare and the Royal Voluntary Service.",
     {"Society of Local Council Clerks": ("national body", None, None),
      "Association of Directors of Adult Social Services": ("national body", None, None),
      "Joseph Rowntree Foundation": ("voluntary", None, None),
      "Carers Trust": ("voluntary", 2012, None),
      "Sustrans": ("voluntary", None, None),
      "FareShare": ("voluntary", None, None),
      "Royal Voluntary Service": ("voluntary", None, None)}),
]


@pytest.mark.parametrize("text,expected", _NATIONAL_BODY_CASES,
                         ids=[", ".join(list(e)[:2]) for _, e in _NATIONAL_BODY_CASES])
def test_national_bodies_are_tagged_with_their_canonical_name_kind_and_years(text, expected):
    from papermine.nlp import tag_document
    from papermine.nlp.agencies import public_body
    from papermine.parse import parse_text
    tags = tag_document(parse_text(f"Partners\n\n4 {text}\n"))
    found = {a.canonical: a.kind for a in tags.agencies}
    for canonical, (kind, start, end) in expected.items():
        assert found.get(canonical) == kind, (canonical, found)
        body = public_body(canonical)
        assert (body.get("from"), body.get("to")) == (start, end), canonical


def test_common_phrases_that_name_bodies_match_only_as_written():
    """"Time to Change" the campaign, not "time to change"; "NHS Providers" the body, not
    "NHS providers"; "New Local" the think tank, not "a new local plan"; a place before
    "YMCA" or "Association of Local Councils" is part of the body's name."""
    from papermine.nlp import tag_document
    from papermine.parse import parse_text
    text = ("Partners\n\n4 It is time to change how NHS providers work, and a new local plan was "
            "agreed with Easthaven YMCA and the Northshire Association of Local Councils.\n\n"
            "5 The Board heard from Time to Change, NHS Providers and New Local.\n")
    tags = tag_document(parse_text(text))
    found = {a.canonical: a for a in tags.agencies}
    # one span each, not "YMCA" or "Association of Local Councils" alone (a lone local
    # branch of a body known by its acronym keeps that body's canonical name)
    names = {a.name for a in tags.agencies}
    assert {"Easthaven YMCA", "Northshire Association of Local Councils"} <= names, names
    for canonical in ("Time to Change", "NHS Providers", "New Local"):
        sentences = [e.sentence for e in found[canonical].evidence]
        assert sentences and all(s.startswith("The Board heard") for s in sentences), (canonical, sentences)


def test_political_groups_label_councillors_not_bodies():
    from papermine.nlp.relations import _political_group
    assert _political_group("Liberal Democrat") and _political_group("Labour Group")
    assert not _political_group("Village Hall Committee")
