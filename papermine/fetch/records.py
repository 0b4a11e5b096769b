"""What a ModernGov site lists, the same whichever way it was read (web service
or HTML pages): committees, meetings and the documents of a meeting."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["Committee", "Meeting", "DocLink", "clean_text", "parse_service_date",
           "MEETING_DOC_KINDS", "MINUTES_TITLE"]

#: Meeting-level documents (`documents/g<MId>/...?T=n`) by their T number (MODERNGOV.md §2).
MEETING_DOC_KINDS = {0: "frontsheet", 1: "minutes", 10: "pack"}
#: An item attachment titled as minutes is the minutes of a meeting, not a report:
#: it does not make the meeting one "with separate reports" (the pack rule).
MINUTES_TITLE = re.compile(r"\bminutes?\b", re.IGNORECASE)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)


def clean_text(text: str | None) -> str:
    """Whitespace collapsed, entities that were encoded twice decoded once more."""
    text = text or ""
    for _ in range(2):
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


def parse_service_date(text: str | None) -> date | None:
    """ModernGov dates are dd/mm/yyyy; ISO dates (with a time or not) are read too."""
    text = (text or "").strip()
    for fmt, length in (("%d/%m/%Y", 10), ("%Y-%m-%d", 10)):
        try:
            return datetime.strptime(text[:length], fmt).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Committee:
    id: str
    title: str
    expired: bool = False
    deleted: bool = False
    category: str = ""

    def describe(self) -> str:
        flags = ", ".join(f for f, on in (("expired", self.expired), ("deleted", self.deleted)) if on)
        return f"{self.title} (id {self.id}{', ' + flags if flags else ''})"

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "expired": self.expired, "deleted": self.deleted}


@dataclass(frozen=True)
class Meeting:
    id: str
    committee_id: str
    date: date
    status: str = ""
    page_url: str | None = None        # its ieListDocuments page, where known

    @property
    def cancelled(self) -> bool:
        return "cancel" in self.status.lower()


@dataclass(frozen=True)
class DocLink:
    """One document link of a meeting."""
    url: str
    title: str
    level: str                   # "item" (an agenda item's attachment) or "meeting" (documents/g...)
    kind: str                    # report | minutes | pack | frontsheet | other
    attachment_id: str | None = None
    item: str = ""               # the agenda item it hangs off, where known
    restricted: bool = False
    web_link: bool = False       # a link to a web page, not a file

    @classmethod
    def item_doc(cls, url: str, title: str, attachment_id: str | None, item: str = "",
                 restricted: bool = False, web_link: bool = False) -> "DocLink":
        kind = "minutes" if MINUTES_TITLE.search(title) else "report"
        return cls(url, title, "item", kind, attachment_id, item, restricted, web_link)

    @classmethod
    def meeting_doc(cls, url: str, title: str, t_number: int | None) -> "DocLink":
        return cls(url, title, "meeting", MEETING_DOC_KINDS.get(t_number, "other"),
                   f"T{t_number}" if t_number is not None else None)
