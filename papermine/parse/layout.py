"""Layout analysis over backend-neutral page records (see `backends`).

A chain of small passes: words to lines on each page (`analyse_page`), then,
across pages (`assemble`), running headers/footers and page numbers removed,
body font and line pitch found, and each line marked with its paragraph gap,
boldness, size and indent. The passes see only `PageRecord`s, never a PDF
library, so every backend gets the same layout.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

from ._lines import Line, normalise_text
from .backends import PageRecord, Word

__all__ = ["TextLine", "PageLayout", "analyse_page", "assemble"]

#: Words whose tops differ by at most this many points sit on one line.
LINE_Y_TOLERANCE = 3.0
#: Points: positions are compared to within this, so that float noise in one
#: PDF library or another does not tip a comparison made at a tolerance's edge.
POSITION_SLACK = 0.005
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

_PAGE_NUMBER = re.compile(
    r"^(page\s+\d+(\s+of\s+\d+)?|\d+\s*(/|of)\s*\d+|[-–]?\s*\d{1,3}\s*[-–]?|[ivxlc]{1,6})$",
    re.IGNORECASE)

#: Glyphs without a Unicode mapping come out as "(cid:N)"; at a line start they
#: are almost always bullet symbols.
_CID = re.compile(r"\(cid:\d+\)")


@dataclass
class TextLine:
    """A physical line of one page: its words and their font facts."""
    words: list[Word]
    top: float
    bottom: float
    x0: float
    x1: float
    text: str = ""
    bold: bool = False
    size: float = 0.0


@dataclass
class PageLayout:
    """What layout keeps of a page once its records are released."""
    number: int
    width: float
    height: float
    lines: list[TextLine]
    n_images: int = 0
    ocr: bool = False
    ocr_confidence: float | None = None
    tables: list = field(default_factory=list)


def _clean(text: str) -> str:
    text = _CID.sub("•", text, count=1) if text.startswith("(cid:") else text
    return normalise_text(_CID.sub("", text)).strip()


def _group_lines(words: list[Word]) -> list[TextLine]:
    """Words grouped into lines with font facts, top to bottom, left to right.

    Only positions count, never the order a backend gives the words in (the
    content stream's, which PDF libraries follow differently): words whose
    tops lie within LINE_Y_TOLERANCE of the highest one make a line, sorted
    by x. (Columns are for the caller: it groups each column's words.)"""
    lines: list[TextLine] = []
    line = None
    reach = LINE_Y_TOLERANCE + POSITION_SLACK
    for word in sorted(words, key=_BY_TOP):
        if line is not None and word.top - line.top < reach:
            line.words.append(word)
            if word.bottom > line.bottom:
                line.bottom = word.bottom
        else:
            line = TextLine([word], word.top, word.bottom, word.x0, word.x1)
            lines.append(line)
    for line in lines:
        ws = line.words
        if len(ws) > 1:
            ws.sort(key=_BY_X)
        line.x0, line.x1 = ws[0].x0, max(w.x1 for w in ws)
        line.text = _clean(" ".join([w.text for w in ws]))
        chars = bold = 0
        for w in ws:
            chars += len(w.text)
            if w.bold:
                bold += len(w.text)
        line.bold = bold > chars / 2
        sizes = sorted([w.size for w in ws])
        half = len(sizes) // 2
        line.size = sizes[half] if len(sizes) % 2 else (sizes[half - 1] + sizes[half]) / 2   # the median
    return [ln for ln in lines if ln.text]


_BY_TOP = attrgetter("top", "x0")
_BY_X = attrgetter("x0", "top")


def analyse_page(record: PageRecord) -> PageLayout:
    """The per-page passes, run while the page's records are at hand."""
    return PageLayout(record.number, record.width, record.height, _group_lines(record.words),
                      record.n_images, record.ocr, record.ocr_confidence)


def _in_margin(line: TextLine, height: float) -> bool:
    """In the header or footer zone of its page."""
    return line.top < height * MARGIN_ZONE or line.bottom > height * (1 - MARGIN_ZONE)


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _running_keys(pages: list[PageLayout]) -> set[str]:
    """Texts (digits masked) of margin lines that repeat across pages."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_mask(ln.text) for ln in page.lines if _in_margin(ln, page.height)})
    threshold = max(2, RUNNING_LINE_MIN_SHARE * len(pages))
    return {key for key, n in counts.items() if n >= threshold}


def assemble(pages: list[PageLayout]) -> list[Line]:
    """The cross-page passes: the body's lines in reading order, as `Line`s."""
    body = [ln for page in pages for ln in page.lines]
    if not body:
        return []
    running = _running_keys(pages)
    body_size = Counter(round(ln.size, 1) for ln in body).most_common(1)[0][0]
    margin = Counter(round(ln.x0) for ln in body).most_common(1)[0][0]
    pitches = [b.top - a.top for page in pages for a, b in zip(page.lines, page.lines[1:])
               if 0 < b.top - a.top < body_size * 3]
    # the line pitch inside a paragraph is the smallest common spacing: the
    # lower quartile is robust to gaps between paragraphs and list items
    pitch = statistics.quantiles(pitches, n=4)[0] if len(pitches) >= 4 else body_size * 1.2
    out: list[Line] = []
    for page in pages:
        previous_bottom = None
        first = True
        for ln in page.lines:
            if _in_margin(ln, page.height) and (_mask(ln.text) in running or _PAGE_NUMBER.match(ln.text)):
                continue
            # bottom to bottom, the line pitch: more than usual means a blank line
            blank = previous_bottom is not None and ln.bottom - previous_bottom > pitch * PARAGRAPH_GAP_RATIO
            indent = ln.x0 - margin
            out.append(Line(text=ln.text, page=page.number, blank_before=blank or first,
                            page_break_before=first and page.number > 1, bold=ln.bold,
                            large=ln.size > body_size * LARGE_FONT_RATIO,
                            indent=indent if abs(indent) > INDENT_TOLERANCE else 0.0))
            previous_bottom = ln.bottom
            first = False
    return out
