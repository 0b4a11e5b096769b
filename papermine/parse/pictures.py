"""Text printed only in the pictures of a page: a council's logo, a board's
banner, a WordArt heading. pdfium renders the page, the characters of its text
layer are painted out (they are read already, and a council merely named in the
text must not come back as a logo), and Tesseract reads what is left.

Used by the metadata reader when the paper's text does not name its council
(or committee): only page 1, only then, and only with OCR on, so a paper that
prints its council costs nothing.
"""
from __future__ import annotations

import hashlib
import re
from collections import OrderedDict

from .backends.ocr import OCR_DPI, OCR_LANGUAGE, POINTS_PER_INCH, tesseract_available, tesseract_ready

__all__ = ["picture_lines", "PICTURE_DPI"]

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
_READ_CACHE: "OrderedDict[tuple, list[str]]" = OrderedDict()
READ_CACHE_SIZE = 256


def picture_lines(data: bytes, number: int = 1, dpi: int = PICTURE_DPI) -> list[str]:
    """The lines of text read by OCR from the pictures (images and drawings) of
    page `number`, its text layer painted out. [] when Tesseract is missing,
    the page has no pictures, or it cannot be rendered or read."""
    if not tesseract_available():
        return []
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from PIL import ImageDraw
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return []
    try:
        if number > len(pdf):
            return []
        page = pdf[number - 1]
        try:
            kinds = [obj.type for obj in page.get_objects()]
            if sum(kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_SHADING)
                   for kind in kinds) < MIN_PICTURE_OBJECTS:
                return []
            scale = dpi / POINTS_PER_INCH
            image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
            _, height = page.get_size()
            textpage = page.get_textpage()
            try:
                draw = ImageDraw.Draw(image)
                for i in range(textpage.count_chars()):
                    left, bottom, right, top = textpage.get_charbox(i)
                    draw.rectangle([(left - BLANK_MARGIN) * scale, (height - top - BLANK_MARGIN) * scale,
                                    (right + BLANK_MARGIN) * scale, (height - bottom + BLANK_MARGIN) * scale],
                                   fill=255)
            finally:
                textpage.close()
        finally:
            page.close()
    except (pdfium.PdfiumError, IndexError, ValueError):
        return []
    finally:
        pdf.close()
    return _read(image)


def _read(image) -> list[str]:
    key = (image.size, hashlib.blake2b(image.tobytes(), digest_size=16).digest())
    if key in _READ_CACHE:
        _READ_CACHE.move_to_end(key)
        return list(_READ_CACHE[key])
    lines = _tesseract(image)
    _READ_CACHE[key] = lines
    if len(_READ_CACHE) > READ_CACHE_SIZE:
        _READ_CACHE.popitem(last=False)
    return list(lines)


def _tesseract(image) -> list[str]:
    import pytesseract
    try:
        text = pytesseract.image_to_string(tesseract_ready(image), lang=OCR_LANGUAGE, config=PICTURE_CONFIG,
                                           timeout=PICTURE_TIMEOUT_S)
    except (pytesseract.TesseractError, RuntimeError):
        return []
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return [line for line in lines if re.search(r"[A-Za-z]{2}", line)]
