"""Which of a site's committees the user means.

A title is matched case-insensitively, expired and deleted committees
included: a panel renamed or re-formed keeps its old meetings under its old
id, so every committee with the title is taken. A number is a committee id.
A part of a title is enough when it names one title only; otherwise the
candidates are listed.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from ..errors import CommitteeAmbiguous, CommitteeNotFound
from .records import Committee

__all__ = ["match_committee", "successors"]

#: How many near titles an unknown name suggests, and how near they must be (0-100).
SUGGESTIONS, SUGGEST_SCORE = 5, 60


def _norm(title: str) -> str:
    return re.sub(r"\s+", " ", title.replace("&", " and ")).strip().lower()


def match_committee(committees: list[Committee], query: str) -> list[Committee]:
    """The committees `query` names (one title, maybe several ids)."""
    wanted = _norm(query)
    if wanted.isdigit():
        return [c for c in committees if c.id == wanted] or [Committee(wanted, "")]
    exact = [c for c in committees if _norm(c.title) == wanted]
    if exact:
        return exact
    partial = [c for c in committees if wanted in _norm(c.title)]
    if len({_norm(c.title) for c in partial}) == 1:
        return partial
    if partial:
        raise CommitteeAmbiguous(query, "the name matches several committees: "
                                 + "; ".join(c.describe() for c in partial)
                                 + ". Give the whole title or the id")
    near = process.extract(query, {c.id: c.title for c in committees}, scorer=fuzz.token_set_ratio,
                           limit=SUGGESTIONS, score_cutoff=SUGGEST_SCORE)
    hint = "; did you mean: " + "; ".join(
        next(c for c in committees if c.id == key).describe() for _title, _score, key in near) if near else ""
    raise CommitteeNotFound(query, f"no committee of the site ({len(committees)} listed) has this title{hint}")


def successors(committees: list[Committee], matched: list[Committee]) -> list[Committee]:
    """Current committees whose titles are near an expired match's: where a renamed
    committee's meetings may have gone on."""
    if not matched or not all(c.expired or c.deleted for c in matched):
        return []
    current = {c.id: c.title for c in committees if not (c.expired or c.deleted) and c not in matched}
    near = process.extract(matched[0].title, current, scorer=fuzz.token_set_ratio, limit=SUGGESTIONS,
                           score_cutoff=SUGGEST_SCORE)
    return [next(c for c in committees if c.id == key) for _title, _score, key in near]
