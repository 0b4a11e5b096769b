"""The one intermediate form every reader produces: physical lines of text with
what layout told us about them. The structure builder turns lines into a
Document, so it never needs to know whether they came from a PDF or a text file.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Table

#: Soft hyphens, zero-width spaces and joiners, byte-order marks: invisible, dropped.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def normalise_text(text: str) -> str:
    """NFKC (the "ﬁ" ligature becomes "fi", no-break spaces become spaces) with
    invisible characters removed; quotes and dashes are kept as printed."""
    if text.isascii():
        return text                      # ASCII is its own NFKC form and holds no invisibles
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


#: A text is ALL CAPS when more than this share of its letters are upper case.
CAPS_MIN_SHARE = 0.9


def median(values: list[float]) -> float:
    """The median of a non-empty list, as `statistics.median` gives it (the mean
    of the middle two of an even count), without its per-call overhead."""
    first = values[0]
    if first and values.count(first) == len(values):
        return first                     # one value throughout (a line in one size): no sort
    data = sorted(values)
    n = len(data)
    return data[n // 2] if n % 2 else (data[n // 2 - 1] + data[n // 2]) / 2


def word_count(text: str) -> int:
    return len(text.split())


def is_caps(text: str, min_letters: int = 3) -> bool:
    """Set in capitals: at least `min_letters` letters, nearly all upper case."""
    # ASCII letters counted by bytes.translate in C, the few others one by one
    letters = text.encode("ascii", "ignore").translate(None, _NOT_LETTERS)
    n_letters, capitals = len(letters), len(letters.translate(None, _LOWER_CASE))
    if not text.isascii():
        others = [c for c in _NON_ASCII.findall(text) if c.isalpha()]
        n_letters += len(others)
        capitals += sum(c.isupper() for c in others)
    return n_letters >= min_letters and capitals / n_letters > CAPS_MIN_SHARE


_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_LOWER_CASE = bytes(b for b in range(128) if chr(b).islower())
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass
class Line:
    text: str
    page: int | None = None
    blank_before: bool = False       # a vertical gap (paragraph break) precedes it
    page_break_before: bool = False  # the first line of a new page
    bold: bool = False               # set in bold type (PDF) or **marked** (text)
    large: bool = False              # set larger than the body text
    indent: float = 0.0              # left offset relative to the body text margin
    #: ends well before the right margin (None when the reader cannot tell, as for text)
    ends_short: bool | None = None
    #: set out in columns (text with a wide gap inside: a table's row flattened to text)
    columns: bool = False

    @property
    def styled(self) -> bool:
        return self.bold or self.large


@dataclass
class Reading:
    """What a reader returns: the lines, the page count (None when the input
    has no pages), warnings about parts it could not read, the tables that
    layout analysis took out of the lines, and the pages read by OCR with the
    engine's mean word confidence (0-100), and the running header and footer
    lines taken out of the body (each text once, in order: metadata reads the
    council from them when the body does not name it)."""
    lines: list[Line]
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    ocr_pages: dict[int, float] = field(default_factory=dict)
    running: list[str] = field(default_factory=list)
