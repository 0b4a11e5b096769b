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
from .agencies import gazetteer_rows

__all__ = ["AgencyTagger", "FrequencyTagger", "AGENCY_SPANS", "FREQUENCY_SPANS", "doc_text", "span_text",
           "keep_text", "any_of"]

AGENCY_SPANS = "agencies"
FREQUENCY_SPANS = "frequencies"
#: Where a Doc keeps its text once built (spaCy joins the tokens on every access).
_TEXT_KEY = "papermine.text"
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


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


def any_of(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern | None:
    """One pattern that matches wherever any of `patterns` does: a text it
    does not match needs no scan with each (None if they cannot be joined)."""
    try:
        return re.compile("|".join(f"(?:{_NAMED_GROUP.sub('(?:', p)})" for p in patterns), flags)
    except re.error:
        return None

for _name in ("canonical", "kind", "rule", "generic"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

_HEAD_NOUN = re.compile(r"^(Partnership|Board|Panel|Group|Subgroup|Sub-group|Sub-Group|Committee|Services?|Team|"
                        r"Trust|Council|Forum|Network|Authority|Authorities|Executive|Cabinet|Commission|Unit|"
                        r"Police|Constabulary|College|Academy|Academies|University|Centre|Center|Hospital|Hospice|"
                        r"Home|Hub|Foundation|Society|Association|Agency|Alliance|Office|Department|Directorate|"
                        r"Inspectorate|Collaborative|Consortium|Corporation|School|Assembly|Library|Surgery|"
                        r"Clinic|Federation)s?$")
#: "Sussex Partnership NHS Foundation Trust": "NHS" after a head noun that ends a trust's name.
_NHS_TRUST_TAIL = re.compile(r"^NHS (Foundation )?Trust$")
#: A job title before a name is cut off only if it ends with one of these.
_CORE_ROLES = {"Chair", "Chairman", "Chairperson", "Vice-Chair", "Co-Chair", "Leader", "Director", "Head",
               "Manager", "Officer", "Lead", "Member", "Councillor", "Cllr", "Mayor", "Clerk", "Secretary",
               "Treasurer", "Executive", "Representative", "Coordinator", "Co-ordinator", "Advisor", "Adviser"}
#: Words that cannot end a name ("the Methodist Chapel and" ...).
_DANGLING = {"and", "&", "of", "for", "in", "on", "the", "or"}
#: At most this many words of a job title are cut from the front of a name.
MAX_TITLE_WORDS = 4
#: Patterns (bodies.jsonl) whose names may be written in lower case.
LOWER_NAME_RULES = {"body-lower-name", "body-lower-name-possessive"}
#: The pattern of an organisation's acronym in brackets after a person's name.
BRACKET_ACRONYM_RULE = "body-bracket-acronym"

#: Named bodies whose head noun is this generic are still bodies, but a name of
#: just one word before it ("Service", "The Group") is not a name.
MIN_BODY_TOKENS = 2


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


class AgencyTagger:
    """Gazetteer + named-body patterns -> `doc.spans["agencies"]`."""

    def __init__(self, nlp: Language, name: str, gazetteer: str, bodies: str, stopwords: str,
                 public_bodies: str = "public_bodies.jsonl", breaks: str = "name_breaks.jsonl"):
        self.nlp = nlp
        self.name = name
        self.stopwords = set(load_lines(stopwords))
        self.breaks = {row["label"]: set(row["words"]) for row in load_jsonl(breaks)}
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
        self._core_role_ids = frozenset(self.nlp.vocab.strings.add(role) for role in _CORE_ROLES)
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        for row in bodies:
            self.matcher.add(row["id"], [row["pattern"]], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for matcher in (self.phrases, self.exact):
            for match_id, start, end in matcher(doc):
                row = self.by_id[self.nlp.vocab.strings[match_id]]
                if row.get("common_word") and (doc[start].is_sent_start or start == 0):
                    continue                  # "Crisis support is ...": a word, not the charity
                span = Span(doc, start, end, label=row["label"])
                span._.canonical = row["canonical"]
                span._.kind = row["label"]
                span._.rule = row["id"]
                span._.generic = bool(row.get("generic"))
                spans.append(span)
        for match_id, start, end in self.matcher(doc):
            rule = self.nlp.vocab.strings[match_id]
            if rule == BRACKET_ACRONYM_RULE:
                pieces = self._bracket_acronym(doc, start, end)
            else:
                pieces = [p for p in (self._trim(doc, s, e, rule) for s, e in self._pieces(doc, start, end)) if p]
            for span in pieces:
                span._.canonical = None          # resolved per document (acronyms, aliases)
                span._.kind = None
                span._.rule = rule
                span._.generic = False
                spans.append(span)
        spans = [self._with_comma_list(doc, s) if s._.rule and s._.rule.startswith("body-") else s
                 for s in spans]
        roles = self._roles(doc)
        spans = [s for s in spans if not any(a <= s.start and s.end <= b for a, b in roles)]
        # a named body ("Youth Offending Service" inside "South Tees Youth
        # Offending Service") and the longest gazetteer match win
        doc.spans[AGENCY_SPANS] = filter_spans(spans)
        return doc

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
            if doc[tok.i + 1].lower_ == "of" and any(doc[j].text in organisations for j in range(tok.i + 2, end)):
                end = tok.i + 2               # the organisation after "of" stays a body
            out.append((start, end))
        return out

    # ---- cutting a matched run of capitalised words into names ---------------------
    def _is_known(self, doc: Doc, start: int, end: int) -> bool:
        if start < end and doc[start].lower_ == "the":
            start += 1
        return doc[start:end].text.lower() in self.known

    def _pieces(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """Where a run of capitalised words holds more than one name, or a name inside
        something that is not a body, cut it: "Village Hall The Village Hall Committee",
        "Ofsted Inspection of Children's Services", "the Corporate Parenting Plan and the
        Corporate Parenting Group", "Leader of X Borough Council", "Supporting Solutions
        Services and Emergency Duty Team"; "Health and Wellbeing Board" stays one name."""
        words = self.breaks
        pieces: list[tuple[int, int]] = []
        begin = start
        if doc[start].text in words["honorific"] or (start > 0 and doc[start - 1].text in words["honorific"]):
            # "Dr Samuel Okafor of the NHS ...": a person, then perhaps their organisation
            cut = next((j for j in range(start, end) if doc[j].lower_ in ("of", "from", "at", ",")), None)
            if cut is None:
                return []
            begin = cut + 1
        i = begin
        while i < end:
            tok = doc[i]
            nxt = doc[i + 1].lower_ if i + 1 < end else ""
            if i > begin and (tok.text in words["article"] or tok.text in words["function"]
                              or (tok.text == "the" and doc[i - 1].lower_ != "of")):
                pieces.append((begin, i))
                begin = i + 1
            elif tok.text in words["document"] and nxt in ("of", "for", "on", "into", "and", "&"):
                begin = i + 2                 # what came before names a document, not a body
            elif tok.text in words["role"] and nxt in ("of", "for"):
                if nxt == "for" or not any(doc[j].text in words["organisation"] for j in range(i + 2, end)):
                    return pieces             # "Cabinet Member for ...", "Head of Service": a role
                begin = i + 2                 # "Leader of Tonbridge Borough Council": the council
            elif tok.lower_ in ("and", "&") and begin < i < end - 1 and (
                    _HEAD_NOUN.match(doc[i - 1].text) or doc[i - 1].text == ")" or self._is_known(doc, begin, i)
                    or self._is_known(doc, i + 1, end)):
                pieces.append((begin, i))     # two bodies joined by "and"
                begin = i + 1
            elif tok.text == "NHS" and i > begin and _HEAD_NOUN.match(doc[i - 1].text) \
                    and not _NHS_TRUST_TAIL.match(doc[i:end].text):
                pieces.append((begin, i))     # "... Commissioning Group NHS Horsham ..."
                begin = i
            i += 1
        pieces.append((begin, end))
        return [self._drop_title(doc, s, e) for s, e in pieces if e > s]

    def _drop_title(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """"Clinical Chair NHS Crawley CCG" -> "NHS Crawley CCG": a job title before a name."""
        roles = self.breaks["role"]
        last_core = None
        for i in range(start, min(end, start + MAX_TITLE_WORDS)):
            if doc[i].text not in roles and doc[i].text not in "-–":
                break
            if doc[i].text in _CORE_ROLES:
                last_core = i
        if last_core is not None and end - (last_core + 1) >= MIN_BODY_TOKENS:
            start = last_core + 1
            while start < end and doc[start].text in "-–":
                start += 1
        return start, end

    def _trim(self, doc: Doc, start: int, end: int, rule: str) -> Span | None:
        """Drop sentence-start words and unbalanced brackets from a body's name."""
        lower_name = rule in LOWER_NAME_RULES
        while start < end and (doc[start].text in self.stopwords or doc[start].text in "()-–,"
                               or doc[start].text in self.breaks["function"]
                               or (doc[start].is_upper and doc[start].text.title() in self.stopwords)
                               or doc[start].lower_ in {"and", "of", "in", "for", "on", "&", "the"}):
            start += 1
        while end > start and (doc[end - 1].text in "(-–," or doc[end - 1].lower_ in _DANGLING):
            end -= 1
        if end - start < MIN_BODY_TOKENS:
            return None
        if rule == "body-named" and not (_HEAD_NOUN.match(doc[end - 1].text) or doc[end - 1].text == ")"
                                         or doc[end - 1].is_upper):
            return None                       # a piece cut from a longer match that names no body
        if not lower_name and not doc[start].text[0].isupper():
            return None
        if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start \
                and doc[end].text not in self.breaks["article"] | self.breaks["function"]:
            return None                       # "Family Group Conferences": the name goes on
        if start > 0 and doc[start - 1].lower_ in self.breaks["count"] and doc[end - 1].text.endswith("s") \
                and not doc[end - 1].text.isupper():
            return None                       # "two Action Groups": a kind of body, not a name
        text = doc[start:end].text
        if text.count("(") != text.count(")") or text in self.breaks["product"] \
                or doc[end - 1].text in self.breaks["product"] and doc[start].text in ("Microsoft", "MS"):
            return None
        return Span(doc, start, end, label="BODY")

    def _with_comma_list(self, doc: Doc, span: Span) -> Span:
        """"Children, Young People & Skills Committee" is one name: a body whose name
        joins words with "and"/"&" takes in the comma-separated words before it, as
        long as none of them is a body of its own ("Police, Probation and ...")."""
        if not any(t.lower_ in ("and", "&") for t in span[:-1]):
            return span
        start = span.start
        while start >= 2 and doc[start - 1].text == "," and doc[start - 2].is_title \
                and doc[start - 2].text not in self.stopwords \
                and doc[start - 2].text not in self.breaks["function"] | self.breaks["article"] \
                and doc[start - 2].lower_ not in self.known:
            start -= 2
        if start == span.start:
            return span
        wider = Span(doc, start, span.end, label=span.label_)
        for name in ("canonical", "kind", "rule", "generic"):
            setattr(wider._, name, getattr(span._, name))
        return wider

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
        self.compiled = [(row, re.compile(row["pattern"], re.IGNORECASE)) for row in rows]
        self.any = any_of([row["pattern"] for row in rows])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc_text(doc)
        if self.any is not None and not self.any.search(text):
            doc.spans[FREQUENCY_SPANS] = []
            return doc
        for row, rx in self.compiled:
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
