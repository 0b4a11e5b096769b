"""The public HTML pages of a ModernGov site, read into the same records as the
web service gives: the committee list, a committee's meetings of a year, and
a meeting's documents.

hrefs are relative, may hold raw spaces and line breaks (percent-encoded
here, `?T=` kept), and link text carries a hidden size span (`mgHide`), which
is dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urljoin, urlsplit

from ..parse import find_date
from .records import Committee, DocLink, Meeting, clean_text, parse_service_date

__all__ = ["PageLinks", "read_links", "read_committee_list", "read_meeting_list", "read_documents",
           "committees_url", "meetings_url", "documents_url", "CANCELLED"]

#: Where a meeting is marked as cancelled (link text, its line, the page heading).
CANCELLED = re.compile(r"\bcancell?ed\b", re.IGNORECASE)
_EXPIRED = re.compile(r"\s*[(\[]\s*(expired|inactive|no longer active)\s*[)\]]\s*$", re.IGNORECASE)
#: Elements that end a line of text: a link's context is the line it is on.
_BLOCKS = {"li", "tr", "td", "th", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
           "br", "dd", "dt", "section", "article"}
_URL_SAFE = ":/?&=%#;+,@!$'()*~[]"


def committees_url(base: str) -> str:
    return f"{base.rstrip('/')}/mgListCommittees.aspx?bcr=1"


def meetings_url(base: str, committee_id: str, year: int) -> str:
    return f"{base.rstrip('/')}/ieListMeetings.aspx?CId={committee_id}&Year={year}"


def documents_url(base: str, committee_id: str, meeting_id: str) -> str:
    return f"{base.rstrip('/')}/ieListDocuments.aspx?CId={committee_id}&MId={meeting_id}&Ver=4"


def absolute(page_url: str, href: str) -> str:
    """A page's href as an absolute, percent-encoded address."""
    href = re.sub(r"[\r\n\t]+", "", href).strip()
    return urljoin(page_url, quote(href, safe=_URL_SAFE))


@dataclass
class Link:
    url: str
    text: str
    context: str          # the text of the line the link is on
    title: str = ""


@dataclass
class PageLinks:
    title: str = ""
    headings: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.page = PageLinks()
        self._spans: list[bool] = []           # open <span>s: hidden or not
        self._link: dict | None = None
        self._line: list[str] = []
        self._line_links: list[Link] = []
        self._capture: str | None = None       # "title" or a heading tag
        self._captured: list[str] = []

    def _end_line(self) -> None:
        context = clean_text(" ".join(self._line))
        for link in self._line_links:
            link.context = context
        self._line, self._line_links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _BLOCKS:
            self._end_line()
        if tag == "span":
            self._spans.append("mghide" in (attrs.get("class") or "").lower())
        elif tag == "a" and attrs.get("href"):
            self._link = {"href": attrs["href"], "text": [], "title": attrs.get("title") or ""}
        elif tag in ("title", "h1", "h2"):
            self._capture, self._captured = tag, []

    def handle_endtag(self, tag):
        if tag == "span" and self._spans:
            self._spans.pop()
        elif tag == "a" and self._link is not None:
            link = Link(absolute(self.page_url, self._link["href"]), clean_text(" ".join(self._link["text"])),
                        "", clean_text(self._link["title"]))
            self.page.links.append(link)
            self._line_links.append(link)
            self._link = None
        elif tag == self._capture:
            text = clean_text(" ".join(self._captured))
            if tag == "title":
                self.page.title = text
            elif text:
                self.page.headings.append(text)
            self._capture = None
        if tag in _BLOCKS:
            self._end_line()

    def handle_data(self, data):
        if any(self._spans):
            return
        self._line.append(data)
        if self._link is not None:
            self._link["text"].append(data)
        if self._capture:
            self._captured.append(data)

    def close(self):
        super().close()
        self._end_line()


def read_links(page_url: str, body: bytes) -> PageLinks:
    reader = _Reader(page_url)
    reader.feed(body.decode("utf-8", "replace"))
    reader.close()
    return reader.page


def _param(url: str, name: str) -> str | None:
    values = {k.lower(): v for k, v in parse_qs(urlsplit(url).query).items()}
    return values.get(name.lower(), [None])[0]


def read_committee_list(page_url: str, body: bytes) -> list[Committee]:
    """mgListCommittees.aspx: links to mgCommitteeDetails.aspx?ID=<CId>."""
    found: dict[str, Committee] = {}
    for link in read_links(page_url, body).links:
        if "mgcommitteedetails.aspx" in urlsplit(link.url).path.lower() and (cid := _param(link.url, "ID")):
            title = _EXPIRED.sub("", link.text)
            expired = bool(_EXPIRED.search(link.text))
            if title and cid not in found:
                found[cid] = Committee(cid, title, expired=expired)
    return list(found.values())


def read_meeting_list(page_url: str, body: bytes, committee_id: str) -> list[Meeting]:
    """ieListMeetings.aspx: links to ieListDocuments.aspx?...MId=, with the date as link text."""
    meetings: dict[str, Meeting] = {}
    for link in read_links(page_url, body).links:
        if "ielistdocuments.aspx" not in urlsplit(link.url).path.lower():
            continue
        mid = _param(link.url, "MId")
        iso = next(filter(None, (find_date(t) for t in (link.text, link.context, link.text.replace("-", " ")))),
                   None)                                  # "14-Mar-2013" as in the file names
        when = parse_service_date(iso) if iso else None
        if not mid or not when or mid in meetings:
            continue
        status = "Cancelled" if CANCELLED.search(link.text) or CANCELLED.search(link.context) else ""
        meetings[mid] = Meeting(mid, _param(link.url, "CId") or committee_id, when, status, link.url)
    return list(meetings.values())


_MEETING_DOC = re.compile(r"/documents/g(\d+)/", re.IGNORECASE)
_ITEM_DOC = re.compile(r"/documents/s(\d+)/", re.IGNORECASE)


def _doc_title(link: Link) -> str:
    if link.text:
        return link.text
    m = re.search(r"'(.+)'", link.title)
    return m.group(1) if m else re.sub(r"\.[a-z0-9]+$", "", urlsplit(link.url).path.rsplit("/", 1)[-1])


def read_documents(page_url: str, body: bytes) -> tuple[bool, list[DocLink], str]:
    """ieListDocuments.aspx: (marked cancelled, its document links, the page title).

    `documents/g<MId>/...?T=n` are meeting-level (frontsheet, pack, minutes);
    `documents/s<id>/...` and `mgConvert2PDF.aspx?ID=` are item attachments, and
    so is another meeting's `documents/g...` linked from this page.
    """
    page = read_links(page_url, body)
    meeting_id = _param(page_url, "MId")
    docs: list[DocLink] = []
    for link in page.links:
        path = urlsplit(link.url).path
        if (m := _MEETING_DOC.search(path)) and meeting_id and m.group(1) != meeting_id:
            docs.append(DocLink.item_doc(link.url, _doc_title(link), None))   # another meeting's, linked here
        elif m := _MEETING_DOC.search(path):
            t = _param(link.url, "T")
            docs.append(DocLink.meeting_doc(link.url, _doc_title(link), int(t) if t and t.isdigit() else None))
        elif m := _ITEM_DOC.search(path):
            docs.append(DocLink.item_doc(link.url, _doc_title(link), m.group(1)))
        elif path.lower().endswith("mgconvert2pdf.aspx") and (aid := _param(link.url, "ID")):
            docs.append(DocLink.item_doc(link.url, _doc_title(link), aid))
    cancelled = any(CANCELLED.search(h) for h in page.headings)
    return cancelled, docs, page.title
