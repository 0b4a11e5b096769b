"""The pdfplumber (pdfminer.six) backend: exact but slow (a Python object per
character). Kept as the reference the faster backends are checked against."""
from __future__ import annotations

import io
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from ...errors import CorruptPDF, EncryptedPDF
from . import PageRecord, PdfPages, Rule, Word, is_bold_font, strip_subset_prefix

__all__ = ["open_pdf"]

#: pdfplumber's word grouping tolerance (points).
WORD_X_TOLERANCE = 1.5


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


def _words(page) -> list[Word]:
    words = page.extract_words(x_tolerance=WORD_X_TOLERANCE, keep_blank_chars=False,
                               use_text_flow=True, extra_attrs=["fontname", "size"])
    out = []
    for w in words:
        font = strip_subset_prefix(w["fontname"])
        out.append(Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]),
                        float(w["bottom"]), font, float(w["size"]), is_bold_font(font)))
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
