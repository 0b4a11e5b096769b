"""Compare papers: two at a time (`diff_papers`) or along councils' timelines
(`timeline`, `dropped_priorities`, `agency_presence`, `reporting_lines_over_time`).

Every entry carries its evidence on both sides, so a reader can check it.
"""
from __future__ import annotations

from ..model import Document, Tags
from .entries import governance_entry, line_entry, priority_entry
from .governance import GovernanceDiff, Rename, diff_governance, find_renames, rename_chains
from .priorities import (MATCH_THRESHOLD, PERSISTED_TEXT, Match, PriorityAlignment, Score,
                         align_priorities, score_pair)
from .timeline import (Paper, Track, agency_presence, dropped_priorities, load_papers,
                       reporting_lines_over_time, theme_timeline, track_priorities)

__all__ = ["diff_papers", "align_priorities", "diff_governance", "find_renames", "score_pair",
           "rename_chains", "PriorityAlignment", "GovernanceDiff", "Match", "Score", "Rename", "Paper", "Track",
           "load_papers", "track_priorities", "dropped_priorities", "theme_timeline",
           "agency_presence", "reporting_lines_over_time", "paper_summary", "priority_entry",
           "line_entry", "MATCH_THRESHOLD", "PERSISTED_TEXT"]


def paper_summary(doc: Document) -> dict:
    m = doc.meta
    return {"id": doc.id, "council": m.council, "committee": m.committee, "date": m.date,
            "year": doc.year, "title": m.title}


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
        "governance": governance_entry(gov),
        "thresholds": {"match": MATCH_THRESHOLD, "persisted_text": PERSISTED_TEXT},
    }
