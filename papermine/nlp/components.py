"""papermine's spaCy components, built from the data files in `models/`.

- `papermine_agencies`: the agency gazetteer (phrases and acronyms) and token
  patterns for named bodies (`... Partnership`, `... Board`, `... Subgroup`)
  put spans in `doc.spans["agencies"]`, each with `._.canonical`, `._.kind`,
  `._.rule` (the pattern id) and `._.generic`.
- `papermine_frequencies`: frequency phrases ("on a quarterly basis", "twice
  yearly") as spans in `doc.spans["frequencies"]`, label = normalised value.

Both load their patterns when built and can be saved and loaded with
`to_disk`/`from_disk`, so a pipeline can be shipped with its rules.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..model.data import load_jsonl, load_lines
from .agencies import body_kind, council_names, gazetteer_rows
from .screens import AnyOf, ScreenSet, folded, token_pattern_screen

__all__ = ["AgencyTagger", "FrequencyTagger", "AGENCY_SPANS", "FREQUENCY_SPANS", "doc_text", "span_text",
           "keep_text"]

AGENCY_SPANS = "agencies"
FREQUENCY_SPANS = "frequencies"
#: Named-body Matchers kept, one per set of patterns a text may match.
MATCHER_CACHE = 512
#: Where a Doc keeps its text once built (spaCy joins the tokens on every access).
_TEXT_KEY = "papermine.text"


def keep_text(doc: Doc, text: str) -> Doc:
    """Give a Doc made from `text` its text (the tokenizer keeps every
    character, so `doc.text == text`): nothing needs to rebuild it."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """`doc.text`, built at most once per Doc."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """`span.text`, sliced from the Doc's text (the same string: a span ends
    at its last token's end, without that token's trailing space)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


for _name in ("canonical", "kind", "rule", "generic"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}s?$")
#: The longest gazetteer name looked for before a comma, in words.
KNOWN_NAME_MAX_WORDS = 6
#: A body that is part of another, named with it: "<part> of the <whole>" ("the Locality Board of
#: the Wolds Partnership", "the Executive Group of the Safeguarding Board").
_PART_HEADS = {"Board", "Group", "Sub-group", "Sub-Group", "Subgroup", "Committee", "Sub-committee", "Sub-Committee",
               "Panel", "Forum", "Executive"}
_WHOLE_HEADS = {"Partnership", "Board", "Council", "Authority", "Trust", "Committee", "Commission", "Panel",
                "Forum", "System", "Alliance"}
#: Heads of a body that a role word alone may name ("the Executive Group", not "the Chief Executive").
_GROUP_HEADS = {"Group", "Board", "Committee", "Panel", "Forum", "Team"}
_HEAD_NOUN = re.compile(r"^(Partnership|group|Board|Panel|Group|Subgroup|Sub-group|Sub-Group|Committee|Services?|Team|"
                        r"Trust|Council|Forum|Network|Authority|Authorities|Executive|Cabinet|Commission|Unit|"
                        r"Police|Constabulary|College|Academy|Academies|University|Centre|Center|Hospital|Hospice|"
                        r"Home|Hub|Foundation|Society|Association|Agency|Alliance|Office|Department|Directorate|"
                        r"Inspectorate|Collaborative|Consortium|Corporation|School|Assembly|Library|Surgery|"
                        r"Clinic|Federation|Institute|Ministry|Bank|Taskforce|Cell|Court|Municipality|Ltd|"
                        r"Limited|CIC|plc|Healthwatch|Charity|CCG|ICB|PCT|PCN|Union|Watch|Church|Chapel|Dept|Company|Companies|Body|Bodies)s?$")
#: "Identification of Board", "Chairmanship of the ... Committee": an activity or state
#: (a nominalisation that is not itself a head noun) before "of"/"for"/"in" names no body.
_NOMINALISATION = re.compile(r"^[A-Z][a-z]+(tion|sion|ment|ship|ance|ence|ing|ity)$")
#: A working group's name may open with what it does, after its place ("Northby Preparing for Adulthood Sub-Group").
_GROUP_END = re.compile(r"\b(?:Sub-?[Gg]roup|Subgroup|Group|Sub-?[Cc]ommittee|Steering Group|Board|Panel|Forum)$")
#: "Sussex Partnership NHS Foundation Trust": "NHS" after a head noun that ends a trust's name
#: (and maybe another trust joined to it: "... NHS Foundation Trust and Y NHS Trust").
_NHS_TRUST_TAIL = re.compile(r"^NHS (Foundation )?Trust(?:$| and | & )")
#: A heading in capitals naming kinds of body, not one ("COMMITTEES AND WORKING GROUPS").
_PLURAL_KIND_HEADING = re.compile(r"^(?:[A-Z-]+S)(?:\s+(?:AND|&)\s+(?:[A-Z-]+\s+)?[A-Z-]+S)*$")
#: How far (tokens) a statute's bracketed part may run after a name in it.
LEGISLATION_LOOKAHEAD = 15
#: A person's initial ("S", "J.").
_INITIAL = re.compile(r"^[A-Z]\.?$")
#: A job title before a name is cut off only if it ends with one of these.
_CORE_ROLES = {"Chair", "Chairman", "Chairperson", "Vice-Chair", "Co-Chair", "Leader", "Director", "Head",
               "Manager", "Officer", "Lead", "Member", "Councillor", "Cllr", "Mayor", "Clerk", "Secretary",
               "Treasurer", "Executive", "Representative", "Coordinator", "Co-ordinator", "Advisor", "Adviser",
               "Commander", "Scrutineer"}
# ... and their plurals ("the Chief Executives of A and B")
_CORE_ROLES |= {role + "s" for role in _CORE_ROLES if role != "Cllr"}
#: A place after a known name ("NHS Bradford and Airedale") is at most this many words.
PLACE_AFTER_MAX_WORDS = 4
#: "<place> County Council <unit>": the council, then one of its units.
_COUNCIL_TYPES = {"County", "Borough", "District", "City", "Parish", "Town"}
#: Words that cannot end a name ("the Methodist Chapel and" ...).
_DANGLING = {"and", "&", "of", "for", "in", "on", "the", "or"}
#: At most this many words of a job title are cut from the front of a name.
MAX_TITLE_WORDS = 4
#: The label of a name that only says what type a body is ("Local Authorities", "Family Hub"):
#: spoken of in general, like "housing" or "the police" (a partner in a list, not a named body).
KIND_LABEL = "KIND"
#: The label of one of two bodies named with a shared plural head ("Eastgate and Westgate Family Hubs").
SHARED_HEAD_LABEL = "SHARED"
#: The pattern of a body named "X of/for Y" ("University of Manchester").
OF_NAME_RULE = "body-of-name"
#: Patterns (bodies.jsonl) whose names may open on a word not in capitals (lower case, or an age range "14-19").
LOWER_NAME_RULES = {"body-lower-name", "body-lower-name-possessive", "body-age-range",
                    "body-age-range-joined"}
#: The pattern of an organisation's acronym in brackets after a person's name.
BRACKET_ACRONYM_RULE = "body-bracket-acronym"

#: The pattern of a council named by its place and its type's initials ("Harrowfield MBC").
COUNCIL_ACRONYM_RULE = "body-council-acronym"

#: A list entry ("Eastlea Lodge", "18 Hill Close") that a kind of body opens is at most this long.
LIST_ENTRY_MAX_WORDS = 5
LIST_ENTRY_RULE = "body-list-entry"
_LIST_ENTRY = re.compile(r"^(?:\d+\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|the|&))*$")

#: Named bodies whose head noun is this generic are still bodies, but a name of
#: just one word before it ("Service", "The Group") is not a name.
MIN_BODY_TOKENS = 2


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _widened_to(doc: Doc, span: Span, start: int, end: int | None = None) -> Span:
    """`span` starting earlier, at token `start` (or ending later, at `end`), with its label
    and what was found of it."""
    wider = Span(doc, start, span.end if end is None else end, label=span.label_)
    for name in ("canonical", "kind", "rule", "generic"):
        setattr(wider._, name, getattr(span._, name))
    return wider


#: A word hyphened to another with no space, which `_join_hyphened` may join.
_HYPHENED = re.compile(r"\w-\w")


def _join_hyphened(doc: Doc) -> None:
    """"Health and Well-being Partnership", "Elmby Co-operative Partnership": a capitalised word
    hyphened to a lower-case one, inside a name, is one word of it, so the name is not cut at it."""
    if not _HYPHENED.search(doc_text(doc)):
        return                        # (most sentences: no token walk)
    joins, last = [], -1
    for tok in doc[1:-1]:
        i = tok.i
        if tok.text == "-" and i - 1 > last and not doc[i - 1].whitespace_ and not tok.whitespace_ \
                and doc[i - 1].is_title and doc[i + 1].is_lower and doc[i + 1].is_alpha \
                and i + 2 < len(doc) and doc[i + 2].is_title and not doc[i + 1].lower_.endswith(("ly", "yearly")):
            # (a name goes on after it; "Six-monthly Reports" is a period)
            joins.append(i)
            last = i + 1
    if joins:
        with doc.retokenize() as retokenizer:
            for i in joins:
                retokenizer.merge(doc[i - 1:i + 2])


class AgencyTagger:
    """Gazetteer + named-body patterns -> `doc.spans["agencies"]`."""

    def __init__(self, nlp: Language, name: str, gazetteer: str, bodies: str, stopwords: str,
                 public_bodies: str = "public_bodies.jsonl", breaks: str = "name_breaks.jsonl"):
        self.nlp = nlp
        self.name = name
        self.stopwords = set(load_lines(stopwords))
        self.breaks = {row["label"]: set(row["words"]) for row in load_jsonl(breaks)}
        owners = "|".join(sorted(self.breaks.get("list_owner", ())))
        self.list_cue = re.compile(rf"\b(?:{owners})\b[^.:;]{{0,40}}?\b(?:were|are|include|included|including)\s+|"
                                   rf"\b(?:{owners}):\s+") if owners else None
        self._load(gazetteer_rows(gazetteer, public_bodies), list(load_jsonl(bodies)))

    def _load(self, gazetteer: list[dict], bodies: list[dict]) -> None:
        self.gazetteer = list(gazetteer)
        self.bodies = bodies
        self.by_id = {row["id"]: row for row in self.gazetteer}
        # NORM: case and apostrophes ("Children’s" = "Children's") ignored
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for row in self.gazetteer:
            matcher = self.exact if row.get("case") == "exact" else self.phrases
            matcher.add(row["id"], [self.nlp.make_doc(row["pattern"])])
        self.known = {row["pattern"].lower() for row in self.gazetteer if not row.get("generic")}
        # (not "NHS": "NHS Horsham and Mid Sussex CCG" is one body)
        self.known_place_after = {row["pattern"].lower() for row in self.gazetteer
                                  if row.get("place_after") and row["pattern"] != "NHS"}
        self.not_places = set(self.breaks.get("not_place", ()))
        self.of_heads = {w for row in bodies if row["id"] == OF_NAME_RULE
                         for tok in row["pattern"] for w in tok.get("TEXT", {}).get("IN", ())}
        self._core_role_ids = frozenset(self.nlp.vocab.strings.add(role) for role in _CORE_ROLES)
        # the Matcher's cost is patterns x tokens, and most sentences can match
        # few of the patterns: a text is matched with those whose screen it
        # passes, by one Matcher built for that set (the same matches, in the
        # same order, as one Matcher of all the patterns gives)
        self.body_patterns = bodies
        self.matcher_screens = ScreenSet([token_pattern_screen(row["pattern"]) for row in bodies])
        self._matchers: dict[frozenset[int], Matcher] = {}

    def _body_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        passing = self.matcher_screens.passing(folded(doc_text(doc)))
        if not passing:
            return []
        matcher = self._matchers.get(passing)
        if matcher is None:
            if len(self._matchers) >= MATCHER_CACHE:
                self._matchers.clear()           # (a few dozen sets in practice)
            matcher = self._matchers[passing] = Matcher(self.nlp.vocab, validate=True)
            for i in sorted(passing):
                row = self.body_patterns[i]
                matcher.add(row["id"], [row["pattern"]], greedy="LONGEST")
        return matcher(doc)

    def __call__(self, doc: Doc) -> Doc:
        _join_hyphened(doc)
        spans: list[Span] = []
        known = [match for matcher in (self.phrases, self.exact) for match in matcher(doc)]
        known_starts = {start for _, start, _ in known}
        for match_id, start, end in known:
            row = self.by_id[self.nlp.vocab.strings[match_id]]
            if end - start == 1 and row["label"] == "voluntary" and end + 1 < len(doc) \
                    and doc[end].lower_ in ("of", "in") and (stop := self._place_after(doc, start, end + 1, known_starts)) > end + 1:
                # "Samaritans of Northby & District", "Mind in Northby": a local charity
                spans.append(self._local_branch(doc, start, stop, rule="local-body-of-place", row=row))
                continue
            if row.get("common_word") and (doc[start].is_sent_start or start == 0
                                           or (end < len(doc) and doc[end].is_title)):
                continue                  # "Crisis support is ...", "Crisis Care": a word, not the charity
            if row.get("common_word") and (place := self._place_before(doc, start)) < start:
                spans.append(self._local_branch(doc, place, end))
                continue                  # "Northby Mind": a local charity of its own
            if doc[end - 1].text in self.breaks["for_place"] and end + 1 < len(doc) and doc[end].lower_ == "for" \
                    and (stop := self._place_after(doc, start, end + 1, known_starts)) > end + 1:
                # "the Office of the Police and Crime Commissioner for Northby"
                spans.append(self._local_branch(doc, start, stop, rule="local-body-for-place", row=row))
                continue
            if row.get("place_after"):
                # "Healthwatch Northby", "NHS Northby", else "Northby Citizens Advice": a local body
                stop = self._place_after(doc, start, end, known_starts)
                begin = self._place_before(doc, start) if stop == end and end - start > 1 else start
                if stop > end or begin < start:
                    spans.append(self._local_branch(doc, begin, stop, rule="local-body-place-after" if stop > end
                                                    else "local-body-place-before", row=row))
                    continue
            span = Span(doc, start, end, label=row["label"])
            span._.canonical = row["canonical"]
            span._.kind = row["label"]
            span._.rule = row["id"]
            # "an integrated care system": a proper name written in lower case is used in general
            span._.generic = bool(row.get("generic")) or (
                len(span) > 1 and row["pattern"] != row["pattern"].lower() and all(
                    t.is_lower or not t.is_alpha for t in span))
            spans.append(span)
        for match_id, start, end in self._body_matches(doc):
            rule = self.nlp.vocab.strings[match_id]
            if rule == BRACKET_ACRONYM_RULE:
                pieces = self._bracket_acronym(doc, start, end)
            elif rule == COUNCIL_ACRONYM_RULE:
                pieces = self._council_acronym(doc, start, end)
            else:
                pieces = [p for p in (self._trim(doc, s, e, rule) for s, e in self._pieces(doc, start, end, rule)) if p]
            pieces = [part for piece in pieces for part in self._distribute(doc, piece)]
            for span in pieces:
                if span.label_ == SHARED_HEAD_LABEL:
                    span._.kind, span._.rule, span._.generic = body_kind(span._.canonical), rule, False
                    spans.append(span)
                    continue
                span._.canonical = None          # resolved per document (acronyms, aliases)
                span._.kind = None
                span._.rule = rule
                span._.generic = span.label_ == KIND_LABEL    # a member or partner at most
                spans.append(span)
        spans += self._list_entries(doc)
        spans = [self._with_of_tail(doc, self._with_place_and_district(
                     doc, self._with_hyphened_start(doc, self._with_comma_list(doc, s))))
                 if s._.rule and s._.rule.startswith("body-") else s for s in spans]
        roles = self._roles(doc)
        spans = [s for s in spans if not any(a <= s.start and s.end <= b for a, b in roles)
                 and not self._document_acronym(doc, s) and not self._venue(doc, s) and not self._kind_in_plural(s)
                 and not self._in_legislation(doc, s)]
        # a named body ("Youth Offending Service" inside "South Tees Youth
        # Offending Service") and the longest gazetteer match win
        # ("Governance and Board membership": a word and a bare head noun name no body)
        spans = [s for s in spans if not (len(s) == 3 and s[1].lower_ in ("and", "&") and _HEAD_NOUN.match(s[2].text))]
        doc.spans[AGENCY_SPANS] = filter_spans(spans)
        return doc

    def _distribute(self, doc: Doc, span: Span) -> list[Span]:
        """"Eastgate and Westgate Family Hubs": two bodies sharing a plural head, each
        named in full ("Eastgate Family Hub"); "District and Borough Councils" stays a kind."""
        head = doc[span.end - 1].text
        if span.label_ == KIND_LABEL or head not in self.breaks["kind_head"] or not head.endswith("s"):
            return [span]
        tail = span.end - 1
        while tail > span.start and doc[tail - 1].text in self.breaks["kind"] and doc[tail - 1].lower_ not in ("and", "&"):
            tail -= 1
        if tail == span.end - 1:
            return [span]                     # a one-word head ("Health and Wellbeing Boards"): no shared part
        joins = [i for i in range(span.start, tail) if doc[i].lower_ in ("and", "&")]
        if len(joins) != 1 or joins[0] == span.start or joins[0] + 1 >= tail:
            return [span]
        singular = re.sub(r"ies$", "y", head) if head.endswith("ies") else head[:-1]
        shared = " ".join([t.text for t in doc[tail:span.end - 1]] + [singular])
        out = []
        for start, end in ((span.start, joins[0]), (joins[0] + 1, tail)):
            if any(t.text in self.breaks["kind"] for t in doc[start:end]):
                return [span]
            part = Span(doc, start, span.end if start > span.start else end, label=SHARED_HEAD_LABEL)
            part._.canonical = f"{doc[start:end].text} {shared}"
            out.append(part)
        return out

    def _list_entries(self, doc: Doc) -> list[Span]:
        """"The units involved were Eastlea Lodge, Hill House and Seaview": each capitalised
        entry of a list that a plural kind of body opens is a body named once."""
        if self.list_cue is None:
            return []
        text = doc_text(doc)
        out = []
        for m in self.list_cue.finditer(text):
            end = m.end() + re.search(r"[.;](?:\s|$)|$", text[m.end():]).start()     # the list ends the sentence
            pos = m.end()
            for piece in re.split(r",\s*|\s+and\s+|\s+&\s+", text[m.end():end]):
                start_char = text.find(piece, pos)
                pos = start_char + len(piece)
                words = piece.split()
                if not words or len(words) > LIST_ENTRY_MAX_WORDS or not _LIST_ENTRY.match(piece) \
                        or words[0] in self.breaks["honorific"] | self.breaks["article"]:
                    continue
                span = doc.char_span(start_char, start_char + len(piece), label="BODY")
                if span is not None:
                    span._.canonical = span._.kind = None
                    span._.rule = LIST_ENTRY_RULE
                    span._.generic = False
                    out.append(span)
        return out

    def _in_legislation(self, doc: Doc, span: Span) -> bool:
        """"the Local Authority (Public Health, Health and Wellbeing Boards and Health Scrutiny)
        Regulations 2013": names in a statute's title, or just before its bracket, are its words."""
        i = span.end
        if i < len(doc) and doc[i].text == "(":           # the name opens the bracketed part
            i += 1
        while i < len(doc) and i - span.end <= LEGISLATION_LOOKAHEAD and doc[i].text not in "()":
            i += 1
        return i + 1 < len(doc) and doc[i].text == ")" and doc[i + 1].text in self.breaks["legislation"]

    def _kind_in_plural(self, span: Span) -> bool:
        """"working groups", "Theme Groups", "Partner Authorities": a kind of body in the plural,
        said only by the words of kind before its head, names no body."""
        words = [t.text for t in span if t.text not in ("-", "and", "&")]
        head = span[-1].lower_
        singular = head[:-3] + "y" if head.endswith("ies") else head[:-1]
        return len(span) > 1 and head.endswith("s") and singular in self.breaks["plural_kind_head"] \
            and all(w.title() in self.breaks["kind_modifier"] for w in words[:-1])

    def _venue(self, doc: Doc, span: Span) -> bool:
        """"held at the Millmead Centre", "at Southwick Community Centre": where a meeting
        or an event took place, not a body."""
        start = span.start - (span.start > 0 and doc[span.start - 1].lower_ == "the")
        if doc[span.end - 1].text not in self.breaks["venue_head"] or start == 0:
            return False
        if doc[start - 1].lower_ == "at":
            return True
        # "Committee Room 2, Eskworth Civic Centre": the building a room of the meeting is in
        room = start - 2 - (start > 2 and (doc[start - 2].like_num or len(doc[start - 2].text) == 1))
        return doc[start - 1].text == "," and room >= 0 and doc[room].text in ("Room", "Chamber", "Suite")

    def _document_acronym(self, doc: Doc, span: Span) -> bool:
        """"Northby Care Strategy (NCC ICS)": acronyms in brackets after a document's name
        are the document's, not bodies."""
        i = span.start
        while i > 0 and doc[i - 1].text != "(" and doc[i - 1].is_upper and i > span.start - 3:
            i -= 1
        return i > 1 and doc[i - 1].text == "(" and doc[i - 2].text in self.breaks["document"]

    def _place_before(self, doc: Doc, start: int) -> int:
        """Where capitalised words right before `start` (a place, "Coastal West Sussex") begin."""
        begin = start
        while begin > 0 and doc[begin - 1].is_title and doc[begin - 1].text not in self.stopwords \
                and doc[begin - 1].text not in self.breaks["function"] | self.breaks["article"] \
                and not (doc[begin - 1].is_sent_start and doc[begin - 1].is_stop):
            begin -= 1
            if doc[begin].is_sent_start:
                break                     # a list entry may open with its place ("Northby Voluntary Action")
        return begin

    def _place_after(self, doc: Doc, start: int, end: int, known_starts: set[int]) -> int:
        """Where capitalised words right after `end` (a place: "Healthwatch Northby",
        "NHS Bradford and Airedale") end; `end` itself when what follows is no place but
        a name of its own ("NHS Foundation Trust", "NHS England", "NHS Long Term Plan").
        `known_starts`: where the gazetteer's names begin in `doc`."""
        stop, before_and, i = end, None, end
        while i < len(doc) and i - end <= PLACE_AFTER_MAX_WORDS:
            tok = doc[i]
            if tok.lower_ in ("and", "&", "upon", "on") and stop > end:
                before_and, i = stop, i + 1
                continue
            place_word = tok.is_title and not tok.is_sent_start and not _HEAD_NOUN.match(tok.text) \
                and tok.text not in self.stopwords and tok.text not in self.breaks["document"] \
                and tok.text not in self.breaks["function"] | self.breaks["article"] \
                and tok.lower_ not in self.known and tok.text not in self.not_places \
                and i not in known_starts             # "NHS Northby and Age UK": another body begins
            if not place_word:
                if tok.is_title or tok.is_upper:  # the run goes on into a name of its own
                    stop = before_and if before_and is not None else end
                elif i > stop:                    # "and" then no place: the place ended before it
                    stop = before_and
                break
            i += 1
            stop = i
        if any(doc[start:k].text.lower() in self.known for k in range(end + 1, stop + 1)):
            return end                        # "NHS England (South East)": a known name of its own
        return stop

    @staticmethod
    def _local_branch(doc: Doc, start: int, end: int, rule: str = "body-local-branch", row: dict | None = None) -> Span:
        """A known body under its place. With its gazetteer `row`, it is named as written, of the
        row's kind, and labelled with the row's name so that "the OPCC" or "the CCG" can be
        resolved to the paper's one of that kind; without, it is resolved per document."""
        span = Span(doc, start, end, label=row["canonical"] if row else "BODY")
        span._.canonical, span._.kind = (span.text, row["label"]) if row else (None, None)
        span._.rule = rule
        span._.generic = False
        return span

    def _roles(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of job titles ("Cabinet Member for Adults and Health", "Director of
        Children's Services"): bodies named inside them are portfolios, not agencies. A
        title "of" an organisation ("Chair of the Health and Wellbeing Board") names it."""
        out = []
        roles, organisations = self.breaks["role"], self.breaks["organisation"]
        # only tokens that are a core role (found by their ORTH ids, not token by token)
        core_ids = self._core_role_ids
        core = [i for i, orth in enumerate(doc.to_array(ORTH)[:-1].tolist()) if orth in core_ids]
        for i in core:
            tok = doc[i]
            if doc[tok.i + 1].lower_ not in ("for", "of"):
                continue
            start = tok.i
            while start > 0 and doc[start - 1].text in roles:
                start -= 1
            end = tok.i + 2
            while end < len(doc) and (doc[end].is_title or doc[end].text in ("&", "'s", "’s", "-")
                                      or (doc[end].lower_ in ("and", "of", "the", ",")
                                          and end + 1 < len(doc) and doc[end + 1].is_title)):
                end += 1
            cut = self._council_after_role(doc, tok.i + 2, end)     # ("..., Harrowdale Council": its council)
            if doc[tok.i + 1].lower_ == "of" and any(doc[j].text in organisations for j in range(tok.i + 2, end)) \
                    and not self._department_of_role(doc, tok.i + 2, cut):
                end = tok.i + 2               # the organisation after "of" stays a body
            else:
                end = cut
            out.append((start, end))
        return out

    def _department_of_role(self, doc: Doc, start: int, end: int) -> bool:
        """"Director of Children's Services", "Head of Adult Social Services": a council
        department known by its kind alone completes the title (no place names a body)."""
        start += start < end and doc[start].lower_ == "the"
        return start < end and doc[end - 1].text in ("Service", "Services") and doc[start:end].text.lower() in self.known

    def _council_after_role(self, doc: Doc, start: int, end: int) -> int:
        """Where a portfolio ends when a council's name follows it ("Cabinet Member for
        Adults and Health, West Sussex County Council", or the same on two joined lines
        without the comma): the council is the title holder's organisation, not part of
        the title. Its place starts after a comma, else where a known council's name does,
        else one word before its type."""
        for j in range(start + 1, end):
            if doc[j].text != "Council":
                continue
            comma = next((k for k in range(j - 2, start - 1, -1) if doc[k].text == ","), None)
            if comma is not None:
                return comma          # ("Director of Children's Services, Harrowdale Council")
            if doc[j - 1].text not in _COUNCIL_TYPES:
                continue
            known = [k for k in range(start, j - 1) if doc[k:j + 1].text.lower() in council_names()]
            return known[0] if known else max(start, j - 2)
        return end

    # ---- cutting a matched run of capitalised words into names ---------------------
    def _is_known(self, doc: Doc, start: int, end: int, placed: bool = False) -> bool:
        """A body the gazetteer names, or (`placed`) one with its place before or after it
        ("Thornshire Probation Area", "Healthwatch Tarnby")."""
        if start < end and doc[start].lower_ == "the":
            start += 1
        return doc[start:end].text.lower() in self.known or placed and (any(
            end - cut >= 2 and doc[cut:end].text.lower() in self.known and all(t.is_title for t in doc[start:cut])
            for cut in (start + 1, start + 2)) or any(
            doc[start:cut].text.lower() in self.known_place_after and all(t.is_title for t in doc[cut:end])
            for cut in range(start + 1, min(end, start + 3))))

    def _pieces(self, doc: Doc, start: int, end: int, rule: str = "") -> list[tuple[int, int]]:
        """Where a run of capitalised words holds more than one name, or a name inside
        something that is not a body, cut it: "Village Hall The Village Hall Committee",
        "Ofsted Inspection of Children's Services", "the Corporate Parenting Plan and the
        Corporate Parenting Group", "Leader of X Borough Council", "Supporting Solutions
        Services and Emergency Duty Team"; "Health and Wellbeing Board" stays one name."""
        words = self.breaks
        pieces: list[tuple[int, int]] = []
        begin = start
        if doc[start].text in words["honorific"] or (start > 0 and doc[start - 1].text in words["honorific"]) \
                or self._initials_name(doc, start, end):
            # "Dr Samuel Okafor of the NHS ...", "Ms J Wood (Northby Clinical Commissioning
            # Group)": a person, then perhaps their organisation
            # ("Supt G Lowe - Northby Constabulary": a dash, too, parts the person from the body)
            cut = next((j for j in range(start, end) if doc[j].lower_ in ("of", "from", "at", ",", "(", "-", "–")), None)
            if cut is None:
                # "Mrs L Ford  Chief Executive  Northby Community Trust" (columns run together): the
                # person's title, initials and surname, then their post and body
                after_name = start + (doc[start].text in words["honorific"])
                while after_name < end and _INITIAL.match(doc[after_name].text):
                    after_name += 1
                if after_name + 1 >= end or doc[after_name + 1].text not in words["role"]:
                    return []
                cut = after_name
            begin = cut + 1
        bracket = next((j for j in range(begin + 1, end - 2) if doc[j].text == "("), None)
        if bracket is not None and not any(t.text == ")" for t in doc[bracket:end - 1]) and (
                _HEAD_NOUN.match(doc[bracket - 1].text) or doc[bracket - 1].is_upper or self._is_known(doc, begin, bracket)):
            pieces.append((begin, bracket))   # "Northby County Council (Children's Services)": two bodies
            begin = bracket + 1
        i = begin
        while i < end:
            tok = doc[i]
            nxt = doc[i + 1].lower_ if i + 1 < end else ""
            if i > begin and (tok.text in words["article"] or tok.text in words["function"]
                              or (tok.text == "the" and doc[i - 1].lower_ != "of")):
                pieces.append((begin, i))
                begin = i + 1
            elif (tok.text in words["document"] and (nxt in ("of", "for", "on", "into", "in")
                                                     or (nxt in ("and", "&") and i > begin + (doc[begin].lower_ == "the")
                                                         # (not in a committee named by its topics:
                                                         # "Professional Standards and Complaints Sub-Committee")
                                                         and doc[end - 1].text != "Committee"
                                                         and not self._known_across(doc, begin, i + 1, end)))) or (
                    nxt in ("of", "for", "in") and _NOMINALISATION.match(tok.text) and not _HEAD_NOUN.match(tok.text)
                    and tok.text not in self.of_heads
                    and not (tok.text.endswith("ing") and _GROUP_END.search(doc[begin:end].text)
                             and all(t.is_title for t in doc[begin:i]))):
                begin = i + 2                 # what came before names a document or an activity, not a body
            elif tok.text in words["role"] and nxt in ("of", "for"):
                if nxt == "for" or not any(doc[j].text in words["organisation"] for j in range(i + 2, end)):
                    council = self._council_after_role(doc, i + 2, end)
                    if council == end:
                        return pieces         # "Cabinet Member for ...", "Head of Service": a role
                    begin = i = council + (doc[council].text == ",")
                    continue                  # "... for Adults and Health, Northby County Council"
                begin = i + 2                 # "Leader of Tonbridge Borough Council": the council
            elif tok.lower_ in ("and", "&") and begin < i < end - 1 and not self._known_across(doc, begin, i, end) \
                    and (tok.text != "&" or (
                    self._is_known(doc, begin, i) and self._is_known(doc, i + 1, end))) and (
                    _HEAD_NOUN.match(doc[i - 1].text) or doc[i - 1].text == ")" or self._is_known(doc, begin, i, placed=True)
                    or (self._is_known(doc, i + 1, end) and i - begin - (doc[begin].lower_ == "the") >= MIN_BODY_TOKENS
                        and not self._topic_committee(doc, end))
                    or (rule == OF_NAME_RULE and any(_HEAD_NOUN.match(doc[j].text) for j in range(i + 1, end)))):
                pieces.append((begin, i))     # two bodies joined by "and"
                begin = i + 1
            elif i > begin and tok.text == doc[i - 1].text and tok.is_title:
                pieces.append((begin, i))     # "Safer Northby Northby Community Safety Partnership": a brand
                begin = i                     # over the full name (two lines of a title page), two names
            elif tok.text == "NHS" and i > begin and _HEAD_NOUN.match(doc[i - 1].text) \
                    and not _NHS_TRUST_TAIL.match(doc[i:end].text):
                pieces.append((begin, i))     # "... Commissioning Group NHS Horsham ..."
                begin = i
            elif tok.lower_ == "of" and i > begin + 1 and doc[i - 1].text in _PART_HEADS \
                    and doc[end - 1].text in _WHOLE_HEADS and end - i > MIN_BODY_TOKENS \
                    and doc[i + 1].lower_ == "the":
                pieces.append((begin, i))     # "South Locality Board of the Wolds Partnership": a part, then its whole
                begin = i + 2
            elif tok.lower_ == "in" and i > begin and _HEAD_NOUN.match(doc[i - 1].text):
                pieces.append((begin, i))     # "Eastgate Family Hub in Northby and ...": a place follows
                nxt_name = next((j for j in range(i + 1, end) if doc[j].lower_ in ("and", "&", ",")), end)
                begin = i = nxt_name + 1 if nxt_name < end else end
                continue
            elif tok.text in ("'s", "’s") and i > begin and end - i > MIN_BODY_TOKENS and (
                    _HEAD_NOUN.match(doc[i - 1].text) or (doc[i - 1].is_upper and len(doc[i - 1]) > 1)):
                pieces.append((begin, i))     # "Northby County Council's Empty Homes Forum", "the LSCB's Training Sub-Group": two bodies
                begin = i + 1
            elif tok.text in ("-", "–", "—") and i > begin and doc[i - 1].whitespace_:
                pieces.append((begin, i))     # "Public Health - Northby County Council": two names
                begin = i + 1
            elif i > begin + 1 and doc[i - 1].text == "Council" and doc[i - 2].text in _COUNCIL_TYPES \
                    and tok.is_title and end - i >= MIN_BODY_TOKENS and _HEAD_NOUN.match(doc[end - 1].text):
                pieces.append((begin, i))     # "Northby County Council Public Health Unit": the council's unit
                begin = i
            i += 1
        pieces.append((begin, end))
        return [self._drop_title(doc, *self._bracketed_body(doc, s, e)) for s, e in pieces if e > s]

    def _topic_committee(self, doc: Doc, end: int) -> bool:
        """Does the name ending at `end` end as a committee named after its portfolio does?"""
        return any(doc[max(0, end - len(head.split())):end].text == head for head in self.breaks["topic_head"])

    def _bracketed_body(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """"District Cllr Sam Fenwick (Weald Vale District Council)": a person (no body before
        the bracket) and the body in it: the bracket's contents; of two brackets ("Cllr J. Okafor
        (Chair) (Eastbridge City Council)"), the last."""
        bracket = next((j for j in range(end - 2, start, -1) if doc[j].text == "("), None)
        if bracket is None or _HEAD_NOUN.match(doc[bracket - 1].text) or doc[bracket - 1].is_upper \
                or self._is_known(doc, start, bracket):
            return start, end
        close = next((j for j in range(bracket + 1, end) if doc[j].text == ")"), end)
        if close == bracket + 2 and _ACRONYM.match(doc[bracket + 1].text) and close + 1 < end \
                and _HEAD_NOUN.match(doc[end - 1].text):
            return start, end                 # "Safeguarding Adults Review (SAR) Sub-group": one name
        return bracket + 1, close

    @staticmethod
    def _initials_name(doc: Doc, start: int, end: int) -> bool:
        """"S Okafor (Easthaven Borough Council)", "J R Hale (...)": a person's initials and
        surname, then their organisation in brackets."""
        i = start
        while i < end and i - start < 2 and _INITIAL.match(doc[i].text):
            i += 1
        return start < i and i + 2 < end and doc[i].is_title and not _HEAD_NOUN.match(doc[i].text) \
            and doc[i + 1].text == "("

    def _known_across(self, doc: Doc, begin: int, i: int, end: int) -> bool:
        """Does a known name run across the "and" at i ("Northby Police and Crime Panel")?"""
        return any(doc[k:m].text.lower() in self.known for k in range(begin, i) for m in range(i + 2, end + 1))

    def _drop_title(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """"Clinical Chair NHS Crawley CCG" -> "NHS Crawley CCG": a job title before a name."""
        roles = self.breaks["role"]
        last_core = None
        for i in range(start, min(end, start + MAX_TITLE_WORDS)):
            if doc[i].text not in roles and doc[i].text not in "-–":
                break
            if doc[i].text in _CORE_ROLES:
                last_core = i
        # (not a possessive: "the Members' Board" is the members' own)
        if last_core is not None and end - (last_core + 1) >= MIN_BODY_TOKENS and doc[last_core + 1].text not in ("'", "’"):
            start = last_core + 1
            while start < end and doc[start].text in "-–":
                start += 1
        return start, end

    def _first_of_pair(self, doc: Doc, start: int, end: int) -> bool:
        """"Work and Day Opportunities Group", "Learning and Skills Council": a word paired by
        "and" with a capitalised one inside a name is part of it, not a sentence-start word."""
        return start + 3 < end and doc[start + 1].lower_ in ("and", "&") and doc[start + 2].is_title \
            and doc[start + 2].text not in self.stopwords      # ("Review and Update Safeguarding Board procedures")

    def _role_named(self, doc: Doc, start: int, end: int) -> bool:
        """A role word before a body's head is its name ("the Executive Group", "an Officer
        Steering Group"): a body's own group of its executives or officers, not a sentence-start
        word; and a possessive plural always ("Members' Board", "Chief Officers' Group")."""
        if not (doc[start].is_title and doc[start].text in self.breaks["role"] and doc[end - 1].text in _GROUP_HEADS):
            return False
        after = start
        while after < end and doc[after].is_title and doc[after].text in self.breaks["role"]:
            after += 1                        # ("Chief Officers' Group")
        if end - after >= 2 and doc[after - 1].text.endswith("s") and doc[after].text in ("'", "’"):
            return True
        return doc[start].text[-1] != "s" and all(t.is_title for t in doc[start + 1:end]) \
            and start > 0 and doc[start - 1].lower_ in {"the", "an", "its", "their", "our"}

    def _trim(self, doc: Doc, start: int, end: int, rule: str) -> Span | None:
        """Drop sentence-start words and unbalanced brackets from a body's name."""
        lower_name = rule in LOWER_NAME_RULES
        while start < end and ((doc[start].text in self.stopwords and not self._role_named(doc, start, end)
                                and not self._first_of_pair(doc, start, end))
                               or doc[start].text in "()-–,"
                               or doc[start].text in self.breaks["function"]
                               or (doc[start].is_upper and doc[start].text.title() in self.stopwords)
                               or doc[start].lower_ in {"and", "of", "in", "for", "on", "&", "the"}):
            start += 1
        while end > start and (doc[end - 1].text in "(-–," or doc[end - 1].lower_ in _DANGLING):
            end -= 1
        if end > start and doc[end - 1].text == ")" and doc[start:end].text.count("(") < doc[start:end].text.count(")"):
            end -= 1                          # "(Northby Police)" after a person: the bracket closes
        if end - start < MIN_BODY_TOKENS:
            return None
        if all(t.is_upper or not t.is_alpha for t in doc[start:end]) and (
                not _HEAD_NOUN.match(doc[end - 1].text.title()) or _PLURAL_KIND_HEADING.match(doc[start:end].text)):
            return None                       # a heading in capitals: "WHO CHAIRS", "COMMITTEES AND WORKING GROUPS"
        while end + 1 < len(doc) and doc[end].text == "&" and doc[end + 1].is_title \
                and doc[end + 1].text not in self.stopwords and doc[end + 1].lower_ not in self.known:
            end += 2                          # "Oakfield Homes & Communities": "&" joins one name
        if rule == "body-named" and not (_HEAD_NOUN.match(doc[end - 1].text) or doc[end - 1].text == ")"
                                         or doc[end - 1].is_upper or self._of_tail_end(doc, start, end)):
            return None                       # a piece cut from a longer match that names no body
        if not lower_name and not doc[start].text[0].isupper():
            return None
        if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start \
                and doc[end].text not in self.breaks["article"] | self.breaks["function"] \
                and not self._council_name_ends(doc, start, end):
            return None                       # "Family Group Conferences": the name goes on
        if start > 0 and doc[start - 1].lower_ in self.breaks["count"] and doc[end - 1].text.endswith("s") \
                and not doc[end - 1].text.isupper():
            return None                       # "two Action Groups": a kind of body, not a name
        if rule == OF_NAME_RULE:
            of = next((j for j in range(start, end - 1) if doc[j].lower_ in ("of", "for")), None)
            if of is None:                    # a piece cut from the name: a body only by its head noun
                if not _HEAD_NOUN.match(doc[end - 1].text):
                    return None
            else:
                first = of + 2 if doc[of + 1].lower_ == "the" and of + 2 < end else of + 1
                stop = next((j for j in range(first, end) if doc[j].text in self.breaks["document"]), end)
                if stop == first:
                    return None               # "the County Council for Approval": a purpose, not a name
                while stop > first and doc[stop - 1].lower_ in _DANGLING:
                    stop -= 1
                end = stop                    # "Township of Northby Resolution Number ...": the township
        text = doc[start:end].text
        if any(t.text in self.breaks["product"] for t in doc[start:end]):
            return None                       # "the Parish YouTube Channel"
        if text.count("(") != text.count(")") or text in self.breaks["product"]:
            return None                       # (a product of several words: "Town Hall", "Google Meet")
        if doc[end - 1].text in self.breaks["kind_head"] and not self._is_known(doc, start, end) \
                and all(t.text in self.breaks["kind"] or t.lower_ == "the" for t in doc[start:end - 1]):
            return Span(doc, start, end, label=KIND_LABEL)  # "Local Authorities", "the Family Hub"
        return Span(doc, start, end, label="BODY")

    def _council_name_ends(self, doc: Doc, start: int, end: int) -> bool:
        """"Northby County Council" before one of its units ("... Council Public Health Unit"),
        not before a room of its building ("City Council Chamber")."""
        return end - start >= 3 and doc[end - 1].text == "Council" and doc[end - 2].text in _COUNCIL_TYPES \
            and doc[end].text not in self.breaks["venue_head"]

    def _with_comma_list(self, doc: Doc, span: Span) -> Span:
        """"Children, Young People & Skills Committee" is one name: a body whose name
        joins words with "and"/"&" takes in the comma-separated words before it, as
        long as none of them is a body of its own ("Police, Probation and ...")."""
        if not any(t.lower_ in ("and", "&") for t in span[:-1]):
            return span
        start = span.start
        while start >= 2 and doc[start - 1].text == "," and doc[start - 2].is_title \
                and not _HEAD_NOUN.match(doc[start - 2].text) \
                and doc[start - 2].text not in self.stopwords \
                and doc[start - 2].text not in self.breaks["function"] | self.breaks["article"] \
                and doc[start - 2].lower_ not in self.known and not self._known_name_ends(doc, start - 1) \
                and not (start >= 3 and (doc[start - 3].lower_ in self.known_place_after
                                         or (doc[start - 3].is_upper and len(doc[start - 3]) > 1))):
            start -= 2                # (not "NHS Northby, Northby Fire and Rescue Service": two bodies)
        if start == span.start:
            return span
        return _widened_to(doc, span, start)

    def _known_name_ends(self, doc: Doc, end: int) -> bool:
        """Does a known body's name of several words end at token `end` ("Jobcentre Plus, ...")?"""
        return any(doc[k:end].text.lower() in self.known for k in range(max(0, end - KNOWN_NAME_MAX_WORDS), end - 1))

    def _with_place_and_district(self, doc: Doc, span: Span) -> Span:
        """"Harrowfield and District Chamber of Commerce": a name opening with "District" after
        "<Place> and" (or "&") starts at the place: "X and District" is one place."""
        start = span.start
        if start >= 2 and doc[start].text == "District" and doc[start - 1].lower_ in ("and", "&") \
                and doc[start - 2].is_title and doc[start - 2].text not in self.stopwords \
                and body_kind(doc[start - 2].text) == "other" and not _HEAD_NOUN.match(doc[start - 2].text) \
                and (start < 3 or not doc[start - 3].is_title):     # (a place of one word, no body's last)
            return _widened_to(doc, span, start - 2)
        return span

    def _with_hyphened_start(self, doc: Doc, span: Span) -> Span:
        """"Anti-social Behaviour Action Group", "Cross-party Working Group": a name opening
        with a hyphened word whose second part is in lower case starts at its first part."""
        start = span.start
        if start >= 3 and doc[start - 1].is_lower and doc[start - 2].text == "-" and doc[start - 3].is_title \
                and not doc[start - 3].whitespace_ and not doc[start - 2].whitespace_ \
                and doc[start - 3].text not in self.stopwords:
            return _widened_to(doc, span, start - 3)
        return span

    def _of_tail_end(self, doc: Doc, start: int, end: int) -> bool:
        """Does the name end "<head noun> of <word that completes it>" ("... Board of Education")?"""
        return end - start >= 3 and doc[end - 2].lower_ == "of" and doc[end - 1].text in self.breaks["of_tail"] \
            and bool(_HEAD_NOUN.match(doc[end - 3].text))

    def _with_of_tail(self, doc: Doc, span: Span) -> Span:
        """"Diocese of Northby Board of Education", "Council of Governors": a head noun
        followed by "of" and the word that completes it is one name."""
        if span.end + 1 < len(doc) and self._of_tail_end(doc, span.start, span.end + 2):
            return _widened_to(doc, span, span.start, span.end + 2)
        return span

    def _council_acronym(self, doc: Doc, start: int, end: int) -> list[Span]:
        """"Harrowfield MBC": the council under its full name; its place is a known
        council's ("Tonbridge and Malling BC"), else the word before the initials."""
        kind = dict(w.split("=", 1) for w in self.breaks["council_acronym"]).get(doc[end - 1].text)
        if kind is None or doc[start].text in self.stopwords or doc[start].text in self.breaks["honorific"]:
            return []
        place = next((k for k in range(max(0, start - PLACE_AFTER_MAX_WORDS), start)
                      if f"{doc[k:end - 1].text} {kind}".lower() in council_names()), start)
        span = Span(doc, place, end, label=SHARED_HEAD_LABEL)
        span._.canonical = f"{doc[place:end - 1].text} {kind}"
        return [span]

    def _bracket_acronym(self, doc: Doc, start: int, end: int) -> list[Span]:
        """"A. Smith (NTHFT)": an organisation's acronym after a person's name."""
        acronym = doc[end - 2]
        if acronym.text in self.breaks["role_acronym"] or acronym.text.lower() in self.known:
            return []                     # a title, a party, or a body the gazetteer knows anyway
        for tok in doc[start:end - 3]:    # the name before the bracket is a person's, not a body's
            if _HEAD_NOUN.match(tok.text) or tok.text in self.stopwords or tok.lower_ in self.known \
                    or tok.text in self.breaks["role"]:
                return []
        return [Span(doc, acronym.i, acronym.i + 1, label="BODY")]


class FrequencyTagger:
    """Frequency phrases -> `doc.spans["frequencies"]` (label = normalised value)."""

    def __init__(self, nlp: Language, name: str, patterns: str):
        self.nlp = nlp
        self.name = name
        self._load(list(load_jsonl(patterns)))

    def _load(self, rows: list[dict]) -> None:
        self.rows = rows
        self.any = AnyOf([row["pattern"] for row in rows])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc_text(doc)
        for index in self.any.passing(text):          # (the rows that may match, in order)
            row, rx = self.rows[index], self.any.patterns[index]
            for m in rx.finditer(text):
                span = doc.char_span(m.start(), m.end(), label=row["label"], alignment_mode="expand")
                if span is not None:
                    span._.rule = row["id"]
                    spans.append(span)
        doc.spans[FREQUENCY_SPANS] = filter_spans(spans)
        return doc

    def to_disk(self, path, exclude=tuple()):
        _write_jsonl(Path(path) / "frequencies.jsonl", self.rows)

    def from_disk(self, path, exclude=tuple()):
        self._load(_read_jsonl(Path(path) / "frequencies.jsonl"))
        return self


@Language.factory("papermine_agencies", assigns=["doc.spans"],
                  default_config={"gazetteer": "agencies.jsonl", "bodies": "bodies.jsonl",
                                  "stopwords": "body_stopwords.txt", "public_bodies": "public_bodies.jsonl",
                                  "breaks": "name_breaks.jsonl"})
def make_agency_tagger(nlp: Language, name: str, gazetteer: str, bodies: str, stopwords: str,
                       public_bodies: str, breaks: str):
    return AgencyTagger(nlp, name, gazetteer, bodies, stopwords, public_bodies, breaks)


@Language.factory("papermine_frequencies", assigns=["doc.spans"],
                  default_config={"patterns": "frequencies.jsonl"})
def make_frequency_tagger(nlp: Language, name: str, patterns: str):
    return FrequencyTagger(nlp, name, patterns)
