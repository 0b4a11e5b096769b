"""PDF backends: each reads a PDF one page at a time into the same records.

Everything after a backend (layout analysis, structure, metadata) works on
`PageRecord`s only, so a backend is one module that answers a handful of
questions per page: its words (text, box, font, size, bold), its ruling lines
and rectangles (for tables), how many images it holds, and its size. Pages are
yielded one at a time and their library objects released, so memory stays flat
in the number of pages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

__all__ = ["Word", "Rule", "PageRecord", "PdfPages", "BACKENDS", "DEFAULT_BACKEND", "is_bold_font",
           "WORD_X_TOLERANCE", "WORD_Y_TOLERANCE", "is_upright",
           "strip_subset_prefix"]


@dataclass(slots=True)
class Word:
    """A word as printed: text and box in PDF points, top-left origin (y grows down)."""
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fontname: str = ""
    size: float = 0.0
    bold: bool = False


@dataclass(slots=True)
class Rule:
    """A stroked line or one edge of a drawn rectangle (table rulings, underlines)."""
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return abs(self.bottom - self.top) <= abs(self.x1 - self.x0)


@dataclass
class PageRecord:
    """One page as a backend sees it; `number` counts from 1."""
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    n_images: int = 0
    #: set when the words were read by OCR from a rendered image of the page
    ocr: bool = False
    ocr_confidence: float | None = None


@dataclass
class PdfPages:
    """An opened PDF: its page count and an iterator over its pages (read lazily)."""
    count: int
    pages: Iterator[PageRecord]


#: pdfplumber's word grouping: a gap wider than this (points) between glyphs starts a new word...
WORD_X_TOLERANCE = 1.5
#: ...and so does a step of more than this between their tops.
WORD_Y_TOLERANCE = 3.0

#: Text whose baseline slopes more than this (rise over run) is rotated, not upright.
UPRIGHT_MAX_SLOPE = 0.035

_BOLD_MARKS = ("bold", "black", "heavy", "semibold", "demi", ",b")
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


def strip_subset_prefix(fontname: str) -> str:
    """'ABCDEF+Arial-BoldMT' -> 'Arial-BoldMT' (embedded subsets carry a random tag)."""
    return _SUBSET_PREFIX.sub("", fontname)


def is_bold_font(fontname: str) -> bool:
    """Bold from the font's name: weights reported by PDFs are unreliable."""
    name = fontname.lower()
    return any(mark in name for mark in _BOLD_MARKS)


def is_upright(a: float, b: float, c: float, d: float) -> bool:
    """Is text with this matrix (linear part, page rotation applied) set on a
    level baseline, read left to right? Rotated text (chart labels, margin
    stamps) is left out by every backend. A shear (synthetic italics) is upright;
    a turn of 90 degrees with float noise is not, whatever the sign of the noise."""
    return a > 0 and d > 0 and abs(b) <= UPRIGHT_MAX_SLOPE * a


def _pdfium(path, data):
    from .pdfium_backend import open_pdf
    return open_pdf(path, data)


def _pdfplumber(path, data):
    from .pdfplumber_backend import open_pdf
    return open_pdf(path, data)


#: backend name -> opener(path, data) returning a context manager that yields PdfPages.
#: Imported on first use: a process that never reads PDFs loads neither library.
BACKENDS: dict[str, Callable] = {"pdfium": _pdfium, "pdfplumber": _pdfplumber}
DEFAULT_BACKEND = "pdfium"
