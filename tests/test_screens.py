"""The literal screens that spare most sentences a scan with every relation cue:
a screen must never turn away a sentence its pattern matches (else a reporting
line is silently lost), and must turn away the sentences that hold no cue."""
from __future__ import annotations

import json
import re

import pytest

from conftest import DATA, ROOT
from papermine.nlp import get_pipeline
from papermine.nlp.priorities import _cues as _priority_cues
from papermine.nlp.priorities import _membership
from papermine.nlp.relations import _rule_strings, _rules
from papermine.nlp.screens import Screened, passes, required_strings


def test_a_pattern_screens_on_the_words_every_match_holds():
    assert required_strings(r"\breports? to the\b", re.IGNORECASE) == {" to the"}
    # one alternative must match: each alternative's own words
    assert required_strings(r"\b(?:accountable|answerable) to\b", re.IGNORECASE) == {"accountable", "answerable"}
    # a class of one letter's cases is that letter
    assert required_strings(r"[Ww]ithin the", 0) == {"within the"}
    # an optional part, or a branch with an empty alternative, requires nothing
    assert required_strings(r"(?:sub-?)?committee", 0) == {"committee"}
    assert required_strings(r"(?:report|)\s+to", 0) is None
    assert required_strings(r"\w+\s+\w+", 0) is None


def test_a_screen_compares_case_folded_text():
    screen = required_strings(r"Reports to", re.IGNORECASE)
    assert passes(screen, "The Board REPORTS TO the Council.".casefold())
    assert not passes(screen, "The Board meets quarterly.".casefold())
    assert passes(None, "anything")


def _texts():
    """Every made case and development excerpt, split into rough sentences."""
    texts = [case["input"] for case in json.loads((DATA / "nlp_failure_classes.json").read_text(encoding="utf-8"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "excerpts").glob("*.txt"))]
    return [s for text in texts for s in re.split(r"(?<=[.;:])\s+|\n\s*\n", text) if s.strip()]


def test_no_relation_cue_is_screened_out_where_it_matches():
    sentences = _texts()
    assert len(sentences) > 3000
    missed, screened = [], 0
    for (rule_id, _, rx), strings in zip(_rules(), _rule_strings()):
        for sentence in sentences:
            allowed = passes(strings, sentence.casefold())
            screened += not allowed
            if not allowed and rx.search(sentence):
                missed.append((rule_id, sentence[:80]))
    assert not missed
    # and the screens do their job: most (rule, sentence) pairs are never scanned
    assert screened > 0.8 * len(sentences) * len(_rules())


@pytest.mark.parametrize("pattern", [r"(?i)Chair(?:man)?", r"(?-i:Board)s?", r"(a|b)c\1"])
def test_inline_flags_and_back_references_keep_the_screen_safe(pattern):
    screen = required_strings(pattern, re.IGNORECASE)
    rx = re.compile(pattern, re.IGNORECASE)
    for text in ("the CHAIRMAN", "two Boards", "acac", "bcbc", "chair"):
        if rx.search(text):
            assert passes(screen, text.casefold())


def test_the_screened_priority_cues_and_frequency_scan_find_what_they_did():
    frequencies = get_pipeline().get_pipe("papermine_frequencies").any
    screened = [rx for group in _priority_cues().values() for _, rx in group] + [
        _membership(), _membership(False), frequencies]
    assert all(isinstance(rx, Screened) for rx in screened)
    assert sum(rx.screen is not None for rx in screened) > len(screened) // 2
    for sentence in _texts():
        for rx in screened:
            assert (rx.search(sentence) is None) == (rx.rx.search(sentence) is None), (rx.pattern[:60], sentence[:80])
