"""NLP stage: tag a Document's priorities, agencies and governance relations.

The pipeline is `spacy.blank("en")` + a sentencizer + papermine's rule
components, all built from data in `models/`; no model is ever downloaded. A
trained pipeline, if installed, may be named with `model=` to add its
organisation entities, but the rules alone do the job.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import PapermineError
from ..model.data import load_jsonl
from ..model import Agency, Document, Evidence, Paragraph, ReportingLine, Tags
from . import components  # noqa: F401  (registers the factories)
from .agencies import Resolver, alias_short_names, body_kind, learn_acronyms
from .components import AGENCY_SPANS, doc_text, keep_text, span_text
from .priorities import extract_priorities
from .relations import Found, RelationReader
from .themes import classify_theme, theme_labels

__all__ = ["build_pipeline", "get_pipeline", "tag_document", "classify_theme", "theme_labels",
           "NLP_VERSION", "BATCH_SIZE"]

#: Bumped whenever tagging output changes, so stored papers are re-tagged.
NLP_VERSION = "1"
#: Paragraphs per nlp.pipe batch.
BATCH_SIZE = 64
#: Membership-list context in which lower-case generic mentions ("police") count.
MEMBERSHIP_RULE = "rel-members"
#: Kinds of body a paper can be about.
MAIN_BODY_KINDS = ("partnership", "subgroup", "council body")
#: A sentence naming at least this many agencies is a list: its generic mentions count.
LIST_MIN_AGENCIES = 3


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
    nlp.add_pipe("papermine_agencies")
    nlp.add_pipe("papermine_frequencies")
    return nlp


@lru_cache(maxsize=4)
def get_pipeline(model: str | None = None) -> Language:
    return build_pipeline(model)


def _units(doc: Document) -> list[tuple[int, int | None, str]]:
    """Every paragraph text and item text, in reading order: (para, item, text)."""
    units = []
    for p_index, para in enumerate(doc.paragraphs):
        if para.text:
            units.append((p_index, None, para.text))
        for i_index, item in enumerate(para.items):
            units.append((p_index, i_index, item.text))
    return units


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


def _add_acronyms(sdoc: Doc, acronyms: dict[str, str]) -> None:
    """Mentions of acronyms the paper defined for a body ("the CLASP")."""
    text = doc_text(sdoc)
    if not any(acronym in text for acronym in acronyms):
        return                           # (a token can only be one the text holds)
    extra = []
    for token in sdoc:
        long = acronyms.get(token.text)
        defining = token.i > 0 and sdoc[token.i - 1].text == "("   # "(CLASP)" after its long form
        if long and not defining and body_kind(long) != "other":
            span = Span(sdoc, token.i, token.i + 1, label="BODY")
            span._.rule = "acronym-defined"
            span._.generic = False
            extra.append(span)
    if extra:
        sdoc.spans[AGENCY_SPANS] = filter_spans(list(sdoc.spans[AGENCY_SPANS]) + extra)


@lru_cache(maxsize=1)
def _membership_cue() -> re.Pattern:
    row = next(r for r in load_jsonl("relations.jsonl") if r["id"] == MEMBERSHIP_RULE)
    return re.compile(row["pattern"], re.IGNORECASE)


def _is_membership_list(para: Paragraph) -> bool:
    """A paragraph whose items list members ("The membership of the Board is:")."""
    return bool(para.items) and para.text.rstrip().endswith(":") and bool(
        _membership_cue().search(para.text) or re.search(r"\bmembership\b", para.text, re.IGNORECASE))


def _keep_generic(sdoc: Doc, span: Span) -> bool:
    """Generic lower-case mentions ("police", "housing") count in membership lists."""
    sent = span.sent
    if _membership_cue().search(span_text(sent)):
        return True
    in_sentence = [s for s in sdoc.spans[AGENCY_SPANS] if sent.start <= s.start < sent.end]
    return len(in_sentence) >= LIST_MIN_AGENCIES


def tag_document(doc: Document, nlp: Language | None = None, model: str | None = None) -> Tags:
    """Priorities, agencies and relations of one paper, each with evidence."""
    nlp = nlp or get_pipeline(model)
    units = _units(doc)
    acronyms = learn_acronyms([text for _, _, text in units] + [doc.meta.title or ""])
    resolver = Resolver(acronyms)
    sdocs: dict[tuple[int, int | None], Doc] = {}
    made = (keep_text(nlp.make_doc(text), text) for _, _, text in units)
    for (p_index, i_index, _text), sdoc in zip(units, nlp.pipe(made, batch_size=BATCH_SIZE)):
        if sdoc.ents:
            _add_trained_entities(sdoc)
        _add_acronyms(sdoc, acronyms)
        in_list = i_index is not None and _is_membership_list(doc.paragraphs[p_index])
        spans = [s for s in sdoc.spans[AGENCY_SPANS]
                 if not s._.generic or in_list or _keep_generic(sdoc, s)]
        for span in spans:
            span._.canonical, span._.kind = resolver.resolve(span)
        sdoc.spans[AGENCY_SPANS] = spans
        sdocs[(p_index, i_index)] = sdoc
    _use_long_names(doc, nlp, resolver, sdocs.values())

    def evidence(para: Paragraph, item: int | None, sentence: str, rule: str | None) -> Evidence:
        page = para.items[item].page if item is not None else para.page
        return Evidence(doc=doc.id, page=page, paragraph=para.number, sentence=sentence.strip(),
                        section=doc.sections[para.section].heading, rule=rule)

    # agencies, grouped by canonical name in order of first mention
    agencies: "OrderedDict[str, Agency]" = OrderedDict()
    for (p_index, i_index), sdoc in sdocs.items():
        para = doc.paragraphs[p_index]
        for span in sdoc.spans[AGENCY_SPANS]:
            agency = agencies.setdefault(span._.canonical, Agency(
                name=span.text, canonical=span._.canonical, kind=span._.kind or "other"))
            agency.evidence.append(evidence(para, i_index, span_text(span.sent), span._.rule))

    # the body the paper is about: named in its title, else the most mentioned body
    main_body = _main_body(doc, nlp, resolver, agencies)
    reader = RelationReader(main_body=main_body)
    lines: list[ReportingLine] = []
    seen = set()
    last_para = None
    for (p_index, i_index), sdoc in sdocs.items():
        para = doc.paragraphs[p_index]
        if i_index is not None and _is_membership_list(para):
            # "The membership of the Board is:" then one member an item
            owner = reader.list_owner(sdocs.get((p_index, None)))
            found_here = reader.list_members(sdoc, owner, MEMBERSHIP_RULE)
        else:
            found_here = reader.read(sdoc, new_paragraph=p_index != last_para)
        for found in found_here:
            line = _line(found, evidence(para, i_index, span_text(found.sentence), found.rule))
            key = (line.source, line.target, line.relation, line.frequency, para.number, p_index)
            if key not in seen:
                seen.add(key)
                lines.append(line)
        last_para = p_index

    positions = {id(para): index for index, para in enumerate(doc.paragraphs)}

    def sentences(para: Paragraph, item: int | None) -> list[str]:
        index = positions[id(para)] if id(para) in positions else doc.paragraphs.index(para)
        sdoc = sdocs.get((index, item))
        return [span_text(s).strip() for s in sdoc.sents] if sdoc is not None else []

    priorities = extract_priorities(doc, sentences)
    return Tags(doc=doc.id, agencies=list(agencies.values()), priorities=priorities,
                reporting_lines=lines)


def _use_long_names(doc: Document, nlp: Language, resolver: Resolver, sdocs) -> None:
    """"The Partnership Board" is the paper's "Looked After Children Partnership
    Board" when that is the only longer body so named (in the text, its title or
    its committee)."""
    named = {s._.canonical for sdoc in sdocs for s in sdoc.spans[AGENCY_SPANS]
             if s._.kind in MAIN_BODY_KINDS}
    for text in (doc.meta.title, doc.meta.committee):
        if text:
            heading = nlp(text)           # kept in scope: its spans need it
            named |= {resolver.resolve(s)[0] for s in heading.spans[AGENCY_SPANS]}
    aliases = alias_short_names(sorted(named))
    for sdoc in sdocs:
        for span in sdoc.spans[AGENCY_SPANS]:
            if span._.canonical in aliases and span._.kind in MAIN_BODY_KINDS:
                span._.canonical = aliases[span._.canonical]


def _main_body(doc: Document, nlp: Language, resolver: Resolver, agencies) -> str | None:
    if doc.meta.title:
        title = nlp(doc.meta.title)
        _add_acronyms(title, resolver.acronyms)
        for span in title.spans[AGENCY_SPANS]:
            canonical, kind = resolver.resolve(span)
            if kind in MAIN_BODY_KINDS:
                return canonical
    # else the most mentioned body (first mentioned on a tie), not the council itself
    bodies = [a for a in agencies.values() if a.kind in MAIN_BODY_KINDS and a.canonical != doc.meta.council]
    if bodies:
        return max(bodies, key=lambda a: len(a.evidence)).canonical     # max keeps the first of equals
    return None


def _canonical(value) -> str:
    return value if isinstance(value, str) else value._.canonical


def _line(found: Found, evidence: Evidence) -> ReportingLine:
    return ReportingLine(source=_canonical(found.source), target=_canonical(found.target),
                         relation=found.relation, frequency=found.frequency,
                         frequency_text=found.frequency_text, modality=found.modality,
                         evidence=evidence)
