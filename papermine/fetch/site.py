"""A ModernGov site read through its web service or, where that is switched off
(or robots.txt keeps papermine out of it), through its public HTML pages.

Both give the same records. The web service names an agenda item's
attachments but not the meeting-level documents (frontsheet, reports pack,
printed minutes), so in service mode each meeting's ieListDocuments page is
read as well; the HTML mode reads everything from that page.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Callable
from urllib.parse import urljoin

from ..errors import FetchError, RobotsDisallowed
from ..parse.meta import find_councils
from . import pages, service
from .client import PoliteClient
from .records import Committee, DocLink, Meeting, clean_text

__all__ = ["ServiceSite", "PagesSite", "open_site", "year_chunks", "MeetingDocs"]

Notice = Callable[[str], None]


def year_chunks(since: int, until: int) -> list[tuple[date, date]]:
    """Calendar years: GetMeetings is asked for a year or less at a time (its row cap)."""
    return [(date(year, 1, 1), date(year, 12, 31)) for year in range(since, until + 1)]


class MeetingDocs:
    def __init__(self, cancelled: bool, docs: list[DocLink], failures: list[tuple[str, str]] | None = None):
        self.cancelled, self.docs, self.failures = cancelled, docs, failures or []


class _Site:
    mode = ""

    def __init__(self, client: PoliteClient, base: str, notice: Notice):
        self.client, self.base, self.notice = client, base.rstrip("/"), notice
        self.page_title: str | None = None     # the first HTML page's <title>, for the council's name

    def _page(self, url: str) -> bytes:
        status, _type, body = self.client.get(url)
        if status != 200:
            raise FetchError(url, f"HTTP {status}")
        return body

    def _note_title(self, title: str) -> None:
        if self.page_title is None and title:
            self.page_title = title

    def council_name(self) -> str | None:
        """The council a page title names ('... | Northshire County Council')."""
        hits = find_councils(self.page_title) if self.page_title else []
        return hits[0].name if hits else None

    def committee_title(self, committee_id: str) -> str | None:
        """The heading of a committee's meetings page, for a committee given by id only."""
        try:
            body = self._page(pages.meetings_url(self.base, committee_id, date.today().year))
        except (FetchError, RobotsDisallowed):
            return None
        page = pages.read_links(self.base, body)
        self._note_title(page.title)
        for heading in page.headings:
            m = re.search(r"(?:meetings|browse meetings)\s*[-:]\s*(.+)$", heading, re.IGNORECASE)
            if m:
                return clean_text(m.group(1))
        return None

    def _meeting_page(self, meeting: Meeting) -> tuple[bool, list[DocLink]]:
        url = meeting.page_url or pages.documents_url(self.base, meeting.committee_id, meeting.id)
        body = self._page(url)
        cancelled, docs, title = pages.read_documents(url, body)
        self._note_title(title)
        return cancelled, docs


class ServiceSite(_Site):
    mode = "service"

    def __init__(self, client, base, notice, committees: list[Committee]):
        super().__init__(client, base, notice)
        self._committees = committees
        self._pages_allowed: bool | None = None

    def committees(self) -> list[Committee]:
        return self._committees

    def meetings(self, committee_id: str, since: int, until: int,
                 failures: list[tuple[str, str]]) -> list[Meeting]:
        found: dict[str, Meeting] = {}
        for start, end in year_chunks(since, until):
            url = service.service_url(self.base, "GetMeetings",
                                      **service.meetings_params(committee_id, start, end))
            try:
                for m in service.read_meetings(self._page(url), committee_id):
                    if start <= m.date <= end:      # a site that ignores the range returns everything
                        found.setdefault(m.id, m)
            except service.ServiceError as exc:
                failures.append((url, str(exc)))
            except FetchError as exc:
                failures.append((url, exc.detail))
        return list(found.values())

    def documents(self, meeting: Meeting) -> MeetingDocs:
        url = service.service_url(self.base, "GetMeeting", lMeetingId=meeting.id)
        try:
            status, docs = service.read_meeting(self._page(url))
        except service.ServiceError as exc:
            raise FetchError(url, str(exc)) from exc
        docs = [DocLink(urljoin(self.base + "/", d.url), d.title, d.level, d.kind, d.attachment_id, d.item,
                        d.restricted, d.web_link) for d in docs]
        if "cancel" in status.lower():
            return MeetingDocs(True, [])
        failures: list[tuple[str, str]] = []
        page_docs: list[DocLink] = []
        page_url = pages.documents_url(self.base, meeting.committee_id, meeting.id)
        try:
            _cancelled, page_docs = self._meeting_page(meeting)
        except RobotsDisallowed:
            if self._pages_allowed is None:
                self.notice(f"robots.txt disallows {page_url}: meeting-level documents (minutes, "
                            "reports packs) are not fetched")
            self._pages_allowed = False
        except FetchError as exc:
            failures.append((exc.path or page_url, exc.detail))
        return MeetingDocs(False, _merge(docs, page_docs), failures)


def _same_title(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).lower() == re.sub(r"\W+", "", b).lower()


def _merge(service_docs: list[DocLink], page_docs: list[DocLink]) -> list[DocLink]:
    """The service's item attachments, at the page's own address for each where the
    page links the same attachment under the same title (so both modes fetch the
    same addresses), then the page's meeting-level documents and any attachment
    the service did not list."""
    by_id = {d.attachment_id: d for d in page_docs if d.level == "item" and d.attachment_id}
    merged = []
    for d in service_docs:
        page = by_id.get(d.attachment_id)
        if page and _same_title(page.title, d.title):
            d = DocLink(page.url, d.title, d.level, d.kind, d.attachment_id, d.item, d.restricted, d.web_link)
        merged.append(d)
    known = {d.attachment_id for d in service_docs if d.attachment_id}
    merged += [d for d in page_docs if d.level == "meeting" or d.attachment_id not in known]
    return merged


class PagesSite(_Site):
    mode = "html"

    def committees(self) -> list[Committee]:
        url = pages.committees_url(self.base)
        try:
            body = self._page(url)
        except FetchError as exc:
            self.notice(f"{url}: {exc.detail}; a committee can still be given by its id")
            return []
        self._note_title(pages.read_links(url, body).title)
        return pages.read_committee_list(url, body)

    def meetings(self, committee_id: str, since: int, until: int,
                 failures: list[tuple[str, str]]) -> list[Meeting]:
        found: dict[str, Meeting] = {}
        for year in range(since, until + 1):
            url = pages.meetings_url(self.base, committee_id, year)
            try:
                body = self._page(url)
            except FetchError as exc:
                failures.append((url, exc.detail))
                continue
            self._note_title(pages.read_links(url, body).title)
            for m in pages.read_meeting_list(url, body, committee_id):
                if since <= m.date.year <= until:
                    found.setdefault(m.id, m)
        return list(found.values())

    def documents(self, meeting: Meeting) -> MeetingDocs:
        cancelled, docs = self._meeting_page(meeting)
        return MeetingDocs(cancelled or meeting.cancelled, [] if cancelled else docs)


def open_site(client: PoliteClient, base: str, notice: Notice) -> ServiceSite | PagesSite:
    """The web service where it answers with its XML, else the HTML pages."""
    url = service.service_url(base, "GetCommittees")
    if not client.allowed(url):
        notice(f"robots.txt disallows the web service ({url}); reading the HTML pages")
        return PagesSite(client, base, notice)
    try:
        status, _type, body = client.get(url)
        if status != 200:
            raise FetchError(url, f"HTTP {status}")
        committees = service.read_committees(body)
    except (FetchError, service.ServiceError) as exc:
        reason = exc.detail if isinstance(exc, FetchError) else str(exc)
        notice(f"the web service does not answer ({reason}); reading the HTML pages")
        return PagesSite(client, base, notice)
    return ServiceSite(client, base, notice, committees)
