"""A ModernGov-like site on 127.0.0.1 for the fetch tests.

Written from ../shared/MODERNGOV.md, with its own fixtures: the web service's
three operations (GetCommittees, GetMeetings, GetMeeting) as text/xml without
validators, the public pages (mgListCommittees, ieListMeetings,
ieListDocuments) with relative hrefs holding raw spaces and line breaks and
link text with a hidden size span, meeting-level documents under
`documents/g<MId>/...?T=n`, attachments under `documents/s<id>/...` and
`mgConvert2PDF.aspx?ID=` redirecting there. Small PDFs are made with reportlab.

Behaviour switches on `SiteServer`: the service on or off, robots.txt, 503s
before success, a 403 for everything, a document streamed slowly or broken off. Every
request is logged with its times and User-Agent.
"""
from __future__ import annotations

import io
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, unquote, urlsplit
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

COUNCIL = "Northshire County Council"


def make_pdf(title: str, paragraphs: list[str], pad_to: int = 0) -> bytes:
    """A small text PDF: a bold title and numbered paragraphs (no date printed,
    so the manifest's date is the one ingest keeps). `pad_to` adds pages of
    text until the file is at least that many bytes (for slow streaming)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=0)
    page = 0
    while True:
        y = A4[1] - 90
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, y, title)
        c.setFont("Helvetica", 11)
        for number, text in enumerate(paragraphs, start=1):
            y -= 24
            c.drawString(72, y, f"{number}.")
            c.drawString(100, y, text)
        c.showPage()
        page += 1
        if page * 1500 >= pad_to:
            break
    c.save()
    return buf.getvalue()


@dataclass
class Attachment:
    id: int
    title: str
    body: bytes
    restricted: bool = False

    @property
    def path(self) -> str:
        return f"/documents/s{self.id}/{self.title}.pdf"


@dataclass
class Item:
    number: int
    title: str
    attachments: list[Attachment] = field(default_factory=list)
    restricted: bool = False


@dataclass
class MeetingFixture:
    id: int
    committee_id: int
    date: date
    items: list[Item] = field(default_factory=list)
    status: str = "Confirmed"
    frontsheet: bytes | None = None
    pack: bytes | None = None
    minutes: bytes | None = None

    def meeting_doc_path(self, label: str, t: int, committee_title: str) -> str:
        return f"/documents/g{self.id}/{label} {self.date:%d-%b-%Y} 10.00 {committee_title}.pdf?T={t}"


@dataclass
class CommitteeFixture:
    id: int
    title: str
    expired: bool = False


@dataclass
class Site:
    committees: list[CommitteeFixture]
    meetings: list[MeetingFixture]

    def committee(self, cid: int) -> CommitteeFixture:
        return next(c for c in self.committees if c.id == cid)

    def meeting(self, mid: int) -> MeetingFixture:
        return next(m for m in self.meetings if m.id == mid)

    def attachments(self) -> dict[int, Attachment]:
        return {a.id: a for m in self.meetings for i in m.items for a in i.attachments}

    def meeting_docs(self, m: MeetingFixture) -> list[tuple[str, str, bytes]]:
        """(link text, path, body) of a meeting's documents/g... files."""
        title = self.committee(m.committee_id).title
        docs = [("Agenda frontsheet", 0, m.frontsheet), ("Public reports pack", 10, m.pack),
                ("Printed minutes", 1, m.minutes)]
        return [(label, m.meeting_doc_path(label, t, title), body) for label, t, body in docs if body]


def sample_site() -> Site:
    """A panel renamed once and re-formed once, a cancelled meeting, restricted
    and duplicate attachments, both pack shapes, and a same-prefix pair of
    committees for an ambiguous name."""
    def pdf(title, *paras):
        return make_pdf(title, list(paras) or [f"The panel considered the {title.lower()}."])

    minutes_2013 = pdf("Minutes of the Corporate Parenting Panel", "Present: the Chair and members.",
                       "The panel noted the annual report of the virtual school.")
    minutes_2014 = pdf("Minutes of the Corporate Parenting Panel (June)", "Present: the Chair.",
                       "The panel noted the sufficiency strategy.")
    shared_report = pdf("Care Leavers Local Offer", "The local offer was refreshed with care leavers.",
                        "The panel will receive the offer annually.")
    meetings = [
        MeetingFixture(90, 10, date(2011, 5, 4), [
            Item(3, "Placement stability", [Attachment(901, "Placement stability report",
                                                       pdf("Placement stability report"))])],
            minutes=pdf("Minutes of the Corporate Parenting Board")),
        # shape B: separate reports and a pack that repeats them
        MeetingFixture(101, 21, date(2013, 3, 14), [
            Item(1, "Apologies"),
            Item(3, "Virtual School annual report", [
                Attachment(1001, "Annual Report of the Virtual School",
                           pdf("Annual Report of the Virtual School", "Attainment of children in care improved.",
                               "The Virtual School Head reports to the panel annually.")),
                Attachment(1002, "Appendix A - Attainment data", pdf("Appendix A - Attainment data"))]),
            Item(4, "Exempt: placement costs", [Attachment(1003, "Placement costs", pdf("Placement costs"))],
                 restricted=True)],
            frontsheet=pdf("Agenda"), pack=pdf("Public reports pack 14 March"), minutes=minutes_2013),
        # shape A: the pack is the only copy of the reports; the minutes item
        # links the previous meeting's minutes again
        MeetingFixture(102, 21, date(2014, 6, 12), [
            Item(2, "Minutes", [Attachment(1004, "Minutes of the previous meeting", minutes_2013)]),
            Item(3, "Sufficiency strategy")],
            frontsheet=pdf("Agenda June"), pack=pdf("Public reports pack 12 June", "Sufficiency strategy.",
                                                    "Health &amp; wellbeing of children in care."),
            minutes=minutes_2014),
        MeetingFixture(103, 21, date(2014, 9, 18), [], status="Cancelled"),
        # the same attachment under two items; a title with an entity encoded twice
        MeetingFixture(201, 20, date(2015, 2, 5), [
            Item(3, "Local offer", [Attachment(2001, "Care Leavers Local Offer", shared_report)]),
            Item(4, "Pathway plans", [Attachment(2001, "Care Leavers Local Offer", shared_report),
                                      Attachment(2002, "Health & Wellbeing of Children in Care",
                                                 pdf("Health and Wellbeing of Children in Care"))])],
            frontsheet=pdf("Agenda February"), pack=pdf("Public reports pack 5 February"),
            minutes=pdf("Minutes of the Corporate Parenting Panel (February)")),
        # a copy of an earlier report under a new attachment id (same bytes)
        MeetingFixture(202, 20, date(2016, 11, 10), [
            Item(3, "Reports", [Attachment(2003, "Independent Reviewing Officer annual report",
                                           pdf("Independent Reviewing Officer annual report")),
                                Attachment(2004, "Care Leavers Local Offer (for reference)", shared_report)])],
            pack=pdf("Public reports pack 10 November")),
        MeetingFixture(203, 20, date(2017, 1, 19), [
            Item(3, "Later report", [Attachment(2005, "Later report", pdf("Later report"))])]),
        MeetingFixture(301, 30, date(2016, 3, 3), [
            Item(5, "Appeals", [Attachment(3001, "Appeals report", pdf("Appeals report"))])]),
        MeetingFixture(401, 40, date(2016, 4, 7), [
            Item(5, "Internal audit", [Attachment(4001, "Internal audit plan", pdf("Internal audit plan"))])],
            minutes=pdf("Minutes of the Audit Committee")),
    ]
    committees = [CommitteeFixture(10, "Corporate Parenting Board", expired=True),
                  CommitteeFixture(20, "Corporate Parenting Panel"),
                  CommitteeFixture(21, "Corporate Parenting Panel", expired=True),
                  CommitteeFixture(30, "Planning Committee"),
                  CommitteeFixture(31, "Planning Policy Panel"),
                  CommitteeFixture(40, "Audit Committee")]
    return Site(committees, meetings)


@dataclass
class Logged:
    start: float
    end: float
    path: str
    user_agent: str
    status: int


class SiteServer:
    """The site served on 127.0.0.1 in a thread: `with SiteServer(site) as server:`."""

    def __init__(self, site: Site):
        self.site = site
        self.service = True
        self.robots: str | None = None
        self.forbidden = False
        self.challenge = False                     # a bot-check page for everything
        self.fail_first: dict[str, int] = {}       # path+query start -> 503s still to send
        self.slow: dict[str, float] = {}           # path start -> seconds per chunk
        self.break_first: dict[str, int] = {}      # path start -> transfers still to break off halfway
        self.slow_started = threading.Event()
        self._log: list[Logged] = []
        self._idle = threading.Condition()
        self._in_flight = 0                        # requests whose handler has not yet logged them
        self._lock = threading.Lock()
        self.errors: list[BaseException] = []      # errors in the handlers, other than a client hanging up
        self.httpd = _Server(("127.0.0.1", 0), _handler(self))
        self.httpd.owner = self
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def log(self) -> list[Logged]:
        """Every request so far. The client may read an answer before the handler has
        logged it, so this waits (a few seconds at most) for handlers still running."""
        with self._idle:
            self._idle.wait_for(lambda: self._in_flight == 0, timeout=5)
            return self._log

    def requests(self, start: str = "") -> list[Logged]:
        return [r for r in self.log if r.path.startswith(start)]

    def started(self) -> None:
        with self._idle:
            self._in_flight += 1

    def record(self, entry: Logged) -> None:
        with self._idle:
            self._log.append(entry)
            self._in_flight -= 1
            self._idle.notify_all()

    def take_failure(self, target: str, kind: str = "fail_first") -> bool:
        with self._lock:
            counts = getattr(self, kind)
            for prefix, left in counts.items():
                if target.startswith(prefix) and left > 0:
                    counts[prefix] = left - 1
                    return True
        return False


class _Server(ThreadingHTTPServer):
    owner: SiteServer

    def handle_error(self, request, client_address):
        """Kept, not printed: a client that hangs up (as a killed fetch does) is no error."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            self.owner.errors.append(error)


def _handler(server: SiteServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True     # no 40 ms stalls between headers and body

        def log_message(self, *args):       # quiet
            pass

        def do_GET(self):
            server.started()
            start = time.monotonic()
            status = 500
            try:
                status = self._route()
            finally:
                server.record(Logged(start, time.monotonic(), unquote(self.path),
                                     self.headers.get("User-Agent", ""), status))

        def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
                  headers: dict | None = None) -> int:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
            return status

        def _xml(self, text: str) -> int:
            return self._send(200, ('<?xml version="1.0" encoding="utf-8"?>\n' + text).encode(),
                              "text/xml; charset=utf-8")

        def _html(self, title: str, body: str) -> int:
            return self._send(200, f"<html><head><title>{escape(title)} | {COUNCIL}</title></head>"
                                   f"<body><div class=\"mgContent\">{body}</div></body></html>".encode())

        def _route(self) -> int:
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            query = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
            target = unquote(self.path)
            if server.forbidden or not self.headers.get("User-Agent"):
                return self._send(403, b"<html><body>Forbidden</body></html>")
            if server.challenge:
                return self._send(503, b"<html><head><title>Just a moment...</title></head><body>"
                                       b"<script src=\"/cdn-cgi/challenge-platform/h/b/orchestrate\"></script>"
                                       b"</body></html>", headers={"cf-mitigated": "challenge"})
            if server.take_failure(target):
                return self._send(503, b"<html><body>Service Unavailable</body></html>", headers={"Retry-After": "0"})
            if path == "/robots.txt":
                if server.robots is None:
                    return self._send(404, b"not found")
                return self._send(200, server.robots.encode(), "text/plain")
            if path.startswith("/mgWebService.asmx/"):
                if not server.service:
                    return self._send(404, b"<html><body>The web service is not available.</body></html>")
                return self._service(path.rsplit("/", 1)[-1], query)
            site = server.site
            if path == "/mgListCommittees.aspx":
                current = "".join(f'<li><a href="mgCommitteeDetails.aspx?ID={c.id}">{escape(c.title)}</a></li>'
                                  for c in site.committees if not c.expired)
                old = "".join(f'<li><a href="mgCommitteeDetails.aspx?ID={c.id}">{escape(c.title)} (expired)</a></li>'
                              for c in site.committees if c.expired)
                return self._html("Committee structure", f"<h1>Committee structure</h1><ul>{current}</ul>"
                                                         f"<h2>Committees no longer in use</h2><ul>{old}</ul>")
            if path == "/ieListMeetings.aspx":
                cid, year = int(query.get("cid") or query.get("committeeid")), int(query.get("year", 0))
                rows = []
                for m in site.meetings:
                    if m.committee_id == cid and m.date.year == year:
                        when = f"{m.date:%A}, {m.date.day}{_suffix(m.date.day)} {m.date:%B, %Y} 10.00 am"
                        note = " CANCELLED" if m.status == "Cancelled" else ""
                        rows.append(f'<li><a href="ieListDocuments.aspx?CId={cid}&amp;MId={m.id}&amp;Ver=4">'
                                    f'{when}</a>{note}</li>')
                title = site.committee(cid).title
                return self._html(f"Browse meetings - {title}",
                                  f"<h1>Browse meetings - {escape(title)}</h1><ul class=\"mgActionList\">"
                                  + "".join(rows) + "</ul>")
            if path == "/ieListDocuments.aspx":
                return self._documents_page(int(query["mid"]))
            if path.lower() == "/mgconvert2pdf.aspx":
                a = site.attachments().get(int(query.get("id", 0)))
                if not a or a.restricted:
                    return self._send(404, b"not found")
                return self._send(302, b"", headers={"Location": quote(a.path.lstrip("/"))})
            if path.startswith("/documents/s"):
                aid = int(path.split("/")[2][1:])
                a = site.attachments().get(aid)
                if not a or a.restricted or path != a.path:
                    return self._send(404, b"not found")
                return self._file(path, a.body)
            if path.startswith("/documents/g"):
                m = site.meeting(int(path.split("/")[2][1:]))
                for _label, doc_path, body in site.meeting_docs(m):
                    if doc_path == target:
                        return self._file(path, body)
                return self._send(404, b"not found")
            return self._send(404, b"not found")

        def _file(self, path: str, body: bytes) -> int:
            if server.take_failure(path, "break_first"):     # promise the whole body, send half, hang up
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[:len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return 200
            pause = next((s for prefix, s in server.slow.items() if path.startswith(prefix)), None)
            if pause is None:
                return self._send(200, body, "application/pdf")
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for i in range(0, len(body), 4096):
                    self.wfile.write(body[i:i + 4096])
                    self.wfile.flush()
                    if i >= 8192:
                        server.slow_started.set()
                    time.sleep(pause)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return 200

        def _service(self, op: str, q: dict) -> int:
            site = server.site
            if op == "GetCommittees":
                rows = "".join(
                    f"<committee><committeeid>{c.id}</committeeid><committeetitle>{escape(c.title)}"
                    f"</committeetitle><committeedeleted>False</committeedeleted><committeeexpired>"
                    f"{'True' if c.expired else 'False'}</committeeexpired><committeecategory>Panels"
                    f"</committeecategory></committee>" for c in site.committees)
                return self._xml(f"<committees><committeescount> {len(site.committees)}</committeescount>"
                                 f"{rows}</committees>")
            if op == "GetMeetings":
                cid = int(q["lcommitteeid"])
                try:      # dd/mm/yyyy; anything else is silently ignored: everything comes back
                    lo = datetime.strptime(q.get("sfromdate", ""), "%d/%m/%Y").date()
                    hi = datetime.strptime(q.get("stodate", ""), "%d/%m/%Y").date()
                except ValueError:
                    lo, hi = date.min, date.max
                ms = [m for m in site.meetings if m.committee_id == cid and lo <= m.date <= hi]
                rows = "".join(f"<meeting><meetingid>{m.id}</meetingid><meetingdate>{m.date:%d/%m/%Y}"
                               f"</meetingdate><meetingstatus>{m.status}</meetingstatus><meetingtime>10.00 am"
                               f"</meetingtime><iswebcast>False</iswebcast></meeting>" for m in ms)
                c = site.committee(cid)
                return self._xml(f"<getmeetings><meetingscount> {len(ms)}</meetingscount><committee>"
                                 f"<committeeid>{cid}</committeeid><committeetitle>{escape(c.title)}"
                                 f"</committeetitle><committeemeetings>{rows}</committeemeetings></committee>"
                                 f"</getmeetings>")
            if op == "GetMeeting":
                m = site.meeting(int(q["lmeetingid"]))
                items = []
                for item in m.items:
                    docs = "".join(
                        f"<linkeddoc><attachmentid>{a.id}</attachmentid>"
                        f"<title>{escape(escape(a.title))}</title><isurl>False</isurl>"      # encoded twice
                        f"<url>{server.url}/mgConvert2PDF.aspx?ID={a.id}</url>"
                        f"<isrestricted>{'True' if a.restricted else 'False'}</isrestricted>"
                        f"<publicationdate>{m.date:%d/%m/%Y}</publicationdate><ownertitle>{escape(item.title)}"
                        f"</ownertitle></linkeddoc>" for a in item.attachments)
                    items.append(
                        f"<agendaitem><agendaitemid>{m.id * 100 + item.number}</agendaitemid><agendaitemtitle>"
                        f"{escape(item.title)}</agendaitemtitle><agendaitemnumber>{item.number}</agendaitemnumber>"
                        f"<fulldisplaynumberformat>{item.number}.</fulldisplaynumberformat>"
                        f"<isrestricted>{'True' if item.restricted else 'False'}</isrestricted>"
                        f"<agendatext>&lt;p&gt;{escape(item.title)}&lt;/p&gt;</agendatext>"
                        f"<linkeddocuments>{docs}</linkeddocuments></agendaitem>")
                return self._xml(f"<meeting><meetingid>{m.id}</meetingid><meetingdate>{m.date:%d/%m/%Y}"
                                 f"</meetingdate><meetingstatus>{m.status}</meetingstatus><meetinglocation>"
                                 f"County Hall</meetinglocation><agendapublished>True</agendapublished>"
                                 f"<minutepublished>{'True' if m.minutes else 'False'}</minutepublished>"
                                 f"<agendaitems>{''.join(items)}</agendaitems><attendees>"
                                 f'<attendee memberid="1" name="Councillor A. Member" attendance="Present"/>'
                                 f"</attendees></meeting>")
            return self._send(500, b"<html><body>unknown operation</body></html>")

        def _documents_page(self, mid: int) -> int:
            site = server.site
            m = site.meeting(mid)
            title = site.committee(m.committee_id).title
            heading = f"Agenda for {title} on {m.date:%d %B %Y}"
            if m.status == "Cancelled":     # a cancelled meeting: 200, no documents
                return self._html(heading, f"<h1>{escape(heading)}</h1><p>Venue: County Hall</p>")
            top = "".join(f'<li><a href="{doc_path.lstrip("/")}">{escape(label)}'
                          f'<span class="mgHide"> PDF {len(body) // 1024} KB</span></a></li>'
                          for label, doc_path, body in site.meeting_docs(m))
            rows = []
            for item in m.items:
                if item.restricted:
                    rows.append(f"<tr><td>{item.number}.</td><td><p>{escape(item.title)}</p>"
                                f"<p>This item is restricted.</p></td></tr>")
                    continue
                # hrefs with raw spaces, one broken by a line end, as the pages have them
                links = "".join(f'<li><a href="{_raw_href(a.path)}" '
                                f'class="mgFileLink">{escape(a.title)}<span class="mgHide"> PDF '
                                f'{len(a.body) // 1024} KB</span></a></li>' for a in item.attachments)
                rows.append(f"<tr><td>{item.number}.</td><td><p>{escape(item.title)}</p>"
                            f'<ul class="mgBulletList">{links}</ul></td></tr>')
            return self._html(heading, f"<h1>{escape(heading)}</h1><ul class=\"mgActionList\">{top}</ul>"
                                       f"<table class=\"mgItemTable\">{''.join(rows)}</table>")

    return Handler


def _raw_href(path: str) -> str:
    """A relative href with raw spaces, broken by a line end after "of"."""
    return path.lstrip("/").replace(" of ", " of\r\n ", 1)


def _suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
