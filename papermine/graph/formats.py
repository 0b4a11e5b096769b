"""The governance graph's file formats, each a thin wrapper over networkx's
reader or writer, each read back to the same graph (`read_*`).

- GraphML (R/igraph, Cytoscape, yEd): every edge has a unique id (`e0`, `e1`
  ...); list attributes (evidence, documents, names, spells) are JSON text.
- GEXF 1.2 (Gephi): valid against the official schema (no `graph@name`, no
  `networkx_key`); a `<spells>` element for every period a node or edge was
  seen, so Gephi's timeline shows a body seen in 2018 and again in 2024 as
  absent between; list attributes are JSON text.
- node-link JSON (networkx, d3, pandas): as networkx writes it (`edges` key).
- CSV: an edge list and a `.nodes.csv` beside it.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from .build import edge_key

__all__ = ["write_graphml", "read_graphml", "write_gexf", "read_gexf", "write_json", "read_json",
           "write_csv", "GEXF_VERSION"]

#: The GEXF version written (namespace http://www.gexf.net/1.2draft, version="1.2").
GEXF_VERSION = "1.2draft"
#: Attributes that are lists in the graph, JSON text in GraphML and GEXF.
_LIST_ATTRS = ("evidence", "documents", "names", "spells")


def _flat(data: dict, keep: tuple[str, ...] = ()) -> dict:
    """A copy of an attribute dict whose lists are JSON text (but those in `keep`)."""
    return {k: (json.dumps(v, ensure_ascii=False) if k in _LIST_ATTRS and k not in keep else v)
            for k, v in data.items()}


def _unflat(data: dict) -> dict:
    out = dict(data)
    for name in _LIST_ATTRS:
        if isinstance(out.get(name), str):
            out[name] = json.loads(out[name])
    if "spells" in out:
        out["spells"] = [tuple(spell) for spell in out["spells"]]
    return out


def _export_copy(graph: nx.MultiDiGraph, keep: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    """A copy with JSON-text list attributes and an edge key unique in the whole
    graph (`e0`, `e1`, ...): GraphML and GEXF readers (Gephi, igraph) take an
    edge id only once, while networkx keys are unique per pair of nodes."""
    out = nx.MultiDiGraph(**graph.graph)
    out.add_nodes_from((n, _flat(d, keep)) for n, d in graph.nodes(data=True))
    for index, (u, v, d) in enumerate(graph.edges(data=True)):
        out.add_edge(u, v, key=f"e{index}", **_flat(d, keep))
    return out


def _imported(read: nx.MultiDiGraph, drop: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    """A read graph back in papermine's shape: lists restored, edges keyed by
    relation and frequency."""
    out = nx.MultiDiGraph(**{k: v for k, v in read.graph.items() if k not in ("node_default", "edge_default")})
    for n, d in read.nodes(data=True):
        out.add_node(n, **_unflat({k: v for k, v in d.items() if k not in drop}))
    for u, v, d in read.edges(data=True):
        data = _unflat({k: v for k, v in d.items() if k not in drop})
        out.add_edge(u, v, key=edge_key(data["relation"], data["frequency"]), **data)
    return out


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_graphml(_export_copy(graph), path)


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    return _imported(nx.read_graphml(path, force_multigraph=True))


class _GEXF12Writer(GEXFWriter):
    """networkx's GEXF writer, kept to the GEXF 1.2 schema: the schema has no
    `graph@name`, and the multigraph key (`networkx_key`) is networkx's own."""

    def add_graph(self, G):
        super().add_graph(G)
        self.graph_element.attrib.pop("name", None)

    def add_attributes(self, node_or_edge, xml_obj, data, default):
        data = {k: v for k, v in data.items() if k != "key"}
        return super().add_attributes(node_or_edge, xml_obj, data, default)


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """GEXF 1.2 with a spell for every period each node and edge was seen."""
    out = _export_copy(graph, keep=("spells",))
    for _u, _v, key, data in out.edges(keys=True, data=True):
        data["id"] = key
        data["label"] = f"{data['relation']} {data['frequency']}".strip()
    for _, data in out.nodes(data=True):
        if not data.get("spells"):
            data.pop("spells", None)          # never seen at a known time: no spells element
    for _, _, data in out.edges(data=True):
        if not data.get("spells"):
            data.pop("spells", None)
    writer = _GEXF12Writer(encoding="utf-8", prettyprint=True, version=GEXF_VERSION)
    writer.add_graph(out)
    with open(path, "wb") as fh:
        writer.write(fh)


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    read = nx.read_gexf(path, version=GEXF_VERSION)
    read = read if read.is_multigraph() else nx.MultiDiGraph(read)
    for _, data in read.nodes(data=True):
        data.setdefault("spells", [])
    for _, _, data in read.edges(data=True):
        data.setdefault("spells", [])
        data.pop("label", None)              # written from relation and frequency
    return _imported(read, drop=("id",))


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> None:
    data = nx.node_link_data(graph, edges="edges")
    Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def read_json(path: str | Path) -> nx.MultiDiGraph:
    read = nx.node_link_graph(json.loads(Path(path).read_text(encoding="utf-8")), edges="edges")
    return _imported(read)


def _spells_text(spells) -> str:
    return "; ".join(f"{start}..{end}" for start, end in spells)


def write_csv(graph: nx.MultiDiGraph, path: str | Path) -> list[Path]:
    """An edge list at `path` and a node file beside it (`*.nodes.csv`)."""
    path = Path(path)
    nodes_path = path.with_name(path.stem + ".nodes.csv")
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "target", "relation", "frequency", "modality", "council",
                         "first_seen", "last_seen", "spells", "papers", "evidence"])
        for u, v, data in graph.edges(data=True):
            refs = "; ".join(f"{e['doc']} p{e['page'] or '-'} ¶{e['paragraph'] or '-'}" for e in data["evidence"])
            writer.writerow([u, v, data["relation"], data["frequency"], data["modality"], data["council"],
                             data["first_seen"], data["last_seen"], _spells_text(data["spells"]),
                             data["papers"], refs])
    with nodes_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "label", "kind", "council", "first_seen", "last_seen", "spells", "papers",
                         "names"])
        for node, data in graph.nodes(data=True):
            names = "; ".join(f"{n['name']} ({n['first']}..{n['last']})" for n in data["names"])
            writer.writerow([node, data["label"], data["kind"], data["council"], data["first_seen"],
                             data["last_seen"], _spells_text(data["spells"]), len(data["documents"]), names])
    return [path, nodes_path]
