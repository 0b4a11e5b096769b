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
from functools import cache, lru_cache

from ..model import Item, Paragraph, Section
from ..model.data import load_jsonl, load_lines
from ._lines import Line
from ._lines import is_caps as _is_caps
from ._lines import word_count as _words
from .text import cell_spans

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
#: A paper's first decimal number ends in at most this ("2.1", not "77.5", a chart's figure).
MAX_FIRST_SUBNUMBER = 3
#: Words in brackets closing a line ("(KEY DECISION KD2024/031)", "(Item 5)").
_BRACKETS_AT_END = re.compile(r"\s*\([^()]*\)\s*$")
#: A minute's number, however high, heads the lines below when its "N.1" is within this many lines.
SUB_NUMBER_LOOKAHEAD_LINES = 4
#: Before any numbering, a number over a fragment this short ("80 Men") labels a chart.
FIGURE_LABEL_MAX_WORDS = 2
#: A numbered heading ("1. Introduction") has at most this many words.
NUMBERED_HEADING_MAX_WORDS = 8
#: A numbered field label ("6. Relevant Director:") is a heading at most this long.
FIELD_HEADING_MAX_WORDS = 4
#: A minute's title may wrap over this many lines above its "(Item N)" tag.
MINUTE_TITLE_MAX_LINES = 3
#: A minute's title has at most this many words.
MINUTE_TITLE_MAX_WORDS = 30
#: Without layout facts (text input) a line this short did not wrap.
SHORT_LINE_CHARS = 50
#: Text: lines under a lead-in, from gap to gap, are entries one a line when there are at least
#: this many and at least this share of them end short of the margin (by choice, not wrapped).
SHORT_RUN_MIN_LINES = 3
SHORT_RUN_SHARE = 0.75
#: An unbulleted entry wraps over at most this many more lines.
ENTRY_TAIL_MAX_LINES = 3
#: A text line this much shorter than the longest (with the next word added) ended by choice, not wrapped.
ENTRY_WRAP_SLACK_CHARS = 8
#: A title-like line has at least this share of its longer words capitalised.
TITLE_CASE_MIN_SHARE = 0.6
#: How far ahead to look for the item after an "i)" (is it "ii)" or "j)"?).
ITEM_LOOKAHEAD_LINES = 60
#: How far above a "b." its "a." may start (an item wrapped over a few lines).
SEQUENCE_LOOKBACK_LINES = 4
#: A question standing as a heading ("What does the evidence tell us?") is at most this long.
QUESTION_HEADING_MAX_WORDS = 10
#: After this many numbered headings and no numbered paragraph at one depth,
#: the paper numbers only headings there ("21.01.05 Discussion regarding ...").
MIN_SIBLING_HEADINGS = 3
SIBLING_HEADING_MAX_WORDS = 15
#: A short line heading a group of bullets inside a paragraph ("Stay Safe").
LIST_HEADING_MAX_WORDS = 8
#: A "Label: value" line splits into a heading and a paragraph when the label is this short.
INLINE_LABEL_MAX_WORDS = 6
#: The front block (committee, date, title...) ends at a block longer than this.
FRONT_BLOCK_MAX_WORDS = 40
#: A front-block line of at most this many words may turn out to head the body.
FRONT_HEADING_MAX_WORDS = 12
#: ...or after this many blocks with no heading or numbered paragraph.
FRONT_MAX_BLOCKS = 12
#: Text: a line set in this much further than a row in columns above it is a cell's wrapped tail.
WRAPPED_CELL_MIN_INDENT = 8
#: A line set this far left of the one above starts a new element (points or spaces).
OUTDENT_MIN = 4.0
#: ... and in text (indents counted in characters), this many characters.
TEXT_INDENT_MIN_CHARS = 2
#: Section kinds whose plain sentence sub-headings inherit the parent's kind.
INHERITING_KINDS = {"progress", "priorities", "future_priorities", "background",
                    "summary", "governance", "purpose"}

_BULLET = r"[-•*▪●◦·➢✓\uf0b7\uf0a7]"
_NUMBER = re.compile(rf"^(?P<md>{_BULLET}\s+)?(?P<num>\d{{1,3}}(?:\.\d{{1,3}}){{0,3}})"
                     rf"(?:(?P<punct>\.|\))?\s+|(?P<tight>\.)(?=[A-Z][a-z]))(?P<rest>\S.*)$")
#: "(Item 5)" under a minute's title, "(Pages 1 - 10)" after an agenda item's.
_TAG = r"\((?:(?:agenda\s+)?item\s+\d+[a-z]?|pages?\s+\d+(?:\s*[-–]\s*\d+)?)\)"
_ITEM_TAG = re.compile(rf"^{_TAG}$", re.IGNORECASE)
_ITEM_TAG_TAIL = re.compile(rf"\s*{_TAG}$", re.IGNORECASE)
#: "RESULT: APPROVED", "MOTION BY: Garcia": a record's field, never a heading.
_CAPS_FIELD = re.compile(r"^[A-Z][A-Z /]{1,20}:\s+\S")
_ROMAN = r"(?=[ivx])(?:x{0,3})(?:ix|iv|v?i{0,3})"     # never empty
_ITEM = re.compile(
    rf"^(?:{_BULLET}\s+)?(?:\((?P<p>[a-z]|{_ROMAN})\)|(?P<b>[a-z]|{_ROMAN})[).])\s+(?P<rest>\S.*)$",
    re.IGNORECASE)
#: Cells of a row set out as text, parted by a run of spaces ("Hatherby Council   Head of Early Help").
_COLUMNS = re.compile(r"\S {2,}\S")
#: A list entry may open with a count in lower case ("one Opposition Group member").
_COUNTED_ENTRY = re.compile(r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|up to|at least)\s")
#: A lead-in to a list: "... as follows:", "These are shown below."
_LEAD_IN_END = re.compile(r"(:|\b(?:below|follows)\.)\s*$")
_LEAD_IN_WORDS = ("below.", "follows.")
#: A minute's reference and title on one line: "CSP/12/26  POLICE AND CRIME ...", "HWB 14/04 Strategy",
#: "21/03  Governance", "OS.52  Annual report" (a year's run of minutes numbered with the year).
_MINUTE_REF = re.compile(r"^(?P<ref>(?:[A-Z]{1,6}[ ./-]?)?\d{1,4}/\d{2,4}|[A-Z]{1,6}\.\d{1,4})\s+(?P<title>[A-Z(].*)$")
#: A lead-in sentence, never a heading however known its words ("Our priorities for 2011-2014 are:").
_LEAD_IN_SENTENCE = re.compile(r"\b(?:are|is|were|was|include|includes|comprise|comprises|will be)\s*:\s*$",
                               re.IGNORECASE)
_BULLET_LINE = re.compile(rf"^(?:{_BULLET}|o(?=\s+[A-Z]))\s+(?P<rest>\S.*)$")     # ("o": a bullet typed as a letter)
_TERMINAL = re.compile(r"[.!?:;]['\"’”)]*$")
_SENTENCE_BREAK = re.compile(r"[.!?]['\"’”)]*\s+[A-Z]")
_ROMAN_NUMERALS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_ROMAN_FULL = re.compile(rf"^{_ROMAN}$", re.IGNORECASE)
#: A heading numbered by a capital letter ("C. STRUCTURE").
_LETTER_HEADING = re.compile(r"^([A-Z])[.)]\s")
#: Headings over a list of appendices or background papers, whose entries are no headings.
_APPENDIX_LIST = re.compile(r"^(list of )?(appendices|annexes|background (documents|papers))\b")
#: a roman numeral's successor, to tell "i) ... ii)" from "i) ... j)"
_ROMAN_NEXT = {n: _ROMAN_NUMERALS[k + 1] for k, n in enumerate(_ROMAN_NUMERALS[:-1]) if n in ("i", "v", "x")}
#: "From: ...", "Decision no: ...": each a line of its own in a front block.
_FRONT_LABEL = re.compile(r"^[A-Z][A-Za-z ()./']{0,30}:\s")
#: A front-block line at least this long may have wrapped onto the next line.
FRONT_WRAP_MIN_CHARS = 60
_REPORT_OF = re.compile(r"^(?:joint\s+)?report\s+(?:of|by|from)\b", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+(?:19|20)\d\d$")
#: A front-block line ending so runs on into the next ("... FOR CHILDREN," / "& LEARNING").
_RUNS_ON = re.compile(r"([,&/-]|\b(?:of|and|for|the|to|in|on|with))$", re.IGNORECASE)


#: "Sue Chandler, Cabinet Member ...": a person's line, a new entry even when it hangs under a field.
_NAME_ROLE_START = re.compile(r"^(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’.-]+){1,3}\s*[,–-]\s+\S")


#: A line of an attendance list: a person, then their role or body in brackets
#: ("Insp. J Kerr (Northshire Police)", "Cllr P Hendry (Chair) (Northshire County Council)").
_ATTENDEE = re.compile(r"^[A-Z][\w.'’ -]{1,40}(?:\s*\([^()]{1,60}\)){1,2}(?:\s*[-–]\s*\w+)?$")


#: ... or set out in columns: a titled person, then their post and body ("Dr A Patel   Clinical Chair   NHS Northby CCG").
_PERSON_LINE = re.compile(r"^(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Mx|Rev|Revd|Prof|Sir|Dame|Insp|Supt|DCI)\.?\s+"
                          r"(?:[A-Z]\.?\s+){0,3}[A-Z][\w'’-]+\b")
#: An unbulleted list entry: a name, a dash, what it is ("Northby Police - Detective Superintendent").
_DASH_ENTRY = re.compile(r"^[A-Z][\w'’&,.() ]{1,80}?\s[-–]\s+[A-Z(0-9]")
#: A label in capitals standing alone on its line ("IN ATTENDANCE:", "APOLOGIES:"): it opens
#: what follows (a title-case lead-in, "Our priorities are:", may run on into its list).
_LABEL_ALONE = re.compile(r"^[A-Z][A-Z ]{2,30}:$")
#: ... or a minutes' attendance label in any case ("Present:", "In attendance:", "Apologies:"):
#: the lines under it, to the next gap, are one person (or body) a line.
_ATTENDANCE_WORDS = (r"^\s*(?:(?:members|councillors|officers|also|others)\s+)?(?:present|in\s+attendance|attending|"
                     r"apologies(?:\s+for\s+absence)?(?:\s+were\s+received\s+from)?|absent)(?:\s*\([\w\s]{1,30}\))?\s*:")
_ATTENDANCE_LABEL = re.compile(_ATTENDANCE_WORDS + r"\s*$", re.IGNORECASE)
#: A line opening with such a label, its names after it ("In attendance: J. Hart, Policy Officer"):
#: after a gap, never the rest of the line above, which ends an attendee without a stop.
_ATTENDANCE_OPENS = re.compile(_ATTENDANCE_WORDS, re.IGNORECASE)
#: How far above a line its attendance label may stand.
ATTENDANCE_RUN_MAX_LINES = 40


def _group_heading_in_capitals(line: Line) -> bool:
    """"USER INTERESTS" over a table's rows: two words or more in capitals, no sentence's end."""
    return _is_caps(line.text) and len(line.text.split()) >= 2 and not _TERMINAL.search(line.text)


def _breaks_off(line: Line) -> bool:
    """Does the line end on a word or mark that needs more after it ("... by the Northby and")?"""
    return bool(_RUNS_ON.search(line.text.rstrip()))


#: A line set out as a short label and its value ("Labour:  Cllr L Cole", "Liberal Democrat: Cllr N Eve"):
#: one field a line, under another, is no wrapped tail of it.
_FIELD_LINE = re.compile(r"^[A-Z][\w'’&/-]*(?: [\w'’&/-]+){0,2}:\s+\S")


def _heading_kind(text: str) -> str | None:
    """A line's heading kind, as `heading_kind` knows it, but never for a lead-in sentence
    however known its words ("Our priorities for 2016/17 are:" wrapped onto its own line)."""
    return None if _LEAD_IN_SENTENCE.search(text) else heading_kind(text)


def _one_a_line(text: str) -> bool:
    """A line of an attendance list: one person a line."""
    return bool(_ATTENDEE.match(text) or _PERSON_LINE.match(text))


def _person_entry(text: str) -> bool:
    """A person's entry in a list of those present ("Sue Pardoe - Housing Options Manager",
    "Cllr J Orme (Chair) - Cabinet Member for Housing")."""
    return bool(_NAME_ROLE_START.match(text)) or _one_a_line(text)


def _front_field_starts(first: Line, previous: Line, line: Line) -> bool:
    """In a front block each line is a field of its own (council, committee,
    date, title, "From: ..."), unless the line before wrapped into it (it is
    long, or runs on with a comma or "of", or the next starts in lower case),
    or it hangs under the value of a "Label: value" field that `first` opened
    ("To:  Sue Chandler, Cabinet Member for Integrated Children's" / "Services")."""
    text, prev = line.text, previous.text.strip()
    if _FRONT_LABEL.match(text) or _REPORT_OF.match(text) or _DATE_LINE.match(text):
        return True
    if _RUNS_ON.search(prev) or text[:1].islower() or text.startswith("&"):
        return False
    hangs = _FRONT_LABEL.match(first.text) and line.indent > first.indent + OUTDENT_MIN
    if _NAME_ROLE_START.match(text) and (hangs or line.indent == previous.indent) \
            and _person_entry(_FRONT_LABEL.sub("", prev).strip()):
        # "Present:  Cllr J Orme (Chair) - Cabinet Member" / "S Pardoe - Housing Manager, X Council":
        # one person a line, however long the line above
        return True
    if hangs and not _NAME_ROLE_START.match(text):
        return False
    return len(prev) < FRONT_WRAP_MIN_CHARS or _is_caps(prev) != _is_caps(text)


#: A front line holding a full date ("... held on 18th February 2025") states the meeting.
_HAS_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
                       r"\.?,?\s+(?:19|20)\d\d\b", re.IGNORECASE)
#: "26 January 2024": a date, not paragraph 26.
_DATE_TAIL = re.compile(r"^(?:st|nd|rd|th)?\s*(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(19|20)\d\d\b",
                        re.IGNORECASE)


def _labelled_item_re() -> re.Pattern:
    words = "|".join(re.escape(w) for w in load_lines("item_labels.txt"))
    return re.compile(rf"^(?:{_BULLET}\s+)?(?P<label>(?:{words})\s+\d{{1,2}}[a-z]?)\s*[):.–-]\s*(?P<rest>\S.*)$",
                      re.IGNORECASE)


_HEADING_NUMBER = re.compile(r"^(\d+(\.\d+)*|[a-z]|[ivx]+)[.)]\s+")
_HEADING_TAIL = re.compile(r"[\s:.–-]+$")
_SPACES = re.compile(r"\s+")


def _normalise_heading(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = _HEADING_NUMBER.sub("", text)   # leading "1." / "a)"
    text = _HEADING_TAIL.sub("", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _section_rules() -> tuple[re.Pattern, tuple[str, ...]]:
    """models/sections.jsonl's patterns as one, each an alternative (group `r<n>`)
    in file order, and their labels: matching it tries the rules in order, as a
    loop over them would, in one call (most headings match none of them)."""
    rules = load_jsonl("sections.jsonl")
    for rule in rules:
        re.compile(rule["pattern"])          # a bad pattern is named on its own
    pattern = "|".join(f"(?P<r{n}>{rule['pattern']})" for n, rule in enumerate(rules))
    return re.compile(pattern), tuple(rule["label"] for rule in rules)


#: A statement about someone, with its stop ("The chair of each sub-group submits ... every quarter."),
#: not an objective ("Develop services which ...", which may close with a stop too): set alone between
#: two numbers of one run ("2.3" ... "2.4"), it closes the first, and a heading would not part the run.
_STATEMENT = re.compile(r"^(?:The|This|These|Those|Each|Every|All|Both|Its|Their|Our|An?)\s.*\.$")
_DOTTED_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def _follows_on(before: str | None, after: str | None) -> bool:
    """Is `after` the number next after `before` at its depth ("2.3" then "2.4", "46" then "47")?"""
    if not before or not after or not _DOTTED_NUMBER.fullmatch(before) or not _DOTTED_NUMBER.fullmatch(after):
        return False
    first, then = _number_tuple(before), _number_tuple(after)
    return len(first) == len(then) and first[:-1] == then[:-1] and then[-1] == first[-1] + 1


@lru_cache(maxsize=4096)
def heading_kind(text: str) -> str | None:
    """The section kind a heading names ("Purpose of the Report" -> purpose), or None."""
    words = text.split()
    if len(words) - 1 > KNOWN_HEADING_MAX_WORDS and not _HEADING_TAIL.fullmatch(words[-1]):
        # normalising takes off at most a leading number and trailing stops: too long still
        return None
    norm = _normalise_heading(text)
    if not norm or len(norm.split()) > KNOWN_HEADING_MAX_WORDS:
        return None
    pattern, labels = _section_rules()
    m = pattern.match(norm)
    return labels[int(m.lastgroup[1:])] if m else None


def _is_title_like(text: str) -> bool:
    """"Register of Interests", "Tree Management - Fell Lane": most longer words capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_MIN_SHARE


#: Letter-spaced text ("S u i c i d e s") has at least this many tokens, most of one character.
LETTER_SPACED_MIN_TOKENS = 4
LETTER_SPACED_MIN_SHARE = 0.6
#: A line of figures ("852,400 8,630", "19.5% 28.3%") has more than this share of numeric
#: tokens ("3 INTRODUCTION", a number and its heading, has just this share).
FIGURES_MIN_SHARE = 0.5
#: An infographic page (chart labels, figures, call-outs) has at least this many
#: lines, and at least this share of them are fragments: a few words with no stop.
FRAGMENT_PAGE_MIN_LINES = 15
FRAGMENT_PAGE_MIN_SHARE = 0.6
FRAGMENT_MAX_WORDS = 6
#: On such a page a second mixed-case heading must stand over prose: a block of body
#: type, of this many words, with a sentence in it.
PROSE_MIN_WORDS = 15
#: A chapter title printed at the top of at least this many consecutive pages is
#: a running title there: its first printing opens the section, the rest head nothing.
RUNNING_TITLE_MIN_PAGES = 3
#: A styled line heads a section only over body text: a sentence, a list or a
#: numbered paragraph, reached through at most this many headings below it
#: (labels of a chart, a diagram or a box stand over more labels).
HEADING_CHAIN_MAX = 2
#: A block of this many words counts as body text even with no full stop.
BODY_BLOCK_MIN_WORDS = 30
#: A signature: a personal name of two to four capitalised words.
_PERSON_NAME = re.compile(r"^(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)?"
                          r"[A-Z][a-z'’-]+(?:\s+(?:[A-Z]\.?|[A-Z][a-z'’-]+)){1,3}$")
_INITIALS_NAME = re.compile(r"^(?:[A-Z]\.?\s+){1,3}[A-Z][a-z'’-]+$")
#: Chart and picture captions, source notes: never headings ("Source: ONS", "Table 1: ...").
_CAPTION = re.compile(r"^(?:sources?|notes?|figure|fig\.|chart|graph|table|map|photo|image)\b\s*"
                      r"(?:\d+(?:\.\d+)*[a-z]?)?\s*[:.–-]", re.IGNORECASE)
#: A fragment that stops on a word that needs more after it ("Top Places to").
_BROKEN_OFF = re.compile(r"(?:[,&/–-]|\b(?:of|and|or|for|the|to|in|on|with|a|an|are|is|was|were|by|at|from|as"
                         r"|that|which|its|our|their|than|still))$", re.IGNORECASE)
#: Prose has a sentence that ends with a stop.
_SENTENCE_END = re.compile(r"[a-z)][.!?]['\"’”)]*(?:\s|$)")
#: A quantity and its unit ("80.6 years", "8,630 births") labels a figure.
_QUANTITY = re.compile(r"^[£$]?\d{1,3}(?:,\d{3})*(?:\.\d+)?%?\s+[a-z]")
_NUMERIC_TOKEN = re.compile(r"^[(£$+=-]*\d[\d,./:%-]*(?:st|nd|rd|th|k|m|bn)?[)%]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _role_re() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in load_lines("roles.txt")) + r")\b", re.IGNORECASE)


def _is_name(text: str) -> bool:
    return bool(_PERSON_NAME.match(text) or _INITIALS_NAME.match(text))


def _signature(text: str, after: str | None) -> bool:
    """A person's name with no other text ("Jane Smith, Chairman", "Chair: J Smith",
    or a name over a line naming a role) signs a letter; it heads nothing."""
    parts = re.split(r"\s*[,:–-]\s*", text, maxsplit=1)
    if len(parts) == 2:
        a, b = parts
        if (_is_name(a) and _role_re().match(b)) or (_role_re().fullmatch(a) and _is_name(b)):
            return True
    if _is_name(text) and after:
        return bool(_role_re().match(after.split(",")[0].split(" - ")[0].strip()))
    return False


def _not_heading(text: str, after: str | None = None) -> bool:
    """Text that is never a heading however it is set: a fragment starting in lower
    case or broken off mid-phrase, letter-spaced or chart-label text, a line of
    figures, a caption or source note, a signature."""
    tokens = text.split()
    if not tokens or text[0].islower() or text.startswith(("...", "…")) or _BROKEN_OFF.search(text) or _CAPTION.match(text) \
            or _QUANTITY.match(text):
        return True
    if len(tokens) >= LETTER_SPACED_MIN_TOKENS \
            and sum(len(t) == 1 for t in tokens) >= len(tokens) * LETTER_SPACED_MIN_SHARE:
        return True
    if "%" in text or sum(bool(_NUMERIC_TOKEN.match(t)) for t in tokens) > len(tokens) * FIGURES_MIN_SHARE:
        return True
    return _signature(text, after)


def _fragment_pages(lines: list[Line]) -> set[int | None]:
    """Pages set mostly in fragments: infographics, charts, diagrams."""
    pages: dict[int | None, list[int]] = {}
    for line in lines:
        counts = pages.setdefault(line.page, [0, 0])
        counts[0] += 1
        counts[1] += _words(line.text) <= FRAGMENT_MAX_WORDS and not line.text.rstrip().endswith(".")
    return {page for page, (n, fragments) in pages.items()
            if n >= FRAGMENT_PAGE_MIN_LINES and fragments >= n * FRAGMENT_PAGE_MIN_SHARE}


def _running_titles(lines: list[Line]) -> set[int]:
    """Indices of the later printings of a chapter title repeated at the top of a
    run of consecutive pages ("STARTING WELL" on each page of its chapter)."""
    tops: list[tuple[int, int, str]] = []          # (page, line index, text)
    for i, line in enumerate(lines):
        if line.page is not None and (i == 0 or lines[i - 1].page != line.page) \
                and (line.styled or _is_caps(line.text)):
            tops.append((line.page, i, _normalise_heading(line.text)))
    repeats: set[int] = set()
    run: list[tuple[int, int, str]] = []
    for top in tops + [(-1, -1, "")]:
        if run and top[2] == run[-1][2] and top[0] == run[-1][0] + 1:
            run.append(top)
            continue
        if len(run) >= RUNNING_TITLE_MIN_PAGES:
            repeats.update(i for _, i, _ in run[1:])
        run = [top]
    return repeats


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
        if self.para.items:
            return True
        # (only a line ending in ':', 'below.' or 'follows.' can end a lead-in: the search,
        # which scans the whole line, is skipped for the rest)
        if not self.lines:
            return False
        end = self.lines[-1].rstrip()
        return (end.endswith(":") or end.endswith(_LEAD_IN_WORDS)) and bool(_LEAD_IN_END.search(self.lines[-1]))

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
        #: depth -> (numbered headings, numbered paragraphs) seen at that depth
        self.numbered_depths: dict[int, tuple[int, int]] = {}
        #: the letter of the section's last lettered paragraph ("h" in "h) The Members...")
        self.last_letter: str | None = None
        self.fragment_pages = _fragment_pages(lines)
        #: pages where a section was opened
        self.heading_pages: set[int | None] = set()
        self.running_titles = _running_titles(self.lines)
        #: the last block kept in the front (it may turn out to head the body)
        self.front_block: list[Line] | None = None
        #: text lines (no margins known) wrap at about the longest line's length
        self.wrap_chars = max((len(ln.text) for ln in lines if ln.ends_short is None), default=0)

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
        heading = heading.lstrip(".:;,–- ") or heading
        self.heading_pages.add(page)
        self.sections.append(Section(heading=heading, kind=kind, index=len(self.sections),
                                     level=level, number=number, parent=parent, page=page))
        self.section_fresh = True
        self.last_letter = None
        self.last_was_heading = True
        if number and re.fullmatch(r"\d+(?:\.\d+)*", number):      # (not a minute's "22/101")
            self.last_number = _number_tuple(number)
            heads, paras = self.numbered_depths.get(len(self.last_number), (0, 0))
            self.numbered_depths[len(self.last_number)] = (heads + 1, paras)

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
            heads, paras = self.numbered_depths.get(len(self.last_number), (0, 0))
            self.numbered_depths[len(self.last_number)] = (heads, paras + 1)
        if number is not None:
            self.section_fresh = False
        if number is not None and len(number) == 1 and number.isalpha():
            self.last_letter = number

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
        letters = [it.label for it in op.para.items if it.kind == "lettered" and it.label]
        if letters and ord(label) == ord(letters[-1][0]) + 1:
            return False                    # the next item of an open (a), (b) list
        return self.last_letter is not None and ord(label) == ord(self.last_letter) + 1

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
    def _plausible(self, num: tuple[int, ...], new_block: bool = False) -> bool:
        last = self.last_number
        if num[0] == 0:
            return False
        if new_block and last is not None and len(num) > 1 and num[:-1] == last[:-1]:
            return True                 # a decimal number printed again ("6.1" after "6.10")
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
        return bool(_TERMINAL.search(self.lines[i - 1].text)) or bool(_BULLET_LINE.match(line.text)) \
            or (_NUMBER.match(line.text) is not None and self._ended_by_choice(i))

    def number_at(self, i: int) -> re.Match | None:
        if i >= len(self.lines):
            return None
        m = _NUMBER.match(self.lines[i].text)
        if not m or not self._may_start(i):
            return None
        rest = m.group("rest")
        if rest[0].islower() or rest[0] in "%)/" or _DATE_TAIL.match(rest) \
                or all(_NUMERIC_TOKEN.match(t) for t in rest.split()):
            return None                     # ... or a row of figures ("17 4%")
        if not self._plausible(_number_tuple(m.group("num")), self.lines[i].blank_before) \
                and not self._minute_title_end(i, m) and not self._opens_sub_numbers(i, m.group("num")):
            return None
        return m

    def _opens_sub_numbers(self, i: int, num: str) -> bool:
        """Does the number on line i head its own sub-numbers below ("112. SEND IMPROVEMENT
        BOARD" then "112.1 Cabinet considered ..."): a minute numbered on through the year,
        however high, not a figure?"""
        return len(_number_tuple(num)) == 1 and any(
            self._first_child_at(j, num) for j in range(i + 1, min(i + SUB_NUMBER_LOOKAHEAD_LINES, len(self.lines))))

    def _first_child_at(self, j: int, num: str) -> bool:
        """Does line j open with the first number under `num` ("2.1" under "2")?"""
        m = _NUMBER.match(self.lines[j].text)
        return m is not None and _number_tuple(m.group("num")) == _number_tuple(num) + (1,)

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
        if m and (m.group("p") or self._may_start(i) or self._next_in_sequence(i, m.group("b"))):
            label = (m.group("p") or m.group("b")).lower()
            if m.group("b") and not m.group("p") and len(label) > 1 and not _ROMAN_FULL.match(label):
                return None
            return label, self._item_kind(label, i), m.group("rest")
        m = _BULLET_LINE.match(text)
        if m:
            return None, "bullet", m.group("rest")
        list_open = self.open is not None and self.open.list_open
        if list_open and self._dash_entry(i):
            return None, "bullet", text     # "The members are:" then "Northby Council - Director of ..." a line
        if list_open and self._unbulleted_entry(i):
            return None, "bullet", text     # "The Board will comprise:" then one member a line, unbulleted
        return None

    def _next_in_sequence(self, i: int, label: str) -> bool:
        """Does line i's "b." follow an item "a." a line or two above (the same list, though
        "a. Joint Commissioning Sub-Group" ends with no stop)?"""
        label = label.lower()
        roman = _ROMAN_NUMERALS.index(label) if label in _ROMAN_NUMERALS and label != "i" else None
        if (len(label) != 1 and roman is None) or label == "a":
            return False
        # ("ii." after "i.", "iv." after "iii."; "v." after "u." or "iv.")
        before = {chr(ord(label) - 1)} if len(label) == 1 else set()
        before |= {_ROMAN_NUMERALS[roman - 1]} if roman else set()
        for j in range(i - 1, max(-1, i - SEQUENCE_LOOKBACK_LINES - 1), -1):
            above = _ITEM.match(self.lines[j].text)
            if above:
                return (above.group("b") or "").lower() in before
            if self.lines[j].blank_before:
                return False
        return False

    def _dash_entry(self, i: int) -> bool:
        """Is line i a "Body - post" entry under a lead-in or under another such entry?"""
        return i > 0 and bool(_DASH_ENTRY.match(self.lines[i].text)) and bool(
            _LEAD_IN_END.search(self.lines[i - 1].text) or _DASH_ENTRY.match(self.lines[i - 1].text))

    def _unbulleted_entry(self, i: int) -> bool:
        """Is line i one entry of an unbulleted list, one a line, under a lead-in ending in
        a colon: it starts with a capital or a count ("two representatives of ..."), and the
        line above (the lead-in or the entry before) ended by choice, short of the margin,
        where its next word would have fitted."""
        line, above = self.lines[i], self.lines[i - 1]
        if above.ends_short is not None or _NUMBER.match(line.text) or _breaks_off(above):
            return False                # (text only: a PDF's lines carry their layout, read elsewhere;
                                        # a line ending "nominated by the Northby and" runs on)
        run = self._short_line_run(i)   # (a scan of the lines from gap to gap: after the cheap tests)
        if not (line.text[:1].isupper() or _COUNTED_ENTRY.match(line.text) or (run and not line.blank_before)):
            return False
        if _LEAD_IN_END.search(above.text):       # the first entry: set in under the lead-in, or after it
            if line.indent >= above.indent + TEXT_INDENT_MIN_CHARS:
                return True
            if line.blank_before:
                return run              # after a gap, only in a run of short lines
        elif line.blank_before or not (self._unbulleted_entry_above(i - 1) or run):
            return False
        if run:
            return True
        # (a row set out in columns under another is an entry however long: "Northmoor Police   Chief Inspector")
        return self._ended_by_choice(i) or bool(_COLUMNS.search(line.text) and _COLUMNS.search(above.text))

    def _short_line_run(self, i: int) -> bool:
        """Text: is line i in a run of lines (from a gap, or the lead-in line itself, to a gap) that mostly end by choice,
        none of them a sentence ("...senior officers from:" / "" / "Northby Borough Council (Children's
        Services and Public Health)" / "Eastmere Police" / "head teacher representatives")?"""
        start = i
        while start > 0 and not self.lines[start].blank_before and not _LEAD_IN_END.search(self.lines[start - 1].text):
            start -= 1
        end = i + 1               # (to the next gap or numbered paragraph: "3.2 Core members:" / entries / "3.3 ...")
        while end < len(self.lines) and not self.lines[end].blank_before and not _NUMBER.match(self.lines[end].text):
            end += 1
        lines = self.lines[start:end]
        if len(lines) < SHORT_RUN_MIN_LINES or start == 0 or not _LEAD_IN_END.search(self.lines[start - 1].text) \
                or any(ln.text.rstrip().endswith(".") or ln.ends_short is not None or _NUMBER.match(ln.text)
                       or _BULLET_LINE.match(ln.text) for ln in lines):
            return False
        # (a line closing a bracket ends an entry too: "Northby Borough Council (Chair)")
        by_choice = sum(self._ended_by_choice(k) or self.lines[k - 1].text.rstrip().endswith(")")
                        for k in range(start + 1, end))
        return by_choice >= SHORT_RUN_SHARE * (end - start - 1)

    def _ended_by_choice(self, i: int) -> bool:
        """Text: did the line above line i end short of the longest line, where line i's
        first word would have fitted (so line i is no wrapped tail of it)? Never for a
        PDF's lines: their layout is read elsewhere."""
        above = self.lines[i - 1]
        if above.ends_short is not None or _breaks_off(above):
            return False                # (a line ending "nominated by the Northby and" runs on, however short)
        first_word = self.lines[i].text.split(" ", 1)[0]
        return len(above.text) + 1 + len(first_word) < self.wrap_chars - ENTRY_WRAP_SLACK_CHARS

    def _table_row_as_text(self, i: int) -> bool:
        """Text: is line i a row of a table set out in columns, under a row that is too
        ("Committee  Chair  Meets" / "Finance Committee  Town Mayor  Bi-monthly")?"""
        line = self.lines[i]
        if line.ends_short is not None or i == 0 or not _COLUMNS.search(line.text):
            return False
        k = i - 1          # (past the wrapped tails of the row above: "Ambulance Service NHS Trust; HPA")
        while k > 0 and i - k < ENTRY_TAIL_MAX_LINES and not _COLUMNS.search(self.lines[k].text) \
                and not self.lines[k].blank_before and self.lines[k].indent > line.indent + OUTDENT_MIN:
            k -= 1
        return bool(_COLUMNS.search(self.lines[k].text))

    def _unbulleted_entry_above(self, j: int) -> bool:
        """Was line j (no bullet of its own) an entry of an unbulleted list, or the wrapped
        tail of one ("Rights of Way Group - reports to each Forum" / "meeting")?"""
        for k in range(j, max(0, j - ENTRY_TAIL_MAX_LINES), -1):
            line = self.lines[k]
            if _BULLET_LINE.match(line.text) is not None or _ITEM.match(line.text) is not None:
                return False
            if self._unbulleted_entry(k) or self._dash_entry(k):
                return True
            if line.blank_before or not (line.text[:1].islower() or line.indent > self.lines[k - 1].indent):
                return False
        return False

    def _next_item_label(self, i: int) -> str | None:
        """The label of the next item line after line i (lookahead)."""
        for j in range(i + 1, min(i + ITEM_LOOKAHEAD_LINES, len(self.lines))):
            m = _ITEM.match(self.lines[j].text)
            if m:
                return (m.group("p") or m.group("b")).lower()
        return None

    def _item_kind(self, label: str, i: int) -> str:
        """Lettered or roman, for the item labelled `label` on line i."""
        if not _ROMAN_FULL.match(label):
            return "lettered"
        items = self.open.para.items if self.open else []
        letters = [it.label for it in items if it.kind == "lettered" and it.label]
        if not letters and self.last_letter and ord(label[0]) == ord(self.last_letter) + 1 \
                and self._next_item_label(i) != _ROMAN_NEXT.get(label):
            return "lettered"                       # paragraph h) then i): the letter i
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
            and not (self.lines[j - 1].text.endswith(_LEAD_IN_WORDS + (":",)) and self._dash_entry(j)) \
            and _heading_kind(self.lines[j].text) is None \
            and self._list_number_at(j) is None \
            and not (_one_a_line(self.lines[j].text) and _one_a_line(self.lines[j - 1].text)) \
            and not (_FIELD_LINE.match(self.lines[j].text) and _FIELD_LINE.match(self.lines[j - 1].text)) \
            and not (self.lines[j - 1].ends_short is None and _DASH_ENTRY.match(self.lines[j].text)
                     and _DASH_ENTRY.match(self.lines[j - 1].text)
                     and (self._ended_by_choice(j) or _PERSON_LINE.match(self.lines[j].text))) \
            and not self._row_apart(j) \
            and not _LABEL_ALONE.match(self.lines[j].text) and not _LABEL_ALONE.match(self.lines[j - 1].text) \
            and not _ATTENDANCE_LABEL.match(self.lines[j].text) \
            and not (self._under_attendance_label(j) and not self._attendee_tail(j)) \
            and not self._after_short_item(j) and not self._set_in_under_lead_in(j) \
            and not self._group_heading_between_rows(j)

    def _row_apart(self, j: int) -> bool:
        """Text: is line j, set out in columns, a row of its own, not the tail of the line above
        (a row under a row, set out to its left, or opening a table under prose)?"""
        line, above = self.lines[j], self.lines[j - 1]
        return line.columns and (above.columns or line.indent < above.indent - OUTDENT_MIN or self._opens_table(j))

    def _opens_table(self, j: int) -> bool:
        """Text: does line j, set out in columns under prose, open a table whose rows follow it
        ("... and the Town Mayor (ex officio)" / "Committee / group   Members   Chair" / rows; "Table 1:
        Board membership" / "Agency  Representative" / rows)?"""
        text = self.lines[j].text
        cells = [text[a:b] for a, b in cell_spans(text)]
        # (three cells or more; or two short ones that end in no stop, "Agency  Representative")
        return j + 1 < len(self.lines) and self.lines[j + 1].columns and not self.lines[j + 1].blank_before \
            and (len(cells) >= 3 or (all(_words(c) <= FIELD_HEADING_MAX_WORDS for c in cells)
                                     and not text.endswith((".", ",", ";", ":"))))

    def _group_heading_between_rows(self, j: int) -> bool:
        """Text: a table's rows set in under a heading of their group ("Group B - the Church of
        England" / "  Diocese of Harnbury Board of Education    Revd Canon A Thewlis"), or under
        one in capitals ("USER INTERESTS"): the heading, outdented under a row (or in capitals), is
        no wrapped tail of it, nor is the row under it (a short line) its tail."""
        above, line = self.lines[j - 1], self.lines[j]
        if above.columns and not line.columns:
            return line.indent < above.indent or (_group_heading_in_capitals(line) and not _breaks_off(above))
        return line.columns and not above.columns and self._ended_by_choice(j) and (
            line.indent > above.indent or _group_heading_in_capitals(above))

    def _under_attendance_label(self, j: int) -> bool:
        """Text: is line j one of the lines under "Present:" (or the like) before the next gap?"""
        if self.lines[j].ends_short is not None or self.lines[j].blank_before:
            return False
        for k in range(j - 1, max(-1, j - ATTENDANCE_RUN_MAX_LINES), -1):
            if _ATTENDANCE_LABEL.match(self.lines[k].text):
                return True
            if self.lines[k].blank_before and not _ATTENDANCE_LABEL.match(self.lines[k - 1].text if k else ""):
                return False
        return False

    def _attendee_tail(self, j: int) -> bool:
        """Text: is line j, under an attendance label, the wrapped tail of a "Name - Post, Body"
        line above that ran to the margin ("Dr A Shah - Designated Clinical Officer, NHS Northby and" /
        "Fenwold Integrated Care Board"), not an attendee of its own?"""
        text, above, line = self.lines[j].text, self.lines[j - 1], self.lines[j]
        if above.columns and not line.columns and line.indent >= above.indent + WRAPPED_CELL_MIN_INDENT:
            return True             # a cell's wrapped tail set under it ("Ann Lee  Designated Nurse, NHS Northby and" /
                                    # "                Southby Integrated Care Board")
        return bool(_DASH_ENTRY.match(above.text)) and not _DASH_ENTRY.match(text) \
            and not _one_a_line(text) and not self._ended_by_choice(j)

    def _set_in_under_lead_in(self, j: int) -> bool:
        """Text: is line j set in under a lead-in line ending in a colon ("...make up the
        Partnership are:" / "     Fennick District Council"), so an entry, not its wrapped tail?"""
        above, line = self.lines[j - 1], self.lines[j]
        return line.ends_short is None and above.text.rstrip().endswith(":") and bool(_LEAD_IN_END.search(above.text)) \
            and line.indent >= above.indent + TEXT_INDENT_MIN_CHARS

    def _after_short_item(self, j: int) -> bool:
        """Text (no margins known): a short item ("- Northby Police"), or one that ended short of
        the margin, does not run on to a capitalised line below it ("Northby Homes is invited to
        attend ..."), unless it broke off
        ("Northby Council  Assistant Director, Youth and" / "Communities (Chair)")."""
        above = self.lines[j - 1]
        if above.ends_short is not None or not self.lines[j].text[:1].isupper() or _breaks_off(above):
            return False
        item = self.item_at(j - 1)
        # (a line set in under the item's first, hanging, is its wrapped tail however short the line above;
        # a labelled item, "PRIORITY 1: ...", may head the text below it)
        return item is not None and (len(above.text) < SHORT_LINE_CHARS or (
            item[0] is None and self._ended_by_choice(j) and self.lines[j].indent <= above.indent))

    def _block_end(self, i: int) -> int:
        """Index after the run of plain text lines that starts at i (a block)."""
        j = i + 1
        while (self._wraps(j) or self._hangs_under_field(i, j)) and not (
                self.in_front and _front_field_starts(self.lines[i], self.lines[j - 1], self.lines[j])):
            j += 1
        return j

    def _hangs_under_field(self, i: int, j: int) -> bool:
        """In a front block, is line j set under the value of the "Label: value"
        line i ("Electoral Division:  Sheppey" / "Margate"), whatever its type style?"""
        return self.in_front and j < len(self.lines) and not self.lines[j].blank_before \
            and bool(_FRONT_LABEL.match(self.lines[i].text)) \
            and self.lines[j].indent > self.lines[i].indent + OUTDENT_MIN \
            and self.number_at(j) is None and self.item_at(j) is None

    def _is_list_heading(self, text: str, end: int) -> bool:
        """A short line over bullets inside a paragraph's open list ("Stay Safe")."""
        op = self.open
        if op is None or not op.list_open or op.para.section != self.section.index:
            return False
        if _words(text) > LIST_HEADING_MAX_WORDS or _TERMINAL.search(text) or self.lines[end - 1].large:
            return False                    # (a line set large heads the paper, not a list)
        nxt = self.item_at(end) if end < len(self.lines) else None
        return nxt is not None and nxt[1] == "bullet"

    def _continues_run(self, j: int) -> bool:
        """Is the numbered line at j the next of a run of numbered headings ("46. Crime
        and ..." then "47. Teenage pregnancy", minutes' items)? Then a sentence closing
        the first item ("It was resolved that ...") does not head the second. (Between
        numbered paragraphs, a sentence may head the paragraphs after it.)"""
        m = self.number_at(j)
        last = self.section.number
        if m is None or last is None or any(p.number for p in self.paragraphs if p.section == self.section.index):
            return False
        return _follows_on(last, m.group("num"))

    def _next_starts_numbered(self, j: int) -> bool:
        """Does a numbered paragraph (not a numbered heading) start at line j?"""
        m = self.number_at(j) if j < len(self.lines) else None
        return m is not None and self._numbered_heading(j, m) is None and self._set_in_one(j) is None

    def build(self) -> Structure:
        i = 0
        n = len(self.lines)
        while i < n:
            line = self.lines[i]
            text = line.text
            if i in self.running_titles:
                self.heading_pages.add(line.page)   # the page's title, printed again
                i += 1
                continue
            minute = _MINUTE_REF.match(text)
            if minute and (line.blank_before or i == 0 or _TERMINAL.search(self.lines[i - 1].text)
                           or self.lines[i - 1].ends_short is not False) and self._minute_heading(minute):
                # "CSP/12/26  POLICE AND CRIME COMMISSIONER", "HWB 14/04 Strategy": a minute, by its reference
                title = minute.group("title").strip()
                self.open_section(title, heading_kind(title) or "minutes_item", line.page, number=minute.group("ref"))
                i += 1
                continue
            # a heading of a known kind: "Purpose of the Report", "Appendix 1: Implications"
            kind = _heading_kind(text)
            if kind == "appendix" and self._listing_appendices():
                kind = None                         # "Appendix A: ..." in a list of appendices
            if kind and self._field_of_contact(line):
                kind = None                         # "Lead Officer:" in a contact block
            if kind and (line.blank_before or self.last_was_heading or i == 0 or line.styled
                         or _TERMINAL.search(self.lines[i - 1].text)):
                numbered = _NUMBER.match(text)      # "1. Introduction": heading number 1
                if numbered and not numbered.group("md"):
                    end = self._minute_title_end(i, numbered) or i + 1
                    title = self._minute_title(i, numbered.group("rest"), end)
                    self.open_section(title, kind, line.page, number=numbered.group("num"))
                    i = end
                else:
                    self.open_section(text, kind, line.page)
                    i += 1
                continue
            listed = self._list_number_at(i) or self._restarted_list_at(i)
            if listed is not None:
                self.add_item(*listed, line)
                i = self._continue_lines(i + 1)
                continue
            m = self.number_at(i)
            if m is not None and not (self.in_front and self.front_blocks == 0 and i == 0
                                      and _words(m.group("rest")) <= 3):
                i = self._numbered(i, m)
                continue
            item = self.item_at(i)
            if item is not None and not self.in_front and self._roman_heading(i, item):
                self.open_section(item[2], heading_kind(item[2]), line.page, number=_ITEM.match(text).group("b"))
                i += 1
                continue
            if item is not None and not self.in_front and self._next_letter_heading(i):
                self.open_section(text, heading_kind(item[2]), line.page)
                i += 1
                continue
            if item is not None and not self.in_front:
                self.add_item(*item, line)
                i = self._continue_lines(i + 1)
                continue
            i = self._text_block(i)
        self.close_paragraph()
        front = [p for p in self.paragraphs if p.section == 0]
        return Structure(self.sections, self.paragraphs, front)

    def _minute_title_end(self, i: int, m: re.Match) -> int | None:
        """Index after a minute's title ("84. Apologies" over "(Item 1)", the title
        possibly wrapped, or "(Item 1)" at its end), or None if line i is no minute."""
        title = m.group("rest")
        if _ITEM_TAG_TAIL.search(title):
            return i + 1
        for j in range(i + 1, min(i + 1 + MINUTE_TITLE_MAX_LINES, len(self.lines))):
            text = self.lines[j].text
            if _ITEM_TAG.match(text):
                return j + 1
            if self.lines[j].blank_before:
                return None
            title += " " + text                 # the tag may itself wrap: "(Pages" / "461 - 610)"
            if _ITEM_TAG_TAIL.search(title):
                return j + 1
            if _TERMINAL.search(text):
                return None
        return None

    def _minute_title(self, i: int, rest: str, end: int) -> str:
        """The title of the minute on lines i..end, its wrapped lines joined and its tag dropped."""
        return _ITEM_TAG_TAIL.sub("", " ".join([rest] + [ln.text for ln in self.lines[i + 1:end]])).strip()

    def _field_of_contact(self, line: Line) -> bool:
        """A "Label:" field in a contact block ("Lead Officer:", "Report Author: J Smith",
        "Appendix A:" under "Contact details"), or a contact label standing alone in
        body type ("Contact Details:" over a name): the block's record, not a heading."""
        text = line.text
        if ":" not in text or _NUMBER.match(text):
            return False
        alone = text.rstrip().endswith(":")
        contact_label = heading_kind(text.partition(":")[0]) == "contact"
        return (self.section.kind == "contact" and (alone or contact_label)) or (
            alone and contact_label and not line.styled)

    def _listing_appendices(self) -> bool:
        """Is the current section a list of the paper's appendices or background papers?"""
        return bool(self.section.heading) and bool(_APPENDIX_LIST.match(_normalise_heading(self.section.heading)))

    def _set_in_one(self, i: int) -> re.Match | None:
        """Line i numbered "1" in body type and set in from the line above: a
        list's first item, where the paper's own numbering stands at the margin."""
        if i <= 0 or i >= len(self.lines):
            return None
        line = self.lines[i]
        m = _NUMBER.match(line.text)
        if m is None or m.group("num") != "1" or line.indent < OUTDENT_MIN or line.styled \
                or self.lines[i - 1].indent > line.indent - OUTDENT_MIN:
            return None
        return m

    def _restarted_list_at(self, i: int) -> tuple[str, str, str] | None:
        """(label, "numbered", text) when line i opens a numbered list that restarts
        at 1 right under a numbered heading or after an unnumbered lead-in paragraph
        ("4. Developing employment..." / "   1. Identify..."); a styled "1." may
        head a sub-section instead ("1. Awareness of where to signpost")."""
        m = self._set_in_one(i)
        if m is None or self.last_number is None:
            return None
        op = self.open
        under_heading = self.last_was_heading and self.section.number is not None
        after_lead_in = op is not None and op.para.number is None and not op.para.items \
            and op.para.section == self.section.index and self.section.heading is not None
        # ("8. The Partnership sets four priorities:" then "   1. Increase ...": a list, not paragraph 1)
        after_numbered_lead_in = op is not None and op.para.number is not None and not op.para.items \
            and op.last_text().endswith(":")
        return ("1", "numbered", m.group("rest")) if under_heading or after_lead_in or after_numbered_lead_in else None

    def _heads_own_list(self, i: int) -> bool:
        """Is styled line i (wrapped over at most two more lines) set over a list of its own?"""
        return self.lines[i].styled and any(
            self._set_in_one(j) for j in range(i + 1, min(i + 4, len(self.lines))))

    def _list_number_at(self, i: int) -> tuple[str, str, str] | None:
        """(label, "numbered", text) when line i numbers an item of the open
        paragraph's list: "1)" or "1." after a lead-in ending with a colon, or the
        next number of such a list; the paper's paragraph numbering is elsewhere."""
        op = self.open
        m = _NUMBER.match(self.lines[i].text)
        if op is None or m is None or "." in m.group("num") or op.para.section != self.section.index \
                or not op.list_open or self._heads_own_list(i):
            return None
        numbered = [it.label for it in op.para.items if it.kind == "numbered"]
        if (op.para.number or "").isdigit() and not numbered:
            return None            # (paragraph 8, then 9: the paper's numbering, unless a list of its own opened)
        expected = str(int(numbered[-1]) + 1) if numbered and numbered[-1].isdigit() else "1"
        if m.group("num") != expected or (not numbered and op.para.items):
            return None
        return m.group("num"), "numbered", m.group("rest")

    def _numbered_heading(self, i: int, m: re.Match) -> tuple[str, str | None, int] | None:
        """(title, kind, index after it) when numbered line i heads a section.

        The paper's own evidence decides: a minute's "(Item N)" tag; a known
        heading; a short title standing alone (styled, capitals, or with its
        first child number below); a field label at a depth the paper already
        numbers headings at ("6. Relevant Director:"); or a title-like line that
        ends short with body text under it ("16.03.2 Register of Interests")."""
        line = self.lines[i]
        num, rest = m.group("num"), m.group("rest")
        nxt = i + 1
        end = self._minute_title_end(i, m)
        if end is not None:
            title = self._minute_title(i, rest, end)
            if _words(title) <= MINUTE_TITLE_MAX_WORDS:
                return title, heading_kind(title) or "minutes_item", end
        next_is_new = nxt >= len(self.lines) or self.lines[nxt].blank_before
        known = _heading_kind(rest)
        if known is not None and _words(rest) <= KNOWN_HEADING_MAX_WORDS:
            return rest, known, nxt
        # (a reference in brackets after a title is no word of it: "... BOARD (KEY DECISION KD2024/031)")
        short = _words(_BRACKETS_AT_END.sub("", rest)) <= NUMBERED_HEADING_MAX_WORDS
        first_child = line.ends_short is None and nxt < len(self.lines) and self._first_child_at(nxt, num)
        if (next_is_new or first_child) and short and not _TERMINAL.search(rest) \
                and (line.styled or _is_caps(rest) or self._child_follows(num, nxt)):
            return rest, None, nxt
        wrapped = self._styled_title_end(i)
        if wrapped is not None:
            title = " ".join([rest] + [ln.text for ln in self.lines[nxt:wrapped]])
            return title, heading_kind(title), wrapped
        depth = len(_number_tuple(num))
        ends_short = line.ends_short if line.ends_short is not None else len(line.text) <= SHORT_LINE_CHARS
        if self._numbers_headings_at(depth) and ends_short and not _TERMINAL.search(rest) and (
                (short and (_is_caps(rest) or _is_title_like(rest)))
                or (line.styled and _words(rest) <= STYLED_HEADING_MAX_WORDS)):
            return rest, None, nxt          # a sibling of the numbered headings before it
        if self.numbered_depths.get(depth, (0, 0))[0] >= MIN_SIBLING_HEADINGS \
                and not self.numbered_depths[depth][1] and _words(rest) <= SIBLING_HEADING_MAX_WORDS \
                and not _TERMINAL.search(rest):
            return rest, None, nxt          # at a depth where the paper numbers only headings
        under = self.item_at(nxt) if nxt < len(self.lines) else None      # an item on the next line
        if line.bold and _words(rest) <= STYLED_HEADING_MAX_WORDS and not rest.endswith(":") \
                and nxt < len(self.lines) and not self.lines[nxt].bold and under is None:
            return rest, None, nxt          # a bold title over plain text
        if rest.endswith(":") and _words(rest) <= FIELD_HEADING_MAX_WORDS and self._numbers_headings_at(depth):
            return rest.rstrip(":").strip(), None, nxt
        if short and ends_short and not _TERMINAL.search(rest) \
                and nxt < len(self.lines) and not next_is_new \
                and (self.lines[nxt].text[:1].isupper() or _BULLET_LINE.match(self.lines[nxt].text)) \
                and _NUMBER.match(self.lines[nxt].text) is None \
                and (under is None or under[1] == "bullet"):
            return rest, None, nxt          # a title line with its text (or bullets) under it
        return None

    def _numbers_headings_at(self, depth: int) -> bool:
        """Has the paper numbered a heading at this depth ("2" -> 1, "2.1" -> 2)?"""
        return self.numbered_depths.get(depth, (0, 0))[0] > 0

    def _styled_title_end(self, i: int) -> int | None:
        """Index after a styled numbered title wrapped over up to three lines and
        standing alone (a gap or the end follows), or None."""
        if not self.lines[i].styled:
            return None
        j = i + 1
        while j < len(self.lines) and j < i + 3 and not self.lines[j].blank_before and self.lines[j].styled \
                and _NUMBER.match(self.lines[j].text) is None:
            j += 1
        title = " ".join(ln.text for ln in self.lines[i:j])
        if j == i + 1 or (j < len(self.lines) and not self.lines[j].blank_before) \
                or _words(title) > STYLED_HEADING_MAX_WORDS or _SENTENCE_BREAK.search(title.split(None, 1)[-1]) \
                or (title.endswith(".") and (j >= len(self.lines) or self.lines[j].styled)):
            return None
        return j

    def _numbered(self, i: int, m: re.Match) -> int:
        heading = self._numbered_heading(i, m)
        if heading is not None:
            title, kind, nxt = heading
            self.open_section(title, kind, self.lines[i].page, number=m.group("num"))
            return nxt
        rest = m.group("rest")
        num = _number_tuple(m.group("num"))
        if self.last_number is None and (
                (num[0] > 1 and _words(rest) <= FIGURE_LABEL_MAX_WORDS and not _TERMINAL.search(rest)
                 and not self._wraps(i + 1)) or (len(num) > 1 and num[-1] > MAX_FIRST_SUBNUMBER)):
            # "80" over "Men", "77.5" beside a chart's caption: figures, no paragraph
            return self._text_block(i)
        self.in_front = False
        self.start_paragraph(m.group("num"), rest, self.lines[i])
        return self._continue_lines(i + 1)

    def _continue_lines(self, j: int) -> int:
        """Append the wrapped lines that follow an element's first line."""
        while self._wraps(j):
            self.continue_open(self.lines[j].text, self.lines[j])
            j += 1
        return j

    @staticmethod
    def _minute_heading(minute: re.Match) -> bool:
        """A minute reference's title: short, set in capitals or title case, no sentence."""
        title = minute.group("title").strip()
        return _words(title) <= MINUTE_TITLE_MAX_WORDS and not _TERMINAL.search(title) \
            and not _SENTENCE_BREAK.search(title) and (_is_caps(title) or _is_title_like(title) or title[:1].isupper())

    def _child_follows(self, num: str, j: int) -> bool:
        """Does the next line number a child of `num` (1 -> 1.1) or restart at 1?"""
        if j >= len(self.lines):
            return False
        m = _NUMBER.match(self.lines[j].text)
        if not m:
            return False
        nxt = _number_tuple(m.group("num"))
        return nxt == _number_tuple(num) + (1,) or nxt == (1,)

    def _label_on_infographic(self, text: str, first: Line, end: int) -> bool:
        """On a page set mostly in fragments, a mixed-case line after the page's
        heading labels a chart or a figure unless prose stands under it."""
        if first.page not in self.fragment_pages or first.page not in self.heading_pages or _is_caps(text):
            return False
        if end >= len(self.lines) or self.lines[end].page != first.page:
            return True
        block = self.lines[end:self._block_end(end)]
        under = " ".join(ln.text for ln in block)
        return _words(under) < PROSE_MIN_WORDS or not _SENTENCE_END.search(under) \
            or all(ln.styled for ln in block)

    def _broken_into(self, i: int) -> bool:
        """Does line i finish the phrase the line above broke off ("JOINT HEALTH AND" / ...)?"""
        return i > 0 and not self.lines[i].blank_before and self.lines[i - 1].page == self.lines[i].page \
            and bool(_BROKEN_OFF.search(self.lines[i - 1].text))

    def _repeats_title(self, text: str) -> bool:
        """Is this the paper's title (a block of its front) printed again?"""
        norm = _normalise_heading(text)
        return any(_normalise_heading(p.text) == norm for p in self.paragraphs if p.section == 0)

    def _roman_heading(self, i: int, item: tuple[str | None, str, str]) -> bool:
        """"II. Utilise community insight": a capital roman numeral over a short
        title, the body text below set out to the left of it, heads a section."""
        line, (label, _, rest) = self.lines[i], item
        m = _ITEM.match(line.text)
        if not label or m is None or not m.group("b") or not _ROMAN_FULL.match(label) \
                or not m.group("b").isupper() or i + 1 >= len(self.lines):
            return False
        nxt = self.lines[i + 1]
        return line.ends_short is not False and _words(rest) <= NUMBERED_HEADING_MAX_WORDS \
            and not _TERMINAL.search(rest) and nxt.indent < line.indent - OUTDENT_MIN \
            and nxt.text[:1].isupper() and _NUMBER.match(nxt.text) is None and _ITEM.match(nxt.text) is None

    def _next_letter_heading(self, i: int) -> bool:
        """"D.  MEMBERSHIP OF THE BOARD" after a section headed "C.  STRUCTURE": the next
        capital letter of the headings' run, over a short title in capitals, is the next
        heading, not an item of the list above it."""
        m = _ITEM.match(self.lines[i].text)
        last = _LETTER_HEADING.match(self.section.heading or "")
        if m is None or last is None or not m.group("b") or len(m.group("b")) != 1 \
                or ord(m.group("b")) != ord(last.group(1)) + 1:
            return False
        rest = m.group("rest")
        return _is_caps(rest) and _words(rest) <= NUMBERED_HEADING_MAX_WORDS and not _TERMINAL.search(rest)

    def _front_heading(self, block: list[Line], end: int) -> bool:
        """Is a front-block line really a heading of the body: one styled line,
        title-like, no date, field or sentence, over body text?"""
        text = block[0].text
        return len(block) == 1 and block[0].styled and _words(text) <= FRONT_HEADING_MAX_WORDS \
            and not _TERMINAL.search(text) and not _DATE_LINE.match(text) and not _FRONT_LABEL.match(text) \
            and not _SENTENCE_BREAK.search(text) and not _HAS_DATE.search(text) \
            and not _not_heading(text) and not _NUMBER.match(text) and self._over_body_text(end)

    def _label_heading(self, block: list[Line], text: str, end: int) -> bool:
        """A short title-case label standing alone on its line with a colon, over
        the entries it introduces ("Committee Reports:", "Items from Correspondence:"),
        heads them; a lead-in sentence ending in a colon is no title, and a label set
        away from the margin ("Mayor:" over a signature line) or over a list of
        people ("Jane Smith - Public Health Lead") heads nothing."""
        return len(block) == 1 and block[0].blank_before and text.endswith(":") \
            and abs(block[0].indent) <= OUTDENT_MIN \
            and _words(text) <= FIELD_HEADING_MAX_WORDS and (_is_title_like(text) or _is_caps(text)) \
            and end < len(self.lines) and self.lines[end].text[:1].isupper() \
            and self.section.kind != "contact" and not _signature(self.lines[end].text, None) \
            and not _NAME_ROLE_START.match(self.lines[end].text)

    def _wraps_into_body(self, end: int) -> bool:
        """Did the block's last line run to the margin and wrap into body text below
        it with no gap (a paragraph whose first line is bold; a line set larger
        than the body is no paragraph's first line)?"""
        last = self.lines[end - 1]
        return last.ends_short is False and not last.large and end < len(self.lines) and not self.lines[end].blank_before \
            and not self.lines[end].styled and self.lines[end].page == last.page

    def _runs_on(self, end: int) -> bool:
        """Does the line after a block continue its sentence (no gap, lower case)?"""
        return end < len(self.lines) and not self.lines[end].blank_before \
            and self.lines[end].text[:1].islower()

    def _over_body_text(self, end: int, depth: int = 0) -> bool:
        """Does body text follow a heading candidate that ends before line `end`:
        a sentence, a long block, a lead-in, a list item or a numbered paragraph,
        or another heading (at most HEADING_CHAIN_MAX deep) over such text?"""
        while end in self.running_titles:
            end += 1
        if end >= len(self.lines):
            return True
        if self.number_at(end) is not None or self.item_at(end) is not None or heading_kind(self.lines[end].text):
            return True
        stop = self._block_end(end)
        block = self.lines[end:stop]
        text = " ".join(ln.text for ln in block)
        if _CAPTION.match(text):
            return False                    # a chart's source note: the line labels the chart
        if _SENTENCE_END.search(text) or text.endswith(":") or _words(text) >= BODY_BLOCK_MIN_WORDS:
            return True
        return depth < HEADING_CHAIN_MAX and (all(ln.styled for ln in block) or _is_caps(text)) \
            and not _not_heading(text) and not self._runs_on(stop) and self._over_body_text(stop, depth + 1)

    def _text_block(self, i: int) -> int:
        end = self._block_end(i)
        block = self.lines[i:end]
        text = " ".join(ln.text for ln in block)
        first = block[0]
        op = self.open

        if self.in_front:
            self.front_blocks += 1
            if first.page_break_before and self.front_blocks > 1 and self._front_heading(block, end):
                self.in_front = False       # the cover ended with its page: a heading opens the body
            elif _words(text) > FRONT_BLOCK_MAX_WORDS or self.front_blocks > FRONT_MAX_BLOCKS:
                self.in_front = False
                last = self.front_block
                if last is not None and self.paragraphs and self.front_blocks > 2 \
                        and self._front_heading(last, i):
                    # the front's last line heads the body that ends it ("Chairman's Introduction")
                    self.paragraphs.pop()
                    self.open_section(last[0].text, heading_kind(last[0].text), last[0].page)
                    self.last_was_heading = False
                else:
                    self.sections.append(Section(heading=None, kind="other",
                                                 index=len(self.sections), page=first.page))
            else:
                self.front_block = block
                # a multi-line styled block (a two-line bold title) stays one paragraph
                self.start_paragraph(None, "", first)
                for ln in block:
                    self.continue_open(ln.text, ln)
                self.close_paragraph()
                return end

        # a "Label: value" line whose label names a section ("Contact: Helen ...")
        label, sep, value = first.text.partition(":")
        if sep and value.strip() and _words(label) <= INLINE_LABEL_MAX_WORDS and heading_kind(label) \
                and not (heading_kind(label) == "appendix" and self._listing_appendices()) \
                and not self._field_of_contact(first):
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
                            and not _is_caps(first.text) and not first.styled
                            and not (_one_a_line(prev) and _one_a_line(first.text))
                            and not (_FIELD_LINE.match(prev) and _FIELD_LINE.match(first.text))
                            and not (first.ends_short is None and _DASH_ENTRY.match(prev) and _DASH_ENTRY.match(first.text))
                            and not self._under_attendance_label(i) and not _ATTENDANCE_OPENS.match(first.text)
                            and not (i > 0 and self._row_apart(i))
                            and not (i > 0 and self._group_heading_between_rows(i)))
            quoted = prev.endswith(":") and not op.para.items and first.text[:1] in "“\"‘'"
            if first.text[0].islower() or mid_sentence or quoted:
                for ln in block:
                    self.continue_open(ln.text, ln)
                return end

        # the heading above ran to the margin and wrapped onto this styled line
        if self.last_was_heading and self.section.heading and len(block) == 1 and first.styled \
                and not first.blank_before and i > 0 and self.lines[i - 1].ends_short is False \
                and self.lines[i - 1].page == first.page and _words(text) <= LIST_HEADING_MAX_WORDS:
            self.section.heading = f"{self.section.heading} {text}"
            return end

        after = self.lines[end].text if end < len(self.lines) else None

        @cache
        def never() -> bool:
            """Text never a heading, however set. (Asked only where a rule needs it,
            after that rule's cheaper tests: it scans the whole block, and most
            blocks are prose that no rule takes for a heading.)"""
            return _not_heading(text, after) or (len(block) > 1 and _signature(block[0].text, block[1].text)) \
                or self._table_row_as_text(i) or self._label_on_infographic(text, first, end) or self._runs_on(end) \
                or bool(_SENTENCE_BREAK.search(text)) or self._broken_into(i) or self._wraps_into_body(end)
        # a box's label: wrapped lines set centred or ragged, not on one left edge
        ragged = len(block) > 1 and max(ln.indent for ln in block) - min(ln.indent for ln in block) > OUTDENT_MIN
        styled = (all(ln.styled for ln in block) or _is_caps(text)) and not _CAPS_FIELD.match(text) and not never()
        follows = self._next_starts_numbered(end)
        # a short styled title may close with a stop ("Cross-cutting priorities."), set apart by gaps
        stopped_title = text.endswith(".") and len(block) == 1 and first.blank_before \
            and 2 <= _words(text) <= FIELD_HEADING_MAX_WORDS and end < len(self.lines) and self.lines[end].blank_before
        if styled and _words(text) <= STYLED_HEADING_MAX_WORDS and (not text.endswith((".", ":")) or stopped_title) \
                and not _DATE_LINE.match(text):
            if op is not None and op.list_open and end < len(self.lines) and not first.large \
                    and self.item_at(end) is not None and _words(text) <= LIST_HEADING_MAX_WORDS:
                self.add_item(None, "heading", text, first)
                return end
            title = _is_caps(text) and all(ln.large for ln in block)     # a page or chapter title
            repeated = first.page_break_before and self._repeats_title(text)    # the cover's title atop a page
            if not ragged and not repeated and (title or self._over_body_text(end)):
                self.open_section(text, None, first.page, plain_sentence=not _is_caps(text))
                return end
        if self._is_list_heading(text, end):
            self.add_item(None, "heading", text, first)       # "Stay Safe" over its tasks
            return end
        if self._label_heading(block, text, end) and not never():
            self.open_section(text.rstrip(":").strip(), None, first.page)   # "Committee Reports:"
            return end
        if len(block) == 1 and text.endswith("?") and _words(text) <= QUESTION_HEADING_MAX_WORDS \
                and first.ends_short is not False and end < len(self.lines) \
                and self.lines[end].text[:1].isupper() and not never():
            self.open_section(text, None, first.page)          # "Who is affected?" over its answer
            return end
        if follows and text[:1].isupper() and _words(text) <= SENTENCE_HEADING_MAX_WORDS \
                and not text.endswith(":") and not never() and not self._continues_run(end) \
                and self._top_section().kind in INHERITING_KINDS | {"front", "other"} \
                and not _SENTENCE_BREAK.search(text) \
                and not (op is not None and op.last_text().endswith(":")) \
                and not (_STATEMENT.match(text) and op is not None and (following := self.number_at(end)) is not None
                         and _follows_on(op.para.number, following.group("num"))):
            # a milestone or objective sentence heading the paragraphs under it
            # (not the matter a lead-in ending in a colon introduces: "... a motion proposing that:")
            self.open_section(text.rstrip("."), None, first.page, plain_sentence=True)
            return end
        self.start_paragraph(None, "", first)
        for ln in block:
            self.continue_open(ln.text, ln)
        return end


def _vocabulary(lines: list[Line]) -> set[str]:
    """Every word the paper prints, lower case, hyphenated forms kept whole."""
    # one scan of all the text (a line break matches no word), lower-cased at once
    words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", "\n".join(line.text for line in lines))
    return set(" ".join(words).lower().split())


@lru_cache(maxsize=1)
def _hyphen_prefixes() -> frozenset[str]:
    return frozenset(load_lines("hyphen_prefixes.txt"))


def _join(lines: list[str], vocabulary: set[str]) -> str:
    """Join wrapped lines, repairing words broken at a line-end hyphen (in time
    linear in the paragraph's length: only the last line is looked at)."""
    prefixes = _hyphen_prefixes()
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = _HYPHEN_END.search(parts[-1][-HYPHEN_WORD_MAX:]) if parts and parts[-1].endswith("-") else None
        tail = _WORD_START.match(line) if m else None
        if tail and line[0].islower():
            head, tail = m.group(1), tail.group(0)
            joined = (head + tail).lower()
            hyphenated = f"{head}-{tail}".lower()
            keep = hyphenated in vocabulary or (
                joined not in vocabulary and head.lower() in prefixes)
            if not keep:
                parts[-1] = parts[-1][:-1]
            parts.append(line)
        else:
            parts.append(f" {line}" if parts else line)
    # (two spaces are kept: they part the cells of a row read from text set out in columns)
    return _OTHER_SPACE.sub(" ", "".join(parts)).strip()


#: A word broken at a line end ("anti-"), and the start of its rest on the next line.
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")
_WORD_START = re.compile(r"[^\W\d_]+")
#: Whitespace other than a space, and runs of three or more spaces: one space each.
_OTHER_SPACE = re.compile(r"[^\S ]+| {3,}")
#: Only this much of a line's end is searched for a broken word.
HYPHEN_WORD_MAX = 64


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
