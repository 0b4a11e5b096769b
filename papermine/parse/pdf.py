"""PDF reader on pdfplumber.

Words come with their font name and size, so bold or larger lines are kept as
heading evidence; running headers, footers and page numbers are removed;
vertical gaps become paragraph breaks. Everything else (numbering, sections,
joins across pages) is the structure builder's job, shared with text input.
"""
from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from ..errors import CorruptPDF, EmptyInput, EncryptedPDF, ImageOnlyPDF
from ._lines import Line, Reading, normalise_text

__all__ = ["read_pdf_lines"]

#: Words whose tops differ by at most this many points sit on one line.
LINE_Y_TOLERANCE = 3.0
#: A gap above a line larger than this many times the body line pitch is a paragraph break.
PARAGRAPH_GAP_RATIO = 1.45
#: Header/footer zones: this fraction of the page height at top and bottom.
MARGIN_ZONE = 0.12
#: A margin line (digits ignored) repeated on at least this share of pages is running text.
RUNNING_LINE_MIN_SHARE = 0.5
#: A line whose font is this much larger than the body font counts as "large".
LARGE_FONT_RATIO = 1.15
#: An indent of more than this many points from the body margin is recorded.
INDENT_TOLERANCE = 4.0
#: pdfplumber's word grouping tolerance (points).
WORD_X_TOLERANCE = 1.5

_PAGE_NUMBER = re.compile(
    r"^(page\s+\d+(\s+of\s+\d+)?|\d+\s*(/|of)\s*\d+|[-–]?\s*\d{1,3}\s*[-–]?|[ivxlc]{1,6})$",
    re.IGNORECASE)


#: Glyphs without a Unicode mapping come out as "(cid:N)"; at a line start they
#: are almost always bullet symbols.
_CID = re.compile(r"\(cid:\d+\)")


def _clean(text: str) -> str:
    text = _CID.sub("•", text, count=1) if text.startswith("(cid:") else text
    return normalise_text(_CID.sub("", text)).strip()


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", ",b"))


def _page_lines(page) -> list[dict]:
    """Group a page's words into lines with font facts."""
    words = page.extract_words(x_tolerance=WORD_X_TOLERANCE, keep_blank_chars=False,
                               use_text_flow=True, extra_attrs=["fontname", "size"])
    lines: list[dict] = []
    for word in words:
        if lines and abs(word["top"] - lines[-1]["top"]) <= LINE_Y_TOLERANCE \
                and word["x0"] >= lines[-1]["x1"] - 1:
            line = lines[-1]
            line["words"].append(word)
            line["x1"] = word["x1"]
            line["bottom"] = max(line["bottom"], word["bottom"])
        else:
            lines.append({"words": [word], "top": word["top"], "bottom": word["bottom"],
                          "x0": word["x0"], "x1": word["x1"]})
    for line in lines:
        ws = line["words"]
        line["text"] = _clean(" ".join(w["text"] for w in ws))
        chars = sum(len(w["text"]) for w in ws)
        line["bold"] = sum(len(w["text"]) for w in ws if _is_bold(w["fontname"])) > chars / 2
        line["size"] = statistics.median(w["size"] for w in ws)
    return lines


def _running_keys(pages: list[list[dict]], heights: list[float]) -> set[str]:
    """Texts (digits masked) of margin lines that repeat across pages."""
    counts: Counter[str] = Counter()
    for lines, height in zip(pages, heights):
        keys = {_mask(ln["text"]) for ln in lines if _in_margin(ln, height)}
        counts.update(keys)
    threshold = max(2, RUNNING_LINE_MIN_SHARE * len(pages))
    return {key for key, n in counts.items() if n >= threshold}


def _in_margin(line: dict, height: float) -> bool:
    """In the header or footer zone of its page."""
    return line["top"] < height * MARGIN_ZONE or line["bottom"] > height * (1 - MARGIN_ZONE)


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _root_cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors; the first argument is the original."""
    while exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    return exc


def _pdf_error(path: Path, exc: BaseException) -> Exception:
    cause = _root_cause(exc)
    if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower() \
            or "encrypt" in type(cause).__name__.lower():
        return EncryptedPDF(path)
    detail = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
    return CorruptPDF(path, f"not a readable PDF, damaged or truncated ({detail})")


def _open(path: Path, data: bytes):
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types on damaged files
        raise _pdf_error(path, exc) from exc


def read_pdf_lines(path: Path, data: bytes) -> Reading:
    """The PDF's text lines (running headers/footers removed), its page count,
    and a warning for each page that is only an image (scanned, no OCR here)."""
    if not data.strip():
        raise EmptyInput(path)
    if not data.lstrip().startswith(b"%PDF"):
        raise CorruptPDF(path, "not a PDF (no %PDF header)")
    pdf = _open(path, data)
    with pdf:
        try:
            pages = [_page_lines(page) for page in pdf.pages]
            heights = [float(page.height) for page in pdf.pages]
            images = [len(page.images) for page in pdf.pages]
        except Exception as exc:
            raise _pdf_error(path, exc) from exc
    n_pages = len(pages)
    if n_pages == 0:
        raise CorruptPDF(path, "the PDF has no pages")
    if not any(pages):
        if any(images):
            raise ImageOnlyPDF(path)
        raise EmptyInput(path, "the PDF has no text on any page")
    warnings = [f"page {number} has no text layer (a scanned image?): its content is not read"
                for number, (lines, n_images) in enumerate(zip(pages, images), start=1)
                if not lines and n_images]
    return Reading(_to_lines(pages, heights), n_pages, warnings)


def _to_lines(pages: list[list[dict]], heights: list[float]) -> list[Line]:
    running = _running_keys(pages, heights)
    body = [ln for page in pages for ln in page]
    body_size = Counter(round(ln["size"], 1) for ln in body).most_common(1)[0][0]
    margin = Counter(round(ln["x0"]) for ln in body).most_common(1)[0][0]
    pitches = [b["top"] - a["top"] for page in pages for a, b in zip(page, page[1:])
               if 0 < b["top"] - a["top"] < body_size * 3]
    # the line pitch inside a paragraph is the smallest common spacing: the
    # lower quartile is robust to gaps between paragraphs and list items
    pitch = statistics.quantiles(pitches, n=4)[0] if len(pitches) >= 4 else body_size * 1.2
    out: list[Line] = []
    for page_no, (lines, height) in enumerate(zip(pages, heights), start=1):
        previous_bottom = None
        first = True
        for ln in lines:
            if _in_margin(ln, height) and (_mask(ln["text"]) in running or _PAGE_NUMBER.match(ln["text"].strip())):
                continue
            # bottom to bottom, the line pitch: more than usual means a blank line
            blank = previous_bottom is not None and ln["bottom"] - previous_bottom > pitch * PARAGRAPH_GAP_RATIO
            indent = ln["x0"] - margin
            out.append(Line(text=ln["text"], page=page_no, blank_before=blank or first,
                            page_break_before=first and page_no > 1, bold=ln["bold"],
                            large=ln["size"] > body_size * LARGE_FONT_RATIO,
                            indent=indent if abs(indent) > INDENT_TOLERANCE else 0.0))
            previous_bottom = ln["bottom"]
            first = False
    return out
