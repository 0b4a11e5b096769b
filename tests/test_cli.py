"""The command line: every command has help with an example and is in the
README; parse prints the readable view and the SPEC's JSON."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from papermine.cli import cli

from conftest import CORPUS, ROOT

CLASP_2024 = CORPUS / "durham/2024-01-26_corporate-parenting-panel_clasp-update.txt"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help and "Example: papermine " + name in command.help, name
        assert re.search(rf"`papermine {name}\b", readme), f"{name} missing from README"


def test_parse_json_has_the_spec_shape():
    result = run("parse", str(CLASP_2024), "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) >= {"id", "meta", "sections", "paragraphs"}
    assert set(data["meta"]) >= {"council", "committee", "date", "title", "source", "sha256"}
    assert {"heading", "kind", "paragraphs"} <= set(data["sections"][1])
    para9 = next(p for p in data["paragraphs"] if p["number"] == "9")
    assert para9["section"] == "Background" and para9["page"] is None
    assert para9["items"][2]["label"] == "Priority 3"
    assert {"label", "text"} <= set(para9["items"][0])
    unnumbered = [p for p in data["paragraphs"] if p["number"] is None]
    assert unnumbered and all(p["text"] for p in unnumbered if not p["items"])


def test_parse_readable_view_lists_sections_and_numbers():
    result = run("parse", str(CLASP_2024))
    assert result.exit_code == 0
    assert "Executive summary [summary]" in result.output
    assert re.search(r"^\s+9\s+p-\s+To achieve this vision", result.output, re.M)
    assert "date       2024-01-26  (printed)" in result.output


def test_metadata_options_fill_what_the_paper_does_not_print(tmp_path):
    path = tmp_path / "excerpt.txt"
    path.write_text("Background\n\n1 The partnership meets quarterly.\n", encoding="utf-8")
    data = json.loads(run("parse", str(path), "--json", "--council", "Durham County Council",
                          "--date", "2022-09-01").output)
    assert data["meta"]["council"] == "Durham County Council"
    assert data["meta"]["provenance"] == {"council": "option", "date": "option"}
    assert data["meta"]["committee"] is None


def test_usage_error_exits_2():
    assert CliRunner().invoke(cli, ["parse"]).exit_code == 2


P2022 = CORPUS / "durham/2022-08_corporate-parenting-panel_clasp-annual-report.txt"


def test_diff_two_files_without_a_database(tmp_path):
    result = CliRunner().invoke(cli, ["diff", str(P2022), str(CLASP_2024), "--json",
                                      "--db", str(tmp_path / "absent.db")], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) >= {"from", "to", "persisted", "reworded", "dropped", "new", "governance"}
    assert set(data["governance"]) >= {"added", "removed", "changed"}
    assert data["from"]["id"].startswith("durham_undated") and data["to"]["date"] == "2024-01-26"
    assert not (tmp_path / "absent.db").exists()
    text = run("diff", str(P2022), str(CLASP_2024)).output
    assert "frequency annually + quarterly -> six-monthly" in text
    assert "member left: Advocacy services" in text


def test_query_commands_on_the_store(sample_db, tmp_path):
    db = ["--db", str(sample_db)]
    dropped = run("dropped", "--council", "durham", *db)
    assert dropped.exit_code == 0 and "Meet needs of Children Looked After and Care Leavers with SEND." in dropped.output
    data = json.loads(run("dropped", "--council", "durham", "--json", *db).output)
    assert data[0]["council"] == "Durham County Council" and data[0]["dropped"]
    timeline = run("timeline", "--theme", "special educational needs and disabilities", *db).output
    assert "Durham County Council" in timeline and "special educational needs" in timeline
    bad_theme = CliRunner().invoke(cli, ["timeline", "--theme", "nonsense", *db])
    assert bad_theme.exit_code == 1 and "unknown theme" in bad_theme.output
    agencies = run("agencies", "--council", "durham", *db).output
    assert re.search(r"Advocacy services .* not in durham/2024-01-26", agencies)
    lines = json.loads(run("lines", "--council", "durham", "--json", *db).output)
    clasp = next(r for r in lines if r["from"] == "Children Looked After Strategic Partnership"
                 and r["relation"] == "reports_to" and r["to"] == "Corporate Parenting Panel")
    assert clasp["years"] == {"2022": ["quarterly", "annually"], "2024": ["six-monthly"]}
    assert "2022: quarterly/annually, 2024: six-" in run("lines", "--council", "durham", *db).output
    out = tmp_path / "g.gexf"
    graph = run("graph", "--format", "gexf", "-o", str(out), "--council", "durham", *db)
    assert graph.exit_code == 0 and out.exists() and "nodes" in graph.output
    empty = CliRunner().invoke(cli, ["graph", "--format", "json", "-o", str(tmp_path / "x.json"),
                                     "--council", "nowhere", *db])
    assert empty.exit_code == 1
