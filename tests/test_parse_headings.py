"""Which lines head sections, decided from the paper's own evidence, on PDFs made
with reportlab (each carrying one genre feature of designed strategies, reports
and minutes) and on the real papers of ../shared/real (skipped when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from conftest import REAL_DIR
from papermine.parse import parse_file, parse_text

BODY, BOLD, SIZE, LEADING = "Helvetica", "Helvetica-Bold", 11, 14
WIDTH, HEIGHT = A4
LEFT = 56
PROSE = ["The Board brings partners together to improve the health of residents. It",
         "agrees shared priorities each year and reports on its progress to the public."]


def _text(c: canvas.Canvas, x: float, top: float, text: str, font: str = BODY, size: float = SIZE) -> None:
    c.setFont(font, size)
    c.drawString(x, HEIGHT - top - size, text)


def _prose(c: canvas.Canvas, top: float, lines: list[str] = PROSE, x: float = LEFT) -> float:
    for line in lines:
        _text(c, x, top, line)
        top += LEADING
    return top + 12


def _headings(path: Path) -> list[str]:
    return [s.heading for s in parse_file(path).sections if s.heading]


def test_chapter_title_repeated_at_the_top_of_its_pages_heads_once(tmp_path):
    """"STARTING WELL" printed at the top of each page of its chapter (not in the
    running-header zone, and on too few pages to be a running header) opens the
    chapter once."""
    path = tmp_path / "chapter.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for title, pages in (("INTRODUCTION", 1), ("STARTING WELL", 4), ("AGEING WELL", 1)):
        for n in range(pages):
            _text(c, LEFT, 110, title, BOLD, 16)
            top = _prose(c, 150)
            _text(c, LEFT, top, f"Topic {title.title()} {n + 1}", BOLD)
            _prose(c, top + 20)
            c.showPage()
    c.save()
    headings = _headings(path)
    assert headings.count("STARTING WELL") == 1
    assert headings.count("INTRODUCTION") == headings.count("AGEING WELL") == 1
    assert [h for h in headings if h.startswith("Topic Starting")] == [f"Topic Starting Well {n}" for n in range(1, 5)]


def test_labels_of_a_diagram_do_not_head_sections(tmp_path):
    """A bold heading over prose heads a section; bold labels over fragments
    (boxes of a diagram), a bold line that runs on into a lower-case line, and a
    bold label whose lines are centred rather than on one left edge do not."""
    path = tmp_path / "diagram.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _text(c, LEFT, 40, "Joint Health and Wellbeing Strategy", BOLD, 16)
    top = _prose(c, 70, PROSE * 2)                  # an opening paragraph ends the front block
    _text(c, LEFT, top, "How the Board works", BOLD)
    top = _prose(c, top + 20)
    for label, fragment in (("Place level", "workplace health schemes"), ("Community level", "support between people"),
                            ("Individual level", "one-to-one support to stop smoking")):
        _text(c, LEFT + 20, top, label, BOLD)
        _text(c, LEFT + 20, top + LEADING, fragment)
        top += 2 * LEADING + 12
    _text(c, LEFT, top, "Following the identification of the overarching themes:- Starting")
    _text(c, LEFT, top + LEADING, "Well; Living and Working Well; Ageing Well, Board members", BOLD)
    _text(c, LEFT, top + 2 * LEADING, "were identified as theme champions for the life of the Strategy.")
    top += 3 * LEADING + 12
    for k, line in enumerate(["Children, young people and", "families have good", "emotional wellbeing"]):
        _text(c, LEFT + (0, 30, 14)[k], top, line, BOLD)
        top += LEADING
    top = _prose(c, top + 12)
    _text(c, LEFT, top, "Monitoring progress", BOLD)
    _prose(c, top + 20)
    c.showPage()
    c.save()
    assert _headings(path) == ["How the Board works", "Monitoring progress"]


def test_list_restarting_under_a_numbered_heading_is_items(tmp_path):
    """Numbered headings at the margin, each over its own list "1. 2. 3." set in
    from the margin: the list numbers items, not paragraphs or headings."""
    path = tmp_path / "priorities.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    top = 60
    _text(c, LEFT, top, "1. Context", BOLD, 14)
    top = _prose(c, top + 24)
    _text(c, LEFT, top, "The partnership has four domains of need, with priority areas for each:")
    top += LEADING + 12
    for n, domain in enumerate(["Protecting children and young people from harm.",
                                "Enhancing criminal justice pathways and community safety."], 1):
        _text(c, LEFT, top, f"{n}. {domain}", BOLD)
        top += LEADING + 8
        for k, area in enumerate(["Develop multi-agency approaches to tackling exploitation",
                                  "Support whole family approaches for those most in need",
                                  "Improve education on the management of drug use"], 1):
            _text(c, LEFT + 8, top, f"{k}. {area}")
            top += LEADING + 4
        top += 10
    c.showPage()
    c.save()
    doc = parse_file(path)
    assert [p.number for p in doc.paragraphs if p.number] == []
    assert [(s.number, s.heading) for s in doc.sections if s.number] == [
        ("1", "Context"), ("1", "Protecting children and young people from harm."),
        ("2", "Enhancing criminal justice pathways and community safety.")]
    lists = [[it.label for it in p.items] for p in doc.paragraphs if p.items]
    assert lists[-2:] == [["1", "2", "3"], ["1", "2", "3"]]


def test_label_standing_alone_with_a_colon_heads_its_entries(tmp_path):
    """Minutes: "Committee Reports:" alone on its line at the margin heads the
    entries below it; a lead-in sentence ending in a colon and "Mayor:" set
    away from the margin over a signature line head nothing."""
    path = tmp_path / "minutes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _text(c, LEFT, 40, "Council Minutes", BOLD, 16)
    top = _prose(c, 70, PROSE * 2)
    _text(c, LEFT, top, "Committee Reports:", BOLD)
    top += LEADING
    for entry in ("Councillor Kirkey: Public Library Board.", "Mayor Yemm: Housing Corporation."):
        _text(c, LEFT, top, entry)
        top += LEADING
    top += 12
    _text(c, LEFT, top, "The Board resolved the following matters at the meeting:")
    top += LEADING + 12
    _text(c, LEFT, top, "Items from Correspondence:")
    top = _prose(c, top + LEADING + 12)
    _text(c, LEFT + 250, top, "Mayor:")
    _text(c, LEFT, top + LEADING + 12, "Minutes to be approved by Council at the next regular meeting.")
    c.showPage()
    c.save()
    assert _headings(path) == ["Committee Reports", "Items from Correspondence"]


# ---- the real papers ------------------------------------------------------------

def _real(name: str):
    path = REAL_DIR / name
    if not path.is_file():
        pytest.skip(f"real paper {name} not found in {REAL_DIR} (../shared is absent)")
    return parse_file(path)


def test_designed_strategy_heads_chapters_once_and_skips_graphic_labels():
    doc = _real("westsussex-cc_health-wellbeing-board_2019_joint-health-wellbeing-strategy-2019-2024.pdf")
    assert [p.number for p in doc.paragraphs if p.number] == []     # chart figures "80", "77.5" are none
    headings = [s.heading for s in doc.sections if s.heading]
    for chapter in ("STARTING WELL", "LIVING AND WORKING WELL", "AGEING WELL"):
        assert headings.count(chapter) == 1, chapter
    assert not [h for h in headings if h.startswith(("Lesbian, Gay", "Well; Living", "The funding and efficiency gap",
                                                     "Improved mother", "Children, young people and"))]
    for kept in ("Our vision", "Championing priorities", "Reducing inequalities", "OUR GUIDING PRINCIPLES",
                 "Prioritising Prevention"):
        assert kept in headings, kept


def test_partnership_priority_lists_are_items_under_numbered_domains():
    doc = _real("westsussex-cc_drug-alcohol-partnership_2024-10_annual-progress-report.pdf")
    assert [p.number for p in doc.paragraphs if p.number] == []
    numbered = [(s.number, s.heading) for s in doc.sections if s.number]
    assert ("4", "How the Partnership is addressing drug and alcohol related harms in West Sussex.") in numbered
    assert [n for n, h in numbered if h.startswith(("Protecting", "Enhancing", "Improving", "Developing"))] \
        == ["1", "2", "3", "4"]
    assert not [h for _, h in numbered if h.startswith(("Development of multi-agency", "Identify, understand"))]


def test_strategy_priority_list_runs_one_to_nine_as_items():
    doc = _real("westsussex-cc_suicide-prevention-steering-group_2017_suicide-prevention-strategy-2017-2020.pdf")
    para = next(p for p in doc.paragraphs if p.text.startswith("The following priority areas for action"))
    assert [it.label for it in para.items] == [str(n) for n in range(1, 10)]
    assert ("1", "Awareness of where to signpost") in [(s.number, s.heading) for s in doc.sections]
    # a label over a list of people ("Ann Corkery- Consultant in Public Health") names a group, heads nothing
    assert "The Strategy Advisory Group" not in [s.heading for s in doc.sections]


def test_contact_block_fields_are_not_sections():
    doc = _real("kent-cc_county-council-report_2025-03-13_minerals-waste-local-plan.pdf")
    headings = [s.heading for s in doc.sections if s.heading]
    assert "Contact details" in headings and "Background Documents" in headings
    assert not [h for h in headings if h.startswith(("Lead Officer", "Appendix A"))]


def test_minutes_labels_head_their_items():
    doc = _real("ca_township-of-nipissing-on_council_minutes_2026-03-17.pdf")
    headings = [s.heading for s in doc.sections if s.heading]
    assert "Committee Reports" in headings and "Items from Correspondence" in headings
    assert not [h for h in headings if h.startswith(("Mayor", "Municipal Administrator"))]


def test_front_block_ends_at_the_heading_over_the_body():
    """The cover's last line heads the body text that ends the front block; a
    heading atop a page after the cover opens the body; the cover's title printed
    again atop a later page is no section."""
    report = _real("burton-cum-walden-pc_parish-council_2023-24_annual-report.pdf")
    assert "Chairman’s Introduction" in [s.heading for s in report.sections]
    qa = _real("westsussex-cc_public-health-research-unit_2013-04_qa-childrens-residential-care.pdf")
    headings = [s.heading for s in qa.sections if s.heading]
    assert headings[0] == "Acknowledgements"
    assert not [h for h in headings if h.startswith("Quality Assurance in")]


def test_capital_roman_numerals_over_short_titles_head_sections():
    doc = _real("westsussex-cc_health-wellbeing-board_2022-11_jhws-cost-of-living-addendum.pdf")
    numbered = [(s.number, s.heading) for s in doc.sections if s.number]
    assert ("II", "Utilise community insight") in numbered
    assert [n for n, _ in numbered if n in ("I", "II", "III", "IV")] == ["I", "II", "III", "IV"]


def test_newsletter_headings_set_large_over_prose():
    """A line set larger than the body that reaches the margin is a heading, not
    a paragraph's first line; the front's last line heads the letter below it
    unless it states the meeting's date."""
    doc = _real("westsussex-cc_health-wellbeing-board_2019-12_newsletter.pdf")
    headings = [s.heading for s in doc.sections if s.heading]
    assert "Putting prevention at the heart of everything we do" in headings
    assert "What is the Health and Wellbeing Board and what does it do?" in headings
    synopsis = _real("burton-cum-walden-pc_upper-dales-health-watch_2025-02-18_synopsis-of-minutes.pdf")
    assert [s.heading for s in synopsis.sections if s.heading] == []


def test_statement_between_numbers_of_one_run_is_no_heading():
    # "2.3 ...: - A - B", then a sentence on its own, then "2.4": the sentence closes 2.3's
    # matter (read as prose); an objective set alone between numbers still heads what follows
    text = ("Strategic Plan\n\n2. How the Board works\n\n2.3 The Board's work is done by its sub-groups:\n\n"
            "     - Practice Review Sub-Group\n     - Training Sub-Group\n\n"
            "     The chair of each sub-group submits a highlight report to the Board every quarter.\n\n"
            "2.4 The Board meets four times a year.\n\n"
            "Develop services which keep children safe at home.\n\n"
            "2.5 A new service began in April.\n")
    doc = parse_text(text, name="plan.txt")
    headings = [s.heading for s in doc.sections]
    assert not any(h and h.startswith("The chair of each") for h in headings)
    assert "Develop services which keep children safe at home" in headings
    statement = next(p for p in doc.paragraphs if p.text.startswith("The chair of each sub-group"))
    opening = next(p for p in doc.paragraphs if p.number == "2.3")
    assert statement.section == opening.section
    assert [p.number for p in doc.paragraphs if p.number][-3:] == ["2.3", "2.4", "2.5"]
