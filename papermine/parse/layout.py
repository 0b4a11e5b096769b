"""Layout analysis over backend-neutral page records (see `backends`).

A chain of small passes, each a function that takes what the one before left
and records what it decided on the page (`PageLayout`), so a test or
`scripts/layout_report.py` can see every decision:

per page (`analyse_page`, while the page's records are at hand)
  1. superscripts   raised small words: an ordinal's "th" joins its number
                    ("10 th" -> "10th"), a footnote reference is dropped
  2. ruled tables   grids of ruling lines (see `tables`) taken out of the text
  3. lines          words grouped into lines (`_group_lines`)
  4. contents       entries with dotted leaders or trailing page numbers dropped
  5. aligned tables unruled tables of words aligned in columns taken out
  6. columns        reading order column by column where gutters split the page

across pages (`assemble`)
  7. running headers/footers and page numbers removed
  8. footnotes      small-type notes at a page's foot, opened by a marker, removed
  9. lines          body font and line pitch found; each line marked with its
                    paragraph gap, boldness, size and indent.

The passes see only `PageRecord`s, never a PDF library, so every backend gets
the same layout.
"""
from __future__ import annotations

import bisect
import math
import re
import statistics
from collections import Counter
from functools import lru_cache
from itertools import accumulate
from dataclasses import dataclass, field
from operator import attrgetter

from ..model import Table
from ._lines import Line, median, normalise_text
from .backends import PageRecord, Word
from .tables import find_aligned_tables, find_ruled_tables

__all__ = ["TextLine", "PageLayout", "analyse_page", "assemble", "join_superscripts",
           "find_contents", "order_columns", "find_footnotes"]

#: Words whose tops differ by at most this many points sit on one line.
LINE_Y_TOLERANCE = 3.0
#: Points: positions are compared to within this, so that float noise in one
#: PDF library or another does not tip a comparison made at a tolerance's edge.
POSITION_SLACK = 0.005
#: A gap above a line larger than this many times the body line pitch is a paragraph break.
PARAGRAPH_GAP_RATIO = 1.45
#: a footnote's opening number; a lower-case word with a marker set into it
_NOTE_NUMBER = re.compile(r"^(\d{1,2})\s")
_MARKED_WORD = re.compile(r"\b([a-z][a-z’'-]*[a-z][.,;:)’”]?)(\d{1,2})(?=[\s.,;:)]|$)")
#: Header/footer zones: this fraction of the page height at top and bottom.
MARGIN_ZONE = 0.12
#: A margin line (digits ignored) repeated on at least this share of pages is running text.
RUNNING_LINE_MIN_SHARE = 0.5
#: A line whose font is this much larger than the body font counts as "large".
LARGE_FONT_RATIO = 1.15
#: An indent of more than this many points from the body margin is recorded.
INDENT_TOLERANCE = 4.0
#: A line ending this share of the body width short of the right margin did not wrap.
SHORT_LINE_RATIO = 0.2

#: Superscripts: a word at most this share of its neighbour's size, its
#: baseline raised by at least this many of the neighbour's ems, and at most
#: this many of its ems to the right of it (a word space at most).
SUPERSCRIPT_SIZE_RATIO = 0.85
SUPERSCRIPT_RAISE_EM = 0.12
SUPERSCRIPT_MAX_GAP_EM = 0.35

#: Contents: at least this many entries, making at least this share of the
#: lines in the block they span; an entry's page number stands at least this
#: many ems after its title; page numbers run upwards in at least this share
#: of neighbouring entries.
CONTENTS_MIN_ENTRIES = 4
CONTENTS_MIN_SHARE = 0.6
CONTENTS_NUMBER_GAP_EM = 2.0
CONTENTS_ORDERED_SHARE = 0.8
#: Entries of one contents list stand at most this many ems apart (bottom to top).
CONTENTS_MAX_GAP_EM = 4.0

#: Columns: a gutter is a vertical strip at least this wide that no line's
#: words cross (word gaps narrower than it count as crossed); each column
#: beside it holds at least this many lines and is at least this share of the
#: region's width; lines running across it (titles, a paragraph over a pair
#: of boxes) are at most this share of the lines of the smaller column.
GUTTER_MIN_WIDTH = 9.0
COLUMN_MIN_LINES = 3
COLUMN_MIN_WIDTH_SHARE = 0.25
COLUMN_MAX_SPANNING_SHARE = 1.0

#: Footnotes: lines at most this share of the body size, below this share of
#: the page height, the first opened by a note marker.
#: A small-caps word is set as a larger capital and the rest in smaller capitals,
#: which a backend may read as two words ("F" "OREWORD"): joined when the rest is
#: at most this share of the capital's size and starts within this many ems of it.
SMALL_CAPS_SIZE_RATIO = 0.95
SMALL_CAPS_MAX_GAP_EM = 0.3
FOOTNOTE_SIZE_RATIO = 0.92
FOOTNOTE_MIN_TOP = 0.5

_PAGE_NUMBER = re.compile(
    r"^(page\s+\d+(\s+of\s+\d+)?|\d+\s*(/|of)\s*\d+|[-–]?\s*\d{1,3}\s*[-–]?|[ivxlc]{1,6})$",
    re.IGNORECASE)

#: Glyphs without a Unicode mapping come out as "(cid:N)"; at a line start they
#: are almost always bullet symbols.
_CID = re.compile(r"\(cid:\d+\)")
_ORDINAL_SUFFIX = re.compile(r"^(st|nd|rd|th)$", re.IGNORECASE)
_NOTE_MARK = re.compile(r"^[\d*†‡§]{1,3}[.,]?$")
_PUNCTUATION = re.compile(r"^[.,;:)\]]+$")
_LEADER = re.compile(r"(?:\.\s?){4,}|(?:…\s?){2,}|(?:_\s?){4,}")


def _has_leader(text: str) -> bool:
    """Does `text` hold a dotted leader (`_LEADER`)? Counted first: a leader needs
    four dots or underscores or two ellipses, which a line of prose seldom has."""
    return (text.count(".") >= 4 or text.count("…") >= 2 or text.count("_") >= 4) \
        and _LEADER.search(text) is not None
_CONTENTS_TITLE = re.compile(r"^(table\s*of\s*)?contents$", re.IGNORECASE)
_PAGE_REF = re.compile(r"^\d{1,3}$")
#: a note opens with its marker and then a capital ("1 Source: ...", "* 2011 estimates")
_FOOTNOTE_START = re.compile(r"^(?:\d{1,3}\s?(?=[A-Z(“\"‘'])|[*†‡§]\s?(?=[\w(]))")


@dataclass(eq=False)
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
    #: left edge of the column it was read in (None: the page has one column)
    column_x0: float | None = None
    #: first line of a column after the page's first column
    column_start: bool = False


@dataclass
class PageLayout:
    """What layout keeps of a page once its records are released, and what
    each pass decided about it."""
    number: int
    width: float
    height: float
    lines: list[TextLine]
    n_images: int = 0
    ocr: bool = False
    ocr_confidence: float | None = None
    tables: list[Table] = field(default_factory=list)
    #: superscripts: ordinal suffixes joined to their numbers, note markers dropped
    ordinals: int = 0
    note_marks: int = 0
    #: contents entries (and their heading) dropped from the body
    contents: list[str] = field(default_factory=list)
    #: x positions (mid-gutter) of the column gutters the reading order followed
    gutters: list[float] = field(default_factory=list)
    #: footnote lines taken out of the body (set by `assemble`)
    footnotes: list[str] = field(default_factory=list)
    #: running header and footer lines taken out of the body (set by `assemble`)
    running: list[str] = field(default_factory=list)
    #: sides (x0, x1) of a table that ends the page (it may run on to the next)
    table_at_foot: tuple[float, float] | None = None


def _clean(text: str) -> str:
    if "(cid:" in text:
        text = _CID.sub("•", text, count=1) if text.startswith("(cid:") else text
        text = _CID.sub("", text)
    return normalise_text(text).strip()


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
        _describe(line)
    return [ln for ln in lines if ln.text]


_BY_TOP = attrgetter("top", "x0")
_BY_X = attrgetter("x0", "top")


def _describe(line: TextLine) -> TextLine:
    """Text and font facts of a line from its words (put in x order)."""
    ws = line.words
    if len(ws) > 1:
        ws.sort(key=_BY_X)
    line.x0, line.x1 = ws[0].x0, max([w.x1 for w in ws])
    texts = [w.text for w in ws]
    line.text = _clean(_join_words(ws, texts))
    chars = sum(map(len, texts))
    bold = sum([len(w.text) for w in ws if w.bold])
    line.bold = bold > chars / 2
    line.size = median([w.size for w in ws])
    return line


def _small_caps_rest(word: Word, nxt: Word) -> bool:
    """Is `nxt` the smaller capitals of a small-caps word whose first capital is `word`?"""
    return (len(word.text) == 1 and word.text.isupper() and nxt.text[:1].isupper()
            and nxt.text.upper() == nxt.text and 0 < nxt.size <= word.size * SMALL_CAPS_SIZE_RATIO
            and nxt.x0 - word.x1 <= word.size * SMALL_CAPS_MAX_GAP_EM)


def _join_words(words: list[Word], texts: list[str] | None = None) -> str:
    """The words' texts parted by spaces, save a small-caps word's rest (`texts`:
    the words' texts, where the caller has them)."""
    texts = [w.text for w in words] if texts is None else texts
    # only a one-letter capital can open a small-caps word, and an empty text
    # is not parted: a line with neither is its words joined by spaces
    if all(texts) and (1 not in map(len, texts) or not any([t.isupper() for t in texts if len(t) == 1])):
        return " ".join(texts)
    out = ""
    prev = None
    for word in words:
        # only a one-letter word can open a small-caps word (the test's first clause, hoisted)
        glued = prev is not None and len(prev.text) == 1 and _small_caps_rest(prev, word)
        out += word.text if glued or not out else " " + word.text
        prev = word
    return out


def _em(line: TextLine) -> float:
    """The line's font size, or its height where the backend gave no size (OCR)."""
    return line.size or (line.bottom - line.top)


def _line_of(words: list[Word]) -> TextLine:
    """A line of some of another line's words (same geometry rule as `_group_lines`)."""
    line = TextLine(words, words[0].top, max(w.bottom for w in words), words[0].x0, words[-1].x1)
    return _describe(line)


# ---- 1. superscripts ----------------------------------------------------------

class _RightEdges:
    """The words of a page by right edge, to find those ending near a point
    without a pass over every word (a page has hundreds, its small words few)."""

    def __init__(self, words: list[Word]):
        self.words = words
        edges = [w.x1 for w in words]
        self.order = sorted(range(len(words)), key=edges.__getitem__)
        self.edges = [edges[i] for i in self.order]
        self.reach = SUPERSCRIPT_MAX_GAP_EM * max([w.size for w in words])

    def ending_near(self, x: float) -> list[Word]:
        """In page order, the words whose right edge may lie within a
        superscript's gap left of `x` (a superset of those that do)."""
        lo = bisect.bisect_left(self.edges, x - self.reach)
        hi = bisect.bisect_right(self.edges, x + 1)
        return [self.words[i] for i in sorted(self.order[lo:hi])]


def _raised_after(word: Word, words: list[Word]) -> Word | None:
    """The word that `word` is a superscript of: just left of it, clearly larger,
    with `word`'s baseline raised above its own."""
    for other in words:
        if other is word or not (word.x0 - SUPERSCRIPT_MAX_GAP_EM * other.size <= other.x1 <= word.x0 + 1):
            continue
        if word.size <= other.size * SUPERSCRIPT_SIZE_RATIO and other.top - 1 <= word.bottom \
                and word.bottom <= other.bottom - SUPERSCRIPT_RAISE_EM * other.size:
            return other
    return None


def join_superscripts(words: list[Word]) -> tuple[list[Word], int, int]:
    """Raised small words: an ordinal suffix joins its number ("13" + "th" ->
    "13th"), a note marker after a word is dropped (the note itself is read at
    the page's foot). Returns the words (order kept), ordinals joined, marks dropped."""
    if not words:
        return words, 0, 0
    body = median([w.size for w in words])
    limit = body * SUPERSCRIPT_SIZE_RATIO
    joined: dict[int, Word] = {}
    dropped: set[int] = set()
    ordinals = marks = 0
    edges: _RightEdges | None = None
    for word in [w for w in words if 0 < w.size <= limit]:       # small words: the candidates
        if id(word) in joined:
            continue
        edges = edges or _RightEdges(words)
        base = _raised_after(word, edges.ending_near(word.x0))
        if base is None or id(base) in dropped:
            continue
        base = joined.get(id(base), base)
        if _ORDINAL_SUFFIX.match(word.text) and base.text[-1:].isdigit():
            merged = Word(base.text + word.text, base.x0, max(base.x1, word.x1), base.top, base.bottom,
                          base.fontname, base.size, base.bold)
            joined[id(base)] = merged
            dropped.add(id(word))
            ordinals += 1
        elif _NOTE_MARK.match(word.text):
            dropped.add(id(word))
            marks += 1
            # punctuation set right after the marker closes up to the word before it
            after = next((w for w in words if w.size > word.size and _PUNCTUATION.match(w.text)
                          and word.x1 - 1 <= w.x0 <= word.x1 + SUPERSCRIPT_MAX_GAP_EM * base.size
                          and w.top <= base.bottom and w.bottom >= base.top), None)
            if after is not None and id(after) not in dropped:
                joined[id(base)] = Word(base.text + after.text, base.x0, after.x1, base.top, base.bottom,
                                        base.fontname, base.size, base.bold)
                dropped.add(id(after))
    if not dropped:
        return list(words), 0, 0          # nothing joined either: a word is joined only as another is dropped
    out = []
    for w in words:
        if id(w) in dropped:
            continue
        out.append(joined.get(id(w), w))
    return out, ordinals, marks


# ---- 4. contents ----------------------------------------------------------------

def _page_ref(line: TextLine) -> int | None:
    """The page number an entry line ends with: after a dotted leader, or set
    apart from its title by a wide gap."""
    words = line.words
    if len(words) < 2 or not _PAGE_REF.match(words[-1].text):
        return None
    before = " ".join(w.text for w in words[:-1])
    if _has_leader(before) or words[-1].x0 - words[-2].x1 >= CONTENTS_NUMBER_GAP_EM * _em(line):
        if not _PAGE_REF.match(words[-2].text.strip(".")):
            return int(words[-1].text)
    return None


def _entries(lines: list[TextLine]) -> dict[int, int | None]:
    """Line index -> page number, for lines that read as contents entries: a
    dotted leader, a page number set apart at the end, or a lone page number
    beside the line on the same baseline (set in a column of its own)."""
    lone = [ln for ln in lines if _PAGE_REF.match(ln.text)]
    out: dict[int, int | None] = {}
    edges: dict[int, float] = {}           # right edges of page numbers set without a leader
    for i, ln in enumerate(lines):
        if ln in lone:
            continue
        if _has_leader(ln.text):
            out[i] = _page_ref(ln)
            continue
        ref = _page_ref(ln)
        edge = ln.x1
        if ref is None:
            beside = [n for n in lone if abs(n.top - ln.top) <= LINE_Y_TOLERANCE and n.x0 > ln.x1]
            if beside:
                ref, edge = int(beside[0].text), beside[0].x1
        if ref is not None:
            out[i] = ref
            edges[i] = edge
    # without leaders, the page numbers stand in a column of their own (a
    # chart's value labels, placed at the ends of its bars, do not)
    if edges:
        common = Counter(round(x) for x in edges.values()).most_common(1)[0][0]
        if sum(1 for x in edges.values() if abs(x - common) <= LINE_Y_TOLERANCE) \
                < CONTENTS_ORDERED_SHARE * len(edges):
            out = {i: ref for i, ref in out.items() if i not in edges}
    return out


def _longest_run(lines: list[TextLine]) -> list[TextLine]:
    """The largest group of lines each within a few ems under the one before
    (a running footer that happens to end in a number stands apart)."""
    groups: list[list[TextLine]] = []
    for ln in sorted(lines, key=lambda ln: ln.top):
        if groups and ln.top - groups[-1][-1].bottom <= CONTENTS_MAX_GAP_EM * _em(ln):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return max(groups, key=len) if groups else []


def find_contents(lines: list[TextLine]) -> tuple[list[TextLine], list[TextLine]]:
    """A contents list: enough entries (dotted leaders and/or page numbers that
    run upwards), making most of the block they span. Returns (the other lines,
    the contents lines: entries, their wrapped lines, lone page numbers and a
    "Contents" heading)."""
    entries = _entries(lines)
    chosen = _longest_run([lines[i] for i in entries])
    if len(chosen) < CONTENTS_MIN_ENTRIES:
        return lines, []
    refs = [entries[lines.index(ln)] for ln in chosen if entries[lines.index(ln)] is not None]
    if len(refs) >= 2:
        rising = sum(1 for a, b in zip(refs, refs[1:]) if b >= a)
        if rising < CONTENTS_ORDERED_SHARE * (len(refs) - 1):
            return lines, []
    x0, x1 = min(ln.x0 for ln in chosen), max(ln.x1 for ln in chosen)
    top, bottom = min(ln.top for ln in chosen), max(ln.bottom for ln in chosen)
    numbers = [ln for ln in lines if _PAGE_REF.match(ln.text)
               and any(abs(ln.top - c.top) <= LINE_Y_TOLERANCE and ln.x0 > c.x1 for c in chosen)]
    block = [ln for ln in lines if x0 - 1 <= (ln.x0 + ln.x1) / 2 <= x1 + 1
             and top - 1 <= ln.top <= bottom and ln not in numbers]
    if len(chosen) < CONTENTS_MIN_SHARE * len(block):
        return lines, []
    block += numbers
    block += [ln for ln in lines if ln not in block and ln.top < top
              and _CONTENTS_TITLE.match(re.sub(r"\s+", "", ln.text))]
    return [ln for ln in lines if ln not in block], block


# ---- 5. tables: words out of the lines --------------------------------------------

def _without(lines: list[TextLine], taken: set[int]) -> list[TextLine]:
    """The lines with the taken words removed (lines left empty are dropped)."""
    if not taken:
        return lines
    out = []
    for ln in lines:
        kept = [w for w in ln.words if id(w) not in taken]
        if len(kept) == len(ln.words):
            out.append(ln)
        elif kept and (rest := _line_of(kept)).text:
            out.append(rest)
    return out


# ---- 6. columns -----------------------------------------------------------------

def _chunks(line: TextLine) -> list[tuple[float, float]]:
    """The x ranges a line's words cover, joined across gaps narrower than a gutter."""
    spans: list[tuple[float, float]] = []
    a = b = 0.0
    for w in line.words:                # in x order: `_describe` sorted them
        if spans and w.x0 - b < GUTTER_MIN_WIDTH:
            if w.x1 > b:
                b = w.x1
            spans[-1] = (a, b)
        else:
            a, b = w.x0, w.x1
            spans.append((a, b))
    return spans


@dataclass
class _Gutter:
    x0: float
    x1: float
    left: list[TextLine]
    right: list[TextLine]
    crossing: list[TextLine]
    straddling: list[TextLine]


def _gutter(lines: list[TextLine]) -> _Gutter | None:
    """The widest valid gutter of a region: a vertical strip that few lines
    cross, with a column of enough lines and width on each side."""
    lo, hi = int(min(ln.x0 for ln in lines)), int(max(ln.x1 for ln in lines)) + 1
    width = hi - lo
    # how many lines cover each point of x: counted as steps up and down, summed
    steps = [0] * (width + 1)
    chunks = {id(ln): _chunks(ln) for ln in lines}
    for ln in lines:
        for a, b in chunks[id(ln)]:
            start, end = max(int(a), lo) - lo, min(int(b) + 1, hi) - lo
            if start < end:
                steps[start] += 1
                steps[end] -= 1
    cover = list(accumulate(steps[:width]))
    # each column is at least COLUMN_MIN_WIDTH_SHARE of the width, so a gutter's
    # middle point lies in the middle of the region, and is crossed by at most
    # half the lines (the levels tried below): where more lines than that cross
    # every point there (a page of prose), there is no gutter to look for
    middle = cover[int(COLUMN_MIN_WIDTH_SHARE * width):int((1 - COLUMN_MIN_WIDTH_SHARE) * width) + 1]
    if middle and min(middle) > len(lines) / 2:
        return None
    # the coverage as a string, one character a point, so that the strips under
    # a level are found by a regular expression (in C) rather than a loop over x
    coverage = "".join(map(chr, cover))
    best: _Gutter | None = None
    # the fewer lines cross a strip the better it is as a gutter: try the strips
    # crossed by no line, then by one, two, ... (titles, paragraphs over boxes)
    for level in sorted(set(cover)):
        if level > len(lines) / 2:
            break
        for strip in _strips(level).finditer(coverage):
            start, x = strip.span()
            if start == 0 or x == width:
                continue
            g0, g1 = lo + start, lo + x
            gutter = _split(lines, chunks, g0, g1, width)
            if gutter and (best is None or g1 - g0 > best.x1 - best.x0):
                best = gutter
        if best:
            return best
    return None


@lru_cache(maxsize=None)
def _strips(level: int) -> re.Pattern:
    """Runs of at least a gutter's width of points covered by at most `level` lines."""
    return re.compile(f"[\\x00-{re.escape(chr(level))}]{{{math.ceil(GUTTER_MIN_WIDTH)},}}")


def _split(lines, chunks, g0: float, g1: float, width: float) -> _Gutter | None:
    left, right, crossing, straddling = [], [], [], []
    mid = (g0 + g1) / 2
    for ln in lines:
        spans = chunks[id(ln)]
        if ln.x1 <= mid:
            left.append(ln)
        elif ln.x0 >= mid:
            right.append(ln)
        elif any(a < mid < b for a, b in spans):
            crossing.append(ln)
        else:
            # words on both sides and none in the gutter: two columns' lines
            # on one baseline that the backend gave as one line
            straddling.append(ln)
    sides = [[(a, b) for ln in left for a, b in chunks[id(ln)]]
             + [(a, b) for ln in straddling for a, b in chunks[id(ln)] if b <= mid],
             [(a, b) for ln in right for a, b in chunks[id(ln)]]
             + [(a, b) for ln in straddling for a, b in chunks[id(ln)] if a >= mid]]
    if min(len(side) for side in sides) < COLUMN_MIN_LINES:
        return None
    if len(crossing) > COLUMN_MAX_SPANNING_SHARE * min(len(left) + len(straddling),
                                                        len(right) + len(straddling)):
        return None
    if any(max(b for _, b in side) - min(a for a, _ in side) < COLUMN_MIN_WIDTH_SHARE * width
           for side in sides):
        return None
    return _Gutter(g0, g1, left, right, crossing, straddling)


def _cut(line: TextLine, mid: float) -> list[TextLine]:
    """A line with words on both sides of a gutter, as two lines."""
    left = [w for w in line.words if w.x1 <= mid]
    right = [w for w in line.words if w.x1 > mid]
    return [_line_of(ws) for ws in (left, right) if ws]


def _by_top(lines: list[TextLine]) -> list[TextLine]:
    return sorted(lines, key=lambda ln: (round(ln.top / LINE_Y_TOLERANCE), ln.x0))


def _column(lines: list[TextLine], gutters: list[float]) -> list[list[TextLine]]:
    """A region in reading order, as its columns (lists of lines): split at the
    best gutter (left before right), or into bands at lines that run across it
    (titles stay in place); a region with no gutter is one column, top down."""
    if len(lines) < 2 * COLUMN_MIN_LINES:
        return [_by_top(lines)]
    gutter = _gutter(lines)
    if gutter is None:
        return [_by_top(lines)]
    mid = (gutter.x0 + gutter.x1) / 2
    if round(mid, 1) not in gutters:
        gutters.append(round(mid, 1))
    if gutter.crossing:
        out: list[list[TextLine]] = []
        band: list[TextLine] = []
        for ln in _by_top(lines):
            if ln in gutter.crossing:
                out += _column(band, gutters) if band else []
                out.append([ln])
                band = []
            else:
                band.append(ln)
        return out + (_column(band, gutters) if band else [])
    left, right = list(gutter.left), list(gutter.right)
    for ln in gutter.straddling:
        for part in _cut(ln, mid):
            (left if part.x1 <= mid else right).append(part)
    return _column(left, gutters) + _column(right, gutters)


def _bands(lines: list[TextLine], height: float) -> tuple[list, list, list]:
    """(head, body, foot): the page's first (last) row of lines, in its margin
    zone and clear of every other line, is read first (last), whatever column
    it sits over (a page title at the left, a running header at the right)."""
    if not lines:
        return [], lines, []
    first, last = min(ln.top for ln in lines), max(ln.bottom for ln in lines)
    head = [ln for ln in lines if ln.top < height * MARGIN_ZONE and ln.top <= first + LINE_Y_TOLERANCE]
    foot = [ln for ln in lines if ln.bottom > height * (1 - MARGIN_ZONE) and ln.bottom >= last - LINE_Y_TOLERANCE]
    inner = [ln for ln in lines if ln not in head and ln not in foot]
    if inner:
        head = [ln for ln in head if ln.bottom <= min(i.top for i in inner) + LINE_Y_TOLERANCE]
        foot = [ln for ln in foot if ln.top >= max(i.bottom for i in inner) - LINE_Y_TOLERANCE]
    body = [ln for ln in lines if ln not in head and ln not in foot]
    return _by_top(head), body, _by_top(foot)


def order_columns(lines: list[TextLine], height: float) -> tuple[list[TextLine], list[float]]:
    """Reading order column by column where gutters split the page. A page with
    no gutter keeps the order it came in. Returns (lines, gutter positions)."""
    gutters: list[float] = []
    head, body, foot = _bands(lines, height)
    columns = _column(body, gutters)
    if not gutters:
        return lines, []
    columns = [[ln] for ln in head] + columns + [[ln] for ln in foot]
    out: list[TextLine] = []
    for n, column in enumerate(columns):
        margin = Counter(round(ln.x0) for ln in column).most_common(1)[0][0]
        for i, ln in enumerate(column):
            ln.column_x0 = margin
            ln.column_start = i == 0 and n > 0 and len(column) > 1
        out += column
    return out, gutters


# ---- the page ---------------------------------------------------------------------

def _continues(previous: PageLayout | None, words: list[Word], height: float):
    """(x0, x1, top) when the page before ended in a table that may run on here:
    its sides, and the top of this page's first words below the header zone."""
    if previous is None or previous.table_at_foot is None:
        return None
    tops = [w.top for w in words if w.top >= height * MARGIN_ZONE]
    first = min(tops, default=height)
    return (*previous.table_at_foot, first + LINE_Y_TOLERANCE)


def _table_at_foot(tables: list[Table], lines: list[TextLine], height: float):
    """The sides of the page's last table when no body line stands below it."""
    if not tables:
        return None
    last = max(tables, key=lambda t: t.bbox[3])
    below = [ln for ln in lines if ln.top >= last.bbox[3] and ln.bottom <= height * (1 - MARGIN_ZONE)]
    return None if below else (last.bbox[0], last.bbox[2])


def analyse_page(record: PageRecord, previous: PageLayout | None = None) -> PageLayout:
    """The per-page passes, run while the page's records are at hand; `previous`
    (the page before, analysed) lets a table run on from one page to the next."""
    words, ordinals, marks = join_superscripts(record.words)
    ruled = find_ruled_tables(words, record.rules, record.number,
                              _continues(previous, words, record.height))
    taken = {id(w) for t in ruled for w in t.words}
    lines = _group_lines([w for w in words if id(w) not in taken] if taken else words)
    lines, contents = find_contents(lines)
    aligned = find_aligned_tables([w for ln in lines for w in ln.words], record.rules, record.number)
    lines = _without(lines, {id(w) for t in aligned for w in t.words})
    lines, gutters = order_columns(lines, record.height)
    tables = sorted((t.table for t in ruled + aligned), key=lambda t: t.bbox[1])
    return PageLayout(record.number, record.width, record.height, lines, record.n_images,
                      record.ocr, record.ocr_confidence, tables, ordinals, marks,
                      [ln.text for ln in _by_top(contents)], gutters,
                      table_at_foot=_table_at_foot(tables, lines, record.height))


# ---- across pages ---------------------------------------------------------------------

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


def _note_markers(notes: list[str]) -> set[str]:
    """The numbers that open the page's footnotes ("1 Regulation 19 ..." -> "1")."""
    return {m.group(1) for m in (_NOTE_NUMBER.match(n) for n in notes) if m}


def _without_markers(text: str, markers: set[str]) -> str:
    """A note marker a backend set inside its word ("period1 providing", "UK1.")
    dropped where the page has that footnote: a lower-case word never ends in
    a digit otherwise."""
    return _MARKED_WORD.sub(lambda m: m.group(1) if m.group(2) in markers else m.group(0), text)


def find_footnotes(lines: list[TextLine], height: float, body_size: float) -> list[TextLine]:
    """Footnotes of a page (its body lines in reading order): the run of small
    lines at its foot from the first that opens with a note marker."""
    small: list[TextLine] = []
    if body_size <= 0:
        return []                       # sizes unknown (OCR): no evidence of small type
    for ln in sorted(lines, key=lambda ln: ln.top, reverse=True):
        if ln.size > body_size * FOOTNOTE_SIZE_RATIO:
            break
        small.append(ln)
    small.reverse()
    if len(small) == len(lines):
        return []                       # all small: nothing is "below the body"
    for i, ln in enumerate(small):
        if ln.top < height * FOOTNOTE_MIN_TOP:
            continue
        # the marker opens the note's first line, or is set a little higher as a line of its own
        nxt = small[i + 1] if i + 1 < len(small) else None
        lone_mark = (_NOTE_MARK.match(ln.text) and nxt is not None and nxt.top <= ln.bottom
                     and ln.size < nxt.size and -1 <= nxt.x0 - ln.x1 <= nxt.size
                     and _FOOTNOTE_START.match(f"{ln.text} {nxt.text}"))
        if _FOOTNOTE_START.match(ln.text) or lone_mark:
            return small[i:]
    return []


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
    # the right margin: where most full lines end (the upper decile of line ends)
    right = statistics.quantiles([ln.x1 for ln in body], n=10)[-1] if len(body) >= 10 else max(ln.x1 for ln in body)
    short_gap = max(right - margin, 1.0) * SHORT_LINE_RATIO
    out: list[Line] = []
    for page in pages:
        margin_lines = {id(ln) for ln in page.lines
                        if _in_margin(ln, page.height) and (_mask(ln.text) in running or _PAGE_NUMBER.match(ln.text))}
        page.running = [ln.text for ln in page.lines if id(ln) in margin_lines and not _PAGE_NUMBER.match(ln.text)]
        lines = [ln for ln in page.lines if id(ln) not in margin_lines]
        notes = find_footnotes(lines, page.height, body_size)
        page.footnotes = [ln.text for ln in notes]
        markers = _note_markers(page.footnotes)
        previous_bottom = None
        previous_size = 0.0
        first = True
        for ln in lines:
            if ln in notes:
                continue
            # bottom to bottom, the line pitch: more than usual means a blank line
            # (lines set larger than the body are spaced wider: the pitch scales with them)
            scale = max(1.0, min(ln.size, previous_size) / body_size) if previous_size and body_size else 1.0
            blank = previous_bottom is not None \
                and ln.bottom - previous_bottom > pitch * scale * PARAGRAPH_GAP_RATIO
            indent = ln.x0 - (margin if ln.column_x0 is None else ln.column_x0)
            text = _without_markers(ln.text, markers) if markers else ln.text
            out.append(Line(text=text, page=page.number, blank_before=blank or first or ln.column_start,
                            page_break_before=first and page.number > 1, bold=ln.bold,
                            large=ln.size > body_size * LARGE_FONT_RATIO,
                            indent=indent if abs(indent) > INDENT_TOLERANCE else 0.0,
                            ends_short=right - ln.x1 > short_gap))
            previous_bottom = ln.bottom
            previous_size = ln.size
            first = False
    return out
