"""Compare papers: two at a time (`diff_papers`) or along councils' timelines
(`timeline`, `dropped_priorities`, `agency_presence`, `reporting_lines_over_time`).

Every entry carries its evidence on both sides, so a reader can check it.
"""
from __future__ import annotations

from dataclasses import asdict

from ..model import Document, Evidence, Priority, ReportingLine, Tags
from .governance import GovernanceDiff, Rename, diff_governance, find_renames
from .priorities import (MATCH_THRESHOLD, PERSISTED_TEXT, Match, PriorityAlignment, Score,
                         align_priorities, score_pair)
from .timeline import (Paper, Track, agency_presence, dropped_priorities, load_papers,
                       reporting_lines_over_time, theme_timeline, track_priorities)

__all__ = ["diff_papers", "align_priorities", "diff_governance", "find_renames", "score_pair",
           "PriorityAlignment", "GovernanceDiff", "Match", "Score", "Rename", "Paper", "Track",
           "load_papers", "track_priorities", "dropped_priorities", "theme_timeline",
           "agency_presence", "reporting_lines_over_time", "paper_summary", "priority_entry",
           "line_entry", "MATCH_THRESHOLD", "PERSISTED_TEXT"]


def paper_summary(doc: Document) -> dict:
    m = doc.meta
    return {"id": doc.id, "council": m.council, "committee": m.committee, "date": m.date,
            "year": doc.year or _period_year(m.period), "title": m.title}


def _period_year(period: str | None) -> int | None:
    import re
    years = re.findall(r"(?:19|20)\d\d", period or "")
    return int(years[-1]) if years else None


def _evidence(e: Evidence) -> dict:
    return asdict(e)


def priority_entry(p: Priority) -> dict:
    return {"text": p.text, "theme": p.theme, "kind": p.kind, "label": p.label,
            "evidence": _evidence(p.evidence)}


def line_entry(r: ReportingLine) -> dict:
    return {"from": r.source, "to": r.target, "relation": r.relation, "frequency": r.frequency,
            "frequency_text": r.frequency_text, "modality": r.modality, "evidence": _evidence(r.evidence)}


def _match_entry(m: Match) -> dict:
    return {"before": priority_entry(m.before), "after": priority_entry(m.after),
            "score": round(m.score.combined, 1), "text_similarity": round(m.score.text, 1),
            "same_theme": m.score.same_theme, "why": m.score.why}


def diff_papers(doc_a: Document, tags_a: Tags, doc_b: Document, tags_b: Tags) -> dict:
    """What changed from paper A to paper B, in the SPEC's JSON shape."""
    pri = align_priorities(tags_a.priorities, tags_b.priorities)
    gov = diff_governance(tags_a, tags_b)
    return {
        "from": paper_summary(doc_a),
        "to": paper_summary(doc_b),
        "persisted": [_match_entry(m) for m in pri.persisted],
        "reworded": [_match_entry(m) for m in pri.reworded],
        "merged": [{"before": [priority_entry(p) for p in sources], "after": priority_entry(target),
                    "scores": [round(s.combined, 1) for s in scores]}
                   for sources, target, scores in pri.merged],
        "split": [{"before": priority_entry(source), "after": [priority_entry(p) for p in targets],
                   "scores": [round(s.combined, 1) for s in scores]}
                  for source, targets, scores in pri.split],
        "dropped": [{"before": priority_entry(p)} for p in pri.dropped],
        "new": [{"after": priority_entry(p)} for p in pri.new],
        "governance": {
            "added": [line_entry(r) for r in gov.added],
            "removed": [line_entry(r) for r in gov.removed],
            "changed": [{"before": [line_entry(r) for r in was], "after": [line_entry(r) for r in now],
                         "what": what} for was, now, what in gov.changed],
            "members": {"joined": [line_entry(r) for r in gov.joined],
                        "left": [line_entry(r) for r in gov.left]},
            "renamed": [{"before": r.before, "after": r.after, "score": round(r.score, 1), "why": r.why}
                        for r in gov.renamed],
        },
        "thresholds": {"match": MATCH_THRESHOLD, "persisted_text": PERSISTED_TEXT},
    }
