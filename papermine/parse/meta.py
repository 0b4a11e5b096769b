"""Metadata a paper prints in its front block (committee, date, title, report
of, From/To/Subject/Decision no) and the manifest that supplies what it does not.

Every value records where it came from (`printed`, `manifest`, `option`); a
value found nowhere stays None. Nothing is guessed silently.
"""
from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from ..model import Meta, Paragraph, Section

__all__ = ["extract_meta", "find_date", "read_manifest", "manifest_entry", "apply_overrides"]

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE_WORDS = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+(?P<year>(19|20)\d\d)\b",
                         re.IGNORECASE)
_DATE_US = re.compile(rf"\b{_MONTH}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(19|20)\d\d)\b", re.IGNORECASE)
_DATE_NUMERIC = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>(19|20)\d\d)\b")
_DATE_ISO = re.compile(r"\b(?P<year>(19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_COMMITTEE = re.compile(
    r"\b(panel|board|committee|cabinet|council|executive|forum|partnership|sub-?committee|"
    r"scrutiny|commission|assembly|group)\s*$", re.IGNORECASE)
_COUNCIL_QUALIFIED = re.compile(
    r"\b((?:[A-Z][a-zA-Z'&-]+\s+){1,4}?(?:County|Borough|City|District|Metropolitan Borough|"
    r"Metropolitan District|Unitary)\s+Council)\b")
#: "Middlesbrough Council": trusted only in the front block, where bodies like
#: the Children in Care Council are not named.
_COUNCIL_PLAIN = re.compile(r"\b((?:[A-Z][a-zA-Z'-]+\s+){1,3}Council)\b")
#: Bodies called "... Council" that are not a local authority.
_NOT_COUNCILS = re.compile(r"(children in care|in care|youth|school|parish|town|privy|arts|research)\s+council$"
                           r"|^((the|our|a)\s+)?(county|city|borough|district|local|the)\s+council$", re.IGNORECASE)
_REPORT_OF = re.compile(r"^(?:joint\s+)?report\s+(?:of|by|from)\s*:?\s*(?P<who>.+)$", re.IGNORECASE)
_NAME_ROLE = re.compile(r"^(?P<who>[A-Z][A-Za-z'.-]+(?:\s+[A-Z][A-Za-z'.-]+){1,3})\s*[-–,]\s*"
                        r"(?P<role>.*\b(director|member|head|manager|officer|chief|lead|councillor|"
                        r"cabinet member|executive)\b.*)$", re.IGNORECASE)
_LABEL = re.compile(r"^(?P<label>from|to|subject|title|decision no\.?|decision number|"
                    r"key decision|date|meeting|report author|author|ward|wards? affected|"
                    r"electoral division\(s\) affected|report of|meeting date)\s*[:.-]\s*(?P<value>.+)$",
                    re.IGNORECASE)
_PERIOD_RANGE = re.compile(
    r"\b(?:for\s+the\s+period|period|covering|between|from)\s+(?P<a>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+(19|20)\d\d)\s+(?:to|and|-|–)\s+(?P<b>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+(19|20)\d\d)",
    re.IGNORECASE)
_PERIOD_YEARS = re.compile(r"\b(?P<a>(19|20)\d\d)\s*(?:-|–|/|to)\s*(?P<b>(19|20)?\d\d)\b")


def find_date(text: str) -> str | None:
    """The first date printed in `text`, as ISO yyyy-mm-dd."""
    candidates = []
    for rx in (_DATE_WORDS, _DATE_US, _DATE_NUMERIC, _DATE_ISO):
        m = rx.search(text)
        if m:
            candidates.append(m)
    for m in sorted(candidates, key=lambda m: m.start()):
        month = m.group("month")
        month_no = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
        try:
            return date(int(m.group("year")), month_no, int(m.group("day"))).isoformat()
        except (TypeError, ValueError):
            continue
    return None


def _tidy(text: str) -> str:
    """ALL CAPS front-block lines read better in title case; others stay as printed."""
    text = re.sub(r"\s+", " ", text).strip().strip("*").strip()
    if text.isupper():
        small = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "&"}
        words = text.lower().split()
        text = " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return text


def find_council(text: str, patterns=(_COUNCIL_QUALIFIED,)) -> str | None:
    """The first local authority named in `text` ("Durham County Council")."""
    for rx in patterns:
        for m in rx.finditer(text):
            name = re.sub(r"\s+", " ", m.group(1)).strip()
            name = re.sub(r"^(?:Of|By|The|And)\s+", "", name)
            before = text[max(0, m.start() - 12):m.start()].split()
            if before and before[-1].islower() and before[-1] not in ("of", "by", "from"):
                continue                      # "Children in Care Council"
            if not _NOT_COUNCILS.search(name) and len(name.split()) >= 2:
                return name
    return None


#: "Minutes of the meeting of the Corporate Parenting Committee held on ..."
_MEETING_OF = re.compile(r"\b(?:meeting|minutes) of (?:the )?(?:meeting of (?:the )?)?(?P<body>[A-Z][\w&' -]+"
                         r"(?:Committee|Panel|Board|Cabinet|Council|Forum|Partnership|Group|Executive))\b",
                         re.IGNORECASE)


def _is_council_line(text: str) -> bool:
    """A front line that only names the council ("NORTHSHIRE COUNTY COUNCIL")."""
    name = find_council(_tidy(text), (_COUNCIL_QUALIFIED, _COUNCIL_PLAIN))
    return bool(name) and len(_tidy(text).split()) <= len(name.split()) + 1


def extract_meta(front: list[Paragraph], sections: list[Section],
                 paragraphs: list[Paragraph]) -> Meta:
    """Metadata printed by the paper."""
    meta = Meta()
    title_printed = False             # a title line seen (what follows may be name - role lines)
    who: list[str] = []
    for para in front:
        text = para.text.strip()
        label = _LABEL.match(text)
        if label:
            key = label.group("label").lower().rstrip(".")
            value = label.group("value").strip()
            meta.extra[key] = value
            if key in ("from", "report of", "report author"):
                who.append(value)
            elif key in ("to", "meeting") and not meta.committee:
                meta.set("committee", _tidy(value), "printed")
            elif key in ("subject", "title"):
                meta.set("title", _tidy(value), "printed")
            elif key in ("date", "meeting date"):
                meta.set("date", find_date(value), "printed")
            continue
        printed_date = find_date(text)
        if not meta.date and printed_date and len(text.split()) <= 8:
            meta.set("date", printed_date, "printed")
            continue
        if _is_council_line(text):
            continue
        m = _MEETING_OF.search(_tidy(text))
        if m and not meta.committee:
            meta.set("committee", _tidy(m.group("body")), "printed")
        m = _REPORT_OF.match(text)
        if m:
            who.append(m.group("who"))
            continue
        m = _NAME_ROLE.match(text)
        if m and title_printed:
            who.append(_tidy(text))
            continue
        if not meta.committee and not title_printed and _COMMITTEE.search(text) \
                and len(text.split()) <= 8 and not meta.date:
            meta.set("committee", _tidy(text), "printed")
            continue
        if meta.date or meta.committee:
            if not meta.title and len(text.split()) <= 30 and not text.endswith(":"):
                title_printed = True
                meta.set("title", _tidy(text), "printed")
    if who:
        meta.set("report_of", "; ".join(_tidy(w) for w in who), "printed")
    if not meta.date:   # minutes: "... held on Tuesday 4 June 2013"
        meta.set("date", next(filter(None, (find_date(p.text) for p in front)), None), "printed")
    front_text = " ".join(_tidy(p.text) for p in front)
    meta.set("council", find_council(front_text, (_COUNCIL_QUALIFIED, _COUNCIL_PLAIN)) or find_council(
        " ".join(p.text for p in paragraphs[:60])), "printed")
    period_source = " ".join([meta.title or ""] + [p.text for p in paragraphs
                                                   if sections[p.section].kind in ("purpose", "summary")][:3])
    m = _PERIOD_RANGE.search(period_source)
    if m:
        meta.set("period", f"{m.group('a')} to {m.group('b')}", "printed")
    else:
        m = _PERIOD_YEARS.search(meta.title or "")
        if m:
            meta.set("period", m.group(0).replace(" ", ""), "printed")
    return meta


# ---- manifest -----------------------------------------------------------------

MANIFEST_NAME = "manifest.csv"
MANIFEST_FIELDS = ("council", "committee", "date", "title", "report_of", "period")


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Rows of a manifest, keyed by the file name and the relative path."""
    rows: dict[str, dict[str, str]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("file") or "").strip()
            if name:
                clean = {k: (v or "").strip() for k, v in row.items() if k}
                rows[name] = clean
                rows.setdefault(Path(name).name, clean)
                rows.setdefault(Path(name).stem, clean)   # the PDF beside its text
    return rows


def manifest_entry(path: Path, manifest: Path | None = None) -> dict[str, str]:
    """The manifest row for `path`: from `manifest`, else a manifest.csv in the
    file's folder or one of its parents."""
    candidates = [manifest] if manifest else [
        parent / MANIFEST_NAME for parent in list(path.resolve().parents)[:4]]
    for candidate in candidates:
        if candidate and candidate.is_file():
            rows = read_manifest(candidate)
            try:
                rel = str(path.resolve().relative_to(candidate.resolve().parent))
            except ValueError:
                rel = path.name
            row = rows.get(rel) or rows.get(path.name) or rows.get(path.stem)
            if row:
                return row
    return {}


def apply_overrides(meta: Meta, manifest_row: dict[str, str], options: dict[str, str | None]) -> None:
    """Fill what the paper does not print from the manifest; options win over both."""
    for name in MANIFEST_FIELDS:
        if not getattr(meta, name) and manifest_row.get(name):
            meta.set(name, manifest_row[name], "manifest")
    if manifest_row.get("source"):
        meta.extra["published_source"] = manifest_row["source"]
    for name, value in options.items():
        if value:
            meta.set(name, value, "option")
