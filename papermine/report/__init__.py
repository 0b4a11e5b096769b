"""A self-contained static HTML report: the papers, each council's priorities
side by side (first paper against last), the themes year by year, and per
council an explorable governance graph (by year, with the evidence of every
body and relation) with its print picture and reporting lines; every claim is
linked to the paragraph it rests on, quoted in the evidence appendix.

The file works offline: the network-view library (Cytoscape.js, MIT licence,
shipped in `static/`) and papermine's own script are put inline. Document text
is always escaped: Jinja2 autoescape in the HTML and the SVG picture, and in
the JSON the graphs are read from, `<`, `>`, `&`, `'` and U+2028/U+2029 are
written as \\u escapes (Jinja2's `tojson`), so no paper can end a <script>.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..compare import dropped_priorities, reporting_lines_over_time, theme_timeline
from ..graph import EDGE_STYLES, KIND_COLOURS, to_graph
from .evidence import anchor, evidence_paragraphs
from .graphview import council_views

__all__ = ["build_report", "write_report", "report_context", "SCRIPTS"]

#: Cells of the theme chart are shaded by count up to this many priorities.
CHART_MAX = 4
#: The scripts put inline, in order: the network-view library, then papermine's.
SCRIPTS = ("cytoscape.min.js", "explorer.js")
#: What would end a script element early, or make the HTML parser read on
#: past its end: `</script` and `<!--`.
_SCRIPT_END = re.compile(r"<(/script|!--)", re.IGNORECASE)


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("papermine.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["anchor"] = anchor
    return env


def _inline_script(name: str) -> Markup:
    """A shipped script, to be put inside <script>: `</script` and `<!--` can
    only be in its string literals, where `<\\/script` and `<\\!--` are the same text."""
    text = resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")
    return Markup(_SCRIPT_END.sub(lambda m: "<\\" + m.group(1), text))


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


def report_context(store, council: str | None = None, title: str = "papermine report") -> dict:
    """Everything the template shows, computed once per report."""
    docs = store.documents(council)
    comparisons = dropped_priorities(store, council)
    themes = theme_timeline(store, council=council)
    lines = reporting_lines_over_time(store, council)
    years = sorted({y for row in themes for y in row["papers_by_year"]})
    views, graph_evidence = council_views(to_graph(store, council), docs, store.rows("agencies", council), lines)
    cited: list[dict] = list(graph_evidence)
    for result in comparisons:
        for row in _rows(result):
            cited += [side["evidence"] for side in (row["before"], row["after"]) if side]
        for key in ("added", "removed"):
            cited += [line["evidence"] for line in result["governance"][key]]
        for change in result["governance"]["changed"]:
            cited.append(change["after"][0]["evidence"])
    for line in lines:
        cited += [{**e, "section": None} for e in line["evidence"]]
    return dict(
        title=title, generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        database=str(store.path), council=council, docs=docs,
        comparisons=[{**r, "rows": _rows(r)} for r in comparisons],
        themes=themes, years=years, chart_max=CHART_MAX, governance=views,
        graph_data={"councils": [v["data"] for v in views], "evidence": graph_evidence},
        kind_colours=KIND_COLOURS, edge_styles=EDGE_STYLES,
        evidence=evidence_paragraphs(store, cited),
        scripts=[_inline_script(name) for name in SCRIPTS])


def build_report(store, council: str | None = None, title: str = "papermine report") -> str:
    return _environment().get_template("report.html.j2").render(report_context(store, council, title))


def write_report(store, path: str | Path, council: str | None = None) -> Path:
    """Write the report to `path`, streamed (the page is never held whole in memory)."""
    path = Path(path)
    stream = _environment().get_template("report.html.j2").stream(report_context(store, council))
    stream.dump(str(path), encoding="utf-8")
    return path
