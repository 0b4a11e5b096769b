"""`papermine ask`: plain-English questions mapped to the query commands by
rules (tests/data/ask_phrasings.json: label, input, expect, comment), run
end to end, and refused in one line when nothing maps."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from papermine.ask import COMMANDS, plan_question
from papermine.cli import cli
from papermine.store import open_store

from conftest import DATA

PHRASINGS = json.loads((DATA / "ask_phrasings.json").read_text(encoding="utf-8"))


def test_the_table_is_large_and_covers_every_command():
    assert len(PHRASINGS) >= 30
    assert {case["expect"][0] for case in PHRASINGS if case["expect"]} == set(COMMANDS)
    assert sum(case["expect"] is None for case in PHRASINGS) >= 3


@pytest.fixture(scope="module")
def store(sample_db):
    with open_store(sample_db, create=False) as opened:
        yield opened


@pytest.mark.parametrize("case", PHRASINGS, ids=[case["label"] for case in PHRASINGS])
def test_phrasing(case, store):
    plan = plan_question(case["input"], store)
    if case["expect"] is None:
        assert plan.intent is None, plan.command_line
        assert case["refusal"] in plan.refusal()
    else:
        assert plan.args == case["expect"], plan.understood


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("case", [c for c in PHRASINGS if c["expect"]], ids=lambda c: c["label"])
def test_every_mapped_question_runs_its_command(case, sample_db):
    result = run("ask", case["input"], "--db", str(sample_db))
    first = result.output.splitlines()[0]
    assert first.startswith("$ papermine " + case["expect"][0]) and first.endswith(f"--db {sample_db}")
    if case.get("found", True):
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1 and "Error: no " in result.output
    assert "Traceback" not in result.output and "Usage:" not in result.output


def test_the_issues_questions_answer_with_evidence(sample_db):
    db = ["--db", str(sample_db)]
    dropped = run("ask", "which priorities did Durham drop since 2018", *db).output
    assert dropped.startswith("$ papermine dropped --council 'Durham County Council' --since 2018")
    assert "first in durham/2018-11-30 ¶33 p-; last in durham/2022 ¶42 p5; not in durham/2024-01-26" in dropped
    panel = run("ask", "who does the Corporate Parenting Panel report to", *db).output
    # the samples name nothing the panel reports to: said so, then the lines into it
    assert panel.startswith("$ papermine lines --from 'Corporate Parenting Panel' --relation reports_to")
    assert "(nothing with Corporate Parenting Panel at that end; its lines at either end:)\n" \
           "$ papermine lines --body 'Corporate Parenting Panel'" in panel
    assert "durham/2024-01-26 ¶4 p-" in panel
    clasp = run("ask", "Who does CLASP report to?", *db).output
    assert "Safeguarding Children Partnership" in clasp and "Supporting Solutions" not in clasp
    assert "nothing with" not in clasp
    police = json.loads(run("ask", "when did the police leave the partnership", "--json", *db).output)
    assert police["command"] == ["agencies", "--name", "Police"] and police["rule"] == "ask-agencies-leave"
    durham = next(a for a in police["answer"] if a["council"] == "Durham County Council")
    assert durham["still_present"] and durham["first"]["paragraph"]
    diff = run("ask", "what changed between the 2022 and 2024 CLASP papers", *db).output
    assert diff.startswith("$ papermine diff durham/2022 durham/2024-01-26")
    assert "from durham/2022 Children Looked After" in diff and "frequency annually + quarterly -> six-monthly" in diff


def test_a_question_that_maps_to_nothing_gets_one_line(sample_db):
    result = CliRunner().invoke(cli, ["ask", "what is the weather like in Durham?", "--db", str(sample_db)])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "understood: council Durham County Council" in result.output
    assert "commands: dropped, diff, timeline, themes, agencies, lines, search, docs, show" in result.output
