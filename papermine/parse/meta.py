"""Metadata a paper prints about itself (council, committee or decision-maker,
meeting date, title, report of, period covered) and the manifest that supplies
what it does not.

Where a value stands decides whether it is the paper's own. Only the paper's
head is read: its front block (council and committee lines, `From:`/`To:`/
`Subject:` fields, the date line, the title, name - role lines) or a minutes
heading ("MINUTES of a meeting of the Cabinet held ... on Thursday, 30 January
2025"). A council, a date or a year merely mentioned in the body is never taken:
papers name neighbouring councils, earlier meetings and plan periods all the
time. The exceptions, each read only when the head names no council, are
explained where they are made: a council named in the running header or footer
(`running`); a paper addressed to a council's own full meeting ("To: County
Council") that names exactly one council of that kind; a paper for a council's
decision-maker (its Cabinet, a Cabinet Member) whose body names one council far
more often than any other. A PDF whose text names no council at all has the
pictures of its first page read by OCR (`pictures.py`), and a council's logo or
a board's banner read there fills the council or committee
(`meta_from_pictures`).

A title is given without its committee and date, as a reader cites it:
"Minutes" for "MINUTES of a meeting of the Cabinet held on ...", "Annual
Progress Report" under a partnership's name on a cover.

Every value records where it came from (`printed`, `manifest`, `option`,
`picture`); a value found nowhere stays None. `extra` keeps each printed field and says how
the council was found (`council_evidence`) and which council it is
(`council_id`, from `models/councils.jsonl`).

Data (`models/`): `councils.jsonl` (UK principal councils, current and
abolished, with the name forms they are printed under), `council_patterns.jsonl`
(parish, town and community councils, forms abroad, unknown principal
councils), `front_fields.jsonl` (what a front-block label means),
`front_patterns.jsonl` (minutes and agenda headings), `meta_words.json`;
`agencies.jsonl` (its council bodies, known in a banner).
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateutil import parser as _dateparser
from rapidfuzz import fuzz, process

from ..model import Meta, Paragraph, Section
from ..model.data import load_json, load_jsonl
from ._lines import is_caps
from ._lines import word_count as _words

__all__ = ["extract_meta", "find_date", "find_dates", "find_councils", "council_gazetteer",
           "COUNCIL_KINDS", "read_manifest", "manifest_entry", "apply_overrides", "meta_from_pictures",
           "PICTURE_ORIGIN"]

#: Kinds of principal council in `models/councils.jsonl`.
COUNCIL_KINDS = frozenset({"county", "district", "unitary", "london_borough", "city_of_london",
                           "metropolitan_borough", "sui_generis", "welsh_principal",
                           "scottish_council", "ni_district"})
#: A paper that opens with headings, not a front block ("MINUTES", "Agenda Item 7"):
#: its head is read through sections of these kinds, at most this many blocks...
HEAD_SECTION_KINDS = frozenset({"other", "minutes_item"})
HEAD_MAX_BLOCKS = 8
#: ...each at most this long (a long paragraph is body text).
HEAD_BLOCK_MAX_WORDS = 40
#: A title (one block or a run of title-page lines) is at most this long.
TITLE_MAX_WORDS = 30
#: A committee named on a line of its own ("Corporate Parenting Panel") is at most this long.
COMMITTEE_LINE_MAX_WORDS = 12
#: A line whose words outside its date number at most this many is a date line.
DATE_LINE_MAX_OTHER_WORDS = 4
#: A title-page line continues the title when at most this share of its
#: content words is in lower case ("Service level summary report" is a subtitle).
TITLE_CASE_MAX_LOWER = 0.34
#: A place printed alone ("EAST PALO ALTO") is looked for among the first this many
#: head lines, and has at most this many words.
PLACE_LINE_MAX_INDEX = 3
PLACE_LINE_MAX_WORDS = 4
#: A front label ("Electoral Division(s) affected") has at most this many characters.
LABEL_MAX_CHARS = 45
#: A council named in the running lines ranks below every place in the head
#: (tiers 0-3); a full council's self-reference in the body is read only when
#: no council is found at all.
RUNNING_LINE_TIER = 4
#: A paper for a council's decision-maker is its most named council's when that
#: council is named at least this often, and this many times as often as any other.
MOST_NAMED_MIN = 5
MOST_NAMED_RATIO = 4
#: Where a value read from a picture on page 1 (a logo, a banner) by OCR came from.
PICTURE_ORIGIN = "picture"
#: A word read by OCR from a picture is taken as the council-name word it is
#: this close to (rapidfuzz ratio, 0-100): logo lettering loses a letter
#: ("councl", "count" for "county"), but a different place name is further off.
PICTURE_WORD_MATCH = 80
#: A picture's line is a known body's name at this ratio ("Health and Wellbeing Boava").
PICTURE_BODY_MATCH = 88
#: ...and its last word is the body word at this ratio or more.
PICTURE_BODY_WORD_MATCH = 60
#: Lettering in a logo or banner comes in short lines; a longer line is text
#: set in a picture (a quotation, a caption), where a council is merely named.
PICTURE_LINE_MAX_WORDS = 5
#: A council's name stacked in a logo ("west / sussex / county / council") is
#: read within this many consecutive short lines.
PICTURE_NAME_MAX_LINES = 6

# ---- dates ---------------------------------------------------------------------

_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
#: "9th", "10 th" (a raised ordinal read with a space), "1st"
_ORDINAL = r"(?:\s?(?:st|nd|rd|th))?"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_YEAR = r"(?:19|20)\d\d"
#: The shapes a full date is printed in; python-dateutil reads what they match.
_DATE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"{_WEEKDAY}?(?:the\s+)?\d{{1,2}}{_ORDINAL}(?:\s+of)?[\s,]+{_MONTH}\.?,?\s+{_YEAR}"
    rf"|{_WEEKDAY}?{_MONTH}\.?\s+\d{{1,2}}{_ORDINAL},?\s+{_YEAR}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR}"
    rf"|{_YEAR}-\d\d-\d\d"
    rf")(?![\w/])", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\.?,?\s+{_YEAR}\b", re.IGNORECASE)
_ORDINAL_SUFFIX = re.compile(r"(\d)\s?(?:st|nd|rd|th)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    iso: str


def _read_date(printed: str) -> str | None:
    """One printed date to ISO, through python-dateutil (day first, as in the UK;
    "01/27/2020" is still read as 27 January because month 27 does not exist)."""
    text = re.sub(rf"^{_WEEKDAY}", "", printed.strip(), flags=re.IGNORECASE)
    text = _ORDINAL_SUFFIX.sub(r"\1", text)
    text = re.sub(r"\b(?:the|of)\b", " ", text, flags=re.IGNORECASE)
    try:
        return _dateparser.parse(text, dayfirst=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


def find_dates(text: str) -> list[DateHit]:
    """Every full date (day, month and year) printed in `text`, in order.
    A year alone, a month and year, or a period ("2024-2039") is not a date."""
    hits = []
    for m in _DATE.finditer(text):
        iso = _read_date(m.group(0))
        if iso:
            hits.append(DateHit(m.start(), m.end(), iso))
    return hits


def find_date(text: str) -> str | None:
    """The first full date printed in `text`, as ISO yyyy-mm-dd."""
    hits = find_dates(text)
    return hits[0].iso if hits else None


def _without_dates(text: str) -> str:
    """`text` with its dates and the words that join them cut out:
    "Cabinet – 30 January 2025" -> "Cabinet"."""
    for hit in reversed(find_dates(text)):
        text = text[:hit.start] + " " + text[hit.end:]
    text = re.sub(r"\b(?:at|from)\s+\d{1,2}(?:[.:]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(?:on|held on|dated)\s*$", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"^[\s,;:–—-]+|[\s,;:–—-]+$", "", re.sub(r"\s+", " ", text))


# ---- text helpers ----------------------------------------------------------------

_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "&", "at", "by", "with"}
#: Inside hyphenated place names: "Burton-cum-Walden", "Stockton-on-Tees".
_SMALL_IN_NAMES = {"cum", "on", "upon", "under", "in", "le", "la", "the", "by", "super", "en", "de", "next", "and"}


def _tidy(text: str) -> str:
    """ALL CAPS front-block lines read better in title case; others stay as printed."""
    text = re.sub(r"\s+", " ", text).strip().strip("*").strip()
    if _is_caps(text):
        out = []
        for i, word in enumerate(text.lower().split()):
            parts = word.split("-")
            parts = [p if (j and p in _SMALL_IN_NAMES) else p[:1].upper() + p[1:] for j, p in enumerate(parts)]
            word = "-".join(parts)
            if re.fullmatch(r"\w{1,2}&\w{1,2}", word):
                word = word.upper()          # "A&E", "R&D": letters either side of "&" are initials
            out.append(word.lower() if (i and word.lower() in _SMALL_WORDS) else word)
        text = " ".join(out)
    return text


def _is_caps(text: str) -> bool:
    """Set in capitals, counted from two letters (the structure builder wants three)."""
    return is_caps(text, min_letters=2)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip()


def _key(text: str) -> str:
    """A comparison key: case, quotes, "&"/"and", hyphens and stops folded."""
    text = _norm(text).lower().replace("&", " and ").replace("-", " ")
    return re.sub(r"\s+", " ", re.sub(r"[^\w' ]", " ", text)).strip()


@lru_cache(maxsize=1)
def _vocab() -> dict[str, frozenset[str]]:
    data = load_json("meta_words.json")
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


# ---- councils ------------------------------------------------------------------------

@dataclass(frozen=True)
class CouncilHit:
    """A council named in a text: where, the name as printed, its canonical name,
    its id in the gazetteer (None for one read by pattern) and its kind."""
    start: int
    end: int
    printed: str
    name: str
    id: str | None
    kind: str


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*|&")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,5}$")


class _Gazetteer:
    """The councils of `models/councils.jsonl`, found in text by their name forms
    (longest first; acronyms such as "KCC" only in capitals, as printed)."""

    def __init__(self, rows: tuple[dict, ...]):
        self.rows = {row["id"]: row for row in rows}
        self.names: dict[tuple[str, ...], dict] = {}
        self.acronyms: dict[str, dict] = {}
        for row in rows:
            for form in row["pattern"]:
                if _ACRONYM.match(form) and sum(c.isupper() for c in form) >= 2:
                    self.acronyms[form] = row
                else:
                    self.names[tuple(self._norm_tokens(form))] = row
        self.first = {key[0] for key in self.names}
        self.longest = max(len(key) for key in self.names)

    @staticmethod
    def _norm_tokens(text: str) -> list[str]:
        return ["and" if t == "&" else t.lower().replace("’", "'") for t in _TOKEN.findall(text)]

    def find(self, text: str) -> list[CouncilHit]:
        tokens = list(_TOKEN.finditer(text))
        norms = ["and" if t.group() == "&" else t.group().lower().replace("’", "'") for t in tokens]
        hits: list[CouncilHit] = []
        i = 0
        while i < len(tokens):
            row, size = self.acronyms.get(tokens[i].group()), 1
            if row is None and norms[i] in self.first and tokens[i].group()[:1].isupper():
                for n in range(min(self.longest, len(tokens) - i), 0, -1):
                    row = self.names.get(tuple(norms[i:i + n]))
                    if row:
                        size = n
                        break
            if row:
                start, end = tokens[i].start(), tokens[i + size - 1].end()
                hits.append(CouncilHit(start, end, text[start:end], row["pattern"][0], row["id"], row["label"]))
                i += size
            else:
                i += 1
        return hits


@lru_cache(maxsize=1)
def council_gazetteer() -> _Gazetteer:
    return _Gazetteer(load_jsonl("councils.jsonl"))


#: The word before "Council" that says which kind a full council meeting is ("County Council").
_COUNCIL_TYPES = ("parish", "town", "community", "village", "city", "county", "borough", "district")

_NAME_WORD = r"[A-Z][\w'’.]*(?:-[\w'’]+)*"
_NAME_JOIN = r"(?:and|&|upon|on|under|in|le|la|the|of|with|cum|next|by|de|en|sur|super)"
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_JOIN}\s+)?{_NAME_WORD}){{0,5}})"


@lru_cache(maxsize=1)
def _council_patterns() -> tuple[tuple[re.Pattern, str, bool, str], ...]:
    """(regex, kind, whole line only, id) for each pattern of `council_patterns.jsonl`."""
    return tuple((re.compile(r"\b" + row["pattern"].replace("{NAME}", _NAME) + r"\b"), row["label"],
                  row.get("where") == "line", row["id"]) for row in load_jsonl("council_patterns.jsonl"))


def _pattern_councils(text: str) -> list[CouncilHit]:
    """Councils read by pattern: "Milburn Parish Council", "Township of Nipissing"."""
    words = _vocab()
    stop, venues = words["name_stop_words"], words["venue_words"]
    not_councils = words["not_council_words"]
    hits: list[CouncilHit] = []
    for rx, kind, whole_line, _id in _council_patterns():
        for m in rx.finditer(text):
            words = list(re.finditer(r"\S+", m.group("name")))
            if m.start() == m.start("name"):                              # "Minutes of Milburn ..."
                while words and words[0].group().lower().strip(".,") in stop:
                    words = words[1:]
            if not words or words[-1].group().lower() in venues or words[-1].group().lower() in not_councils \
                    or all(w.group().lower() in _COUNCIL_TYPES for w in words):   # "County Council"
                continue
            after = text[m.end():].split()
            if after and after[0].lower().strip(".,;:") in venues:          # "City Council Chamber"
                continue
            start = m.start("name") + words[0].start() if m.start() == m.start("name") else m.start()
            printed = _norm(text[start:m.end()])
            if whole_line and _key(_without_dates(text)) != _key(printed):
                continue
            hits.append(CouncilHit(start, m.end(), printed, printed, None, kind))
    return hits


def find_councils(text: str) -> list[CouncilHit]:
    """The councils named in `text`, in order: those of the gazetteer first, then
    councils read by pattern where no gazetteer name stands."""
    text = _tidy(text)
    found = council_gazetteer().find(text)
    for hit in _pattern_councils(text):
        if not any(h.start < hit.end and hit.start < h.end for h in found):
            found.append(hit)
    return sorted(found, key=lambda h: (h.start, -(h.end - h.start)))


def _council_body(hit: CouncilHit) -> str:
    """What the council calls its own full meeting: "Parish Council" for Milburn
    Parish Council, "County Council" for Kent County Council, else "Council"."""
    m = re.search(rf"\b((?:{'|'.join(_COUNCIL_TYPES)})\s+Council)$", hit.name, re.IGNORECASE)
    return m.group(1) if m else "Council"


# ---- the head of the paper ----------------------------------------------------------

@dataclass
class _Block:
    text: str          # as printed, whitespace collapsed
    tidy: str          # ALL CAPS in title case
    page: int | None
    label: str | None = None
    role: str | None = None
    value: str = ""


_FIELD = re.compile(rf"^(?P<label>[A-Za-z][A-Za-z ()./'’?-]{{0,{LABEL_MAX_CHARS}}}?)\s*[:]\s*(?P<value>.*)$")
_REPORT_OF = re.compile(r"^(?:joint\s+)?report\s+(?:of|by|from)\s*:?\s+(?P<who>.+)$", re.IGNORECASE)
#: "Published by Northby District Council on behalf of the Forum, July 2019": who publishes the
#: paper (its council, when a council), a line of its own and no part of the title.
# ("Published by X Council", "Published September 2021 - hosted by X Council", "Published October 2023 by X")
_PUBLISHED_BY = re.compile(r"^(?:published|produced|prepared|issued)\s+(?:[^-–—]{0,30}?[-–—]\s*(?:hosted|supported)\s+|"
                           r"(?:in\s+|on\s+)?(?:\d{1,2}\s+)?[A-Z][a-z]+\s+\d{4},?\s+)?by\s+"
                           r"(?P<who>.+)$", re.IGNORECASE)
_NAME_ROLE = re.compile(r"^(?P<who>[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){1,3})\s*[-–,]\s*"
                        r"(?P<role>.*\b(director|member|head|manager|officer|chief|lead|councillor|"
                        r"cabinet member|executive|leader|counsel|clerk|chair|chairman)\b.*)$", re.IGNORECASE)
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+\.(?:gov|org|co|ac|nhs)\.uk/?$|^\S+@\S+$|^\.?\w+\.\w+$",
                  re.IGNORECASE)


@lru_cache(maxsize=1)
def _front_fields() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(row["pattern"], re.IGNORECASE), row["label"])
                 for row in load_jsonl("front_fields.jsonl"))


@lru_cache(maxsize=1)
def _front_patterns() -> dict[str, tuple[re.Pattern, ...]]:
    out: dict[str, list[re.Pattern]] = {}
    for row in load_jsonl("front_patterns.jsonl"):
        out.setdefault(row["label"], []).append(re.compile(row["pattern"], re.IGNORECASE))
    return {k: tuple(v) for k, v in out.items()}


def _skipped(text: str) -> bool:
    """A head line that says nothing of the paper's fields ("Agenda Item 7", "Unrestricted")."""
    return any(rx.match(text.strip(" .")) for rx in _front_patterns()["skip"])


def _block(text: str, page: int | None) -> _Block:
    text = re.sub(r"\s+", " ", text).strip()
    block = _Block(text, _tidy(text), page)
    m = _FIELD.match(text)
    if m:
        label = re.sub(r"\s+", " ", m.group("label")).strip().lower().rstrip(".")
        role = next((r for rx, r in _front_fields() if rx.match(label)), None)
        if role:
            block.label, block.role, block.value = label, role, m.group("value").strip()
            return block
    m = _REPORT_OF.match(text)
    if m:
        block.label, block.role, block.value = "report of", "report_of", m.group("who").strip()
    m = _PUBLISHED_BY.match(text)
    if m:
        block.label, block.role, block.value = "published by", "publisher", m.group("who").strip()
    return block


#: What parts a letterhead's fields set on one line ("Council | Department", or names set
#: apart by a run of spaces).
_LETTERHEAD_BAR = re.compile(r"\s+[|¦]\s+|\s*[|¦]\s*$")
_FIELD_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")


def _head(front: list[Paragraph], sections: list[Section], paragraphs: list[Paragraph]) -> list[_Block]:
    """The paper's head: its front block; or, when the paper opens straight with
    headings ("MINUTES", "Agenda Item 7", "CABINET" set as headings), those and
    the lines under them, up to the first numbered item, a section of a known
    kind (purpose, summary...) or a long paragraph."""
    blocks = []
    for para in front:
        # ("Hatherby Council | Children's Services": a letterhead's council, then its department;
        # "NHS Calderholme    Calderholme Metropolitan Borough Council": partners' names side by side)
        parts = [part for part in _LETTERHEAD_BAR.split(para.text) if part.strip()]
        fields = [field for field in _FIELD_GAP.split(parts[0]) if field.strip()] if parts else []
        if len(fields) > 1 and any(_skipped(field) for field in fields):
            # ("WEXMOOR POLICE AUTHORITY        AGENDA ITEM 7": the item's label set beside the
            # head's line is no part of it)
            fields = [field for field in fields if not _skipped(field)]
            parts = ["  ".join(fields)] + parts[1:]
        councils = [field for field in fields if find_councils(field)] if len(fields) > 1 else []
        if councils:
            parts = councils + [field for field in fields if field not in councils] + parts[1:]
        blocks += [_block(part, para.page) for part in parts[:1]]
        blocks += [_Block(re.sub(r"\s+", " ", part).strip(), _tidy(part), para.page, "letterhead", "letterhead",
                          part.strip()) for part in parts[1:]]
    if front:
        return blocks
    by_section: dict[int, list[Paragraph]] = {}
    for para in paragraphs:
        by_section.setdefault(para.section, []).append(para)
    for section in sections[1:]:
        if section.number or section.kind not in HEAD_SECTION_KINDS or len(blocks) >= HEAD_MAX_BLOCKS:
            break
        if section.heading:
            blocks.append(_block(section.heading, section.page))
        for para in by_section.get(section.index, []):
            if para.number or len(blocks) >= HEAD_MAX_BLOCKS:
                return blocks
            parts = _lead_parts(para.text)
            blocks.extend(_block(part, para.page) for part in parts)
            if len(parts) == 1 and _words(para.text) > HEAD_BLOCK_MAX_WORDS:
                return blocks
    return blocks


def _lead_parts(text: str) -> list[str]:
    """Lines the reader joined into one paragraph, split again where a head
    shows them: a name in capitals, a date, then the first sentence
    ("TOWNSHIP OF NIPISSING Tuesday, March 17, 2026 A regular meeting of ...")."""
    parts = []
    m = re.match(r"^((?:[A-Z][A-Z'’&.-]+\s+){1,7})(?=\S)", text)
    if m and _is_caps(m.group(1)) and len(m.group(1).split()) >= 2:
        parts.append(m.group(1).strip())
        text = text[m.end():]
    hits = find_dates(text)
    if hits and hits[0].start == 0:
        parts.append(text[:hits[0].end])
        text = text[hits[0].end:].lstrip(" ,.")
    if parts and text:
        sentence = re.match(r"^.+?[.!?](?=\s|$)", text)
        parts.append(sentence.group(0) if sentence else text)
    return parts or [text]


def _doc_heading(text: str) -> tuple[str, str] | None:
    """("minutes" or "agenda", the title) when `text` heads minutes or an agenda."""
    for label in ("minutes_title", "agenda_title"):
        for rx in _front_patterns()[label]:
            m = rx.match(text.rstrip("."))
            if m:
                title = _tidy(m.group("title")).strip(" .,:")
                first, _, rest = title.partition(" ")
                if _is_caps(first) and rest and not _is_caps(rest):    # "MINUTES of a meeting of the Cabinet"
                    title = f"{first.capitalize()} {rest}"
                return label.split("_")[0], title
    return None


def _without_body(title: str) -> str:
    """A minutes heading's title without the body it names, as a title is given
    without its committee: "Minutes of a meeting of the Cabinet" and "Minutes of
    the Parish Council Meeting" -> "Minutes" (a qualifier before it is kept:
    "Draft Minutes")."""
    m = re.match(r"^.*?\bminutes\b", title, re.IGNORECASE)
    return m.group(0) if m else title


def _meeting_body(text: str) -> str | None:
    """The body a minutes heading names: "MINUTES of a meeting of the Cabinet held ..." -> Cabinet."""
    body_words = _vocab()["body_words"]
    for rx in _front_patterns()["meeting_body"]:
        m = rx.search(text)
        if not m:
            continue
        body = _without_dates(m.group("body")).strip(" .,")
        words = body.split()
        # (not "Joint" in a body's name: "of the Joint Crematorium Committee")
        while words and words[0].lower() in _vocab()["name_stop_words"] and not (words[0] == "Joint" and len(words) > 2):
            words = words[1:]
        body = " ".join(words)
        if body and _ends_with_body_word(body, body_words) and _words(body) <= COMMITTEE_LINE_MAX_WORDS:
            return _tidy(body)
    return None


def _ends_with_body_word(text: str, body_words: frozenset[str]) -> bool:
    key = _key(text)
    return any(key == w or key.endswith(" " + w) for w in body_words)


@lru_cache(maxsize=None)
def _vocab_keys(name: str) -> frozenset[str]:
    return frozenset(_key(w) for w in _vocab()[name])


def _is_generic_body(text: str) -> bool:
    """"The Council", "the Board": no body's name."""
    return _key(text) in _vocab_keys("generic_bodies")


def _is_decision_maker(text: str) -> bool:
    """"Cabinet", "Cabinet Member for ...", "Corporate Director of ...": a council's own executive."""
    key = re.sub(r"^(?:the)\s+", "", _key(text))
    return key in _vocab_keys("executive_bodies") or any(key.startswith(r) for r in _vocab_keys("role_words"))


def _is_full_council(text: str) -> bool:
    """"County Council", "Full Council": a council's own full meeting."""
    return _key(text) in _vocab_keys("full_council_bodies")


def _title_like(text: str) -> bool:
    """Title case or capitals: "Annual Progress Report", not "Service level summary report"."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    if not words:
        return True
    lower = sum(1 for w in words if w[0].islower())
    return lower / len(words) <= TITLE_CASE_MAX_LOWER


def _office(value: str) -> str:
    """A decision-maker's office without the person: "Sue Chandler, Cabinet Member
    for Integrated Children's Services" -> "Cabinet Member for Integrated Children's Services"."""
    roles = _vocab()["role_words"]
    m = re.match(r"^(?:(?i:cllr|councillor|mr|mrs|ms|miss|dr)\.?\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
                 r"\s*[,–-]\s*(?P<office>.+)$", value)
    if m and any(_key(m.group("office")).startswith(r) for r in roles):
        return m.group("office").strip()
    return value


def _date_range(text: str, hits: list[DateHit]) -> str | None:
    """"1 April 2023 to 31 March 2024" as printed, when `text` gives a span of
    dates (a period covered, not a meeting)."""
    for a, b in zip(hits, hits[1:]):
        if re.fullmatch(r"\s*(?:to|until|till|-|–|—)\s*", text[a.end:b.start], re.IGNORECASE):
            return f"{text[a.start:a.end]} to {text[b.start:b.end]}"
    return None


def _is_date_line(text: str, hits: list[DateHit]) -> bool:
    """A line that is a date ("26 January 2024"), or starts with one
    ("Thursday, 30th January, 2025, at 10.00 am ..."); a span of dates is a period."""
    if not hits or _date_range(text, hits):
        return False
    return hits[0].start <= 1 or _words(_without_dates(text)) <= DATE_LINE_MAX_OTHER_WORDS


#: A head line naming a body in full ("Northby Community Safety Partnership") has at most this many words.
FULL_NAME_MAX_WORDS = 8


@dataclass
class _Found:
    """The best candidate seen for one field: lower tiers win, then earlier ones."""
    value: str | None = None
    tier: int = 99
    note: str = ""

    def offer(self, value: str | None, tier: int, note: str = "") -> None:
        if value and tier < self.tier:
            self.value, self.tier, self.note = value, tier, note


class _Reader:
    """Reads the head block by block, keeping the best candidate of each field."""

    def __init__(self, blocks: list[_Block], body_text: str):
        self.blocks = blocks
        self.body_text = body_text
        self.council = _Found()
        self.council_hit: CouncilHit | None = None
        self.committee = _Found()
        self.date = _Found()
        self.title = _Found()
        self.who: list[str] = []
        self.extra: dict[str, str] = {}
        self.own_meeting = False      # a council's own meeting ("Milburn Parish Council - 1st March 2016")
        self.minutes = False

    # ---- per block --------------------------------------------------------------
    def read(self) -> None:
        run: list[_Block] = []          # title-page lines gathered into one title
        run_done = False
        after_author = False
        committee_at = None             # the block that gave the committee line
        for index, block in enumerate(self.blocks):
            if block.role:
                self._field(block)
                after_author = block.role == "report_of"
                run_done = run_done or bool(run)
                continue
            text, tidy = block.text, block.tidy
            if not re.search(r"[A-Za-z]{2}|\d{4}", text) or _URL.match(text) \
                    or _skipped(text):
                continue                        # "Agenda Item 7", "Unrestricted", a web address
            if after_author and _NAME_ROLE.match(text):
                self.who.append(_tidy(text))
                continue
            after_author = False
            dates = find_dates(text)
            councils = find_councils(text)
            line_council = self._council_line(tidy, councils)
            doc = _doc_heading(tidy)
            body = _meeting_body(tidy)
            if line_council:
                self._offer_council(line_council, 0, "front line")
                if dates:
                    self.date.offer(dates[0].iso, 0, "council line")
                    self.own_meeting = True
                run_done = run_done or bool(run)
                continue
            if doc or body or (dates and self._meeting_sentence(tidy)):
                self.minutes = self.minutes or (doc is not None and doc[0] == "minutes") or body is not None
                if doc:
                    self.title.offer(_without_body(doc[1]) if body else doc[1], 1, doc[0])
                if body and len(body.split()) == 1:
                    # "Minutes of the Partnership Meeting" under "Northby Community Safety
                    # Partnership": the head's fuller name of that body
                    body = next((b.tidy.strip() for b in self.blocks[:index]
                                 if b.tidy.strip().lower().endswith(" " + body.lower())
                                 and len(b.tidy.split()) <= FULL_NAME_MAX_WORDS), body)
                if body:
                    for hit in filter(None, councils[:1] + [self.council_hit]):
                        if _key(body).startswith(_key(hit.name)):    # "meeting of the Township of X Council"
                            self._offer_council(hit, 1, "minutes heading")
                            body = _council_body(hit)
                            break
                    self.committee.offer(body, 1, "minutes heading")
                if dates:                           # a heading's date, or a sentence's ("... was held on")
                    self.date.offer(dates[0].iso, 0 if (doc or body) else 1, "minutes heading")
                for hit in councils:
                    self._offer_council(hit, 1, "minutes heading")
                run_done = run_done or bool(run)
                continue
            if _is_date_line(text, dates):
                self.date.offer(dates[0].iso, 1, "date line")
                rest = _without_dates(tidy)
                if rest and _ends_with_body_word(rest, _vocab()["body_words"]) and not _is_generic_body(rest) \
                        and rest.split()[0].lower() not in _vocab()["approval_words"]:
                    self.committee.offer(rest, 0, "committee and date line")
                run_done = run_done or bool(run)
                continue
            if _NAME_ROLE.match(text):              # a person: an author after the title, else a member list
                if run or self.title.value:
                    self.who.append(_tidy(text))
                run_done = run_done or bool(run)
                continue
            if index < PLACE_LINE_MAX_INDEX and self._place_council(block):
                continue
            for hit in councils:
                self._offer_council(hit, 2, "front block")
            if self._committee_line(tidy, run):
                self.committee.offer(_without_dates(tidy), 2, "committee line")
                if dates:
                    self.date.offer(dates[0].iso, 0, "committee line")
                committee_at = index
                continue
            if committee_at == index - 1 and self.committee.note == "committee line" and _SUB_BODY.search(tidy) \
                    and not _PAPER_WORDS.search(tidy) \
                    and _words(tidy) <= COMMITTEE_LINE_MAX_WORDS and not _is_generic_body(tidy):
                # "WEXCOMBE SAFEGUARDING CHILDREN PARTNERSHIP" / "LEARNING AND IMPROVEMENT SUB-GROUP":
                # the parent, then its sub-group, which is the body meeting
                self.committee = _Found(_without_dates(tidy), 2, "sub-body line")
                continue
            if not run_done and self._continues_title(run, block, dates):
                run.append(block)
                if self._ends_title(text):
                    run_done = True
                continue
            run_done = run_done or bool(run)
        if run:
            self._offer_title_run(run)

    def _field(self, block: _Block) -> None:
        value, role = block.value, block.role
        if value:
            self.extra[block.label] = value
        if not value:
            return
        if role == "committee":
            hits = find_dates(value)
            if hits:
                self.date.offer(hits[0].iso, 0, f"{block.label} field")
            body = _without_dates(value)
            if body:
                self.committee.offer(_tidy(_office(body)), 0, f"{block.label} field")
                for hit in find_councils(body):
                    self._offer_council(hit, 2, f"{block.label} field")
        elif role == "date":
            self.date.offer(find_date(value), 0, f"{block.label} field")
        elif role == "publication_date":
            self.date.offer(find_date(value), 2, f"{block.label} field")
        elif role == "title":
            self.title.offer(_tidy(value), 0, f"{block.label} field")
        elif role == "report_of":
            self.who.append(value)
            for hit in find_councils(value):
                self._offer_council(hit, 2, "author line")
        elif role == "publisher":
            for hit in find_councils(value)[:1]:
                self._offer_council(hit, 1, "publisher line")

    def _offer_council(self, hit: CouncilHit, tier: int, note: str) -> None:
        if tier < self.council.tier:
            self.council.offer(hit.name, tier, note)
            self.council_hit = hit

    def _council_line(self, tidy: str, councils: list[CouncilHit]) -> CouncilHit | None:
        """The council when a line names only it ("KENT COUNTY COUNCIL",
        "Milburn Parish Council - 1st March 2016")."""
        if len(councils) == 1 and _key(_without_dates(tidy)) == _key(councils[0].printed):
            return councils[0]
        return None

    def _meeting_sentence(self, tidy: str) -> bool:
        """"A Parish Council meeting was held ... on Tuesday, 5 March 2024"."""
        return any(rx.search(tidy) for rx in _front_patterns()["meeting_date"])

    def _committee_line(self, tidy: str, run: list[_Block]) -> bool:
        """A line naming the meeting body, before any date or title."""
        text = _without_dates(tidy)
        return (self.committee.tier > 2 and not run and self.title.tier >= 1 and self.date.tier > 1
                and _words(text) <= COMMITTEE_LINE_MAX_WORDS and not text.endswith((".", ":"))
                and _ends_with_body_word(text, _vocab()["body_words"]) and not _is_generic_body(text))

    def _continues_title(self, run: list[_Block], block: _Block, dates: list[DateHit]) -> bool:
        if self.own_meeting or self.title.tier <= 1 or _is_generic_body(block.tidy):
            return False
        text = block.text
        if (dates and not _date_range(text, dates)) or _words(text) > TITLE_MAX_WORDS or text.endswith(";"):
            return False
        if not run:
            return not (text.endswith(".") and _words(text) > COMMITTEE_LINE_MAX_WORDS)
        previous = run[-1]
        runs_on = previous.text.endswith((":", ",", "&", "-", "–")) or re.search(
            r"\b(?:of|and|for|the|to|in|on|with)$", previous.text, re.IGNORECASE)
        return (block.page == previous.page and sum(_words(b.text) for b in run) + _words(text) <= TITLE_MAX_WORDS
                and (bool(runs_on) or _title_like(text)))

    @staticmethod
    def _ends_title(text: str) -> bool:
        return bool(_MONTH_YEAR.search(text))

    def _offer_title_run(self, run: list[_Block]) -> None:
        text = " ".join(b.text for b in run)
        month_year = _MONTH_YEAR.search(text)
        if month_year and month_year.end() >= len(text.rstrip(" .")) - 1:
            text = text[:month_year.start()]                     # "... Christmas Edition December 2019"
        text = re.sub(r"\s*[–—-]\s*$", "", text).strip()
        if not text:
            return
        title = _tidy(text)
        if self.committee.tier > 3:             # "West Sussex Drug and Alcohol Partnership Annual ..."
            words = title.split()
            body_words = _vocab()["body_words"]
            for n in range(len(words) - 1, 1, -1):
                prefix = " ".join(words[:n])
                if _ends_with_body_word(prefix, body_words) and not _is_generic_body(prefix):
                    self.committee.offer(_last_body_line(run, prefix), 4, "title")
                    title = " ".join(words[n:])     # a title is given without its committee
                    break
        self.title.offer(title, 2, "title lines")

    # ---- after the head ----------------------------------------------------------------
    def running(self, lines: list[str]) -> None:
        """A council named in the running header or footer ("Kent County Council
        | Cabinet | Page 3"), when the head names none: a paper's running lines
        are its own, but they may also name a partner, so exactly one council
        must be named there (any of its names) and the head's council wins."""
        named: dict[str, CouncilHit] = {}
        for line in lines:
            for hit in find_councils(line):
                named.setdefault(hit.id or _key(hit.name), hit)
        if len(named) == 1:
            self._offer_council(next(iter(named.values())), RUNNING_LINE_TIER, "running header or footer")

    def finish(self) -> None:
        if self.council_hit and self.committee.value is None and (self.own_meeting or self.minutes):
            self.committee.offer(_council_body(self.council_hit), 3, "council's own meeting")
        if self.council.value is None and self.committee.value and _is_full_council(self.committee.value):
            self._self_reference()
        elif self.council.value is None and self.committee.value and _is_decision_maker(self.committee.value):
            self._most_named()

    def _place_council(self, block: _Block) -> bool:
        """A place printed alone at the top ("EAST PALO ALTO") is the council when
        the paper names it as a municipality ("City of East Palo Alto"), as
        papers abroad do. (A UK title page's "West Sussex" starts a title.)"""
        tidy = block.tidy
        if self.council.value or _words(tidy) > PLACE_LINE_MAX_WORDS or re.search(r"\d", tidy) \
                or not _title_like(tidy) or _ends_with_body_word(tidy, _vocab()["body_words"]):
            return False
        place = re.escape(tidy)
        m = re.search(rf"\b(?:City|Town|Township|Village|County|Municipality|Borough) of {place}\b",
                      self.body_text, re.IGNORECASE)
        hits = find_councils(m.group(0)) if m else []
        if hits:
            self._offer_council(hits[0], 3, "place line")
        return bool(hits)

    def _most_named(self) -> None:
        """A paper for a council's own decision-maker (its Cabinet, a Cabinet
        Member, a director) that names no council in its head is the paper of
        the council its body names far most often ("KCC" 42 times, a neighbour once)."""
        hits: dict[str, CouncilHit] = {}
        ids = []
        for hit in council_gazetteer().find(self.body_text):
            ids.append(hit.id)
            hits.setdefault(hit.id, hit)
        most = _far_most(ids)
        if most is not None:
            self._offer_council(hits[most], 5, "most named in a decision-maker's paper")

    def _self_reference(self) -> None:
        """A paper to a council's own full meeting ("To: County Council") that
        names exactly one council of that kind (by any of its names, "KCC") is
        that council's paper."""
        body = re.sub(r"^(?:the|full)\s+", "", _key(self.committee.value))
        suffix = body if body.endswith(" council") and body.split()[0] in _COUNCIL_TYPES else ""
        named = {}
        for hit in council_gazetteer().find(self.body_text):
            if not suffix or _key(hit.name).endswith(suffix):
                named[hit.id] = hit
        if len(named) == 1:
            self._offer_council(next(iter(named.values())), 4, "self-reference")
        elif not named and suffix:
            self._place_of_kind(suffix)

    def _place_of_kind(self, suffix: str) -> None:
        """A paper to "County Council" that never prints its council's name but speaks of
        one county's place far most ("the Kent Minerals and Waste Local Plan", "within
        Kent"): the council of that kind for that place."""
        pattern, councils = _places_of_kind(suffix)
        place = _far_most(pattern.findall(self.body_text))
        if place is not None:
            row = councils[place]
            self._offer_council(CouncilHit(0, 0, place, row["pattern"][0], row["id"], row["label"]), 5,
                                "place most named in a paper to a full council")


def _far_most(keys: list[str]) -> str | None:
    """The key named far most often: at least MOST_NAMED_MIN times and MOST_NAMED_RATIO
    times as often as the next, else None."""
    ranked = Counter(keys).most_common(2)
    if ranked and ranked[0][1] >= MOST_NAMED_MIN and (len(ranked) == 1 or ranked[0][1] >= MOST_NAMED_RATIO * ranked[1][1]):
        return ranked[0][0]
    return None


@lru_cache(maxsize=None)
def _places_of_kind(suffix: str) -> tuple[re.Pattern, dict[str, dict]]:
    """The places of the gazetteer's councils whose names end in `suffix` ("county council":
    "Kent", "West Sussex"), as printed (longest first), and the council of each."""
    councils = {form[:-len(suffix)].strip(): row for row in council_gazetteer().rows.values() if "until" not in row
                for form in row["pattern"] if _key(form).endswith(" " + suffix)}
    alternation = "|".join(re.escape(p) for p in sorted(councils, key=len, reverse=True) if p)
    return re.compile(rf"\b(?:{alternation})\b"), councils


#: A line after a service's or a brand's line starts a name of its own when at least this long.
NEW_NAME_MIN_WORDS = 3


#: A line naming a sub-body under its parent's line: that sub-body meets.
_SUB_BODY = re.compile(r"\b(?:group|sub-?\s?committee|panel)$", re.IGNORECASE)
#: ... a body's name alone, not a paper's title ("RECOMMENDATIONS OF THE HOUSING SCRUTINY PANEL",
#: "DRAFT TERMS OF REFERENCE: CARERS STRATEGY GROUP").
_PAPER_WORDS = re.compile(r"[:]|\b(?:report|recommendations?|terms\s+of\s+reference|review|draft|final|update|"
                          r"minutes|proposals?|appointments?|establishment|membership)\b", re.IGNORECASE)


def _last_body_line(run: list[_Block], prefix: str) -> str:
    """The committee in `prefix`, the opening of a title run: from the last line that starts a
    body's name of its own ("Corporate Parenting" / "Panel" is one name broken over two lines)."""
    vocab = _vocab()
    words = prefix.split()
    folded = [word.lower() for word in words]
    taken = start = 0
    for block, following in zip(run, run[1:]):
        line = _tidy(block.text)          # (a line in capitals comes out in title case)
        size = len(line.split())
        if folded[taken:taken + size] != line.lower().split() or taken + size + 1 >= len(words):
            break
        taken += size
        rest = folded[taken:]
        if (_ends_with_body_word(line, vocab["body_words"]) and not _is_generic_body(line)) \
                or (not _is_caps(block.text) and _is_caps(following.text)) \
                or (len(rest) >= NEW_NAME_MIN_WORDS and (line.lower().split()[-1] in vocab["department_words"]
                                                        or rest[0] in line.lower().split())):
            # a body's name, a department in small letters above capitals ("Children's Services" /
            # "ADOPTION PANEL"), a service above its board ("Northby Youth Offending Service" /
            # "Youth Offending Service Management Board"), a brand above the name it shortens,
            # which repeats its place ("Safer Northby" / "Northby Community Safety Partnership")
            start = taken
    return " ".join(words[start:]).rstrip(" -–—:,")     # ("Corporate Parenting Panel - Terms of Reference")


def extract_meta(front: list[Paragraph], sections: list[Section],
                 paragraphs: list[Paragraph], running: list[str] | None = None) -> Meta:
    """Metadata printed by the paper (see the module docstring for what counts);
    `running` are its running header and footer lines, read for the council
    after the head."""
    meta = Meta()
    reader = _Reader(_head(front, sections, paragraphs), "\n".join(p.full_text for p in paragraphs))
    reader.read()
    reader.running(running or [])
    reader.finish()
    meta.extra.update(reader.extra)
    meta.set("council", reader.council.value, "printed")
    if reader.council.value:
        meta.extra["council_evidence"] = reader.council.note
        if reader.council_hit and reader.council_hit.id:
            meta.extra["council_id"] = reader.council_hit.id
    meta.set("committee", reader.committee.value, "printed")
    meta.set("date", reader.date.value, "printed")
    meta.set("title", reader.title.value, "printed")
    if reader.who:
        meta.set("report_of", "; ".join(_tidy(w) for w in reader.who), "printed")
    meta.set("period", _period(meta.title, sections, paragraphs), "printed")
    return meta


_PERIOD_RANGE = re.compile(
    rf"\b(?:for\s+the\s+period|period|covering|between|from)\s+(?P<a>{_MONTH}\w*\s+(19|20)\d\d)\s+(?:to|and|-|–)\s+"
    rf"(?P<b>{_MONTH}\w*\s+(19|20)\d\d)", re.IGNORECASE)
_PERIOD_YEARS = re.compile(r"\b(?P<a>(19|20)\d\d)\s*(?:-|–|/|to)\s*(?P<b>(19|20)?\d\d)\b")


def _period(title: str | None, sections: list[Section], paragraphs: list[Paragraph]) -> str | None:
    """The period a paper covers: "August 2021 to August 2022" in its purpose or
    summary, or the years of its title ("Strategy 2019 - 2024" -> 2019-2024)."""
    source = " ".join([title or ""] + [p.text for p in paragraphs
                                       if sections[p.section].kind in ("purpose", "summary")][:3])
    m = _PERIOD_RANGE.search(source)
    if m:
        return f"{m.group('a')} to {m.group('b')}"
    span = _date_range(title or "", find_dates(title or ""))
    if span:
        return span
    m = _PERIOD_YEARS.search(title or "")
    return m.group(0).replace(" ", "").replace("–", "-") if m else None


# ---- pictures -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _name_words() -> tuple[frozenset[str], tuple[tuple[tuple[str, ...], dict], ...]]:
    """The words of the councils' full names, and each full name as a tuple of
    words with its gazetteer row: names with "council" or of three words or more
    ("Kent County Council", "Royal Borough of ..."), not short forms ("Kent CC")
    whose two words any picture may hold apart."""
    names = []
    for row in load_jsonl("councils.jsonl"):
        for form in row["pattern"]:
            words = tuple(_key(form).split())
            if len(words) >= 3 or (len(words) == 2 and "council" in words):
                names.append((words, row))
    vocab = {w for words, _ in names for w in words} | set(_COUNCIL_TYPES) | {"council"}
    return frozenset(vocab), tuple(names)


def _picture_word(word: str, vocab: frozenset[str]) -> str:
    """An OCR'd word as the council-name word it is close to, else as read."""
    if word in vocab or len(word) < 4:
        return word
    best = process.extractOne(word, vocab, scorer=fuzz.ratio, score_cutoff=PICTURE_WORD_MATCH)
    return best[0] if best else word


def _picture_council(lines: list[str]) -> tuple[str, str | None] | None:
    """(name, gazetteer id) of the one council a picture's lettering names: on
    one line ("BURTON-CUM-WALDEN PARISH COUNCIL"), or stacked over a few short
    lines in any order, words misread by a letter; None when none or several."""
    short = [ln for ln in lines if _words(ln) <= PICTURE_LINE_MAX_WORDS]
    found: dict[str, str | None] = {}
    for line in short:
        for hit in find_councils(line.upper()):
            if len(hit.printed.split()) >= 2:
                found[hit.name] = hit.id
    if not found:
        vocab, names = _name_words()
        words = [[_picture_word(w, vocab) for w in _key(ln).split()] for ln in short]
        for i in range(len(words)):
            window = {w for line in words[i:i + PICTURE_NAME_MAX_LINES] for w in line}
            for name, row in names:
                if window.issuperset(name):
                    found[row["pattern"][0]] = row["id"]
    # a name inside another one found ("... County Council" within "West ... County Council") is part of it
    keys = {name: set(_key(name).split()) for name in found}
    kept = [n for n in found if not any(n != m and keys[n] < keys[m] for m in found)]
    return (kept[0], found[kept[0]]) if len(kept) == 1 else None


@lru_cache(maxsize=1)
def _known_bodies() -> tuple[tuple[str, str], ...]:
    """(name form, canonical name) of the council bodies the agencies data knows
    ("Health and Wellbeing Board"), those named by two words or more ending in a body word."""
    body_words = _vocab()["body_words"]
    out = []
    for row in load_jsonl("agencies.jsonl"):
        form = row["pattern"]
        if row.get("label") == "council body" and isinstance(form, str) and len(form.split()) >= 2 \
                and _ends_with_body_word(form, body_words):
            out.append((_key(form), row.get("canonical") or form))
    return tuple(out)


def _picture_committee(lines: list[str]) -> str | None:
    """The one known body a picture's line (or two) names on its own (a board's banner)."""
    found = set()
    short = [ln for ln in lines if _words(ln) <= PICTURE_LINE_MAX_WORDS]
    for key in {_key(" ".join(short[i:i + n])) for i in range(len(short)) for n in (1, 2)}:
        last = key.rsplit(" ", 1)[-1]
        for form, canonical in _known_bodies():
            # the whole name close, and its body word recognisably there ("Boava", not "eer")
            if fuzz.ratio(key, form) >= PICTURE_BODY_MATCH \
                    and fuzz.ratio(last, form.rsplit(" ", 1)[-1]) >= PICTURE_BODY_WORD_MATCH:
                found.add(canonical)
    return found.pop() if len(found) == 1 else None


def meta_from_pictures(meta: Meta, lines: list[str], page: int = 1) -> None:
    """Fill the council and committee the text did not give from the lettering
    of the pictures on the paper's first page (`lines`, read by OCR): a logo
    ("Kent County Council"), a board's banner. Provenance says so."""
    if not meta.council:
        council = _picture_council(lines)
        if council:
            meta.set("council", council[0], PICTURE_ORIGIN)
            meta.extra["council_evidence"] = f"picture on page {page} (a logo) read by OCR"
            if council[1]:
                meta.extra["council_id"] = council[1]
    if not meta.committee:
        committee = _picture_committee(lines)
        if committee:
            meta.set("committee", committee, PICTURE_ORIGIN)
            meta.extra["committee_evidence"] = f"picture on page {page} (a banner) read by OCR"


# ---- manifest -----------------------------------------------------------------

MANIFEST_NAME = "manifest.csv"
MANIFEST_FIELDS = ("council", "committee", "date", "title", "report_of", "period")


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Rows of a manifest, keyed by the file name and the relative path."""
    rows: dict[str, dict[str, str]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("file") or "").strip()
            if name:
                clean = {k: (v or "").strip() for k, v in row.items() if k}
                rows[name] = clean
                rows.setdefault(Path(name).name, clean)
                rows.setdefault(Path(name).stem, clean)   # the PDF beside its text
    return rows


def manifest_entry(path: Path, manifest: Path | None = None) -> dict[str, str]:
    """The manifest row for `path`: from `manifest`, else a manifest.csv in the
    file's folder or one of its parents."""
    candidates = [manifest] if manifest else [
        parent / MANIFEST_NAME for parent in list(path.resolve().parents)[:4]]
    for candidate in candidates:
        if candidate and candidate.is_file():
            rows = read_manifest(candidate)
            try:
                rel = str(path.resolve().relative_to(candidate.resolve().parent))
            except ValueError:
                rel = path.name
            row = rows.get(rel) or rows.get(path.name) or rows.get(path.stem)
            if row:
                return row
    return {}


def apply_overrides(meta: Meta, manifest_row: dict[str, str], options: dict[str, str | None]) -> None:
    """Fill what the paper does not print from the manifest; options win over both."""
    for name in MANIFEST_FIELDS:
        if not getattr(meta, name) and manifest_row.get(name):
            meta.set(name, manifest_row[name], "manifest")
    if manifest_row.get("source"):
        meta.extra["published_source"] = manifest_row["source"]
    for name, value in options.items():
        if value:
            meta.set(name, value, "option")
