"""Bounds that keep tagging linear in a paper's length, whatever is in it.

The relation reader looks across a sentence, and across its paragraph, for
each cue it holds, so its time grows with the square of their lengths. Real
sentences and paragraphs are short; a run of thousands of words without a full
stop or a paragraph break (a table flattened to text, a file without line
breaks) is neither, and is cut into pieces of a bounded length.
"""
from __future__ import annotations

import copy
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Document, Paragraph

__all__ = ["SENTENCE_CAP", "MAX_SENTENCE_TOKENS", "MAX_TEXT_CHARS", "MAX_UNIT_CHARS",
           "bounded_units"]

SENTENCE_CAP = "papermine_sentence_cap"
#: The longest sentence read whole (tokens); the longest sentences of real
#: council papers run to about 150 words.
MAX_SENTENCE_TOKENS = 400
#: spaCy's guard against texts too long for its parser (1,000,000 characters by
#: default) is raised for papermine's own rule components, which need no parser;
#: a paragraph longer than this is refused by the ingest's page limit first.
MAX_TEXT_CHARS = 50_000_000


@Language.component(SENTENCE_CAP)
def sentence_cap(doc: Doc) -> Doc:
    """Start a new sentence after MAX_SENTENCE_TOKENS tokens without one."""
    if doc.has_annotation("DEP") or len(doc) <= MAX_SENTENCE_TOKENS:
        return doc                          # a parser's sentences are its own; a short text has none too long
    run = 0
    for token in doc:
        if token.is_sent_start and token.i > 0:
            run = 0
        run += 1
        if run > MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = 1
    return doc


#: The longest paragraph (or item) tagged as one text; the longest paragraphs of
#: real council papers run to about 1,000 characters.
MAX_UNIT_CHARS = 3_000
_SENTENCE_END = re.compile(r"[.!?;:]['\"’”)]*\s+")


def _pieces(text: str) -> list[str]:
    """`text` cut into pieces of at most MAX_UNIT_CHARS, at a sentence end where
    there is one, else at a space, else anywhere."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > MAX_UNIT_CHARS:
        window = text[start:start + MAX_UNIT_CHARS]
        ends = [m.end() for m in _SENTENCE_END.finditer(window, MAX_UNIT_CHARS // 2)]
        cut = ends[-1] if ends else (window.rfind(" ") + 1 or MAX_UNIT_CHARS)
        pieces.append(text[start:start + cut].strip())
        start += cut
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def bounded_units(doc: Document) -> Document:
    """`doc` itself when every paragraph and item is at most MAX_UNIT_CHARS long;
    else a copy in which each longer one is cut into pieces that keep its number,
    section and page (so the evidence of what is found in them is unchanged)."""
    if all(len(p.text) <= MAX_UNIT_CHARS and all(len(i.text) <= MAX_UNIT_CHARS for i in p.items)
           for p in doc.paragraphs):
        return doc
    paragraphs: list[Paragraph] = []
    for para in doc.paragraphs:
        items = []
        for item in para.items:
            for text in _pieces(item.text) or [item.text]:
                piece = copy.copy(item)
                piece.text = text
                items.append(piece)
        texts = _pieces(para.text) or [para.text]
        for n, text in enumerate(texts):
            piece = copy.copy(para)
            piece.text = text
            piece.items = items if n == len(texts) - 1 else []
            paragraphs.append(piece)
    bounded = copy.copy(doc)
    bounded.paragraphs = paragraphs
    return bounded
