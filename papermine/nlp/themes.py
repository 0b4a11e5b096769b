"""The priority theme taxonomy (models/themes.jsonl): text -> themes.

A theme scores one point for every distinct cue it finds in the text; the best
theme wins, ties going to the theme with the longer (more specific) cues, then
to the theme listed first. Nothing found: `other`,
never a forced theme.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model.data import load_jsonl, load_lines

__all__ = ["classify_theme", "theme_labels", "neutral_phrases", "OTHER"]

OTHER = "other"


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((row["label"], re.compile(row["pattern"], re.IGNORECASE))
                 for row in load_jsonl("themes.jsonl"))


@lru_cache(maxsize=1)
def neutral_phrases() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in load_lines("theme_neutral.txt")), re.IGNORECASE)


def theme_labels() -> list[str]:
    return [label for label, _ in _compiled()] + [OTHER]


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
