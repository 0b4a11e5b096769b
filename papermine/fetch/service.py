"""The ModernGov web service (`mgWebService.asmx`): its XML read into records.

XML is parsed by defusedxml, so a document type with entities is refused
rather than expanded. Element names are matched without namespaces (a SOAP
answer wraps the same XML in `<OpResponse><OpResult>`).
"""
from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from .records import Committee, DocLink, Meeting, clean_text, parse_service_date

__all__ = ["ServiceError", "service_url", "read_committees", "read_meetings", "read_meeting",
           "SERVICE_PATH", "SERVICE_DATE"]

SERVICE_PATH = "mgWebService.asmx"
#: The service reads and writes dates as dd/mm/yyyy; an ISO range is silently ignored.
SERVICE_DATE = "%d/%m/%Y"


class ServiceError(ValueError):
    """The answer is not the XML the operation gives."""


def service_url(base: str, operation: str, **params) -> str:
    query = f"?{urlencode(params)}" if params else ""
    return f"{base.rstrip('/')}/{SERVICE_PATH}/{operation}{query}"


def meetings_params(committee_id: str, start: date, end: date) -> dict:
    return {"lCommitteeId": committee_id, "sFromDate": start.strftime(SERVICE_DATE),
            "sToDate": end.strftime(SERVICE_DATE)}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _root(data: bytes, wanted: str):
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise ServiceError(f"not the service's XML ({exc.__class__.__name__})") from exc
    for element in root.iter():
        if _local(element.tag) == wanted:
            return element
    raise ServiceError(f"no <{wanted}> in the answer")


def _child(element, name: str):
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element, name: str) -> str:
    child = _child(element, name)
    return clean_text(child.text) if child is not None else ""


def _flag(element, name: str) -> bool:
    return _text(element, name).lower() == "true"


def _all(element, name: str):
    return [e for e in element.iter() if _local(e.tag) == name]


def read_committees(data: bytes) -> list[Committee]:
    """GetCommittees: every committee, current, expired and deleted."""
    root = _root(data, "committees")
    return [Committee(_text(c, "committeeid"), _text(c, "committeetitle"), _flag(c, "committeeexpired"),
                      _flag(c, "committeedeleted"), _text(c, "committeecategory"))
            for c in _all(root, "committee") if _text(c, "committeeid")]


def read_meetings(data: bytes, committee_id: str) -> list[Meeting]:
    """GetMeetings: the committee's meetings in the answer (any other committee's are left out)."""
    root = _root(data, "getmeetings")
    meetings = []
    for committee in _all(root, "committee"):
        cid = _text(committee, "committeeid") or committee_id
        if cid != committee_id:
            continue
        for m in _all(committee, "meeting"):
            when = parse_service_date(_text(m, "meetingdate"))
            if _text(m, "meetingid") and when:
                meetings.append(Meeting(_text(m, "meetingid"), cid, when, _text(m, "meetingstatus")))
    return meetings


def read_meeting(data: bytes) -> tuple[str, list[DocLink]]:
    """GetMeeting: (status, the agenda items' attachments). A restricted item's
    attachments are all restricted. Meeting-level documents are not here."""
    root = _root(data, "meeting")
    status = _text(root, "meetingstatus")
    docs = []
    items = _child(root, "agendaitems")
    for item in _all(items, "agendaitem") if items is not None else []:
        number = _text(item, "fulldisplaynumberformat") or _text(item, "agendaitemnumber")
        label = f"{number} {_text(item, 'agendaitemtitle')}".strip()
        item_restricted = _flag(item, "isrestricted")
        for doc in _all(item, "linkeddoc"):
            url = _text(doc, "url")
            if not url:
                continue
            docs.append(DocLink.item_doc(url, _text(doc, "title"), _text(doc, "attachmentid") or None, label,
                                         restricted=item_restricted or _flag(doc, "isrestricted"),
                                         web_link=_flag(doc, "isurl")))
    return status, docs
