"""The priority theme taxonomy (models/themes.jsonl): text -> themes, and a
theme named by a person ("care leavers", "send") -> its label.

A theme scores one point for every distinct cue it finds in the text; the best
theme wins, ties going to the theme with the longer (more specific) cues, then
to the theme listed first. Nothing found: `other`, never a forced theme.

This is vocabulary, not NLP: it needs no spaCy, so the query commands and the
comparison stage use it without loading the tagger.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from ..errors import NotFound
from .data import load_jsonl, load_lines

__all__ = ["classify_theme", "theme_labels", "theme_ids", "neutral_phrases", "resolve_theme", "OTHER",
           "THEME_FUZZY_MIN", "THEME_FUZZY_MARGIN"]

OTHER = "other"
#: A misspelt theme name ("placment stability") is taken when it scores this
#: much (the better of rapidfuzz WRatio and partial_ratio, 0-100) ...
THEME_FUZZY_MIN = 80.0
#: ... and this much more than the next best theme (else it is ambiguous).
THEME_FUZZY_MARGIN = 5.0


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((row["label"], re.compile(row["pattern"], re.IGNORECASE))
                 for row in load_jsonl("themes.jsonl"))


@lru_cache(maxsize=1)
def neutral_phrases() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in load_lines("theme_neutral.txt")), re.IGNORECASE)


def theme_labels() -> list[str]:
    return [label for label, _ in _compiled()] + [OTHER]


def theme_ids() -> dict[str, str]:
    """label -> rule id (`theme-care-leavers`), `other` included."""
    ids = {row["label"]: row["id"] for row in load_jsonl("themes.jsonl")}
    ids[OTHER] = "theme-other"
    return ids


def classify_theme(text: str) -> tuple[str, list[str]]:
    """(best theme, every theme that matched, best first)."""
    text = neutral_phrases().sub(" ", text)
    scores = []
    for order, (label, rx) in enumerate(_compiled()):
        hits = {m.group(0).lower() for m in rx.finditer(text)}
        if hits:      # more distinct cues first, then longer (more specific) cues
            scores.append((-len(hits), -sum(map(len, hits)), order, label))
    if not scores:
        return OTHER, []
    ranked = [label for *_, label in sorted(scores)]
    return ranked[0], ranked


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def resolve_theme(name: str) -> str:
    """The theme a person means: its label or id exactly (any case), else the
    one label starting with the name or holding all its words ("care leavers"),
    else the theme whose cues the name matches ("placement stability"), else a
    close spelling. Several candidates, or none: NotFound naming them."""
    wanted = " ".join(_words(name))
    labels = theme_labels()
    ids = theme_ids()
    for label in labels:
        if wanted in (" ".join(_words(label)), " ".join(_words(ids[label]))):
            return label
    if not wanted:
        raise NotFound(None, f"unknown theme {name!r}; themes: {', '.join(labels)}")
    starting = [label for label in labels if " ".join(_words(label)).startswith(wanted)]
    holding = [label for label in labels if set(_words(name)) <= set(_words(label) + _words(ids[label]))]
    for candidates in (starting, holding):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise NotFound(None, f"theme {name!r} is ambiguous: {'; '.join(candidates)}")
    best, matched = classify_theme(name)
    if best != OTHER and len(matched) == 1:
        return best
    ranked = sorted(((max(fuzz.WRatio(wanted, label), fuzz.partial_ratio(wanted, label)), label)
                     for label in labels), reverse=True)
    if ranked[0][0] >= THEME_FUZZY_MIN and (
            len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= THEME_FUZZY_MARGIN):
        return ranked[0][1]
    raise NotFound(None, f"unknown theme {name!r}; themes: {', '.join(labels)} (see papermine themes)")
