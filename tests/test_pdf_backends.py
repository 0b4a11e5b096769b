"""The pdfium backend against the pitfalls of reading PDFs through PDFium
(../shared/FAST-PDF.md), one test per pitfall, each on a PDF that shows it:
made here with reportlab, or a real paper from ../shared/real (skipped when
absent). Each test first checks that PDFium really shows the pitfall on its
PDF (so the test can fail), then that papermine's records come out as the
pdfplumber reference reads them."""
from __future__ import annotations

import ctypes
import importlib.metadata
import os
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import reportlab
from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from conftest import REAL_DIR
from papermine.errors import CorruptPDF, EmptyInput, EncryptedPDF, ImageOnlyPDF
from papermine.parse import parse_file
from papermine.parse.backends import BACKENDS, pdfium_backend
from papermine.parse.layout import analyse_page

BACKEND_NAMES = ("pdfium", "pdfplumber")
KENT = REAL_DIR / "kent-cc_county-council-report_2025-01-09_devolution-white-paper.pdf"
NIPISSING = REAL_DIR / "ca_township-of-nipissing-on_council_minutes_2026-03-17.pdf"


def make_pdf(path: Path, draw) -> Path:
    pdf = canvas.Canvas(str(path), pageCompression=0)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return path


def records(path: Path, backend: str):
    with BACKENDS[backend](path, path.read_bytes()) as pdf:
        return list(pdf.pages)


def words(path: Path, backend: str, page: int = 1):
    return records(path, backend)[page - 1].words


def texts(path: Path, backend: str, page: int = 1) -> list[str]:
    return [w.text for w in words(path, backend, page)]


def lines(path: Path, backend: str, page: int = 1) -> list[str]:
    return [ln.text for ln in analyse_page(records(path, backend)[page - 1]).lines]


def raw_text(path: Path, page: int = 1) -> str:
    """PDFium's own text of a page (its generated spaces and line breaks included)."""
    return pdfium.PdfDocument(path)[page - 1].get_textpage().get_text_range()


def both_agree(path: Path, page: int = 1) -> list[str]:
    """The page's words, read alike by both backends."""
    fast, reference = texts(path, "pdfium", page), texts(path, "pdfplumber", page)
    assert fast == reference
    return fast


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real paper {path.name} not found in {REAL_DIR} (../shared/real beside the checkout)")
    return path


def vera(bold: bool = False) -> str:
    """reportlab's bundled TrueType font, embedded as a subset ("AAAAAA+...")."""
    name = "VeraBd" if bold else "Vera"
    registerFont(TTFont(name, os.path.join(os.path.dirname(reportlab.__file__), "fonts", f"{name}.ttf")))
    return name


# 1 ---------------------------------------------------------------------------------------------
def test_line_end_hyphen_comes_back_as_a_hyphen_and_a_line_break(tmp_path):
    def draw(pdf):
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 700, "Purpose of the Report")
        pdf.drawString(72, 670, "1 The partnership organi-")
        pdf.drawString(72, 656, "sation reports quarterly.")
    path = make_pdf(tmp_path / "hyphen.pdf", draw)
    assert "organi\ufffesation" in raw_text(path)          # PDFium: U+FFFE, line break dropped
    assert both_agree(path)[-4:] == ["organi-", "sation", "reports", "quarterly."]
    for backend in BACKEND_NAMES:
        assert parse_file(path, pdf_backend=backend).find("1").text == \
            "The partnership organisation reports quarterly."


# 2 ---------------------------------------------------------------------------------------------
def test_a_whitespace_object_parts_a_paragraph_number_from_its_text(tmp_path):
    def draw(pdf):
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 730, "Introduction")
        # as Word writes a numbered paragraph: "1.1", a text object holding only
        # a space, and the text closer than a space's width
        width = stringWidth("1.1", "Helvetica", 11)
        pdf.drawString(72, 700, "1.1")
        pdf.drawString(72 + width, 700, " ")
        pdf.drawString(72 + width + 1.2, 700, "On 16 December the Board met.")
    path = make_pdf(tmp_path / "space-object.pdf", draw)
    assert "1.1On" in raw_text(path)
    assert both_agree(path)[1:3] == ["1.1", "On"]
    assert parse_file(path).find("1.1").text == "On 16 December the Board met."


def test_space_objects_in_a_real_paper_part_its_numbers():
    path = need(KENT)
    assert "1.2The decision" in raw_text(path, 2)
    assert "1.2 The decision to request Kent and Medway be included in the Devolution Priority" \
        in lines(path, "pdfium", 2)


# 3 ---------------------------------------------------------------------------------------------
def test_generated_spaces_and_line_breaks_are_not_text(tmp_path):
    def draw(pdf):
        pdf.setFont("Helvetica", 12)
        pdf.drawString(72, 700, "9")                        # a raised ordinal: PDFium breaks the line
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72 + stringWidth("9", "Helvetica", 12), 704, "th")
        pdf.setFont("Helvetica", 12)
        pdf.drawString(72 + stringWidth("9", "Helvetica", 12) + stringWidth("th", "Helvetica", 8),
                       700, " January 2025")
        pdf.setFont("Helvetica", 7)                         # letters 1.2 pt apart: PDFium spaces them
        x = 72.0
        for letter in "QUALITY":
            pdf.drawString(x, 660, letter)
            x += stringWidth(letter, "Helvetica", 7) + 1.2
    path = make_pdf(tmp_path / "generated.pdf", draw)
    raw = raw_text(path)
    assert "9\r\nth" in raw and "Q U A L I T Y" in raw
    assert both_agree(path) == ["9th", "January", "2025", "QUALITY"]
    assert lines(path, "pdfium") == ["9th January 2025", "QUALITY"]
    assert not any(ch.isspace() for w in words(path, "pdfium") for ch in w.text)


# 4 ---------------------------------------------------------------------------------------------
def test_size_counts_the_text_matrix_and_the_page_transform(tmp_path):
    def draw(pdf):
        text = pdf.beginText()
        text.setFont("Helvetica", 1)                        # Tf 1 ...
        text.setTextTransform(12, 0, 0, 12, 72, 700)        # ... scaled 12 by Tm
        text.textOut("Scaled by the text matrix")
        pdf.drawText(text)
        pdf.saveState()
        pdf.scale(2, 2)                                     # 7 pt drawn at twice the size
        pdf.setFont("Helvetica", 7)
        pdf.drawString(36, 320, "Doubled by the page")
        pdf.restoreState()
    path = make_pdf(tmp_path / "matrix.pdf", draw)
    page = pdfium.PdfDocument(path)[0].get_textpage()
    assert pdfium_c.FPDFText_GetFontSize(page, 0) == pytest.approx(1.0)
    for backend in BACKEND_NAMES:
        sizes = {w.text: round(w.size, 2) for w in words(path, backend)}
        assert sizes["Scaled"] == sizes["matrix"] == 12.0 and sizes["Doubled"] == sizes["page"] == 14.0


# 5 ---------------------------------------------------------------------------------------------
def test_synthetic_italics_are_upright_text(tmp_path):
    def draw(pdf):
        text = pdf.beginText()
        text.setFont("Helvetica", 11)
        text.setTextTransform(1, 0, 0.33, 1, 72, 700)      # sheared, as Word sets a missing italic
        text.textOut("Recommendation in italics")
        pdf.drawText(text)
    path = make_pdf(tmp_path / "italic.pdf", draw)
    page = pdfium.PdfDocument(path)[0].get_textpage()
    assert pdfium_c.FPDFText_GetCharAngle(page, 0) > 0.3   # PDFium calls the shear a rotation
    assert both_agree(path) == ["Recommendation", "in", "italics"]


# 6 ---------------------------------------------------------------------------------------------
def test_bold_comes_from_the_font_name_not_the_weight(tmp_path):
    def draw(pdf):
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, 700, "Background")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 680, "The Board met.")
    path = make_pdf(tmp_path / "bold.pdf", draw)
    page = pdfium.PdfDocument(path)[0].get_textpage()
    assert pdfium_c.FPDFText_GetFontWeight(page, 0) < 700   # standard-14 bold reports no weight
    for backend in BACKEND_NAMES:
        assert [(w.text, w.bold) for w in words(path, backend)] == [
            ("Background", True), ("The", False), ("Board", False), ("met.", False)]


def test_bold_headings_of_a_real_paper():
    path = need(KENT)
    bold = {w.text for w in words(path, "pdfium", 2) if w.bold}
    reference = {w.text for w in words(path, "pdfplumber", 2) if w.bold}
    assert bold == reference and bold


# 7 ---------------------------------------------------------------------------------------------
def test_subset_prefixes_are_stripped_from_font_names(tmp_path):
    def draw(pdf):
        pdf.setFont(vera(bold=True), 11)
        pdf.drawString(72, 700, "Subset")
        pdf.setFont(vera(), 11)
        pdf.drawString(72, 680, "embedded")
    path = make_pdf(tmp_path / "subset.pdf", draw)
    assert b"+BitstreamVeraSans-Bold" in path.read_bytes()
    for backend in BACKEND_NAMES:
        assert [(w.fontname, w.bold) for w in words(path, backend)] == [
            ("BitstreamVeraSans-Bold", True), ("BitstreamVeraSans-Roman", False)]


def test_cid_font_names_lose_their_prefix_too():
    path = need(NIPISSING)
    doc = pdfium.PdfDocument(path)
    page = doc[1].get_textpage()
    names = set()
    for i in range(pdfium_c.FPDFText_CountChars(page)):
        obj = pdfium_c.FPDFText_GetTextObject(page, i)
        if obj:
            buffer = ctypes.create_string_buffer(128)
            size = pdfium_c.FPDFFont_GetBaseFontName(pdfium_c.FPDFTextObj_GetFont(obj), buffer, 128)
            names.add(buffer.raw[:size - 1].decode())
    assert "BCDHEE+Tahoma" in names and "Tahoma" in names   # kept for the CID font only
    assert {w.fontname for w in words(path, "pdfium", 2)} == {w.fontname for w in words(path, "pdfplumber", 2)}
    assert not any("+" in w.fontname for w in words(path, "pdfium", 2))


# 8 ---------------------------------------------------------------------------------------------
def test_ligatures_read_as_their_letters(tmp_path):
    def draw(pdf):
        pdf.setFont(vera(), 11)
        pdf.drawString(72, 700, "Our pro\ufb01le")               # one glyph for "fi"
    path = make_pdf(tmp_path / "ligature.pdf", draw)
    assert b"<FB01>" in path.read_bytes()
    assert [w.text for w in words(path, "pdfium")] == [w.text for w in words(path, "pdfplumber")]
    assert lines(path, "pdfium") == lines(path, "pdfplumber") == ["Our profile"]


# 9 ---------------------------------------------------------------------------------------------
def test_text_is_read_char_by_char_when_gettext_leaves_characters_out(tmp_path, monkeypatch):
    def draw(pdf):
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 700, "1 The Board reports to the Council.")
    path = make_pdf(tmp_path / "short.pdf", draw)
    expected = texts(path, "pdfium")
    real_get_text = pdfium_backend._GetText

    def drops_one(textpage, start, count, buffer):      # as GetText does with control characters
        written = real_get_text(textpage, start, count, buffer)
        return written - 1
    monkeypatch.setattr(pdfium_backend, "_GetText", drops_one)
    assert texts(path, "pdfium") == expected == ["1", "The", "Board", "reports", "to", "the", "Council."]


# 10 --------------------------------------------------------------------------------------------
def test_lines_come_in_reading_order_whatever_the_stream_order(tmp_path):
    def draw(pdf):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, 40, "Page 1 of 1")                # the footer first, as Kent's PDFs do
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 660, "2 The second paragraph.")   # then the body bottom up
        pdf.drawString(72 + stringWidth("1 The first ", "Helvetica", 11), 700, "paragraph.")
        pdf.drawString(72, 700, "1 The first")               # a line written right part first
        pdf.drawString(72, 730, "Purpose of the Report")
    path = make_pdf(tmp_path / "order.pdf", draw)
    assert raw_text(path).startswith("Page 1 of 1")
    expected = ["Purpose of the Report", "1 The first paragraph.", "2 The second paragraph.", "Page 1 of 1"]
    assert lines(path, "pdfium") == lines(path, "pdfplumber") == expected
    assert [p.number for p in parse_file(path).paragraphs if p.number] == ["1", "2"]


# 11 --------------------------------------------------------------------------------------------
def test_overprints_invisible_and_rotated_text(tmp_path):
    def draw(pdf):
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, 700, "Fake bold heading")         # printed twice, a hair apart
        pdf.drawString(72.3, 700, "Fake bold heading")
        text = pdf.beginText(72, 670)
        text.setTextRenderMode(3)                           # invisible: an OCR layer
        text.setFont("Helvetica", 11)
        text.textOut("Invisible words")
        pdf.drawText(text)
        pdf.saveState()
        pdf.translate(30, 400)
        pdf.rotate(90)
        pdf.setFont("Helvetica", 11)
        pdf.drawString(0, 0, "Rotated label")               # a margin stamp
        pdf.restoreState()
    path = make_pdf(tmp_path / "special.pdf", draw)
    assert raw_text(path).count("Fake bold heading") == 1   # PDFium drops the overprint itself
    assert lines(path, "pdfium") == lines(path, "pdfplumber") == ["Fake bold heading", "Invisible words"]


# 12 --------------------------------------------------------------------------------------------
#: Seconds one thread holds a document open while another waits to open one.
HOLD_SECONDS = 0.2


def test_threads_read_one_document_at_a_time(tmp_path):
    def draw(pdf):
        pdf.setFont("Helvetica", 11)
        for i in range(40):
            pdf.drawString(72, 760 - 16 * i, f"{i + 1} Paragraph {i + 1} of the report to the Board.")
    path = make_pdf(tmp_path / "threads.pdf", draw)
    events: list[str] = []
    first_in = threading.Event()

    def hold():
        with BACKENDS["pdfium"](path, path.read_bytes()) as pdf:
            events.append("first open")
            first_in.set()
            first_in.wait()
            threading.Event().wait(HOLD_SECONDS)
            list(pdf.pages)
            events.append("first closed")

    def second():
        first_in.wait()
        with BACKENDS["pdfium"](path, path.read_bytes()):
            events.append("second open")
    threads = [threading.Thread(target=hold), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert events == ["first open", "first closed", "second open"]
    # and threads reading at once all get the same words
    expected = texts(path, "pdfium")
    results: list[list[str]] = []
    readers = [threading.Thread(target=lambda: results.append(texts(path, "pdfium"))) for _ in range(4)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    assert results == [expected] * 4


# 13 --------------------------------------------------------------------------------------------
def test_pdfium_and_its_bundled_libraries_ship_their_licences():
    dist = importlib.metadata.distribution("pypdfium2")
    assert "BSD" in dist.metadata["License"] and "Apache" in dist.metadata["License"]
    shipped = {Path(str(f)).name for f in dist.files if "licenses" in str(f)}
    assert {"freetype.txt", "libpng.txt"} <= shipped


# bad input -------------------------------------------------------------------------------------
def _text_pdf(path: Path, encrypt: str | None = None) -> Path:
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    pdf.drawString(72, 700, "1 To report progress.")
    pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("backend", BACKEND_NAMES)
def test_both_backends_name_bad_pdfs_alike(tmp_path, backend):
    good = _text_pdf(tmp_path / "good.pdf").read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good[: len(good) // 3])
    scan = canvas.Canvas(str(tmp_path / "scan.pdf"))
    scan.rect(50, 50, 200, 200, fill=1)
    scan.drawInlineImage(_white_png(tmp_path), 50, 300, 100, 100)
    scan.showPage()
    scan.save()
    blank = canvas.Canvas(str(tmp_path / "blank.pdf"))
    blank.showPage()
    blank.save()
    cases = {_text_pdf(tmp_path / "locked.pdf", encrypt="secret"): EncryptedPDF, truncated: CorruptPDF,
             tmp_path / "scan.pdf": ImageOnlyPDF, tmp_path / "blank.pdf": EmptyInput}
    for path, error in cases.items():
        with pytest.raises(error, match=path.name):
            parse_file(path, pdf_backend=backend)


def _white_png(tmp_path: Path) -> str:
    from PIL import Image
    image = tmp_path / "white.png"
    Image.new("RGB", (40, 40), "white").save(image)
    return str(image)


# choosing a backend ------------------------------------------------------------------------------
def _paper_pdf(path: Path) -> Path:
    def draw(pdf):
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, 740, "Purpose of the Report")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 715, "1 The Partnership Board reports to the Health and Wellbeing Board.")
        pdf.drawString(72, 695, "2 It meets quarterly.")
    return make_pdf(path, draw)


def test_the_cli_reads_with_the_backend_asked_for(tmp_path):
    from click.testing import CliRunner
    from papermine.cli import cli
    path = _paper_pdf(tmp_path / "paper.pdf")
    outputs = {}
    for backend in BACKEND_NAMES:
        for command in ("parse", "tag"):
            result = CliRunner().invoke(cli, [command, str(path), "--json", "--pdf-backend", backend])
            assert result.exit_code == 0, result.output
            outputs[command, backend] = result.output
        result = CliRunner().invoke(cli, ["diff", str(path), str(path), "--json", "--pdf-backend", backend])
        assert result.exit_code == 0, result.output
    for command in ("parse", "tag"):
        assert outputs[command, "pdfium"] == outputs[command, "pdfplumber"]
    assert '"number": "2"' in outputs["parse", "pdfium"]
    result = CliRunner().invoke(cli, ["parse", str(path), "--pdf-backend", "poppler"])
    assert result.exit_code == 2 and "poppler" in result.output


def test_a_paper_read_by_another_backend_is_read_again(tmp_path):
    from papermine.store import ingest, open_store
    path = _paper_pdf(tmp_path / "paper.pdf")
    with open_store(tmp_path / "papers.db") as store:
        assert ingest(store, [path], pdf_backend="pdfium").count("stored") == 1
        assert ingest(store, [path], pdf_backend="pdfium").count("skipped") == 1
        assert ingest(store, [path], pdf_backend="pdfplumber").count("replaced") == 1
        version = store.conn.execute("SELECT parser_version FROM documents").fetchone()[0]
    assert version.endswith("pdfplumber")
