"""Governance relations between bodies, read sentence by sentence.

A cue from models/relations.jsonl ("will report quarterly into", "consists of
representatives from", "meet with", "sub-groups linked to", "chaired by")
anchors a relation; its subject is the first body named in the cue's clause
(or, for "The group", "It", "These agencies", the body named just before or
the body the paper is about), its object the bodies named after the cue. The
frequency is read from the same clause and normalised (models/frequencies.jsonl).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..model.data import load_jsonl
from .components import AGENCY_SPANS, FREQUENCY_SPANS, any_of, doc_text, span_text

__all__ = ["RelationReader", "Found", "UNKNOWN_FREQUENCY"]

UNKNOWN_FREQUENCY = "unknown"
#: Relations that happen at a frequency (others, like member_of, have none).
PERIODIC = {"reports_to", "feeds_into", "meets", "meets_with"}
#: "sub-groups linked to the (then) Joint Commissioning Group": the parent is named
#: within this many characters of the cue.
SUBGROUP_TARGET_CHARS = 16
#: "It will report ...": a pronoun stands for a body only this close to the cue.
PRONOUN_MAX_GAP_WORDS = 3
#: Words that end one clause and start another, for finding a cue's subject.
CLAUSE_BREAKS = {";", "that", "which", "but", "who", "whilst", "while", "where"}
#: Phrases standing for a body named elsewhere; the head noun, if any, must match it.
ANAPHORA = re.compile(r"\b(?:the|this|these|that)\s+(?P<head>group|partnership|service|board|panel|"
                      r"sub-?group|committee|team|forum|agencies|body)\b|^\s*(?P<pronoun>it|they|this(?=\s+(?:is|was|will|has|group|partnership)\b|\s*$))\b",
                      re.IGNORECASE)
_CHAIR = re.compile(r"^\s*(?:the\s+)?(?P<who>[^,.;()]+?)(?=\s*(?:[,.;()]|\band\s+(?:is|are|was|will|has|have|"
                    r"meets?|reports?)\b|$))", re.IGNORECASE)
#: What may stand between bodies named together as one subject.
_CONJOINED = re.compile(r"^\s*(?:,|and|&|as well as|,\s*and)?\s*(?:the\s+)?$", re.IGNORECASE)
#: "the Board" / "the group" just after a cue, naming the target by its head noun.
_REFERRED = re.compile(r"^\s*(?:of\s+|to\s+|into\s+)?the\s+(?P<head>board|group|partnership|panel|committee|"
                       r"forum|sub-?group)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((row["id"], row["label"], re.compile(row["pattern"], re.IGNORECASE))
                 for row in load_jsonl("relations.jsonl"))


@lru_cache(maxsize=1)
def _any_cue() -> re.Pattern | None:
    """Matches where any cue does: most sentences have none."""
    return any_of([row["pattern"] for row in load_jsonl("relations.jsonl")])


@lru_cache(maxsize=1)
def _subject_is_target_rules() -> frozenset[str]:
    """Rules whose subject receives ("The Panel receives reports from X")."""
    return frozenset(row["id"] for row in load_jsonl("relations.jsonl") if row.get("subject_is_target"))


@lru_cache(maxsize=1)
def _subject_is_member_rules() -> frozenset[str]:
    """Rules whose subject is the member ("Barnardo's will join the Board")."""
    return frozenset(row["id"] for row in load_jsonl("relations.jsonl") if row.get("subject_is_member"))


@lru_cache(maxsize=1)
def _implicit_target_rules() -> frozenset[str]:
    """Rules whose target may go unsaid ("will report quarterly until ..."):
    the parent named in the sentence, or the body the paper is about."""
    return frozenset(row["id"] for row in load_jsonl("relations.jsonl") if row.get("implicit_target"))


@dataclass
class Found:
    """One relation read from one sentence (names are spans or role strings)."""
    source: Span | str
    target: Span | str
    relation: str
    frequency: str | None
    frequency_text: str | None
    modality: str
    sentence: Span
    rule: str


@dataclass
class RelationReader:
    """Reads relations from the Docs of one paper, in reading order."""
    main_body: Span | str | None = None
    previous: list[Span] = field(default_factory=list)   # bodies named in earlier sentences
    last_first: Span | str | None = None                 # the first body of the last sentence naming one
    last_subject: Span | str | None = None               # the subject of the last relation read

    def read(self, doc: Doc, new_paragraph: bool = True) -> list[Found]:
        if new_paragraph:
            self.previous = [s for s in self.previous[-3:]]
        found: list[Found] = []
        for sent in doc.sents:
            found += self._sentence(doc, sent)
            named = [s for s in doc.spans[AGENCY_SPANS]
                     if sent.start <= s.start < sent.end and not s._.generic]
            self.previous += named
            if named:
                self.last_first = named[0]
        return found

    # ---- one sentence ------------------------------------------------------------
    def _cues(self, sent: Span) -> list[tuple[str, str, int, int]]:
        """(rule id, relation, start, end) of every cue, rules in file order,
        a later rule's cue skipped where an earlier one already stands; only
        the first membership list of a sentence counts."""
        cues: list[tuple[str, str, int, int]] = []
        text = span_text(sent)
        if _any_cue() is not None and not _any_cue().search(text):
            return cues
        for rule_id, relation, rx in _rules():
            for m in rx.finditer(text):
                start, end = sent.start_char + m.start(), sent.start_char + m.end()
                if any(a < end and start < b for _, _, a, b in cues):
                    continue
                if relation == "member_of" and any(r == "member_of" for _, r, _, _ in cues):
                    continue
                cues.append((rule_id, relation, start, end))
        return sorted(cues, key=lambda cue: cue[2])

    @staticmethod
    def _frequencies_by_cue(cues, freqs: list[Span]) -> dict[int, list[Span]]:
        """Each frequency phrase belongs to the nearest cue ("meets quarterly and
        reports to the Board twice a year": quarterly meets, twice a year reports)."""
        owned: dict[int, list[Span]] = {i: [] for i in range(len(cues))}
        periodic = [i for i, cue in enumerate(cues) if cue[1] in PERIODIC]
        for freq in freqs:
            if periodic:
                nearest = min(periodic, key=lambda i: min(abs(freq.start_char - cues[i][3]),
                                                          abs(cues[i][2] - freq.end_char)))
                owned[nearest].append(freq)
        return owned

    def _sentence(self, doc: Doc, sent: Span) -> list[Found]:
        spans = [s for s in doc.spans[AGENCY_SPANS] if sent.start <= s.start < sent.end]
        freqs = [s for s in doc.spans[FREQUENCY_SPANS] if sent.start <= s.start < sent.end]
        cues = self._cues(sent)
        freqs_of = self._frequencies_by_cue(cues, freqs)
        out: list[Found] = []
        subgroup_parent = None
        for order in sorted(range(len(cues)), key=lambda i: cues[i][1] != "subgroup_of"):
            rule_id, relation, start, end = cues[order]
            begin, finish = self._clause(doc, sent, start)
            # what follows a cue belongs to it until the next cue
            finish = min([finish] + [c[2] for c in cues if c[2] >= end])
            subjects = self._subjects(doc, spans, begin, start, end) or (
                self._subjects(doc, spans, sent.start_char, start, end)
                if begin > sent.start_char else [])
            if not subjects and relation == "member_of":
                # "Membership includes ...": the body last spoken of
                subjects = [s for s in (self.last_subject or self.last_first or self.main_body,) if s]
            if not subjects:
                continue
            self.last_subject = subjects[0]
            after = [s for s in spans if end <= s.start_char < finish]
            cue_freqs = freqs_of[order]
            modality = _modality(span_text(sent), start - sent.start_char)
            for subject in subjects:
                found, parent = self._relate(doc, subject, relation, rule_id, end, after, cue_freqs,
                                             modality, sent, subgroup_parent)
                subgroup_parent = parent or subgroup_parent
                out += found
        return out

    def _relate(self, doc, subject, relation, rule_id, end, after, cue_freqs, modality, sent, subgroup_parent):
        """The relations one cue makes for one subject, and a subgroup parent if it names one."""
        if relation == "member_of" and rule_id in _subject_is_member_rules():
            body = self._referred(doc_text(doc)[end:end + SUBGROUP_TARGET_CHARS + 8]) or next(
                (s for s in after if not s._.generic), None)
            return ([self._found(subject, body, relation, [], modality, sent, rule_id)[0]]
                    if body is not None and _name(body) != _name(subject) else []), None
        if relation == "member_of":
            return [self._found(member, subject, relation, [], modality, sent, rule_id)[0]
                    for member in after if _name(member) != _name(subject)], None
        if relation == "chaired_by":
            chair = _CHAIR.match(doc_text(doc)[end:])
            return (self._found(subject, _role(chair.group("who")), relation, [], modality, sent, rule_id)
                    if chair else []), None
        if relation == "meets":              # "to meet the needs of ..." is no meeting
            return (self._found(subject, subject, relation, cue_freqs, modality, sent, rule_id)
                    if cue_freqs else []), None
        named = [s for s in after if not s._.generic and _name(s) != _name(subject)]
        if rule_id in _subject_is_target_rules():      # X reports to the subject
            found = []
            for source, freqs in _pair_frequencies(doc, named, cue_freqs):
                found += self._found(source, subject, relation, freqs, modality, sent, rule_id)
            return found, None
        parent = None
        if relation == "subgroup_of":          # "sub group of the X": X follows at once
            named = [s for s in named[:1] if s.start_char - end <= SUBGROUP_TARGET_CHARS]
        if relation in ("subgroup_of", "meets_with"):
            named = named[:1]
        if not named:
            referred = self._referred(doc_text(doc)[end:end + SUBGROUP_TARGET_CHARS + 8])   # "of the Board"
            if referred is not None and _name(referred) != _name(subject):
                named = [referred]
        if relation == "subgroup_of" and named:
            parent = named[0]
        if not named and rule_id in _implicit_target_rules():
            fallback = subgroup_parent or self.main_body
            if fallback is not None and _name(fallback) != _name(subject):
                named = [fallback]
        found = []
        for target, freqs in _pair_frequencies(doc, named, cue_freqs):
            found += self._found(subject, target, relation, freqs, modality, sent, rule_id)
        return found, parent

    def list_owner(self, lead: Doc | None):
        """The body whose members a list introduces: named in its lead-in, or
        the body an anaphor there stands for ("of the Board"), or the paper's."""
        if lead is not None:
            last = list(lead.sents)[-1]
            subjects = self._subjects(lead, [s for s in lead.spans[AGENCY_SPANS] if last.start <= s.start],
                                      last.start_char, last.end_char, last.end_char)
            if subjects:
                return subjects[0]
        return self.main_body

    def list_members(self, item: Doc, owner, rule: str) -> list[Found]:
        """Every agency named in one item of a membership list is a member."""
        if owner is None:
            return []
        sent = item[:]
        return [Found(span, owner, "member_of", None, None, "does", sent, rule)
                for span in item.spans[AGENCY_SPANS] if _name(span) != _name(owner)]

    def _found(self, source, target, relation, freqs, modality, sent, rule) -> list[Found]:
        if relation not in PERIODIC:
            return [Found(source, target, relation, None, None, modality, sent, rule)]
        labels: dict[str, str] = {}
        for span in freqs:
            labels.setdefault(span.label_, span.text)
        if not labels:
            labels = {UNKNOWN_FREQUENCY: None}
        return [Found(source, target, relation, label, text, modality, sent, rule)
                for label, text in labels.items()]

    @staticmethod
    def _clause(doc: Doc, sent: Span, cue_start: int) -> tuple[int, int]:
        """Character range of the clause around a cue."""
        begin, finish = sent.start_char, sent.end_char
        for token in sent:
            if token.lower_ in CLAUSE_BREAKS:
                if token.idx < cue_start:
                    begin = token.idx + len(token.text)
                elif token.text == ";":
                    finish = token.idx
                    break
        return begin, finish

    def _subjects(self, doc: Doc, spans: list[Span], begin: int, cue_start: int, cue_end: int) -> list:
        """The bodies a cue is about: the first named in its clause and any joined
        to it ("The Care Leavers Forum and the Placement Sufficiency Group are
        subgroups of ..."), else the body an anaphor ("The group") stands for."""
        before = [s for s in spans if begin <= s.start_char < cue_start and not s._.generic]
        if before:
            subjects = [before[0]]
            for span in before[1:]:
                if not _CONJOINED.match(doc_text(doc)[subjects[-1].end_char:span.start_char]):
                    break
                subjects.append(span)
            return subjects
        m = ANAPHORA.search(doc_text(doc)[begin:cue_end])     # the cue may hold it: "These agencies include"
        if not m:
            return []
        if m.group("pronoun"):
            if len(doc_text(doc)[begin + m.end():cue_start].split()) > PRONOUN_MAX_GAP_WORDS:
                return []                  # "It was agreed that ...": no one is meant by "it"
            return [self.previous[-1]] if self.previous else [s for s in (self.main_body,) if s]
        head = m.group("head").lower().replace("-", "")
        if head in ("agencies", "body"):
            return [s for s in (self.last_first or self.main_body,) if s]
        referred = self._by_head(head)
        return [referred] if referred is not None else []

    def _by_head(self, head: str):
        """The body "the <head>" stands for: the paper's own body if its name ends
        so, else the last such body named, else (a group, a partnership) the paper's."""
        main = self.main_body
        if main is not None and _name(main).lower().replace("-", "").endswith(head):
            return main
        for span in reversed(self.previous):
            if _name(span).lower().replace("-", "").endswith(head):
                return span
        return main if head in ("group", "partnership") else None

    def _referred(self, text: str):
        """A body referred to right after a cue: "of the Board", "into the group"."""
        m = _REFERRED.match(text)
        return self._by_head(m.group("head").lower().replace("-", "")) if m else None


_LEADS_TO = re.compile(r"^\s*(?:in)?to\s+(?:the\s+)?$", re.IGNORECASE)


def _pair_frequencies(doc: Doc, targets: list, freqs: list[Span]) -> list[tuple]:
    """(target, its frequencies). With one target it takes them all; with
    several ("annually to the X and twice a year to the Y") each frequency
    goes to the target it leads to, else to the nearest."""
    spans = [t for t in targets if not isinstance(t, str)]
    if len(targets) < 2 or len(freqs) < 2 or len(spans) != len(targets):
        return [(t, freqs) for t in targets]
    owned: dict[int, list[Span]] = {i: [] for i in range(len(targets))}
    for freq in freqs:
        leads = [i for i, t in enumerate(targets) if t.start_char >= freq.end_char
                 and _LEADS_TO.match(doc_text(doc)[freq.end_char:t.start_char])]
        nearest = leads[0] if leads else min(range(len(targets)), key=lambda i: min(
            abs(freq.start_char - targets[i].end_char), abs(targets[i].start_char - freq.end_char)))
        owned[nearest].append(freq)
    return [(t, owned[i]) for i, t in enumerate(targets)]


def _modality(text: str, cue_offset: int) -> str:
    before = text[:cue_offset + 30].lower()
    if re.search(r"\bagreed\b", text.lower()):
        return "agreed"
    if re.search(r"\bintends? to\b", before):
        return "intends"
    if re.search(r"\b(will|shall)\b", before):
        return "will"
    return "does"


def _role(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _name(value) -> str:
    return value if isinstance(value, str) else (value._.canonical or value.text)
