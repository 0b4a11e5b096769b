"""One fetch: a committee's meetings in a range of years, and the public
documents of each, into `DIR/<council>/<committee>/<yyyy-mm-dd>/`.

The document rules (MODERNGOV.md §3):
- item reports and their appendices, and minutes, are fetched;
- the frontsheet is not (it is the agenda's cover, and the pack repeats it);
- the public reports pack is fetched only when the meeting has no separate
  reports (an item attachment that is not minutes, nor a copy of another
  meeting's document), since otherwise it repeats them;
- cancelled meetings, restricted items and links to web pages are skipped;
- a document is fetched once: by address (the same attachment under several
  items), and by content hash (a meeting's minutes again under the next
  meeting's "Minutes" item), the first copy kept.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from ..errors import FetchError, PapermineError, RobotsDisallowed
from .client import DEFAULT_DELAY, PoliteClient
from .files import PART_SUFFIX, Ledger, folder_name, safe_name
from .match import match_committee, successors
from .records import Committee, DocLink, Meeting
from .site import open_site

__all__ = ["FetchOptions", "FetchReport", "DocResult", "fetch_committee", "ingest_fetched", "DEFAULT_SINCE"]

#: ModernGov sites hold papers from the 2000s on.
DEFAULT_SINCE = 2000

#: Why a document was not fetched, as reported.
SKIP_REASONS = {
    "restricted": "restricted (exempt) item",
    "web_link": "a link to a web page, not a document",
    "frontsheet": "agenda frontsheet (the reports pack repeats it)",
    "pack": "reports pack (the meeting has separate reports, which it repeats)",
    "robots": "robots.txt disallows it",
}


@dataclass
class FetchOptions:
    base_url: str
    committee: str
    since: int = DEFAULT_SINCE
    until: int = field(default_factory=lambda: date.today().year)
    out: Path = Path("papers")
    delay: float = DEFAULT_DELAY
    user_agent: str | None = None
    council: str | None = None


@dataclass
class DocResult:
    meeting_id: str
    date: str
    title: str
    kind: str
    url: str
    status: str                 # downloaded | present | duplicate | skipped | failed
    file: str | None = None     # relative to the committee folder
    reason: str | None = None


@dataclass
class FetchReport:
    base_url: str
    mode: str = ""
    council: str = ""
    committee: str = ""
    committees: list[Committee] = field(default_factory=list)
    maybe_renamed_to: list[Committee] = field(default_factory=list)
    since: int = 0
    until: int = 0
    folder: Path | None = None
    meetings: int = 0
    cancelled: int = 0
    documents: list[DocResult] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0

    def count(self, status: str) -> int:
        return sum(1 for d in self.documents if d.status == status)

    def skipped(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for d in self.documents:
            if d.status in ("skipped", "duplicate"):
                key = d.status if d.status == "duplicate" else d.reason or "skipped"
                counts[key] = counts.get(key, 0) + 1
        return counts

    @property
    def manifest(self) -> Path | None:
        return self.folder / "manifest.csv" if self.folder else None

    def summary(self) -> str:
        skipped = self.skipped()
        detail = ", ".join(f"{n} {k}" for k, n in sorted(skipped.items()))
        return (f"{self.committee} ({self.council}), {self.since}-{self.until}, "
                f"{'web service' if self.mode == 'service' else 'HTML pages'}: "
                f"{self.meetings} meetings ({self.cancelled} cancelled); documents: "
                f"{self.count('downloaded')} downloaded, {self.count('present')} already here, "
                f"{sum(skipped.values())} skipped{' (' + detail + ')' if detail else ''}, "
                f"{len(self.failures)} failed; {self.requests} requests"
                + (f"\nmanifest: {self.manifest}" if self.manifest and self.manifest.exists() else ""))

    def to_dict(self) -> dict:
        return {
            "base_url": self.base_url, "mode": self.mode, "council": self.council, "committee": self.committee,
            "committees": [c.to_dict() for c in self.committees],
            "maybe_renamed_to": [c.to_dict() for c in self.maybe_renamed_to],
            "since": self.since, "until": self.until,
            "folder": str(self.folder) if self.folder else None,
            "manifest": str(self.manifest) if self.manifest and self.manifest.exists() else None,
            "meetings": self.meetings, "cancelled": self.cancelled,
            "downloaded": self.count("downloaded"), "present": self.count("present"),
            "skipped": self.skipped(),
            "failed": [{"url": u, "reason": r} for u, r in self.failures],
            "requests": self.requests,
            "documents": [asdict(d) for d in self.documents],
        }


class _Events:
    """What a caller (the CLI's progress bar) hears about: all optional."""

    def __init__(self, on_event: Callable[[str, object], None] | None):
        self._on = on_event or (lambda kind, payload: None)

    def __call__(self, kind: str, payload: object = None) -> None:
        self._on(kind, payload)


def _host_name(base: str) -> str:
    return urlsplit(base).netloc or base


def fetch_committee(options: FetchOptions, on_event: Callable[[str, object], None] | None = None) -> FetchReport:
    """Fetch a committee's papers; failures are collected, a block or a bad name raises."""
    base = options.base_url.strip().rstrip("/")
    if urlsplit(base).scheme not in ("http", "https") or not urlsplit(base).netloc:
        raise FetchError(options.base_url, "not a web address (give the site root, https://...)")
    if options.since > options.until:
        raise FetchError(options.base_url, f"--since {options.since} is after --until {options.until}")
    events = _Events(on_event)
    report = FetchReport(base_url=base, since=options.since, until=options.until)

    def fail(url: str, reason: str) -> None:
        report.failures.append((url, reason))
        events("failure", (url, reason))

    with PoliteClient(options.user_agent, options.delay) as client:
        try:
            _fetch(client, base, options, report, events, fail)
        finally:
            report.requests = client.requests
    return report


def _fetch(client: PoliteClient, base: str, options: FetchOptions, report: FetchReport, events, fail) -> None:
    site = open_site(client, base, lambda text: events("notice", text))
    report.mode = site.mode
    committees = site.committees()
    matched = match_committee(committees, options.committee)
    title = matched[0].title or site.committee_title(matched[0].id) or f"Committee {matched[0].id}"
    matched = [c if c.title else Committee(c.id, title) for c in matched]
    report.committees, report.committee = matched, title
    report.maybe_renamed_to = successors(committees, matched)
    events("committees", (matched, report.maybe_renamed_to))

    listing_failures: list[tuple[str, str]] = []
    meetings: dict[str, Meeting] = {}
    for committee in matched:
        for m in site.meetings(committee.id, options.since, options.until, listing_failures):
            meetings.setdefault(m.id, m)
    for url, reason in listing_failures:
        fail(url, reason)
    ordered = sorted(meetings.values(), key=lambda m: (m.date, m.id))
    report.meetings = len(ordered)
    events("meetings", len(ordered))

    run = _Run(client, site, options, report, title, base, events, fail)
    for meeting in ordered:
        run.meeting(meeting)
        events("meeting", meeting)
    if ordered:
        run.ledger()                  # the folder and council are known even when nothing was new
    report.council = report.council or _council_name(options, site, base)


def _council_name(options: FetchOptions, site, base: str) -> str:
    """The council's name: as given, else as the site's pages name it, else the site's host."""
    return options.council or site.council_name() or _host_name(base)


class _Run:
    """The meetings of one fetch, in date order, through the document rules."""

    def __init__(self, client: PoliteClient, site, options: FetchOptions, report: FetchReport, title: str,
                 base: str, events, fail):
        self.client, self.site, self.options, self.report = client, site, options, report
        self.title, self.base, self.events, self.fail = title, base, events, fail
        self._ledger: Ledger | None = None
        self.seen: dict[str, DocResult] = {}          # address -> its result in this run

    def ledger(self) -> Ledger:
        """The committee folder's manifest, opened once the council's name is known
        (the site's first page has been read by then)."""
        if self._ledger is None:
            report = self.report
            report.council = _council_name(self.options, self.site, self.base)
            report.folder = (Path(self.options.out) / folder_name(report.council, "council")
                             / folder_name(self.title, "committee"))
            self._ledger = Ledger(report.folder)
            self._ledger.remove_stale_parts()
        return self._ledger

    def meeting(self, meeting: Meeting) -> None:
        if meeting.cancelled:
            self.report.cancelled += 1
            return
        try:
            found = self.site.documents(meeting)
        except (FetchError, RobotsDisallowed) as exc:
            self.fail(exc.path or meeting.id, exc.detail)
            return
        for url, reason in found.failures:
            self.fail(url, reason)
        if found.cancelled:
            self.report.cancelled += 1
            return
        items = [d for d in found.docs if d.level == "item"]
        meeting_docs = [d for d in found.docs if d.level == "meeting"]
        separate_reports = False
        for doc in items + [d for d in meeting_docs if d.kind != "pack"]:
            if doc.restricted:
                self._result(meeting, doc, "skipped", "restricted")
            elif doc.web_link:
                self._result(meeting, doc, "skipped", "web_link")
            elif doc.kind == "frontsheet":
                self._result(meeting, doc, "skipped", "frontsheet")
            else:
                elsewhere = self.document(meeting, doc)
                separate_reports |= doc.level == "item" and doc.kind == "report" and not elsewhere
        for doc in (d for d in meeting_docs if d.kind == "pack"):
            if separate_reports:
                self._result(meeting, doc, "skipped", "pack")
            else:
                self.document(meeting, doc)

    def _result(self, meeting: Meeting, doc: DocLink, status: str, reason: str | None = None,
                file: str | None = None) -> DocResult:
        r = DocResult(meeting.id, meeting.date.isoformat(), doc.title, doc.kind, doc.url, status, file, reason)
        self.report.documents.append(r)
        return r

    def document(self, meeting: Meeting, doc: DocLink) -> bool:
        """Fetch one document unless it is here already. True when it is a copy of
        another meeting's document (which does not make this meeting's reports)."""
        when = meeting.date.isoformat()
        if doc.url in self.seen:
            first = self.seen[doc.url]
            self._result(meeting, doc, "duplicate", f"same address as {first.file or first.url}", first.file)
            return first.meeting_id != meeting.id
        ledger = self.ledger()
        row = ledger.complete(doc.url)
        if row:
            if row["file"]:
                r = self._result(meeting, doc, "present", None, row["file"])
                elsewhere = row["date"] != when
            else:
                r = self._result(meeting, doc, "duplicate", f"same content as {row['duplicate_of']}",
                                 row["duplicate_of"])
                elsewhere = not row["duplicate_of"].startswith(when + "/")
            self.seen[doc.url] = r
            return elsewhere
        folder = ledger.folder / when
        folder.mkdir(parents=True, exist_ok=True)
        part = folder / (safe_name(doc.title, "", doc.attachment_id or None) + PART_SUFFIX)
        self.events("download", doc)
        try:
            got = self.client.download(doc.url, part)
        except FetchError as exc:
            self.fail(doc.url, exc.detail)
            self._result(meeting, doc, "failed", exc.detail)
            return False
        except RobotsDisallowed:
            self.events("notice", f"robots.txt disallows {doc.url}: not fetched")
            self._result(meeting, doc, "skipped", "robots")
            return False
        row = {"council": self.report.council, "committee": self.report.committee, "date": when,
               "title": doc.title, "source": doc.url, "kind": doc.kind, "meeting_id": meeting.id,
               "sha256": got.sha256, "bytes": str(got.size), "notes": _notes(doc)}
        copy = ledger.with_hash(got.sha256)
        if copy:
            part.unlink(missing_ok=True)
            ledger.record({**row, "file": "", "bytes": "", "duplicate_of": copy["file"]})
            r = self._result(meeting, doc, "duplicate", f"same content as {copy['file']}", copy["file"])
            elsewhere = copy["date"] != when
        else:
            rel = ledger.free_name(when, safe_name(doc.title, got.suffix), doc.url, doc.attachment_id,
                                   doc.title, got.suffix)
            ledger.record({**row, "file": rel})      # the row first: a kill now costs a re-download only
            os.replace(part, ledger.folder / rel)
            r = self._result(meeting, doc, "downloaded", None, rel)
            elsewhere = False
        self.seen[doc.url] = r
        return elsewhere


def _notes(doc: DocLink) -> str:
    if doc.level == "meeting":
        return f"{doc.kind}; meeting document" + (f" ({doc.attachment_id.replace('T', 'T=')})"
                                                  if doc.attachment_id else "")
    where = f"; item {doc.item}" if doc.item else ""
    return f"{doc.kind}{where}" + (f"; attachment {doc.attachment_id}" if doc.attachment_id else "")


def ingest_fetched(report: FetchReport, db_path: str | os.PathLike, on_outcome=None):
    """Ingest what the fetch put in the committee folder (the manifest supplies its metadata)."""
    from ..store import find_papers, ingest, open_store
    if report.folder is None or not report.folder.is_dir():
        raise PapermineError(report.base_url, "nothing was fetched to ingest")
    with open_store(str(db_path)) as store:
        return ingest(store, find_papers([report.folder]), on_outcome=on_outcome)
