"""The report's evidence appendix: every cited paragraph quoted once, under an
anchor that every claim (table row, graph body, graph relation) links to."""
from __future__ import annotations

import re

__all__ = ["anchor", "evidence_paragraphs"]

#: Characters kept in an anchor; anything else (spaces, '#', quotes) becomes '_'
#: so that an id and the href pointing at it always agree.
_UNSAFE = re.compile(r"[^A-Za-z0-9._:()-]")


def anchor(evidence: dict) -> str:
    """The id of the quoted paragraph an evidence (doc, page, paragraph) points at."""
    key = f"ev-{evidence['doc']}-{evidence.get('paragraph') or 'u'}-{evidence.get('page') or 'x'}"
    return _UNSAFE.sub("_", key)


def evidence_paragraphs(store, cited) -> list[dict]:
    """The text of every cited paragraph, once each, in document order."""
    seen, out = set(), []
    for ev in cited:
        key = anchor(ev)
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
    return sorted(out, key=lambda e: (e["doc"], e["page"] or 0, _natural(e["paragraph"])))


def _natural(number: str | None) -> list:
    """'2.10' after '2.9', unnumbered blocks first."""
    return [(int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", number or "") if part]
