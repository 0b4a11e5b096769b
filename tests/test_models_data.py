"""Every data file under models/ loads and is valid: ids unique, patterns compile."""
from __future__ import annotations

import json
import re

from papermine.model.data import load_lines, models_dir


def _jsonl_files():
    return sorted(models_dir().glob("*.jsonl"))


def test_every_jsonl_pattern_file_is_valid():
    assert _jsonl_files()
    for path in _jsonl_files():
        ids = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            assert {"id", "label", "pattern"} <= set(row), f"{path.name}:{number}"
            ids.append(row["id"])
            if isinstance(row["pattern"], str):
                re.compile(row["pattern"])
        assert len(ids) == len(set(ids)), f"duplicate ids in {path.name}"


def test_word_lists_load():
    assert "multi" in load_lines("hyphen_prefixes.txt")
    assert "Priority" in load_lines("item_labels.txt")
