"""Real PDFs of the samples (reportlab: running header, "Page N of M" footer,
bold headings, hanging numbers, hyphenated line ends, paragraphs broken across
pages) parse to the same structure as the text, with true page numbers."""
from __future__ import annotations

import re

import pdfplumber
import pytest

from conftest import CORPUS, SAMPLES
from papermine.parse import parse_file


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def shape(doc):
    return [(p.number, norm(doc.sections[p.section].heading), doc.sections[p.section].kind,
             norm(p.text), [(i.label, i.kind, norm(i.text)) for i in p.items])
            for p in doc.paragraphs if p.number]


@pytest.fixture(scope="module")
def parsed_pdfs(sample_pdfs):
    return {name: parse_file(path, manifest=CORPUS / "manifest.csv")
            for name, (path, _layout) in sample_pdfs.items()}


@pytest.mark.parametrize("name", SAMPLES)
def test_pdf_parse_equals_text_parse(parsed_samples, parsed_pdfs, name):
    assert shape(parsed_pdfs[name]) == shape(parsed_samples[name])


@pytest.mark.parametrize("name", SAMPLES)
def test_pdf_metadata_matches_text(parsed_samples, parsed_pdfs, name):
    for field in ("committee", "date", "title"):
        assert getattr(parsed_pdfs[name].meta, field) == getattr(parsed_samples[name].meta, field)


def test_the_fixtures_really_have_hard_cases(sample_pdfs):
    """The made PDFs carry what the reader must undo (so the test above can fail)."""
    hyphenated = sum(layout.hyphenated for _path, layout in sample_pdfs.values())
    assert hyphenated >= 5
    path, _ = sample_pdfs[SAMPLES[0]]
    with pdfplumber.open(path) as pdf:
        first = pdf.pages[0].extract_text()
        assert "Page 1 of" in first and "Corporate Parenting Panel -" in first


@pytest.mark.parametrize("name", SAMPLES)
def test_running_headers_and_page_numbers_are_removed(parsed_pdfs, name):
    for para in parsed_pdfs[name].paragraphs:
        assert not re.search(r"Page \d+ of \d+", para.full_text)
        assert " - " + str(parsed_pdfs[name].meta.title) not in para.full_text


def _page_of(path, fragment):
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if fragment in norm(page.extract_text()):
                return number
    raise AssertionError(fragment)


@pytest.mark.parametrize("name", SAMPLES)
def test_each_paragraph_records_its_page(sample_pdfs, parsed_pdfs, name):
    path, _ = sample_pdfs[name]
    doc = parsed_pdfs[name]
    numbered = [p for p in doc.paragraphs if p.number]
    for para in numbered[:: max(1, len(numbered) // 6)]:
        first_words = " ".join(para.text.split()[:4])
        assert para.page == _page_of(path, f"{para.number} {first_words}")
    assert doc.pages == len(pdfplumber.open(path).pages)


def test_paragraph_across_a_page_break_is_one_paragraph(parsed_pdfs, parsed_samples):
    broken = [(name, p) for name, doc in parsed_pdfs.items() for p in doc.paragraphs
              if p.number and p.page_end and p.page_end > p.page]
    assert broken, "no paragraph crosses a page in the fixtures"
    for name, para in broken:
        assert norm(para.text) == norm(parsed_samples[name].find(para.number).text)


def test_bold_headings_are_sections(parsed_pdfs):
    doc = parsed_pdfs["middlesbrough/2007-11-08_corporate-parenting-board_clag.txt"]
    assert [s.heading for s in doc.sections if s.kind == "purpose"] == ["PURPOSE OF THE REPORT"]
