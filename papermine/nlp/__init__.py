"""NLP stage: tag a Document's priorities, agencies and governance relations.

The pipeline is `spacy.blank("en")` + a sentencizer + papermine's rule
components, all built from data in `models/`; no model is ever downloaded. A
trained pipeline, if installed, may be named with `model=` to add its
organisation entities, but the rules alone do the job.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import PapermineError
from ..model.data import load_jsonl
from ..model import Agency, Document, Evidence, Paragraph, Priority, ReportingLine, Tags
from . import bounds, components  # noqa: F401  (registers the factories)
from .agencies import (Resolver, acronym_tables, alias_short_names, body_kind, name_key, not_place_words, out_of_time,
                       title_case)
from .components import AGENCY_SPANS, BRACKET_ACRONYM_RULE, doc_text, keep_text, span_text
from .priorities import extract_priorities
from .relations import (MEMBERSHIP_SPOKEN_OF, PERSON_FIRST, PERSON_TITLE, UNKNOWN_FREQUENCY, Found, RelationReader,
                        membership_label, role_phrase)
from ..parse._lines import is_caps as _is_caps
from ..parse.text import cell_spans
from .themes import classify_theme, theme_labels

__all__ = ["build_pipeline", "get_pipeline", "tag_document", "classify_theme", "theme_labels",
           "NLP_VERSION", "BATCH_SIZE"]

#: Tagging output version: defined in papermine/versions.py, where the store reads it without spaCy.
from ..versions import NLP_VERSION  # noqa: E402
#: Paragraphs per nlp.pipe batch.
BATCH_SIZE = 64
#: Membership-list context in which lower-case generic mentions ("police") count.
MEMBERSHIP_RULE = "rel-members"
#: Kinds of body a paper can be about.
MAIN_BODY_KINDS = ("partnership", "subgroup", "council body")
#: A place before the title's body ("Eastmere" Health and Wellbeing Board) is at most this many words.
PLACE_MAX_WORDS = 3
#: A sentence naming at least this many agencies is a list: its generic mentions count.
LIST_MIN_AGENCIES = 3
#: A roster ("Name - Role" lines under "The Strategy Advisory Group:") lists at least this many.
ROSTER_MIN_ENTRIES = 3
#: ... under a line this short naming the body.
ROSTER_OWNER_MAX_WORDS = 6
#: The canonical name of "the Council" in the gazetteer, and what a council's own name looks like.
GENERIC_COUNCIL = "Local Authority"
_OWN_COUNCIL = re.compile(r"^[A-Z][\w'’-]*(?: [A-Z&][\w'’-]*)* (?:County|Borough|District|City|Parish|Town|Metropolitan Borough) Council$")
#: Words an acronym's letters skip ("KCC" = Kent County Council).
#: A council named by its type alone ("the County Council"), the paper's own where it is of that type.
_BARE_COUNCIL = re.compile(r"^(?:county|borough|district|city|parish|town|metropolitan borough) council$")
_INITIAL_SKIPS = {"of", "and", "for", "the", "in", "on", "&"}
#: Lines of a title broken over lines are this short (words).
FRAGMENT_MAX_WORDS = 6
_TITLE_SMALL_WORDS = {"and", "of", "for", "the", "in", "on", "&", "-", "–"}
#: A paragraph that goes on a list opened by the one before it ("(b) the Cabinet;").
_LIST_PARAGRAPH = re.compile(r"^(?:[a-z]|[ivx]+)$")
# an unnumbered paragraph opening "to the ..." or with a bullet is an item of the lead-in before it
_LIST_TEXT = re.compile(r"^\s*(?:(?:to|into)\s+the\b|[•▪●◦]\s)", re.IGNORECASE)


def build_pipeline(model: str | None = None) -> Language:
    """Blank English + sentencizer + papermine's components (or a trained
    pipeline named by `model`, with the components added after its own)."""
    if model:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError as exc:
            raise PapermineError(None, f"spaCy pipeline '{model}' is not installed "
                                       "(papermine never downloads one; run without --model)") from exc
    else:
        nlp = spacy.blank("en")
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    nlp.add_pipe(bounds.SENTENCE_CAP)         # tagging stays linear in a sentence's length
    nlp.max_length = bounds.MAX_TEXT_CHARS
    nlp.add_pipe("papermine_agencies")
    nlp.add_pipe("papermine_frequencies")
    return nlp


def get_pipeline(model: str | None = None) -> Language:
    """The pipeline for `model`, built once per process (`get_pipeline()` and
    `get_pipeline(None)` are the same one)."""
    return _pipeline(model)


@lru_cache(maxsize=4)
def _pipeline(model: str | None) -> Language:
    return build_pipeline(model)


#: " - " or " – " parting a line ("Jo Lister - Principal, Northby College").
_DASHED = re.compile(r"\s[-–]\s")


def _fragment(para: Paragraph) -> bool:
    """A short unnumbered line of a title broken over lines ("Corporate" / "Parenting Panel")."""
    words = para.text.split()
    return (para.number is None and not para.items and 0 < len(words) <= FRAGMENT_MAX_WORDS
            and "  " not in para.text              # (a table's row read from text: cells, not a title)
            and not PERSON_FIRST.match(para.text)  # ("Cllr Mary Doyle, Castlebridge City Council": one a line)
            and not para.text.rstrip().endswith((".", ":", ";", "?", "!"))
            and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words))


def _units(doc: Document) -> list[tuple[int, int | None, str]]:
    """Every paragraph text and item text, in reading order: (para, item, text). A
    title broken over lines is one unit, so a name in it is read whole."""
    units = []
    paragraphs = doc.paragraphs
    p_index = 0
    while p_index < len(paragraphs):
        para = paragraphs[p_index]
        text, last = para.text, p_index
        while _fragment(paragraphs[last]) and last + 1 < len(paragraphs) \
                and _fragment(paragraphs[last + 1]) and paragraphs[last + 1].section == para.section \
                and paragraphs[last].text.isupper() == paragraphs[last + 1].text.isupper() \
                and not (_DASHED.search(paragraphs[last].text) or _DASHED.search(paragraphs[last + 1].text)) \
                and not _A_COUNCIL.search(title_case(paragraphs[last].text.rstrip())):
            # (a title keeps its case over its lines: "SAFER NORTHBY" over a name is a banner;
            # a "Name - Post, Body" line is one of those present, not part of a title; a council's
            # name is whole, the line under it names its committee: "Northby Council" / "Cabinet")
            last += 1
            text = f"{text} {paragraphs[last].text}"
        if text:
            units.append((p_index, None, text))
        for i_index, item in enumerate(para.items):
            units.append((p_index, i_index, item.text))
        p_index = last + 1
    return units


#: A lead-in over a list of councillors: ends on a colon, or counts the body's members.
_NAMES_LEAD = re.compile(r":\s*$|\(\s*\d+\s+members\b[^()]*\)|\bmembership\s*:?\s*$", re.IGNORECASE)
#: The committee a paper is for keeps its own name when it has at least this many words.
OWN_NAME_MIN_WORDS = 3
#: A line in capitals is read again in title case when it has at least this many words.
CAPITALS_MIN_WORDS = 2


#: A heading's words naming kinds of body ("Delivery Groups", "Related Partnerships", "Committees
#: of the Authority"): a common word or two before a plural head, or the plural head first.
_KINDS_HEADING = re.compile(r"^(?:(?:the|our|its|[A-Z][a-z]+)\s+){0,2}(?:Groups|Sub-Groups|Partnerships|Boards|Committees|"
                            r"Sub-Committees|Panels|Forums|Networks)(?:\s+of\s+the\s+\w+)?$")


def _bodies_in_capitals(nlp: Language, sdoc: Doc) -> None:
    """A line set in capitals ("FENMARSH HEALTH AND WELLBEING PARTNERSHIP - ANNUAL REPORT",
    "SAFER CALDERBROOK PARTNERSHIP") names its bodies as title case would: they are read from
    a title-cased copy and set on the same characters of the line as printed."""
    text = doc_text(sdoc)
    letters = [c for c in text if c.isalpha()]
    if len(text.split()) < CAPITALS_MIN_WORDS or not letters or not all(c.isupper() for c in letters):
        return
    copy = nlp(title_case(text))
    found = []
    for span in copy.spans[AGENCY_SPANS]:
        if _KINDS_HEADING.match(span.text):
            continue                # "6. DELIVERY GROUPS AND RELATED PARTNERSHIPS": kinds of body, no names
        mine = sdoc.char_span(span.start_char, span.end_char)
        if mine is None:
            continue
        mine = Span(sdoc, mine.start, mine.end, label=span.label_)
        for name in ("rule", "generic"):
            setattr(mine._, name, getattr(span._, name))
        found.append(mine)
    named = [s for s in sdoc.spans[AGENCY_SPANS] if not s._.generic]
    if sum(not s._.generic for s in found) > len(named):
        sdoc.spans[AGENCY_SPANS] = found
        return
    # or the same bodies named in full ("ALDERMOOR STANDING ADVISORY COUNCIL ON RELIGIOUS
    # EDUCATION (SACRE)": the place is part of the name, as in title case; the acronym, which
    # title case hides, stays)
    merged = found + [s for s in sdoc.spans[AGENCY_SPANS] if not any(s.start < f.end and f.start < s.end for f in found)]
    named_merged = [s for s in merged if not s._.generic]
    within = [[s for s in sdoc.spans[AGENCY_SPANS] if m.start <= s.start and s.end <= m.end] for m in named_merged]
    # (no two bodies made one; nor a body's name run on into another's: "TYNEFORD VALLEY COMBINED
    # AUTHORITY OVERVIEW AND SCRUTINY COMMITTEE", where only the committee is known in capitals)
    added = [t for m, inside in zip(named_merged, within) for t in m if not any(t.i in range(s.start, s.end) for s in inside)]
    if all(any(s in inside for inside in within) for s in named) and all(len(inside) <= 1 for inside in within) \
            and added and all(body_kind(t.text) == "other" for t in added):
        sdoc.spans[AGENCY_SPANS] = sorted(merged, key=lambda s: s.start)


def _add_trained_entities(sdoc: Doc) -> None:
    """With a trained pipeline, its ORG entities not already tagged become bodies."""
    extra = []
    for ent in sdoc.ents:
        if ent.label_ == "ORG":
            span = Span(sdoc, ent.start, ent.end, label="BODY")
            span._.rule = "trained-ner-org"
            span._.generic = False
            extra.append(span)
    if extra:
        sdoc.spans[AGENCY_SPANS] = filter_spans(list(sdoc.spans[AGENCY_SPANS]) + extra)


#: How far before a kind's name the body it names may start.
APPOSED_NAME_MAX_CHARS = 80
#: Capitalised words that open a sentence or a phrase of time, not a body's name.
_OPENING_WORDS = (r"(?!(?:In|On|At|The|This|That|These|Since|From|By|For|As|Under|With|Within|Following|During|After|"
                  r"Before|Through|Across|Both|Each|All|It|Its)\b)")
#: A body whose name has no head noun, set beside the kind of body it is ("Wendleford Together,
#: the city's Local Strategic Partnership, ...", "Healthy Northby (our Health and Wellbeing
#: Partnership)"): the words before the kind, a possessive or "our" showing it is no list of bodies.
_APPOSED_NAME = re.compile(r"(?<![\w'’&-])" + _OPENING_WORDS + r"(?P<name>(?-i:[A-Z][\w'’&-]*)"
                           r"(?:\s+(?:(?-i:[A-Z][\w'’&-]*)|of|for|and|&)){0,4}?)(?:,\s+|\s+\(\s*)"
                           r"(?:the\s+(?:city|borough|county|district|area|town|council|county\s+council)['’]s|our|its)\s+"
                           r"(?:(?:local|statutory)\s+)?$"
                           # or defined as the kind ("Safer Northby is the Community Safety Partnership
                           # (CSP) for the borough", "Northby Together, the Local Strategic Partnership
                           # (LSP)"), which _DEFINING_TAIL checks after the kind
                           r"|(?<![\w'’&-])" + _OPENING_WORDS +
                           r"(?P<defined>(?-i:[A-Z][\w'’&-]*)(?:\s+(?:(?-i:[A-Z][\w'’&-]*)|of|for|and|&)){0,4}?)"
                           r"(?:,\s+|\s+is\s+)the\s+$")
#: Words before a capitalised word that make it the tail of a longer name.
#: (or the words of an opening phrase: "Before Christmas, the X Alliance (XA)")
_NAME_GOES_ON = re.compile(r"(?:\b(?:the|and|of|for)|&|(?-i:\b[A-Z][\w'’-]*))\s+$", re.IGNORECASE)
#: What follows a kind that defines the name before it: its acronym, or the place it serves.
_DEFINING_TAIL = re.compile(r"\s*\(\s*[A-Z]{2,6}\s*\)|\s+for\s+(?:the\s+(?:borough|city|county|district|area|town)\b|(?-i:[A-Z]))")


def _apposed_names(sdoc: Doc, resolver: Resolver) -> None:
    """Bodies named only beside their kind (see _APPOSED_NAME) become agencies of that kind,
    and the kind's name stands for them in the paper (as in _named_kinds)."""
    spans = list(sdoc.spans[AGENCY_SPANS])
    text = doc_text(sdoc)
    added = []
    for kind in spans:
        if kind._.generic or not kind._.canonical or body_kind(kind._.canonical) == "other":
            continue
        m = _APPOSED_NAME.search(text, max(0, kind.start_char - APPOSED_NAME_MAX_CHARS), kind.start_char)
        if m and m.group("defined") and (not _DEFINING_TAIL.match(text, kind.end_char)
                                         or _NAME_GOES_ON.search(text, 0, m.start("defined"))):
            m = None                       # ("NHS Yorkshire and the Humber, the Strategic Health Authority")
        group = "defined" if m and m.group("defined") else "name"
        name = sdoc.char_span(m.start(group), m.end(group)) if m else None
        if name is None or any(s.start < name.end and name.start < s.end for s in spans):
            continue
        # ("Northby Community Safety Partnership ... Safer Northby is the Community Safety
        # Partnership (CSP)": the name is another of the body the paper named with its place)
        named_before = resolver.local_body(kind._.canonical) if group == "defined" else None
        span = Span(sdoc, name.start, name.end, label=kind.label_)
        span._.canonical, span._.kind, span._.rule, span._.generic = (named_before or name.text, kind._.kind,
                                                                      "apposed-kind-name", False)
        added.append(span)
        resolver.places[kind._.canonical] = {span._.canonical}
    if added:
        sdoc.spans[AGENCY_SPANS] = filter_spans(spans + added)


def _apposed_names_again(sdocs: dict) -> None:
    """A body named beside its kind once ("Safer Northby is the Community Safety Partnership")
    is the same body wherever the paper names it again ("Safer Northby reports to ...")."""
    first = {}
    for sdoc in sdocs.values():
        for span in sdoc.spans[AGENCY_SPANS]:
            if span._.rule == "apposed-kind-name":
                first.setdefault(span.text, span)
    if not first:
        return
    again = re.compile(r"(?<![\w'’&-])(?:" + "|".join(re.escape(n) for n in sorted(first, key=len, reverse=True))
                       + r")(?![\w'’&-])")
    for sdoc in sdocs.values():
        spans = list(sdoc.spans[AGENCY_SPANS])
        added = []
        for m in again.finditer(doc_text(sdoc)):
            name = sdoc.char_span(m.start(), m.end())
            if name is None or any(s.start < name.end and name.start < s.end for s in spans):
                continue
            like = first[m.group()]
            span = Span(sdoc, name.start, name.end, label=like.label_)
            span._.canonical, span._.kind, span._.rule, span._.generic = like._.canonical, like._.kind, like._.rule, False
            added.append(span)
        if added:
            sdoc.spans[AGENCY_SPANS] = filter_spans(spans + added)


#: An entry of a list of bodies that is a name alone, a qualifier after it ("Southmere Water",
#: "Voluntary Action Northby (two places)", "Metrobus - operations"): capitalised words and the
#: small words of a name, ending on a capitalised word.
_LISTED_NAME = re.compile(r"(?P<name>(?-i:[A-Z][\w'’&.-]*)(?:\s+(?:(?-i:[A-Z][\w'’&.-]*)|of|for|and|&|the|in|on|at)){0,5}?)"
                          r"\s*(?:$|[(,;:]|\s[-–]\s)")
#: An entry that counts seats from a body ("3 members of X", "2 from X", "one representative of X").
_COUNTED_MEMBERS_OF = re.compile(r"\s*(?:\d+|one|two|three|four|five|six)\s+(?:(?:members?|representatives?|places?|seats?|"
                                 r"people|persons?|nominees?)\s+)?(?:of|from)\s+(?:the\s+)?(?=(?-i:[A-Z]))", re.IGNORECASE)
#: A list names bodies when at least this many of its entries name one the tagger knows.
BODY_LIST_MIN_KNOWN = 2
#: ... and in a membership table, at least this share of the rows' first cells (the heading and
#: the columns say the rest are bodies too; a list may name bodies among posts and sectors).
MEMBER_TABLE_KNOWN_SHARE = 0.3


def _named_in_lists_of_bodies(sdocs: dict, membership_lists: set[int], resolver: Resolver) -> None:
    """In a membership list whose entries mostly name bodies, an entry that is a name alone
    and names no body the tagger knows ("Southmere Water", "Eurostar") is a body too: the
    list says what it is. Not a post ("Director of Public Health"), nor a person ("Dr A. Khan")."""
    items_of: dict[int, list[Doc]] = {}
    for (p_index, i_index), sdoc in sdocs.items():
        if i_index is not None and p_index in membership_lists:
            items_of.setdefault(p_index, []).append(sdoc)
    for items in items_of.values():
        for item in items:      # "3 members of Northby Speaking Up (self-advocacy group)": the entry says so
            counted = _COUNTED_MEMBERS_OF.match(doc_text(item))
            m = _LISTED_NAME.match(doc_text(item), counted.end()) if counted else None
            if m and not any(not s._.generic for s in item.spans[AGENCY_SPANS]) and not role_phrase(m.group("name")):
                _add_listed_body(item, m, resolver)
        known = sum(any(not s._.generic for s in item.spans[AGENCY_SPANS]) for item in items)
        # (not a table set out as text: "Helen Marsh    Redfell Ramblers", a cell's wrapped tail "After Children")
        if known < BODY_LIST_MIN_KNOWN or 2 * known < len(items) or any("  " in doc_text(item) for item in items):
            continue
        for item in items:
            text = doc_text(item).strip()
            m = _LISTED_NAME.match(text)
            if item.spans[AGENCY_SPANS] or m is None or role_phrase(m.group("name")) \
                    or PERSON_FIRST.match(text):
                continue
            _add_listed_body(item, m, resolver)


#: A table cell that is a name (capitalised words, joined by small words, a comma or a
#: bracket): "Shree Krishna Mandir, Aldermoor", "NASUWT", "Methodist Church (Aldermoor Circuit)".
_CELL_NAME = re.compile(r"(?-i:[A-Z][\w'’&.-]*)(?:(?:\s+|,\s+|\s+\()(?:(?-i:[A-Z][\w'’&.-]*)|of|for|and|&|the|in|on|at)\)?){0,7}")


def _named_in_member_tables(doc: Document, sdocs: dict, resolver: Resolver) -> None:
    """A membership table set out in columns under a heading of the membership ("Appendix:
    Membership of SACRE"), "Body  Representative" (or "Person  Body") a row: where a share of
    the cells beside the persons name bodies the tagger knows, such a cell that is a name alone
    is a body too ("NASUWT  Mr K Baxter", "Mr S. Whitlow  Trail Riders Fellowship"), not a post
    ("RE Adviser  Mrs J Cole") nor a person."""
    rows_of: dict[int, list[tuple[Doc, list[tuple[int, int]]]]] = {}
    for p_index, para in enumerate(doc.paragraphs):
        sdoc = sdocs.get((p_index, None))
        heading = doc.sections[para.section].heading or ""
        if sdoc is not None and para.number is None and "  " in para.text and MEMBERSHIP_SPOKEN_OF.search(heading):
            rows_of.setdefault(para.section, []).append((sdoc, cell_spans(doc_text(sdoc))))
    for rows in rows_of.values():
        cells_of = [(row, _body_cell(doc_text(row), cells)) for row, cells in rows]
        known = sum(cell is not None and _names_body(row, cell) for row, cell in cells_of)
        if known < BODY_LIST_MIN_KNOWN or MEMBER_TABLE_KNOWN_SHARE * len(rows) > known:
            continue
        for row, cell in cells_of:
            if cell is None or _names_body(row, cell):
                continue
            text = doc_text(row)[cell[0]:cell[1]]
            # (a name of one word only in capitals: "NASUWT", not "Independent" or "Labour")
            if not _CELL_NAME.fullmatch(text) or role_phrase(text) or PERSON_FIRST.match(text) \
                    or (len(text.split()) == 1 and not text.isupper()):
                continue
            name = row.char_span(*cell)
            if name is not None:
                span = Span(row, name.start, name.end, label="BODY")
                span._.rule, span._.generic = "body-in-member-table", False
                span._.canonical, span._.kind = resolver.resolve(span)
                row.spans[AGENCY_SPANS] = filter_spans([*row.spans[AGENCY_SPANS], span])


def _body_cell(text: str, cells: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A membership table's row: the cell beside the person, the first or (the person first) the second."""
    if len(cells) < 2:
        return None
    if PERSON_FIRST.match(text[cells[0][0]:]):
        return cells[1]
    return cells[0] if PERSON_FIRST.match(text[cells[1][0]:]) else None


def _names_body(row: Doc, cell: tuple[int, int]) -> bool:
    return any(not s._.generic and cell[0] <= s.start_char < cell[1] for s in row.spans[AGENCY_SPANS])


def _seat_beside(text: str) -> bool:
    """Is this a row of a membership table ("NASUWT  Mr K Baxter", "Northby Council  Director of
    Public Health", "Mr R. Tallis  Country Land and Business Association"): a person or a post in
    one of its first two cells, not a page's running head ("Rights of
    Way Committee - 14 March 2012  Page 3") nor a seat's terms ("one nominated by ...")?"""
    cells = cell_spans(text)[:2]
    return len(cells) == 2 and (_body_cell(text, cells) is not None or any(role_phrase(text[a:b]) for a, b in cells))


def _add_listed_body(item: Doc, m: re.Match, resolver: Resolver) -> None:
    """The name `m` matched in a membership list's entry is a body (its only agency)."""
    name = item.char_span(m.start("name"), m.end("name"))
    if name is None:
        return
    span = Span(item, name.start, name.end, label="BODY")
    span._.rule, span._.generic = "body-in-list-of-bodies", False
    span._.canonical, span._.kind = resolver.resolve(span)
    item.spans[AGENCY_SPANS] = [span]


def _add_acronyms(sdoc: Doc, acronyms: dict[str, str]) -> None:
    """Mentions of acronyms the paper defined for a body ("the CLASP", "the WS DAP"); a
    paper's own meaning of an acronym wins over the gazetteer's ("FSA" = Foundation
    Strategic Authority, not the Food Standards Agency), and "(KMSP)" after the long
    form it defines is no mention of its own."""
    text = doc_text(sdoc)
    present = [acronym for acronym in acronyms if acronym in text]    # most texts hold none
    if not present:
        return
    existing = list(sdoc.spans[AGENCY_SPANS])
    extra, replaced = [], set()
    for acronym in present:
        long = acronyms[acronym]
        for m in re.finditer(rf"(?<![\w(]){re.escape(acronym)}(?!\w)", text):
            span = sdoc.char_span(m.start(), m.end())
            if span is None:
                continue
            defining = span.start > 0 and sdoc[span.start - 1].text == "("     # "(CLASP)" after its long form
            for old in existing:
                if old.start == span.start and old.end == span.end and old._.rule != "acronym-defined" \
                        and (old._.rule == BRACKET_ACRONYM_RULE or "-acr" in (old._.rule or "")) \
                        and name_key(old._.canonical or long) != name_key(long):
                    replaced.add((old.start, old.end))
            if defining:
                continue
            for old in existing:             # "the GWP and Selection and Member Services": two bodies
                if old.start == span.start and old.end > span.end + 1 and sdoc[span.end].lower_ in ("and", "&"):
                    replaced.add((old.start, old.end))
                    rest = Span(sdoc, span.end + 1, old.end, label=old.label_)
                    rest._.rule, rest._.generic = old._.rule, old._.generic
                    extra.append(rest)
            if body_kind(long) == "other":
                continue
            span = Span(sdoc, span.start, span.end, label="BODY")
            span._.rule = "acronym-defined"
            span._.generic = False
            extra.append(span)
    for token in sdoc:                       # "(KMSP)" right after the long form it defines
        if token.text in acronyms and token.i > 0 and sdoc[token.i - 1].text == "(":
            replaced.add((token.i, token.i + 1))
    if extra or replaced:
        kept = [s for s in existing if (s.start, s.end) not in replaced]
        sdoc.spans[AGENCY_SPANS] = filter_spans(kept + extra)


@lru_cache(maxsize=1)
def _membership_cue() -> re.Pattern:
    row = next(r for r in load_jsonl("relations.jsonl") if r["id"] == MEMBERSHIP_RULE)
    return re.compile(row["pattern"], re.IGNORECASE)


#: A section heading over a bare list of members ("Membership", "3. Core members").
#: (or in plain words: "Who is on the Board", "Composition of the Forum")
_MEMBERSHIP_HEADING = re.compile(r"^\s*(?:[\d.]+\s*)?(?:(?:(?:proposed|revised|current|new|core|voting|full|statutory|board|panel|"
                                 r"committee)\s+){0,2}(?:membership|members|composition)(?:\s+of\s+the\s+[\w'’ -]{1,60})?|"
                                 r"who\s+(?:is|are|sits?)\s+on\s+the\s+[\w'’ -]{1,40})\s*:?\s*$", re.IGNORECASE)


#: A lead-in that speaks of a membership ("The membership of the Board is:", "The Forum has 18
#: members, as set out below.").
_MEMBERSHIP_WORDS = re.compile(r"\bmembership\b|\b(?:has|have|comprises?)\s+(?:\w+\s+)?(?:members|seats|places)\b"
                               r"|\b(?:appointed|nominated|elected)\s+the\s+following\s+(?:\w+\s+)?(?:members|councillors)\s+to\b"
                               r"|(?<!\bby )(?<!\bfrom )(?<!\bwith )(?<!\bamong )(?<!\bto )(?<!\bof )\bmembers\b[^.:;]{0,80}"
                               r"\b(?:are|were|was|is|will\s+be)\s*:\s*$", re.IGNORECASE)
# ("At 30 September the members were:", "The members of the Panel at 1 April 2015 were:", "The Council has
# appointed the following members to the JNC:")


def _is_membership_list(para: Paragraph, heading: str | None = None) -> bool:
    """A paragraph whose items list members ("The membership of the Board is:"), or a
    bare list under a "Membership" heading, or one after a lead-in there ("The statutory
    partners will each be represented at senior level:")."""
    if _SUBGROUPS_LEAD.search(para.text):
        return False                # "The Committee has three sub-committees, each of three members ...:": bodies
    if para.items and (not para.text.strip() or para.text.rstrip().endswith(":")) \
            and heading and _MEMBERSHIP_HEADING.match(heading):
        return True
    return bool(para.items) and (para.text.rstrip().endswith(":") or bool(_SET_OUT_BELOW.search(para.text))) and bool(
        _membership_cue().search(para.text) or _MEMBERSHIP_WORDS.search(para.text) or membership_label(para.text))


#: A lead-in counting a body's sub-groups: its items are those bodies, not members.
_SUBGROUPS_LEAD = re.compile(r"\b(?:has|have|will\s+have|the\s+following|two|three|four|five|six|seven|\d+)\s+"
                             r"(?:[\w-]+\s+)?sub-?(?:groups|committees|panels|boards)\b", re.IGNORECASE)
#: A lead-in that points to the list below it without a colon ("... the partner representatives set out below.").
_SET_OUT_BELOW = re.compile(r"\b(?:set\s+out|listed|shown|given|named)\s+below\s*\.?\s*$|\bas\s+follows\s*\.?\s*$",
                            re.IGNORECASE)


#: Words that may follow a generic mention that is a partner, not a modifier ("foster carer profiles").
_AFTER_PARTNER = {"and", "or", "are", "is", "was", "were", "will", "would", "have", "has", "had", "to", "in",
                  "on", "at", "for", "with", "who", "which", "that", "the", "as", "also", "all", "colleagues",
                  "partners", "services", "teams", "agencies", "providers", "representatives", "attend",
                  "attended", "provide", "provided", "work", "worked", "working", "continue", "can", "should"}


_PARTNER_WORDS = re.compile(r"\b(colleagues|partners|providers|practice|services|authorities)\b", re.IGNORECASE)
_COORDINATED = re.compile(r"^\s*(,|;|and|or|&|,\s*and|,\s*or)\s*(the\s+)?$", re.IGNORECASE)


def _modifier(sdoc: Doc, span: Span) -> bool:
    """"foster carer profiles", "housing and health outcomes": a generic word qualifying
    a noun (looked at past generic words joined to it), not a partner."""
    generic_at = {s.start: s for s in sdoc.spans[AGENCY_SPANS] if s._.generic}
    end = span.end
    while end + 1 < len(sdoc) and sdoc[end].lower_ in ("and", "or", ",") and end + 1 in generic_at:
        end = generic_at[end + 1].end
    after = sdoc[end] if end < len(sdoc) else None
    return after is not None and after.is_alpha and after.is_lower and after.lower_ not in _AFTER_PARTNER


#: A post a bracket after it qualifies ("Assistant Director (Children's Social Care)").
_POST_BEFORE_BRACKET = re.compile(r"\b(?:Director|Head|Manager|Officer|Lead|Consultant|Member|Commissioner|Adviser|Advisor)\s*\($")
#: Where a council's own service is named: a department, not a partner.
_SERVICE_NAME = re.compile(r"(?:Services?|Social Care|Public Health|Housing|Education|Directorate)$")


def _council_service(sdoc: Doc, span: Span) -> bool:
    """"Eastmere Council (Education, Children's Social Care and Public Health)", "X Council -
    Children's Services, Housing", "the Assistant Director (Children's Social Care)": a service
    named as part of the body before it, or as a post's field, is no agency of its own."""
    if not (span._.generic or _SERVICE_NAME.search(span._.canonical or span.text)):
        return False
    text = doc_text(sdoc)
    opened = max(text.rfind("(", 0, span.start_char), text.rfind(" - ", 0, span.start_char) + 1)
    if opened <= 0 or re.search(r"[);.]", text[opened + 1:span.start_char]):
        return False
    if text[opened] == "(" and _POST_BEFORE_BRACKET.search(text, 0, opened + 1):
        return True
    return any(not s._.generic and s.end_char <= opened and not text[s.end_char:opened].strip()
               for s in sdoc.spans[AGENCY_SPANS])


def _keep_generic(sdoc: Doc, span: Span) -> bool:
    """Generic lower-case mentions ("police", "housing") count in membership lists and
    in sentences naming several agencies, but not as a modifier ("foster carer profiles")."""
    sent = span.sent
    if _membership_cue().search(span_text(sent)):
        return True
    if _modifier(sdoc, span):
        return False
    if len(span) > 1 and _PARTNER_WORDS.search(span.text):
        return True                   # "Education colleagues", "housing providers": partners by name
    in_sentence = [s for s in sdoc.spans[AGENCY_SPANS] if sent.start <= s.start < sent.end]
    if len(in_sentence) < LIST_MIN_AGENCIES:
        return False
    text = doc_text(sdoc)                  # a bare word ("health") only as an entry of a list of agencies
    return any(_COORDINATED.match(text[o.end_char:span.start_char]) or _COORDINATED.match(text[span.end_char:o.start_char])
               for o in in_sentence if o is not span and (o.end_char <= span.start_char or o.start_char >= span.end_char))


def tag_document(doc: Document, nlp: Language | None = None, model: str | None = None) -> Tags:
    """Priorities, agencies and relations of one paper, each with evidence."""
    nlp = nlp or get_pipeline(model)
    doc = bounds.bounded_units(doc)           # time linear in a paragraph's length
    units = _units(doc)
    # (an acronym may be defined in a heading: "3.2 Tier 1 - Strategic Partnership Board (SPB)")
    acronyms, placed = acronym_tables([text for _, _, text in units] + [doc.meta.title or ""]
                                      + [section.heading for section in doc.sections if section.heading])
    resolver = Resolver(acronyms, placed=placed)
    year = _paper_year(doc)
    sdocs: dict[tuple[int, int | None], Doc] = {}
    # the paragraphs whose items list members ("The membership of the Board is:"), decided once
    membership_lists = {p for p, para in enumerate(doc.paragraphs)
                        if para.items and _is_membership_list(para, _heading_of(doc, p))}
    # each Doc made here keeps its text, so no component rebuilds it from the tokens
    made = (keep_text(nlp.make_doc(text), text) for _, _, text in units)
    for (p_index, i_index, _text), sdoc in zip(units, nlp.pipe(made, batch_size=BATCH_SIZE)):
        if sdoc.ents:
            _add_trained_entities(sdoc)
        _bodies_in_capitals(nlp, sdoc)
        _add_acronyms(sdoc, acronyms)
        in_list = i_index is not None and p_index in membership_lists
        spans = [s for s in sdoc.spans[AGENCY_SPANS]
                 if (not s._.generic or in_list or _keep_generic(sdoc, s)) and not _council_service(sdoc, s)
                 and not out_of_time(s._.rule, year)]
        for span in spans:
            span._.canonical, span._.kind = resolver.resolve(span)
        sdoc.spans[AGENCY_SPANS] = spans
        _apposed_names(sdoc, resolver)
        sdocs[(p_index, i_index)] = sdoc
    _named_in_lists_of_bodies(sdocs, membership_lists, resolver)
    _named_in_member_tables(doc, sdocs, resolver)
    _apposed_names_again(sdocs)
    headings = _heading_docs(doc, nlp, resolver, acronyms)
    every_doc = [*sdocs.values(), *(h for _, h in headings)]
    _use_long_names(doc, nlp, resolver, every_doc)
    _own_council(doc, every_doc)
    _named_kinds(resolver, every_doc)
    _use_local_bodies(resolver, every_doc)
    _merge_initials(every_doc)

    def evidence(para: Paragraph, item: int | None, sentence: str, rule: str | None) -> Evidence:
        page = para.items[item].page if item is not None else para.page
        return Evidence(doc=doc.id, page=page, paragraph=para.number, sentence=sentence.strip(),
                        section=doc.sections[para.section].heading, rule=rule)

    # agencies, grouped by canonical name in order of first mention
    agencies: "OrderedDict[str, Agency]" = OrderedDict()
    named: set[str] = set()          # bodies named at least once, not only by a generic word

    def mention(span: Span, where: Evidence) -> None:
        agency = agencies.setdefault(span._.canonical, Agency(
            name=span.text, canonical=span._.canonical, kind=span._.kind or "other"))
        agency.evidence.append(where)
        if not span._.generic:
            if span._.canonical not in named:      # "police, probation and health ... the National
                agency.name = span.text            # Probation Service": written as first named
            named.add(span._.canonical)

    for (p_index, i_index), sdoc in sdocs.items():
        para = doc.paragraphs[p_index]
        for span in sdoc.spans[AGENCY_SPANS]:
            mention(span, evidence(para, i_index, span_text(span.sent), span._.rule))

    # the body the paper is about: named in its title, else the most mentioned body
    main_body = _main_body(doc, nlp, resolver, agencies)
    # bodies named only in a heading ("7. Transfer of the Northby Service to ..."): agencies too,
    # added after the main body is chosen (which stays a matter of the text)
    for section, hdoc in headings:
        for span in hdoc.spans[AGENCY_SPANS]:
            if not span._.generic and span._.canonical not in agencies:
                mention(span, Evidence(doc=doc.id, page=section.page, paragraph=None, sentence=section.heading,
                                       section=section.heading, rule=span._.rule))
    committee = doc.meta.committee
    reader = RelationReader(main_body=main_body, council=doc.meta.council,     # ("ADULT SOCIAL CARE SELECT COMMITTEE")
                            committee=title_case(committee) if committee and committee.isupper() else committee)
    lines: list[ReportingLine] = []
    seen: dict[tuple, set] = {}
    bodies = set(agencies)          # (a member that is a body is one member however its entry goes on)
    last_para = None
    member_table = None              # the section of a membership table's header row, if any
    member_owner = None              # the body its caption names, if any
    member_rows = None               # the paragraph whose items are a membership table's rows, if any
    table_rows = None                # (paragraph, section, header, owner) of a membership table's header row
    names_lead = None                # (paragraph, section, body) of a lead-in over a list of councillors
    present_from = None              # the paragraph "Members present:" that opened an attendance list
    governance = None                # (paragraph, section, columns) of a governance table's header row
    not_members_in = None            # the section where "In attendance" closed its attendance list
    heading_of_section = {section.index: hdoc for section, hdoc in headings}
    last_section = None
    for (p_index, i_index), sdoc in sdocs.items():
        para = doc.paragraphs[p_index]
        if para.section != last_section and para.section in heading_of_section:
            skipped = [k for k in range((last_section or 0) + 1, para.section) if k in heading_of_section]
            for k in skipped:          # a heading with no text of its own, over this one
                reader.heading(heading_of_section[k])
            # "the Partnership" of the minute's title; "Membership:" right under "5.2 Audit Committee"
            reader.heading(heading_of_section[para.section], under_heading=bool(skipped) and skipped[-1] == para.section - 1)
            if reader.section_body is not None and membership_label(doc.sections[para.section].heading):
                names_lead = (None, para.section, reader.section_body)   # "5.2 Audit Committee" / "Membership:" / names
        last_section = para.section
        found_here = None
        if "  " in doc_text(sdoc):           # a row set out as text: a governance table's header, or a row under it
            header = reader.governance_header(sdoc)
            if header is not None:
                governance = (p_index, para.section, header)     # "Group  Chaired by  Reports to"
                found_here = []
            elif governance is not None and (p_index == governance[0] or (
                    i_index is None and para.number is None and para.section == governance[1])):
                found_here = reader.governance_row(sdoc, governance[2])
        elif governance is not None and p_index != governance[0]:
            governance = None
        if found_here is None and i_index is None and para.number is None and "  " in doc_text(sdoc) \
                and reader.pending is not None and reader.pending.subject is None:
            # a table's rows after a lead-in whose subjects they name ("Six thematic partnerships
            # sit beneath the Board, ...:" then "Theme  Thematic partnership" and a row for each)
            found_here = reader.read_item(sdoc)
        if found_here is None and names_lead is not None and (i_index is not None or (
                p_index != names_lead[0] and para.number is None)) and para.section == names_lead[1]:
            # "3.3 Audit Committee (7 members):" then "Cllr A Bright (Chair), Cllr H Crane, ..."
            found_here = reader.listed_councillors(sdoc, names_lead[2]) or None
        if found_here is None and (nominated := reader.nomination(sdoc)):     # ("Village Hall Committee – Councillor X")
            found_here = nominated + reader.after_nomination(sdoc, nominated, new_paragraph=p_index != last_para)
        row = "  " in doc_text(sdoc)
        if table_rows is not None and not (p_index == table_rows[0] or (
                row and i_index is None and para.number is None and para.section == table_rows[1])):
            table_rows = None            # (prose, a numbered paragraph or a new section ends the table)
        if found_here is None and row and ((i_index is not None and p_index in membership_lists) or reader.membership_section) \
                and (header := reader.membership_header(sdoc)) is not None:
            # "Name  Representing  Role", "Group  Name  Representing", "Category of member  No.  Member(s)",
            # "Name  Nominated by  Term ends" under a membership's lead-in or heading: the rows under it
            owner = reader.list_owner(sdocs.get((p_index, None))) if i_index is not None else None
            table_rows = (p_index, para.section, header, owner)
            found_here = []
        elif found_here is None and table_rows is not None and row:
            found_here = reader.membership_row(sdoc, table_rows[2], table_rows[3])   # (None: a count of seats, no names)
        if found_here is None and i_index is not None and p_index not in membership_lists \
                and reader.heads_member_table(sdoc):
            member_rows = p_index              # "3.1 The allocation of seats is set out below." then the
            found_here = []                    # table as its items: "Group  Seats  Term of office"
        elif found_here is None and i_index is not None and member_rows == p_index:
            found_here = reader.table_row(sdoc)
        if found_here is None and i_index is not None and p_index in membership_lists:
            # "The membership of the Board is:" then one member an item (or a table's row, or the
            # heading in capitals of a group of rows, "USER INTERESTS")
            owner = reader.list_owner(sdocs.get((p_index, None)))
            if row and (people := reader.people_row(sdoc, owner)) is not None:
                found_here = people                              # "Independent members  Mr D Halloran (Chair), ..."
            elif row and PERSON_FIRST.match(doc_text(sdoc).strip()):
                found_here = reader.person_row(sdoc, owner)      # "Mr R. Tallis  Country Land and Business Association"
            elif _is_caps(doc_text(sdoc)) and not any(not s._.generic for s in sdoc.spans[AGENCY_SPANS]):
                found_here = []
            else:
                found_here = reader.list_members(sdoc, owner, MEMBERSHIP_RULE)
        elif found_here is None and (i_index is not None or (p_index != last_para and (
                _LIST_PARAGRAPH.match(para.number or "") or _LIST_TEXT.match(para.text)))):
            found_here = reader.read_item(sdoc)        # an item of a list a lead-in opened
        label = reader.attendance_label(para.text) if i_index is None and para.number is None else None
        if label is not None:
            # "Board members present:" alone on its line opens a list of those present, one a
            # line; "In attendance:" closes it (those in attendance are no members)
            present_from = p_index if label == "present" else None
            not_members_in = para.section if label == "not" else not_members_in
            found_here = found_here if found_here is not None else []
        elif i_index is None and reader.not_members(para.text):
            present_from, not_members_in = None, para.section   # "IN ATTENDANCE Ian Fox ...": no members from here
        elif i_index is None and para.number is None and present_from is None and reader.opens_present_list(para.text):
            present_from = p_index      # "Present:  Cllr J Orme (Chair)" then one person a line below it
        elif found_here is None and ((reader.heads_attendance(doc.sections[para.section].heading)
                                      and para.section != not_members_in) or present_from is not None) \
                and _attendance_line(para.text):
            found_here = reader.attendance(sdoc, listed=True)   # "Present:" then one person a line
        if present_from is not None and p_index != present_from and (
                para.number is not None or para.items or para.section != doc.paragraphs[present_from].section):
            present_from = None
        if i_index is None and reader.heads_member_table(sdoc):
            member_table = para.section                          # "ORGANISATION  REPRESENTATIVE"
            # (under a caption naming whose: "Steering Group members 2022-23")
            above = doc.paragraphs[p_index - 1] if p_index else None
            member_owner = reader.membership_caption(above.text) \
                if above is not None and above.number is None and not above.items else None
        elif found_here is None and i_index is None and para.number is None and reader.membership_section \
                and para.section != not_members_in and (seat := reader.labelled_seat(sdoc)) is not None:
            found_here = seat                    # "Police:  DI J Smith, Sedge Police" under "Panel members"
        elif found_here is None and i_index is None and para.number is None and "  " in para.text \
                and (para.section == member_table or (reader.membership_section and para.section != not_members_in
                                                      and _seat_beside(para.text))):
            # (a row keeps its cells apart; prose after the table is no row) "Northby Council  Director
            # of ...", under the table's header or a heading of the membership ("Membership of SACRE")
            found_here = reader.table_row(sdoc, member_owner if para.section == member_table else None) or None
        if found_here is None and i_index is None:
            found_here = reader.signature(sdoc, _line_above(doc, p_index)) or None
        if found_here is None:
            found_here = reader.read(sdoc, new_paragraph=p_index != last_para)
        for found in found_here:
            line = _line(found, evidence(para, i_index, found.sentence.text, found.rule))
            _add_line(lines, seen, line, bodies)
        if i_index is None and p_index != last_para:
            # a lead-in naming the body whose councillors the paragraphs below list
            # (a membership's lead-in may say whose: "The Council has appointed the following members to the JNC:")
            lead_body = _NAMES_LEAD.search(para.text) and (
                (reader.owner_named(sdoc) if p_index in membership_lists else None)
                or next((s for s in sdoc.spans[AGENCY_SPANS] if not s._.generic), None))
            if lead_body:
                names_lead = (p_index, para.section, lead_body)
            elif para.number is not None or (not found_here and names_lead and names_lead[0] != last_para):
                names_lead = None           # (a new numbered paragraph; or, past the one after the lead, one reading nothing)
        last_para = p_index

    for owner, entries in _rosters(doc, reader):
        owner_doc = _resolved(nlp, resolver, owner[1])
        for found in reader.roster(owner_doc, [nlp.make_doc(doc.paragraphs[i].text) for i in entries]):
            para = doc.paragraphs[entries[0]]
            line = _line(found, evidence(para, None, found.sentence.text, found.rule))
            _add_line(lines, seen, line, bodies)
    for table in doc.tables:                  # signatures set side by side in a table
        for text, name in reader.signature_columns(table.rows):
            sig_doc = _resolved(nlp, resolver, text)
            for found in reader.signature(sig_doc, name):
                line = _line(found, Evidence(doc=doc.id, page=table.page, paragraph=None,
                                             sentence=f"{name} {text}", rule=found.rule))
                _add_line(lines, seen, line, bodies)
    lines = _posts_in_full(_drop_unknown_twins(lines), acronyms)

    first_equal = _first_equal(doc.paragraphs)

    def sentences(para: Paragraph, item: int | None) -> list[str]:
        index = first_equal.get(id(para))
        if index is None:
            index = doc.paragraphs.index(para)
        sdoc = sdocs.get((index, item))
        return [span_text(s).strip() for s in sdoc.sents] if sdoc is not None else []

    # "housing", "social care", "the voluntary sector": services and sectors spoken of in
    # general are an agency of the paper only when a line relates them (members, partners)
    related = {r.source for r in lines} | {r.target for r in lines}
    kept = [a for c, a in agencies.items() if c in named or c in related]
    return Tags(doc=doc.id, agencies=kept,
                priorities=_not_bodies(extract_priorities(doc, sentences), kept),
                reporting_lines=lines)


#: What a list entry may hold around a body's name: an article, a bracketed note, end punctuation.
_AROUND_NAME = re.compile(r"^\s*(?:the\s+)?|\s*\([^()]*\)|[\s.;,:]+$", re.IGNORECASE)


def _not_bodies(priorities: list[Priority], agencies: list[Agency]) -> list[Priority]:
    """An entry that is only a body's name ("- Safer Ravensby Partnership" under "each priority
    is led by a partnership, which reports to ...:") names who leads, not a priority. (A name
    of no known kind may be the priority's own: "Thriving Town Centres".)"""
    names = {_AROUND_NAME.sub("", name).lower() for a in agencies if a.kind != "other" for name in (a.name, a.canonical)}
    return [p for p in priorities if _AROUND_NAME.sub("", p.text).lower() not in names]


def _resolved(nlp: Language, resolver: Resolver, text: str) -> Doc:
    """`text` tagged, its agencies resolved to the paper's canonical names."""
    tagged = nlp(text)
    for span in tagged.spans[AGENCY_SPANS]:
        span._.canonical, span._.kind = resolver.resolve(span)
    return tagged


#: The opening lines where a paper's year may be printed when its metadata has none, and
#: the most words such a line has (a line of a title block, not a sentence).
FRONT_LINES = 5
FRONT_LINE_MAX_WORDS = 12


def _paper_year(doc: Document) -> int | None:
    """The year a paper was written: its date's, else the first of its period, its title or
    its opening lines ("Performance report, June 2009"; short unnumbered lines, not prose)."""
    front = [p.text for p in doc.paragraphs[:FRONT_LINES]
             if p.number is None and len(p.text.split()) <= FRONT_LINE_MAX_WORDS]
    for text in (doc.meta.date, doc.meta.period, doc.meta.title, *front):
        year = re.search(r"\b(?:19|20)\d\d\b", text or "")
        if year:
            return int(year.group())
    return None


def _heading_docs(doc: Document, nlp: Language, resolver: Resolver, acronyms: dict[str, str]) -> list:
    """(section, tagged heading) for every section heading: bodies are named there too."""
    sections = [section for section in doc.sections if section.heading]
    out = []
    for section, hdoc in zip(sections, nlp.pipe([section.heading for section in sections],
                                                 batch_size=BATCH_SIZE)):
        _bodies_in_capitals(nlp, hdoc)
        _add_acronyms(hdoc, acronyms)
        spans = [span for span in hdoc.spans[AGENCY_SPANS] if not span._.generic]
        for span in spans:
            span._.canonical, span._.kind = resolver.resolve(span)
        hdoc.spans[AGENCY_SPANS] = spans
        out.append((section, hdoc))
    return out


def _first_equal(paragraphs: list[Paragraph]) -> dict[int, int]:
    """For each paragraph (by identity), the index `paragraphs.index(it)` gives: the
    first paragraph equal to it; found in one pass, not one scan per paragraph."""
    firsts: dict[int, int] = {}
    buckets: dict[tuple, list[int]] = {}
    for index, para in enumerate(paragraphs):
        bucket = buckets.setdefault((para.text, para.number, para.section, para.page), [])
        firsts[id(para)] = next((j for j in bucket if paragraphs[j] == para), index)
        bucket.append(index)
    return firsts


def _use_long_names(doc: Document, nlp: Language, resolver: Resolver, sdocs) -> None:
    """"The Partnership Board" is the paper's "Looked After Children Partnership
    Board" when that is the only longer body so named (in the text, its title or
    its committee), or the one of them that is its committee."""
    named = {s._.canonical for sdoc in sdocs for s in sdoc.spans[AGENCY_SPANS]
             if s._.kind in MAIN_BODY_KINDS}
    own = set()
    for text in (doc.meta.title, doc.meta.committee):
        if text:
            heading = nlp(text)           # kept in scope: its spans need it
            names = {resolver.resolve(s)[0] for s in heading.spans[AGENCY_SPANS]}
            named |= names
            if text == doc.meta.committee and len(text.split()) >= OWN_NAME_MIN_WORDS:
                own |= names
    # (the committee a paper is for, named in full, is itself: "Overview and Scrutiny Committee"
    # is not the "Health Overview and Scrutiny Committee" of another council it writes to)
    # (nor, a known kind itself, another known kind's body with a place: the "Northby Health
    # Overview and Scrutiny Committee")
    aliases = {short: long for short, long in alias_short_names(sorted(named), frozenset(own)).items()
               if short not in own and (resolver.local_kind(long) in (None, short) or not resolver.is_known(short))}
    for sdoc in sdocs:
        for span in sdoc.spans[AGENCY_SPANS]:
            if span._.canonical in aliases and span._.kind in MAIN_BODY_KINDS:
                span._.canonical = aliases[span._.canonical]


def _own_council(doc: Document, sdocs) -> None:
    """"The Council" is the paper's own council (printed in its metadata, else the
    council it names most), where it has one; "the local authority" stays generic."""
    spans = [s for sdoc in sdocs for s in sdoc.spans[AGENCY_SPANS]]
    counts: dict[str, int] = {}          # the councils the paper names, most named first on max()
    for span in spans:
        name = span._.canonical or ""
        if _OWN_COUNCIL.search(name):
            counts[name] = counts.get(name, 0) + 1
    own = doc.meta.council or (max(counts, key=counts.get) if counts else None)
    if not own:
        return
    own_key = _council_key(own)
    for span in spans:
        bare = re.sub(r"^the\s+", "", span.text, flags=re.IGNORECASE).lower()
        if span._.canonical and span._.canonical != own and _council_key(span._.canonical) == own_key:
            span._.canonical, span._.kind = own, "council body"   # "Council of the Township of X", "X Council"
        elif bare in ("council", "full council") and span._.canonical in (GENERIC_COUNCIL, "Full Council"):
            span._.canonical, span._.kind = own, "council body"
        elif _BARE_COUNCIL.match(bare):
            # "the County Council": the paper's own if of that type, else the one it names
            of_type = [name for name in counts if name.lower().endswith(bare)]
            council = own if own.lower().endswith(bare) else (
                max(of_type, key=counts.get) if of_type and not doc.meta.council else None)
            if council:
                span._.canonical, span._.kind = council, "council body"


#: Between a body's own name and the kind of body it is for its place: "X is the Crime and
#: Disorder Reduction Partnership for ...", "X (the Community Safety Partnership)", "X, which is the
#: city's Community Safety Partnership".
_IS_THE_KIND = re.compile(r"^\s*(?:\(\s*the\s+|,?\s+(?:which\s+)?(?:is|was|will\s+be|acts\s+as|serves\s+as|became|"
                          r"(?:is\s+)?(?:also\s+)?known\s+as)\s+(?:the|our|its|the\s+(?:city|borough|county|district|area)['’]s)\s+"
                          r"(?:local\s+|statutory\s+)?)$")
#: ... or in apposition with its acronym: "X, the Local Strategic Partnership (LSP), ...".
_APPOSED_KIND = (re.compile(r"^\s*,\s+the\s+$"), re.compile(r"^\s*(?:\([A-Z]{2,8}\)\s*)?,"))
#: ... or "X, the county's Local Strategic Partnership" (a possessive: no list of bodies).
_APPOSED_OWN_KIND = re.compile(r"^\s*,\s+(?:the\s+(?:city|borough|county|district|area|town|council|county\s+council)['’]s|our|its)"
                               r"\s+(?:(?:local|statutory)\s+)?$", re.IGNORECASE)


def _named_kinds(resolver: Resolver, sdocs) -> None:
    """A body that says which kind of body it is for its place ("The Safer Ashcombe
    Partnership is the Crime and Disorder Reduction Partnership (CDRP) for the borough") is
    what that kind's name stands for in the paper ("the CDRP", "the Partnership")."""
    for sdoc in sdocs:
        spans = list(sdoc.spans[AGENCY_SPANS])
        text = doc_text(sdoc)
        for own, kind in zip(spans, spans[1:]):
            if own._.generic or not own._.canonical or not kind._.canonical or own._.canonical == kind._.canonical \
                    or resolver.gazetteer.get(name_key(own._.canonical)):
                continue                    # a body of its own, then a kind ...
            gap = text[own.end_char:kind.start_char]
            apposed = _APPOSED_KIND[1].match(text[kind.end_char:])
            if resolver.gazetteer.get(name_key(kind._.canonical)) and (_IS_THE_KIND.match(gap) or (
                    _APPOSED_KIND[0].match(gap) and apposed and ("(" in apposed.group() or kind.text.endswith(")")))):
                resolver.places[kind._.canonical] = {own._.canonical}      # ... the gazetteer knows
            elif _APPOSED_OWN_KIND.match(gap) and body_kind(kind._.canonical) != "other":
                resolver.places[kind._.canonical] = {own._.canonical}      # ... any, said to be the place's own


def _use_local_bodies(resolver: Resolver, sdocs) -> None:
    """"The ICB", "the LSCB" name the paper's own one when it names exactly one body of
    that kind with its place ("NHS Northby Integrated Care Board"); generic words
    ("the police", "health") stay the kind."""
    for sdoc in sdocs:
        for span in sdoc.spans[AGENCY_SPANS]:
            local = resolver.local_body(span._.canonical) if not span._.generic else None
            if local:
                span._.canonical = local


def _council_key(name: str) -> str:
    """A council's name without "Council of (the)" before it or "Council" after it."""
    key = re.sub(r"^council of (?:the )?", "", name_key(name))
    return re.sub(r" council$", "", key)


def _merge_initials(sdocs) -> None:
    """An acronym the gazetteer does not know ("KCC") is the body of the paper whose
    initials it spells ("Kent County Council")."""
    sdocs = list(sdocs)
    spans = [s for sdoc in sdocs for s in sdoc.spans[AGENCY_SPANS]]
    initials: dict[str, str] = {}
    for span in spans:
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", span._.canonical or "")
                 if w.lower() not in _INITIAL_SKIPS]
        if len(words) >= 2:
            initials.setdefault("".join(w[0] for w in words).upper(), span._.canonical)
    for span in spans:
        canonical = span._.canonical or ""
        if re.fullmatch(r"[A-Z]{2,8}", canonical) and initials.get(canonical, canonical) != canonical:
            span._.canonical = initials[canonical]
            span._.kind = next((s._.kind for s in spans if s._.canonical == span._.canonical and s is not span),
                               span._.kind)


def _in_full(canonical: str, title: str, agencies) -> str | None:
    """The longest body named in the text whose name ends with `canonical` and is the title's
    whole phrase ("Ravensholme University and Community Liaison Group", where the title alone
    gave "Community Liaison Group"), if any."""
    fuller = [a.canonical for a in agencies.values() if a.canonical.endswith(" " + canonical)
              and a.canonical.lower() in title.lower()]
    return max(fuller, key=len) if fuller else None


#: A title that is one body's name and nothing more: capitalised words, joined by "and", "of"...
_ONE_NAME = re.compile(r"^(?:[A-Z][\w'’&-]*\s+(?:(?:and|of|for|the|&)\s+)?)+$")


def _whole_name(title: str, span, doc: Document) -> str | None:
    """A title that is wholly a body's name, printed so in the paper's text too, where the
    tagger took only its end ("Ravensholme University and Community Liaison Group": not
    "Community Liaison Group"), else None."""
    title = title.strip()
    prefix = title[:span.start_char]
    if span.end_char != len(title) or not prefix or not _ONE_NAME.match(prefix):
        return None
    body_text = " ".join(p.text for p in doc.paragraphs).lower()
    return title if body_text.count(title.lower()) > 1 else None


def _placed(canonical: str, agencies) -> str:
    """A title's body named in the text under its place ("Health and Wellbeing Board - Terms of
    Reference", then "The Eastmere Health and Wellbeing Board ('the Board')"): the placed name,
    if the text gives one and only one."""
    not_places = not_place_words()
    placed = {a.canonical for a in agencies.values() if a.canonical.endswith(" " + canonical)
              and re.fullmatch(rf"(?:[A-Z][\w'’-]*(?: (?:and|&) | )){{1,{PLACE_MAX_WORDS}}}",
                               a.canonical[:-len(canonical)])
              and not set(a.canonical[:-len(canonical)].split()) & not_places}
    return placed.pop() if len(placed) == 1 else canonical


#: A name ending in "Council": a council ("Castlebridge City Council"), or a council of people
#: ("Children in Care Council"), less likely the paper's body than a board or partnership.
_A_COUNCIL = re.compile(r"\bCouncil$")


_PERSON_TITLES = re.compile(rf"\b{PERSON_TITLE}")
#: A line of an attendance list names one person and their post or body: this many words at most.
ATTENDANCE_LINE_MAX_WORDS = 16


def _attendance_line(text: str) -> bool:
    """One person a line ("Supt. Mark Hollis  Wyreside Police (Vice-Chair)"), not prose that a
    missed heading left under "Present" (a minute's text)."""
    if re.search(r"[a-z]{2}\.\s+[A-Z][a-z]+\s+[a-z]", text):
        return False                     # sentences ("... welcomed everyone. Apologies were noted")
    # one person a line, or a run of them ("Councillor J. Okafor (Eastbridge City Council), Councillor ...")
    return len(text.split()) <= ATTENDANCE_LINE_MAX_WORDS or len(_PERSON_TITLES.findall(text)) >= 2


#: A service area named in a title ("... for Learning Disability Services"), no meeting's body.
_SERVICE_AREA = re.compile(r"\bServices?$")


@lru_cache(maxsize=1)
def _paper_words() -> frozenset[str]:
    return frozenset(w.lower() for w in next(row["words"] for row in load_jsonl("name_breaks.jsonl")
                                             if row["label"] == "own_document"))


#: A word that ends a body's name ("... Strategy Board").
_NAME_HEAD = re.compile(r"^(?:board|group|partnership|committee|forum|panel|network|steering|sub-?group|alliance)$",
                        re.IGNORECASE)


def _without_paper_words(title: str) -> str:
    """A title cut before the words that name a body's paper ("Adoption Panel Annual Report
    2010/11": "Adoption Panel"); one that opens with them ("Annual Report of the X") is kept."""
    words = title.split(" ")
    # (not a paper's word inside the name: "Carers Strategy Board", "Health Plan Steering Group")
    cut = next((i for i in range(1, len(words)) if words[i].lower() in _paper_words()
                and words[i - 1].lower() not in _paper_words() and words[i - 1][:1].isupper()
                and not (i + 1 < len(words) and _NAME_HEAD.match(words[i + 1]))), len(words))
    return " ".join(words[:cut])


def _main_body(doc: Document, nlp: Language, resolver: Resolver, agencies) -> str | None:
    # the body named in the title, else in a report's banner, else the committee the paper is
    # for or by ("Looked After Children Board / Terms of Reference": "the Board" is that board;
    # "KIRKMOOR CARERS STRATEGY BOARD - ANNUAL REPORT 2022/23" under "Agenda Item 7": that board)
    for text in (doc.meta.title, _report_banner(doc), doc.meta.committee):
        if not text:
            continue
        # ("Adoption Panel Annual Report 2010/11": the panel; its paper's words are no part of its name)
        text = _without_paper_words(text) if text != doc.meta.committee else text
        heading = nlp(title_case(text) if text.isupper() else text)     # ("AUDIT AND STANDARDS COMMITTEE")
        _add_acronyms(heading, resolver.acronyms)
        for span in heading.spans[AGENCY_SPANS]:
            canonical, kind = resolver.resolve(span)
            canonical = resolver.local_body(canonical) or canonical    # "the CDRP": the paper's own one
            if text == doc.meta.title and doc.meta.committee and (span._.generic or _SERVICE_AREA.search(canonical)
                                                                 or _A_COUNCIL.search(canonical)):
                continue          # "Joint Commissioning Arrangements for ... Services": its subject; "hosted
                                  # by X Council": its host, where the paper names the body it is for
            # the committee a paper is for is its body whatever its kind ("Police and Crime Panel")
            if kind in MAIN_BODY_KINDS or (text == doc.meta.committee and span.text.strip() == text.strip()):
                return _in_full(canonical, text, agencies) or _whole_name(heading.text, span, doc) \
                    or _placed(canonical, agencies)
    # else the most mentioned body (first mentioned on a tie), not the council itself
    bodies = [a for a in agencies.values() if a.kind in MAIN_BODY_KINDS and a.canonical != doc.meta.council]
    if bodies:
        # (a council named beside those present is no paper's body while a board or partnership is named)
        return max(bodies, key=lambda a: (not _A_COUNCIL.search(a.canonical), len(a.evidence))).canonical
    return None


#: A report's banner is among the paper's first paragraphs.
BANNER_MAX_PARAGRAPHS = 8


def _report_banner(doc: Document) -> str | None:
    """A line in capitals before the paper's first numbered paragraph that names a report of
    a body ("KIRKMOOR CARERS STRATEGY BOARD - ANNUAL REPORT 2022/23"), if any."""
    for para in doc.paragraphs[:BANNER_MAX_PARAGRAPHS]:
        if para.number is not None:
            return None
        text = re.sub(r"\s+[-–—:]\s+", " ", para.text.strip())
        if text.isupper() and _without_paper_words(text) != text:
            return text
    return None


def _rosters(doc: Document, reader: RelationReader) -> list[tuple[tuple[int, str], list[int]]]:
    """Runs of "Name - Role" paragraphs under a short line naming their body (not an entry
    itself: "Supt G Lowe - Northby Police"): ((owner paragraph, its text), [entry paragraphs])."""
    out = []
    index = 0
    paragraphs = doc.paragraphs
    while index < len(paragraphs):
        run = []
        while index + len(run) < len(paragraphs):
            para = paragraphs[index + len(run)]
            if para.items or not reader.roster_entries(para.text) or (
                    para.section != paragraphs[index].section and doc.sections[para.section].heading):
                break
            run.append(index + len(run))
        owner = index - 1
        if run and owner >= 0 and paragraphs[owner].section == paragraphs[index].section \
                and 0 < len(paragraphs[owner].text.split()) <= ROSTER_OWNER_MAX_WORDS \
                and not _DASHED.search(paragraphs[owner].text) \
                and sum(reader.roster_entries(paragraphs[i].text) for i in run) >= ROSTER_MIN_ENTRIES:
            out.append(((owner, paragraphs[owner].text), run))
        index += len(run) or 1
    return out


def _heading_of(doc: Document, p_index: int) -> str | None:
    return doc.sections[doc.paragraphs[p_index].section].heading


def _line_above(doc: Document, p_index: int) -> str | None:
    """The text just above a paragraph: the one before it in its section, else its heading."""
    para = doc.paragraphs[p_index]
    if p_index and doc.paragraphs[p_index - 1].section == para.section:
        return doc.paragraphs[p_index - 1].text
    return doc.sections[para.section].heading


def _add_line(lines: list[ReportingLine], seen: dict[tuple, set], line: ReportingLine,
              bodies: set[str] = frozenset()) -> None:
    """Add a line unless the paper stated it before: the same ends (a member that is no body
    of `bodies` as written the same way; a body however its entry is written: "Northby Council
    - Director of ..." and "Northby Council - Head of ..." are one member organisation),
    relation and frequency, read from another sentence or written the same way. Two bodies
    of one kind named in one sentence ("chair of NHS A CCG and NHS B CCG") stay two lines."""
    written = line.source_text if line.relation == "member_of" and line.source not in bodies else None
    key = (line.source, line.target, line.relation, line.frequency, written)
    mention = (line.evidence.sentence, line.source_text, line.target_text)
    before = seen.setdefault(key, set())
    if any(m == mention or m[0] != mention[0] for m in before):
        return
    before.add(mention)
    lines.append(line)


def _drop_unknown_twins(lines: list[ReportingLine]) -> list[ReportingLine]:
    """A line with no frequency is dropped where the paper states the same line with one
    ("The following sub-groups report to the Board: ..." and then "Each sub-group will
    provide a written update to every meeting of the Board"): one standing arrangement."""
    known = {(r.source, r.target, r.relation) for r in lines if r.frequency not in (None, UNKNOWN_FREQUENCY)}
    return [r for r in lines if r.frequency != UNKNOWN_FREQUENCY or (r.source, r.target, r.relation) not in known]


def _canonical(value) -> str:
    return value if isinstance(value, str) else value._.canonical


def _written(value) -> str:
    return value if isinstance(value, str) else value.text


def _posts_in_full(lines: list[ReportingLine], acronyms: dict[str, str]) -> list[ReportingLine]:
    """A post the paper shortens ("the Director of Public Health (DPH)" ... "chaired by the
    DPH") under the name it defined, as a line's end; a line said both ways is one."""
    def full(end: str) -> str:
        long = acronyms.get(end)
        return long if long and role_phrase(long) == long else end
    said = {(line.source, line.target, line.relation, line.frequency) for line in lines}
    out: list[ReportingLine] = []
    for line in lines:
        full_line = replace(line, source=full(line.source), target=full(line.target))
        key = (full_line.source, full_line.target, full_line.relation, full_line.frequency)
        if full_line == line or key not in said:
            said.add(key)
            out.append(full_line)
    return out


def _line(found: Found, evidence: Evidence) -> ReportingLine:
    return ReportingLine(source=_canonical(found.source), target=_canonical(found.target),
                         relation=found.relation, frequency=found.frequency,
                         frequency_text=found.frequency_text, modality=found.modality,
                         evidence=evidence, source_text=found.source_text or _written(found.source),
                         target_text=_written(found.target))
