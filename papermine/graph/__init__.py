"""The governance graph: bodies and agencies (nodes) and the relations between
them (edges), over time, built from the store (`build`), its file formats
(`formats`) and a picture.
"""
from __future__ import annotations

import networkx as nx

from .build import GRAPH_NAME, edge_key, node_id, to_graph
from .formats import (read_gexf, read_graphml, read_json, write_csv, write_gexf, write_graphml,
                      write_json)

__all__ = ["to_graph", "node_id", "edge_key", "write_graphml", "write_gexf", "write_json", "write_csv",
           "write_picture", "read_graphml", "read_gexf", "read_json", "WRITERS", "GRAPH_NAME"]


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
