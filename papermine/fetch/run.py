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

    state: dict[str, object] = {}

    def ledger() -> Ledger:
        """The committee folder's manifest, opened once the council's name is known."""
        if "ledger" not in state:
            report.council = options.council or site.council_name() or _host_name(base)
            report.folder = Path(options.out) / folder_name(report.council, "council") / folder_name(title, "committee")
            state["ledger"] = Ledger(report.folder)
            state["ledger"].remove_stale_parts()
        return state["ledger"]

    seen: dict[str, DocResult] = {}      # address -> its result in this run
    for meeting in ordered:
        _meeting(client, site, meeting, report, ledger, seen, fail, events)
        events("meeting", meeting)
    if "ledger" not in state and ordered:
        ledger()
    if not report.council:
        report.council = options.council or site.council_name() or _host_name(base)


def _meeting(client, site, meeting: Meeting, report: FetchReport, ledger, seen, fail, events) -> None:
    if meeting.cancelled:
        report.cancelled += 1
        return
    try:
        found = site.documents(meeting)
    except FetchError as exc:
        fail(exc.path or meeting.id, exc.detail)
        return
    except RobotsDisallowed as exc:
        fail(exc.path or meeting.id, exc.detail)
        return
    for url, reason in found.failures:
        fail(url, reason)
    if found.cancelled:
        report.cancelled += 1
        return
    when = meeting.date.isoformat()

    def result(doc: DocLink, status: str, reason: str | None = None, file: str | None = None) -> DocResult:
        r = DocResult(meeting.id, when, doc.title, doc.kind, doc.url, status, file, reason)
        report.documents.append(r)
        return r

    items = [d for d in found.docs if d.level == "item"]
    meeting_docs = [d for d in found.docs if d.level == "meeting"]
    separate_reports = False
    for doc in items + [d for d in meeting_docs if d.kind != "pack"]:
        if doc.restricted:
            result(doc, "skipped", "restricted")
        elif doc.web_link:
            result(doc, "skipped", "web_link")
        elif doc.kind == "frontsheet":
            result(doc, "skipped", "frontsheet")
        else:
            r = _document(client, doc, meeting, report, ledger(), seen, result, fail, events)
            if doc.level == "item" and doc.kind == "report" and r.status != "duplicate_elsewhere":
                separate_reports = True
            if r.status == "duplicate_elsewhere":
                r.status = "duplicate"
    for doc in (d for d in meeting_docs if d.kind == "pack"):
        if separate_reports:
            result(doc, "skipped", "pack")
        else:
            r = _document(client, doc, meeting, report, ledger(), seen, result, fail, events)
            if r.status == "duplicate_elsewhere":
                r.status = "duplicate"


def _document(client: PoliteClient, doc: DocLink, meeting: Meeting, report: FetchReport, ledger: Ledger,
              seen: dict[str, DocResult], result, fail, events) -> DocResult:
    """Fetch one document unless it is here already; `duplicate_elsewhere` marks a
    copy of another meeting's document (it does not make this meeting's reports)."""
    when = meeting.date.isoformat()
    if doc.url in seen:
        first = seen[doc.url]
        same_meeting = first.meeting_id == meeting.id
        return result(doc, "duplicate" if same_meeting else "duplicate_elsewhere",
                      f"same address as {first.file or first.url}", first.file)
    row = ledger.complete(doc.url)
    if row:
        if row["file"]:
            r = result(doc, "present", None, row["file"])
        else:
            elsewhere = not row["duplicate_of"].startswith(when + "/")
            r = result(doc, "duplicate_elsewhere" if elsewhere else "duplicate",
                       f"same content as {row['duplicate_of']}", row["duplicate_of"])
        seen[doc.url] = r
        return r
    folder = ledger.folder / when
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / (safe_name(doc.title, "", doc.attachment_id or None) + PART_SUFFIX)
    events("download", doc)
    try:
        got = client.download(doc.url, part)
    except FetchError as exc:
        fail(doc.url, exc.detail)
        return result(doc, "failed", exc.detail)
    except RobotsDisallowed:
        events("notice", f"robots.txt disallows {doc.url}: not fetched")
        return result(doc, "skipped", "robots")
    base_row = {"council": report.council, "committee": report.committee, "date": when, "title": doc.title,
                "source": doc.url, "kind": doc.kind, "meeting_id": meeting.id, "sha256": got.sha256,
                "bytes": str(got.size), "notes": _notes(doc)}
    copy = ledger.with_hash(got.sha256)
    if copy:
        part.unlink(missing_ok=True)
        ledger.record({**base_row, "file": "", "bytes": "", "duplicate_of": copy["file"]})
        elsewhere = copy["date"] != when
        r = result(doc, "duplicate_elsewhere" if elsewhere else "duplicate",
                   f"same content as {copy['file']}", copy["file"])
    else:
        rel = ledger.free_name(when, safe_name(doc.title, got.suffix), doc.url, doc.attachment_id, doc.title,
                               got.suffix)
        ledger.record({**base_row, "file": rel})     # the row first: a kill now costs a re-download only
        os.replace(part, ledger.folder / rel)
        r = result(doc, "downloaded", None, rel)
    seen[doc.url] = r
    return r


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
