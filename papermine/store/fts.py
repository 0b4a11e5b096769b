"""User text to an FTS5 query.

A person types `multi-agency`, `18-25`, `care leavers` or `"corporate parenting"`;
FTS5 would read `-` as a column filter and `AND`/`OR`/`NOT`/`NEAR` as
operators. By default every word becomes a quoted FTS5 string (so `multi-agency`
is the phrase "multi agency"), a "quoted phrase" stays one phrase, a trailing
`*` keeps its prefix meaning, and the words are ANDed. Raw FTS5 syntax is for
those who ask for it (`papermine search --fts`).
"""
from __future__ import annotations

import re

from ..errors import QuerySyntaxError

__all__ = ["to_fts5", "fts5_string"]

#: A "quoted phrase" (closing quote optional), or a run of non-space characters.
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
#: Something the unicode61 tokenizer indexes: a letter or a digit.
_INDEXED = re.compile(r"\w", re.UNICODE)


def fts5_string(text: str) -> str:
    """`text` as one FTS5 string (a phrase of its tokens)."""
    return '"' + text.replace('"', '""') + '"'


def to_fts5(text: str) -> str:
    """The FTS5 query for what a person typed: every term or phrase quoted, ANDed."""
    parts = []
    for match in _TOKEN.finditer(text):
        phrase, word = match.groups()
        if phrase is not None:
            if _INDEXED.search(phrase):
                parts.append(fts5_string(phrase.strip()))
            continue
        prefix = len(word) > 1 and word.endswith("*")
        core = word.rstrip("*")
        if _INDEXED.search(core):
            parts.append(fts5_string(core) + ("*" if prefix else ""))
    if not parts:
        raise QuerySyntaxError(None, f"nothing to search for in {text!r} (no words or numbers)")
    return " ".join(parts)
