"""Readers: one council paper (PDF or extracted text) to a Document.

Every backend turns a file into `Line`s; one structure builder and one
metadata extractor serve them all, so a new backend (DOCX, HTML, another PDF
engine) is a function added to READERS and nothing else changes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import InputError, UnsupportedFormat
from ..model import Document, make_doc_id, sha256_bytes
from ._lines import Line, Reading
from .meta import apply_overrides, extract_meta, find_date, manifest_entry
from .backends import BACKENDS, DEFAULT_BACKEND
from .pdf import read_pdf_lines
from .structure import build_structure, heading_kind
from .text import decode_text, read_text_lines, text_to_lines

__all__ = ["parse_file", "parse_bytes", "parse_text", "index_text", "READERS", "PARSER_VERSION",
           "parser_version", "PDF_BACKENDS", "DEFAULT_BACKEND",
           "Line", "Reading", "heading_kind", "find_date", "decode_text", "text_to_lines"]

#: Bumped whenever parsing output changes, so stored papers are re-read.
PARSER_VERSION = "2"
#: The PDF backends a caller may choose (`--pdf-backend`), the default first.
PDF_BACKENDS = tuple(sorted(BACKENDS, key=lambda name: name != DEFAULT_BACKEND))


def parser_version(pdf_backend: str = DEFAULT_BACKEND) -> str:
    """The version stored with each paper: the parser's and the PDF backend's,
    since another backend may read a PDF slightly differently."""
    return f"{PARSER_VERSION}+{pdf_backend}"

Reader = Callable[[Path, bytes], Reading]


def _read_text(path: Path, data: bytes) -> Reading:
    lines = read_text_lines(path, data)
    return Reading(lines, max((ln.page for ln in lines if ln.page), default=None))


#: File suffix -> reader. Suffixes not listed are sniffed (a PDF header or text).
READERS: dict[str, Reader] = {".pdf": read_pdf_lines, ".txt": _read_text, ".text": _read_text,
                              ".md": _read_text}


def _reader_for(path: Path, data: bytes) -> Reader:
    reader = READERS.get(path.suffix.lower())
    if reader:
        return reader
    if data.lstrip().startswith(b"%PDF"):
        return read_pdf_lines
    if path.suffix.lower() in {".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".zip", ".png", ".jpg"}:
        raise UnsupportedFormat(path, f"unsupported file type '{path.suffix}' (PDF or text only)")
    return _read_text


def parse_bytes(path: Path, data: bytes, *, manifest: Path | None = None,
                options: dict[str, str | None] | None = None, pdf_backend: str = DEFAULT_BACKEND) -> Document:
    """Parse one paper's bytes; `path` names it in errors and finds its manifest row;
    a PDF is read by `pdf_backend` (one of PDF_BACKENDS)."""
    reader = _reader_for(path, data)
    reading = read_pdf_lines(path, data, pdf_backend) if reader is read_pdf_lines else reader(path, data)
    if not reading.lines:
        raise InputError(path, "no text found")
    structure = build_structure(reading.lines)
    meta = extract_meta(structure.front, structure.sections, structure.paragraphs)
    apply_overrides(meta, manifest_entry(path, manifest), options or {})
    meta.source = str(path)
    meta.sha256 = sha256_bytes(data)
    doc = Document(id=make_doc_id(meta.council, meta.date, meta.title, meta.sha256),
                   meta=meta, sections=structure.sections, paragraphs=structure.paragraphs,
                   pages=reading.pages, warnings=list(reading.warnings))
    index_text(doc)
    if not any(p.number for p in doc.paragraphs):
        doc.warnings.append("no numbered paragraphs found: blocks kept as unnumbered paragraphs")
    return doc


def parse_file(path: str | Path, *, manifest: Path | None = None,
               options: dict[str, str | None] | None = None, pdf_backend: str = DEFAULT_BACKEND) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a folder, not a file") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from exc
    return parse_bytes(path, data, manifest=manifest, options=options, pdf_backend=pdf_backend)


def parse_text(text: str, name: str = "<text>", **kwargs) -> Document:
    """Parse text already in memory (tests, other tools)."""
    return parse_bytes(Path(name), text.encode("utf-8"), **kwargs)


def index_text(doc: Document) -> None:
    """Rebuild the reading-order text and point each paragraph's span into it."""
    parts: list[str] = []
    offset = 0
    last_section = None
    for para in doc.paragraphs:
        if para.section != last_section:
            heading = doc.sections[para.section].heading
            if heading:
                parts.append(heading)
                offset += len(heading) + 2
            last_section = para.section
        body = para.full_text
        para.span = (offset, offset + len(body))
        parts.append(body)
        offset += len(body) + 2
    doc.text = "\n\n".join(parts)
