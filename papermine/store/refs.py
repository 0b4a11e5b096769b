"""Short, human ids for stored papers, and papers named in words.

A stored paper's id (`durham_2024-01-26_children-looked-after-strategic-partners_58042605`)
is stable but long. Its short id is the council part of the id and the meeting
date, or the year of the period it covers when no date is printed
(`durham/2024-01-26`, `durham/2022`), with as many title words as it takes to
tell apart papers of one council and day (`durham/2024-01-26/clasp`).
A person may also name a paper by words: council, date or year, words of its
title (`durham 2022 annual report`); every word must fit the paper.
"""
from __future__ import annotations

import re

from ..model import slugify
from ..model.data import load_lines

__all__ = ["make_short_ids", "match_reference", "when", "fits", "doc_words", "DATE_TOKEN"]

#: A date or a year written in a reference: 2024-01-26, 2024-01, 2024.
DATE_TOKEN = re.compile(r"^(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?$")
_TOKENS = re.compile(r"(?:19|20)\d\d-\d\d-\d\d|(?:19|20)\d\d-\d\d(?!\d)|[^\W_]+", re.UNICODE)
#: A word of a reference matches the start of a word of the paper when it is at
#: least this long ("strateg" for "strategic"); shorter words must be whole.
PREFIX_MIN = 4


def when(date: str | None, year: int | None) -> str:
    """How a paper's time is written everywhere: its date, else the year of the
    period it covers, else `undated`."""
    return date or (str(year) if year else "undated")


def _council_part(doc_id: str) -> str:
    return doc_id.split("_", 1)[0]


def make_short_ids(docs: list[dict]) -> dict[str, str]:
    """doc id -> short id, unique among `docs` (dicts with id, date, year, title)."""
    groups: dict[str, list[dict]] = {}
    for doc in docs:
        groups.setdefault(f"{_council_part(doc['id'])}/{when(doc['date'], doc['year'])}", []).append(doc)
    short: dict[str, str] = {}
    for base, members in groups.items():
        if len(members) == 1:
            short[members[0]["id"]] = base
            continue
        words = {d["id"]: slugify(d["title"], 200).split("-") if d["title"] else [] for d in members}
        longest = max(len(w) for w in words.values())
        for count in range(1, longest + 1):
            names = {i: "-".join(w[:count]) for i, w in words.items()}
            if len(set(names.values())) == len(names) and all(names.values()):
                break
        else:       # same titles: the content hash at the end of the id tells them apart
            names = {i: "-".join(filter(None, ["-".join(w[:3]), i.rsplit("_", 1)[-1]]))
                     for i, w in words.items()}
        for doc_id, name in names.items():
            short[doc_id] = f"{base}/{name}"
    return short


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"[^\W_]+", (text or "").lower()))


def doc_words(doc: dict) -> set[str]:
    """The words a person may name a paper by: council, committee, title, id."""
    return (_words(doc.get("council")) | _words(doc.get("committee")) | _words(doc.get("title"))
            | _words(doc["id"].rsplit("_", 1)[0].replace("-", " ")))


def fits(token: str, doc: dict, words: set[str] | None = None) -> bool:
    """Does one word of a reference (a word, a date, a year) fit this paper?"""
    words = doc_words(doc) if words is None else words
    if DATE_TOKEN.match(token):
        date = doc.get("date") or ""
        if len(token) == 4:
            return token == (date[:4] or str(doc.get("year") or ""))
        return bool(date) and date.startswith(token)
    if token in words:
        return True
    return len(token) >= PREFIX_MIN and any(w.startswith(token) for w in words)


def match_reference(ref: str, docs: list[dict]) -> list[str]:
    """Ids of the papers that every word of `ref` fits (council, committee,
    title or id words; a date or year)."""
    fillers = set(load_lines("reference_fillers.txt"))
    tokens = [t for t in _TOKENS.findall(ref.lower()) if t not in fillers]
    if not tokens:
        return []
    found = []
    for doc in docs:
        words = doc_words(doc)
        if all(fits(t, doc, words) for t in tokens):
            found.append(doc["id"])
    return found
