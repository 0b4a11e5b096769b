"""What changed in governance between two papers: reporting lines and other
relations added, removed or changed (frequency, modality); members who joined
or left; bodies renamed.

A rename (the same partnership under a new name or acronym) is recognised by
name similarity and by what the body does (the bodies it reports to, meets,
counts as members); it is reported as a rename, and the relations of the old
name are compared as the new name's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx
from rapidfuzz import fuzz

from ..model import ReportingLine, Tags

__all__ = ["GovernanceDiff", "Rename", "diff_governance", "find_renames", "rename_chains",
           "RENAME_THRESHOLD"]

#: Weight of name similarity in a rename score (the rest is shared relations).
RENAME_NAME_WEIGHT = 0.5
#: A renamed body scores at least this (0-100).
RENAME_THRESHOLD = 60.0
#: Names this alike (the same words reordered, an acronym dropped) are a rename
#: whatever the relations say.
RENAME_NAME_ALONE = 95.0
#: Kinds of body that can be renamed (agencies like "Police" are not).
RENAMEABLE = {"partnership", "subgroup", "council body", "other"}
MEMBER = "member_of"


@dataclass
class Rename:
    before: str
    after: str
    score: float
    name_similarity: float
    shared_relations: float

    @property
    def why(self) -> str:
        return (f"name {self.name_similarity:.0f}/100, shared relations {self.shared_relations:.0f}/100 "
                f"-> {self.score:.0f}")


@dataclass
class GovernanceDiff:
    added: list[ReportingLine] = field(default_factory=list)
    removed: list[ReportingLine] = field(default_factory=list)
    changed: list[tuple[list[ReportingLine], list[ReportingLine], str]] = field(default_factory=list)
    joined: list[ReportingLine] = field(default_factory=list)    # member_of added
    left: list[ReportingLine] = field(default_factory=list)      # member_of removed
    renamed: list[Rename] = field(default_factory=list)


def _words(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name.lower().replace("’", "'"))
    return re.sub(r"'s\b|[^a-z0-9 ]", " ", name)


def _neighbours(tags: Tags, name: str) -> set[tuple[str, str]]:
    out = set()
    for r in tags.reporting_lines:
        if r.source == name and r.target != name:
            out.add((r.relation, r.target))
        elif r.target == name and r.source != name:
            out.add((r.relation + "<-", r.source))
    return out


def _bodies(tags: Tags) -> dict[str, str]:
    """Bodies taking part in relations, with their kind."""
    kinds = {a.canonical: a.kind for a in tags.agencies}
    names = {r.source for r in tags.reporting_lines} | {r.target for r in tags.reporting_lines}
    return {n: kinds.get(n, "other") for n in names}


def find_renames(before: Tags, after: Tags) -> list[Rename]:
    old_bodies, new_bodies = _bodies(before), _bodies(after)
    gone = [n for n, k in old_bodies.items() if n not in new_bodies and k in RENAMEABLE]
    came = [n for n, k in new_bodies.items() if n not in old_bodies and k in RENAMEABLE]
    graph = nx.Graph()
    details = {}
    for old in gone:
        old_n = _neighbours(before, old)
        for new in came:
            if old_bodies[old] != new_bodies[new]:
                continue
            name = float(fuzz.token_set_ratio(_words(old), _words(new)))
            new_n = _neighbours(after, new)
            shared = 100.0 * len(old_n & new_n) / len(old_n | new_n) if old_n | new_n else 0.0
            score = RENAME_NAME_WEIGHT * name + (1 - RENAME_NAME_WEIGHT) * shared
            if score >= RENAME_THRESHOLD or name >= RENAME_NAME_ALONE:
                score = max(score, name)
                graph.add_edge(("a", old), ("b", new), weight=score)
                details[(old, new)] = Rename(old, new, score, name, shared)
    renames = []
    for u, v in nx.max_weight_matching(graph):
        old, new = (u[1], v[1]) if u[0] == "a" else (v[1], u[1])
        renames.append(details[(old, new)])
    return sorted(renames, key=lambda r: r.before)


def rename_chains(papers: list[Tags]) -> dict[str, str]:
    """Along one council's papers in date order: every name of a renamed body
    -> the name it was last seen under ("Looked After Children Strategic
    Partnership" -> "Children Looked After Strategic Partnership"). Renames are
    found between each paper and the next that states relations; a chain of
    them (A -> B -> C) is one body."""
    stating = [tags for tags in papers if tags.reporting_lines]
    links = nx.Graph()
    last_seen: dict[str, int] = {}
    for index, tags in enumerate(stating):
        for name in _bodies(tags):
            last_seen[name] = index
    for before, after in zip(stating, stating[1:]):
        links.add_edges_from((r.before, r.after) for r in find_renames(before, after))
    latest = {}
    for names in nx.connected_components(links):
        final = max(sorted(names), key=lambda name: last_seen.get(name, -1))
        latest.update({name: final for name in names if name != final})
    return latest


def _key(line: ReportingLine, rename: dict[str, str]) -> tuple[str, str, str]:
    return rename.get(line.source, line.source), rename.get(line.target, line.target), line.relation


def diff_governance(before: Tags, after: Tags) -> GovernanceDiff:
    result = GovernanceDiff(renamed=find_renames(before, after))
    rename = {r.before: r.after for r in result.renamed}
    old: dict[tuple, list[ReportingLine]] = {}
    new: dict[tuple, list[ReportingLine]] = {}
    for line in before.reporting_lines:
        old.setdefault(_key(line, rename), []).append(line)
    for line in after.reporting_lines:
        new.setdefault(_key(line, rename), []).append(line)
    # a body's members can only join or leave if both papers list its members
    listed_before = {key[1] for key in old if key[2] == MEMBER}
    listed_after = {key[1] for key in new if key[2] == MEMBER}
    both = listed_before & listed_after
    old = {k: v for k, v in old.items() if k[2] != MEMBER or k[1] in both}
    new = {k: v for k, v in new.items() if k[2] != MEMBER or k[1] in both}
    for key, lines in new.items():
        if key not in old:
            (result.joined if key[2] == MEMBER else result.added).append(lines[0])
            if key[2] != MEMBER:
                result.added.extend(lines[1:])
    for key, lines in old.items():
        if key not in new:
            (result.left if key[2] == MEMBER else result.removed).append(lines[0])
            if key[2] != MEMBER:
                result.removed.extend(lines[1:])
            continue
        was = sorted({line.frequency or "" for line in lines})
        now = sorted({line.frequency or "" for line in new[key]})
        modal_was = sorted({line.modality or "" for line in lines})
        modal_now = sorted({line.modality or "" for line in new[key]})
        what = []
        if was != now:
            what.append(f"frequency {' + '.join(f for f in was if f) or '-'} -> {' + '.join(f for f in now if f) or '-'}")
        if modal_was != modal_now and key[2] != MEMBER:
            what.append(f"modality {'/'.join(modal_was)} -> {'/'.join(modal_now)}")
        if what:
            result.changed.append((lines, new[key], "; ".join(what)))
    _pair_new_targets(result, rename)
    return result


def _pair_new_targets(result: GovernanceDiff, rename: dict[str, str]) -> None:
    """A body that reported to X and now reports to Y (and to nothing else new)
    changed its target: one change, not a removal and an addition."""
    def by_source(lines):
        groups: dict[tuple[str, str], list[ReportingLine]] = {}
        for line in lines:
            groups.setdefault((rename.get(line.source, line.source), line.relation), []).append(line)
        return groups
    removed, added = by_source(result.removed), by_source(result.added)
    for key, gone in removed.items():
        came = added.get(key)
        if key[1] != "reports_to" or not came:
            continue
        if len({g.target for g in gone}) == 1 and len({c.target for c in came}) == 1:
            result.changed.append((gone, came, f"target {gone[0].target} -> {came[0].target}"))
            result.removed = [r for r in result.removed if r not in gone]
            result.added = [a for a in result.added if a not in came]
