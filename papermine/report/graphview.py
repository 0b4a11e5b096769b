"""Each council's governance graph as the report shows it: its bodies and
relations with the years they were seen and their evidence, laid out once for
both the interactive view (data embedded as JSON) and the print picture (SVG
drawn by the template).

Everything here is one pass over the graph, grouped by council, so the work
grows with the corpus and never with the square of it.
"""
from __future__ import annotations

import json
import math
import textwrap
from collections import defaultdict

from ..graph import EDGE_STYLES, KIND_COLOURS, node_id
from .evidence import anchor
from ..graph.layout import Frame, layout

__all__ = ["council_views", "relation_label"]

#: Radius of a body's circle in the print picture (px).
NODE_RADIUS = 8
#: Characters per line of a body's label in the print picture, and lines kept.
LABEL_WIDTH, LABEL_LINES = 24, 2
#: Frequencies that say nothing and are left off labels.
NO_FREQUENCY = ("", "unknown")
#: SVG dash patterns for the line styles of papermine.graph.EDGE_STYLES.
DASHES = {"solid": "", "dotted": "2 3", "dashed": "7 4", "dashdot": "7 3 2 3"}
UNKNOWN_COUNCIL = "(unknown council)"
OTHER_COLOUR = KIND_COLOURS["other"]


def relation_label(relation: str, frequency: str | None) -> str:
    """'reports to, quarterly': an edge's label in the graph."""
    words = relation.replace("_", " ")
    return f"{words}, {frequency}" if frequency not in NO_FREQUENCY and frequency else words


class _Citations:
    """Evidence cited by the graphs, each once, referred to by its index."""

    def __init__(self, docs: dict[str, dict]):
        self.docs = docs
        self.items: list[dict] = []
        self._index: dict[tuple, int] = {}

    def add(self, ev: dict) -> int:
        key = (ev["doc"], ev.get("page"), ev.get("paragraph"), ev.get("sentence"))
        if key not in self._index:
            doc = self.docs.get(ev["doc"], {})
            when = doc.get("date") or (f"{doc['year']} (year)" if doc.get("year") else "undated")
            self._index[key] = len(self.items)
            self.items.append({"doc": ev["doc"], "paper": f"{when}: {doc.get('title') or ev['doc']}",
                               "page": ev.get("page"), "paragraph": ev.get("paragraph"),
                               "sentence": ev.get("sentence") or "", "anchor": anchor(ev)})
        return self._index[key]


def _years(doc_ids, docs: dict[str, dict]) -> list[int]:
    return sorted({docs[d]["year"] for d in doc_ids if d in docs and docs[d]["year"] is not None})


def _mention_evidence(mentions) -> dict[str, list[dict]]:
    """node id -> the first mention of that agency or body in each paper."""
    out: dict[str, list[dict]] = defaultdict(list)
    for row in mentions:
        first = json.loads(row["first_mention"]) if row["first_mention"] else {}
        if first:
            out[node_id(row["council"], row["canonical"])].append({"doc": row["doc_id"], **first})
    return out


def council_views(graph, docs: list[dict], mentions, lines: list[dict]) -> tuple[list[dict], list[dict]]:
    """Per council (in name order) what the report draws of its graph, and the
    evidence the graphs cite (positions in that list are the `ev` indexes)."""
    by_id = {d["id"]: d for d in docs}
    cite = _Citations(by_id)
    papers = defaultdict(list)
    for d in docs:
        papers[d["council"] or UNKNOWN_COUNCIL].append(d)
    nodes, edges, table = defaultdict(list), defaultdict(list), defaultdict(list)
    for node, data in graph.nodes(data=True):
        nodes[data.get("council") or UNKNOWN_COUNCIL].append(node)
    for u, v, data in graph.edges(data=True):
        edges[graph.nodes[u].get("council") or UNKNOWN_COUNCIL].append((u, v, data))
    for line in lines:
        table[line["council"] or UNKNOWN_COUNCIL].append(line)
    mentioned = _mention_evidence(mentions)
    views = []
    for council in sorted(set(papers) | set(nodes)):
        views.append(_view(council, len(views), graph, nodes[council], edges[council], papers[council],
                           table[council], mentioned, by_id, cite))
    return views, cite.items


def _names_by_year(names: list[dict]) -> list[list]:
    """A renamed body's names with the years each was used: [[name, first, last], ...]
    (empty for a body with one name), so a year's view shows the name it had then."""
    spans = [[n["name"], _year_of(n.get("first")), _year_of(n.get("last"))] for n in names]
    return spans if len(spans) > 1 else []


def _year_of(when) -> int | None:
    return int(str(when)[:4]) if when and str(when)[:4].isdigit() else None


def _view(council, number, graph, nodes, edges, papers, lines, mentioned, docs, cite) -> dict:
    ids = {node: f"n{i}" for i, node in enumerate(nodes)}
    pos, height = layout(nodes, [(u, v) for u, v, _ in edges])
    edge_evidence: dict[str, list[int]] = defaultdict(list)
    data_edges = []
    for i, (u, v, data) in enumerate(edges):
        evidence = [cite.add(ev) for ev in data.get("evidence", [])]
        for end in (u, v):
            edge_evidence[end] += evidence
        years = _years({ev["doc"] for ev in data.get("evidence", [])}, docs)
        data_edges.append({"id": f"e{i}", "source": ids[u], "target": ids[v], "relation": data["relation"],
                           "frequency": data.get("frequency") or "",
                           "label": relation_label(data["relation"], data.get("frequency")),
                           "style": EDGE_STYLES.get(data["relation"], "solid"), "years": years,
                           "first": years[0] if years else None, "last": years[-1] if years else None,
                           "ev": evidence})
    data_nodes = []
    for node in nodes:
        data = graph.nodes[node]
        evidence = [cite.add(ev) for ev in mentioned.get(node, [])] or edge_evidence[node]
        years = _years(data.get("documents", []), docs)
        x, y = pos[node]
        data_nodes.append({"id": ids[node], "label": data.get("label", node), "kind": data.get("kind") or "other",
                           "colour": KIND_COLOURS.get(data.get("kind"), OTHER_COLOUR),
                           "x": round(x, 1), "y": round(y, 1), "years": years,
                           "first": years[0] if years else None, "last": years[-1] if years else None,
                           "names": _names_by_year(data.get("names") or []),
                           "ev": sorted(set(evidence))})
    years = sorted({d["year"] for d in papers if d["year"] is not None})
    return {"council": council, "key": f"council-{number + 1}", "years": years,
            "undated": sum(1 for d in papers if d["year"] is None), "lines": lines,
            "kinds": sorted({n["kind"] for n in data_nodes}),
            "relations": sorted({e["relation"] for e in data_edges}),
            "data": {"nodes": data_nodes, "edges": data_edges, "years": years},
            "picture": _picture(data_nodes, data_edges, height)}


def _picture(nodes: list[dict], edges: list[dict], height: int) -> dict:
    """What the print picture draws: one arrow per pair of bodies (however many
    relations join them), labelled with the frequencies; loops are left to the table."""
    where = {n["id"]: (n["x"], n["y"]) for n in nodes}
    pairs: dict[tuple, dict] = {}
    for e in edges:
        if e["source"] == e["target"]:
            continue
        arrow = pairs.setdefault((e["source"], e["target"]), {"style": e["style"], "labels": []})
        if e["frequency"] not in NO_FREQUENCY and e["frequency"] not in arrow["labels"]:
            arrow["labels"].append(e["frequency"])
    arrows = []
    for (s, t), arrow in pairs.items():
        (x1, y1), (x2, y2) = where[s], where[t]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        trim = (NODE_RADIUS + 3) / length          # stop at the circle's edge so the head shows
        arrows.append({"x1": x1, "y1": y1, "x2": round(x2 - (x2 - x1) * trim, 1),
                       "y2": round(y2 - (y2 - y1) * trim, 1), "dash": DASHES[arrow["style"]],
                       "label": "/".join(arrow["labels"]), "lx": round((x1 + x2) / 2, 1),
                       "ly": round((y1 + y2) / 2, 1)})
    circles = [{"x": n["x"], "y": n["y"], "colour": n["colour"], "kind": n["kind"],
                "lines": textwrap.wrap(n["label"], LABEL_WIDTH, max_lines=LABEL_LINES, placeholder="…")}
               for n in nodes]
    return {"width": Frame.WIDTH, "height": height, "radius": NODE_RADIUS, "nodes": circles, "arrows": arrows}
