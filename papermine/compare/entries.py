"""JSON entries for comparison results: every entry carries its evidence."""
from __future__ import annotations

from dataclasses import asdict

from ..model import Priority, ReportingLine
from .governance import GovernanceDiff

__all__ = ["priority_entry", "line_entry", "governance_entry"]


def priority_entry(p: Priority) -> dict:
    return {"text": p.text, "theme": p.theme, "kind": p.kind, "label": p.label,
            "evidence": asdict(p.evidence)}


def line_entry(r: ReportingLine) -> dict:
    return {"from": r.source, "to": r.target, "relation": r.relation, "frequency": r.frequency,
            "frequency_text": r.frequency_text, "modality": r.modality, "evidence": asdict(r.evidence)}


def governance_entry(gov: GovernanceDiff | None) -> dict:
    """The SPEC's governance block ({added, removed, changed} plus members and renames)."""
    gov = gov or GovernanceDiff()
    return {
        "added": [line_entry(r) for r in gov.added],
        "removed": [line_entry(r) for r in gov.removed],
        "changed": [{"before": [line_entry(r) for r in was], "after": [line_entry(r) for r in now],
                     "what": what} for was, now, what in gov.changed],
        "members": {"joined": [line_entry(r) for r in gov.joined],
                    "left": [line_entry(r) for r in gov.left]},
        "renamed": [{"before": r.before, "after": r.after, "score": round(r.score, 1), "why": r.why}
                    for r in gov.renamed],
    }
