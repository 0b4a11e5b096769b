"""Each rule family on short sentences, with near-misses that must not match
(cases in tests/data/nlp_cases.json); every pattern file loads with spaCy's
validation on."""
from __future__ import annotations

import json

import pytest
import spacy
from spacy.matcher import Matcher

from conftest import DATA
from papermine.model.data import load_jsonl
from papermine.nlp import build_pipeline, classify_theme, tag_document, theme_labels
from papermine.nlp.agencies import learn_acronyms
from papermine.parse import parse_text

CASES = json.loads((DATA / "nlp_cases.json").read_text(encoding="utf-8"))


def _tags(text: str):
    return tag_document(parse_text(f"Governance\n\n1 {text}\n"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['label']}: {c['comment']}" for c in CASES])
def test_relation_rules(case):
    lines = _tags(case["input"]).reporting_lines
    got = [[r.source, r.target, r.relation, r.frequency, r.modality] for r in lines]
    assert got == case["expect"]


@pytest.mark.parametrize("text, label", [
    ("on a quarterly basis", "quarterly"), ("every three months", "quarterly"),
    ("bi monthly", "bi-monthly"), ("bimonthly", "bi-monthly"), ("every two months", "bi-monthly"),
    ("twice yearly", "six-monthly"), ("on a six-monthly basis", "six-monthly"),
    ("annually", "annually"), ("once a year", "annually"), ("monthly", "monthly"),
    ("as and when required", "ad hoc"),
])
def test_frequencies_are_normalised(text, label):
    doc = build_pipeline()(f"The group meets {text}.")
    assert [span.label_ for span in doc.spans["frequencies"]] == [label]


def test_acronyms_a_paper_defines():
    table = learn_acronyms([
        "The Children Looked After Planning & Implementation Group (commonly referred to as CLAG) was set up.",
        "the idea of Multi-agency Looked After Partnerships (MALAPs) was developed",
        "the Looked After Children (LAC) Strategic Partnership",
        "the Children in Care Council (CICC) re launched",
        "the value (A) is not an acronym"])
    assert table["CLAG"] == "Children Looked After Planning & Implementation Group"
    assert table["MALAPs"] == "Multi-agency Looked After Partnerships"
    assert table["LAC"] == "Looked After Children"
    assert table["CICC"] == "Children in Care Council"
    assert "A" not in table


def test_acronym_mentions_resolve_to_the_defined_body():
    tags = tag_document(parse_text(
        "Background\n\n1 The Children Looked After Strategic Partnership (CLASP) meets monthly.\n\n"
        "2 The CLASP will report annually into the DSCP.\n"))
    names = {a.canonical: a for a in tags.agencies}
    clasp = names["Children Looked After Strategic Partnership"]
    assert [e.paragraph for e in clasp.evidence] == ["1", "2"] and clasp.kind == "partnership"
    assert names["Safeguarding Children Partnership"].name == "DSCP"
    assert [(r.source, r.target, r.frequency) for r in tags.reporting_lines if r.relation == "reports_to"] == [
        ("Children Looked After Strategic Partnership", "Safeguarding Children Partnership", "annually")]


@pytest.mark.parametrize("text, expected", [
    ("The Supporting Solutions Services and Emergency Duty Team work out of these premises.",
     {"Supporting Solutions Service", "Emergency Duty Team"}),
    ("Family Group Conferences are a key element of the support offered.", set()),
    ("Members of the Corporate Parenting Panel are recommended to note the report.", {"Corporate Parenting Panel"}),
    ("Develop working groups to focus on understanding areas of need.", set()),
])
def test_named_bodies(text, expected):
    assert {a.canonical for a in _tags(text).agencies} == expected


@pytest.mark.parametrize("text, theme", [
    ("Sufficiency of placements and placement stability", "placement sufficiency and stability"),
    ("Early permanence", "permanence and adoption"),
    ("Local Offer for care leavers", "care leavers and the local offer"),
    ("Meet needs of Children Looked After and Care Leavers with SEND.", "special educational needs and disabilities"),
    ("Ensure that best practice is shared.", "other"),
    ("Continue to ensure the Signs of Safety Model is imbedded in practise", "workforce and practice"),
])
def test_themes(text, theme):
    assert classify_theme(text)[0] == theme


def test_theme_taxonomy_size():
    assert 20 <= len(theme_labels()) - 1 <= 30


def test_ordinary_paragraphs_are_not_priorities():
    tags = _tags("The service has opened a new provision for young people who need support out of hours.")
    assert tags.priorities == []


def test_priority_sentence_and_lead_in_list():
    doc = parse_text("Background\n\n1 Recruiting foster carers remains a strategic priority.\n\n"
                     "The partnership will work to:\n\n2 Reduce the number of children missing from care.\n\n"
                     "3 Improve the timeliness of health assessments.\n\nConclusion\n\n4 The report is noted.\n")
    found = [(p.evidence.paragraph, p.kind, p.evidence.rule, p.theme) for p in tag_document(doc).priorities]
    assert found == [("1", "stated", "pri-sentence", "placement sufficiency and stability"),
                     ("2", "stated", "pri-lead-in-list", "missing children and exploitation"),
                     ("3", "stated", "pri-lead-in-list", "health and wellbeing")]


def test_pattern_files_load_with_validation():
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab, validate=True)
    for row in load_jsonl("bodies.jsonl"):
        matcher.add(row["id"], [row["pattern"]])
    for row in load_jsonl("agencies.jsonl"):
        assert row["canonical"] and row["label"] in {
            "council body", "partnership", "subgroup", "police", "health", "education", "justice",
            "housing", "voluntary", "national body", "fire", "other"}, row["id"]
    ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
    ruler.add_patterns([{"label": r["label"], "pattern": r["pattern"], "id": r["id"]}
                        for r in load_jsonl("agencies.jsonl")])


def test_pipeline_saves_and_loads_its_rules(tmp_path):
    nlp = build_pipeline()
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    doc = again("The Virtual School will report quarterly into the Corporate Parenting Panel.")
    assert [s.text for s in doc.spans["agencies"]] == ["Virtual School", "Corporate Parenting Panel"]
    assert [s.label_ for s in doc.spans["frequencies"]] == ["quarterly"]


def test_a_missing_trained_model_is_a_clear_error():
    from papermine.errors import PapermineError
    with pytest.raises(PapermineError, match="never downloads"):
        build_pipeline("en_core_web_sm_not_installed")


def test_membership_lists_but_not_recommendation_lists():
    doc = parse_text("Governance\n\n1 The membership of the Corporate Parenting Board is:\n\n- police;\n"
                     "- the Virtual School Head.\n\n2 Members of the Board are recommended to:\n\n"
                     "(a) note the work of the Youth Offending Service.\n")
    members = {(r.source, r.target, r.evidence.paragraph) for r in tag_document(doc).reporting_lines
               if r.relation == "member_of"}
    assert members == {("Police", "Corporate Parenting Board", "1"),
                       ("Virtual School", "Corporate Parenting Board", "1")}


def test_signatures_side_by_side_in_a_table():
    """A foreword signed by several chairs set out as a table (a column each: name, role,
    body over one or two lines): each body is chaired by the name above it, and one
    signatory chairing two bodies named one after the other chairs both."""
    from papermine.model import Table
    doc = parse_text("Foreword\n\n1 We are committed to this plan.\n")
    doc.tables.append(Table(page=1, rows=[
        ["Ann Example", "Dr Ben Sample", "Cara Test"],
        ["Interim Lay Chair - NHS Northshire", "Clinical Chair", "Chair"],
        ["Clinical Commissioning Group", "NHS Eastvale Clinical Commissioning Group", "Healthwatch Northshire"],
        ["", "NHS Westvale Clinical Commissioning Group", ""]]))
    chairs = {(r.source_text, r.target) for r in tag_document(doc).reporting_lines if r.relation == "chaired_by"}
    assert chairs == {("NHS Northshire Clinical Commissioning Group", "Ann Example"),
                      ("NHS Eastvale Clinical Commissioning Group", "Dr Ben Sample"),
                      ("NHS Westvale Clinical Commissioning Group", "Dr Ben Sample"),
                      ("Healthwatch Northshire", "Cara Test")}
    # a table of figures is no signature block
    doc.tables[0] = Table(page=1, rows=[["Year", "Cases"], ["2023", "41"], ["2024", "38"]])
    assert not [r for r in tag_document(doc).reporting_lines if r.relation == "chaired_by"]


def test_a_body_listed_with_several_posts_is_one_member():
    """"Northby Council - Director of ..." and "Northby Council - Head of ..." seat the council
    twice: one member_of line (its first entry as evidence); roles stay one line a role as written."""
    tags = tag_document(parse_text(
        "Tollby Safeguarding Children Board\n\n3.1 The Board is made up of senior representatives of the following:\n\n"
        "Tollby County Council - Director of Children's Services\nTollby County Council - Head of Safeguarding\n"
        "Tollby Police - Head of Public Protection\nTwo lay members\n"))
    members = [(r.source, r.source_text) for r in tags.reporting_lines if r.relation == "member_of"]
    assert members == [("Tollby County Council", "Tollby County Council - Director of Children's Services"),
                       ("Tollby Police", "Tollby Police - Head of Public Protection"), ("lay members", "Two lay members")]
