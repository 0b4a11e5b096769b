"""Align the priorities of two papers: persisted, reworded, merged, split,
dropped, new.

Every pair gets an explainable score: the text similarity (rapidfuzz) and
whether the two share a theme, weighted into one number. Pairs above the match
threshold are assigned one-to-one (a maximum-weight matching); what is left
is examined for merges and splits, then reported as dropped or new.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx
from rapidfuzz import fuzz, process

from ..model import Priority
from ..model.themes import neutral_phrases

__all__ = ["Match", "PriorityAlignment", "align_priorities", "score_pair", "score_matrix", "Score",
           "TEXT_WEIGHT", "THEME_WEIGHT", "MATCH_THRESHOLD", "PERSISTED_TEXT"]

#: Weight of text similarity (0-100) in the combined score.
TEXT_WEIGHT = 0.7
#: Weight of a shared theme (0 or 100) in the combined score.
THEME_WEIGHT = 0.3
#: Combined score at or above which two priorities are the same priority.
#: With a shared theme the texts need 36/100 in common; without one, 79/100.
MATCH_THRESHOLD = 55.0
#: Text similarity at or above which a matched priority is "persisted" (same words).
PERSISTED_TEXT = 92.0
#: A merge or split partner must score at least this, and share this much text:
#: a second priority folded into one that already has its match.
MERGE_THRESHOLD = 62.0
MERGE_MIN_TEXT = 50.0


def _norm(text: str) -> str:
    """Lower case, no list label, and no population phrase ("children looked
    after and care leavers") that every priority of the genre shares."""
    text = neutral_phrases().sub(" ", text.lower().replace("’", "'"))
    text = re.sub(r"^(priority|objective|aim|theme)\s+\d+\s*[):.-]\s*", "", text)
    return re.sub(r"[^a-z0-9' ]+", " ", text).strip()


@dataclass(frozen=True)
class Score:
    text: float           # rapidfuzz similarity of the normalised texts, 0-100
    same_theme: bool
    combined: float

    @property
    def why(self) -> str:
        theme = "same theme" if self.same_theme else "different or no theme"
        return f"text {self.text:.0f}/100, {theme} -> {self.combined:.0f}"


#: token_set rewards one wording containing the other ("Early permanence" in a
#: longer sentence); discounted so that exact wording still scores highest.
TOKEN_SET_DISCOUNT = 0.9


def _score(text: float, theme_a: str, theme_b: str) -> Score:
    same = theme_a == theme_b and theme_a != "other"
    return Score(text=text, same_theme=same, combined=TEXT_WEIGHT * text + THEME_WEIGHT * (100 if same else 0))


def score_pair(a: Priority, b: Priority) -> Score:
    ta, tb = _norm(a.text), _norm(b.text)
    text = max(fuzz.token_sort_ratio(ta, tb), TOKEN_SET_DISCOUNT * fuzz.token_set_ratio(ta, tb))
    return _score(text, a.theme, b.theme)


def score_matrix(before: list[Priority], after: list[Priority]) -> dict[tuple[int, int], Score]:
    """score_pair for every pair, the text similarities computed in bulk (rapidfuzz cdist)."""
    if not before or not after:
        return {}
    ta, tb = [_norm(p.text) for p in before], [_norm(p.text) for p in after]
    sort = process.cdist(ta, tb, scorer=fuzz.token_sort_ratio)
    token_set = process.cdist(ta, tb, scorer=fuzz.token_set_ratio)
    return {(i, j): _score(max(float(sort[i, j]), TOKEN_SET_DISCOUNT * float(token_set[i, j])),
                           a.theme, b.theme)
            for i, a in enumerate(before) for j, b in enumerate(after)}


@dataclass
class Match:
    before: Priority
    after: Priority
    score: Score

    @property
    def status(self) -> str:
        return "persisted" if self.score.text >= PERSISTED_TEXT else "reworded"


@dataclass
class PriorityAlignment:
    persisted: list[Match] = field(default_factory=list)
    reworded: list[Match] = field(default_factory=list)
    merged: list[tuple[list[Priority], Priority, list[Score]]] = field(default_factory=list)
    split: list[tuple[Priority, list[Priority], list[Score]]] = field(default_factory=list)
    dropped: list[Priority] = field(default_factory=list)
    new: list[Priority] = field(default_factory=list)

    @property
    def matches(self) -> list[Match]:
        return self.persisted + self.reworded


def _mergeable(score: Score) -> bool:
    return score.combined >= MERGE_THRESHOLD and score.text >= MERGE_MIN_TEXT


def align_priorities(before: list[Priority], after: list[Priority]) -> PriorityAlignment:
    scores = score_matrix(before, after)
    graph = nx.Graph()
    for (i, j), score in scores.items():
        if score.combined >= MATCH_THRESHOLD:
            graph.add_edge(("a", i), ("b", j), weight=score.combined)
    matching = nx.max_weight_matching(graph)
    pairs = {}
    for u, v in matching:
        (_, i), (_, j) = (u, v) if u[0] == "a" else (v, u)
        pairs[i] = j
    result = PriorityAlignment()
    for i, j in sorted(pairs.items()):
        match = Match(before[i], after[j], scores[(i, j)])
        (result.persisted if match.status == "persisted" else result.reworded).append(match)

    matched_after = set(pairs.values())
    loose_before = [i for i in range(len(before)) if i not in pairs]
    loose_after = [j for j in range(len(after)) if j not in matched_after]
    # merged: two earlier priorities now one (the loose one's best partner is taken)
    merged_into: dict[int, list[int]] = {}
    for i in loose_before:
        j = max(range(len(after)), key=lambda j: scores[(i, j)].combined, default=None)
        if j is not None and j in matched_after and _mergeable(scores[(i, j)]):
            merged_into.setdefault(j, []).append(i)
    partner_of = {j: i for i, j in pairs.items()}
    for j, extra in merged_into.items():
        sources = [partner_of[j]] + extra
        result.merged.append(([before[i] for i in sources], after[j], [scores[(i, j)] for i in sources]))
    # split: one earlier priority now two
    split_from: dict[int, list[int]] = {}
    for j in loose_after:
        i = max(range(len(before)), key=lambda i: scores[(i, j)].combined, default=None)
        if i is not None and i in pairs and _mergeable(scores[(i, j)]):
            split_from.setdefault(i, []).append(j)
    for i, extra in split_from.items():
        targets = [pairs[i]] + extra
        result.split.append((before[i], [after[j] for j in targets], [scores[(i, j)] for j in targets]))
    merged_away = {i for ids in merged_into.values() for i in ids}
    split_off = {j for ids in split_from.values() for j in ids}
    result.dropped = [before[i] for i in loose_before if i not in merged_away]
    result.new = [after[j] for j in loose_after if j not in split_off]
    return result
