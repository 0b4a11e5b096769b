"""The graph exports load where researchers work: GEXF valid against the
official GEXF 1.2 schema (with spells), GraphML with unique edge ids read by
python-igraph, node-link JSON and CSV; a made three-paper timeline (one body
renamed, an agency that leaves and comes back, a paper known only by its year)
round-trips through every format with the same nodes, edges and dates."""
from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import pytest

from papermine.graph import (edge_key, node_id, read_gexf, read_graphml, read_json, to_graph, write_csv,
                             write_gexf, write_graphml, write_json)
from papermine.model import (Agency, Document, Evidence, Meta, Paragraph, ReportingLine, Section, Tags,
                             make_doc_id)
from papermine.store import open_store


COUNCIL = "Testshire County Council"
OLD, NEW = "Looked After Children Strategic Partnership", "Children Looked After Strategic Partnership"
PANEL = "Corporate Parenting Panel"
#: (date, period, partnership's name, reporting frequency, agencies named)
PAPERS = [("2018-03-01", None, OLD, "quarterly", ["Police", "Health"]),
          (None, "April 2019 to March 2020", NEW, "quarterly", ["Health"]),
          ("2022-06-10", None, NEW, "six-monthly", ["Police", "Health"])]


def _paper(date, period, body, frequency, partners):
    sentence = f"The {body} reports {frequency} to the {PANEL}."
    doc_id = make_doc_id(COUNCIL, date, f"{body} update", (date or period).replace(" ", "") * 8)
    meta = Meta(council=COUNCIL, committee=PANEL, date=date, title=f"{body} update", period=period,
                source=f"/made/{doc_id}.txt", sha256=doc_id)
    doc = Document(id=doc_id, meta=meta, sections=[Section(heading="Governance", kind="governance", index=0)],
                   paragraphs=[Paragraph(number="1", text=sentence, section=0, page=1)])

    def ev(text):
        return Evidence(doc=doc_id, page=1, paragraph="1", sentence=text)
    agencies = [Agency(name=body, canonical=body, kind="partnership", evidence=[ev(sentence)]),
                Agency(name=PANEL, canonical=PANEL, kind="council body", evidence=[ev(sentence)])]
    agencies += [Agency(name=a, canonical=a, kind="police" if a == "Police" else "health",
                        evidence=[ev(f"{a} attends.")]) for a in partners]
    lines = [ReportingLine(body, PANEL, "reports_to", frequency, ev(sentence), modality="does")]
    lines += [ReportingLine(a, body, "member_of", "", ev(f"{a} attends.")) for a in partners]
    return doc, Tags(doc=doc_id, agencies=agencies, reporting_lines=lines)


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    path = tmp_path_factory.mktemp("timeline") / "made.db"
    with open_store(path) as store:
        for paper in PAPERS:
            store.save(*_paper(*paper))
        return to_graph(store)


def test_the_made_timeline_as_a_graph(timeline):
    body, police = node_id(COUNCIL, NEW), node_id(COUNCIL, "Police")
    assert node_id(COUNCIL, OLD) not in timeline                 # the rename is one node
    assert timeline.nodes[body]["label"] == NEW
    assert timeline.nodes[body]["names"] == [{"name": OLD, "first": "2018-03-01", "last": "2018-03-01"},
                                             {"name": NEW, "first": "2020", "last": "2022-06-10"}]
    # the police left in the 2020 paper and came back: two spells, not one
    assert timeline.nodes[police]["spells"] == [("2018-03-01", "2018-03-01"), ("2022-06-10", "2022-06-10")]
    quarterly = timeline.edges[body, node_id(COUNCIL, PANEL), edge_key("reports_to", "quarterly")]
    # the paper with no printed date counts in the year of its period, as a whole year
    assert (quarterly["first_seen"], quarterly["last_seen"]) == ("2018-03-01", "2020")
    assert quarterly["spells"] == [("2018-03-01", "2020-12-31")] and quarterly["papers"] == 2
    assert not any("12-31" in str(d["first_seen"]) + str(d["last_seen"])
                   for _, _, d in timeline.edges(data=True))


def _signature(g):
    nodes = {n: (d["label"], d["kind"], d["first_seen"], d["last_seen"], tuple(d["spells"]),
                 json.dumps(d["names"]), tuple(d["documents"])) for n, d in g.nodes(data=True)}
    edges = sorted((u, v, k, d["relation"], d["frequency"], d["first_seen"], d["last_seen"], int(d["papers"]),
                    tuple(d["spells"]), len(d["evidence"])) for u, v, k, d in g.edges(keys=True, data=True))
    return nodes, edges


@pytest.mark.parametrize("write, read", [(write_graphml, read_graphml), (write_gexf, read_gexf),
                                         (write_json, read_json)], ids=["graphml", "gexf", "json"])
def test_round_trip(timeline, tmp_path, write, read):
    path = tmp_path / "g.out"
    write(timeline, path)
    assert _signature(read(path)) == _signature(timeline)


def test_csv_round_trip(timeline, tmp_path):
    edges_path, nodes_path = write_csv(timeline, tmp_path / "g.csv")
    with edges_path.open(encoding="utf-8") as fh:
        edges = {(r["source"], r["target"], r["relation"], r["frequency"], r["first_seen"], r["last_seen"],
                  r["spells"]) for r in csv.DictReader(fh)}
    with nodes_path.open(encoding="utf-8") as fh:
        nodes = {r["id"]: r for r in csv.DictReader(fh)}
    assert edges == {(u, v, d["relation"], d["frequency"], d["first_seen"], d["last_seen"],
                      "; ".join(f"{s}..{e}" for s, e in d["spells"])) for u, v, d in timeline.edges(data=True)}
    assert set(nodes) == set(timeline)
    assert nodes[node_id(COUNCIL, NEW)]["names"] == f"{OLD} (2018-03-01..2018-03-01); {NEW} (2020..2022-06-10)"


#: The official GEXF 1.2 schema, read from ../shared (not copied into the project).
GEXF_XSD = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "gexf-1.2draft" / "gexf.xsd"


def _gexf_schema():
    etree = pytest.importorskip("lxml.etree")
    if not GEXF_XSD.is_file():
        pytest.skip(f"the GEXF 1.2 schema is not at {GEXF_XSD} (../shared is absent)")
    return etree, etree.XMLSchema(etree.parse(str(GEXF_XSD)))


@pytest.mark.parametrize("which", ["timeline", "samples"])
def test_gexf_is_valid_against_the_gexf_1_2_schema(which, timeline, sample_db, tmp_path):
    etree, schema = _gexf_schema()
    if which == "samples":
        with open_store(sample_db) as store:
            graph = to_graph(store)
    else:
        graph = timeline
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    doc = etree.parse(str(path))
    assert schema.validate(doc), schema.error_log
    ns = {"g": "http://www.gexf.net/1.2draft"}
    assert doc.getroot().get("version") == "1.2"
    titles = {a.get("title") for a in doc.iterfind(".//g:attribute", ns)}
    assert "networkx_key" not in titles and not titles & {"key", "id", "label"}
    ids = [e.get("id") for e in doc.iterfind(".//g:edge", ns)]
    assert len(ids) == len(set(ids)) == graph.number_of_edges()
    spelled = doc.find(".//g:node[@id='%s']/g:spells" % node_id(COUNCIL, "Police"), ns)
    if which == "timeline":
        assert [(s.get("start"), s.get("end")) for s in spelled] == [("2018-03-01", "2018-03-01"),
                                                                     ("2022-06-10", "2022-06-10")]


def test_the_schema_check_catches_what_gephi_refuses(timeline, tmp_path):
    """The check can fail: networkx's own writer puts graph@name and networkx_key in."""
    import networkx as nx
    etree, schema = _gexf_schema()
    path = tmp_path / "plain.gexf"
    nx.write_gexf(timeline.__class__(timeline.edges(keys=True)), path)
    assert not schema.validate(etree.parse(str(path)))


def test_graphml_reads_in_igraph_with_every_edge(sample_db, tmp_path):
    ig = pytest.importorskip("igraph")
    etree = pytest.importorskip("lxml.etree")
    with open_store(sample_db) as store:
        graph = to_graph(store)
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    ids = [e.get("id") for e in etree.parse(str(path)).iterfind(".//{*}edge")]
    assert len(ids) == len(set(ids)) == graph.number_of_edges()         # Gephi drops a repeated id
    read = ig.Graph.Read_GraphML(str(path))
    assert (read.vcount(), read.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    # igraph hands back an entity in an XML attribute as a character reference
    # ("&" as "&#38;") where libxml2 leaves it so; its label attribute is decoded
    names = [html.unescape(name) for name in read.vs["id"]]
    assert names == list(graph)
    assert read.vs["label"] == [d["label"] for _, d in graph.nodes(data=True)]
    assert sorted((names[e.source], names[e.target], e["relation"], e["frequency"]) for e in read.es) == \
        sorted((u, v, d["relation"], d["frequency"]) for u, v, d in graph.edges(data=True))
