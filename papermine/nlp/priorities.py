"""Priorities a paper states, found from its structure and its wording.

- `stated`: entries of an enumerated list (`Priority 3) ...`, `(iii) ...`
  under "the following eight themes:", numbered objectives under "The
  partnership will work to:"), paragraphs of a priorities section, and
  sentences that call something "a key priority";
- `heading`: milestone or objective sentences used as headings in a progress
  or priorities section;
- `future`: paragraphs of a "Future priorities" / "Next steps" section;
- `action-theme`: outcome headings over the tasks of an action plan.

Ordinary paragraphs are not priorities. Each priority carries the rule id
that found it, its evidence and a theme from models/themes.jsonl.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile
from typing import Callable

from ..model import Document, Evidence, Item, Paragraph, Priority, Section
from ..model.data import load_jsonl
from .screens import AnyOf, Screened
from .themes import classify_theme

__all__ = ["extract_priorities", "PRIORITY_LABEL_WORDS"]

#: Labels of numbered list entries that name a priority ("Priority 3", "Objective 2").
PRIORITY_LABEL_WORDS = {"priority", "objective", "aim", "ambition", "theme", "outcome",
                        "milestone", "commitment", "goal", "pledge", "target"}
#: Sections whose sentences are never priorities (front matter, implications...).
NO_PRIORITY_KINDS = {"front", "purpose", "recommendation", "implications", "appendix",
                     "background_papers", "contact", "reason", "minutes_item"}
HEADING_PARENT_KINDS = {"progress", "priorities", "future_priorities"}


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[tuple[str, Screened]]]:
    cues: dict[str, list[tuple[str, Screened]]] = {}
    for row in load_jsonl("priority_cues.jsonl"):     # rows of one cue share a "group"
        cues.setdefault(row.get("group", row["id"]), []).append(
            (row["label"], Screened(re.compile(row["pattern"], re.IGNORECASE))))
    return cues


def _cue(name: str, text: str) -> bool:
    return _match(name, text) is not None


def _match(name: str, text: str) -> re.Match | None:
    return next((m for _label, rx in _cues()[name] for m in (rx.search(text),) if m), None)


@lru_cache(maxsize=2)
def _membership(bare_words: bool = True) -> AnyOf:
    """A membership clause ("The Group consists of representatives from ...") is no priority;
    with `bare_words`, any mention of "membership" or "members" counts as one too."""
    rows = [r["pattern"] for r in load_jsonl("relations.jsonl")
            if r["label"] == "member_of" and not r.get("needs_before") and not r.get("subject_is_member")]
    # "members" alone is a membership clause, "support board members to embed ..." an action,
    # "Members agreed the strategy's four priorities:" (minutes) the meeting deciding
    bare = [r"\bmembership\b|\bmembers\b(?!\s+(?:to|agreed|noted|endorsed|approved|supported|welcomed|discussed|"
            r"considered|resolved)\s)"] if bare_words else []
    return AnyOf(rows + bare)


#: "1. A continued focus on ..." at the start of a paragraph the numbering was not read from.
_INLINE_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=[A-Z])")


def _split_numbered(number: str | None, text: str) -> list[tuple[str | None, str]]:
    """"Reduce the risk of suicide 2. Tailor approaches ... 3. Reduce access ...": the
    numbers that follow on from the paragraph's own split it into entries."""
    out: list[tuple[str | None, str]] = []
    label, rest = number, text
    try:
        expected = int(re.sub(r"\D", "", number or "")) + 1
    except ValueError:
        return [(number, text)]
    while True:
        m = re.search(rf"\s{expected}[.)]\s+(?=[A-Z])", rest)
        if not m:
            break
        out.append((label, rest[:m.start()].strip()))
        label, rest = str(expected), rest[m.end():]
        expected += 1
    out.append((label, rest.strip()))
    return [(lab, t) for lab, t in out if t]


#: "(ii) challenge the council ...": the label of an entry the parser left in its text.
_LOOSE_LABEL = re.compile(r"^\s*(?:\(?([ivx]{1,4}|[a-z]|\d{1,2})\)|[-•*–])\s+")
#: An entry of a list whose bullets the layout lost is one sentence of at most this many words.
LOOSE_ENTRY_MAX_WORDS = 40
#: Where a paragraph's sentences part; a lead-in is its last sentence.
_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
#: A heading naming a priority has words ("Starting Well"), not a figure ("Births: 8,630").
_WORDY_HEADING = re.compile(r"^[^\d]*[A-Za-z]{3,}[^\d]*$")


def _is_priority_lead(text: str) -> bool:
    """A paragraph whose list states priorities: "... six priority areas for action:",
    "The partnership will work to:", "The following principles underpin ..."."""
    text = _LAST_SENTENCE.split(text.strip())[-1]
    if re.search(r"\bthe following\b", text, re.IGNORECASE) and not _cue("cue-following-list", text) \
            and not _cue("cue-focus-following", text):
        return False                  # "the following groups who are at risk of poorer outcomes:" (but "... will
                                      # concentrate on the following:")
    if _cue("cue-not-lead", text) or _cue("cue-findings", text):
        return False                  # "... will use various indicators, for example:", "The main themes this year were:"
    return bool(text) and (_cue("cue-priority-list", text) or _cue("cue-sets-out", text)
                           or (text.endswith(":") and _cue("cue-following-list", text))
                           or (text.endswith(":") and _cue("cue-work-to", text)) or _cue("cue-focus-following", text))


#: An entry of a list that lost its bullets and line breaks has at most this many words.
RUN_ON_MAX_WORDS = 25
#: Words that part at a sentence end, a colon or a semicolon: not inside a run of entries.
_STOPS = re.compile(r"[.!?:;]")


def _run_on_entries(text: str, whole: bool) -> list[str]:
    """"Improve the health of residents Reduce the gaps ... Ensure joined up working": the
    entries of a list whose bullets and line breaks the layout lost, parted where a lower-case
    word (not a joining word: "of", "the", ...) is followed by a capitalised one. `whole`: the
    text must be entries only; else the leading entries before the prose that follows them."""
    words = text.split()
    pieces: list[list[str]] = [[]]
    for before, word in zip([""] + words, words):
        if re.fullmatch(r"[a-z]+", before) and re.match(r"[A-Z][a-z]", word) \
                and not _cue("run-on-joiner", before):
            pieces.append([])
        pieces[-1].append(word)
    entries = []
    for index, piece in enumerate(pieces):
        entry = " ".join(piece)
        last = index == len(pieces) - 1
        if _STOPS.search(entry.rstrip(".") if last else entry) or len(piece) > RUN_ON_MAX_WORDS:
            if whole:
                return []
            break
        entries.append(entry.rstrip("."))
    return entries if len(entries) >= RUN_ON_MIN_ENTRIES else []


#: A run of entries has at least this many.
RUN_ON_MIN_ENTRIES = 2


def _strip_name(entry: str, names: list[str]) -> str:
    """"Ageing Well Older people stay active": the entry without the theme name that opens it."""
    for name in sorted(names, key=len, reverse=True):
        if entry.lower().startswith(name.lower() + " "):
            return entry[len(name):].strip()
    return entry


def _is_following_lead(text: str) -> bool:
    """"The following priority action areas are based on ...": items after it are the list."""
    return _cue("cue-following-list", text) and not _cue("cue-not-lead", text)


def _is_membership(text: str) -> bool:
    return bool(_membership().search(text))


#: A sentence citing a source, not stating priorities.
_CITATION = re.compile(r"\bet al\b|\bjournal\b|\bdoi\b|https?://|\[\d+\]|\(\d{4}\)", re.IGNORECASE)


#: Dashes or bullets that part the entries of a list run into one line.
_DASHES = re.compile(r"\s[-–—•]\s+")
#: "(1) recruitment, (2) retention": a label before an entry of a list inside a sentence.
_INLINE_LABEL = re.compile(r"^\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})\)\s*")


#: "Priority Three: Making rough sleeping rare, brief and non-recurring": one priority by its label, not a list.
_ONE_LABELLED = re.compile(r"(?:priority|aim|objective|outcome|ambition|goal|theme|commitment)\s+(?:\d{1,2}|one|two|three|four|"
                           r"five|six|seven|eight|nine|ten|[A-Za-z])\s*[:.–—-]", re.IGNORECASE)


#: A list of aims each in the infinitive ("to widen ..., to protect ... and to improve ..."), each
#: at least this long (words, with its "to").
INFINITIVE_MIN_WORDS = 3
_INFINITIVES = re.compile(r"^to\s+\w+(?=.*(?:,|\band)\s+to\s+\w)")


def _split_inline(text: str) -> list[str]:
    """"a; b; and c" at the semicolons; else "a, b and c" at the commas and the last "and"
    only ("Starting Well, Living and Working Well and Ageing Well": three)."""
    text = re.sub(r"\s+as well as\s+", ", ", text)
    if len(_DASHES.findall(f" {text}")) >= INLINE_MIN_ITEMS:      # "- a - b - c"
        return [p for p in _DASHES.split(f" {text}") if p.strip()]
    if ";" in text:
        return re.split(r"\s*;\s*(?:and\s+)?", text)
    aims = re.split(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?=to\s)", text) if _INFINITIVES.match(text) else []
    if aims and all(len(aim.split()) >= INFINITIVE_MIN_WORDS for aim in aims):
        # "to widen participation ..., to protect ... and to improve the way feedback is collected
        # and acted upon": at each "to" after a comma or an "and" (not "... to school, to work and
        # to local services": places, too short to be aims)
        return aims
    parts = re.split(r"\s*,\s*(?:and\s+)?", text)
    last = re.split(r"\s+and\s+(?!.*\s+and\s+)", parts[-1])
    return parts[:-1] + last


#: A paragraph before the first heading is body text when it is a sentence this long ...
FRONT_SENTENCE_MIN_WORDS = 6
#: ... and no front-sheet field ("Subject: ...", "Key Decision: ...").
_FRONT_FIELD = re.compile(r"^[A-Z][\w ()/'’-]{0,40}:\s")
#: A list inside a sentence names at least this many priorities.
INLINE_MIN_ITEMS = 2
#: ... each at most this long (words); longer pieces are prose, not a list.
INLINE_MAX_WORDS = 18
#: A heading that announces priorities ("People priorities") is short; a longer one is a sentence.
PRIORITY_HEADING_MAX_WORDS = 8
#: A run of entry headings ("System leadership", "Integration", ...) at least this long
#: keeps a heading the section classifier gave one of RUN_ENTRY_KINDS ("Sustainability" reads
#: as an implications heading in a report) when it has at most RUN_ENTRY_KIND_MAX_WORDS words.
RUN_HEADINGS_SOFT = 3
RUN_ENTRY_KINDS = {"implications"}
RUN_ENTRY_KIND_MAX_WORDS = 3
#: Sections where no priority named inside a sentence is read (a report's implications
#: and policy-framework parts do cite the council's objectives).
CLAUSE_SKIP_KINDS = {"front", "recommendation", "contact", "background_papers", "reason", "minutes_item"}
#: A priority named in capitals inside a sentence has at least this many words
#: ("Infrastructure for Communities"; "Kent and Medway" is two places).
NAMED_MIN_WORDS = 2
#: Sections where no single stated aim is read.
NO_AIM_KINDS = {"front", "recommendation", "implications", "appendix", "background_papers", "contact", "reason",
                "minutes_item"}


Sentences = Callable[[Paragraph, "int | None"], list[str]]


_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def _next_label(label: str | None) -> str | None:
    """The label after this one: "iii" -> "iv", "c" -> "d", "3" -> "4"."""
    label = (label or "").lower()
    if label in _ROMAN[:-1]:
        return _ROMAN[_ROMAN.index(label) + 1]
    if label.isdigit():
        return str(int(label) + 1)
    if len(label) == 1 and "a" <= label < "z":
        return chr(ord(label) + 1)
    return None


@dataclass
class _Finder:
    doc: Document
    sentences: Sentences              # (paragraph, item index) -> its sentences
    _carry: tuple[str, str | None] | None = None    # (kind, label) a list read last would go on with

    def kind(self, para: Paragraph) -> str:
        """The kind of the paragraph's section, where a sentence before the first heading (an
        excerpt or terms of reference that open with the body) is body text, not front matter."""
        kind = self.doc.sections[para.section].kind
        text = para.text.strip()
        if kind == "front" and (para.number is not None or (len(text.split()) >= FRONT_SENTENCE_MIN_WORDS
                                                            and text[-1:] in ".:;"
                                                            and not _FRONT_FIELD.match(text))):
            return "other"
        return kind

    def evidence(self, para: Paragraph, sentence: str, rule: str, page: int | None = None) -> Evidence:
        section = self.doc.sections[para.section]
        return Evidence(doc=self.doc.id, page=page or para.page, paragraph=para.number,
                        sentence=sentence, section=section.heading, rule=rule)

    def make(self, text: str, kind: str, evidence: Evidence, label: str | None = None,
             context: str = "") -> Priority:
        """A priority; its own words decide the theme, `context` (the paragraphs
        or tasks under a heading) only when they name none."""
        theme, themes = classify_theme(text)
        if theme == "other" and context:
            theme, themes = classify_theme(f"{text} {context}")
        return Priority(text=text.strip().rstrip(":"), theme=theme, themes=themes, kind=kind,
                        evidence=evidence, label=label)

    def first_sentence(self, para: Paragraph, item: int | None = None) -> str:
        sents = self.sentences(para, item)
        return sents[0] if sents else (para.items[item].text if item is not None else para.text)

    def run(self) -> list[Priority]:
        found: list[Priority] = []
        used: set[int] = set()           # paragraphs already read as priorities
        found += self._headings()
        themes: dict[int, list[str]] = {}   # section -> themes its lead sentence named
        for index, para in enumerate(self.doc.paragraphs):
            section = self.doc.sections[para.section]
            items = self._list_items(para)
            if items:
                found += items
                used.add(index)
            if section.kind == "future_priorities" and para.text:
                found.append(self.make(self.first_sentence(para), "future",
                                       self.evidence(para, self.first_sentence(para), "pri-future-section")))
                used.add(index)
            elif section.kind == "priorities" and para.text and not para.text.endswith(":") \
                    and not _is_membership(para.text):
                named = self._inline_pieces(self.first_sentence(para))
                if named:                      # "... across three themes - A, B and C"
                    themes.setdefault(para.section, []).extend(named)
                    continue
                entries = self._entries_after_name(para.text, themes.get(para.section, []))
                if entries:                    # "Starting Well Improved mother ... Children growing ..."
                    found += [self.make(entry, "stated", self.evidence(para, entry, "pri-run-on-entry"))
                              for entry in entries]
                    used.add(index)
                    continue
                if _cue("cue-about-priorities", self.first_sentence(para)):
                    continue
                first = self.first_sentence(para)
                labelled = _ONE_LABELLED.match(first)      # "Priority Three: Making rough sleeping rare, ..."
                found.append(self.make(first[labelled.end():].strip() if labelled else first, "stated",
                                       self.evidence(para, first, "pri-priorities-section"),
                                       label=first[:labelled.end()].rstrip(" :.–—-") if labelled else None))
                used.add(index)
        found += self._lead_in_lists(used)
        found += self._priority_sentences(used)
        found += self._inline_lists(used)
        found += self._stated_aims(used)
        found += self._clauses(used)
        found += self._aim_headings(used)
        return _first_of_each(sorted(found, key=self._position))

    def _position(self, priority: Priority) -> int:
        """Reading order: where the evidence sentence stands in the paper."""
        at = self.doc.text.find(priority.evidence.sentence)
        return at if at >= 0 else len(self.doc.text)

    def _headings(self) -> list[Priority]:
        out = []
        for section in self.doc.sections:
            if section.level != 2 or section.parent is None:
                continue
            parent: Section = self.doc.sections[section.parent]
            if parent.kind not in HEADING_PARENT_KINDS:
                continue
            paras = [p for p in self.doc.paragraphs if p.section == section.index]
            if not paras:
                continue
            body = " ".join(p.text for p in paras)
            evidence = Evidence(doc=self.doc.id, page=section.page or paras[0].page,
                                paragraph=paras[0].number, sentence=section.heading,
                                section=parent.heading, rule="pri-milestone-heading")
            out.append(self.make(section.heading, "heading", evidence, context=body))
        return out

    def _list_items(self, para: Paragraph) -> list[Priority]:
        """Labelled entries, entries under a priorities lead-in, action-plan themes."""
        out = []
        introducers: dict[int, str] = {0: para.text}      # level -> the text its items hang from
        action_plan = _cue("cue-action-plan", para.text)
        carry, self._carry = self._carry, None
        for index, item in enumerate(para.items):
            introducers[item.level] = item.text
            lead = introducers.get(item.level - 1, para.text)
            word = (item.label or "").split(" ")[0].lower()
            # "(iv)" after a paragraph whose list ended at "(iii)": the same list, broken by
            # a paragraph the layout put between its entries
            continued = carry is not None and (item.kind, (item.label or "").lower()) == carry
            carry = (item.kind, _next_label(item.label)) if continued else None
            if _is_membership(item.text) or _is_membership(lead):
                continue
            if item.kind == "numbered" and word in PRIORITY_LABEL_WORDS:
                out.append(self._item(para, item, "pri-labelled-item"))
            elif item.kind in ("lettered", "roman", "bullet", "numbered") and \
                    (continued or _is_priority_lead(lead) or _is_following_lead(lead)):
                for label, text in _split_numbered(item.label, item.text) if item.kind == "numbered" \
                        else [(item.label, item.text)]:
                    out.append(self.make(text, "stated", self.evidence(para, text, "pri-list-item", item.page),
                                         label=label))
                if item.kind in ("lettered", "roman") and index == len(para.items) - 1:
                    self._carry = (item.kind, _next_label(item.label))
            elif item.kind == "heading" and action_plan:
                tasks = [it.text for it in takewhile(lambda it: it.kind != "heading", para.items[index + 1:])]
                evidence = self.evidence(para, item.text, "pri-action-theme", item.page)
                out.append(self.make(item.text, "action-theme", evidence,
                                     context=" ".join(tasks)))
        return out

    def _item(self, para: Paragraph, item: Item, rule: str) -> Priority:
        """A list entry stated as a priority; the entry is its own evidence sentence."""
        return self.make(item.text, "stated", self.evidence(para, item.text, rule, item.page), label=item.label)

    def _is_announcer(self, section: Section) -> bool:
        """A heading over a run of priorities: "Our priorities", "Priority areas for action",
        "The following priority action areas are ..."."""
        heading = section.heading or ""
        return section.kind in ("priorities", "future_priorities") or _cue("cue-following-list", heading) \
            or (len(heading.split()) <= PRIORITY_HEADING_MAX_WORDS and _cue("cue-priority-heading", heading))

    def _blocks(self) -> list[tuple[str, int]]:
        """The paper in reading order: ("heading", section index) then ("para", paragraph index)
        for the paragraphs under it."""
        by_section: dict[int, list[int]] = {}
        for index, para in enumerate(self.doc.paragraphs):
            by_section.setdefault(para.section, []).append(index)
        blocks: list[tuple[str, int]] = []
        for section in self.doc.sections:
            if section.heading:
                blocks.append(("heading", section.index))
            blocks += [("para", i) for i in by_section.get(section.index, [])]
        return blocks

    def _lead_in_lists(self, used: set[int]) -> list[Priority]:
        """Runs of priorities after a lead-in: numbered paragraphs under "The partnership
        will work to:", numbered headings or short headings under "Priority areas" / "Our
        priorities" (a list the layout turned into headings), "1. X 2. Y" run together.
        A run ends at prose: an unnumbered paragraph, or a heading over prose once the run
        has had list entries."""
        out: list[Priority] = []
        paragraphs, sections = self.doc.paragraphs, self.doc.sections
        active, listed, after_heading, under_heading = False, False, False, False
        run_heads = 0                   # entries of the run read from headings so far
        loose: int | None = None        # the section of a lead-in whose entries lost their bullets
        for kind, index in self._blocks():
            if kind == "heading":
                section = sections[index]
                heading = section.heading.strip()
                body = [p for p in paragraphs if p.section == index]
                first = body[0] if body else None
                announcer = self._is_announcer(section)
                kind = section.kind
                if active and run_heads >= RUN_HEADINGS_SOFT and kind in RUN_ENTRY_KINDS \
                        and len(heading.split()) <= RUN_ENTRY_KIND_MAX_WORDS:
                    kind = "other"                  # "Sustainability" after "Integration", "Equity"
                if kind in NO_PRIORITY_KINDS or (kind != "other" and not announcer):
                    active = False
                elif announcer:
                    active, listed, after_heading, run_heads = True, False, True, 0
                elif not active:
                    continue
                elif _cue("cue-not-priority-heading", heading):
                    if not re.fullmatch(r"\d{1,2}", section.number or ""):
                        continue                    # "Monitoring progress" inside a run of entries
                    active = False                  # "3. Governance and delivery": the next chapter
                elif heading[:1].islower():
                    continue                        # a list entry's second line read as a heading
                elif not _WORDY_HEADING.match(heading) or heading.isupper():   # a figure; a chapter title
                    active = False
                elif first is None or first.text[:1].islower() or first.number is not None \
                        or _INLINE_NUMBER.match(first.text) or (not first.text and first.items) \
                        or (after_heading and not listed and len(heading.split()) <= PRIORITY_HEADING_MAX_WORDS):
                    evidence = Evidence(doc=self.doc.id, page=section.page or (first.page if first else None),
                                        paragraph=first.number if first else None, sentence=heading,
                                        section=heading, rule="pri-run-heading")
                    out.append(self.make(heading, "stated", evidence, label=section.number,
                                         context=" ".join(p.text for p in body)))
                    under_heading = not listed      # its paragraphs describe it
                    run_heads += 1
                    continue
                else:
                    active = False
                under_heading = False
                continue
            para = paragraphs[index]
            text = para.text.strip()
            inline = _INLINE_NUMBER.match(text)
            entries = [] if index in used or para.items else self._run_on_after_lead(text)
            if entries:                             # "Its purpose is to: Improve ... Reduce ..."
                out += [self.make(entry, "stated", self.evidence(para, entry, "pri-run-on-entry"))
                        for entry in entries]
                used.add(index)
                active, listed, loose = True, True, None
                continue
            if _is_priority_lead(text) and not _is_membership(text):
                # "2.1 ... reshape local government through:" with its entries as items: the
                # list is those items, and 2.2 after it the paper's next paragraph
                active = not (para.items and para.number is not None)
                listed, after_heading = bool(para.items), not para.items
                loose = para.section if not para.items and text.endswith(":") else None
                continue
            if not active:
                continue
            label = _LOOSE_LABEL.match(text)
            entry = text[label.end():] if label else text
            if loose == para.section and para.number is None and not para.items and not inline \
                    and (entry[:1].isupper() or label) and len(_LAST_SENTENCE.split(entry)) == 1 \
                    and len(entry.split()) <= LOOSE_ENTRY_MAX_WORDS:
                if index not in used and not _is_membership(entry):
                    entry = entry.rstrip(";")
                    out.append(self.make(entry, "stated", self.evidence(para, entry, "pri-lead-in-entry"),
                                         label=label.group(1) if label else None))
                    used.add(index)
                listed = True
                continue
            loose = None
            entries = _run_on_entries(text, whole=False) if under_heading and para.number is None \
                and not para.items and index not in used else []
            if entries:                             # goals under a priority heading, bullets lost
                out += [self.make(entry, "stated", self.evidence(para, entry, "pri-run-on-entry"))
                        for entry in entries]
                used.add(index)
                continue
            if para.number is not None or inline:
                listed = True
                if index in used or _is_membership(text):
                    continue
                if self._inline_pieces(self.first_sentence(para)):
                    continue                        # "5.1 ... agreed three priorities: a; b; c"
                for label, piece in _split_numbered(para.number or inline.group(1),
                                                    text if para.number else text[inline.end():]):
                    sentence = self._first_of(piece)
                    out.append(self.make(sentence, "stated", self.evidence(para, sentence, "pri-lead-in-list"),
                                         label=label))
                used.add(index)
            elif not text and para.items:
                listed = True
                if index not in used:
                    for item in para.items:
                        if not _is_membership(item.text):
                            out.append(self._item(para, item, "pri-list-item"))
                    used.add(index)
            elif text[:1].islower() or (len(text.split()) <= PRIORITY_HEADING_MAX_WORDS
                                        and _cue("cue-priority-heading", text)):
                continue                            # a continuation, or a short heading read as text
            elif not under_heading and self.doc.sections[para.section].kind not in ("priorities", "future_priorities"):
                active = False
        return out

    def _entries_after_name(self, text: str, names: list[str]) -> list[str]:
        """A paragraph of a priorities section that opens with a theme named before (or a
        heading such as "Monitoring progress") and runs on with its goals, bullets and line
        breaks lost: the goals."""
        lowered = text.lower()
        name = next((n for n in sorted(names, key=len, reverse=True) if lowered.startswith(n.lower() + " ")), None)
        rest = text[len(name):].strip() if name else text
        entries = [_strip_name(entry, names) for entry in _run_on_entries(rest, whole=False)]
        if entries and _cue("cue-not-priority-heading", entries[0]) and len(entries[0].split()) <= 3:
            entries = entries[1:]
        return entries if len(entries) >= RUN_ON_MIN_ENTRIES and (name or len(entries) < len(
            _run_on_entries(text, whole=False))) else []

    def _run_on_after_lead(self, text: str) -> list[str]:
        """Entries run on after a priority lead-in in the same paragraph ("Its purpose is to:
        Improve ... Reduce ..."): the lead-in sentence states no membership, the rest is entries."""
        colon = text.rfind(":")
        if colon < 0:
            return []
        head = text[:colon + 1]
        lead = _LAST_SENTENCE.split(head)[-1]
        if not _is_priority_lead(lead) or _is_membership(lead):
            return []
        return _run_on_entries(text[colon + 1:], whole=True)

    def _followers(self, start: int, section: int, used: set[int]) -> list[Priority]:
        out = []
        paragraphs = self.doc.paragraphs
        for follower_index in range(start, len(paragraphs)):
            para = paragraphs[follower_index]
            inline = _INLINE_NUMBER.match(para.text)
            if para.section != section or (para.number is None and not inline):
                break
            if follower_index in used or _is_membership(para.text):
                continue
            for label, text in _split_numbered(para.number or inline.group(1), para.text if para.number else
                                               para.text[inline.end():]):
                sentence = self._first_of(text)
                out.append(self.make(sentence, "stated", self.evidence(para, sentence, "pri-lead-in-list"),
                                     label=label))
            used.add(follower_index)
        return out

    def _first_of(self, text: str) -> str:
        """The first sentence of a piece of a paragraph."""
        m = re.match(r"(.+?[.!?])(?:\s+[A-Z]|$)", text.strip())
        return m.group(1) if m else text.strip()

    def _inline_lists(self, used: set[int]) -> list[Priority]:
        """A list inside a sentence: "four key priorities - improving attendance, reducing
        exclusions and ...", "Our workstreams are: early help; school readiness; ..."."""
        out = []
        for index, para in enumerate(self.doc.paragraphs):
            if index in used or self.kind(para) in NO_PRIORITY_KINDS:
                continue
            for sentence in self.sentences(para, None):
                pieces = self._inline_pieces(sentence)
                if not pieces:
                    continue
                for number, piece in enumerate(pieces, 1):
                    out.append(self.make(piece, "stated", self.evidence(para, sentence, "pri-inline-list"),
                                         label=str(number)))
                used.add(index)
        return out

    def _inline_pieces(self, sentence: str) -> list[str]:
        """The entries of a list inside a sentence, or [] when the sentence holds none."""
        m = _match("cue-inline-list", sentence)
        if not m or _ONE_LABELLED.match(sentence, m.start()) or _is_membership(sentence[m.start():]) \
                or _cue("cue-findings", sentence) \
                or _membership(False).search(sentence) \
                or _CITATION.search(sentence) \
                or (m.start() > 0 and sentence[m.start()].isupper()):
            return []                         # a citation, or a name ("the NHS Outcomes Framework:")
        pieces = [_INLINE_LABEL.sub("", p.strip(" .;:-–—")) for p in _split_inline(m.group("list"))]
        pieces = [re.sub(r"^(?:and|or)\s+", "", p) for p in pieces if p and len(p) > 2]
        if len(pieces) < INLINE_MIN_ITEMS or any(len(p.split()) > INLINE_MAX_WORDS for p in pieces) \
                or any(not p[:1].isalpha() for p in pieces) \
                or any(_cue("run-on-joiner", p.split()[-1].lower()) for p in pieces):
            return []                         # an entry ending "... health and" was cut by the layout
        return pieces

    def _stated_aims(self, used: set[int]) -> list[Priority]:
        """A single stated aim: "The aim of the Board is to achieve permanence for ..."
        (not the purpose of a report or a meeting)."""
        out = []
        for index, para in enumerate(self.doc.paragraphs):
            if index in used or self.kind(para) in NO_AIM_KINDS:
                continue
            for sentence in self.sentences(para, None):
                m = _match("cue-stated-aim", sentence)
                if not m or (m.group("of") and _cue("cue-not-aim", m.group("of"))):
                    continue
                what = m.group("what").strip().rstrip(".")
                if len(what.split()) < 3:
                    continue                  # "Our vision is to:" then a list
                out.append(self.make(what, "stated", self.evidence(para, sentence, "pri-stated-aim")))
                used.add(index)
        return out

    def _aim_headings(self, used: set[int]) -> list[Priority]:
        """"Our vision" (or "Our mission", "Our ambition") over a statement: its first sentence
        is the body's stated aim."""
        out = []
        for index, para in enumerate(self.doc.paragraphs):
            heading = self.doc.sections[para.section].heading or ""
            if index in used or not para.text or not _cue("cue-aim-heading", heading.strip()) \
                    or self.kind(para) in NO_AIM_KINDS \
                    or any(p.section == para.section for p in self.doc.paragraphs[:index]):
                continue                      # only the statement right under the heading
            sentence = self.first_sentence(para)
            out.append(self.make(sentence.strip(" '‘’\"").rstrip("."), "stated",
                                 self.evidence(para, sentence, "pri-aim-heading")))
            used.add(index)
        return out

    def _clauses(self, used: set[int]) -> list[Priority]:
        """A priority named inside a sentence of any part of a report: "this spending challenge
        is now the fundamental policy priority", "Objective 2: Delivering savings ...", "the
        key strategic priorities of an Environmental Step Change and Infrastructure for
        Communities" (names in capitals, two words or more each)."""
        out = []
        for index, para in enumerate(self.doc.paragraphs):
            if index in used or self.kind(para) in CLAUSE_SKIP_KINDS:
                continue
            for sentence in self.sentences(para, None):
                if _cue("cue-sentence-priority", sentence):
                    continue                  # read whole by _priority_sentences
                m = _match("cue-named-list", sentence)
                names = [n for n in re.split(r",\s+|\s+and\s+(?:an?\s+|the\s+)?", m.group("list"))
                         if len(n.split()) >= NAMED_MIN_WORDS] if m else []
                if len(names) >= INLINE_MIN_ITEMS:
                    out += [self.make(name, "stated", self.evidence(para, sentence, "pri-named-list"),
                                      label=str(number)) for number, name in enumerate(names, 1)]
                    continue
                m = _match("cue-clause-priority", sentence)
                if m:
                    what = m.group("what").strip().strip("‘’'\"").rstrip(".").strip("‘’'\"")
                    out.append(self.make(what, "stated", self.evidence(para, sentence, "pri-clause")))
        return out

    def _priority_sentences(self, used: set[int]) -> list[Priority]:
        out = []
        for index, para in enumerate(self.doc.paragraphs):
            if index in used or self.kind(para) in NO_PRIORITY_KINDS:
                continue
            for sentence in self.sentences(para, None):
                if _cue("cue-sentence-priority", sentence) and not _cue("cue-inline-list", sentence):
                    out.append(self.make(sentence, "stated", self.evidence(para, sentence, "pri-sentence")))
        return out


#: Two statements opening with the same this many words state one priority (a summary
#: gives the short form, the body the long one).
SAME_PRIORITY_WORDS = 8


def _first_of_each(priorities: list[Priority]) -> list[Priority]:
    """A priority stated twice (a summary, then the body) is one: the first statement."""
    seen: set[str] = set()
    out = []
    for priority in priorities:
        key = " ".join(re.sub(r"\W+", " ", priority.text.lower()).split()[:SAME_PRIORITY_WORDS])
        if key in seen:
            continue
        seen.add(key)
        out.append(priority)
    return out


def extract_priorities(doc: Document, sentences: Sentences) -> list[Priority]:
    return _Finder(doc, sentences).run()
