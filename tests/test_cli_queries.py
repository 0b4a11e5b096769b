"""The query commands agree with themselves: search takes real queries, exit
codes match in both output modes, one lineage is never both dropped and
reworded, a one-paper council is named as such, an undated paper carries its
period's year everywhere, short ids and theme names work, every query command
filters by council and years, and none of them loads spaCy."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from papermine.cli import cli

from conftest import ROOT

QUERY_COMMANDS = ("docs", "search", "dropped", "timeline", "themes", "agencies", "lines", "graph")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(sample_db):
    return ["--db", str(sample_db)]


def test_search_takes_hyphens_numbers_and_phrases(db, tmp_path):
    hits = json.loads(run("search", "multi-agency", "--json", *db).output)
    assert hits and all("«multi" in h["snippet"].lower() for h in hits)
    assert {h["short_id"] for h in hits} <= {"durham/2018-11-30", "durham/2021-02-26", "durham/2022",
                                              "durham/2024-01-26", "middlesbrough/2007-11-08"}
    years = run("search", "2020-22", *db)                  # a hyphenated number is a phrase too
    assert years.exit_code == 0 and "«2020-22»" in years.output
    phrase = json.loads(run("search", '"corporate parenting panel" quarterly', "--json", *db).output)
    assert phrase and all("«quarterly»" in h["snippet"] for h in phrase)
    raw = json.loads(run("search", "--fts", "quarterly OR annually", "--json", *db).output)
    assert len(raw) > len(json.loads(run("search", "quarterly", "--json", *db).output))
    assert run("search", "OR", "--json", *db).exit_code == 0         # a word, not an operator
    bad = CliRunner().invoke(cli, ["search", "--fts", "AND", *db])
    assert bad.exit_code == 1 and "bad search query" in bad.output and "Traceback" not in bad.output


@pytest.mark.parametrize("args", [["search", "zebra"], ["docs", "--council", "nowhere"],
                                  ["dropped", "--since", "2030"], ["agencies", "--name", "zebra"],
                                  ["lines", "--body", "zebra"], ["timeline", "--council", "nowhere"]])
def test_nothing_found_exits_1_in_both_modes(args, db):
    text = CliRunner().invoke(cli, [*args, *db])
    data = CliRunner().invoke(cli, [*args, "--json", *db])
    assert text.exit_code == data.exit_code == 1
    assert json.loads(data.stdout) == []


def test_like_wildcards_in_council_are_letters(db):
    for pattern in ("%", "_", "d%m"):
        assert CliRunner().invoke(cli, ["docs", "--council", pattern, *db]).exit_code == 1
    assert run("docs", "--council", "durham", *db).exit_code == 0


def test_one_lineage_is_never_both_dropped_and_reworded(db):
    for council in json.loads(run("dropped", "--json", *db).output):
        def key(entry):
            return entry["evidence"]["doc"], entry["evidence"]["paragraph"], entry["text"]
        gone = {key(d["before"]) for d in council["dropped"]} | {key(d["first_seen"]) for d in council["dropped"]}
        matched = {key(e[side]) for name in ("persisted", "reworded") for e in council[name]
                   for side in ("before", "after")}
        new = {key(e["after"]) for e in council["new"]}
        assert not gone & matched, council["council"]
        assert not new & matched, council["council"]
        befores = [key(e["before"]) for name in ("persisted", "reworded") for e in council[name]]
        assert len(befores) == len(set(befores))            # one start for one lineage


def test_a_council_with_one_paper_is_not_compared_with_itself(db):
    data = json.loads(run("dropped", "--council", "middlesbrough", "--json", *db).output)
    assert [(c["papers"], c["compared"], c["persisted"]) for c in data] == [(1, False, [])]
    text = run("dropped", "--council", "middlesbrough", *db).output
    assert "Middlesbrough Council: 1 paper" in text and "nothing to compare" in text and "score 100" not in text


def test_an_undated_paper_carries_its_periods_year_everywhere(db, tmp_path):
    docs = run("docs", "--council", "durham", *db).output
    assert "durham/2022 " in docs and "undated" not in docs
    dropped = run("dropped", "--council", "durham", *db).output
    assert "durham/2022 ¶42 p5" in dropped and "undated" not in dropped
    assert "durham/2022" in json.dumps(json.loads(run("docs", "--json", *db).output))
    timeline = json.loads(run("timeline", "--council", "durham", "--json", *db).output)
    assert any(2022 in row["years"] or "2022" in row["years"] for row in timeline)
    lines = json.loads(run("lines", "--council", "durham", "--since", "2022", "--until", "2022", "--json", *db).output)
    assert lines and all(set(r["years"]) == {"2022"} for r in lines)
    out = tmp_path / "g.json"
    run("graph", "--format", "json", "-o", str(out), "--council", "durham", *db)
    graph = json.loads(out.read_text(encoding="utf-8"))
    seen = {item[k] for item in graph["nodes"] + graph["edges"] for k in ("first_seen", "last_seen")}
    assert "2022" in seen and not any(s.endswith("-12-31") for s in seen)


def test_short_ids_and_words_name_papers(db):
    para = run("show", "durham/2024-01-26", "--para", "4", *db).output
    assert para.startswith("durham/2024-01-26 ¶4") and "six-monthly basis" in para
    assert run("show", "durham 2022 annual report", "--para", "4", *db).output.startswith("durham/2022 ¶4")
    diff = json.loads(run("diff", "durham/2022", "clasp 2024", "--json", *db).output)
    assert (diff["from"]["year"], diff["to"]["date"]) == (2022, "2024-01-26")
    tags = json.loads(run("tag", "middlesbrough/2007-11-08", "--json", *db).output)
    assert tags["id"].startswith("middlesbrough_2007-11-08")
    many = CliRunner().invoke(cli, ["show", "durham", *db])
    assert many.exit_code == 1 and "durham/2018-11-30, durham/2021-02-26, durham/2022" in many.output


def test_paragraph_numbers_as_printed(db, tmp_path):
    assert run("show", "durham/2024-01-26", "--para", "¶4", *db).output == \
        run("show", "durham/2024-01-26", "--para", "4.", *db).output == \
        run("show", "durham/2024-01-26", "--para", "4", *db).output
    lettered = ["--db", str(tmp_path / "lettered.db")]
    assert run("ingest", str(ROOT / "tests/fixtures/lettered_paragraphs.txt"), "--workers", "1", "--quiet",
               *lettered).exit_code == 0
    for printed in ("a)", "(a)", "a"):
        shown = run("show", "westvale", "--para", printed, *lettered)
        assert shown.exit_code == 0 and "¶a " in shown.output and "updates the Board" in shown.output, printed
    assert "initial health assessments" in run("show", "westvale 2015", "--para", "(b)", *lettered).output.lower()


def test_themes_listed_and_matched_by_prefix_words_or_spelling(db):
    listing = json.loads(run("themes", "--json", *db).output)
    assert len(listing) >= 20 and {"id", "label", "priorities"} <= set(listing[0])
    assert sum(t["priorities"] for t in listing) == 53                     # every stored priority
    for name in ("care leavers", "Care Leavers and the local offer", "theme-care-leavers", "care leavrs"):
        rows = json.loads(run("timeline", "--theme", name, "--json", *db).output)
        assert {r["theme"] for r in rows} == {"care leavers and the local offer"}, name
    ambiguous = CliRunner().invoke(cli, ["timeline", "--theme", "care", *db])
    assert ambiguous.exit_code == 1 and "ambiguous" in ambiguous.output


@pytest.mark.parametrize("name", QUERY_COMMANDS)
def test_every_query_command_filters_by_council_and_years(name):
    options = {o for p in cli.commands[name].params for o in getattr(p, "opts", [])}
    assert {"--council", "--since", "--until"} <= options, name


def test_the_window_applies(db):
    agencies = json.loads(run("agencies", "--council", "durham", "--until", "2021", "--json", *db).output)
    assert agencies and all((a["last"]["year"] or 0) <= 2021 for a in agencies)
    assert all(a["council_papers"] == 2 for a in agencies)                  # 2018 and 2021 only
    timeline = json.loads(run("timeline", "--since", "2022", "--json", *db).output)
    assert timeline and all(min(map(int, r["papers_by_year"])) >= 2022 for r in timeline)


def test_query_commands_never_import_spacy(sample_db):
    script = f"""
import sys
from click.testing import CliRunner
from papermine.cli import cli
db = {str(sample_db)!r}
for args in (["docs"], ["search", "multi-agency"], ["show", "durham/2022", "--para", "4"], ["dropped"],
             ["timeline", "--theme", "care leavers"], ["themes"], ["agencies"], ["lines"],
             ["diff", "durham/2022", "durham/2024-01-26"], ["tag", "durham/2022"],
             ["ask", "which priorities did durham drop"]):
    result = CliRunner().invoke(cli, args + ["--db", db])
    assert result.exit_code == 0, (args, result.output)
loaded = sorted(m for m in sys.modules if m == "spacy" or m.startswith(("spacy.", "papermine.nlp")))
print(loaded)
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
