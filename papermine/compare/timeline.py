"""Councils' timelines: each priority tracked from paper to paper, themes by
year, agencies' and reporting lines' first and last appearance.

A priority is followed along a council's papers in date order: each paper's
priorities are aligned one-to-one (as in `diff`) with the latest version of
every priority seen so far, so a priority that skips a year still joins up.
It is "dropped" when it was there and no later paper that states priorities
carries it (a paper with no priorities at all, such as minutes, is no
evidence of a drop).
"""
from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field

from ..model import Evidence, Priority, ReportingLine, Tags
from .entries import governance_entry
from .governance import diff_governance
from .priorities import MATCH_THRESHOLD, PERSISTED_TEXT, align_priorities, score_matrix, score_pair

__all__ = ["Paper", "Track", "load_papers", "track_priorities", "dropped_priorities",
           "theme_timeline", "agency_presence", "reporting_lines_over_time"]


@dataclass
class Paper:
    doc_id: str
    council: str | None
    date: str | None
    year: int | None
    title: str | None
    priorities: list[Priority] = field(default_factory=list)
    lines: list[ReportingLine] = field(default_factory=list)

    def summary(self) -> dict:
        return {"id": self.doc_id, "council": self.council, "date": self.date, "year": self.year,
                "title": self.title}

    def tags(self) -> Tags:
        return Tags(doc=self.doc_id, priorities=self.priorities, reporting_lines=self.lines)


@dataclass
class Track:
    """One priority followed along a council's papers."""
    versions: list[tuple[Paper, Priority]] = field(default_factory=list)

    @property
    def first(self) -> tuple[Paper, Priority]:
        return self.versions[0]

    @property
    def last(self) -> tuple[Paper, Priority]:
        return self.versions[-1]


def _evidence(row) -> Evidence:
    return Evidence(doc=row["doc_id"], page=row["page"], paragraph=row["paragraph"],
                    sentence=row["sentence"], section=row["section"], rule=row["rule"])


def load_papers(store, council: str | None = None) -> "OrderedDict[str, list[Paper]]":
    """Stored papers with their priorities and relations, by council, in date order."""
    papers: "OrderedDict[str, Paper]" = OrderedDict()
    for doc in store.documents(council):
        papers[doc["id"]] = Paper(doc["id"], doc["council"], doc["date"], doc["year"], doc["title"])
    for row in store.rows("priorities", council):
        papers[row["doc_id"]].priorities.append(Priority(
            text=row["text"], theme=row["theme"], kind=row["kind"], evidence=_evidence(row),
            label=row["label"], themes=json.loads(row["themes"])))
    for row in store.rows("relations", council):
        papers[row["doc_id"]].lines.append(ReportingLine(
            source=row["source"], target=row["target"], relation=row["relation"],
            frequency=row["frequency"], evidence=_evidence(row), frequency_text=row["frequency_text"],
            modality=row["modality"]))
    by_council: "OrderedDict[str, list[Paper]]" = OrderedDict()
    for paper in papers.values():
        by_council.setdefault(paper.council or "(unknown council)", []).append(paper)
    return by_council


def track_priorities(papers: list[Paper]) -> list[Track]:
    tracks: list[Track] = []
    for paper in papers:
        if not paper.priorities:
            continue
        latest = [track.last[1] for track in tracks]
        alignment = align_priorities(latest, paper.priorities)
        for match in alignment.matches:
            tracks[_index(latest, match.before)].versions.append((paper, match.after))
        for sources, target, _scores in alignment.merged:       # merged-away tracks go on, merged
            for source in sources[1:]:
                tracks[_index(latest, source)].versions.append((paper, target))
        for _source, targets, _scores in alignment.split:
            for target in targets[1:]:
                tracks.append(Track([(paper, target)]))
        for priority in alignment.new:
            tracks.append(Track([(paper, priority)]))
    return tracks


def _carried_later(priority: Priority, papers: list[Paper]) -> bool:
    """Does any of these papers state a priority that matches this one?"""
    later = [other for paper in papers for other in paper.priorities]
    return any(score.combined >= MATCH_THRESHOLD for score in score_matrix([priority], later).values())


def _index(items: list[Priority], item: Priority) -> int:
    return next(i for i, candidate in enumerate(items) if candidate is item)


def _in_window(year: int | None, since: int | None, until: int | None) -> bool:
    if year is None:
        return since is None and until is None
    return (since is None or year >= since) and (until is None or year <= until)


def _entry(paper: Paper, priority: Priority) -> dict:
    return {"paper": paper.summary(), "text": priority.text, "theme": priority.theme,
            "kind": priority.kind, "evidence": priority.evidence.to_dict()}


#: What a council with one paper in the window gets instead of a comparison.
ONE_PAPER_NOTE = "one paper with priorities in the window: nothing to compare it with"


def dropped_priorities(store, council: str | None = None, since: int | None = None,
                       until: int | None = None) -> list[dict]:
    """For each council: its priorities dropped (and persisted, reworded, new)
    between its first and last paper in the window, with evidence.

    Each lineage (a priority followed along the papers) is reported once: a
    lineage that is dropped is never also the start of a persisted or reworded
    entry. A council with one paper in the window is reported as such
    (`compared` false), not compared with itself."""
    results = []
    for name, papers in load_papers(store, council).items():
        stating = [p for p in papers if p.priorities]
        window = [p for p in stating if _in_window(p.year, since, until)]
        if not window:
            continue
        first, last = window[0], window[-1]
        result = {"council": name, "from": first.summary(), "to": last.summary(), "papers": len(window),
                  "compared": first is not last, "note": None if first is not last else ONE_PAPER_NOTE,
                  "persisted": [], "reworded": [], "dropped": [], "new": [],
                  "governance": governance_entry(None)}
        if first is not last:
            _compare_lineages(result, stating, first, last, since, until)
            result["governance"] = governance_entry(diff_governance(first.tags(), last.tags()))
        results.append(result)
    return results


def _compare_lineages(result: dict, stating: list[Paper], first: Paper, last: Paper,
                      since: int | None, until: int | None) -> None:
    """Fill the dropped / persisted / reworded / new lists of one council's result."""
    tracks = track_priorities(stating)
    order = {p.doc_id: i for i, p in enumerate(stating)}
    reported: set[int] = set()       # merged tracks share their last version: report it once
    claimed: set[int] = set()        # first-paper priorities already in a reported lineage
    joined: list[tuple[Track, tuple[Paper, Priority]]] = []
    # tracks that reach back to the window's first paper speak first
    for track in sorted(tracks, key=lambda t: order[t.first[0].doc_id]):
        last_paper, last_priority = track.last
        if id(last_priority) in reported:
            continue
        reported.add(id(last_priority))
        following = stating[order[last_paper.doc_id] + 1:]
        if _carried_later(last_priority, following):
            continue                          # a later paper still says it (matched elsewhere)
        if following and _in_window(following[0].year, since, until):
            claimed.update(id(p) for paper, p in track.versions if paper is first)
            result["dropped"].append({"before": _entry(last_paper, last_priority),
                                      "first_seen": _entry(*track.first),
                                      "dropped_in": following[0].summary(),
                                      "later_papers": len(following)})
            continue
        at_end = next((v for v in track.versions if v[0] is last), None)
        if at_end is None:
            continue                          # gone before the window, or not in its last paper
        earlier = [v for v in track.versions if order[v[0].doc_id] <= order[first.doc_id]]
        if not earlier:
            joined.append((track, at_end))    # decided once every lineage has claimed its start
            continue
        claimed.add(id(earlier[-1][1]))
        _add_match(result, earlier[-1], at_end)
    for track, at_end in joined:
        # joined up with another lineage on the way? then the window's first paper
        # may still say it: its best match there that no other lineage holds
        free = [p for p in first.priorities if id(p) not in claimed]
        scores = score_matrix(free, [at_end[1]])
        best = max(scores, key=lambda key: scores[key].combined, default=None)
        if best is None or scores[best].combined < MATCH_THRESHOLD:
            result["new"].append({"after": _entry(*at_end), "first_seen": _entry(*track.first)})
            continue
        claimed.add(id(free[best[0]]))
        _add_match(result, (first, free[best[0]]), at_end)


def _add_match(result: dict, start: tuple[Paper, Priority], at_end: tuple[Paper, Priority]) -> None:
    score = score_pair(start[1], at_end[1])
    entry = {"before": _entry(*start), "after": _entry(*at_end), "score": round(score.combined, 1)}
    result["persisted" if score.text >= PERSISTED_TEXT else "reworded"].append(entry)


def theme_timeline(store, theme: str | None = None, council: str | None = None,
                   since: int | None = None, until: int | None = None) -> list[dict]:
    """Per council and theme: the number of priorities with that theme, year by
    year (a paper without a printed date counts in the year of the period it covers)."""
    table: "OrderedDict[tuple[str, str], dict[int, int]]" = OrderedDict()
    years_of: dict[str, set[int]] = {}
    for row in store.rows("priorities", council, since, until):
        if row["year"] is not None:
            years_of.setdefault(row["council"], set()).add(row["year"])
        if theme and row["theme"] != theme:
            continue
        counts = table.setdefault((row["council"], row["theme"]), {})
        if row["year"] is not None:
            counts[row["year"]] = counts.get(row["year"], 0) + 1
    return [{"council": c, "theme": t, "years": dict(sorted(counts.items())),
             "papers_by_year": sorted(years_of.get(c, ()))}
            for (c, t), counts in sorted(table.items(), key=lambda kv: (kv[0][0] or "", kv[0][1]))]


def _name_filter(name: str | None):
    """A test for names holding `name` (any case); everything passes without one."""
    wanted = (name or "").lower()
    return lambda text: not wanted or wanted in (text or "").lower()


def agency_presence(store, council: str | None = None, since: int | None = None,
                    until: int | None = None, name: str | None = None) -> list[dict]:
    """Each agency's first and last appearance in each council's papers (in the
    window), and whether the council's latest paper in the window names it."""
    seen: "OrderedDict[tuple[str, str], dict]" = OrderedDict()
    papers_of: dict[str, list[str]] = {}
    wanted = _name_filter(name)
    for doc in store.documents(council, since, until):
        papers_of.setdefault(doc["council"], []).append(doc["id"])
    for row in store.rows("agencies", council, since, until):
        if not (wanted(row["canonical"]) or wanted(row["name"])):
            continue
        key = (row["council"], row["canonical"])
        mention = json.loads(row["first_mention"]) if row["first_mention"] else {}
        where = {"doc": row["doc_id"], "date": row["date"], "year": row["year"], **mention}
        entry = seen.setdefault(key, {"council": row["council"], "canonical": row["canonical"],
                                      "kind": row["kind"], "first": where, "papers": []})
        entry["last"] = where
        entry["papers"].append(row["doc_id"])
    out = []
    for (council_name, _), entry in seen.items():
        ids = papers_of.get(council_name, [])
        later = ids[ids.index(entry["last"]["doc"]) + 1:] if entry["last"]["doc"] in ids else []
        entry["mentioned_in"] = len(entry.pop("papers"))
        entry["council_papers"] = len(ids)
        entry["still_present"] = bool(ids) and entry["last"]["doc"] == ids[-1]
        entry["left_by"] = later[0] if later else None     # the first paper without it after its last
        out.append(entry)
    return out


def reporting_lines_over_time(store, council: str | None = None, since: int | None = None,
                              until: int | None = None, body: str | None = None,
                              relation: str | None = None, source: str | None = None,
                              target: str | None = None) -> list[dict]:
    """Reporting lines and relations with the frequencies and years they held
    (a paper without a printed date counts in the year of the period it covers);
    `body` keeps lines with that body at either end, `source`/`target` at that
    end (names holding the text, any case), `relation` one relation."""
    lines: "OrderedDict[tuple, dict]" = OrderedDict()
    wanted, from_, to = _name_filter(body), _name_filter(source), _name_filter(target)
    for row in store.rows("relations", council, since, until):
        if row["relation"] == "member_of" and relation != "member_of":
            continue
        if (relation and row["relation"] != relation) or not (wanted(row["source"]) or wanted(row["target"])) \
                or not from_(row["source"]) or not to(row["target"]):
            continue
        key = (row["council"], row["source"], row["relation"], row["target"])
        entry = lines.setdefault(key, {"council": row["council"], "from": row["source"],
                                       "relation": row["relation"], "to": row["target"], "years": {},
                                       "evidence": []})
        year = str(row["year"]) if row["year"] is not None else "undated"
        freqs = entry["years"].setdefault(year, [])
        if row["frequency"] and row["frequency"] not in freqs:
            freqs.append(row["frequency"])
        entry["evidence"].append({"doc": row["doc_id"], "date": row["date"], "year": row["year"],
                                  "page": row["page"], "paragraph": row["paragraph"],
                                  "sentence": row["sentence"]})
    return list(lines.values())
