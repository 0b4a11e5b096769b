"""Bad input gets a clear one-line error naming the file and the reason; text
in other encodings and papers without numbers parse cleanly."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from reportlab.pdfgen import canvas

from papermine.cli import cli
from papermine.errors import (CorruptPDF, EmptyInput, EncryptedPDF, ImageOnlyPDF, InputError,
                              UndecodableText)
from papermine.parse import parse_file

from conftest import CORPUS


def _text_pdf(path: Path, encrypt: str | None = None) -> Path:
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    pdf.drawString(72, 700, "Purpose of the Report")
    pdf.drawString(72, 670, "1 To report progress.")
    pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def bad_files(tmp_path):
    made = {}
    made["encrypted.pdf"] = _text_pdf(tmp_path / "encrypted.pdf", encrypt="secret")
    good = _text_pdf(tmp_path / "good.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(good[: len(good) // 3])
    made["truncated.pdf"] = tmp_path / "truncated.pdf"
    (tmp_path / "not-a-pdf.pdf").write_bytes(b"<html>an error page saved as PDF</html>")
    made["not-a-pdf.pdf"] = tmp_path / "not-a-pdf.pdf"
    image = tmp_path / "scan.png"
    Image.new("RGB", (300, 400), "white").save(image)
    scan = canvas.Canvas(str(tmp_path / "scanned.pdf"))
    scan.drawImage(str(image), 50, 300, 300, 400)
    scan.showPage()
    scan.save()
    made["scanned.pdf"] = tmp_path / "scanned.pdf"
    (tmp_path / "empty.pdf").write_bytes(b"")
    made["empty.pdf"] = tmp_path / "empty.pdf"
    (tmp_path / "empty.txt").write_text("  \n\n ")
    made["empty.txt"] = tmp_path / "empty.txt"
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    made["binary.txt"] = tmp_path / "binary.txt"
    return made


@pytest.mark.parametrize("name, error, words", [
    ("encrypted.pdf", EncryptedPDF, "encrypted"),
    ("truncated.pdf", CorruptPDF, "damaged or truncated"),
    ("not-a-pdf.pdf", CorruptPDF, "not a PDF"),
    ("scanned.pdf", ImageOnlyPDF, "no text layer"),
    ("empty.pdf", EmptyInput, "empty"),
    ("empty.txt", EmptyInput, "empty"),
    ("binary.txt", UndecodableText, "binary"),
])
def test_bad_files_raise_a_named_error(bad_files, name, error, words):
    with pytest.raises(error) as info:
        parse_file(bad_files[name])
    message = str(info.value)
    assert message.startswith(str(bad_files[name])) and words in message
    assert "\n" not in message


@pytest.mark.parametrize("name", ["encrypted.pdf", "truncated.pdf", "scanned.pdf", "binary.txt"])
def test_cli_reports_bad_input_on_one_line(bad_files, name):
    result = CliRunner().invoke(cli, ["parse", str(bad_files[name])])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "Traceback" not in result.output


def test_missing_file_and_unsupported_type(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "absent.pdf")
    doc = tmp_path / "paper.docx"
    doc.write_bytes(b"PK\x03\x04 zipped word document")
    with pytest.raises(InputError, match="unsupported file type"):
        parse_file(doc)


def test_cp1252_text_parses_cleanly(tmp_path):
    sample = (CORPUS / "durham/2022-08_corporate-parenting-panel_clasp-annual-report.txt").read_text("utf-8")
    path = tmp_path / "windows.txt"
    path.write_bytes(sample.encode("cp1252"))
    doc = parse_file(path)
    assert [p.number for p in doc.paragraphs if p.number] == [str(n) for n in range(1, 46)]
    assert "Children’s Mental Health" in doc.find("8").text


def test_utf16_text_parses(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Background\n\n1 The partnership meets quarterly.\n".encode("utf-16"))
    assert parse_file(path).find("1").text == "The partnership meets quarterly."


def test_a_scanned_page_inside_a_text_pdf_is_a_warning(tmp_path):
    image = tmp_path / "scan.png"
    Image.new("RGB", (300, 400), "white").save(image)
    pdf = canvas.Canvas(str(tmp_path / "mixed.pdf"))
    pdf.drawString(72, 700, "Purpose of the Report")
    pdf.drawString(72, 670, "1 To report progress.")
    pdf.showPage()
    pdf.drawImage(str(image), 50, 300, 300, 400)
    pdf.showPage()
    pdf.save()
    doc = parse_file(tmp_path / "mixed.pdf", ocr=False)     # read by OCR: see test_ocr.py
    assert doc.find("1").text == "To report progress." and doc.pages == 2
    assert doc.warnings == ["page 2 has no text layer (a scanned image?): its content is not read"]
