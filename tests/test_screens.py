"""The literal screens that spare most sentences a scan with every relation cue:
a screen must never turn away a sentence its pattern matches (else a reporting
line is silently lost), and must turn away the sentences that hold no cue."""
from __future__ import annotations

import json
import re

import pytest
from spacy.matcher import Matcher

from conftest import DATA, ROOT
from papermine.nlp import get_pipeline
from papermine.nlp.priorities import _cues as _priority_cues
from papermine.nlp.priorities import _membership
from papermine.nlp.relations import _rule_screens, _rules
from papermine.nlp.screens import Screened, ScreenSet, required_strings, token_pattern_screen


def passes(screen, folded: str) -> bool:
    return ScreenSet([screen]).any(folded)


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
    screens = _rule_screens()
    for sentence in sentences:
        passing = screens.passing(sentence.casefold())
        for index, (rule_id, _, rx) in enumerate(_rules()):
            allowed = index in passing
            screened += not allowed
            if not allowed and rx.search(sentence):
                missed.append((rule_id, sentence[:80]))
    assert not missed
    # and the screens do their job: most (rule, sentence) pairs are never scanned
    assert screened > 0.8 * len(sentences) * len(_rules())


def test_one_pass_finds_each_screen_that_passes():
    screens = [frozenset({"report", "reports to"}), None, frozenset({"accountable", "answerable"}),
               frozenset({"to the"})]
    together = ScreenSet(screens)
    for text in ("the board reports to the council", "answerable to", "nothing here", "", "report"):
        assert together.passing(text) == {i for i, screen in enumerate(screens) if passes(screen, text)}
    assert together.passing("the board reports to the council") == {0, 1, 3}
    assert ScreenSet([]).passing("anything") == frozenset()


@pytest.mark.parametrize("pattern", [r"(?i)Chair(?:man)?", r"(?-i:Board)s?", r"(a|b)c\1"])
def test_inline_flags_and_back_references_keep_the_screen_safe(pattern):
    screen = required_strings(pattern, re.IGNORECASE)
    rx = re.compile(pattern, re.IGNORECASE)
    for text in ("the CHAIRMAN", "two Boards", "acac", "bcbc", "chair"):
        if rx.search(text):
            assert passes(screen, text.casefold())


def test_the_screened_priority_cues_and_frequency_scans_find_what_they_did():
    frequencies = get_pipeline().get_pipe("papermine_frequencies").any
    screened = [rx for group in _priority_cues().values() for _, rx in group]
    assert all(isinstance(rx, Screened) for rx in screened)
    assert sum(rx.screen is not None for rx in screened) > len(screened) // 2
    anys = [_membership(), _membership(False), frequencies]
    # each "any of" answers as one pattern joining them all would
    joined = [re.compile("|".join(f"(?:{re.sub(r'[(][?]P<[^>]+>', '(?:', p.pattern)})" for p in a.patterns),
                         re.IGNORECASE) for a in anys]
    for sentence in _texts():
        for rx in screened:
            assert (rx.search(sentence) is None) == (rx.rx.search(sentence) is None), (rx.pattern[:60], sentence[:80])
        for any_of, one in zip(anys, joined):
            assert any_of.search(sentence) == bool(one.search(sentence)), sentence[:80]
            # and a pattern left out of `passing` does not match
            skipped = set(range(len(any_of.patterns))) - set(any_of.passing(sentence))
            assert not any(any_of.patterns[i].search(sentence) for i in skipped), sentence[:80]


def test_a_token_pattern_screens_on_a_word_it_requires():
    # a required token's listed words; an optional token requires nothing
    assert token_pattern_screen([{"LOWER": "the"}, {"TEXT": {"IN": ["Board", "Panel"]}}]) == {"board", "panel"}
    assert token_pattern_screen([{"TEXT": {"IN": ["Board", "Panel"]}, "OP": "?"}]) is None
    assert token_pattern_screen([{"TEXT": {"IN": ["Board"]}, "OP": "{0,2}"}]) is None
    assert token_pattern_screen([{"TEXT": {"IN": ["Board"]}, "OP": "+"}, {"ORTH": "("}]) == {"board"}
    # a bracket screens (rare); a short word does not (in too many others)
    assert token_pattern_screen([{"IS_TITLE": True}, {"ORTH": "("}]) == {"("}
    assert token_pattern_screen([{"TEXT": {"IN": ["DC", "CC"]}}]) is None
    # a REGEX token's screen is its pattern's
    assert token_pattern_screen([{"TEXT": {"REGEX": "^(Board|Forum)$"}}]) == {"board", "forum"}


def test_the_named_body_patterns_match_as_one_matcher_of_them_all_does():
    """The agency tagger runs only the patterns whose screen a text passes; over
    every made case and development sentence its matches are those of one
    Matcher holding every pattern, in the same order."""
    nlp = get_pipeline()
    tagger = nlp.get_pipe("papermine_agencies")
    everything = Matcher(nlp.vocab)
    for row in tagger.body_patterns:
        everything.add(row["id"], [row["pattern"]], greedy="LONGEST")
    matched = skipped = 0
    for sentence in _texts():
        doc = nlp.make_doc(sentence)
        expected = everything(doc)
        assert tagger._body_matches(doc) == expected, sentence[:80]
        matched += bool(expected)
        skipped += len(tagger.body_patterns) - len(tagger.matcher_screens.passing(sentence.casefold()))
    assert matched > 1000
    # and the screens do their job: most (pattern, sentence) pairs are never matched
    assert skipped > 0.5 * len(_texts()) * len(tagger.body_patterns)
