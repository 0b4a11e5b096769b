"""The governance graph: bodies and agencies (nodes) and the relations between
them (edges), over time, built from the store, and its export formats.

Nodes are keyed by council and canonical name (Durham's "Corporate Parenting
Panel" is not Middlesbrough's). Each edge is one (source, relation, target,
frequency) held across papers, with the dates it was first and last seen and
the evidence (document, page, paragraph) for every paper that states it.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

__all__ = ["to_graph", "node_id", "write_graphml", "write_gexf", "write_json", "write_csv",
           "write_picture", "read_graphml", "read_json", "WRITERS"]

#: Attributes that are lists in the graph but must be text in GraphML/GEXF.
_LIST_ATTRS = ("evidence", "documents")


def node_id(council: str | None, name: str) -> str:
    return f"{council or 'unknown'}::{name}"


def _date(row) -> str:
    return row["date"] or (f"{row['year']}-12-31" if row["year"] else "")


def to_graph(store, council: str | None = None) -> nx.MultiDiGraph:
    """A temporal MultiDiGraph of bodies, agencies and their relations."""
    graph = nx.MultiDiGraph(name="papermine governance graph")
    for row in store.rows("agencies", council):
        key = node_id(row["council"], row["canonical"])
        when = _date(row)
        if key not in graph:
            graph.add_node(key, label=row["canonical"], kind=row["kind"], council=row["council"] or "",
                           first_seen=when, last_seen=when, documents=[])
        node = graph.nodes[key]
        node["first_seen"] = min(filter(None, [node["first_seen"], when]), default="")
        node["last_seen"] = max(node["last_seen"], when)
        if row["doc_id"] not in node["documents"]:
            node["documents"].append(row["doc_id"])
    for row in store.rows("relations", council):
        source, target = node_id(row["council"], row["source"]), node_id(row["council"], row["target"])
        for key, name in ((source, row["source"]), (target, row["target"])):
            if key not in graph:       # a role ("Head of Commissioning") named only as a chair
                graph.add_node(key, label=name, kind="role", council=row["council"] or "",
                               first_seen=_date(row), last_seen=_date(row), documents=[row["doc_id"]])
        edge_key = f"{row['relation']}|{row['frequency'] or ''}"
        when = _date(row)
        evidence = {"doc": row["doc_id"], "date": row["date"], "page": row["page"],
                    "paragraph": row["paragraph"], "sentence": row["sentence"]}
        if graph.has_edge(source, target, edge_key):
            edge = graph.edges[source, target, edge_key]
            edge["first_seen"] = min(filter(None, [edge["first_seen"], when]), default="")
            edge["last_seen"] = max(edge["last_seen"], when)
            edge["evidence"].append(evidence)
            if row["doc_id"] not in edge["documents"]:
                edge["documents"].append(row["doc_id"])
        else:
            graph.add_edge(source, target, key=edge_key, relation=row["relation"],
                           frequency=row["frequency"] or "", modality=row["modality"] or "",
                           council=row["council"] or "", first_seen=when, last_seen=when,
                           evidence=[evidence], documents=[row["doc_id"]])
    for _, _, data in graph.edges(data=True):
        data["papers"] = len(data["documents"])
    return graph


def _attribute_dicts(graph: nx.MultiDiGraph):
    """Every node's and edge's attribute dict."""
    yield from (data for _, data in graph.nodes(data=True))
    yield from (data for _, _, data in graph.edges(data=True))


def _convert_lists(graph: nx.MultiDiGraph, convert) -> nx.MultiDiGraph:
    for data in _attribute_dicts(graph):
        for name in _LIST_ATTRS:
            if name in data:
                data[name] = convert(data[name])
    return graph


def _flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose list attributes are JSON text (GraphML/GEXF take scalars only)."""
    return _convert_lists(graph.copy(), lambda value: json.dumps(value, ensure_ascii=False))


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_graphml(_flat(graph), path)


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    return _convert_lists(nx.read_graphml(path, force_multigraph=True), json.loads)


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """GEXF with time intervals (start/end) so Gephi's timeline can play it."""
    flat = _flat(graph)
    for data in _attribute_dicts(flat):
        if data.get("first_seen"):                 # an undated paper gives no interval
            data["start"], data["end"] = data["first_seen"], data["last_seen"]
    for _, _, data in flat.edges(data=True):
        data["label"] = f"{data['relation']} {data['frequency']}".strip()
    nx.write_gexf(flat, path, version="1.2draft")


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> None:
    data = nx.node_link_data(graph, edges="edges")
    Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def read_json(path: str | Path) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.loads(Path(path).read_text(encoding="utf-8")), edges="edges")


def write_csv(graph: nx.MultiDiGraph, path: str | Path) -> list[Path]:
    """An edge list at `path` and a node file beside it (`*.nodes.csv`)."""
    path = Path(path)
    nodes_path = path.with_name(path.stem + ".nodes.csv")
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "target", "relation", "frequency", "modality", "council",
                         "first_seen", "last_seen", "papers", "evidence"])
        for u, v, data in graph.edges(data=True):
            refs = "; ".join(f"{e['doc']} p{e['page'] or '-'} ¶{e['paragraph'] or '-'}" for e in data["evidence"])
            writer.writerow([u, v, data["relation"], data["frequency"], data["modality"], data["council"],
                             data["first_seen"], data["last_seen"], data["papers"], refs])
    with nodes_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "label", "kind", "council", "first_seen", "last_seen", "papers"])
        for node, data in graph.nodes(data=True):
            writer.writerow([node, data["label"], data["kind"], data["council"], data["first_seen"],
                             data["last_seen"], len(data["documents"])])
    return [path, nodes_path]


#: Node colours by kind, for the picture.
KIND_COLOURS = {"partnership": "#1f77b4", "subgroup": "#9467bd", "council body": "#2ca02c",
                "health": "#d62728", "police": "#17becf", "justice": "#8c564b", "education": "#ff7f0e",
                "housing": "#bcbd22", "voluntary": "#e377c2", "national body": "#7f7f7f",
                "role": "#c7c7c7", "other": "#aec7e8"}
EDGE_STYLES = {"reports_to": "solid", "member_of": "dotted", "subgroup_of": "dashed",
               "meets_with": "dashdot", "feeds_into": "solid", "chaired_by": "dotted", "meets": "solid"}


def write_picture(graph: nx.MultiDiGraph, path, fmt: str | None = None) -> None:
    """An SVG or PNG picture (matplotlib, networkx's spring layout); `path` may
    be a file object, with `fmt` naming the format."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    shown = nx.MultiDiGraph((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if u != v)
    shown.add_nodes_from((n, graph.nodes[n]) for n in graph.nodes if graph.degree(n) > 0)
    size = max(8.0, min(30.0, 2.5 * len(shown) ** 0.5))
    fig, ax = plt.subplots(figsize=(size, size * 0.75))
    pos = nx.spring_layout(shown, seed=7, k=1.6 / max(1, len(shown)) ** 0.5)
    colours = [KIND_COLOURS.get(shown.nodes[n].get("kind"), "#aec7e8") for n in shown]
    nx.draw_networkx_nodes(shown, pos, node_color=colours, node_size=500, alpha=0.9, ax=ax)
    for relation, style in EDGE_STYLES.items():
        edges = [(u, v) for u, v, d in shown.edges(data=True) if d["relation"] == relation]
        if edges:
            nx.draw_networkx_edges(shown, pos, edgelist=edges, style=style, arrows=True,
                                   arrowsize=12, alpha=0.6, ax=ax, node_size=500)
    labels = {n: shown.nodes[n].get("label", n) for n in shown}
    nx.draw_networkx_labels(shown, pos, labels=labels, font_size=8, ax=ax)
    edge_labels = {(u, v): d["frequency"] for u, v, d in shown.edges(data=True)
                   if d["relation"] == "reports_to" and d["frequency"] not in ("", "unknown")}
    nx.draw_networkx_edge_labels(shown, pos, edge_labels=edge_labels, font_size=7, ax=ax)
    legend = [Line2D([0], [0], linestyle=style, color="black", label=rel) for rel, style in EDGE_STYLES.items()
              if any(d["relation"] == rel for _, _, d in shown.edges(data=True))]
    legend += [Line2D([0], [0], marker="o", linestyle="", color=colour, label=kind)
               for kind, colour in KIND_COLOURS.items() if any(shown.nodes[n].get("kind") == kind for n in shown)]
    ax.legend(handles=legend, loc="lower left", fontsize=8, frameon=False)
    ax.set_title("papermine governance graph")
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, format=fmt)
    plt.close(fig)


#: format name -> writer(graph, path)
WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "json": write_json, "csv": write_csv,
           "svg": write_picture, "png": write_picture}
