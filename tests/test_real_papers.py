"""The real papers of ../shared/real/ against expectations written by reading them
(tests/data/real_expected/, scored by scripts/eval_real.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from papermine.parse.backends.ocr import tesseract_available

ROOT = Path(__file__).resolve().parents[1]
from conftest import load_script, REAL_DIR as REAL  # noqa: E402  (../shared found from a worktree too)

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"real papers not found at {REAL} (../shared is absent)")

#: Floors held on the 19 real papers (development figures: the rules were tuned on them).
#: Issue 8 asks for numbering exact on 17, sections and metadata at 0.9.
MIN_NUMBERING_EXACT = 18
MIN_SECTION_PRECISION = 0.91
MIN_SECTION_RECALL = 0.93
#: Metadata reached 73 of 76 fields (0.96); eight of them are read from a logo or
#: banner by OCR, so without Tesseract the floor is what the text alone gives (0.86).
MIN_META_SHARE = 0.92 if tesseract_available() else 0.82


def _eval_module():
    return load_script("eval_real")


@pytest.fixture(scope="module")
def scores():
    module = _eval_module()
    return module, module.evaluate(real_dir=REAL)


def test_every_real_paper_has_expectations(scores):
    _, results = scores
    assert len(results) == len(list(REAL.glob("*.pdf"))) == 19


def test_floors_on_real_papers(scores):
    module, results = scores
    totals = module.totals(results)
    failures = [f"{s.file}: {s.first_difference}" for s in results if not s.numbering_exact]
    assert totals.numbering_exact >= MIN_NUMBERING_EXACT, "\n".join(failures)
    assert totals.section_precision >= MIN_SECTION_PRECISION
    assert totals.section_recall >= MIN_SECTION_RECALL
    assert totals.meta_share >= MIN_META_SHARE


@pytest.fixture(scope="module")
def parse_real():
    from papermine.parse import parse_file
    return lambda name: parse_file(REAL / name)


def test_cabinet_minutes_are_minutes_with_their_points(parse_real):
    doc = parse_real("kent-cc_cabinet_minutes_2025-01-30.pdf")
    minutes = [(s.number, s.heading) for s in doc.sections if s.number]
    assert minutes[:4] == [("84", "Apologies"), ("85", "Declarations of Interest"),
                           ("86", "Minutes of the Meeting held on 9th January 2025"),
                           ("87", "Cabinet Member Updates")]
    assert [n for n, _ in minutes] == [str(n) for n in range(84, 93)]
    assert not any(s.heading and s.heading.startswith("(Item") for s in doc.sections)
    updates_section = next(s.index for s in doc.sections if s.number == "87")
    updates = [p.number for p in doc.paragraphs if p.section == updates_section and p.number]
    assert updates == ["1", "1", "2", "3", "4", "5", "6", "7"]      # "1." printed twice, kept


def test_lettered_paragraphs_read_as_a_sequence(parse_real):
    doc = parse_real("kent-cc_county-council-report_2025-03-13_governance-update.pdf")
    first = [p.number for p in doc.paragraphs if p.section == 1]
    assert first == list("abcdefghijklmn")                           # i) and j) are letters here


def test_date_based_minute_references_are_minute_numbers(parse_real):
    doc = parse_real("milburn-pc_parish-council_2016-03-01_minutes.pdf")
    assert not any(p.number for p in doc.paragraphs)
    numbers = [s.number for s in doc.sections if s.number]
    assert numbers[:4] == ["16.03.2", "16.03.3", "16.03.4", "16.03.05"]
    assert "16.3.10" in numbers


def test_numbered_field_labels_are_headings(parse_real):
    doc = parse_real("kent-cc_county-council-report_2025-01-09_devolution-white-paper.pdf")
    headings = {s.number: s.heading for s in doc.sections if s.number}
    assert headings["6"] == "Relevant Director"
    assert "6" not in [p.number for p in doc.paragraphs]


def test_agenda_items_are_sections_not_paragraphs(parse_real):
    doc = parse_real("kent-cc_cabinet_agenda-frontsheet_2025-01-30.pdf")
    assert not any(p.number for p in doc.paragraphs)
    items = [s.number for s in doc.sections if s.number]
    assert items == [str(n) for n in range(1, 10)]
    assert all("(Pages" not in s.heading for s in doc.sections if s.heading)


def test_a_paper_without_numbering_invents_none(parse_real):
    doc = parse_real("ca_township-of-nipissing-on_council_minutes_2026-03-17.pdf")
    assert not any(p.number for p in doc.paragraphs)


def test_headings_in_large_type_small_caps_and_signatures(parse_real):
    """A heading set large over two lines is one heading; a small-caps heading reads
    whole; a signature, letter-spaced chart text and chart labels head nothing."""
    news = [s.heading for s in parse_real("westsussex-cc_health-wellbeing-board_2019-12_newsletter.pdf").sections
            if s.heading]
    assert "Collaborative Working Agreement launched to improve the health, wellbeing and safety of " \
           "West Sussex residents" in news
    assert "Amanda Jupp" not in news
    suicide = [s.heading for s in parse_real(
        "westsussex-cc_suicide-prevention-steering-group_2017_suicide-prevention-strategy-2017-2020.pdf").sections
        if s.heading]
    assert "FOREWORD" in suicide and "F OREWORD" not in suicide
    assert not [h for h in suicide if h.startswith("S u i c i d e")]
    strategy = [s.heading for s in parse_real(
        "westsussex-cc_health-wellbeing-board_2019_joint-health-wellbeing-strategy-2019-2024.pdf").sections
        if s.heading]
    assert "STARTING WELL" in strategy
    assert not {"Deaths", "84.1 years", "Top Places to", "Homelessness"} & set(strategy)
