"""Lines to structure: numbered paragraphs, their items, and sections with a kind.

The builder reads lines in order and decides, for each, whether it starts a
numbered paragraph, an item (`(a)`, `(iv)`, a bullet, `Priority 3)`), a
heading, or continues what came before. A number only counts as a paragraph
number when it fits the sequence printed so far (so `25 years old` at the start
of a wrapped line is text), and a paragraph broken by a page break is joined.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Item, Paragraph, Section
from ..model.data import load_jsonl, load_lines
from ._lines import Line

__all__ = ["build_structure", "heading_kind", "Structure"]

#: Largest jump between consecutive printed numbers still read as a paragraph number.
MAX_NUMBER_GAP = 10
#: Largest number accepted as the first numbered paragraph of a paper.
MAX_FIRST_NUMBER = 99
#: A heading of a known kind has at most this many words.
KNOWN_HEADING_MAX_WORDS = 12
#: A bold, large or ALL CAPS line of at most this many words is a heading.
STYLED_HEADING_MAX_WORDS = 20
#: A plain sentence used as a heading (a milestone, an objective) is at most this long.
SENTENCE_HEADING_MAX_WORDS = 45
#: A plain heading this short is a section label ("Content"); longer ones are sub-headings.
SUBHEADING_MIN_WORDS = 5
#: A numbered heading ("1. Introduction") has at most this many words.
NUMBERED_HEADING_MAX_WORDS = 8
#: A short line heading a group of bullets inside a paragraph ("Stay Safe").
LIST_HEADING_MAX_WORDS = 8
#: A "Label: value" line splits into a heading and a paragraph when the label is this short.
INLINE_LABEL_MAX_WORDS = 6
#: The front block (committee, date, title...) ends at a block longer than this.
FRONT_BLOCK_MAX_WORDS = 40
#: ...or after this many blocks with no heading or numbered paragraph.
FRONT_MAX_BLOCKS = 12
#: A line set this far left of the one above starts a new element (points or spaces).
OUTDENT_MIN = 4.0
#: Section kinds whose plain sentence sub-headings inherit the parent's kind.
INHERITING_KINDS = {"progress", "priorities", "future_priorities", "background",
                    "summary", "governance", "purpose"}

_BULLET = r"[-•*▪●◦·➢✓\uf0b7\uf0a7]"
_NUMBER = re.compile(rf"^(?P<md>{_BULLET}\s+)?(?P<num>\d{{1,3}}(?:\.\d{{1,3}}){{0,3}})(?P<punct>\.|\))?\s+(?P<rest>\S.*)$")
_ROMAN = r"(?=[ivx])(?:x{0,3})(?:ix|iv|v?i{0,3})"     # never empty
_ITEM = re.compile(
    rf"^(?:{_BULLET}\s+)?(?:\((?P<p>[a-z]|{_ROMAN})\)|(?P<b>[a-z]|{_ROMAN})[).])\s+(?P<rest>\S.*)$",
    re.IGNORECASE)
_BULLET_LINE = re.compile(rf"^{_BULLET}\s+(?P<rest>\S.*)$")
_TERMINAL = re.compile(r"[.!?:;]['\"’”)]*$")
_SENTENCE_BREAK = re.compile(r"[.!?]['\"’”)]*\s+[A-Z]")
_ROMAN_FULL = re.compile(rf"^{_ROMAN}$", re.IGNORECASE)
#: "From: ...", "Decision no: ...": each a line of its own in a front block.
_FRONT_LABEL = re.compile(r"^[A-Z][A-Za-z ()./']{0,30}:\s")
#: A front-block line at least this long may have wrapped onto the next line.
FRONT_WRAP_MIN_CHARS = 60
_REPORT_OF = re.compile(r"^(?:joint\s+)?report\s+(?:of|by|from)\b", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+(?:19|20)\d\d$")
#: A front-block line ending so runs on into the next ("... FOR CHILDREN," / "& LEARNING").
_RUNS_ON = re.compile(r"([,&/-]|\b(?:of|and|for|the|to|in|on|with))$", re.IGNORECASE)


def _front_field_starts(previous: str, line: str) -> bool:
    """In a front block each line is a field of its own (council, committee,
    date, title, "From: ..."), unless the line before wrapped into it (it is
    long, or runs on with a comma or "of", or the next starts in lower case)."""
    if _FRONT_LABEL.match(line) or _REPORT_OF.match(line) or _DATE_LINE.match(line):
        return True
    if _RUNS_ON.search(previous.strip()) or line[:1].islower() or line.startswith("&"):
        return False
    return len(previous) < FRONT_WRAP_MIN_CHARS or _is_caps(previous) != _is_caps(line)


#: "26 January 2024": a date, not paragraph 26.
_DATE_TAIL = re.compile(r"^(?:st|nd|rd|th)?\s*(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(19|20)\d\d\b",
                        re.IGNORECASE)


def _labelled_item_re() -> re.Pattern:
    words = "|".join(re.escape(w) for w in load_lines("item_labels.txt"))
    return re.compile(rf"^(?:{_BULLET}\s+)?(?P<label>(?:{words})\s+\d{{1,2}}[a-z]?)\s*[):.–-]\s*(?P<rest>\S.*)$",
                      re.IGNORECASE)


def _normalise_heading(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"^(\d+(\.\d+)*|[a-z]|[ivx]+)[.)]\s+", "", text)   # leading "1." / "a)"
    text = re.sub(r"[\s:.–-]+$", "", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=4096)
def heading_kind(text: str) -> str | None:
    """The section kind a heading names ("Purpose of the Report" -> purpose), or None."""
    norm = _normalise_heading(text)
    if not norm or len(norm.split()) > KNOWN_HEADING_MAX_WORDS:
        return None
    for rule in load_jsonl("sections.jsonl"):
        if re.match(rule["pattern"], norm):
            return rule["label"]
    return None


def _words(text: str) -> int:
    return len(text.split())


#: Deletes lower-case ASCII letters (str.translate), to count them in one pass.
_DROP_ASCII_LOWER = dict.fromkeys(range(ord("a"), ord("z") + 1))


def _is_caps(text: str) -> bool:
    # the same answer without a pass in Python over ordinary text: when a tenth
    # of its characters are lower-case ASCII, capitals cannot pass 90% of letters
    if 10 * (len(text) - len(text.translate(_DROP_ASCII_LOWER))) >= len(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _number_tuple(num: str) -> tuple[int, ...]:
    return tuple(int(part) for part in num.split("."))


@dataclass
class _Open:
    """The paragraph being built: its lines, and the item lines go to, if any."""
    para: Paragraph
    lines: list[str] = field(default_factory=list)
    item_lines: list[list[str]] = field(default_factory=list)
    last_page: int | None = None

    @property
    def list_open(self) -> bool:
        return bool(self.para.items) or (bool(self.lines) and self.lines[-1].rstrip().endswith(":"))

    def last_text(self) -> str:
        if self.para.items:
            return self.item_lines[-1][-1] if self.item_lines[-1] else ""
        return self.lines[-1] if self.lines else ""


@dataclass
class Structure:
    sections: list[Section]
    paragraphs: list[Paragraph]
    front: list[Paragraph]          # paragraphs of the front block, for metadata


class _Builder:
    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.sections: list[Section] = [Section(heading=None, kind="front", index=0)]
        self.paragraphs: list[Paragraph] = []
        self.open: _Open | None = None
        self.last_number: tuple[int, ...] | None = None
        self.section_fresh = True     # no numbered paragraph yet in this section
        self.in_front = True
        self.front_blocks = 0
        self.last_was_heading = False
        self.labelled_item = _labelled_item_re()
        self.vocabulary = _vocabulary(lines)

    # ---- sections ---------------------------------------------------------
    @property
    def section(self) -> Section:
        return self.sections[-1]

    def _top_section(self) -> Section:
        sec = self.section
        return self.sections[sec.parent] if sec.parent is not None else sec

    def open_section(self, heading: str, kind: str | None, page: int | None,
                     number: str | None = None, plain_sentence: bool = False) -> None:
        self.close_paragraph()
        self.in_front = False
        top = self._top_section()
        level, parent = 1, None
        if kind is None:
            if plain_sentence and _words(heading) >= SUBHEADING_MIN_WORDS \
                    and top.kind in INHERITING_KINDS:
                kind, level, parent = top.kind, 2, top.index
            else:
                kind = "other"
        elif kind == "implications" and top.kind in ("implications", "appendix") \
                and top.heading is not None:
            level, parent = 2, top.index
        self.sections.append(Section(heading=heading, kind=kind, index=len(self.sections),
                                     level=level, number=number, parent=parent, page=page))
        self.section_fresh = True
        self.last_was_heading = True
        if number:
            self.last_number = _number_tuple(number)

    # ---- paragraphs ---------------------------------------------------------
    def close_paragraph(self) -> None:
        if self.open is None:
            return
        op = self.open
        op.para.text = _join(op.lines, self.vocabulary)
        for item, lines in zip(op.para.items, op.item_lines):
            item.text = _join(lines, self.vocabulary)
        op.para.page_end = op.last_page
        self.paragraphs.append(op.para)
        self.open = None

    def start_paragraph(self, number: str | None, text: str, line: Line) -> None:
        self.close_paragraph()
        para = Paragraph(number=number, text="", section=self.section.index, page=line.page)
        self.open = _Open(para=para, lines=[text] if text else [], last_page=line.page)
        self.last_was_heading = False
        if number is not None and number[0].isdigit():
            self.last_number = _number_tuple(number)
        if number is not None:
            self.section_fresh = False

    def _lettered_paragraph(self, label: str | None, kind: str) -> bool:
        """Do letters number the paragraphs here ("a) This report...", "b) ...")?

        A lettered label opening a section, or following a paragraph that was
        itself numbered with the letter before it, numbers a paragraph; one
        inside a paragraph's list is an item."""
        if kind != "lettered" or not label or len(label) != 1:
            return False
        op = self.open
        if op is None or op.para.section != self.section.index:
            return True
        number = op.para.number or ""
        return len(number) == 1 and number.isalpha() and ord(label) == ord(number) + 1

    def add_item(self, label: str | None, kind: str, text: str, line: Line) -> None:
        if self._lettered_paragraph(label, kind):
            self.start_paragraph(label, text, line)
            return
        if self.open is None or self.open.para.section != self.section.index:
            self.start_paragraph(None, "", line)
        op = self.open
        level = 1
        if kind == "roman" and any(i.kind == "lettered" for i in op.para.items):
            level = 2
        elif kind == "bullet" and op.para.items and op.para.items[-1].kind != "bullet":
            level = op.para.items[-1].level + 1
        elif kind == "bullet" and op.para.items:
            level = op.para.items[-1].level
        op.para.items.append(Item(label=label, text="", kind=kind, level=level, page=line.page))
        op.item_lines.append([text])
        op.last_page = line.page
        self.last_was_heading = False

    def continue_open(self, text: str, line: Line) -> None:
        op = self.open
        if op.para.items:
            op.item_lines[-1].append(text)
        else:
            op.lines.append(text)
        op.last_page = line.page

    # ---- line classification ---------------------------------------------
    def _plausible(self, num: tuple[int, ...]) -> bool:
        last = self.last_number
        if num[0] == 0:
            return False
        if last is None:
            return num[0] <= MAX_FIRST_NUMBER
        if self.section_fresh and num[-1] == 1:
            return True                                   # restart under a new heading
        if len(num) == len(last):
            if num[:-1] == last[:-1]:
                return 0 <= num[-1] - last[-1] <= MAX_NUMBER_GAP
            return 0 < num[0] - last[0] <= MAX_NUMBER_GAP and num[-1] <= MAX_NUMBER_GAP
        if len(num) > len(last):
            return num[:len(last)] == last or (
                0 <= num[0] - last[0] <= 1 and num[-1] <= MAX_NUMBER_GAP)
        return 0 <= num[0] - last[0] <= MAX_NUMBER_GAP

    def _may_start(self, i: int) -> bool:
        """Can line i start a new element (not be the wrapped tail of the one before)?"""
        line = self.lines[i]
        if line.blank_before or i == 0 or self.last_was_heading:
            return True
        if line.indent < self.lines[i - 1].indent - OUTDENT_MIN:
            return True                   # set out to the left of the line above
        return bool(_TERMINAL.search(self.lines[i - 1].text)) or bool(_BULLET_LINE.match(line.text))

    def number_at(self, i: int) -> re.Match | None:
        if i >= len(self.lines):
            return None
        m = _NUMBER.match(self.lines[i].text)
        if not m or not self._may_start(i):
            return None
        rest = m.group("rest")
        if rest[0].islower() or rest[0] in "%)/" or _DATE_TAIL.match(rest):
            return None
        if not self._plausible(_number_tuple(m.group("num"))):
            return None
        return m

    def item_at(self, i: int) -> tuple[str | None, str, str] | None:
        """(label, kind, text) when line i starts an item."""
        if i >= len(self.lines):
            return None
        text = self.lines[i].text
        m = self.labelled_item.match(text)
        if m:
            return m.group("label"), "numbered", m.group("rest")
        m = _ITEM.match(text)
        # "(c) ..." is an item wherever it starts a line; "c) ..." only where
        # a new element may start (it could be a wrapped "a) b) c)" run)
        if m and (m.group("p") or self._may_start(i)):
            label = (m.group("p") or m.group("b")).lower()
            if m.group("b") and not m.group("p") and len(label) > 1 and not _ROMAN_FULL.match(label):
                return None
            return label, self._item_kind(label), m.group("rest")
        m = _BULLET_LINE.match(text)
        if m:
            return None, "bullet", m.group("rest")
        return None

    def _item_kind(self, label: str) -> str:
        if not _ROMAN_FULL.match(label):
            return "lettered"
        items = self.open.para.items if self.open else []
        letters = [it.label for it in items if it.kind == "lettered" and it.label]
        if len(label) == 1 and letters and ord(label) == ord(letters[-1]) + 1:
            return "lettered"                       # (h) then (i): the letter i
        if len(label) == 1 and label not in "iv" and not any(it.kind == "roman" for it in items):
            return "lettered"                       # (c), (x) ... with no roman run open
        return "roman"

    # ---- blocks -------------------------------------------------------------
    def _wraps(self, j: int) -> bool:
        """Is line j the wrapped continuation of the line above (no new element)?"""
        return j < len(self.lines) and not self.lines[j].blank_before \
            and self.lines[j].styled == self.lines[j - 1].styled \
            and self.number_at(j) is None and self.item_at(j) is None \
            and heading_kind(self.lines[j].text) is None

    def _block_end(self, i: int) -> int:
        """Index after the run of plain text lines that starts at i (a block)."""
        j = i + 1
        while self._wraps(j) and not (self.in_front and _front_field_starts(self.lines[j - 1].text,
                                                                           self.lines[j].text)):
            j += 1
        return j

    def _is_list_heading(self, text: str, end: int) -> bool:
        """A short line over bullets inside a paragraph's open list ("Stay Safe")."""
        op = self.open
        if op is None or not op.list_open or op.para.section != self.section.index:
            return False
        if _words(text) > LIST_HEADING_MAX_WORDS or _TERMINAL.search(text):
            return False
        nxt = self.item_at(end) if end < len(self.lines) else None
        return nxt is not None and nxt[1] == "bullet"

    def _next_starts_numbered_or_items(self, j: int) -> bool:
        return j < len(self.lines) and (self.number_at(j) is not None or self.item_at(j) is not None)

    def build(self) -> Structure:
        i = 0
        n = len(self.lines)
        while i < n:
            line = self.lines[i]
            text = line.text
            # a heading of a known kind: "Purpose of the Report", "Appendix 1: Implications"
            kind = heading_kind(text)
            if kind and (line.blank_before or self.last_was_heading or i == 0 or line.styled
                         or _TERMINAL.search(self.lines[i - 1].text)):
                numbered = _NUMBER.match(text)      # "1. Introduction": heading number 1
                if numbered and not numbered.group("md"):
                    self.open_section(numbered.group("rest"), kind, line.page, number=numbered.group("num"))
                else:
                    self.open_section(text, kind, line.page)
                i += 1
                continue
            m = self.number_at(i)
            if m is not None and not (self.in_front and self.front_blocks == 0 and i == 0
                                      and _words(m.group("rest")) <= 3):
                i = self._numbered(i, m)
                continue
            item = self.item_at(i)
            if item is not None and not self.in_front:
                self.add_item(*item, line)
                i = self._continue_lines(i + 1)
                continue
            i = self._text_block(i)
        self.close_paragraph()
        front = [p for p in self.paragraphs if p.section == 0]
        return Structure(self.sections, self.paragraphs, front)

    def _numbered(self, i: int, m: re.Match) -> int:
        line = self.lines[i]
        num, rest = m.group("num"), m.group("rest")
        nxt = i + 1
        next_is_new = nxt >= len(self.lines) or self.lines[nxt].blank_before
        known = heading_kind(rest)
        is_heading = (known is not None and _words(rest) <= KNOWN_HEADING_MAX_WORDS) or (
            next_is_new and _words(rest) <= NUMBERED_HEADING_MAX_WORDS
            and not _TERMINAL.search(rest)
            and (line.styled or _is_caps(rest) or self._child_follows(num, nxt)))
        if is_heading:
            self.open_section(rest, known, line.page, number=num)
            return i + 1
        self.in_front = False
        self.start_paragraph(num, rest, line)
        return self._continue_lines(i + 1)

    def _continue_lines(self, j: int) -> int:
        """Append the wrapped lines that follow an element's first line."""
        while self._wraps(j):
            self.continue_open(self.lines[j].text, self.lines[j])
            j += 1
        return j

    def _child_follows(self, num: str, j: int) -> bool:
        """Does the next line number a child of `num` (1 -> 1.1) or restart at 1?"""
        if j >= len(self.lines):
            return False
        m = _NUMBER.match(self.lines[j].text)
        if not m:
            return False
        nxt = _number_tuple(m.group("num"))
        return nxt == _number_tuple(num) + (1,) or nxt == (1,)

    def _text_block(self, i: int) -> int:
        end = self._block_end(i)
        block = self.lines[i:end]
        text = " ".join(ln.text for ln in block)
        first = block[0]
        op = self.open

        if self.in_front:
            self.front_blocks += 1
            if _words(text) > FRONT_BLOCK_MAX_WORDS or self.front_blocks > FRONT_MAX_BLOCKS:
                self.in_front = False
                self.sections.append(Section(heading=None, kind="other",
                                             index=len(self.sections), page=first.page))
            else:
                # a multi-line styled block (a two-line bold title) stays one paragraph
                self.start_paragraph(None, "", first)
                for ln in block:
                    self.continue_open(ln.text, ln)
                self.close_paragraph()
                return end

        # a "Label: value" line whose label names a section ("Contact: Helen ...")
        label, sep, value = first.text.partition(":")
        if sep and value.strip() and _words(label) <= INLINE_LABEL_MAX_WORDS and heading_kind(label):
            self.open_section(label.strip(), heading_kind(label), first.page)
            self.start_paragraph(None, value.strip(), first)
            for ln in block[1:]:
                self.continue_open(ln.text, ln)
            return end

        # continuation across a blank line or page break: lower-case start, or
        # the paragraph before stopped mid-sentence (items rarely end in a stop,
        # so an item only continues on a lower-case start)
        if op is not None and op.para.section == self.section.index and not self.last_was_heading \
                and not self._is_list_heading(text, end):
            prev = op.last_text()
            mid_sentence = (not op.para.items and prev and not _TERMINAL.search(prev)
                            and not _is_caps(first.text) and not first.styled)
            if first.text[0].islower() or mid_sentence:
                for ln in block:
                    self.continue_open(ln.text, ln)
                return end

        styled = all(ln.styled for ln in block) or _is_caps(text)
        follows = self._next_starts_numbered_or_items(end)
        if styled and _words(text) <= STYLED_HEADING_MAX_WORDS and not text.endswith((".", ":")):
            if op is not None and op.list_open and end < len(self.lines) \
                    and self.item_at(end) is not None and _words(text) <= LIST_HEADING_MAX_WORDS:
                self.add_item(None, "heading", text, first)
                return end
            self.open_section(text, None, first.page, plain_sentence=not _is_caps(text))
            return end
        if self._is_list_heading(text, end):
            self.add_item(None, "heading", text, first)       # "Stay Safe" over its tasks
            return end
        if follows and text[0].isupper() and _words(text) <= SENTENCE_HEADING_MAX_WORDS \
                and not text.endswith(":") and not _SENTENCE_BREAK.search(text):
            # a milestone or objective sentence heading the paragraphs under it
            self.open_section(text.rstrip("."), None, first.page, plain_sentence=True)
            return end
        self.start_paragraph(None, "", first)
        for ln in block:
            self.continue_open(ln.text, ln)
        return end


_VOCABULARY_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_LINE_END_HYPHEN = re.compile(r"([A-Za-z]+)-$")


def _vocabulary(lines: list[Line]) -> set[str]:
    """Every word the paper prints, lower case, hyphenated forms kept whole."""
    vocab: set[str] = set()
    for line in lines:
        vocab.update(map(str.lower, _VOCABULARY_WORD.findall(line.text)))
    return vocab


@lru_cache(maxsize=1)
def _hyphen_prefixes() -> frozenset[str]:
    return frozenset(load_lines("hyphen_prefixes.txt"))


def _join(lines: list[str], vocabulary: set[str]) -> str:
    """Join wrapped lines, repairing words broken at a line-end hyphen."""
    prefixes = _hyphen_prefixes()
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        # (a search of the growing paragraph only where it ends in a hyphen)
        m = _LINE_END_HYPHEN.search(out) if out.endswith("-") else None
        if m and line[0].isalpha() and line[0].islower():
            head = m.group(1)
            tail = re.match(r"[A-Za-z]+", line).group(0)
            joined = (head + tail).lower()
            hyphenated = f"{head}-{tail}".lower()
            keep = hyphenated in vocabulary or (
                joined not in vocabulary and head.lower() in prefixes)
            out = out + line if keep else out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return re.sub(r"\s+", " ", out).strip()


_LONE_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|\(?[a-z]\)|\([ivx]+\))$")


def _join_lone_numbers(lines: list[Line]) -> list[Line]:
    """A paragraph number set on a line of its own (a number column, a table
    cell) is joined to the text that follows it: "3.2" + "The Board..."."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and _LONE_NUMBER.match(line.text) and nxt.text[:1].isupper() \
                and not _LONE_NUMBER.match(nxt.text) and nxt.page == line.page:
            out.append(Line(text=f"{line.text} {nxt.text}", page=line.page, blank_before=line.blank_before,
                            page_break_before=line.page_break_before, bold=nxt.bold, large=nxt.large,
                            indent=line.indent))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def build_structure(lines: list[Line]) -> Structure:
    return _Builder(_join_lone_numbers(lines)).build()
