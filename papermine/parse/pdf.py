"""PDF reader: a backend's page records through layout analysis to `Line`s.

The backend (see `backends`) reads words, rulings and images page by page;
layout analysis (see `layout`) turns them into body lines with heading
evidence. A page with images but no text layer (a scan) is read by OCR (see
`backends.ocr`) unless OCR is off. Everything else (numbering, sections, joins
across pages) is the structure builder's job, shared with text input.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorruptPDF, EmptyInput, ImageOnlyPDF, LimitExceeded
from ._lines import Reading
from .backends import BACKENDS, DEFAULT_BACKEND
from .backends.ocr import INSTALL_HINT, PageOCR, tesseract_available
from .files import PDF, sniff_format
from .layout import PageLayout, analyse_page, assemble

__all__ = ["read_pdf_lines", "LOW_OCR_CONFIDENCE"]

#: A page read by OCR with a mean word confidence (0-100) below this gets a
#: warning: clean print scores 90-96, a blurred, faint or noisy page far less.
LOW_OCR_CONFIDENCE = 75.0

_NOT_READ = "page {n} has no text layer (a scanned image?): its content is not read"


def read_pdf_lines(path: Path, data: bytes, backend: str = DEFAULT_BACKEND,
                   ocr: bool = True, max_pages: int | None = None) -> Reading:
    """The PDF's text lines (running headers/footers removed), its page count,
    the pages read by OCR with their mean confidence, and a warning for each
    page that could not be read or was read with low confidence. A PDF of more
    than `max_pages` pages is refused before its pages are read."""
    if not data.strip():
        raise EmptyInput(path)
    if sniff_format(path, data) != PDF:
        raise CorruptPDF(path, "not a PDF (no %PDF header)")
    if backend not in BACKENDS:
        raise ValueError(f"unknown PDF backend {backend!r} (known: {', '.join(BACKENDS)})")
    use_ocr = ocr and tesseract_available()
    warnings: list[str] = []
    pages: list[PageLayout] = []
    with BACKENDS[backend](path, data) as pdf, PageOCR(data) as reader:
        if max_pages is not None and pdf.count > max_pages:
            raise LimitExceeded(path, f"over the page limit ({pdf.count:,} pages; the limit is {max_pages:,})")
        for record in pdf.pages:
            page = analyse_page(record, pages[-1] if pages else None)
            if not page.lines and page.n_images:
                if use_ocr:
                    page = _ocr_page(reader, page, warnings)
                else:
                    warnings.append(_NOT_READ.format(n=page.number)
                                    + ("" if not ocr else f"; {INSTALL_HINT}"))
            pages.append(page)
    if not pages:
        raise CorruptPDF(path, "the PDF has no pages")
    if not any(page.lines for page in pages):
        if any(page.n_images for page in pages):
            raise ImageOnlyPDF(path, _image_only_reason(ocr, use_ocr))
        raise EmptyInput(path, "the PDF has no text on any page")
    ocr_pages = {page.number: page.ocr_confidence for page in pages if page.ocr and page.lines}
    tables = [table for page in pages for table in page.tables]
    lines = assemble(pages)
    running: dict[str, str] = {}            # each running line once (page numbers masked)
    for text in (text for page in pages for text in page.running):
        running.setdefault(re.sub(r"\d+", "#", text), text)
    return Reading(lines, len(pages), warnings, tables, ocr_pages, list(running.values()))


def _ocr_page(reader: PageOCR, page: PageLayout, warnings: list[str]) -> PageLayout:
    """The page read by OCR, with a warning when that fails or reads poorly."""
    try:
        read = analyse_page(reader.read(page.number, page.n_images))
    except RuntimeError as exc:
        warnings.append(f"page {page.number} has no text layer and OCR failed: {exc}")
        return page
    if not read.lines:
        warnings.append(f"page {page.number} has no text layer (a scanned image?) and OCR found "
                        "no text on it")
    elif read.ocr_confidence is not None and read.ocr_confidence < LOW_OCR_CONFIDENCE:
        warnings.append(f"page {page.number} was read by OCR with low confidence "
                        f"({read.ocr_confidence:.0f}%): check its text against the PDF")
    return read


def _image_only_reason(ocr: bool, used_ocr: bool) -> str:
    base = "the PDF has no text layer (scanned images?)"
    if used_ocr:
        return f"{base} and OCR found no text in its images"
    if not ocr:
        return f"{base} and OCR is off (--no-ocr)"
    return f"{base}; {INSTALL_HINT}"
