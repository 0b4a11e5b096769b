"""The governance graph from the store, and its exports read back."""
from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from papermine.graph import node_id, read_graphml, read_json, to_graph, write_csv, write_gexf, \
    write_graphml, write_json, write_picture
from papermine.store import open_store

DURHAM = "Durham County Council"
CLASP = node_id(DURHAM, "Children Looked After Strategic Partnership")
CPP = node_id(DURHAM, "Corporate Parenting Panel")


@pytest.fixture(scope="module")
def graph(sample_db):
    with open_store(sample_db) as store:
        return to_graph(store)


def test_edges_carry_time_and_evidence(graph):
    edges = {k: d for _, _, k, d in graph.edges(CLASP, keys=True, data=True) if _ == CLASP}
    quarterly = graph.edges[CLASP, CPP, "reports_to|quarterly"]
    six = graph.edges[CLASP, CPP, "reports_to|six-monthly"]
    # the partnership renamed after 2018 is one node, so its 2018 line is this line; the 2022
    # annual report prints no date: it counts as 2022, the year of its period
    assert (quarterly["first_seen"], quarterly["last_seen"]) == ("2018-11-30", "2022")
    assert six["first_seen"] == six["last_seen"] == "2024-01-26"
    assert [n["name"] for n in graph.nodes[CLASP]["names"]] == [
        "Looked After Children Strategic Partnership", "Children Looked After Strategic Partnership"]
    assert [e["paragraph"] for e in six["evidence"]] == ["4"]
    assert edges and graph.nodes[CLASP]["kind"] == "partnership"
    # councils are kept apart: Middlesbrough's bodies are other nodes
    assert node_id("Middlesbrough Council", "Children's Trust") in graph
    assert not graph.has_edge(node_id("Middlesbrough Council", "Police"), CLASP)


def _signature(g):
    nodes = {n: (d["label"], d["kind"], d["first_seen"], d["last_seen"]) for n, d in g.nodes(data=True)}
    edges = sorted((u, v, d["relation"], d["frequency"], d["first_seen"], d["last_seen"], int(d["papers"]))
                   for u, v, d in g.edges(data=True))
    return nodes, edges


def test_graphml_round_trip(graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    again = read_graphml(path)
    assert _signature(again) == _signature(graph)
    some = next(d for _, _, d in again.edges(data=True))
    assert isinstance(some["evidence"], list) and some["evidence"][0]["sentence"]


def test_json_round_trip(graph, tmp_path):
    path = tmp_path / "g.json"
    write_json(graph, path)
    again = read_json(path)
    assert isinstance(again, nx.MultiDiGraph) and _signature(again) == _signature(graph)


def test_gexf_has_time_intervals(graph, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    root = ET.parse(path).getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    assert root.find("g:graph", ns).get("mode") == "dynamic"
    edges = root.findall(".//g:edge", ns)
    assert edges and all(e.find("g:spells/g:spell", ns).get("start") for e in edges)
    again = nx.read_gexf(path)
    assert again.number_of_nodes() == graph.number_of_nodes()


def test_csv_edge_list_and_nodes(graph, tmp_path):
    edges_path, nodes_path = write_csv(graph, tmp_path / "g.csv")
    with edges_path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with nodes_path.open(encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    assert len(rows) == graph.number_of_edges() and len(nodes) == graph.number_of_nodes()
    row = next(r for r in rows if r["source"] == CLASP and r["frequency"] == "six-monthly"
               and r["relation"] == "reports_to")
    assert "¶4" in row["evidence"] and row["papers"] == "1"


def test_picture(graph, tmp_path):
    path = tmp_path / "g.svg"
    write_picture(graph, path)
    text = path.read_text(encoding="utf-8")
    assert "<svg" in text and "Corporate Parenting Panel" in text
