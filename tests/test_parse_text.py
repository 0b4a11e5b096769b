"""The five sample papers parse to their printed paragraph numbers, sections,
items, joins and metadata (expectations in tests/data/expected_parse.json)."""
from __future__ import annotations

import re

import pytest

from conftest import EXPECTED_PARSE, SAMPLES


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("name", SAMPLES)
def test_paragraph_numbers_in_printed_order(parsed_samples, name):
    doc = parsed_samples[name]
    assert [p.number for p in doc.paragraphs if p.number] == EXPECTED_PARSE[name]["numbers"]


@pytest.mark.parametrize("name", SAMPLES)
def test_each_paragraph_sits_in_its_section(parsed_samples, name):
    doc = parsed_samples[name]
    for heading, kind, numbers in EXPECTED_PARSE[name]["sections"]:
        for number in numbers:
            section = doc.section_of(doc.find(number))
            assert (section.heading, section.kind) == (heading, kind), f"paragraph {number}"


@pytest.mark.parametrize("name", SAMPLES)
def test_items_stay_with_their_paragraph(parsed_samples, name):
    doc = parsed_samples[name]
    for number, items in EXPECTED_PARSE[name]["items"].items():
        assert [[i.label, i.kind] for i in doc.find(number).items] == items
    for number, headings in EXPECTED_PARSE[name].get("item_headings", {}).items():
        para = doc.find(number)
        assert [i.text for i in para.items if i.kind == "heading"] == headings
        assert len(para.items) == EXPECTED_PARSE[name]["item_counts"][number]


@pytest.mark.parametrize("name", SAMPLES)
def test_paragraphs_broken_across_lines_and_pages_are_joined(parsed_samples, name):
    doc = parsed_samples[name]
    for number, fragment in EXPECTED_PARSE[name]["contains"].items():
        assert norm(fragment) in norm(doc.find(number).text)


@pytest.mark.parametrize("name", SAMPLES)
def test_metadata_and_where_it_came_from(parsed_samples, name):
    doc = parsed_samples[name]
    for field, value in EXPECTED_PARSE[name]["meta"].items():
        assert getattr(doc.meta, field) == value, field
    for field, origin in EXPECTED_PARSE[name]["meta_provenance"].items():
        assert doc.meta.provenance[field] == origin, field


@pytest.mark.parametrize("name", SAMPLES)
def test_unnumbered_blocks_are_kept(parsed_samples, name):
    doc = parsed_samples[name]
    kinds = {doc.sections[p.section].kind for p in doc.paragraphs if p.number is None}
    assert set(EXPECTED_PARSE[name]["unnumbered_sections"]) <= kinds


def test_layout_text_pages_follow_blank_runs(parsed_samples):
    name = "durham/2022-08_corporate-parenting-panel_clasp-annual-report.txt"
    doc = parsed_samples[name]
    for number, page in EXPECTED_PARSE[name]["pages"].items():
        assert doc.find(number).page == page, number
    assert doc.pages == 6


def test_headings_are_not_paragraph_text(parsed_samples):
    doc = parsed_samples["durham/2018-11-30_corporate-parenting-panel_lac-strategic-partnership.txt"]
    assert all("Ensure there are enough" not in p.text for p in doc.paragraphs)
    sub = [s for s in doc.sections if s.level == 2]
    assert len(sub) == 9 and all(doc.sections[s.parent].heading == "Update on progress" for s in sub)


def test_spans_point_into_document_text(parsed_samples):
    for doc in parsed_samples.values():
        for para in doc.paragraphs:
            start, end = para.span
            assert doc.text[start:end] == para.full_text


def test_json_round_trip(parsed_samples):
    from papermine.model import Document
    for doc in parsed_samples.values():
        again = Document.from_dict(doc.to_dict())
        assert again.to_dict() == doc.to_dict()


def test_document_ids_are_stable_and_readable(parsed_samples):
    doc = parsed_samples["durham/2024-01-26_corporate-parenting-panel_clasp-update.txt"]
    assert doc.id.startswith("durham_2024-01-26_children-looked-after-strategic")
    assert doc.id.endswith(doc.meta.sha256[:8])


def test_a_resolution_closing_a_minute_is_not_a_heading_over_the_next():
    """In minutes, a sentence between minute 46's text and minute 47 ends minute 46
    ("It was RESOLVED that ..."); it does not head minute 47."""
    from papermine.parse import parse_text
    doc = parse_text("Northby District Council\n\nOverview and Scrutiny Committee\n\n"
                     "Minutes of the meeting held on 22 January 2009\n\n"
                     "45. Minutes\n\nThe minutes of the last meeting were agreed.\n\n"
                     "46. Community Safety Partnership\n\nThe Inspector presented the partnership's annual report.\n\n"
                     "It was RESOLVED that the partnership report to this Committee twice a year.\n\n"
                     "47. Teenage pregnancy\n\nMs Cole reported on the work of the board.\n")
    headings = [s.heading for s in doc.sections]
    assert not any(h and h.startswith("It was RESOLVED") for h in headings), headings
    resolution = next(p for p in doc.paragraphs if p.text.startswith("It was RESOLVED"))
    assert doc.sections[resolution.section].number == "46"


def test_unbulleted_entries_one_a_line_under_a_lead_in_are_items():
    """A paper set one paragraph a line lists members unbulleted under "will comprise:";
    each line is an entry, and the number after the list opens the next paragraph."""
    from papermine.parse import parse_text
    doc = parse_text("ASHWORTH INCLUSION BOARD\n\n1. MEMBERSHIP\n1.1 The Board will comprise:\n"
                     "Director of Children's Services, Ashworth Borough Council (Chair)\n"
                     "Two head teacher representatives (one special, one mainstream)\n"
                     "Ashworth Parent Carer Forum\n"
                     "1.2 Other officers may attend by invitation where the Board needs their advice on a "
                     "particular item, and advisers may be invited by the Chair for an item.\n")
    para = doc.find("1.1")
    assert [norm(i.text) for i in para.items] == [
        "Director of Children's Services, Ashworth Borough Council (Chair)",
        "Two head teacher representatives (one special, one mainstream)", "Ashworth Parent Carer Forum"]
    assert doc.find("1.2").text.startswith("Other officers")


def test_a_run_of_short_lines_after_a_gap_under_a_lead_in_is_items():
    """After "...senior officers from:" and a blank line, lines that end short of the margin,
    from gap to gap, are the entries one a line (a long first entry, one in lower case
    too); near miss: a wrapped paragraph after a lead-in stays one paragraph."""
    from papermine.parse import parse_text
    doc = parse_text("Tollby Safeguarding Children Board\n\nAnnual Report 2013-14\n\n"
                     "2.1 During 2013-14 the Board's members were senior officers from:\n\n"
                     "Tollby Borough Council (Children's Services, Adult Social Care and Public Health)\n"
                     "Eastmere Police\nNHS Tollby Clinical Commissioning Group\nCafcass\n"
                     "head teacher representatives (primary, secondary and special)\ntwo lay members\n\n"
                     "2.2 The Board agreed the following:\n\n"
                     "Partners will share their audits with the Board each year, and the Board will test\n"
                     "the findings of each audit against the views of children and families before it\n"
                     "reports to the Health and Wellbeing Board on what it has found\n")
    assert [norm(i.text) for i in doc.find("2.1").items] == [
        "Tollby Borough Council (Children's Services, Adult Social Care and Public Health)", "Eastmere Police",
        "NHS Tollby Clinical Commissioning Group", "Cafcass", "head teacher representatives (primary, secondary and special)",
        "two lay members"]
    assert not doc.find("2.2").items
    assert any(p.text.startswith("Partners will share") and p.text.endswith("what it has found") for p in doc.paragraphs)


def test_lines_set_in_under_an_unnumbered_lead_in_are_its_items():
    """In minutes, "The responsible authorities which make up the Partnership are:" opens a
    block of its own (no number above it); the lines set in under it are its entries, not its
    wrapped tail, and the paragraph after the gap is a paragraph of its own."""
    from papermine.parse import parse_text
    doc = parse_text("TOLLBY DISTRICT COUNCIL\n\n25.  SAFER TOLLBY PARTNERSHIP - ANNUAL REVIEW\n"
                     "     The Community Safety Manager presented the annual review of the Safer Tollby\n"
                     "     Partnership, the district's Community Safety Partnership.\n\n"
                     "     The responsible authorities which make up the Partnership are:\n"
                     "          Tollby District Council\n          Wealdshire County Council\n"
                     "          Wealdshire Police\n\n"
                     "     The Partnership feeds into the Wealdshire Community Safety Board.\n")
    lead = next(p for p in doc.paragraphs if p.text.startswith("The responsible authorities"))
    assert lead.text == "The responsible authorities which make up the Partnership are:"
    assert [norm(i.text) for i in lead.items] == ["Tollby District Council", "Wealdshire County Council", "Wealdshire Police"]
    assert any(p.text == "The Partnership feeds into the Wealdshire Community Safety Board." for p in doc.paragraphs)


def test_lines_under_a_minutes_attendance_label_are_one_person_a_line():
    """Under "Present:" each line is one person, however its post runs ("Dr A Patel
    (Vice-Chair) - Clinical Chair, NHS Tollby CCG" does not run on into "Sarah Jones - ...");
    "In attendance:" after a gap opens a list of its own, not the tail of the line above."""
    from papermine.parse import parse_text
    doc = parse_text("TOLLBY HEALTH AND WELLBEING BOARD\n\nMinutes of the meeting held on 14 March 2020\n\n"
                     "Present:\nCouncillor Jane Smith (Chair) - Cabinet Member for Adult Social Care\n"
                     "Dr Asha Patel (Vice-Chair) - Clinical Chair, NHS Tollby CCG\n"
                     "Sarah Jones - Director of Public Health, Tollby Council\n"
                     "Chief Superintendent Paul Hill - Westmarch Police\n\n"
                     "In attendance:\nLucy Black - Democratic Services Officer\n\n"
                     "1. Minutes\nThe minutes of the last meeting were agreed.\n")
    texts = [p.text for p in doc.paragraphs]
    for line in ("Dr Asha Patel (Vice-Chair) - Clinical Chair, NHS Tollby CCG",
                 "Sarah Jones - Director of Public Health, Tollby Council", "Chief Superintendent Paul Hill - Westmarch Police"):
        assert line in texts, texts
    assert not any("Westmarch Police" in t and "attendance" in t for t in texts), texts
    assert "The minutes of the last meeting were agreed." in texts


def test_wrapped_text_stays_one_paragraph_and_an_indented_list_under_a_lead_in_is_items():
    """Near miss: in layout text a capitalised line that continues the sentence above (the
    line above ran to the margin) is no entry; entries set in under "Its members are:" are."""
    from papermine.parse import parse_text
    doc = parse_text("Background\n\n"
                     "3.  The Partnership was formed in April 2011 to bring the risk management\n"
                     "    Authorities of the county together under one chair. Its members are:\n\n"
                     "       Tarnfield County Council\n       Environment Agency\n\n"
                     "4.  The Partnership meets quarterly and reports annually to the Cabinet of the\n"
                     "    County Council on its work.\n")
    three = doc.find("3")
    assert "risk management Authorities of the county" in norm(three.text)
    assert [norm(i.text) for i in three.items] == ["Tarnfield County Council", "Environment Agency"]


def test_a_lead_in_sentence_heads_no_section_and_its_numbered_list_is_its_items():
    """"6.3 Our priorities for 2011-2014 are:" holds known heading words but is a sentence
    leading into its list: a paragraph whose items are numbered 1, 2, not paragraphs 1 and 2."""
    from papermine.parse import parse_text
    doc = parse_text("SECTION 6: GOVERNANCE\n\n6.1 The Trust Board is responsible for this Plan.\n\n"
                     "6.2 Partners contribute through their own plans.\n\n"
                     "6.3 Our priorities for 2011-2014 are:\n"
                     "  1. Narrowing the gap in attainment for children eligible for free\n"
                     "     school meals.\n"
                     "  2. Improving outcomes for looked after children and care leavers.\n")
    para = doc.find("6.3")
    assert [(i.label, i.kind) for i in para.items] == [("1", "numbered"), ("2", "numbered")]
    assert [p.number for p in doc.paragraphs if p.number] == ["6.1", "6.2", "6.3"]


def test_a_numbered_heading_straight_over_its_first_child_number():
    """"2. Board membership" with "2.1 ..." on the next line (no gap) is section 2's heading."""
    from papermine.parse import parse_text
    doc = parse_text("1. Purpose\n1.1 This paper sets out revised governance arrangements.\n\n"
                     "2. Board membership\n2.1 The Board will have fifteen members.\n")
    assert [(s.number, s.heading) for s in doc.sections if s.number] == [("1", "Purpose"), ("2", "Board membership")]
    assert [p.number for p in doc.paragraphs if p.number] == ["1.1", "2.1"]


def test_a_table_set_out_as_text_keeps_each_row_whole_where_its_cells_wrap():
    """pdftotext sets a table's cells side by side and wraps a long cell onto the next line
    in its own column: each row is read whole, its wrapped parts in their cells; a row whose
    first two cells ran together ("NI 117 16-18 year olds ...") stays a row of its own, and the
    text after the table is no part of it."""
    from papermine.parse import parse_text
    doc = parse_text(
        "WESTBY SAFEGUARDING ADULTS BOARD\n\n2. Sub-groups\n\n"
        "2.1 The Board's work is done through three sub-groups:\n\n"
        " Sub-group                          Chaired by                          Reports to\n"
        " Quality and Performance            Head of Safeguarding, Westby        Board, quarterly\n"
        " Assurance Sub-group                Borough Council\n"
        " Learning and Development           Training Manager, Eastshire         Executive Group\n"
        " Sub-group                          Partnership NHS Trust\n"
        " Safeguarding Adults Review         Designated Nurse                    Board, quarterly\n\n"
        "3. Targets\n\n"
        "    NI     Indicator                                  2009/10 target   Proposed\n"
        "    NI 8   Adult participation in sport               22.5%            22.5%\n"
        "    NI 117 16-18 year olds who are NEET               6.1%             6.4%\n"
        "4. Changes\n"
        "4.1 The changes to the targets reflect the effect of the recession on young people in the area.\n")
    rows = [re.split(r"\s{2,}", p.text) for p in doc.paragraphs if p.number is None and "  " in p.text]
    assert rows[:4] == [
        ["Sub-group", "Chaired by", "Reports to"],
        ["Quality and Performance Assurance Sub-group", "Head of Safeguarding, Westby Borough Council",
         "Board, quarterly"],
        ["Learning and Development Sub-group", "Training Manager, Eastshire Partnership NHS Trust", "Executive Group"],
        ["Safeguarding Adults Review", "Designated Nurse", "Board, quarterly"]]
    assert ["NI 117 16-18 year olds who are NEET", "6.1%", "6.4%"] in rows
    # (a paragraph set straight under the table is no part of its last row)
    assert doc.find("4.1").text.startswith("The changes to the targets")


def test_a_table_set_out_as_text_keeps_rows_apart_from_their_group_headings_and_small_letter_cells():
    """A two-column table whose rows are set in under headings of their groups: each row is a
    paragraph of its own, a cell opening with a small letter ("vacancy") included, where it
    lines up with the rows' columns; each group heading is one too, no part of a row."""
    from papermine.parse import parse_text
    doc = parse_text(
        "WEALDMOOR FAITH FORUM\n\nAPPENDIX: MEMBERSHIP\n\n"
        "Faith communities\n"
        "  Wealdmoor Baptist Church                  Mr H Oduya\n"
        "  Wealdmoor Jewish Community                vacancy\n"
        "  Friends Meeting House, Wealdmoor          Ms E Grey\n"
        "Public bodies\n"
        "  Wealdmoor College                         student representative\n"
        "  Wealdmoor District Council                Cllr A Finch, Cllr B Hart,\n"
        "                                            Cllr C Lowe\n"
        "Advisers (not members)\n"
        "  Community Cohesion Officer                Mrs T Lowe\n")
    texts = [re.sub(r"\s{2,}", " | ", p.text) for p in doc.paragraphs if p.section == doc.sections[-1].index]
    assert texts == ["Faith communities", "Wealdmoor Baptist Church | Mr H Oduya", "Wealdmoor Jewish Community | vacancy",
                     "Friends Meeting House, Wealdmoor | Ms E Grey", "Public bodies",
                     "Wealdmoor College | student representative",
                     "Wealdmoor District Council | Cllr A Finch, Cllr B Hart, Cllr C Lowe",
                     "Advisers (not members)", "Community Cohesion Officer | Mrs T Lowe"]


def test_minutes_numbered_on_through_the_year_keep_their_numbers_and_titles():
    # a minute's number over 99 is no figure when its own "N.1" follows; a reference in
    # brackets is no word of the minute's title
    from papermine.parse import parse_text
    doc = parse_text(
        "HOLLOWAY DISTRICT COUNCIL\n\nCABINET\n\nMinutes of the meeting held on 12 September 2023\n\n"
        "112. HOLLOWAY HOMELESSNESS REDUCTION BOARD (KEY DECISION KD2023/014)\n\n"
        "112.1 Cabinet considered a report proposing a new board to lead the homelessness strategy.\n\n"
        "112.2 The proposed membership is:\n  \u2022 Holloway District Council\n  \u2022 Holloway Police\n\n"
        "113. 2024/25 BUDGET MONITORING\n\n"
        "113.1 Cabinet noted an underspend of 250 thousand pounds at the end of the first quarter.\n")
    assert [p.number for p in doc.paragraphs if p.number] == ["112.1", "112.2", "113.1"]
    assert [s.heading for s in doc.sections if s.number] == [
        "HOLLOWAY HOMELESSNESS REDUCTION BOARD (KEY DECISION KD2023/014)", "2024/25 BUDGET MONITORING"]
    assert [i.text for i in doc.find("112.2").items] == ["Holloway District Council", "Holloway Police"]


def test_a_bulleted_entry_that_ends_short_of_the_margin_does_not_run_on_into_the_sentence_below():
    from papermine.parse import parse_text
    doc = parse_text(
        "WESTLAKE CORPORATE PARENTING PANEL\n\nAnnual Report 2017\n\n"
        "3.1   The Panel meets every two months in public at Westlake Civic Centre, with its papers\n"
        "      published on the Council's website a week before each of its meetings.\n\n"
        "3.2   The Panel's membership is:\n"
        "      \u2022 Cabinet Member for Children (Chair)\n"
        "      \u2022 a representative of Westlake Homes, the council's housing company\n"
        "      \u2022 two young people from the Children in Care Council\n"
        "      Social workers and Independent Reviewing Officers attend by invitation.\n"
        "      \u2022 the Head of the Virtual School, who reports on the attainment of\n"
        "        children in care at each meeting\n")
    items = [i.text for i in doc.find("3.2").items]
    assert items[:3] == ["Cabinet Member for Children (Chair)",
                         "a representative of Westlake Homes, the council's housing company",
                         "two young people from the Children in Care Council"]
    assert any(p.text == "Social workers and Independent Reviewing Officers attend by invitation." for p in doc.paragraphs)
    # (a line set in under its item's first is the item's wrapped tail, however short the line above)
    assert [p for p in doc.paragraphs if p.text.startswith("children in care")] == []


def test_a_rule_of_dashes_is_no_text_and_a_long_rule_before_words_is_read_at_once():
    from papermine.parse import parse_text
    doc = parse_text(
        "OXLEY ROAD SAFETY PARTNERSHIP\n\nMEMBERSHIP\n\n"
        "    Partner                              Seats   Ex officio / nominated\n"
        "    -----------------------------------  -----   ----------------------\n"
        "    Oxley County Council                   2     Cabinet Member\n"
        "    Weald Constabulary                     1     ACC (Operations)\n\n"
        + "_" * 120 + " Chairman\n")
    texts = [p.text for p in doc.paragraphs]
    assert not any("---" in t for t in texts)
    assert any(t.startswith("Oxley County Council  2") for t in texts), texts
    # (a run of underscores before words once took a regex exponential time in the run's length)
    assert any(t.endswith("Chairman") for t in texts)


def test_a_two_column_table_keeps_a_wrapped_cell_whole_and_its_caption_apart_from_its_header():
    from papermine.parse import parse_text
    doc = parse_text(
        "2.6  Membership of the Board at 31 March 2019 is shown in Table 1, with the representative\n"
        "     each partner agency sends; vacancies are listed separately in the appendix.\n\n"
        "     Table 1: Board membership\n\n"
        "     Agency                                     Representative\n"
        "     Wenlow Police                              Detective Inspector, Public\n"
        "                                                Protection Unit\n"
        "     Wenlow County Council                      Cabinet Member for Children (Chair)\n"
        "                                                Head of Safeguarding\n"
        "     NHS Wenlow                                 Designated Nurse\n"
        "                                                (Safeguarding Children)\n\n"
        "3.1  The Board meets quarterly.\n")
    texts = [p.text for p in doc.paragraphs] + [i.text for p in doc.paragraphs for i in p.items or []]
    assert "Table 1: Board membership" in texts, texts           # the caption is no part of the header row
    assert "Agency  Representative" in texts
    # (a cell's tail where the row ran to the margin, or in brackets, is the cell's; a line that
    # would have fitted on the row above is the column's next entry)
    assert "Wenlow Police  Detective Inspector, Public Protection Unit" in texts
    assert "NHS Wenlow  Designated Nurse (Safeguarding Children)" in texts
    assert "Wenlow County Council  Cabinet Member for Children (Chair)" in texts
    assert "Head of Safeguarding" in texts


def test_a_two_column_table_keeps_a_first_cell_whole_where_it_wraps_under_itself():
    from papermine.parse import parse_text
    doc = parse_text(
        "3.1  The members of the Board are:\n\n"
        "     Organisation                               Representative\n"
        "     Milldale County Council                    Head of Adult Social Care (Chair)\n"
        "     Milldale and District Autism Support       Chief Executive\n"
        "     Network\n"
        "     Milldale Partnership NHS Foundation        Clinical Lead, Autism Diagnosis\n"
        "     Trust\n"
        "Group B - the parents' bodies\n"
        "     Milldale Parent Carer Forum                Two parent representatives\n")
    texts = [p.text for p in doc.paragraphs] + [i.text for p in doc.paragraphs for i in p.items or []]
    assert "Milldale and District Autism Support Network  Chief Executive" in texts, texts
    assert "Milldale Partnership NHS Foundation Trust  Clinical Lead, Autism Diagnosis" in texts
    # (a group's heading set out to the left of the column is no part of the row above)
    assert not any("Foundation Trust Group B" in t or "Diagnosis Group B" in t for t in texts), texts


def test_the_next_capital_letter_of_a_run_of_headings_heads_a_section_not_an_item_of_the_list_above():
    """"D.  MEMBERSHIP OF THE BOARD" after "C.  STRUCTURE" and its (i)-(iii) list: the next
    heading, whatever its words; "D." inside a paragraph's list stays an item."""
    from papermine.parse import parse_text
    doc = parse_text(
        "A.  BACKGROUND\n\n    The Greywell Transport Partnership was formed in 2009.\n\n"
        "B.  STRUCTURE\n\n"
        "    i.   Board. The Board sets the direction of the Partnership.\n\n"
        "    ii.  Officer Group. The Officer Group reports to the Board.\n\n"
        "C.  MEMBERSHIP OF THE BOARD\n\n"
        "    Greywell Borough Council       2\n    Greywell Bus Users' Group      1\n\n"
        "D.  FINANCIAL ARRANGEMENTS AND PARTNER CONTRIBUTIONS\n\n"
        "    The partners will fund the Partnership as follows:\n\n"
        "    a.  the Council will pay half;\n    b.  the operators will pay a quarter;\n"
        "    c.  the Board will seek the rest;\n    d.  NOTHING WILL BE PAID IN ADVANCE\n")
    headings = [s.heading for s in doc.sections if s.heading]
    assert headings == ["A. BACKGROUND", "B. STRUCTURE", "C. MEMBERSHIP OF THE BOARD",
                        "D. FINANCIAL ARRANGEMENTS AND PARTNER CONTRIBUTIONS"], headings
    items = [i.label for p in doc.paragraphs for i in p.items or []]
    assert items[-4:] == ["a", "b", "c", "d"], items
