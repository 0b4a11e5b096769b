"""OCR of scanned pages (papermine/parse/backends/ocr.py, through parse/pdf.py).

Scans are made as a scanner makes them: a made paper (reportlab, see
pdfmaker.py) is rendered page by page to grey images and wrapped back as an
image-only PDF, so there is no text layer left. Tesseract's reading of it is
checked against the parse of the original PDF: every paragraph number, the
text, the sections and the metadata. Tests that run Tesseract are skipped only
where it is not installed (`.ci/run` installs it).
"""
from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import Image, ImageFilter
from rapidfuzz import fuzz
from reportlab.pdfgen import canvas

import papermine.parse.pdf as pdf_reader
from papermine.cli import cli
from papermine.errors import ImageOnlyPDF
from papermine.model import Document
from papermine.nlp import tag_document
from papermine.parse import parse_file
from papermine.parse.backends.ocr import tesseract_available
from papermine.store import SCHEMA_VERSION, open_store

needs_tesseract = pytest.mark.skipif(
    not tesseract_available(),
    reason="Tesseract is not installed (apt-get install tesseract-ocr); .ci/run installs it")

#: What office scanners commonly produce: 200 dpi grey.
SCAN_DPI = 200
#: A scanned paper (every page) and a text paper with its second page scanned (bullets).
SCANNED = "durham/2024-01-26_corporate-parenting-panel_clasp-update.txt"
MIXED = "middlesbrough/2007-11-08_corporate-parenting-board_clag.txt"
#: Text read by OCR against the original, per paragraph (rapidfuzz ratio, 0-100).
MIN_TEXT_SIMILARITY = 95


def _page_images(path: Path, dpi: int = SCAN_DPI) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in pdf]
    finally:
        pdf.close()


def _image_pdf(images: list[Image.Image], dpi: int = SCAN_DPI) -> bytes:
    """Images as an image-only PDF, one page each, at the size they were scanned."""
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def _scan_page_of(src: Path, page: int, out: Path) -> Path:
    """`src` with page `page` (from 1) replaced by a scan of itself."""
    scan = pdfium.PdfDocument(_image_pdf([_page_images(src)[page - 1]]))
    pdf = pdfium.PdfDocument(src)
    pdf.del_page(page - 1)
    pdf.import_pages(scan, index=page - 1)
    pdf.save(out)
    pdf.close()
    scan.close()
    return out


@pytest.fixture(scope="session")
def scans(sample_pdfs, tmp_path_factory) -> dict[str, Path]:
    """The made scans, as files (nothing read by OCR yet)."""
    folder = tmp_path_factory.mktemp("scans")
    scanned = folder / "scanned.pdf"
    scanned.write_bytes(_image_pdf(_page_images(sample_pdfs[SCANNED][0])))
    return {"scanned": scanned, "mixed": _scan_page_of(sample_pdfs[MIXED][0], 2, folder / "mixed.pdf")}


@pytest.fixture(scope="session")
def read_scans(scans, sample_pdfs) -> dict[str, tuple[Document, Document]]:
    """(the original PDF's parse, the scan's parse read by OCR), each read once."""
    if not tesseract_available():
        pytest.skip("Tesseract is not installed (apt-get install tesseract-ocr); .ci/run installs it")
    return {"scanned": (parse_file(sample_pdfs[SCANNED][0]), parse_file(scans["scanned"])),
            "mixed": (parse_file(sample_pdfs[MIXED][0]), parse_file(scans["mixed"]))}


def _assert_same_paper(original: Document, scanned: Document) -> None:
    assert [p.number for p in scanned.paragraphs] == [p.number for p in original.paragraphs]
    assert [p.page for p in scanned.paragraphs] == [p.page for p in original.paragraphs]
    for before, after in zip(original.paragraphs, scanned.paragraphs):
        assert fuzz.ratio(before.full_text, after.full_text) >= MIN_TEXT_SIMILARITY, \
            (before.number, before.full_text, after.full_text)
        assert [(i.kind, i.label) for i in after.items] == [(i.kind, i.label) for i in before.items]
    assert [s.kind for s in scanned.sections] == [s.kind for s in original.sections]
    for before, after in zip(original.sections, scanned.sections):
        assert fuzz.ratio(before.heading or "", after.heading or "") >= MIN_TEXT_SIMILARITY


def test_a_scanned_paper_reads_like_the_original(read_scans):
    original, scanned = read_scans["scanned"]
    assert scanned.pages == original.pages == 4
    _assert_same_paper(original, scanned)
    assert sum(1 for p in scanned.paragraphs if p.number) == 12
    for name in ("council", "committee", "date", "title"):
        assert getattr(scanned.meta, name) == getattr(original.meta, name)
    assert sorted(scanned.ocr_pages) == [1, 2, 3, 4]
    assert all(90 <= c <= 100 for c in scanned.ocr_pages.values())
    assert all(p.ocr for p in scanned.paragraphs) and not original.ocr_pages
    assert scanned.warnings == []


def test_a_scanned_page_inside_a_text_pdf_is_read_and_marked(read_scans):
    original, mixed = read_scans["mixed"]
    _assert_same_paper(original, mixed)
    assert list(mixed.ocr_pages) == [2]
    # the scanned page holds bulleted action lists: the bullets are found by their shape
    on_page_2 = [p for p in mixed.paragraphs if 2 in range(p.page, (p.page_end or p.page) + 1)]
    assert sum(1 for p in on_page_2 for i in p.items if i.kind == "bullet") >= 10
    assert all(p.ocr == (p in on_page_2) for p in mixed.paragraphs)
    assert mixed.warnings == []


def test_no_ocr_keeps_scanned_pages_unread(scans, sample_pdfs):
    with pytest.raises(ImageOnlyPDF) as info:
        parse_file(scans["scanned"], ocr=False)
    assert str(info.value) == (f"{scans['scanned']}: the PDF has no text layer (scanned images?) and "
                               "OCR is off (--no-ocr) [PM105]")
    doc = parse_file(scans["mixed"], ocr=False)
    assert doc.warnings == ["page 2 has no text layer (a scanned image?): its content is not read"]
    assert doc.ocr_pages == {} and not any(p.ocr for p in doc.paragraphs)
    assert "7" not in [p.number for p in doc.paragraphs]        # paragraph 7 is on the scanned page
    result = CliRunner().invoke(cli, ["parse", "--no-ocr", str(scans["scanned"])])
    assert result.exit_code == 1 and "OCR is off" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_without_tesseract_the_warning_says_how_to_install_it(scans, monkeypatch):
    monkeypatch.setattr(pdf_reader, "tesseract_available", lambda: False)
    doc = parse_file(scans["mixed"])
    assert doc.warnings == ["page 2 has no text layer (a scanned image?): its content is not read; "
                            "install Tesseract to read it by OCR (apt-get install tesseract-ocr)"]
    with pytest.raises(ImageOnlyPDF) as info:
        parse_file(scans["scanned"])
    assert "no text layer" in str(info.value) and "apt-get install tesseract-ocr" in str(info.value)
    assert "\n" not in str(info.value)


@needs_tesseract
def test_parse_json_marks_pages_and_paragraphs_read_by_ocr(scans):
    result = CliRunner().invoke(cli, ["parse", "--json", str(scans["mixed"])], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.output)
    [page] = data["ocr_pages"]
    assert page["page"] == 2 and page["ocr"] is True and 90 <= page["confidence"] <= 100
    for para in data["paragraphs"]:
        assert para["ocr"] is (para["page"] <= 2 <= (para["page_end"] or para["page"]))
    assert sum(p["ocr"] for p in data["paragraphs"]) >= 3
    again = Document.from_dict(data)
    assert again.ocr_pages == {2: page["confidence"]}
    assert again.to_dict() == data


@needs_tesseract
def test_the_store_keeps_ocr_marks_and_show_names_them(scans, read_scans, tmp_path):
    db = tmp_path / "ocr.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(scans["mixed"]), "--db", str(db), "--workers", "1"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    _, parsed = read_scans["mixed"]
    with open_store(db) as store:
        [row] = store.documents()
        stored = store.load_document(row["id"])
    assert stored.ocr_pages == parsed.ocr_pages
    assert [p.ocr for p in stored.paragraphs] == [p.ocr for p in parsed.paragraphs]
    shown = runner.invoke(cli, ["show", row["id"], "--db", str(db)], catch_exceptions=False).output
    confidence = parsed.ocr_pages[2]
    assert f"pages read by OCR (mean confidence): 2 ({confidence:.0f}%)" in shown
    scanned_para = next(p for p in parsed.paragraphs if p.ocr and p.number)
    text_para = next(p for p in parsed.paragraphs if not p.ocr and p.number)
    assert f"[OCR] {scanned_para.full_text.splitlines()[0]}" in shown
    assert f"[OCR] {text_para.full_text.splitlines()[0]}" not in shown
    one = runner.invoke(cli, ["show", row["id"], "--db", str(db), "--para", scanned_para.number]).output
    assert f"(read by OCR, mean confidence {confidence:.0f}%)" in one.splitlines()[0]
    other = runner.invoke(cli, ["show", row["id"], "--db", str(db), "--para", text_para.number]).output
    assert "OCR" not in other
    as_json = json.loads(runner.invoke(cli, ["show", row["id"], "--db", str(db), "--para",
                                             scanned_para.number, "--json"]).output)
    assert as_json[0]["ocr"] is True and as_json[0]["ocr_confidence"] == confidence


def test_ingest_with_no_ocr_stores_the_warning(scans, tmp_path):
    db = tmp_path / "no-ocr.db"
    result = CliRunner().invoke(cli, ["ingest", "--no-ocr", str(scans["mixed"]), str(scans["scanned"]),
                                      "--db", str(db), "--workers", "2"])
    assert result.exit_code == 1          # the all-scanned paper has nothing to read
    assert "scanned.pdf: the PDF has no text layer (scanned images?) and OCR is off" in result.output
    with open_store(db) as store:
        [row] = store.documents()
        doc = store.load_document(row["id"])
    assert doc.ocr_pages == {} and not any(p.ocr for p in doc.paragraphs)
    assert doc.warnings == ["page 2 has no text layer (a scanned image?): its content is not read"]


def test_an_older_database_gains_the_ocr_marks(read_scans, tmp_path):
    path = tmp_path / "old.db"
    with open_store(path) as store:        # made as schema 1 had it: no OCR column or table
        store.conn.execute("DROP TABLE ocr_pages")
        store.conn.execute("ALTER TABLE paragraphs DROP COLUMN ocr")
        store.conn.execute("UPDATE papermine_meta SET value = '1' WHERE key = 'schema_version'")
        store.conn.commit()
    _, mixed = read_scans["mixed"]
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        store.save(mixed, tag_document(mixed))
        assert store.load_document(mixed.id).ocr_pages == mixed.ocr_pages
    columns = [r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(paragraphs)")]
    assert "ocr" in columns


def _text_page_image(lines: list[str], dpi: int) -> Image.Image:
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for i, line in enumerate(lines):
        pdf.drawString(72, 760 - 16 * i, line)
    pdf.showPage()
    pdf.save()
    doc = pdfium.PdfDocument(out.getvalue())
    return doc[0].render(scale=dpi / 72, grayscale=True).to_pil()


@needs_tesseract
def test_a_poor_scan_gets_a_low_confidence_warning_naming_the_page(tmp_path):
    lines = ["Purpose of the Report", "1 To report progress on the action plan for children in care.",
             "2 The partnership meets quarterly and reports to the Corporate Parenting Panel."]
    clear = _text_page_image(lines, SCAN_DPI)
    # a low-resolution, blurred scan: the words are there but hard to read
    blurred = _text_page_image(lines * 3, 100).filter(ImageFilter.GaussianBlur(1.5))
    path = tmp_path / "poor.pdf"
    path.write_bytes(_image_pdf([clear, blurred.resize(clear.size)]))
    doc = parse_file(path)
    assert doc.ocr_pages[1] >= 90 > pdf_reader.LOW_OCR_CONFIDENCE > doc.ocr_pages[2]
    assert doc.warnings == [f"page 2 was read by OCR with low confidence ({doc.ocr_pages[2]:.0f}%): "
                            "check its text against the PDF"]
    assert doc.find("1").text == "To report progress on the action plan for children in care."


@needs_tesseract
def test_a_blank_scanned_page_is_named(tmp_path):
    lines = ["Purpose of the Report", "1 To report progress."]
    page = _text_page_image(lines, SCAN_DPI)
    path = tmp_path / "blank-page.pdf"
    path.write_bytes(_image_pdf([page, Image.new("L", page.size, 255)]))
    doc = parse_file(path)
    assert doc.find("1").text == "To report progress." and list(doc.ocr_pages) == [1]
    assert doc.warnings == ["page 2 has no text layer (a scanned image?) and OCR found no text on it"]
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(_image_pdf([Image.new("L", page.size, 255)]))
    with pytest.raises(ImageOnlyPDF, match="no text layer .* and OCR found no text in its images"):
        parse_file(blank)
