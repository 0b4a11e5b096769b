"""Cheap screens for regular expressions scanned over every sentence.

A pattern's screen is a set of plain strings, at least one of which occurs
(case folded) in any text the pattern matches: "reports? to the" can only match
where "to the" does. It is read from the pattern's own parse tree, so it
is right by construction and needs no upkeep beside the patterns in `models/`;
a sentence that holds none of a rule's strings is not scanned with the rule.
Most sentences hold no cue at all, and a substring test is far cheaper than a
regex scan (the relation cues were a tenth of tagging time).

The strings are looked for with an Aho-Corasick automaton (pyahocorasick): one
pass over a sentence finds every screen string in it, where a substring test
per string took a tenth of tagging time again.
"""
from __future__ import annotations

import re
import re._parser as sre_parse
from collections.abc import Sequence
from functools import lru_cache
from re._constants import ATOMIC_GROUP, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, SUBPATTERN

import ahocorasick

__all__ = ["required_strings", "token_pattern_screen", "ScreenSet", "Screened", "AnyOf", "folded"]

#: Strings shorter than this screen out too little to be worth a test.
MIN_USEFUL = 3
_REPEATS = (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT)


def required_strings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Case-folded strings, one of which is in any match of `pattern`; None when
    no useful set is known (the pattern is then always scanned)."""
    try:
        tree = sre_parse.parse(pattern, flags)
    except (re.error, RecursionError):
        return None
    found = _sequence(list(tree))
    if not found or min(map(len, found)) < MIN_USEFUL:
        return None
    return frozenset(found)


def token_pattern_screen(pattern: list[dict]) -> frozenset[str] | None:
    """The screen of a spaCy Matcher pattern: the strings of one token it
    requires (no "?", "*" or "{0,n}" operator) whose words are listed (ORTH,
    TEXT or LOWER, one or IN) or whose TEXT REGEX has a screen; a token's text
    is part of the Doc's text, so one of them is in any text the pattern
    matches. (Not NORM: a token's norm need not be in the text.)"""
    best = None
    for token in pattern:
        op = token.get("OP", "1")
        if op in ("?", "*", "!") or re.fullmatch(r"\{0?,\d*\}|\{0\}", op):
            continue
        for attr in ("ORTH", "TEXT", "LOWER"):
            value = token.get(attr)
            if isinstance(value, str):
                words = frozenset({value.casefold()})
            elif isinstance(value, dict) and "IN" in value:
                words = frozenset(word.casefold() for word in value["IN"])
            elif isinstance(value, dict) and "REGEX" in value:
                words = required_strings(value["REGEX"])
            else:
                continue
            # (a bracket is a screen: rarer than most words)
            if words and all(len(word) >= MIN_USEFUL or not any(map(str.isalnum, word)) for word in words):
                best = _better(best, words)
    return best


@lru_cache(maxsize=64)
def folded(text: str) -> str:
    """`text` case folded (kept: the screens of a sentence's many rules fold it once)."""
    return text.casefold()


class ScreenSet:
    """The screens of several patterns, looked for in one pass: `passing(text)`
    is the set of the patterns (by index) that may match a case-folded text."""

    __slots__ = ("_automaton", "_always")

    def __init__(self, screens: Sequence[frozenset[str] | None]):
        self._always = frozenset(i for i, screen in enumerate(screens) if screen is None)
        owners: dict[str, list[int]] = {}
        for i, screen in enumerate(screens):
            for string in screen or ():
                owners.setdefault(string, []).append(i)
        self._automaton = None
        if owners:
            self._automaton = ahocorasick.Automaton()
            for string, indices in owners.items():
                self._automaton.add_word(string, tuple(indices))
            self._automaton.make_automaton()

    def passing(self, folded_text: str) -> frozenset[int]:
        if self._automaton is None:
            return self._always
        found = set(self._always)
        for _end, indices in self._automaton.iter(folded_text):
            found.update(indices)
        return frozenset(found)

    def any(self, folded_text: str) -> bool:
        """Whether any screened pattern may match (the text holds one of the strings)."""
        return bool(self._always) or (self._automaton is not None
                                      and next(self._automaton.iter(folded_text), None) is not None)


class Screened:
    """A compiled pattern that tries its screen before it scans a text."""

    __slots__ = ("rx", "screen", "_set")

    def __init__(self, rx: re.Pattern):
        self.rx = rx
        self.screen = required_strings(rx.pattern, rx.flags)
        self._set = ScreenSet([self.screen])

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    def search(self, text: str) -> re.Match | None:
        return self.rx.search(text) if self._set.any(folded(text)) else None

    def finditer(self, text: str):
        return self.rx.finditer(text) if self._set.any(folded(text)) else iter(())


class AnyOf:
    """Whether any of several patterns matches a text: each is scanned only
    where its screen passes (one pattern joining them all was scanned, slowly,
    wherever any one's strings were found)."""

    __slots__ = ("patterns", "_screens")

    def __init__(self, patterns: Sequence[str], flags: int = re.IGNORECASE):
        self.patterns = [re.compile(p, flags) for p in patterns]
        self._screens = ScreenSet([required_strings(p, flags) for p in patterns])

    def passing(self, text: str) -> list[int]:
        """The patterns (by index, in order) that may match `text`."""
        return sorted(self._screens.passing(folded(text)))

    def search(self, text: str) -> bool:
        return any(self.patterns[i].search(text) for i in self.passing(text))


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two screens: the longer shortest string, then fewer strings."""
    if not a:
        return b
    if not b:
        return a
    return max((a, b), key=lambda s: (min(map(len, s)), -len(s)))


def _sequence(items: list) -> frozenset[str] | None:
    """Every item of a sequence must match, so any one item's screen serves:
    runs of literal characters, and screens of groups, branches and repeats."""
    best, run = None, []
    for op, arg in items + [(None, None)]:
        if (char := _char(op, arg)) is not None:
            run.append(char)
            continue
        if run and op is BRANCH:
            # the parser moves the alternatives' common start before them
            # ("a(?:ccountable|nswerable)"): the run goes on into each alternative
            best = _better(best, frozenset("".join(run) + _leading(alt) for alt in arg[1]))
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        if op is SUBPATTERN:
            best = _better(best, _sequence(list(arg[-1])))
        elif op is ATOMIC_GROUP:
            best = _better(best, _sequence(list(arg)))
        elif op in _REPEATS and arg[0] >= 1:
            best = _better(best, _sequence(list(arg[2])))
        elif op is BRANCH:
            best = _better(best, _branch(arg[1]))
    return best


def _branch(alternatives: list) -> frozenset[str] | None:
    """One alternative must match: the union of their screens, if each has one."""
    union: set[str] = set()
    for alternative in alternatives:
        screen = _sequence(list(alternative))
        if not screen:
            return None
        union |= screen
    return frozenset(union)


def _char(op, arg) -> str | None:
    """The character (case folded) an item matches: a literal, or a class of one
    letter's cases ("[Cc]" is "c"); None for anything else."""
    if op is LITERAL:
        return chr(arg).casefold()
    if op is IN and all(kind is LITERAL for kind, _ in arg):
        folded = {chr(code).casefold() for _, code in arg}
        if len(folded) == 1:
            return folded.pop()
    return None


def _leading(items) -> str:
    """The literal characters an alternative opens with (case folded)."""
    run = []
    for op, arg in items:
        if (char := _char(op, arg)) is None:
            break
        run.append(char)
    return "".join(run)
