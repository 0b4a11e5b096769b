"""A self-contained static HTML report: the papers, each council's priorities
side by side (first paper against last), the themes year by year, the
governance graph and its reporting lines, every claim linked to the paragraph
it rests on. Document text is always escaped (Jinja2 autoescape); the graph
picture is embedded as a base64 image, so nothing in it can run.
"""
from __future__ import annotations

import base64
import io
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ..compare import dropped_priorities, reporting_lines_over_time, theme_timeline
from ..graph import to_graph, write_picture

__all__ = ["build_report", "write_report"]

#: Cells of the theme chart are shaded by count up to this many priorities.
CHART_MAX = 4


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("papermine.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["anchor"] = _anchor
    return env


def _anchor(evidence: dict) -> str:
    return f"ev-{evidence['doc']}-{evidence.get('paragraph') or 'u'}-{evidence.get('page') or 'x'}"


def _graph_png(graph) -> str | None:
    if graph.number_of_edges() == 0:
        return None
    buffer = io.BytesIO()
    write_picture(graph, buffer, fmt="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _rows(result: dict) -> list[dict]:
    """Side-by-side rows: earlier | later | status, from a timeline comparison."""
    rows = []
    for status in ("persisted", "reworded"):
        rows += [{"before": e["before"], "after": e["after"], "status": status, "score": e.get("score")}
                 for e in result[status]]
    rows += [{"before": e["before"], "after": None, "status": "dropped", "score": None,
              "dropped_in": e["dropped_in"]} for e in result["dropped"]]
    rows += [{"before": None, "after": e["after"], "status": "new", "score": None} for e in result["new"]]
    return rows


def _evidence_paragraphs(store, cited: list[dict]) -> list[dict]:
    """The text of every cited paragraph, once each, for the evidence appendix."""
    seen, out = set(), []
    for ev in cited:
        key = _anchor(ev)
        if key in seen:
            continue
        seen.add(key)
        row = store.conn.execute(
            "SELECT p.full_text, s.heading FROM paragraphs p JOIN sections s "
            "ON s.doc_id = p.doc_id AND s.idx = p.section_idx WHERE p.doc_id = ? "
            "AND p.number IS ? AND (p.page IS ? OR ? IS NULL) ORDER BY p.seq LIMIT 1",
            (ev["doc"], ev.get("paragraph"), ev.get("page"), ev.get("page"))).fetchone()
        out.append({"anchor": key, "doc": ev["doc"], "paragraph": ev.get("paragraph"),
                    "page": ev.get("page"), "section": row["heading"] if row else ev.get("section"),
                    "text": row["full_text"] if row and ev.get("paragraph") else ev.get("sentence")})
    return sorted(out, key=lambda e: (e["doc"], e["anchor"]))


def build_report(store, council: str | None = None, title: str = "papermine report") -> str:
    docs = store.documents(council)
    comparisons = dropped_priorities(store, council)
    themes = theme_timeline(store, council=council)
    lines = reporting_lines_over_time(store, council)
    years = sorted({y for row in themes for y in row["papers_by_year"]})
    cited: list[dict] = []
    for result in comparisons:
        for row in _rows(result):
            cited += [side["evidence"] for side in (row["before"], row["after"]) if side]
        for key in ("added", "removed"):
            cited += [line["evidence"] for line in result["governance"][key]]
    for line in lines:
        cited += [{**e, "section": None} for e in line["evidence"]]
    html = _environment().get_template("report.html.j2").render(
        title=title, generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        database=str(store.path), council=council, docs=docs,
        comparisons=[{**r, "rows": _rows(r)} for r in comparisons],
        themes=themes, years=years, chart_max=CHART_MAX, lines=lines,
        graph_png=_graph_png(to_graph(store, council)), evidence=_evidence_paragraphs(store, cited))
    return html


def write_report(store, path: str | Path, council: str | None = None) -> Path:
    path = Path(path)
    path.write_text(build_report(store, council), encoding="utf-8")
    return path
