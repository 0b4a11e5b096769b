"""PDF reader: a backend's page records through layout analysis to `Line`s.

The backend (see `backends`) reads words, rulings and images page by page;
layout analysis (see `layout`) turns them into body lines with heading
evidence. Everything else (numbering, sections, joins across pages) is the
structure builder's job, shared with text input.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import CorruptPDF, EmptyInput, ImageOnlyPDF
from ._lines import Reading
from .backends import BACKENDS, DEFAULT_BACKEND
from .layout import analyse_page, assemble

__all__ = ["read_pdf_lines"]


def read_pdf_lines(path: Path, data: bytes, backend: str = DEFAULT_BACKEND) -> Reading:
    """The PDF's text lines (running headers/footers removed), its page count,
    and a warning for each page that is only an image (scanned, no OCR here)."""
    if not data.strip():
        raise EmptyInput(path)
    if not data.lstrip().startswith(b"%PDF"):
        raise CorruptPDF(path, "not a PDF (no %PDF header)")
    if backend not in BACKENDS:
        raise ValueError(f"unknown PDF backend {backend!r} (known: {', '.join(BACKENDS)})")
    with BACKENDS[backend](path, data) as pdf:
        pages = [analyse_page(record) for record in pdf.pages]
    if not pages:
        raise CorruptPDF(path, "the PDF has no pages")
    if not any(page.lines for page in pages):
        if any(page.n_images for page in pages):
            raise ImageOnlyPDF(path)
        raise EmptyInput(path, "the PDF has no text on any page")
    warnings = [f"page {page.number} has no text layer (a scanned image?): its content is not read"
                for page in pages if not page.lines and page.n_images]
    return Reading(assemble(pages), len(pages), warnings)
