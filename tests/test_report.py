"""The HTML report: self-contained, every citation resolves, document text escaped."""
from __future__ import annotations

import re
import shutil

from click.testing import CliRunner

from papermine.cli import cli
from papermine.report import build_report
from papermine.store import ingest, open_store

from conftest import CORPUS

HOSTILE = """Corporate Parenting Panel

12 March 2023

Partnership <script>alert('x')</script> Update

Report of the Head of Children's Social Care, Durham County Council

Background

1 The partnership will report quarterly into the Corporate Parenting Panel.

2 To achieve this the partnership has 2 Priority Actions as follows:

Priority 1) Improve placement stability <img src=x onerror=alert(1)> for our children.

Priority 2) Develop the local offer for care leavers.
"""


def test_report_on_the_samples(sample_db, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "-o", str(out), "--db", str(sample_db)], catch_exceptions=False)
    assert result.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Durham County Council: 2018-11-30 to 2024-01-26 (4 papers)" in html
    assert "Meet needs of Children Looked After and Care Leavers with SEND." in html
    assert "renamed: Looked After Children Strategic Partnership &rarr; Children Looked After Strategic Partnership" in html
    assert 'src="data:image/png;base64,' in html
    assert not re.search(r'<(script|link)\b|src="http', html)                 # self-contained
    targets = set(re.findall(r'href="#([^"]+)"', html))
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert targets and targets <= ids                                        # every citation resolves


def test_document_text_is_escaped(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    shutil.copy(CORPUS / "durham/2024-01-26_corporate-parenting-panel_clasp-update.txt", folder / "later.txt")
    with open_store(tmp_path / "t.db") as store:
        assert ingest(store, [folder], workers=1).count("failed") == 0
        html = build_report(store)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
