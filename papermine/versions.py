"""Versions of what papermine writes, in one place every stage can import
without loading the stage itself (the store checks them; query commands must
not pay for importing spaCy to learn a number)."""
from __future__ import annotations

__all__ = ["NLP_VERSION"]

#: Bumped whenever tagging output changes, so stored papers are re-tagged.
NLP_VERSION = "17"
