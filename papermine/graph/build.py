"""The temporal governance graph built from the store.

Nodes are bodies and agencies keyed by council and name (Durham's "Corporate
Parenting Panel" is not Middlesbrough's); a body renamed along a council's
papers is one node under its latest name, with its names over time. Each edge
is one (source, relation, target, frequency) held across papers, with the
papers' evidence (document, page, paragraph, sentence).

Time: `first_seen`/`last_seen` are written as everywhere in papermine (the
meeting date, else the year of the period covered). `spells` are the periods a
node or edge was seen: a run of the council's consecutive papers that name it
(for an edge, of those that state any relation: a paper stating none is no
evidence that a line ended). A run starts at its first paper's date and ends at
its last paper's date; a paper known only by its year covers that whole year.
"""
from __future__ import annotations

from collections import OrderedDict

import networkx as nx

from ..compare import rename_chains
from ..model import Agency, Evidence, ReportingLine, Tags

__all__ = ["to_graph", "node_id", "edge_key", "GRAPH_NAME"]

#: The graph's name (graph attribute; GEXF has no place for it).
GRAPH_NAME = "papermine governance graph"


def node_id(council: str | None, name: str) -> str:
    return f"{council or 'unknown'}::{name}"


def edge_key(relation: str, frequency: str | None) -> str:
    """The key of an edge between two nodes: one per relation and frequency."""
    return f"{relation}|{frequency or ''}"


def _when(paper: dict) -> str:
    return paper["date"] or (str(paper["year"]) if paper["year"] else "")


def _span(paper: dict) -> tuple[str, str] | None:
    """(start, end) of one paper in time: its date, or the whole of its year."""
    if paper["date"]:
        return paper["date"], paper["date"]
    if paper["year"]:
        return f"{paper['year']}-01-01", f"{paper['year']}-12-31"
    return None


def _spells(sequence: list[dict], present: set[str]) -> list[tuple[str, str]]:
    """Runs of consecutive papers in `sequence` whose id is in `present`."""
    spells, run = [], []
    for paper in sequence:
        span = _span(paper)
        if span is None:
            continue                   # neither date nor year: cannot be placed in time
        if paper["id"] in present:
            run.append(span)
            continue
        if run:
            spells.append((run[0][0], run[-1][1]))
            run = []
    if run:
        spells.append((run[0][0], run[-1][1]))
    return spells


def _paper_tags(doc_id: str, agencies: list, relations: list) -> Tags:
    return Tags(doc=doc_id,
                agencies=[Agency(name=a["name"], canonical=a["canonical"], kind=a["kind"]) for a in agencies],
                reporting_lines=[ReportingLine(source=r["source"], target=r["target"], relation=r["relation"],
                                               frequency=r["frequency"],
                                               evidence=Evidence(doc_id, r["page"], r["paragraph"], r["sentence"]))
                                 for r in relations])


def to_graph(store, council: str | None = None, since: int | None = None,
             until: int | None = None) -> nx.MultiDiGraph:
    """A temporal MultiDiGraph of bodies, agencies and their relations."""
    papers = {d["id"]: d for d in store.documents(council, since, until)}
    agencies, relations = OrderedDict(), OrderedDict()
    for row in store.rows("agencies", council, since, until):
        agencies.setdefault(row["doc_id"], []).append(row)
    for row in store.rows("relations", council, since, until):
        relations.setdefault(row["doc_id"], []).append(row)
    by_council: dict[str, list[dict]] = OrderedDict()
    for paper in papers.values():                     # in date order
        by_council.setdefault(paper["council"] or "", []).append(paper)

    graph = nx.MultiDiGraph(name=GRAPH_NAME)
    for council_name, council_papers in by_council.items():
        renamed = rename_chains([_paper_tags(p["id"], agencies.get(p["id"], []), relations.get(p["id"], []))
                                 for p in council_papers])
        _add_council(graph, council_name or None, council_papers, agencies, relations, renamed)
    return graph


def _add_council(graph, council, papers, agencies, relations, renamed) -> None:
    order = {p["id"]: i for i, p in enumerate(papers)}
    seen_in: dict[str, set[str]] = {}
    names: dict[str, "OrderedDict[str, list[str]]"] = {}    # node -> name -> doc ids

    def node(name: str, paper: dict, kind: str | None) -> str:
        key = node_id(council, renamed.get(name, name))
        if key not in graph:
            graph.add_node(key, label=renamed.get(name, name), kind=kind or "role", council=council or "")
        elif kind and graph.nodes[key]["kind"] == "role":
            graph.nodes[key]["kind"] = kind
        seen_in.setdefault(key, set()).add(paper["id"])
        names.setdefault(key, OrderedDict()).setdefault(name, []).append(paper["id"])
        return key

    edge_seen: dict[tuple, set[str]] = {}
    for paper in papers:
        for row in agencies.get(paper["id"], []):
            node(row["canonical"], paper, row["kind"])
        for row in relations.get(paper["id"], []):
            # a role ("Head of Commissioning") named only in a relation is a node of kind "role"
            source, target = node(row["source"], paper, None), node(row["target"], paper, None)
            key = edge_key(row["relation"], row["frequency"])
            evidence = {"doc": row["doc_id"], "date": row["date"], "year": row["year"], "page": row["page"],
                        "paragraph": row["paragraph"], "sentence": row["sentence"]}
            if not graph.has_edge(source, target, key):
                graph.add_edge(source, target, key=key, relation=row["relation"],
                               frequency=row["frequency"] or "", modality=row["modality"] or "",
                               council=council or "", evidence=[], documents=[])
            edge = graph.edges[source, target, key]
            edge["evidence"].append(evidence)
            if row["doc_id"] not in edge["documents"]:
                edge["documents"].append(row["doc_id"])
            edge_seen.setdefault((source, target, key), set()).add(paper["id"])

    with_tags = [p for p in papers if p["id"] in agencies or p["id"] in relations]
    with_lines = [p for p in papers if p["id"] in relations]
    for key, docs in seen_in.items():
        ordered = sorted(docs, key=order.get)
        data = graph.nodes[key]
        data.update(first_seen=_when(papers[order[ordered[0]]]), last_seen=_when(papers[order[ordered[-1]]]),
                    documents=ordered, spells=_spells(with_tags, docs),
                    names=[{"name": name, "first": _when(papers[order[ids[0]]]),
                            "last": _when(papers[order[ids[-1]]])}
                           for name, ids in sorted(names[key].items(), key=lambda kv: order[kv[1][0]])])
    for (source, target, key), docs in edge_seen.items():
        ordered = sorted(docs, key=order.get)
        data = graph.edges[source, target, key]
        data.update(first_seen=_when(papers[order[ordered[0]]]), last_seen=_when(papers[order[ordered[-1]]]),
                    papers=len(ordered), spells=_spells(with_lines, docs))
