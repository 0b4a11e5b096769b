"""Every data file under models/ loads and is valid: ids unique, patterns compile."""
from __future__ import annotations

import json
import re

from papermine.model.data import load_lines, models_dir


def _jsonl_files():
    return sorted(models_dir().glob("*.jsonl"))


#: Data files of another shape than {"id", "label", "pattern"}: the keys every row has.
OTHER_SHAPES = {"public_bodies.jsonl": {"id", "label", "canonical", "names", "acronyms"},
                "name_breaks.jsonl": {"id", "label", "words"}}


def test_every_jsonl_pattern_file_is_valid():
    assert _jsonl_files()
    for path in _jsonl_files():
        ids = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("//"):      # "//" lines are comments
                continue
            row = json.loads(line)
            assert OTHER_SHAPES.get(path.name, {"id", "label", "pattern"}) <= set(row), f"{path.name}:{number}"
            ids.append(row["id"])
            if isinstance(row.get("pattern"), str):
                re.compile(row["pattern"])
        assert len(ids) == len(set(ids)), f"duplicate ids in {path.name}"


def test_word_lists_load():
    assert "multi" in load_lines("hyphen_prefixes.txt")
    assert "Priority" in load_lines("item_labels.txt")


def test_public_bodies_have_years_in_order_and_one_canonical_each():
    from papermine.model.data import load_jsonl
    canonicals = [row["canonical"] for row in load_jsonl("public_bodies.jsonl")]
    assert len(canonicals) == len(set(canonicals))
    for row in load_jsonl("public_bodies.jsonl"):
        if row.get("from") and row.get("to"):
            assert row["from"] <= row["to"], row["id"]
    names = {row["canonical"]: row for row in load_jsonl("public_bodies.jsonl")}
    assert names["Clinical Commissioning Group"]["to"] == 2022 and names["Integrated Care Board"]["from"] == 2022
    assert names["Primary Care Trust"]["to"] == 2013
