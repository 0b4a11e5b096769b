"""OCR for pages without a text layer: pdfium renders the page, Tesseract reads it.

Tesseract (the Debian package `tesseract-ocr`) runs as a program through
pytesseract. Its hOCR output gives each word's box and confidence and each
line's baseline and glyph size, which become the same `Word` records a text
backend emits (PDF points, top-left origin; size from the glyph size, bold
from the thickness of the strokes, bullets from their shape), so layout
analysis and the structure builder treat a scanned page like any other.
Pages are rendered in the calling process, one at a time (pdfium is not
thread-safe; parallel work is done in worker processes, never threads).
"""
from __future__ import annotations

import os
import re
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache

from . import PageRecord, Word

__all__ = ["PageOCR", "tesseract_available", "tesseract_ready", "OCR_DPI", "INSTALL_HINT"]

#: Render resolution: 300 dpi is what Tesseract is tuned for (11 pt text is
#: then about 45 px high); small print and lone digits suffer below it.
OCR_DPI = 300
POINTS_PER_INCH = 72
OCR_LANGUAGE = "eng"
#: Page segmentation mode 6, one uniform block of text: each line runs across
#: the page, hanging paragraph numbers and labels ("a)") included. The
#: automatic mode (3) and the single-column mode (4) cut sparse labels off into
#: a column of their own, or drop them, which loses the paragraph numbers.
TESSERACT_CONFIG = "--psm 6"
#: Mode 7, a single line of text: for a line read again on its own.
REREAD_CONFIG = "--psm 7"
#: Pixels darker than this (0-255, after the contrast is stretched) become ink.
#: Tesseract's recogniser reads the grey image it is given; a clean black and
#: white page reads lone digits more reliably than the soft edges of a grey
#: scan or of upsampling.
INK_THRESHOLD = 160
#: Share (%) of the darkest and lightest pixels ignored when stretching the
#: contrast: specks and glare do not set the range.
CONTRAST_CUTOFF = 0.5
#: Tesseract's line x_size (ascender to descender, in pixels) per point of
#: font size: 0.94 to 0.97 measured on made scans (Helvetica, 9 and 11 pt).
X_SIZE_PER_POINT = 0.95
#: Estimated sizes are rounded to this step (points), as printed sizes are, so
#: that one body size is found across a scanned paper.
SIZE_STEP = 0.5
#: A line holding a word read with less confidence than this (0-100) is read
#: again on its own: Tesseract misreads a lone paragraph number set apart from
#: its text ("9" as "SS)") far more often on the whole page than on the line.
REREAD_BELOW = 50.0
#: Lines are read again only on a page read well overall (mean word confidence
#: at least this): on a blurred or noisy page every line is doubtful, and
#: reading them again costs time and mends nothing.
REREAD_PAGE_MIN = 80.0
#: At most this many lines of a page are read again (a poor scan would
#: otherwise be read twice over).
MAX_REREADS = 8
#: Margin (share of the line's glyph size) around a line cut out to be read
#: again: wider margins take in the ascenders of the next line, and misreads.
REREAD_MARGIN = 0.15
#: A lone glyph opening a line no larger than this share of the line's glyph
#: size is a bullet (a bullet is about a third of it, a lower-case letter more than half).
BULLET_MAX_SIZE = 0.45
#: A word whose strokes are this many times thicker than the page's typical
#: word's (each relative to its line's glyph size) is bold: on made scans body
#: text measures 0.9-1.1 times the typical word, bold headings 1.3-1.6.
BOLD_STROKE_RATIO = 1.25
#: Fewer words than this on a page give no typical stroke to compare with.
BOLD_MIN_WORDS = 20
#: The font name given to words read by OCR (the typeface is unknown).
OCR_FONT = "ocr"
#: A page that takes Tesseract longer than this (seconds) is skipped with a warning.
OCR_TIMEOUT_S = 180
#: The file format pytesseract hands each image to Tesseract in: uncompressed
#: TIFF is written and read at once, where its default, PNG, costs a compression
#: and a decompression of every page image (a fifth of the time of reading a
#: logo); the pixels, and so what Tesseract reads, are the same.
TESSERACT_IMAGE_FORMAT = "TIFF"
INSTALL_HINT = "install Tesseract to read it by OCR (apt-get install tesseract-ocr)"

_XHTML = "{http://www.w3.org/1999/xhtml}"
_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}
_BBOX = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_BASELINE = re.compile(r"baseline (-?[\d.]+) (-?[\d.]+)")
_X_SIZE = re.compile(r"x_size ([\d.]+)")
_CONFIDENCE = re.compile(r"x_wconf (-?\d+)")


@lru_cache(maxsize=1)
def tesseract_available() -> bool:
    """Whether the Tesseract program (and pytesseract) can be run here."""
    try:
        import pytesseract
        pytesseract.get_tesseract_version()
    except Exception:   # not installed, not on PATH, or not runnable
        return False
    return True


@dataclass
class _OcrWord:
    text: str
    box: tuple[int, int, int, int]      # pixels: x0, y0, x1, y1
    confidence: float                   # 0-100
    bullet: bool = False                # a list bullet, known by its shape
    bold: bool = False                  # thick strokes (see _mark_bold)


@dataclass
class _OcrLine:
    box: tuple[int, int, int, int]
    baseline: float                     # pixels from the top of the image
    x_size: float                       # Tesseract's glyph height for the line, pixels
    words: list[_OcrWord] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        read = [w.confidence for w in self.words if not w.bullet]
        return statistics.fmean(read) if read else 0.0


def _box(title: str, dx: int = 0, dy: int = 0) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = (int(v) for v in _BBOX.search(title).groups())
    return x0 + dx, y0 + dy, x1 + dx, y1 + dy


def _lines_from_hocr(hocr: bytes | str, dx: int = 0, dy: int = 0) -> list[_OcrLine]:
    """Tesseract's hOCR as lines of words, in its reading order; (dx, dy)
    places an image cut from a page back on the page."""
    lines = []
    for line in ET.fromstring(hocr).iter(f"{_XHTML}span"):
        if line.get("class") not in _LINE_CLASSES:
            continue
        title = line.get("title", "")
        box = _box(title, dx, dy)
        base = _BASELINE.search(title)
        x_size = _X_SIZE.search(title)
        ocr_line = _OcrLine(box, box[3] + (float(base.group(2)) if base else 0.0),
                            float(x_size.group(1)) if x_size else float(box[3] - box[1]))
        for span in line.iter(f"{_XHTML}span"):
            text = "".join(span.itertext()).strip()
            if span.get("class") == "ocrx_word" and text:
                conf = _CONFIDENCE.search(span.get("title", ""))
                ocr_line.words.append(_OcrWord(text, _box(span.get("title", ""), dx, dy),
                                               float(conf.group(1)) if conf else 0.0))
        if ocr_line.words:
            _mark_bullet(ocr_line)
            lines.append(ocr_line)
    return lines


def _mark_bullet(line: _OcrLine) -> None:
    """A small lone glyph opening a line is a list bullet, whatever Tesseract
    took it for ("¢", "e", "*", "«"): it becomes "•", which the structure
    builder reads as a bullet."""
    first = line.words[0]
    x0, y0, x1, y1 = first.box
    small = max(x1 - x0, y1 - y0) <= BULLET_MAX_SIZE * line.x_size
    if len(line.words) > 1 and len(first.text) == 1 and small and first.text not in "-–.,":
        first.text, first.bullet = "•", True


def _mean_confidence(lines: list[_OcrLine]) -> float | None:
    """The mean confidence of the words Tesseract read (bullets known by shape left out)."""
    read = [w.confidence for line in lines for w in line.words if not w.bullet]
    return statistics.fmean(read) if read else None


def _to_words(lines: list[_OcrLine], scale: float) -> list[Word]:
    """Lines as `Word`s in PDF points. Every word of a line gets the line's box:
    its bottom on the baseline and its top one glyph size above, so the words
    Tesseract grouped into a line stay one line through layout analysis."""
    words = []
    for line in lines:
        size = round(line.x_size * scale / X_SIZE_PER_POINT / SIZE_STEP) * SIZE_STEP
        bottom = line.baseline * scale
        words += [Word(w.text, w.box[0] * scale, w.box[2] * scale, bottom - size, bottom,
                       OCR_FONT, size, w.bold) for w in line.words]
    return words


def _mark_bold(lines: list[_OcrLine], image) -> None:
    """Bold words, by the thickness of their strokes: the mean width of the
    horizontal runs of ink in a word's box (vertical stems make up most of
    them), relative to its line's glyph size, against the page's typical word."""
    import numpy as np
    ink = np.asarray(image) < 128
    strokes = []
    for line in lines:
        for word in line.words:
            x0, y0, x1, y1 = word.box
            box = ink[max(0, y0):y1, max(0, x0):x1]
            runs = int((box[:, 1:] & ~box[:, :-1]).sum() + box[:, 0].sum()) if box.size else 0
            if runs and not word.bullet:
                strokes.append((word, box.sum() / runs / line.x_size))
    if len(strokes) < BOLD_MIN_WORDS:
        return
    typical = statistics.median(stroke for _, stroke in strokes)
    for word, stroke in strokes:
        word.bold = stroke >= typical * BOLD_STROKE_RATIO


class PageOCR:
    """Reads pages of one PDF by OCR; the PDF is opened for rendering on first use."""

    def __init__(self, data: bytes, dpi: int = OCR_DPI):
        self.data = data
        self.dpi = dpi
        self._pdf = None

    def __enter__(self) -> "PageOCR":
        return self

    def __exit__(self, *exc) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def read(self, number: int, n_images: int = 0) -> PageRecord:
        """Page `number` (from 1) read by OCR. Raises RuntimeError (with a
        reason) when the page cannot be rendered or Tesseract fails on it."""
        grey = self._render(number)
        image = _black_and_white(grey)
        lines = _lines_from_hocr(_tesseract(image, TESSERACT_CONFIG))
        if (_mean_confidence(lines) or 0.0) >= REREAD_PAGE_MIN:
            doubtful = [i for i, ln in enumerate(lines)
                        if any(w.confidence < REREAD_BELOW and not w.bullet for w in ln.words)]
            for i in doubtful[:MAX_REREADS]:
                lines[i] = _reread((image, grey), lines[i])
        _mark_bold(lines, image)
        scale = POINTS_PER_INCH / self.dpi
        confidence = _mean_confidence(lines)
        return PageRecord(number, image.width * scale, image.height * scale, _to_words(lines, scale),
                          [], n_images, ocr=True,
                          ocr_confidence=round(confidence, 1) if confidence is not None else None)

    def _render(self, number: int):
        """The page as a grey image at the OCR resolution."""
        import pypdfium2 as pdfium
        try:
            if self._pdf is None:
                self._pdf = pdfium.PdfDocument(self.data)
            page = self._pdf[number - 1]
            try:
                image = page.render(scale=self.dpi / POINTS_PER_INCH, grayscale=True).to_pil()
            finally:
                page.close()
        except (pdfium.PdfiumError, IndexError) as exc:   # damaged, or pages the renderer lacks
            raise RuntimeError(f"cannot render it ({exc})") from exc
        return image.convert("L")


def _black_and_white(grey):
    """Ink and paper; the greys are stretched first, so a faint scan keeps its ink."""
    from PIL import ImageOps
    stretched = ImageOps.autocontrast(grey, cutoff=CONTRAST_CUTOFF)
    return stretched.point(lambda v: 255 if v > INK_THRESHOLD else 0)


def tesseract_ready(image):
    """`image` set up to be passed to Tesseract through pytesseract (its file format
    set, see TESSERACT_IMAGE_FORMAT), and Tesseract to one thread: papers are read in
    parallel by worker processes, and OpenMP threads inside each Tesseract would
    only compete with them (they trebled the CPU time of a read)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image.format = TESSERACT_IMAGE_FORMAT
    return image


def _tesseract(image, config: str) -> bytes:
    """Tesseract's hOCR for an image."""
    import pytesseract
    try:
        return pytesseract.image_to_pdf_or_hocr(tesseract_ready(image), lang=OCR_LANGUAGE, config=config,
                                                extension="hocr", timeout=OCR_TIMEOUT_S)
    except pytesseract.TesseractError as exc:
        raise RuntimeError(f"Tesseract failed ({exc.message.strip() or exc.status})") from exc
    except RuntimeError as exc:      # pytesseract's timeout
        raise RuntimeError(f"Tesseract took more than {OCR_TIMEOUT_S} s") from exc


def _reread(images, line: _OcrLine) -> _OcrLine:
    """The line read again on its own from each image (black and white, grey);
    the read with the best mean confidence is kept. Tesseract's misreads of a
    lone digit are erratic: what one image gets wrong the other gets right."""
    margin = round(REREAD_MARGIN * line.x_size)
    best = line
    for image in images:
        x0, y0 = max(0, line.box[0] - margin), max(0, line.box[1] - margin)
        cut = image.crop((x0, y0, min(image.width, line.box[2] + margin),
                          min(image.height, line.box[3] + margin)))
        again = _lines_from_hocr(_tesseract(cut, REREAD_CONFIG), x0, y0)
        if len(again) == 1 and again[0].confidence > best.confidence:
            best = again[0]
    return best
