"""Numbering styles and front blocks beyond the samples: a cabinet report with
decimal numbering and a From/To block, minutes whose points restart in every
item, lettered paragraphs, and a paper with no numbered paragraphs at all."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from papermine.parse import parse_file, parse_text
from pdfmaker import write_pdf

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def numbers_by_section(doc):
    return [(doc.sections[p.section].heading, p.number) for p in doc.paragraphs if p.number]


def test_cabinet_report_decimal_numbering_and_front_block():
    doc = parse_file(FIXTURES / "cabinet_decimal_from_to.txt")
    assert numbers_by_section(doc) == [
        ("Introduction", "1.1"), ("Introduction", "1.2"), ("Background", "2.1"),
        ("Background", "2.2"), ("Background", "2.4"),          # 2.3 is not printed: kept as printed
        ("Proposals", "3.1"), ("Proposals", "3.2"), ("Recommendations", "4.1")]
    assert [s.number for s in doc.sections if s.number] == ["1", "2", "3", "4"]
    assert [s.kind for s in doc.sections if s.number] == ["summary", "background", "recommendation",
                                                         "recommendation"]
    assert [(i.label, i.kind) for i in doc.find("3.1").items] == [("a", "lettered"), ("b", "lettered"),
                                                                   ("c", "lettered")]
    meta = doc.meta
    assert (meta.council, meta.committee, meta.date) == ("Northshire County Council", "Cabinet", "2019-03-12")
    assert meta.title == "Looked After Children Sufficiency Strategy 2019-2022"
    assert meta.report_of == "Corporate Director of Children's Services"
    assert meta.extra["decision no"] == "CAB/2019/045"
    kinds = {s.heading: s.kind for s in doc.sections}
    assert kinds["Background papers"] == "background_papers" and kinds["Contact officer"] == "contact"


def test_minutes_points_restart_in_every_item():
    doc = parse_file(FIXTURES / "minutes_items.txt")
    assert numbers_by_section(doc) == [
        ("(Item 1) Apologies for absence", "1"), ("(Item 2) Declarations of interest", "1"),
        ("(Item 3) Children in Care Annual Report 2012-13", "1"),
        ("(Item 3) Children in Care Annual Report 2012-13", "2"),
        ("(Item 3) Children in Care Annual Report 2012-13", "3"),
        ("(Item 4) Care Leavers Local Offer", "1"), ("(Item 4) Care Leavers Local Offer", "2")]
    items = [s for s in doc.sections if s.heading and s.heading.startswith("(Item")]
    assert all(s.kind == "minutes_item" for s in items)
    # numbers are unique within their item, not the paper
    for section in items:
        numbers = [p.number for p in doc.paragraphs if p.section == section.index]
        assert len(numbers) == len(set(numbers))
    meta = doc.meta
    assert (meta.council, meta.committee, meta.date) == (
        "Eastborough Metropolitan Borough Council", "Corporate Parenting Committee", "2013-06-04")


def test_lettered_paragraphs_with_roman_sub_items():
    doc = parse_file(FIXTURES / "lettered_paragraphs.txt")
    assert numbers_by_section(doc) == [("Summary", "a"), ("Summary", "b"), ("Summary", "c"),
                                       ("Recommendation", "d")]
    assert [(i.label, i.kind, i.level) for i in doc.find("c").items] == [("i", "roman", 1), ("ii", "roman", 1)]
    assert (doc.meta.committee, doc.meta.title) == ("Health and Wellbeing Board",
                                                    "Looked After Children Health Report")


def test_paper_without_numbers_keeps_its_blocks():
    doc = parse_file(FIXTURES / "no_numbers.txt")
    assert [p.number for p in doc.paragraphs] == [None, None, None]
    assert doc.paragraphs[1].text == ("The partnership meets quarterly and reports to the "
                                      "Corporate Parenting Board annually.")
    assert doc.sections[doc.paragraphs[0].section].kind == "governance"
    assert doc.warnings


@pytest.mark.parametrize("name", ["cabinet_decimal_from_to.txt", "minutes_items.txt",
                                  "lettered_paragraphs.txt"])
def test_other_styles_survive_a_pdf_round_trip(tmp_path, name):
    text_doc = parse_file(FIXTURES / name)
    pdf_path = tmp_path / (Path(name).stem + ".pdf")
    write_pdf(text_doc, pdf_path)
    pdf_doc = parse_file(pdf_path)
    norm = lambda s: re.sub(r"\s+", " ", s or "").strip()   # noqa: E731
    shape = lambda d: [(norm(d.sections[p.section].heading), p.number, norm(p.text))  # noqa: E731
                       for p in d.paragraphs if p.number]
    assert shape(pdf_doc) == shape(text_doc)


@pytest.mark.parametrize("text, numbers", [
    # a wrapped line that starts with a number is not a paragraph
    ("Background\n\n1 The service supported\n25 young people this year.\n\n2 Next paragraph.\n", ["1", "2"]),
    # a year at a line start is not a paragraph number
    ("Background\n\n1 Work started in\n2019 and continues.\n\n2 More.\n", ["1", "2"]),
    # a date is not paragraph 26
    ("Cabinet\n\n26 January 2024\n\nPurpose\n\n1 To report.\n", ["1"]),
    # gaps and repeats are kept as printed
    ("Background\n\n1 One.\n\n3 Three.\n\n3 Three again.\n\n4 Four.\n", ["1", "3", "3", "4"]),
    # "1." style with sub-paragraphs "1.1"
    ("1. Introduction\n\n1.1 First.\n\n1.2 Second.\n\n2. Background\n\n2.1 Third.\n", ["1.1", "1.2", "2.1"]),
])
def test_numbering_edge_cases(text, numbers):
    assert [p.number for p in parse_text(text).paragraphs if p.number] == numbers


def test_hyphen_repair_uses_the_papers_own_words():
    text = ("Background\n\n1 The partnership agreed a multi-\nagency plan and a new partner-\n"
            "ship with schools. The partnership meets monthly.\n")
    para = parse_text(text).find("1")
    assert "multi-agency plan" in para.text and "new partnership with" in para.text


def test_ligatures_and_invisible_characters_are_normalised():
    doc = parse_text("Background\n\n1 The \ufb01nance sub\u00adgroup meets\u00a0monthly.\u200b\n")
    assert doc.find("1").text == "The finance subgroup meets monthly."


def test_numbers_on_a_line_of_their_own():
    text = ("2. Background\n\n2.1\nThe Board met in March.\n\n2.2\n\nThe Panel agreed the plan:\n\n(a)\n"
            "Note the report.\n\n3\nUnder 3 there is text.\n")
    doc = parse_text(text)
    assert [(p.number, p.text) for p in doc.paragraphs if p.number] == [
        ("2.1", "The Board met in March."), ("2.2", "The Panel agreed the plan:"), ("3", "Under 3 there is text.")]
    assert [(i.label, i.text) for i in doc.find("2.2").items] == [("a", "Note the report.")]
