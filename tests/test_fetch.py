"""`papermine fetch` against a ModernGov-like site served on 127.0.0.1
(tests/moderngov_server.py): both modes, committee matching, the document
rules, politeness, failures and resuming."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from papermine.cli import cli
from papermine.fetch import pages, service
from papermine.fetch.records import clean_text, parse_service_date

from moderngov_server import COUNCIL, SiteServer, make_pdf, sample_site

ROOT = Path(__file__).resolve().parents[1]
FAST = "0.01"                  # --delay in tests, except the pacing test
PANEL = "corporate parenting panel"
FOLDER = Path("northshire-county-council/corporate-parenting-panel")
#: What the sample site's panel (ids 20 and 21) has in 2013-2016 under the document rules.
EXPECTED_FILES = {
    "2013-03-14/annual-report-of-the-virtual-school.pdf",
    "2013-03-14/appendix-a-attainment-data.pdf",
    "2013-03-14/printed-minutes.pdf",
    "2014-06-12/printed-minutes.pdf",
    "2014-06-12/public-reports-pack.pdf",                  # shape A: the pack is the only copy
    "2015-02-05/care-leavers-local-offer.pdf",
    "2015-02-05/health-wellbeing-of-children-in-care.pdf",
    "2015-02-05/printed-minutes.pdf",
    "2016-11-10/independent-reviewing-officer-annual-report.pdf",
}


@pytest.fixture(scope="module")
def site():
    return sample_site()


@pytest.fixture
def server(site):
    with SiteServer(site) as srv:
        yield srv
    assert not srv.errors, srv.errors


def fetch(server, out: Path, *args: str, committee: str = PANEL):
    argv = ["fetch", server.url, "--committee", committee, "--out", str(out), "--delay", FAST, *args]
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def manifest(out: Path, folder: Path = FOLDER) -> list[dict]:
    with (out / folder / "manifest.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def files(out: Path, folder: Path = FOLDER) -> set[str]:
    root = out / folder
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.name != "manifest.csv"}


def document_requests(server) -> list[str]:
    return [r.path for r in server.log if r.path.startswith(("/documents/", "/mgConvert2PDF"))]


# ---- web service mode ------------------------------------------------------------

def test_service_mode_fetches_the_documents_with_a_manifest_and_a_second_run_fetches_nothing(server, tmp_path):
    result = fetch(server, tmp_path, "--since", "2013", "--until", "2016")
    assert result.exit_code == 0, result.output
    assert "web service" in result.stdout
    assert "Corporate Parenting Panel (id 20); Corporate Parenting Panel (id 21, expired)" in result.stdout
    assert "5 meetings (1 cancelled)" in result.stdout and "9 downloaded" in result.stdout
    assert files(tmp_path) == EXPECTED_FILES

    rows = {r["file"]: r for r in manifest(tmp_path) if r["file"]}
    assert set(rows) == EXPECTED_FILES
    report = rows["2013-03-14/annual-report-of-the-virtual-school.pdf"]
    assert report["council"] == COUNCIL and report["committee"] == "Corporate Parenting Panel"
    assert report["date"] == "2013-03-14" and report["title"] == "Annual Report of the Virtual School"
    assert report["source"] == server.url + "/documents/s1001/Annual%20Report%20of%20the%20Virtual%20School.pdf"
    assert {r["date"] for r in rows.values()} == {"2013-03-14", "2014-06-12", "2015-02-05", "2016-11-10"}
    # the title encoded twice in the XML comes out once decoded
    assert rows["2015-02-05/health-wellbeing-of-children-in-care.pdf"]["title"] == \
        "Health & Wellbeing of Children in Care"

    # identified, one connection at a time, the cancelled meeting not asked for
    assert all(r.user_agent.startswith("papermine/0.1.0 (") and "+http" in r.user_agent for r in server.log)
    spans = sorted((r.start, r.end) for r in server.log)
    assert all(b[0] >= a[1] for a, b in zip(spans, spans[1:])), "two requests at once"
    assert not server.requests("/mgWebService.asmx/GetMeeting?lMeetingId=103")
    assert not (tmp_path / FOLDER / "2014-09-18").exists()

    server.log.clear()
    again = fetch(server, tmp_path, "--since", "2013", "--until", "2016")
    assert again.exit_code == 0, again.output
    assert document_requests(server) == []
    assert "0 downloaded, 9 already here" in again.stdout
    assert files(tmp_path) == EXPECTED_FILES


def test_get_meetings_is_asked_a_year_at_a_time_with_uk_dates(server, tmp_path):
    assert fetch(server, tmp_path, "--since", "2013", "--until", "2016").exit_code == 0
    asked = [r.path for r in server.requests("/mgWebService.asmx/GetMeetings")]
    assert len(asked) == 8                                   # 4 years x 2 committee ids
    chunks = set()
    for path in asked:
        query = dict(p.split("=", 1) for p in path.split("?", 1)[1].split("&"))
        start, end = parse_service_date(query["sFromDate"]), parse_service_date(query["sToDate"])
        assert query["sFromDate"][2] == "/" and 0 < (end - start).days <= 366
        chunks.add((query["lCommitteeId"], start.year))
    assert chunks == {(cid, year) for cid in ("20", "21") for year in range(2013, 2017)}


def test_the_document_rules_pack_duplicates_restricted_cancelled(server, tmp_path):
    result = fetch(server, tmp_path, "--since", "2013", "--until", "2016", "--json")
    data = json.loads(result.stdout)
    assert data["mode"] == "service" and data["cancelled"] == 1
    assert data["skipped"] == {"duplicate": 3, "frontsheet": 3, "pack": 3, "restricted": 1}
    # the pack only where the meeting has no separate reports (12 June 2014)
    packs = [r for r in server.requests("/documents/g") if r.path.endswith("?T=10")]
    assert [r.path.split("/")[2] for r in packs] == ["g102"]
    assert not any(r.path.endswith("?T=0") for r in server.requests("/documents/g"))
    # the restricted attachment is never asked for
    assert not server.requests("/documents/s1003") and not server.requests("/mgConvert2PDF.aspx?ID=1003")
    # the same attachment under two items: fetched once
    assert len(server.requests("/documents/s2001/")) == 1
    # copies by content: the 2013 minutes under the 2014 "Minutes" item, and a report re-attached in 2016
    dupes = {r["source"].rsplit("/", 1)[-1]: r["duplicate_of"] for r in manifest(tmp_path) if not r["file"]}
    assert dupes == {"Minutes%20of%20the%20previous%20meeting.pdf": "2013-03-14/printed-minutes.pdf",
                     "Care%20Leavers%20Local%20Offer%20(for%20reference).pdf":
                         "2015-02-05/care-leavers-local-offer.pdf"}
    statuses = {(d["date"], d["title"]): d["status"] for d in data["documents"]}
    assert statuses[("2013-03-14", "Placement costs")] == "skipped"
    assert statuses[("2013-03-14", "Public reports pack")] == "skipped"


# ---- HTML mode -----------------------------------------------------------------------

def test_html_mode_gives_the_same_papers_and_manifest(site, tmp_path):
    with SiteServer(site) as on:
        assert fetch(on, tmp_path / "service", "--since", "2013", "--until", "2016").exit_code == 0
    with SiteServer(site) as off:
        off.service = False
        result = fetch(off, tmp_path / "html", "--since", "2013", "--until", "2016")
        assert result.exit_code == 0, result.output
        assert "HTML pages" in result.stdout and "web service does not answer" in result.stderr
        assert len(off.requests("/mgWebService.asmx")) == 1
    assert files(tmp_path / "html") == files(tmp_path / "service") == EXPECTED_FILES

    def comparable(rows, port):
        keep = ("file", "council", "committee", "date", "title", "kind", "sha256", "duplicate_of")
        return sorted((tuple(r[k] for k in keep), r["source"].split(str(port), 1)[1]) for r in rows)
    assert comparable(manifest(tmp_path / "html"), off.httpd.server_address[1]) == \
        comparable(manifest(tmp_path / "service"), on.httpd.server_address[1])
    for name in EXPECTED_FILES:
        assert (tmp_path / "html" / FOLDER / name).read_bytes() == (tmp_path / "service" / FOLDER / name).read_bytes()


# ---- committees ------------------------------------------------------------------------

def test_a_renamed_committee_is_found_listed_as_expired_with_its_successor(server, tmp_path):
    result = fetch(server, tmp_path, "--since", "2011", "--until", "2011", committee="CORPORATE parenting board")
    assert result.exit_code == 0, result.output
    assert "Corporate Parenting Board (id 10, expired)" in result.stdout
    assert "may go on under: Corporate Parenting Panel (id 20)" in result.stdout
    assert files(tmp_path, Path("northshire-county-council/corporate-parenting-board")) == {
        "2011-05-04/placement-stability-report.pdf", "2011-05-04/printed-minutes.pdf"}


def test_an_ambiguous_name_lists_the_candidates_and_exits_1(server, tmp_path):
    result = fetch(server, tmp_path, committee="planning")
    assert result.exit_code == 1
    assert "Planning Committee (id 30)" in result.stderr and "Planning Policy Panel (id 31)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    board_or_panel = fetch(server, tmp_path, committee="Corporate Parenting")
    assert board_or_panel.exit_code == 1 and "Corporate Parenting Board (id 10, expired)" in board_or_panel.stderr
    part = fetch(server, tmp_path, "--since", "2016", "--until", "2016", committee="parenting PANEL")
    assert part.exit_code == 0 and "(id 20); Corporate Parenting Panel (id 21, expired)" in part.stdout
    by_id = fetch(server, tmp_path, "--since", "2016", "--until", "2016", committee="40")
    assert by_id.exit_code == 0 and "Audit Committee (id 40)" in by_id.stdout
    missing = fetch(server, tmp_path, committee="Adoption Panel")
    assert missing.exit_code == 1 and "no committee" in missing.stderr


# ---- failures and politeness -----------------------------------------------------------

def test_a_503_is_retried_until_it_succeeds(server, tmp_path):
    server.fail_first = {"/mgWebService.asmx/GetMeeting?lMeetingId=101": 1, "/documents/s1001/": 2}
    result = fetch(server, tmp_path, "--since", "2013", "--until", "2013")
    assert result.exit_code == 0, result.output
    assert [r.status for r in server.requests("/mgWebService.asmx/GetMeeting?lMeetingId=101")] == [503, 200]
    assert [r.status for r in server.requests("/documents/s1001/")] == [503, 503, 200]
    assert "2013-03-14/annual-report-of-the-virtual-school.pdf" in files(tmp_path)


def test_a_transfer_broken_off_is_retried_and_the_file_is_whole(server, tmp_path, site):
    server.break_first = {"/documents/s1001/": 2}
    result = fetch(server, tmp_path, "--since", "2013", "--until", "2013")
    assert result.exit_code == 0, result.output
    assert len(server.requests("/documents/s1001/")) == 3
    kept = tmp_path / FOLDER / "2013-03-14/annual-report-of-the-virtual-school.pdf"
    served = next(a.body for a in site.attachments().values() if a.path.startswith("/documents/s1001/"))
    assert kept.read_bytes() == served
    assert not list((tmp_path / FOLDER).rglob("*.part"))


def test_a_failed_document_is_one_line_and_the_rest_goes_on(server, tmp_path):
    server.fail_first = {"/documents/s1002/": 10}          # more 503s than attempts
    result = fetch(server, tmp_path, "--since", "2013", "--until", "2013")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(lines) == 1 and "/documents/s1002/" in lines[0] and "HTTP 503 after 4 attempts" in lines[0]
    assert "2013-03-14/printed-minutes.pdf" in files(tmp_path)
    assert not list((tmp_path / FOLDER).rglob("*.part"))


def test_a_403_stops_with_one_clear_line(server, tmp_path):
    server.forbidden = True
    result = fetch(server, tmp_path)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "403" in result.stderr and server.url in result.stderr
    assert "does not work around it" in result.stderr
    deadline = time.monotonic() + 5          # the server logs a request once it has answered it
    while not server.log and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(server.log) == 1 and not tmp_path.joinpath("northshire-county-council").exists()


def test_a_challenge_page_stops_with_one_clear_line(server, tmp_path):
    server.challenge = True
    result = fetch(server, tmp_path)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "challenge page" in result.stderr


def test_robots_txt_is_honoured(server, tmp_path):
    server.robots = ("User-agent: *\nDisallow: /mgRss.aspx\n\nUser-agent: papermine\n"
                     "Disallow: /mgWebService.asmx\nDisallow: /documents/s2002\n")
    result = fetch(server, tmp_path, "--since", "2015", "--until", "2015")
    assert result.exit_code == 0, result.output
    assert "HTML pages" in result.stdout and "robots.txt disallows" in result.stderr
    assert not server.requests("/mgWebService.asmx") and not server.requests("/documents/s2002")
    assert "2015-02-05/care-leavers-local-offer.pdf" in files(tmp_path)

    server.robots = "User-agent: *\nDisallow: /\n"
    second_run = time.monotonic()       # the server logs a request once answered: go by start time
    shut = fetch(server, tmp_path / "none")
    assert shut.exit_code == 1 and "robots.txt disallows" in shut.stderr
    assert [r.path for r in server.log if r.start >= second_run] == ["/robots.txt"]


def test_requests_are_paced_by_delay(server, tmp_path):
    delay = 0.25
    result = CliRunner().invoke(cli, ["fetch", server.url, "--committee", "Audit Committee", "--since", "2016",
                                      "--until", "2016", "--out", str(tmp_path), "--delay", str(delay)])
    assert result.exit_code == 0, result.output
    log = sorted(server.log, key=lambda r: r.start)
    assert 5 <= len(log) <= 8
    gaps = [b.start - a.end for a, b in zip(log, log[1:])]
    assert min(gaps) >= delay - 0.01, gaps


# ---- resuming ----------------------------------------------------------------------------

def test_a_killed_fetch_resumes_without_fetching_again_what_is_whole(site, tmp_path):
    slow = make_pdf("Health and Wellbeing of Children in Care", ["A long report."] * 20, pad_to=400_000)
    big = next(a for m in site.meetings for i in m.items for a in i.attachments if a.id == 2002)
    original, big.body = big.body, slow
    try:
        with SiteServer(site) as server:
            server.slow = {"/documents/s2002/": 0.05}
            argv = [sys.executable, "-m", "papermine", "fetch", server.url, "--committee", PANEL, "--since", "2013",
                    "--until", "2015", "--out", str(tmp_path), "--delay", FAST]
            proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env={**os.environ, "PYTHONPATH": str(ROOT)})
            try:
                assert server.slow_started.wait(60), "the slow document was never asked for"
            finally:
                proc.send_signal(signal.SIGKILL)
                proc.wait(10)
            folder = tmp_path / FOLDER
            assert list(folder.glob("2015-02-05/*.part")), "no temporary file mid-download"
            assert not (folder / "2015-02-05/health-wellbeing-of-children-in-care.pdf").exists()
            assert not any("s2002" in r["source"] for r in manifest(tmp_path))
            before = files(tmp_path)
            assert "2013-03-14/annual-report-of-the-virtual-school.pdf" in before

            server.slow = {}
            server.log.clear()
            result = fetch(server, tmp_path, "--since", "2013", "--until", "2015")
            assert result.exit_code == 0, result.output
            fetched = document_requests(server)
            assert any("/documents/s2002/" in p for p in fetched)
            for name in before - {n for n in before if n.endswith(".part")}:
                source = next(r["source"] for r in manifest(tmp_path) if r["file"] == name)
                assert not any(source.endswith(p.replace(" ", "%20")) for p in fetched), name
            assert (folder / "2015-02-05/health-wellbeing-of-children-in-care.pdf").read_bytes() == slow
            assert not list(folder.rglob("*.part"))
    finally:
        big.body = original


# ---- ingest -----------------------------------------------------------------------------

def test_ingest_in_the_same_run_stores_the_papers_with_the_service_dates(server, tmp_path):
    db = tmp_path / "papers.db"
    result = fetch(server, tmp_path / "out", "--since", "2015", "--until", "2016", "--ingest", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "ingest into" in result.stdout
    from papermine.store import open_store
    with open_store(db, create=False) as store:
        docs = store.documents()
    assert {(d["date"], d["title"]) for d in docs} == {
        # a title the paper prints wins over the service's ("&" there, "and" in the paper)
        ("2015-02-05", "Care Leavers Local Offer"), ("2015-02-05", "Health and Wellbeing of Children in Care"),
        ("2015-02-05", "Minutes of the Corporate Parenting Panel (February)"),
        ("2016-11-10", "Independent Reviewing Officer annual report")}
    assert {d["council"] for d in docs} == {COUNCIL} and {d["committee"] for d in docs} == {"Corporate Parenting Panel"}


# ---- readers -----------------------------------------------------------------------------

def test_service_xml_quirks_and_no_entity_expansion():
    assert clean_text("  Health &amp;amp; Wellbeing \n") == "Health & Wellbeing"
    assert str(parse_service_date("10/02/2026")) == "2026-02-10"
    assert str(parse_service_date("2026-02-10T00:00:00")) == "2026-02-10"
    committees = service.read_committees(
        b'<?xml version="1.0" encoding="utf-8"?><committees><committeescount> 1</committeescount><committee>'
        b"<committeeid>7</committeeid><committeetitle>Audit\n  Committee </committeetitle>"
        b"<committeedeleted>False</committeedeleted><committeeexpired>True</committeeexpired></committee>"
        b"</committees>")
    assert [(c.id, c.title, c.expired) for c in committees] == [("7", "Audit Committee", True)]
    bomb = b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><committees>&b;</committees>'
    with pytest.raises(service.ServiceError):
        service.read_committees(bomb)


def test_page_links_are_encoded_and_lose_the_hidden_size_span():
    body = (b'<ul class="mgActionList"><li><a href="documents/g5/Public reports pack 1st-Jan-2020 '
            b'Panel.pdf?T=10">Public reports pack<span class="mgHide"> PDF 2 MB</span></a></li></ul>'
            b'<a href="documents/s9/Report of\r\n the Director.pdf">Report of the Director'
            b'<span class="mgHide"> PDF 1 MB</span></a><a href="mgConvert2PDF.aspx?ID=12">Map</a>')
    cancelled, docs, _title = pages.read_documents("https://democracy.example.gov.uk/ieListDocuments.aspx?MId=5",
                                                   body)
    assert not cancelled
    assert [(d.level, d.kind, d.title, d.attachment_id) for d in docs] == [
        ("meeting", "pack", "Public reports pack", "T10"), ("item", "report", "Report of the Director", "9"),
        ("item", "report", "Map", "12")]
    assert docs[0].url == ("https://democracy.example.gov.uk/documents/g5/"
                           "Public%20reports%20pack%201st-Jan-2020%20Panel.pdf?T=10")
    assert docs[1].url == "https://democracy.example.gov.uk/documents/s9/Report%20of%20the%20Director.pdf"


def test_meeting_list_dates_and_cancellations():
    body = (b'<ul><li><a href="ieListDocuments.aspx?CId=7&amp;MId=70&amp;Ver=4">Thursday, 14th March, 2013 '
            b'10.00 am</a></li><li><a href="ieListDocuments.aspx?CId=7&amp;MId=71&amp;Ver=4">18-Sep-2014</a> '
            b'CANCELLED</li><li><a href="ieListDocuments.aspx?CId=7&amp;MId=72&amp;Ver=4">02/10/2014</a></li></ul>')
    meetings = pages.read_meeting_list("https://democracy.example.gov.uk/ieListMeetings.aspx?CId=7", body, "7")
    assert [(m.id, str(m.date), m.cancelled) for m in meetings] == [
        ("70", "2013-03-14", False), ("71", "2014-09-18", True), ("72", "2014-10-02", False)]
    assert meetings[0].page_url == "https://democracy.example.gov.uk/ieListDocuments.aspx?CId=7&MId=70&Ver=4"


def test_a_challenge_is_told_from_a_page_with_cloudflare_scripts():
    import httpx
    from papermine.fetch.client import _is_challenge
    page = b'<html><head><title>Browse meetings</title><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js">'
    assert not _is_challenge(httpx.Response(200), page)
    assert _is_challenge(httpx.Response(200), b"<html><head><title>Just a moment...</title>")
    assert _is_challenge(httpx.Response(403, headers={"cf-mitigated": "challenge"}), b"")


def test_a_dead_address_costs_one_budget_of_attempts(tmp_path):
    """Timeouts, refused connections and 5xx draw on one budget: a dead host is asked MAX_ATTEMPTS times."""
    import socket

    from papermine.errors import RobotsDisallowed
    from papermine.fetch.client import MAX_ATTEMPTS, PoliteClient

    with socket.socket() as sock:                 # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    waits: list[float] = []
    with PoliteClient(delay=0, sleep=waits.append) as client:
        # robots.txt is asked first; rules that cannot be read forbid the site (RFC 9309)
        with pytest.raises(RobotsDisallowed, match=f"connection failed .* after {MAX_ATTEMPTS} attempts"):
            client.get(f"http://127.0.0.1:{port}/documents/x.pdf")
        assert client.requests == MAX_ATTEMPTS
    assert len([w for w in waits if w > 0]) == MAX_ATTEMPTS - 1     # backoff between attempts only


def test_robots_txt_that_cannot_be_read_forbids_the_site(server, tmp_path):
    server.fail_first = {"/robots.txt": 10}                # more 503s than attempts
    result = fetch(server, tmp_path)
    assert result.exit_code == 1 and "robots.txt could not be read (HTTP 503 after 4 attempts)" in result.stderr
    assert {r.path for r in server.log} == {"/robots.txt"}
    assert len(server.log) == 4
