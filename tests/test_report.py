"""The HTML report: self-contained, every citation resolves, document text escaped."""
from __future__ import annotations

import json
import re
import shutil

import networkx as nx

import pytest
from click.testing import CliRunner

from papermine.cli import cli
from papermine.report import SCRIPTS, build_report
from papermine.graph.layout import layout
from papermine.store import ingest, open_store

from conftest import CORPUS

HOSTILE = """Corporate Parenting Panel

12 March 2023

Partnership <script>alert('x')</script> Update

Report of the Head of Children's Social Care, Durham County Council

Background

1 The Children Looked After Strategic Partnership will report quarterly into the Corporate Parenting Panel </script><!-- & as agreed.

2 To achieve this the partnership has 2 Priority Actions as follows:

Priority 1) Improve placement stability <img src=x onerror=alert(1)> for our children.

Priority 2) Develop the local offer for care leavers.
"""


def test_report_on_the_samples(sample_db, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "-o", str(out), "--db", str(sample_db)], catch_exceptions=False)
    assert result.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Durham County Council: 2018-11-30 to 2024-01-26 (4 papers)" in html
    assert "Meet needs of Children Looked After and Care Leavers with SEND." in html
    assert "renamed: Looked After Children Strategic Partnership &rarr; Children Looked After Strategic Partnership" in html
    # self-contained: the graph library is inline, nothing is fetched
    assert not re.search(r'<link\b|<script[^>]*\bsrc=|(src|href)="(https?:)?//', html)
    assert "The Cytoscape Consortium" in html and "cytoscape" in SCRIPTS[0]
    data = json.loads(re.search(r'<script type="application/json" id="papermine-graphs">(.*?)</script>',
                                html, re.S).group(1))
    durham = data["councils"][0]
    assert {"Children Looked After Strategic Partnership", "Corporate Parenting Panel"} <= \
        {n["label"] for n in durham["nodes"]}
    assert durham["years"] == [2018, 2021, 2022, 2024]
    six = next(e for e in durham["edges"] if e["label"] == "reports to, six-monthly")
    assert six["years"] == [2024] and [data["evidence"][i]["paragraph"] for i in six["ev"]] == ["4"]
    assert '<svg viewBox="0 0 ' in html                                      # the print picture
    targets = set(re.findall(r'href="#([^"]+)"', html)) | {e["anchor"] for e in data["evidence"]}
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert targets and targets <= ids                                        # every citation resolves


def test_document_text_is_escaped(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    shutil.copy(CORPUS / "durham/2024-01-26_corporate-parenting-panel_clasp-update.txt", folder / "later.txt")
    with open_store(tmp_path / "t.db") as store:
        assert ingest(store, [folder], workers=1).count("failed") == 0
        with store.conn:       # line separators, which end a JavaScript string, as a stored sentence may hold
            store.conn.execute("UPDATE relations SET sentence = sentence || ' \u2028 \u2029'")
        html = build_report(store)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    data = re.search(r'<script type="application/json" id="papermine-graphs">(.*?)</script>', html, re.S).group(1)
    assert not set("<>&\u2028\u2029") & set(data)                          # nothing in the JSON can end the script
    sentences = [e["sentence"] for e in json.loads(data)["evidence"]]
    assert any("Panel </script><!-- & as agreed. \u2028 \u2029" in s for s in sentences)  # and reads back intact


def test_large_graphs_get_a_cheap_layout(monkeypatch):
    """A council graph too big for the spring layout (O(n^2) per iteration) is
    laid out without it, every body at its own place inside the frame."""
    graph = nx.barabasi_albert_graph(3000, 2, seed=1)
    monkeypatch.setattr(nx, "spring_layout", lambda *a, **k: pytest.fail("spring layout on a large graph"))
    pos, height = layout(list(graph) + ["alone"], list(graph.edges))
    assert len(set(pos.values())) == len(pos) == 3001
    assert all(0 <= x <= 960 and 0 <= y <= height for x, y in pos.values())
    assert pos["alone"][1] > max(y for n, (x, y) in pos.items() if n != "alone")   # unconnected below
