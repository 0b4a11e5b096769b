"""Readers: one council paper (PDF or extracted text) to a Document.

Every backend turns a file into `Line`s; one structure builder and one
metadata extractor serve them all, so a new backend (DOCX, HTML, another PDF
engine) is a function added to READERS and nothing else changes.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..errors import InputError, LimitExceeded, UnsupportedFormat, display_name
from ..model import Document, make_doc_id, sha256_bytes
from ._lines import Line, Reading
from .files import PDF, read_regular_file, sniff_format
from .meta import apply_overrides, extract_meta, find_date, manifest_entry, meta_from_pictures
from .backends import BACKENDS, DEFAULT_BACKEND
from .pdf import read_pdf_lines
from .pictures import picture_lines
from .structure import build_structure, heading_kind
from .text import decode_text, read_text_lines, text_to_lines

__all__ = ["parse_file", "parse_bytes", "parse_text", "index_text", "READERS", "PARSER_VERSION",
           "parser_version", "PDF_BACKENDS", "DEFAULT_BACKEND",
           "Line", "Reading", "heading_kind", "find_date", "decode_text", "text_to_lines"]

#: Bumped whenever parsing output changes, so stored papers are re-read.
PARSER_VERSION = "18"
#: The PDF backends a caller may choose (`--pdf-backend`), the default first.
PDF_BACKENDS = tuple(sorted(BACKENDS, key=lambda name: name != DEFAULT_BACKEND))


def parser_version(pdf_backend: str = DEFAULT_BACKEND) -> str:
    """The version stored with each paper: the parser's and the PDF backend's,
    since another backend may read a PDF slightly differently."""
    return f"{PARSER_VERSION}+{pdf_backend}"

#: reader(path, data, backend=..., ocr=..., max_pages=...) -> Reading; the PDF backend and
#: `ocr` (read scanned pages by OCR) matter to PDFs only; every reader enforces `max_pages`.
Reader = Callable[..., Reading]
#: A text file's bytes counted as one page against a page limit (a dense
#: printed page holds about 4,000 characters).
TEXT_BYTES_PER_PAGE = 16_384


def _read_text(path: Path, data: bytes, *, backend: str = DEFAULT_BACKEND, ocr: bool = True,
               max_pages: int | None = None) -> Reading:
    if max_pages is not None and len(data) > max_pages * TEXT_BYTES_PER_PAGE:
        raise LimitExceeded(path, f"over the page limit ({len(data):,} bytes of text is over "
                                  f"{max_pages} pages of {TEXT_BYTES_PER_PAGE:,} bytes)")
    lines = read_text_lines(path, data)
    return Reading(lines, max((ln.page for ln in lines if ln.page), default=None))


#: File suffix -> reader. Suffixes not listed are sniffed (a PDF header or text).
READERS: dict[str, Reader] = {".pdf": read_pdf_lines, ".txt": _read_text, ".text": _read_text,
                              ".md": _read_text}


def _reader_for(path: Path, data: bytes) -> Reader:
    """The reader the content calls for: a PDF by its header whatever its name;
    a file named .pdf without one is a broken PDF; known other formats refused."""
    if sniff_format(path, data) == PDF or path.suffix.lower() == ".pdf":
        return read_pdf_lines
    if path.suffix.lower() in {".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".zip", ".png", ".jpg"}:
        raise UnsupportedFormat(path, f"unsupported file type '{path.suffix}' (PDF or text only)")
    return _read_text


_GC_LOCK = threading.Lock()
_gc_pausers = 0         # parses under way that paused the collector


@contextmanager
def _collection_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while a paper is parsed. A parse
    builds tens of thousands of objects that all live until it ends (every
    word of every page, its lines, paragraphs), so each collection the
    allocations trigger re-walks them to free nothing: about a sixth of the
    parse's time. Reference counting still frees everything else; what cycles
    a parse leaves are collected after it. (Counted, so that parses in several
    threads turn it back on only when the last ends; a collector the caller
    turned off stays off.)"""
    global _gc_pausers
    with _GC_LOCK:
        paused = gc.isenabled() or _gc_pausers > 0
        if paused:
            _gc_pausers += 1
            gc.disable()
    try:
        yield
    finally:
        if paused:
            with _GC_LOCK:
                _gc_pausers -= 1
                if _gc_pausers == 0:
                    gc.enable()


@_collection_paused()
def parse_bytes(path: Path, data: bytes, *, manifest: Path | None = None,
                options: dict[str, str | None] | None = None, ocr: bool = True,
                max_pages: int | None = None, pdf_backend: str = DEFAULT_BACKEND,
                sha256: str | None = None, picture_cache: Path | None = None) -> Document:
    """Parse one paper's bytes; `path` names it in errors and finds its manifest row;
    a PDF is read by `pdf_backend` (one of PDF_BACKENDS); `sha256` is the bytes'
    digest where the caller has it already (else it is computed here).
    `ocr=False` leaves scanned PDF pages unread (with a warning) instead of reading them by OCR;
    `picture_cache` is a folder where what OCR read in a logo is kept for other processes and runs.
    A paper over `max_pages` pages (text: over that many pages' worth of bytes)
    is refused before it is read."""
    reader = _reader_for(path, data)
    reading = reader(path, data, backend=pdf_backend, ocr=ocr, max_pages=max_pages)
    if not reading.lines:
        raise InputError(path, "no text found")
    structure = build_structure(reading.lines)
    meta = extract_meta(structure.front, structure.sections, structure.paragraphs, reading.running)
    apply_overrides(meta, manifest_entry(path, manifest), options or {})
    if reader is read_pdf_lines and ocr and not meta.council and 1 not in reading.ocr_pages:
        # a council shown only in its logo: the pictures of page 1 read by OCR (only then: it is
        # slow; a scanned first page was read whole by OCR already)
        sha256 = sha256 or sha256_bytes(data)
        meta_from_pictures(meta, picture_lines(data, cache=picture_cache, sha256=sha256))
    meta.source = display_name(path)           # names of any bytes stored and printed safely
    meta.sha256 = sha256 or sha256_bytes(data)
    doc = Document(id=make_doc_id(meta.council, meta.date, meta.title, meta.sha256),
                   meta=meta, sections=structure.sections, paragraphs=structure.paragraphs,
                   pages=reading.pages, warnings=list(reading.warnings), tables=list(reading.tables),
                   ocr_pages=dict(reading.ocr_pages))
    _mark_ocr(doc)
    index_text(doc)
    if not any(p.number for p in doc.paragraphs):
        doc.warnings.append("no numbered paragraphs found: blocks kept as unnumbered paragraphs")
    return doc


def parse_file(path: str | Path, *, manifest: Path | None = None,
               options: dict[str, str | None] | None = None, ocr: bool = True,
               pdf_backend: str = DEFAULT_BACKEND) -> Document:
    """Parse one paper from a regular file (FIFOs and devices are refused)."""
    path = Path(path)
    return parse_bytes(path, read_regular_file(path), manifest=manifest, options=options, ocr=ocr,
                       pdf_backend=pdf_backend)


def parse_text(text: str, name: str = "<text>", **kwargs) -> Document:
    """Parse text already in memory (tests, other tools)."""
    return parse_bytes(Path(name), text.encode("utf-8"), **kwargs)


def _mark_ocr(doc: Document) -> None:
    """Mark each paragraph printed (wholly or partly) on a page read by OCR."""
    if not doc.ocr_pages:
        return
    for para in doc.paragraphs:
        if para.page is not None:
            pages = range(para.page, (para.page_end or para.page) + 1)
            para.ocr = any(n in doc.ocr_pages for n in pages)


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
