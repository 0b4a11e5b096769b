"""Layout passes over page records: columns, tables, superscripts and
footnotes, contents pages. Each pass on a small PDF made with reportlab (see
`layoutmaker`) and on the real papers in ../shared/real (skipped when absent)."""
from __future__ import annotations

import json
import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import layoutmaker as make
from papermine.cli import cli
from papermine.model import Document, Table
from papermine.parse import parse_file
from papermine.parse.backends import BACKENDS, DEFAULT_BACKEND, PdfPages
from papermine.parse.layout import analyse_page, assemble
from papermine.parse.pdf import read_pdf_lines
from papermine.store import SCHEMA_VERSION, open_store

#: the shared folder beside the checkout ($PAPERMINE_SHARED overrides, for a worktree elsewhere)
REAL = Path(os.environ.get("PAPERMINE_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "real"
STRATEGY = "westsussex-cc_health-wellbeing-board_2019_joint-health-wellbeing-strategy-2019-2024.pdf"
FAMILY_HUBS = "kent-cc_key-decision-report_24-00093_commissioned-family-hubs.pdf"
MINERALS = "kent-cc_county-council-report_2025-03-13_minerals-waste-local-plan.pdf"
PALO_ALTO = "us_east-palo-alto-ca_planning-commission_minutes_2020-01-27.pdf"
QA_CARE = "westsussex-cc_public-health-research-unit_2013-04_qa-childrens-residential-care.pdf"
SUICIDE = "westsussex-cc_suicide-prevention-steering-group_2017_suicide-prevention-strategy-2017-2020.pdf"
#: papers set in one column from first page to last: the column pass must find nothing
SINGLE_COLUMN = ["kent-cc_county-council-report_2025-01-09_devolution-white-paper.pdf",
                 "kent-cc_county-council-report_2025-03-13_governance-update.pdf", MINERALS,
                 "kent-cc_cabinet_minutes_2025-01-30.pdf", "kent-cc_cabinet_agenda-frontsheet_2025-01-30.pdf",
                 "milburn-pc_parish-council_2016-03-01_minutes.pdf", PALO_ALTO,
                 "burton-cum-walden-pc_parish-council_2024-03-05_minutes.pdf",
                 "ca_township-of-nipissing-on_council_minutes_2026-03-17.pdf",
                 "westsussex-cc_health-wellbeing-board_2022-11_jhws-cost-of-living-addendum.pdf"]


def real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"real paper {name} not found in {REAL} (the shared folder beside the checkout)")
    return path


_RECORDS: dict[Path, list] = {}


@pytest.fixture(autouse=True)
def records_read_once(monkeypatch):
    """The backend's page records of each real paper are read once per session
    (reading is the slow part); layout, structure and metadata run every time."""
    backend = BACKENDS[DEFAULT_BACKEND]

    @contextmanager
    def cached(path, data):
        path = Path(path)
        if path.parent != REAL:
            with backend(path, data) as pdf:
                yield pdf
            return
        if path not in _RECORDS:
            with backend(path, data) as pdf:
                _RECORDS[path] = list(pdf.pages)
        yield PdfPages(len(_RECORDS[path]), iter(_RECORDS[path]))

    monkeypatch.setitem(BACKENDS, DEFAULT_BACKEND, cached)


def pages_of(path: Path):
    """The analysed pages (with every pass's decisions) and the body lines."""
    with BACKENDS[DEFAULT_BACKEND](path, path.read_bytes()) as pdf:
        pages = []
        for record in pdf.pages:
            pages.append(analyse_page(record, pages[-1] if pages else None))
    return pages, assemble(pages)


def texts(path: Path, page: int | None = None) -> list[str]:
    lines = read_pdf_lines(path, path.read_bytes()).lines
    return [ln.text for ln in lines if page is None or ln.page == page]


def body_text(doc: Document) -> str:
    return "\n".join([s.heading or "" for s in doc.sections] + [p.full_text for p in doc.paragraphs])


# ---- columns ---------------------------------------------------------------------

def test_two_columns_are_read_column_by_column(tmp_path):
    path = make.two_columns(tmp_path / "two.pdf")
    lines = texts(path)
    assert lines == ["Joint Health and Wellbeing Strategy 2024 to 2029: our shared priorities",
                     *make.LEFT_LINES, *make.RIGHT_LINES,
                     "This closing paragraph runs across the whole width of the page after both columns."]
    pages, _ = pages_of(path)
    assert len(pages[0].gutters) == 1 and 290 < pages[0].gutters[0] < 315


def test_a_new_column_starts_a_block(tmp_path):
    path = make.two_columns(tmp_path / "two.pdf")
    lines = read_pdf_lines(path, path.read_bytes()).lines
    first_right = next(ln for ln in lines if ln.text == make.RIGHT_LINES[0])
    assert first_right.blank_before and first_right.indent == 0.0


def test_single_column_page_keeps_its_order(tmp_path):
    """Labels beside values and numbers hanging beside their text are not columns."""
    path = make.single_column(tmp_path / "one.pdf")
    pages, lines = pages_of(path)
    assert pages[0].gutters == []
    assert [ln.text for ln in lines][:5] == [
        "From: Corporate Director of Children's Services",
        "To: Cabinet Member for Integrated Children's Services",
        "Subject: Commissioned Family Hub contracts", "Decision no: 24/00093",
        "1.1 Paragraph 1 opens here and runs on for a few lines of text"]


def test_real_two_column_strategy_does_not_interleave():
    lines = texts(real(STRATEGY), page=5)
    # left column: the purpose paragraph reads on line after line
    i = lines.index("This refreshed Strategy sets out the HWB’s overarching plan for")
    assert lines[i + 1:i + 3] == ["improving health and wellbeing for West Sussex residents. It consists of a",
                                  "few carefully selected priorities that the HWB feels can significantly"]
    # the sentence running from the foot of the left column to the top of the right
    j = lines.index("HWB operates in a complex and challenging environment. To meet these")
    assert lines[j + 1] == "challenges the HWB recognises the need to do things differently, and"
    page10 = texts(real(STRATEGY), page=10)
    k = page10.index("Whole system approach: Through our strategy, we will focus on a")
    assert page10[k + 1] == "whole system approach to prioritise prevention, deliver person"
    # the PDF draws the right column's paragraph between these two lines of the left
    page7 = texts(real(STRATEGY), page=7)
    m = page7.index("have collective and individual responsibility to ensure that these are:")
    assert page7[m + 1] == "reflected in the business of their own and partner organisations,"
    # and draws headings after the text they head
    page6 = texts(real(STRATEGY), page=6)
    assert page6[0] == "INTRODUCTION"
    n = page6.index("Audience for the strategy")
    assert page6[n + 1] == "The primary audience for this Joint Health and Wellbeing Strategy"


def test_real_two_column_strategy_parses_in_reading_order():
    doc = parse_file(real(STRATEGY))
    text = doc.text
    assert "To meet these challenges the HWB recognises the need to do things differently" in text
    assert "the health and wellbeing of our communities." in text


@pytest.mark.parametrize("name", SINGLE_COLUMN)
def test_real_single_column_papers_keep_their_reading_order(name):
    pages, _ = pages_of(real(name))
    assert [p.number for p in pages if p.gutters] == []


# ---- tables ------------------------------------------------------------------------

def test_ruled_table_becomes_a_table_not_paragraphs(tmp_path):
    doc = parse_file(make.ruled_table(tmp_path / "ruled.pdf"))
    assert [(t.page, t.rows) for t in doc.tables] == [(1, make.RULED_ROWS)]
    assert [p.number for p in doc.paragraphs] == ["1", "2"]
    assert "Millmead" not in body_text(doc) and "Contract value" not in body_text(doc)
    x0, top, x1, bottom = doc.tables[0].bbox
    assert x0 < x1 and top < bottom


def test_unruled_aligned_table_is_found(tmp_path):
    doc = parse_file(make.aligned_table(tmp_path / "aligned.pdf"))
    assert [t.rows for t in doc.tables] == [make.ALIGNED_ROWS]
    assert "64.47" not in body_text(doc)
    assert "the county, with their rank and their share of the total need." in body_text(doc)


def test_prose_lists_and_fields_are_not_tables(tmp_path):
    for path in (make.single_column(tmp_path / "one.pdf"), make.two_columns(tmp_path / "two.pdf"),
                 make.footnote(tmp_path / "note.pdf"), make.contents(tmp_path / "toc.pdf")):
        assert parse_file(path).tables == []


def test_real_tables_are_read_as_tables():
    hubs = parse_file(real(FAMILY_HUBS))
    first = hubs.tables[0]
    assert first.page == 5 and first.rows[:3] == [
        ["Centre", "Area", "Contract End Date", "Contract value per Annum"],
        ["Millmead", "Margate", "31/03/2025", "£222,127.44"],
        ["Seashells", "Sheerness", "31/03/2025", "£204,302.16"]]
    assert {t.page for t in hubs.tables} >= {5, 6, 7, 8, 11, 16, 20, 21}
    # no table row is a heading or a paragraph any more
    headings = [s.heading or "" for s in hubs.sections]
    assert not any("£741k" in h or "64.47" in h for h in headings)
    assert not any("Thanet £741k" in p.text for p in hubs.paragraphs)

    minerals = parse_file(real(MINERALS))
    [pathway] = minerals.tables
    assert pathway.page == 3 and pathway.rows[0] == ["Consultation", "Dates", "Summary"]
    assert pathway.rows[1][1] == "26th March 2021 - 9th April 2021 (14 days)"
    assert not any("Initial consultation with key" in (s.heading or "") for s in minerals.sections)

    roll = parse_file(real(PALO_ALTO)).tables[0]
    assert roll.rows[0] == ["Attendee Name", "Title", "Status", "Arrived"]
    assert roll.rows[1] == ["Andrei Garcia", "Commissioner", "Late", "7:08 p.m."]
    assert len(roll.rows) == 9


def test_real_unruled_tables_and_their_limits():
    pages, _ = pages_of(real(SUICIDE))
    tables = {p.number: p.tables for p in pages if p.tables}
    sector = tables[27][0]
    assert sector.rows[0] == ["Sector", "Number of respondents"] and sector.rows[-1] == ["Grand Total", "202"]
    assert ["Mental health services", "8", "8", "100.0%", "0", "0.0%"] in tables[28][1].rows
    # a chart's bars and labels (pages 14, 15, 25) are not tables
    assert not {14, 15, 25} & set(tables)


@pytest.mark.parametrize("name", ["milburn-pc_parish-council_2021-01-26_minutes.pdf",
                                  "burton-cum-walden-pc_parish-council_2024-03-05_minutes.pdf",
                                  "kent-cc_cabinet_minutes_2025-01-30.pdf",
                                  "westsussex-cc_drug-alcohol-partnership_2024-10_annual-progress-report.pdf",
                                  "westsussex-cc_health-wellbeing-board_2019-12_newsletter.pdf"])
def test_real_body_text_is_never_a_table(name):
    """Underlined prose, highlighted resolutions, boxed text: no tables."""
    assert parse_file(real(name)).tables == []


def test_a_table_running_on_to_the_next_page():
    pages, _ = pages_of(real(FAMILY_HUBS))
    [continued] = pages[21].tables            # page 22: one row, the risk table's last cell
    assert continued.rows[0][-1].startswith("At Millmead these services include:")


# ---- superscripts and footnotes ------------------------------------------------------

def test_raised_ordinal_joins_its_number(tmp_path):
    doc = parse_file(make.ordinal(tmp_path / "ordinal.pdf"))
    assert "10th December 2024" in doc.text
    pages, _ = pages_of(tmp_path / "ordinal.pdf")
    assert pages[0].ordinals == 1


def test_footnote_leaves_the_body_and_its_marker_the_sentence(tmp_path):
    path = make.footnote(tmp_path / "note.pdf")
    doc = parse_file(path)
    assert [p.number for p in doc.paragraphs] == ["1", "2", "3"]
    assert doc.find("1").text.startswith("The Plan was published for a statutory minimum six-week period. This")
    second = doc.find("2")
    assert second.text.endswith("and it ends on the second page with its last words.")
    assert "Regulation 19" not in doc.text
    pages, _ = pages_of(path)
    assert pages[0].note_marks == 1 and any(make.FOOTNOTE in note for note in pages[0].footnotes)


def test_real_footnotes_and_ordinals():
    doc = parse_file(real(MINERALS))
    assert "13th March 2025" in doc.text and "13 th" not in doc.text
    assert "six-week period providing an opportunity" in doc.find("1.9").text
    assert not any(p.number == "1" and "Regulation 19" in p.text for p in doc.paragraphs)
    assert "Regulation 19 of the Town and Country Planning" not in doc.text
    pages, _ = pages_of(real(MINERALS))
    assert pages[4].footnotes[0].startswith("1 Regulation 19 of the Town and Country Planning")
    minutes = parse_file(real("kent-cc_cabinet_minutes_2025-01-30.pdf"))
    assert "On 17th December, Mr Love visited" in minutes.text


def test_real_footnotes_are_only_notes():
    pages, _ = pages_of(real(SUICIDE))
    notes = [n for p in pages for n in p.footnotes]
    starts = [n for n in notes if re.match(r"\d{1,2} ", n)]
    assert len(starts) >= 20 and all("Source" in n or "should be noted" in n or "220 suicides" in n
                                     for n in starts)


# ---- contents pages -------------------------------------------------------------------

@pytest.mark.parametrize("leaders", [True, False])
def test_contents_page_is_dropped(tmp_path, leaders):
    path = make.contents(tmp_path / "toc.pdf", leaders=leaders)
    pages, lines = pages_of(path)
    assert pages[0].contents[0] == "Contents"
    # every entry is dropped, with its page number (on its line, or in a column of its own)
    dropped = " ".join(pages[0].contents)
    assert all(title in dropped for title, _ in make.CONTENTS)
    assert all(ln.page == 2 for ln in lines)
    body = body_text(parse_file(path))
    assert "...." not in body and "Contents" not in body
    assert "The text under Recommendations reads as a full sentence." in body


def test_real_contents_pages_are_dropped():
    for name, page, entries in [(QA_CARE, 3, 13), (SUICIDE, 4, 24), (SUICIDE, 5, 15), (STRATEGY, 2, 16)]:
        pages, _ = pages_of(real(name))
        assert len(pages[page - 1].contents) >= entries, (name, page)
        doc = parse_file(real(name))
        assert not re.search(r"\.{12,}", body_text(doc)), name      # a leader, not an ellipsis
    doc = parse_file(real(SUICIDE))
    assert not any("Contents" in (s.heading or "") for s in doc.sections)
    assert "Acknowledgements" in texts(real(STRATEGY), page=2)   # beside the contents, kept


# ---- tables through the model, JSON, store and show ------------------------------------

def test_tables_in_json_store_and_show(tmp_path):
    path = make.ruled_table(tmp_path / "ruled.pdf")
    doc = parse_file(path)
    data = json.loads(json.dumps(doc.to_dict()))
    assert data["tables"] == [{"page": 1, "bbox": list(doc.tables[0].bbox), "rows": make.RULED_ROWS}]
    assert Document.from_dict(data).tables == doc.tables
    db = tmp_path / "t.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(path), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        [doc_id] = [d["id"] for d in store.documents()]
        assert store.load_document(doc_id).tables == doc.tables
        assert store.counts()["tables"] == 1
    shown = runner.invoke(cli, ["show", doc_id, "--db", str(db)], catch_exceptions=False).output
    assert "Table 1 (page 1, 4 rows)" in shown and "Millmead | Margate | £222,127" in shown


def test_a_database_without_tables_is_migrated(tmp_path):
    db = tmp_path / "old.db"
    with open_store(db) as store:
        # a version-1 file: without what migrations 2 (tables) and 3 (OCR) add
        store.conn.executescript("""DROP TABLE tables; DROP TABLE ocr_pages;
            ALTER TABLE paragraphs DROP COLUMN ocr;
            UPDATE papermine_meta SET value = '1' WHERE key = 'schema_version';""")
        store.conn.commit()
    with open_store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM tables").fetchone() == (0,)


def test_table_model_round_trip():
    table = Table(page=3, rows=[["a", "b"], ["1", ""]], bbox=(1.0, 2.0, 3.0, 4.0))
    assert Table.from_dict(table.to_dict()) == table
