"""The shared vocabulary of papermine: every stage speaks in these dataclasses.

A Document is what the parser makes of one paper; the NLP stage adds Agency,
Priority and ReportingLine records, each carrying Evidence that points back to
the document, page, paragraph and sentence it came from.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "Item", "Paragraph", "Section", "Table", "Meta", "Document", "Evidence",
    "Agency", "Priority", "ReportingLine", "Tags", "META_FIELDS",
    "slugify", "make_doc_id", "sha256_bytes",
]

#: Metadata a paper may print (or a manifest may supply), in display order.
META_FIELDS = ("council", "committee", "date", "title", "report_of", "period",
               "source", "sha256")


def slugify(text: str | None, max_len: int = 40) -> str:
    """Lower-case ASCII slug: 'Corporate Parenting Panel' -> 'corporate-parenting-panel'."""
    if not text:
        return ""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_len].rstrip("-")


def make_doc_id(council: str | None, date: str | None, title: str | None, sha256: str) -> str:
    """A stable, readable id: council, date, title slug and a short content hash.

    The hash part keeps two papers with the same title and date apart, and the
    same content always gets the same id.
    """
    council_name = re.sub(r"\b(metropolitan|borough|county|city|district|council|of)\b", " ",
                          council or "", flags=re.IGNORECASE)
    council_slug = slugify(council_name, 24)
    parts = [council_slug or "unknown", date or "undated", slugify(title, 40) or "untitled",
             sha256[:8]]
    return "_".join(parts)


@dataclass
class Item:
    """A sub-item of a paragraph: `(a)`, `(iv)`, a bullet, or a heading over bullets."""
    label: str | None
    text: str
    kind: str = "lettered"        # lettered | roman | numbered | bullet | heading
    level: int = 1
    page: int | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "Item":
        return cls(**{k: data.get(k) for k in ("label", "text", "kind", "level", "page")})


@dataclass
class Paragraph:
    """A numbered (or unnumbered, `number` None) paragraph with its provenance."""
    number: str | None
    text: str
    section: int                  # index into Document.sections
    page: int | None = None
    page_end: int | None = None
    span: tuple[int, int] = (0, 0)  # character offsets into Document.text
    items: list[Item] = field(default_factory=list)
    ocr: bool = False             # read by OCR from a scanned page (or partly so)

    @property
    def full_text(self) -> str:
        """The paragraph with its items, as one block of text (for tagging and search)."""
        lines = [self.text] + [
            f"{'  ' * (it.level - 1)}{'(' + it.label + ') ' if it.label else ''}{it.text}"
            for it in self.items]
        return "\n".join(line for line in lines if line)


@dataclass
class Section:
    heading: str | None
    kind: str
    index: int
    level: int = 1
    number: str | None = None     # a printed heading number ("2" in "2. Background")
    parent: int | None = None
    page: int | None = None


@dataclass
class Table:
    """A table as printed: its page, its box (x0, top, x1, bottom in PDF points,
    top-left origin) and its rows of cell strings ("" for an empty cell)."""
    page: int | None
    rows: list[list[str]]
    bbox: tuple[float, float, float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"page": self.page, "bbox": list(self.bbox) if self.bbox else None,
                "rows": [list(row) for row in self.rows]}

    @classmethod
    def from_dict(cls, data: dict) -> "Table":
        bbox = data.get("bbox")
        return cls(page=data.get("page"), rows=[list(row) for row in data.get("rows", [])],
                   bbox=tuple(bbox) if bbox else None)


@dataclass
class Meta:
    council: str | None = None
    committee: str | None = None
    date: str | None = None       # ISO yyyy-mm-dd
    title: str | None = None
    report_of: str | None = None
    period: str | None = None
    source: str | None = None
    sha256: str | None = None
    #: where each value came from: "printed", "manifest", "option", "file"
    provenance: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)  # From/To/Subject/Decision no...

    def set(self, name: str, value: str | None, origin: str) -> None:
        if value:
            setattr(self, name, value)
            self.provenance[name] = origin


@dataclass
class Document:
    id: str
    meta: Meta
    sections: list[Section]
    paragraphs: list[Paragraph]
    text: str = ""                # the rebuilt reading-order text that spans index
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: pages read by OCR (scans without a text layer) -> the engine's mean word confidence, 0-100
    ocr_pages: dict[int, float] = field(default_factory=dict)

    def section_of(self, para: Paragraph) -> Section:
        return self.sections[para.section]

    def find(self, number: str) -> Paragraph | None:
        """The first paragraph printed with `number` (numbers may repeat in minutes)."""
        return next((p for p in self.paragraphs if p.number == number), None)

    @property
    def year(self) -> int | None:
        """The meeting year, else the last year of the period the paper covers."""
        if self.meta.date:
            return int(self.meta.date[:4])
        years = re.findall(r"(?:19|20)\d\d", self.meta.period or "")
        return int(years[-1]) if years else None

    def to_dict(self) -> dict[str, Any]:
        meta = asdict(self.meta)
        return {
            "id": self.id,
            "meta": meta,
            "pages": self.pages,
            "sections": [
                {"heading": s.heading, "kind": s.kind, "index": s.index, "level": s.level,
                 "number": s.number, "parent": s.parent, "page": s.page,
                 "paragraphs": [p.number for p in self.paragraphs if p.section == s.index]}
                for s in self.sections],
            "paragraphs": [
                {"number": p.number, "section": self.sections[p.section].heading,
                 "section_index": p.section, "text": p.text, "page": p.page,
                 "page_end": p.page_end, "span": list(p.span),
                 "items": [asdict(i) for i in p.items], "ocr": p.ocr}
                for p in self.paragraphs],
            "tables": [t.to_dict() for t in self.tables],
            "ocr_pages": [{"page": n, "ocr": True, "confidence": c}
                          for n, c in sorted(self.ocr_pages.items())],
            "text": self.text,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        meta_data = dict(data["meta"])
        meta = Meta(**meta_data)
        sections = [Section(heading=s["heading"], kind=s["kind"], index=s["index"],
                            level=s.get("level", 1), number=s.get("number"),
                            parent=s.get("parent"), page=s.get("page"))
                    for s in data["sections"]]
        paragraphs = [Paragraph(number=p["number"], text=p["text"], section=p["section_index"],
                                page=p.get("page"), page_end=p.get("page_end"),
                                span=tuple(p.get("span", (0, 0))),
                                items=[Item.from_dict(i) for i in p.get("items", [])],
                                ocr=bool(p.get("ocr", False)))
                      for p in data["paragraphs"]]
        return cls(id=data["id"], meta=meta, sections=sections, paragraphs=paragraphs,
                   text=data.get("text", ""), pages=data.get("pages"),
                   warnings=list(data.get("warnings", [])),
                   tables=[Table.from_dict(t) for t in data.get("tables", [])],
                   ocr_pages={int(o["page"]): o["confidence"] for o in data.get("ocr_pages", [])})


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---- tags (made by papermine.nlp) -------------------------------------------

@dataclass
class Evidence:
    """Where a tag was read: document, page, paragraph number and the sentence."""
    doc: str
    page: int | None
    paragraph: str | None
    sentence: str
    section: str | None = None
    rule: str | None = None       # the pattern id that fired

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Agency:
    name: str                     # as written
    canonical: str
    kind: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "canonical": self.canonical, "kind": self.kind,
                "evidence": [e.to_dict() for e in self.evidence]}


@dataclass
class Priority:
    text: str
    theme: str
    kind: str                     # stated | heading | future | action-theme
    evidence: Evidence
    label: str | None = None      # "Priority 3", "(iii)"
    themes: list[str] = field(default_factory=list)  # every theme that matched, best first

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "theme": self.theme, "themes": self.themes,
                "kind": self.kind, "label": self.label, "evidence": self.evidence.to_dict()}


@dataclass
class ReportingLine:
    source: str                   # canonical name of the body that reports / is member...
    target: str
    relation: str                 # reports_to | subgroup_of | member_of | meets_with | chaired_by
    frequency: str                # normalised: monthly, bi-monthly, quarterly, ...
    evidence: Evidence
    frequency_text: str | None = None
    modality: str | None = None   # does | will | agreed
    source_text: str | None = None  # each end as the paper writes it ("housing and homelessness services")
    target_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "relation": self.relation,
                "frequency": self.frequency, "frequency_text": self.frequency_text,
                "modality": self.modality, "from_text": self.source_text, "to_text": self.target_text,
                "evidence": self.evidence.to_dict()}


@dataclass
class Tags:
    doc: str
    agencies: list[Agency] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    reporting_lines: list[ReportingLine] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.doc,
                "priorities": [p.to_dict() for p in self.priorities],
                "agencies": [a.to_dict() for a in self.agencies],
                "reporting_lines": [r.to_dict() for r in self.reporting_lines]}
