"""Comparisons a reader can check against the samples, pair thresholds tuned on
written-down cases, and timelines of a made corpus with known drops."""
from __future__ import annotations

import json

import pytest

from conftest import DATA
from papermine.compare import (MATCH_THRESHOLD, align_priorities, diff_papers, dropped_priorities,
                               reporting_lines_over_time, score_pair, theme_timeline, agency_presence)
from papermine.model import Evidence, Priority
from papermine.nlp import classify_theme, tag_document
from papermine.store import ingest, open_store

PAIRS = json.loads((DATA / "priority_pairs.json").read_text(encoding="utf-8"))
P2018 = "durham/2018-11-30_corporate-parenting-panel_lac-strategic-partnership.txt"
P2021 = "durham/2021-02-26_corporate-parenting-panel_corporate-parenting-strategy.txt"
P2022 = "durham/2022-08_corporate-parenting-panel_clasp-annual-report.txt"
P2024 = "durham/2024-01-26_corporate-parenting-panel_clasp-update.txt"
CLASP = "Children Looked After Strategic Partnership"


def _priority(text: str) -> Priority:
    theme, themes = classify_theme(text)
    return Priority(text=text, theme=theme, themes=themes, kind="stated", evidence=Evidence("t", None, None, text))


@pytest.mark.parametrize("case", PAIRS, ids=[c["comment"] for c in PAIRS])
def test_pair_scores_against_the_threshold(case):
    score = score_pair(_priority(case["a"]), _priority(case["b"]))
    assert (score.combined >= MATCH_THRESHOLD) == (case["label"] == "same"), score.why


@pytest.fixture(scope="module")
def tagged(parsed_samples):
    return {name: (doc, tag_document(doc)) for name, doc in parsed_samples.items()}


def test_the_eight_themes_of_2021_are_the_eight_priorities_of_2024(tagged):
    alignment = align_priorities(tagged[P2021][1].priorities, tagged[P2024][1].priorities)
    assert len(alignment.matches) == 8 and not alignment.dropped and not alignment.new
    for match in alignment.matches:
        assert match.before.theme == match.after.theme and match.status == "reworded"
        assert match.before.evidence.paragraph == "6" and match.after.evidence.paragraph == "9"


def test_diff_2022_to_2024(tagged):
    result = diff_papers(*tagged[P2022], *tagged[P2024])
    gov = result["governance"]
    change = next(c for c in gov["changed"] if c["after"][0]["to"] == "Corporate Parenting Panel")
    assert change["what"].startswith("frequency annually + quarterly -> six-monthly")
    assert change["before"][0]["evidence"]["paragraph"] == "4" and change["after"][0]["evidence"]["paragraph"] == "4"
    removed = {(r["from"], r["to"], r["frequency"]) for r in gov["removed"]}
    assert (CLASP, "Safeguarding Children Partnership", "annually") in removed
    assert ("Virtual School", CLASP, "quarterly") in removed
    assert [m["from"] for m in gov["members"]["left"]] == ["Advocacy services"]
    assert [m["from"] for m in gov["members"]["joined"]] == ["Children's Services"]
    dropped = {d["before"]["evidence"]["paragraph"]: d["before"]["theme"] for d in result["dropped"]}
    assert dropped["19"] == "special educational needs and disabilities"           # SEND
    assert dropped["35"] == "unaccompanied asylum-seeking children"
    for entry in result["reworded"]:
        assert entry["before"]["evidence"]["doc"] != entry["after"]["evidence"]["doc"] and entry["why"]


def test_a_renamed_partnership_is_a_rename(tagged):
    result = diff_papers(*tagged[P2018], *tagged[P2024])
    gov = result["governance"]
    assert [(r["before"], r["after"]) for r in gov["renamed"]] == [
        ("Looked After Children Strategic Partnership", CLASP)]
    lines = {(r["from"], r["to"]) for r in gov["added"] + gov["removed"]}
    assert (CLASP, "Corporate Parenting Panel") not in lines
    change = next(c for c in gov["changed"] if c["after"][0]["to"] == "Corporate Parenting Panel")
    assert change["before"][0]["from"] == "Looked After Children Strategic Partnership"
    assert "frequency quarterly -> six-monthly" in change["what"]
    assert gov["members"] == {"joined": [], "left": []}        # 2018 lists no members: nothing to compare


def test_dropped_on_the_samples(sample_db):
    with open_store(sample_db) as store:
        [durham] = dropped_priorities(store, "durham")
        assert (durham["from"]["year"], durham["to"]["year"], durham["papers"]) == (2018, 2024, 4)
        send = [d for d in durham["dropped"] if d["before"]["theme"] == "special educational needs and disabilities"]
        assert len(send) == 1 and send[0]["before"]["evidence"]["paragraph"] == "19"
        assert send[0]["dropped_in"]["year"] == 2024
        assert all(d["dropped_in"]["year"] == 2024 for d in durham["dropped"])
        assert not dropped_priorities(store, "durham", since=2019, until=2021)[0]["dropped"]
        [middlesbrough] = dropped_priorities(store, "middlesbrough")
        assert middlesbrough["dropped"] == [] and middlesbrough["papers"] == 1


def test_timeline_agencies_and_lines_on_the_samples(sample_db):
    with open_store(sample_db) as store:
        rows = theme_timeline(store, "care leavers and the local offer", "durham")
        assert rows[0]["years"][2018] >= 1 and rows[0]["years"][2024] == 1
        agencies = {a["canonical"]: a for a in agency_presence(store, "durham")}
        advocacy = agencies["Advocacy services"]
        assert advocacy["first"]["year"] == 2022 and advocacy["last"]["year"] == 2022
        assert not advocacy["still_present"] and agencies[CLASP]["still_present"]
        lines = {(l["from"], l["to"]): l["years"] for l in reporting_lines_over_time(store, "durham")
                 if l["relation"] == "reports_to"}
        assert lines[(CLASP, "Corporate Parenting Panel")] == {"2022": ["quarterly", "annually"],
                                                                "2024": ["six-monthly"]}


def test_made_timelines_find_the_known_drops(tmp_path, make_corpus):
    truth = make_corpus(tmp_path / "made", councils=3, years=list(range(2012, 2020)), seed=5)
    db = tmp_path / "made.db"
    with open_store(db) as store:
        report = ingest(store, [tmp_path / "made"], workers=2)
        assert report.count("failed") == 0
        results = {r["council"]: r for r in dropped_priorities(store)}
    for council in {t["council"] for t in truth}:
        papers = sorted((t for t in truth if t["council"] == council), key=lambda t: t["year"])
        final = set(papers[-1]["priorities"])
        expected_drops = {}
        for paper in papers[:-1]:
            for theme in paper["priorities"]:
                later = [p for p in papers if p["year"] > paper["year"]]
                if all(theme not in p["priorities"] for p in later):
                    expected_drops[theme] = later[0]["year"]
        result = results[council]
        found = {d["before"]["theme"]: d["dropped_in"]["year"] for d in result["dropped"]}
        assert found == expected_drops, council
        at_end = {e["after"]["theme"] for e in result["persisted"] + result["reworded"] + result["new"]}
        assert at_end == final
        first = set(papers[0]["priorities"])
        assert {e["after"]["theme"] for e in result["new"]} == final - first


def test_made_timelines_track_reporting_frequency(tmp_path, make_corpus):
    truth = make_corpus(tmp_path / "made", councils=2, years=list(range(2015, 2021)), seed=11)
    with open_store(tmp_path / "made.db") as store:
        ingest(store, [tmp_path / "made"], workers=1)
        lines = reporting_lines_over_time(store)
    for paper in truth:
        held = [l for l in lines if l["council"] == paper["council"] and l["relation"] == "reports_to"
                and l["from"] == paper["body"]]
        assert [paper["frequency"]] in [l["years"].get(str(paper["year"])) for l in held], paper["file"]
