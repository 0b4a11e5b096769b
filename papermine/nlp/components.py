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

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..model.data import load_jsonl, load_lines

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

_HEAD_NOUN = re.compile(r"^(Partnership|Board|Panel|Group|Subgroup|Committee|Services?|Team|Trust|"
                        r"Council|Forum|Network|Authority|Executive|Cabinet|Commission|Unit)s?$")

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

    def __init__(self, nlp: Language, name: str, gazetteer: str, bodies: str, stopwords: str):
        self.nlp = nlp
        self.name = name
        self.stopwords = set(load_lines(stopwords))
        self._load(list(load_jsonl(gazetteer)), list(load_jsonl(bodies)))

    def _load(self, gazetteer: list[dict], bodies: list[dict]) -> None:
        self.gazetteer = gazetteer
        self.bodies = bodies
        self.by_id = {row["id"]: row for row in gazetteer}
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for row in gazetteer:
            matcher = self.exact if row.get("case") == "exact" else self.phrases
            matcher.add(row["id"], [self.nlp.make_doc(row["pattern"])])
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        for row in bodies:
            self.matcher.add(row["id"], [row["pattern"]], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for matcher in (self.phrases, self.exact):
            for match_id, start, end in matcher(doc):
                row = self.by_id[self.nlp.vocab.strings[match_id]]
                span = Span(doc, start, end, label=row["label"])
                span._.canonical = row["canonical"]
                span._.kind = row["label"]
                span._.rule = row["id"]
                span._.generic = bool(row.get("generic"))
                spans.append(span)
        for match_id, start, end in self.matcher(doc):
            for span in self._split(doc, start, end):
                span = self._trim(doc, span.start, span.end)
                if span is None:
                    continue
                span._.canonical = None          # resolved per document (acronyms, aliases)
                span._.kind = None
                span._.rule = self.nlp.vocab.strings[match_id]
                span._.generic = False
                spans.append(span)
        # a named body ("Youth Offending Service" inside "South Tees Youth
        # Offending Service") and the longest gazetteer match win
        doc.spans[AGENCY_SPANS] = filter_spans(spans)
        return doc

    @staticmethod
    def _split(doc: Doc, start: int, end: int) -> list[Span]:
        """Two bodies joined by "and": "Supporting Solutions Services and Emergency
        Duty Team" -> both; "Health and Wellbeing Board" stays one name."""
        for i in range(start + 1, end - 1):
            if doc[i].lower_ in ("and", "&") and _HEAD_NOUN.match(doc[i - 1].text):
                return [Span(doc, start, i), Span(doc, i + 1, end)]
        return [Span(doc, start, end)]

    def _trim(self, doc: Doc, start: int, end: int) -> Span | None:
        """Drop sentence-start words and unbalanced brackets from a body's name."""
        while start < end and (doc[start].text in self.stopwords or doc[start].text in "()"
                               or doc[start].lower_ in {"and", "of", "in", "for", "on", "&"}):
            start += 1
        if end - start < MIN_BODY_TOKENS or not doc[start].text[0].isupper():
            return None
        if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
            return None                       # "Family Group Conferences": the name goes on
        text = doc[start:end].text
        if text.count("(") != text.count(")"):
            return None
        return Span(doc, start, end, label="BODY")

    def to_disk(self, path, exclude=tuple()):
        path = Path(path)
        _write_jsonl(path / "gazetteer.jsonl", self.gazetteer)
        _write_jsonl(path / "bodies.jsonl", self.bodies)

    def from_disk(self, path, exclude=tuple()):
        path = Path(path)
        self._load(_read_jsonl(path / "gazetteer.jsonl"), _read_jsonl(path / "bodies.jsonl"))
        return self


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
                                  "stopwords": "body_stopwords.txt"})
def make_agency_tagger(nlp: Language, name: str, gazetteer: str, bodies: str, stopwords: str):
    return AgencyTagger(nlp, name, gazetteer, bodies, stopwords)


@Language.factory("papermine_frequencies", assigns=["doc.spans"],
                  default_config={"patterns": "frequencies.jsonl"})
def make_frequency_tagger(nlp: Language, name: str, patterns: str):
    return FrequencyTagger(nlp, name, patterns)
