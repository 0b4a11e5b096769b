"""`papermine serve`: the database in Datasette (optional extra `papermine[web]`),
with titles, descriptions, facets on council / year / kind, full-text search
on paragraphs (the table and its view), and canned queries.

Datasette opens the file read-only (`mode=ro`), so browsing never changes it.
"""
from __future__ import annotations

from pathlib import Path

from .errors import NotFound, PapermineError

__all__ = ["datasette_metadata", "make_datasette", "serve", "DEFAULT_PORT", "DEFAULT_HOST",
           "DROPPED_THEMES_SQL"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
INSTALL_HINT = "pip install 'papermine[web]'"

#: A council's priority themes that its latest paper stating priorities no
#: longer has: the SQL view of "dropped". (`papermine dropped` also matches the
#: wording of each priority, paper to paper; this works on themes only.)
DROPPED_THEMES_SQL = """\
with stating as (
  select d.id, d.council, d.date, d.year, coalesce(d.date, d.year || '-12-31', '') as sort_key
  from documents d
  where exists (select 1 from priorities p where p.doc_id = d.id)
    and (:council = '' or instr(lower(d.council), lower(:council)) > 0)
),
latest as (
  select s.council, s.id, coalesce(s.date, cast(s.year as text)) as seen from stating s
  where s.sort_key = (select max(t.sort_key) from stating t where t.council is s.council)
),
gone as (
  select s.council, p.theme, coalesce(s.date, cast(s.year as text)) as seen, s.id, p.paragraph, p.page, p.text,
         row_number() over (partition by s.council, p.theme order by s.sort_key desc, p.seq) as nth,
         count(*) over (partition by s.council, p.theme) as priorities
  from priorities p join stating s on s.id = p.doc_id
  where p.theme != 'other'
    and s.id not in (select id from latest)
    and p.theme not in (select p2.theme from priorities p2 join latest l on l.id = p2.doc_id
                        where l.council is s.council)
)
select g.council, g.theme, g.seen as last_seen, g.id as last_paper, g.paragraph, g.page,
       g.text as last_wording, g.priorities as priorities_before,
       (select group_concat(l.seen) from latest l where l.council is g.council) as not_in_latest_of
from gone g where g.nth = 1
order by g.council, g.seen desc, g.theme"""


def datasette_metadata(db_name: str) -> dict:
    """Titles, descriptions, facets and canned queries for one papermine database."""
    evidence = "Every row cites its paper (doc_id), page and paragraph number as printed."
    tables = {
        "documents": {"title": "Papers", "description": "One row per stored paper: council, committee, "
                      "meeting date (year: from the date, else the period the paper covers), title, "
                      "source file, content hash, parser and tagger versions.",
                      "facets": ["council", "committee", "year"], "sort_desc": "year"},
        "paragraphs": {"title": "Paragraphs", "description": "Numbered paragraphs as printed (number null "
                       "for an unnumbered block), with page and text; full-text search over full_text.",
                       "facets": ["page"]},
        "sections": {"title": "Sections", "description": "Headings with their kind (purpose, background, "
                     "priorities, governance ...).", "facets": ["kind"]},
        "items": {"title": "Items", "description": "Sub-items of paragraphs: (a), (iv), bullets.",
                  "facets": ["kind"]},
        "priorities": {"title": "Priorities", "description": "Priorities tagged in each paper, with "
                       "theme and kind. " + evidence, "facets": ["theme", "kind"]},
        "agencies": {"title": "Agencies", "description": "Partner agencies and bodies named in each paper "
                     "(canonical name and kind).", "facets": ["kind"]},
        "mentions": {"title": "Mentions", "description": "Where each agency is named: page, paragraph, "
                     "sentence."},
        "relations": {"title": "Reporting lines and relations", "description": "reports_to, member_of, "
                      "subgroup_of, meets_with ... with frequency. " + evidence,
                      "facets": ["relation", "frequency"]},
        "paragraph_view": {"title": "Paragraphs with their papers", "description": "Each paragraph with "
                           "its council, date, section and kind; searchable. " + evidence,
                           "fts_table": "paragraphs_fts", "fts_pk": "id",
                           "facets": ["council", "year", "section_kind"]},
        "priority_view": {"title": "Priorities by council and year", "description": "Each priority with its "
                          "paper's council and year. " + evidence,
                          "facets": ["council", "year", "theme", "kind"]},
        "relation_view": {"title": "Reporting lines by council and year", "description": "Each relation "
                          "with its paper's council and year. " + evidence,
                          "facets": ["council", "year", "relation", "frequency"]},
        "agency_view": {"title": "Agencies by council and year", "description": "Each agency named in a "
                        "paper, with its council and year and how often it is mentioned.",
                        "facets": ["council", "year", "kind"]},
        "tables": {"title": "Tables", "description": "Tables that layout analysis kept out of the "
                   "paragraphs: page and rows of cells (JSON)."},
        "papermine_meta": {"hidden": True},
    }
    queries = {
        "dropped_priority_themes": {
            "title": "Dropped priorities (by theme)",
            "description": "Priority themes a council stated in earlier papers that its latest paper "
                           "stating priorities no longer has, with the last wording and where it was. "
                           "Leave council empty for every council. `papermine dropped` goes further: it "
                           "follows each priority's wording from paper to paper.",
            "sql": DROPPED_THEMES_SQL,
            "params": ["council"],
        },
    }
    return {
        "title": "papermine: committee papers",
        "description": "Numbered paragraphs, priorities, agencies and reporting lines mined from "
                       "local-government committee papers. " + evidence,
        "databases": {db_name: {"tables": tables, "queries": queries}},
    }


def make_datasette(db_path: str | Path):
    """A Datasette instance on the database (read-only), with papermine's metadata."""
    path = Path(db_path)
    if not path.is_file():
        raise NotFound(path, "no database here (run papermine ingest first)")
    try:
        from datasette.app import Datasette
    except ImportError as exc:
        raise PapermineError(None, f"papermine serve needs Datasette: {INSTALL_HINT}") from exc
    return Datasette([str(path)], metadata=datasette_metadata(path.stem))


def serve(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Run Datasette on the database until interrupted."""
    ds = make_datasette(db_path)
    import uvicorn
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
