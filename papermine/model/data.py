"""Where papermine's data files (patterns, gazetteers, taxonomies) live, and how
to read them. They are data, not code: see the `models/` folder."""
from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from pathlib import Path

__all__ = ["models_dir", "load_jsonl", "load_json", "load_lines"]


@lru_cache(maxsize=1)
def models_dir() -> Path:
    """`$PAPERMINE_MODELS`, else the `models/` folder of the source checkout,
    else the copy a regular install puts under `<prefix>/share/papermine/models`."""
    env = os.environ.get("PAPERMINE_MODELS")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[2] / "models"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "papermine" / "models"


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[dict, ...]:
    path = models_dir() / name
    with path.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip() and not line.startswith("//"))


@lru_cache(maxsize=None)
def load_json(name: str):
    with (models_dir() / name).open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """A word list: one entry a line, `#` comments and blank lines skipped."""
    with (models_dir() / name).open(encoding="utf-8") as fh:
        return tuple(line.strip() for line in fh if line.strip() and not line.startswith("#"))
