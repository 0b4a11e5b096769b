"""The pdfplumber (pdfminer.six) backend: exact but slow (a Python object per
character). Kept as the reference the faster backends are checked against."""
from __future__ import annotations

import io
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pdfplumber
from pdfplumber.utils import extract_words
from pdfminer.pdfdocument import PDFPasswordIncorrect

from ...errors import CorruptPDF, EncryptedPDF
from . import (WORD_X_TOLERANCE, WORD_Y_TOLERANCE, PageRecord, PdfPages, Rule, Word, is_bold_font, is_upright,
               strip_subset_prefix)

__all__ = ["open_pdf"]

#: Points: a glyph printed again this near its first print (overprinted "fake
#: bold") is one glyph, as PDFium reads it.
OVERPRINT_TOLERANCE = 1.0


def _root_cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors; the first argument is the original."""
    while exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    return exc


def pdf_error(path: Path, exc: BaseException) -> Exception:
    cause = _root_cause(exc)
    if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower() \
            or "encrypt" in type(cause).__name__.lower():
        return EncryptedPDF(path)
    detail = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
    return CorruptPDF(path, f"not a readable PDF, damaged or truncated ({detail})")


def _unique_chars(chars: list[dict]) -> list[dict]:
    """The page's glyphs in stream order, less overprinted copies: the same
    glyph (text, font, size) within OVERPRINT_TOLERANCE of one already kept."""
    kept: list[dict] = []
    spots: dict[tuple, list[tuple[float, float]]] = {}
    for char in chars:
        x, top = char["x0"], char["top"]
        glyph = (char["text"], char["fontname"], round(char["size"], 2))
        col, row = int(x // OVERPRINT_TOLERANCE), int(top // OVERPRINT_TOLERANCE)
        near = (spots.get((glyph, col + dx, row + dy), ()) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
        if any(abs(x - x0) <= OVERPRINT_TOLERANCE and abs(top - t0) <= OVERPRINT_TOLERANCE
               for spot in near for x0, t0 in spot):
            continue
        spots.setdefault((glyph, col, row), []).append((x, top))
        kept.append(char)
    return kept


def _words(page) -> list[Word]:
    """Upright words, broken where pdfminer's glyphs are parted by a space, a
    gap, a step back or a jump of line (not where the font changes: a closing
    quote in another subset of the font stays in its word); each word takes
    its first glyph's font. Rotated text (chart labels, margin stamps) and
    overprinted copies of glyphs are left out."""
    words = extract_words(_unique_chars(page.chars), return_chars=True, x_tolerance=WORD_X_TOLERANCE,
                          y_tolerance=WORD_Y_TOLERANCE, keep_blank_chars=False, use_text_flow=True)
    out = []
    for w in words:
        first = w["chars"][0]
        if not is_upright(*first["matrix"][:4]):
            continue
        font = strip_subset_prefix(first["fontname"])
        out.append(Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]),
                        float(w["bottom"]), font, float(first["size"]), is_bold_font(font)))
    return out


def _rules(page) -> list[Rule]:
    rules = [Rule(float(ln["x0"]), float(ln["top"]), float(ln["x1"]), float(ln["bottom"]))
             for ln in page.lines]
    for rect in page.rects:
        x0, top, x1, bottom = (float(rect[k]) for k in ("x0", "top", "x1", "bottom"))
        rules += [Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom),
                  Rule(x0, top, x0, bottom), Rule(x1, top, x1, bottom)]
    return rules


def _pages(path: Path, pdf) -> Iterator[PageRecord]:
    for number, page in enumerate(pdf.pages, start=1):
        try:
            record = PageRecord(number, float(page.width), float(page.height), _words(page),
                                _rules(page), len(page.images))
        except Exception as exc:  # pdfminer raises many types on damaged pages
            raise pdf_error(path, exc) from exc
        # release the page's parsed objects: memory stays flat in the page count
        page.close()
        yield record


@contextmanager
def open_pdf(path: Path, data: bytes) -> Iterator[PdfPages]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        count = len(pdf.pages)
    except Exception as exc:
        raise pdf_error(path, exc) from exc
    with pdf:
        yield PdfPages(count, _pages(path, pdf))
