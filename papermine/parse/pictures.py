"""Text printed only in the pictures of a page: a council's logo, a board's
banner, a WordArt heading. pdfium renders the page, the characters of its text
layer are painted out (they are read already, and a council merely named in the
text must not come back as a logo), and Tesseract reads what is left.

Used by the metadata reader when the paper's text does not name its council
(or committee): only page 1, only then, and only with OCR on, so a paper that
prints its council costs nothing.

What Tesseract read is kept by the digest of the painted-out page: in this
process, and, given a cache folder (ingest keeps one beside its database), on
disk for every worker and every later run, since a council's papers share their
front-sheet template; on disk also by the file's digest, so that a file read
again (a new parser version) is not even rendered. An entry is used only when it is whole and is for this
image, language, settings and Tesseract version; the folder only when it is
this user's own and closed to others (else it is not used): a corrupt, stale or
planted cache falls back to reading the picture, never to another answer.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from .backends.ocr import OCR_DPI, OCR_LANGUAGE, POINTS_PER_INCH, tesseract_available, tesseract_ready

__all__ = ["picture_lines", "PICTURE_DPI", "PICTURE_CACHE_FORMAT"]

#: Render resolution for pictures: Tesseract's own (see OCR_DPI). At 200 dpi a
#: logo's stacked lettering lost whole words ("west" of "west sussex county
#: council") on two of five real logos; 300 dpi read all five, at 1.5 times the time.
PICTURE_DPI = OCR_DPI
#: Page segmentation mode 11, sparse text: words scattered over a picture
#: (a wordmark beside an emblem, a banner over a photograph), in no order.
PICTURE_CONFIG = "--psm 11"
#: Each character box of the text layer is painted out with this margin (points),
#: so no edge of a printed letter is left for Tesseract to misread.
BLANK_MARGIN = 1.0
#: Tesseract is given at most this long (seconds) for a page's pictures: a logo
#: reads in 2-4 s, a full-page photograph in about 12; a slower read is dropped,
#: as what it would give is a guess anyway.
PICTURE_TIMEOUT_S = 30
#: A page with fewer drawn objects than this beside its text has no picture.
MIN_PICTURE_OBJECTS = 1
#: Pictures read in this process, by the digest of the painted-out page: a
#: council's papers share their front-sheet template (its logo and rules, the
#: text painted out), so its logo is read once per worker, not once per paper.
#: Each holds (lines, whether Tesseract read them or failed).
_READ_CACHE: "OrderedDict[tuple, tuple[list[str], bool]]" = OrderedDict()
READ_CACHE_SIZE = 256
#: The digest of a painted page's pixels that keys its read: a page is some 9 MB, and
#: SHA-256 (in the processor on most machines) hashes it three times faster than BLAKE2b.
PIXEL_HASH = "sha256"
#: Bumped when what a cache entry holds, or how it is made, changes: older entries are not read.
PICTURE_CACHE_FORMAT = "1"
#: A cache entry is a few lines of text: a larger file is not one of ours.
MAX_CACHE_ENTRY_BYTES = 64 * 1024


def picture_lines(data: bytes, number: int = 1, dpi: int = PICTURE_DPI, cache: Path | None = None,
                  sha256: str | None = None) -> list[str]:
    """The lines of text read by OCR from the pictures (images and drawings) of
    page `number`, its text layer painted out. [] when Tesseract is missing,
    the page has no pictures, or it cannot be rendered or read. `cache`: a
    folder where reads are kept for other processes and runs (made if missing);
    with the file's `sha256` as well, a file read before is not even rendered."""
    if not tesseract_available():
        return []
    folder = _usable_folder(cache) if cache is not None else None
    by_file = _file_entry_name(sha256, number, dpi) if folder and sha256 else None
    if by_file and (known := _load(folder / by_file, by_file)) is not None:
        return list(known)
    pixels = _painted_page(data, number, dpi)
    if pixels is None:
        return []
    lines, read = _read(pixels, folder)
    if by_file and read:
        _store(folder, by_file, lines)
    return lines


def _painted_page(data: bytes, number: int, dpi: int):
    """Page `number` rendered in grey with its text layer painted out, as an array
    of pixels (rows of bytes), or None when it has no pictures or cannot be rendered."""
    import numpy as np
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from PIL import ImageDraw
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        if number > len(pdf):
            return None
        page = pdf[number - 1]
        try:
            kinds = [obj.type for obj in page.get_objects()]
            if sum(kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_SHADING)
                   for kind in kinds) < MIN_PICTURE_OBJECTS:
                return None
            scale = dpi / POINTS_PER_INCH
            bitmap = page.render(scale=scale, grayscale=True)
            # painted where pdfium drew it (to_pil shares the bitmap's memory): no copy of
            # the page to paint on, and the pixels hashed as they are (see _read)
            _, height = page.get_size()
            textpage = page.get_textpage()
            try:
                draw = ImageDraw.Draw(bitmap.to_pil())
                for i in range(textpage.count_chars()):
                    left, bottom, right, top = textpage.get_charbox(i)
                    draw.rectangle([(left - BLANK_MARGIN) * scale, (height - top - BLANK_MARGIN) * scale,
                                    (right + BLANK_MARGIN) * scale, (height - bottom + BLANK_MARGIN) * scale],
                                   fill=255)
            finally:
                textpage.close()
            pixels = np.ascontiguousarray(bitmap.to_numpy())     # rows without the bitmap's padding
        finally:
            page.close()
    except (pdfium.PdfiumError, IndexError, ValueError):
        return None
    finally:
        pdf.close()
    return pixels


def _read(pixels, folder: Path | None = None) -> tuple[list[str], bool]:
    """What Tesseract reads in the grey image `pixels` (rows of bytes; from a cache
    where it was read before), and whether that is a true read (False: it failed,
    and is kept in memory only)."""
    height, width = pixels.shape
    key = ((width, height), hashlib.new(PIXEL_HASH, pixels.data).digest())
    if key in _READ_CACHE:
        _READ_CACHE.move_to_end(key)
        lines, read = _READ_CACHE[key]
        return list(lines), read
    name = _entry_name(key) if folder else None
    lines = _load(folder / name, name) if folder else None
    read = True
    if lines is None:
        lines = _tesseract(_image(pixels))
        if lines is None:
            lines, read = [], False        # a failed read (a timeout): not kept for later runs
        elif folder:
            _store(folder, name, lines)
    _READ_CACHE[key] = (lines, read)
    if len(_READ_CACHE) > READ_CACHE_SIZE:
        _READ_CACHE.popitem(last=False)
    return list(lines), read


def _image(pixels):
    """The grey PIL image of `pixels`, for Tesseract."""
    from PIL import Image
    return Image.fromarray(pixels)


# ---- the cache folder -------------------------------------------------------------

@lru_cache(maxsize=1)
def _engine() -> str:
    """What a read depends on besides the image: Tesseract's version and its settings."""
    import pytesseract
    return f"{PICTURE_CACHE_FORMAT}|{pytesseract.get_tesseract_version()}|{OCR_LANGUAGE}|{PICTURE_CONFIG}"


def _entry_name(key: tuple) -> str:
    (width, height), digest = key
    name = hashlib.blake2b(f"{_engine()}|{width}x{height}|{PIXEL_HASH}|".encode() + digest,
                           digest_size=20).hexdigest()
    return f"{name}.json"


def _file_entry_name(sha256: str, number: int, dpi: int) -> str:
    """The entry for page `number` of the file with this digest: what its painted
    page gives depends on the renderer and the painting too."""
    from pypdfium2.version import PDFIUM_INFO
    key = f"{_engine()}|file|{PDFIUM_INFO}|{dpi}|{BLANK_MARGIN}|{number}|{sha256}"
    return f"{hashlib.blake2b(key.encode(), digest_size=20).hexdigest()}.json"


def _checksum(name: str, lines: list[str]) -> str:
    return hashlib.blake2b(json.dumps([name, lines]).encode(), digest_size=16).hexdigest()


def _usable_folder(folder: Path) -> Path | None:
    """The cache folder, made if missing (this user's only), or None when it is
    not safe to trust: a link, not a folder, someone else's, or writable by others."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        return None
    return folder


def _load(path: Path, name: str) -> list[str] | None:
    """The lines kept in a cache entry, or None when there is none we can trust
    (missing, a link, someone else's, too large, damaged, or for another key)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_size > MAX_CACHE_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            entry = json.loads(handle.read(MAX_CACHE_ENTRY_BYTES + 1).decode("utf-8"))
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    if not isinstance(entry, dict) or entry.get("name") != name:
        return None
    lines = entry.get("lines")
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines) \
            or entry.get("check") != _checksum(name, lines):
        return None
    return lines


def _store(folder: Path, name: str, lines: list[str]) -> None:
    """Keep a read (whole or not at all: written aside, then renamed into place).
    A cache that cannot be written is no error: the read is simply not kept."""
    body = json.dumps({"name": name, "lines": lines, "check": _checksum(name, lines)}).encode("utf-8")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
        os.replace(temp, folder / name)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass


def _tesseract(image) -> list[str] | None:
    """The lines Tesseract reads in the image; None when it fails or runs out of time."""
    import pytesseract
    try:
        text = pytesseract.image_to_string(tesseract_ready(image), lang=OCR_LANGUAGE, config=PICTURE_CONFIG,
                                           timeout=PICTURE_TIMEOUT_S)
    except (pytesseract.TesseractError, RuntimeError):
        return None
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return [line for line in lines if re.search(r"[A-Za-z]{2}", line)]
