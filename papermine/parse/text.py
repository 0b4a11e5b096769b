"""Plain-text reader: text extracted from a PDF by any tool.

Two extraction styles are common and both are read here: markdown-like text
(`- 12 text` paragraphs, `**BOLD**` headings, one paragraph a line) and raw
layout text (hard line breaks, trailing spaces, bare `12` numbers, pages
separated by runs of blank lines or form feeds).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import EmptyInput, UndecodableText
from ._lines import Line, is_caps, normalise_text

__all__ = ["decode_text", "text_to_lines", "read_text_lines"]

#: A run of this many blank lines (or a form feed) marks a page break in layout text.
PAGE_BREAK_BLANK_LINES = 3
#: Encodings tried in order; cp1252 is what Windows-made extractions use.
ENCODINGS = ("utf-8-sig", "cp1252")
#: Bytes that never occur in cp1252 text: their presence means a binary file.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
#: A gap of two spaces or more inside a line, not after a stop and before a capital, a
#: figure or a bracket, sets its text out in columns (a table row flattened to text); a
#: stray wide space in prose ("including   improving") does not.
_COLUMN_GAP = re.compile(r"[^\s.!?;] {2,}[A-Z0-9(£]")
#: A table's header set out as text has at least this many cells; a cell of a line below
#: belongs to the header's column starting at most this many characters after it.
TABLE_HEADER_MIN_CELLS = 3
COLUMN_SLACK_CHARS = 2
#: A two-cell row whose first cell may wrap under itself keeps its cells at least this far apart.
ROW_GAP_MIN_CHARS = 3
#: UTF-16 without a byte-order mark is told by its NULs in this many leading bytes:
UTF16_SNIFF_BYTES = 4096
#: ... at least this many characters, of which this share are printable ASCII.
UTF16_MIN_PAIRS = 8
UTF16_ASCII_SHARE = 0.8


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the text is UTF-16 saved without a byte-order
    mark: most characters of English text are printable ASCII, so half their
    bytes are NUL, always on the same side; a NUL character never occurs."""
    sample = data[:UTF16_SNIFF_BYTES]
    pairs = len(sample) // 2
    if pairs < UTF16_MIN_PAIRS:
        return None
    for encoding, low, high in (("utf-16-le", sample[0:pairs * 2:2], sample[1::2]),
                                ("utf-16-be", sample[1::2], sample[0:pairs * 2:2])):
        chars = list(zip(low, high))
        if (0, 0) in chars:
            continue
        ascii_chars = sum(1 for lo, hi in chars if hi == 0 and (32 <= lo < 127 or lo in b"\t\n\r\f"))
        if ascii_chars >= pairs * UTF16_ASCII_SHARE:
            return encoding
    return None


def decode_text(data: bytes, path: object) -> str:
    """Bytes to str, trying UTF-8 (with BOM), UTF-16 by BOM (or by its NULs),
    then cp1252. Binary bytes anywhere in the file make it binary, not text."""
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf16_without_bom(data)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise UndecodableText(path, f"invalid UTF-16 text ({exc.reason})") from exc
    if _BINARY_BYTES.search(data):
        raise UndecodableText(path, "binary data, not text")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UndecodableText(path)


def _is_layout_style(raw_lines: list[str]) -> bool:
    """Raw layout text wraps paragraphs over many short lines; markdown-like text
    keeps a paragraph on one long line."""
    texts = [ln for ln in raw_lines if ln.strip()]
    if not texts:
        return False
    long_lines = sum(1 for ln in texts if len(ln) > 160)
    wrapped = sum(1 for i, ln in enumerate(raw_lines[:-1])
                  if ln.strip() and raw_lines[i + 1].strip())
    return long_lines == 0 and wrapped > len(texts) * 0.3


def cell_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a line set out in columns (cells two spaces or more apart)."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", text)]


#: A line that only draws a rule ("-----------", "======  =====", "_____").
_RULE_LINE = re.compile(r"^\s*[-=_]{3,}(?:\s+[-=_]{3,})*\s*$")


def _cells(raw: str) -> list[tuple[int, str]]:
    """(column, text) of each cell of a line set out in columns."""
    return [(a, raw[a:b]) for a, b in cell_spans(raw)]


def _join_wrapped_rows(raw_lines: list[str]) -> list[str]:
    """A table set out as text whose cells wrap onto lines below ("Performance and Quality
    Head of Safeguarding, Harrowdale  Board, quarterly" / "Assurance Sub-group  Borough
    Council"): under a header of three cells or more, a line that fills fewer of the header's
    columns than it has, each part within its column, leaving its first or its last empty (or
    opening with a bracket or a small letter), is the wrapped rest of the row above, each part
    added to the cell of its column; the joined row keeps its cells at the header's columns.
    A line of one cell that is no such rest ends the table."""
    out: list[str] = []
    header: list[int] | None = None       # the header's column starts
    row: list[str] | None = None          # the row being built, one text a column
    for raw in raw_lines:
        if not raw.strip() or "\f" in raw:
            header = row = None
            out.append(raw)
            continue
        if _RULE_LINE.match(raw):       # a rule under the header ("-------  -----"): the table goes on
            out.append(raw)
            continue
        if header is None:              # (only a line set out in columns may head a table)
            cells = _cells(raw) if _COLUMN_GAP.search(raw.strip()) else []
            if len(cells) >= TABLE_HEADER_MIN_CELLS:
                header = [start for start, _ in cells]
            out.append(raw)
            continue
        cells = _cells(raw)
        slots: dict[int, str] = {}
        for start, text in cells:
            column = max((k for k, c in enumerate(header) if c <= start + COLUMN_SLACK_CHARS), default=0)
            slots[column] = f"{slots[column]} {text}" if column in slots else text
        # (a row whose first two cells ran together fills fewer columns too, but fills both
        # ends: "NI 117 16-18 year olds who are NEET   6.1%   6.4%"; a line of prose after the
        # table overruns its column)
        fits = all(k == len(header) - 1 or len(text) <= header[k + 1] - header[k] for k, text in slots.items())
        if row is not None and len(slots) < len(header) and fits and (
                0 not in slots or len(header) - 1 not in slots or slots[0][:1] == "(" or slots[0][:1].islower()):
            for column, text in slots.items():
                row[column] = f"{row[column]} {text}".strip()
            out[-1] = _row_line(header, row)
            continue
        if len(cells) < 2:                # no row: the table has ended
            header = row = None
            out.append(raw)
            continue
        row = [slots.get(k, "") for k in range(len(header))]
        out.append(_row_line(header, row))
    return out


#: A line's first "cell" that is a paragraph number, an item's label or a bullet ("2.1", "(a)", "A1",
#: "15/36", "•").
_LABEL_CELL = re.compile(r"^(?:[(\[]?(?:\d+(?:[./]\d+)*|[a-z]|[ivxlc]+|[A-Z]{1,2}\d*)[.):\]]?|[•◦▪*o–-])$")


#: A cell opening with a person's title ("Mr Dev Finch", "Cllr A Shaw").
_TITLED_CELL = re.compile(r"(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Revd?|Sir|Dame)\.?\s+[A-Z]")
#: A line opening as an entry of its own does, not as a cell's wrapped rest: a post, a count, a title.
_ENTRY_START = re.compile(r"(?:(?:Head|Director|Deputy|Assistant|Chief|Chair|Vice|Cabinet|Lead|Executive|Senior|Service|"
                          r"Strategic|Portfolio|Principal|Manager|Officer|Member|Representative|Consultant|Designated|"
                          r"Named|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b)|" + _TITLED_CELL.pattern)


def _join_cell_tails(raw_lines: list[str]) -> list[str]:
    """A row whose first or last cell wraps onto the lines below, set under that cell ("Chair
    Ashcombe and Wrenfield Maternity Voices" / "Partnership"): a line is the last cell's rest
    where it opens with a bracket ("(Designated Nurse for Children in Care)"), or where the
    line above ran so near the widest line of its block that this line's first word could
    not have fitted and this line does not open as an entry does; else it is the next entry
    of that column ("Cabinet Member (Chair)" / "Head of Safeguarding", "four county
    councillors"). A line under the first cell, in its column, is its rest where its first
    word could not have fitted before the next column ("Milldale Partnership NHS Foundation
    Clinical Lead" / "Trust"; not a group's heading in capitals)."""
    widths = _block_widths(raw_lines)
    out: list[str] = []
    cell_at = None                       # where the last cell of the row above starts
    first_cell = None                    # the first cell of the row above, (start, end, where the next starts)
    last_end = 0                         # where the line above ended, as printed
    for k, raw in enumerate(raw_lines):
        stripped = raw.strip()
        gap = _COLUMN_GAP.search(stripped)
        indent = len(raw) - len(raw.lstrip(" "))
        if _RULE_LINE.match(raw):        # (a rule under a row is no cell's rest)
            out.append(raw)
            cell_at = first_cell = None
            continue
        if stripped and not gap and first_cell is not None and "\f" not in raw and 0 <= indent - first_cell[0] <= COLUMN_SLACK_CHARS \
                and len(raw.rstrip()) < first_cell[2] and first_cell[1] + 1 + len(stripped.split(" ", 1)[0]) > first_cell[2] - 3 \
                and not is_caps(stripped) and not _ENTRY_START.match(stripped) and not stripped.endswith("."):
            # the first cell's rest, set under it, where its first word could not have fitted before the
            # next column ("Milldale and District Autism Support  Chief Executive" / "Network")
            row = out[-1]
            out[-1] = f"{row[:first_cell[1]]} {stripped}{row[first_cell[1]:]}"
            first_cell = cell_at = None
            continue
        if stripped and not gap and cell_at is not None and "\f" not in raw \
                and abs(indent - cell_at) <= COLUMN_SLACK_CHARS and (stripped[:1] == "(" or (
                    last_end + 1 + len(stripped.split(" ", 1)[0]) > widths[k] and not _ENTRY_START.match(stripped))):
            out[-1] = f"{out[-1].rstrip()} {stripped}"
            last_end = len(raw.rstrip())
            continue
        cells = cell_spans(raw) if gap else []
        # (a numbered paragraph's or an item's text after its label is no cell: "2.1  The Panel will:";
        # a column of people holds one a line, "Ms Cara Eve  Mr Dev Finch" / "one vacancy", unless a
        # bracket is left open: "Cllr Ashworth (Cllr Pickering as" / "substitute)")
        last_cell = raw[cells[-1][0]:] if cells else ""
        cell_at = cells[-1][0] if cells and not _LABEL_CELL.match(raw[cells[0][0]:cells[0][1]]) \
            and not (_TITLED_CELL.match(last_cell) and last_cell.count("(") <= last_cell.count(")")) else None
        # (a row of two cells set a gap of three spaces or more apart, not prose with a double space; a
        # table of three cells or more is _join_wrapped_rows's, by its header)
        first_cell = (*cells[0], cells[1][0]) if len(cells) == 2 and cells[1][0] - cells[0][1] >= ROW_GAP_MIN_CHARS \
            and not _LABEL_CELL.match(raw[cells[0][0]:cells[0][1]]) \
            and not _TITLED_CELL.match(raw[cells[0][0]:]) else None
        last_end = len(raw.rstrip())
        out.append(raw)
    return out


def _block_widths(raw_lines: list[str]) -> list[int]:
    """For each line, the length of the longest line of text in its block (the lines between
    gaps; a rule of dashes may run past the text)."""
    widths = [0] * len(raw_lines)
    start = 0
    for k in range(len(raw_lines) + 1):
        if k == len(raw_lines) or not raw_lines[k].strip():
            width = max((len(raw.rstrip()) for raw in raw_lines[start:k] if not _RULE_LINE.match(raw)), default=0)
            widths[start:k] = [width] * (k - start)
            start = k + 1
    return widths


def _aligned_rows(raw_lines: list[str]) -> set[int]:
    """Lines set out in columns whose gap `_COLUMN_GAP` does not show ("Hebrew Congregation
    vacancy", "Sixth Form College   student representative": a small letter after it): each
    later cell starts where a cell of the column row above or below starts."""
    cells_of = [cell_spans(raw) for raw in raw_lines]
    starts = [[a for a, _ in cells[1:]] if _COLUMN_GAP.search(raw.strip()) else [] for raw, cells in zip(raw_lines, cells_of)]
    aligned = set()
    for i, (raw, cells) in enumerate(zip(raw_lines, cells_of)):
        if starts[i] or len(cells) < 2 or "\f" in raw:
            continue
        neighbours = {a for j in (i - 1, i + 1) if 0 <= j < len(raw_lines) for a in starts[j]}
        if all(a in neighbours for a, _ in cells[1:]):
            aligned.add(i)
    return aligned


def _row_line(header: list[int], row: list[str]) -> str:
    """A row's cells set at its header's columns (two spaces at least between cells)."""
    line = ""
    for start, text in zip(header, row):
        if text:
            line = (line + " " * max(2 if line else 0, start - len(line))) + text
    return line


_TYPED_BULLET = re.compile(r"^o(?:\s{2,}|\t)(?=\S)")


def text_to_lines(text: str) -> list[Line]:
    text = normalise_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    raw_lines = _join_wrapped_rows(_join_cell_tails(text.split("\n")))
    layout = _is_layout_style(raw_lines)
    has_form_feeds = "\f" in text
    page = 1 if (has_form_feeds or layout) else None
    lines: list[Line] = []
    blanks = 0
    pending_break = False
    in_bold = False
    aligned = _aligned_rows(raw_lines)
    for number, raw in enumerate(raw_lines):
        while raw.startswith("\f"):
            raw = raw[1:]
            pending_break = True
            if page is not None:
                page += 1
        stripped = raw.strip()
        if not stripped:
            blanks += 1
            continue
        if _RULE_LINE.match(stripped):     # a rule of dashes (under a table's header, over a footer) is no text
            continue
        if layout and not has_form_feeds and blanks >= PAGE_BREAK_BLANK_LINES and lines:
            pending_break = True
            page += 1
        # **bold** may span lines (a two-line bold heading)
        bold = in_bold or stripped.startswith("**")
        if stripped.count("**") % 2 == 1:
            in_bold = not in_bold
        clean = _BOLD.sub(r"\1", stripped).replace("**", "").strip()
        if clean:
            indent = float(len(raw) - len(raw.lstrip(" ")))
            # a bullet typed as the letter "o", set apart by a gap ("o  prepare the ..."): a bullet
            clean = _TYPED_BULLET.sub("◦ ", clean)
            columns = bool(_COLUMN_GAP.search(clean)) or number in aligned
            # a row's columns stay two spaces apart, so that no name runs from one cell into the next
            text = re.sub(r" {2,}", "  ", re.sub(r"[^\S ]+", " ", clean)) if columns else re.sub(r"\s+", " ", clean)
            lines.append(Line(text=text, page=page,
                              blank_before=blanks > 0 or pending_break,
                              page_break_before=pending_break, bold=bold, indent=indent, columns=columns))
        blanks = 0
        pending_break = False
    return lines


def read_text_lines(path: Path, data: bytes) -> list[Line]:
    text = decode_text(data, path)
    if not text.strip():
        raise EmptyInput(path)
    return text_to_lines(text)
