"""The pdfium backend (PDFium through pypdfium2's raw bindings): the default.

It emits the same records as the pdfplumber backend at a twentieth of the
cost, by asking PDFium per page for its text once and per *word* for boxes and
fonts, never building an object per character. What PDFium does differently
from pdfminer is undone here (see ../shared/FAST-PDF.md for the study):

- a `-` or soft hyphen at a line end comes back as U+FFFE with the line break
  dropped, so the word runs into the next line: split after it, emit `-`;
- text objects that print only whitespace (Word's "1.1", " ", "The") are
  left out of the text, running "1.1The" together: their origins, read from
  the page objects, part words;
- generated characters (spaces and line breaks PDFium infers) are not text:
  they only part words, and not even that between two glyphs pdfplumber keeps
  in one word (a space for a narrow gap, a line break before a superscript);
- the font size ignores the text matrix: size = font size x the matrix scale;
- weights and bold flags are unreliable: bold comes from the font's name, with
  the subset prefix stripped;
- a glyph with no Unicode mapping comes back as its code: it is given as
  pdfminer gives it, "(cid:N)";
- words part where pdfplumber parts them (a space, a gap wider than the
  tolerance, a step back, a jump of line; not a change of font), which is
  checked glyph by glyph only where a word spans text objects;
- characters come in content-stream order, not reading order: layout groups
  words into lines by position.

PDFium is not thread-safe (ctypes releases the GIL during calls): documents
are read one at a time per process (a lock), and ingest works in processes.
"""
from __future__ import annotations

import ctypes
import re
import threading
from contextlib import contextmanager
from itertools import accumulate
from ctypes import POINTER, byref, c_char_p, c_double, c_float, c_int, c_size_t, c_uint, c_ulong, c_void_p
from pathlib import Path
from typing import Iterator, NamedTuple

import pypdfium2  # noqa: F401  (initialises the PDFium library once per process)
import pypdfium2.raw as pdfium_c
import pypdfium2_raw.bindings as _bindings

from ...errors import CorruptPDF, EncryptedPDF
from . import (WORD_X_TOLERANCE, WORD_Y_TOLERANCE, PageRecord, PdfPages, Rule, Word, is_bold_font,
               is_upright, strip_subset_prefix)

__all__ = ["open_pdf"]

#: Characters PDFium reports for a line-end hyphen (a `-` or U+00AD it took for one).
LINE_END_HYPHEN = "\ufffe"
#: ...which GetUnicode reports as this code.
HYPHEN_CODE = 0x2
#: A path of more segments is a drawing (a chart, a map, a logo), not rulings:
#: its segments are not read (they cost a call each).
MAX_PATH_SEGMENTS = 500
#: Segments of the longest subpath that can be a rule: a box drawn as m l l l l.
MAX_RULE_SEGMENTS = 5
#: Bytes read of a text object's text to tell a whitespace-only one (UTF-16, NUL included).
BLANK_OBJECT_BUFFER = 16
#: Bytes for a font's base name (names are short; longer ones are cut).
FONT_NAME_BUFFER = 256
#: Points: a whitespace text object this far past the next glyph's left edge still parts them.
PHANTOM_SPACE_SLACK = 0.5
#: A matrix entry below this is taken for zero (float noise).
UPRIGHT_EPSILON = 1e-6

# A word: a run of visible characters; U+FFFE ends one (it is the hyphen of a
# word broken at the line end, whose line break PDFium dropped).
_WORD = re.compile(r"[^\s\ufffe]+\ufffe?|\ufffe")
#: ...the same, kept by `re.split`: the text between words, then a word, alternately.
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")

_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH,
                                              pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM)
#: The seam (x0, x1, top) before a page's first word: nothing joins it.
NO_SEAM = (float("inf"), float("-inf"), float("inf"))

_SEG_LINE, _SEG_MOVE = pdfium_c.FPDF_SEGMENT_LINETO, pdfium_c.FPDF_SEGMENT_MOVETO
#: A path's segment kinds as bytes, one per segment: its kind plus one (PDFium's
#: kinds are -1 unknown, 0 line, 1 curve, 2 move).
_LINE_BYTE, _MOVE_BYTE, _CURVE_BYTE = _SEG_LINE + 1, _SEG_MOVE + 1, pdfium_c.FPDF_SEGMENT_BEZIERTO + 1
#: ...of a curve: its three segments
_CURVE_BYTES = bytes([_CURVE_BYTE] * 3)
#: A subpath that may be a rule: a move and at most MAX_RULE_SEGMENTS - 1 straight
#: segments, up to the next move or the path's end.
_STRAIGHT_SUBPATH = re.compile(b"%c%c{0,%d}(?=%c|\\Z)" % (_MOVE_BYTE, _LINE_BYTE, MAX_RULE_SEGMENTS - 1, _MOVE_BYTE))


# ---- lean prototypes ---------------------------------------------------------
# pypdfium2's generated bindings type every handle as a pointer to a struct,
# which costs a conversion on each of the thousands of calls a page makes.
# These are the same C functions with plain void-pointer handles.
_lib = _bindings._libs["pdfium"]


def _proto(name: str, restype, *argtypes):
    fn = _lib[name]          # a new function object: pypdfium2's own stays as it was
    fn.restype = restype
    if argtypes:
        fn.argtypes = argtypes
    return fn


_P = c_void_p


class _Handle(c_void_p):
    """A PDFium handle kept as a ctypes object (a plain c_void_p result would
    become an int), so that calls without argument types take it as it is."""


_pf = POINTER(c_float)
_FS_MATRIX = pdfium_c.FS_MATRIX
_LoadMemDocument64 = _proto("FPDF_LoadMemDocument64", _P, _P, c_size_t, c_char_p)
_CloseDocument = _proto("FPDF_CloseDocument", None, _P)
_GetLastError = _proto("FPDF_GetLastError", c_ulong)
_GetPageCount = _proto("FPDF_GetPageCount", c_int, _P)
_LoadPage = _proto("FPDF_LoadPage", _P, _P, c_int)
_ClosePage = _proto("FPDF_ClosePage", None, _P)
_GetMediaBox = _proto("FPDFPage_GetMediaBox", c_int, _P, _pf, _pf, _pf, _pf)
_GetRotation = _proto("FPDFPage_GetRotation", c_int, _P)
_CountObjects = _proto("FPDFPage_CountObjects", c_int, _P)
_GetObject = _proto("FPDFPage_GetObject", _Handle, _P, c_int)
_FormCountObjects = _proto("FPDFFormObj_CountObjects", c_int, _P)
_FormGetObject = _proto("FPDFFormObj_GetObject", _Handle, _P, c_ulong)
_ObjGetType = _proto("FPDFPageObj_GetType", c_int, _P)
_ObjGetMatrix = _proto("FPDFPageObj_GetMatrix", c_int, _P, POINTER(_FS_MATRIX))
# (a call per text object, when a page has a word in doubt: no argument conversion)
_ObjGetBoundsFast = _proto("FPDFPageObj_GetBounds", c_int)
_TextLoadPage = _proto("FPDFText_LoadPage", _P, _P)
_TextClosePage = _proto("FPDFText_ClosePage", None, _P)
_CountChars = _proto("FPDFText_CountChars", c_int, _P)
_GetText = _proto("FPDFText_GetText", c_int, _P, c_int, c_int, _P)
_GetUnicode = _proto("FPDFText_GetUnicode", c_uint, _P, c_int)
# Called for every word: no argument types at all (the caller passes a
# c_void_p handle and Python ints), which halves the cost of a call.
_HasUnicodeMapErrorFast = _proto("FPDFText_HasUnicodeMapError", c_int)
_IsGeneratedFast = _proto("FPDFText_IsGenerated", c_int)
_GetLooseCharBoxFast = _proto("FPDFText_GetLooseCharBox", c_int)
_GetTextObjectFast = _proto("FPDFText_GetTextObject", _P)
_GetCharMatrixFast = _proto("FPDFText_GetMatrix", c_int)
_GetCharFontSizeFast = _proto("FPDFText_GetFontSize", c_double)
_PathCountSegmentsFast = _proto("FPDFPath_CountSegments", c_int)
_PathGetSegmentFast = _proto("FPDFPath_GetPathSegment", _Handle)
_SegGetPointFast = _proto("FPDFPathSegment_GetPoint", c_int)
_SegGetTypeFast = _proto("FPDFPathSegment_GetType", c_int)
_SegGetCloseFast = _proto("FPDFPathSegment_GetClose", c_int)
_TextObjGetText = _proto("FPDFTextObj_GetText", c_ulong, _P, _P, _P, c_ulong)
_TextObjGetFont = _proto("FPDFTextObj_GetFont", _P, _P)
_FontGetDescent = _proto("FPDFFont_GetDescent", c_int, _P, c_float, _pf)
_FontGetBaseName = _proto("FPDFFont_GetBaseFontName", c_size_t, _P, _P, c_size_t)


# ---- errors ------------------------------------------------------------------

def _open_error(path: Path) -> Exception:
    code = _GetLastError()
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return EncryptedPDF(path)
    detail = {pdfium_c.FPDF_ERR_FILE: "file error", pdfium_c.FPDF_ERR_FORMAT: "format error",
              pdfium_c.FPDF_ERR_PAGE: "page error"}.get(code, f"error {code}")
    return CorruptPDF(path, f"not a readable PDF, damaged or truncated (PDFium: {detail})")


# ---- coordinates ---------------------------------------------------------------

class _Frame:
    """PDF user space to pdfplumber's top-left page coordinates.

    pdfminer maps user space through the page's rotation and MediaBox origin,
    and pdfplumber flips y against the (rotated) MediaBox height; this does
    the same so both backends place words alike on any page.
    """
    __slots__ = ("width", "height", "rotated", "_ctm", "_x_shift", "_top_shift")

    def __init__(self, page: int):
        left, bottom, right, top = c_float(), c_float(), c_float(), c_float()
        if not _GetMediaBox(page, byref(left), byref(bottom), byref(right), byref(top)):
            left.value, bottom.value, right.value, top.value = 0.0, 0.0, 612.0, 792.0
        x0, x1 = sorted((left.value, right.value))
        y0, y1 = sorted((bottom.value, top.value))
        rotation = (_GetRotation(page) % 4) * 90
        self.rotated = rotation != 0
        self._ctm = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
                     270: (0, 1, -1, 0, y1, -x0)}.get(rotation, (1, 0, 0, 1, -x0, -y0))
        if rotation in (90, 270):
            x0, y0, x1, y1 = y0, x0, y1, x1
        self.width, self.height = x1 - x0, y1 - y0
        # pdfplumber adds back its MediaBox's top-left corner (y flipped)
        self._x_shift, self._top_shift = x0, -y0

    def point(self, x: float, y: float) -> tuple[float, float]:
        """(x, top) of a user-space point."""
        a, b, c, d, e, f = self._ctm
        return a * x + c * y + e + self._x_shift, self.height - (b * x + d * y + f) + self._top_shift

    def x_span(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float]:
        """(x0, x1) of a user-space box."""
        if not self.rotated:
            return left, right           # the MediaBox shift pdfminer takes off, pdfplumber adds back
        xa, xb = self.point(left, bottom)[0], self.point(right, top)[0]
        return min(xa, xb), max(xa, xb)

    def box_span(self, outer: tuple, left: float, bottom: float, right: float,
                 top: float) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) of a box in a form's space (`outer`: the form's
        matrix): its four corners through `outer` and `point`, computed inline
        (a page's many text objects each ask)."""
        a, b, c, d, e, f = outer
        A, B, C, D, E, F = self._ctm
        x_shift, top_shift, height = self._x_shift, self._top_shift, self.height
        # the corners in user space: (left, bottom), (left, top), (right, bottom), (right, top)
        u1, v1 = a * left + c * bottom + e, b * left + d * bottom + f
        u2, v2 = a * left + c * top + e, b * left + d * top + f
        u3, v3 = a * right + c * bottom + e, b * right + d * bottom + f
        u4, v4 = a * right + c * top + e, b * right + d * top + f
        xs = (A * u1 + C * v1 + E + x_shift, A * u2 + C * v2 + E + x_shift,
              A * u3 + C * v3 + E + x_shift, A * u4 + C * v4 + E + x_shift)
        tops = (height - (B * u1 + D * v1 + F) + top_shift, height - (B * u2 + D * v2 + F) + top_shift,
                height - (B * u3 + D * v3 + F) + top_shift, height - (B * u4 + D * v4 + F) + top_shift)
        return min(xs), max(xs), min(tops), max(tops)

    def linear(self, a: float, b: float, c: float, d: float) -> tuple[float, float, float, float]:
        """A matrix's linear part as pdfminer sees it (after the page rotation)."""
        A, B, C, D = self._ctm[:4]
        return a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D


# ---- text --------------------------------------------------------------------

def _page_text(textpage: int, count: int) -> str:
    """The page's characters, one per PDFium char index."""
    if count <= 0:
        return ""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = _GetText(textpage, 0, count, buffer)
    text = buffer.raw[: 2 * max(0, written - 1)].decode("utf-16-le", "replace")
    if len(text) != count:
        # GetText leaves some control characters out: read char by char
        codes = [_GetUnicode(textpage, i) for i in range(count)]
        text = "".join(LINE_END_HYPHEN if code == HYPHEN_CODE else chr(code) if 0 < code < 0x110000 else " "
                       for code in codes)
    return text


class _Facts(NamedTuple):
    """What every glyph of one text object shares."""
    font: str
    size: float
    bold: bool
    upright: bool
    #: top-left y of pdfminer's glyph bottom: the baseline less the font's descent
    bottom: float
    #: and of its top, a size above
    top: float


class _Fonts:
    """Font facts per text object (one font, size and baseline each), cached per page."""

    def __init__(self, textpage: int, frame: _Frame):
        self.textpage = c_void_p(textpage)
        self.frame = frame
        #: text object -> its facts; `read` fills it
        self.cache: dict[int, _Facts] = {}
        self._fonts: dict[int, tuple[str, float]] = {}
        self._matrix = _FS_MATRIX()
        self._matrix_ref = byref(self._matrix)
        self._name_buffer = ctypes.create_string_buffer(FONT_NAME_BUFFER)


    def _font(self, font: int) -> tuple[str, float, bool]:
        """(name without subset tag, descent per point of size, bold) of a font."""
        known = self._fonts.get(font)
        if known is None:
            length = _FontGetBaseName(font, self._name_buffer, FONT_NAME_BUFFER)
            raw = self._name_buffer.raw[: max(0, min(length, FONT_NAME_BUFFER) - 1)]
            descent = c_float()
            if not _FontGetDescent(font, 1.0, byref(descent)):
                descent.value = 0.0
            # pdfminer takes a descent printed as positive for a negative one
            name = strip_subset_prefix(raw.decode("latin-1"))
            known = self._fonts[font] = (name, -abs(descent.value), is_bold_font(name))
        return known

    def read(self, obj: int, index: int) -> _Facts:
        """The facts of the text object `obj`, which holds char `index` (cached)."""
        self.cache[obj] = facts = self._read(obj, index)
        return facts

    def _read(self, obj: int, index: int) -> _Facts:
        tp = self.textpage
        name, descent, bold = self._font(_TextObjGetFont(obj)) if obj else ("", 0.0, False)
        # the char's matrix (text matrix, CTM and forms): its scale sizes the
        # font (the font size is the Tf operand), its origin is the object's
        # start on the baseline, which every glyph of the object shares
        m = self._matrix
        _GetCharMatrixFast(tp, index, self._matrix_ref)
        a, b, c, d = self.frame.linear(m.a, m.b, m.c, m.d)
        scale = abs(d) if abs(b) < UPRIGHT_EPSILON else (b * b + d * d) ** 0.5
        size = _GetCharFontSizeFast(tp, index) * scale
        bottom = self.frame.point(m.e, m.f)[1] - descent * size
        return _Facts(name, size, bold, is_upright(a, b, c, d), bottom, bottom - size)


class _PageObjects:
    """One walk over a page's objects (forms included): rules, images, and
    (asked for only where a word is in doubt) whitespace-only text objects."""
    __slots__ = ("rules", "n_images", "visible", "_texts", "_boxes", "_blank_at", "_textpage", "_frame")

    def __init__(self, page: int, textpage: int, frame: _Frame):
        self.rules: list[Rule] = []
        self.n_images = 0
        self._texts: list[tuple[_Handle, tuple]] = []      # (text object, matrix of its form)
        #: text objects known to print visible glyphs (the word reader's): never blank
        self.visible: set[int] = set()
        self._boxes: list[tuple] | None = None
        self._blank_at: dict[int, tuple[float, float] | None] = {}
        self._textpage, self._frame = textpage, frame
        self._walk(page, _CountObjects, _GetObject, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), frame)

    def space_between(self, after: float, left: float, top: float, bottom: float) -> bool:
        """Does a text object that prints only whitespace start after x `after`
        and by x `left`, on a baseline between `top` and `bottom` (top-left
        coordinates)? Only objects whose box reaches there are read: reading an
        object's text costs PDFium a scan of the page's glyphs."""
        if self._boxes is None:
            self._boxes = self._read_boxes()
        for x0, x1, box_top, box_bottom, obj, outer in self._boxes:
            if x0 <= left and x1 >= after and box_top <= bottom and box_bottom >= top:
                origin = self._blank_origin(obj, outer)
                if origin is not None and after < origin[0] <= left and top <= origin[1] <= bottom:
                    return True
        return False

    def _read_boxes(self) -> list[tuple]:
        """(x0, x1, top, bottom, object, form matrix) of each text object not
        known to be visible, its box widened by the slack, in page coordinates."""
        left, bottom, right, top = c_float(), c_float(), c_float(), c_float()
        refs = byref(left), byref(bottom), byref(right), byref(top)
        span, slack = self._frame.box_span, PHANTOM_SPACE_SLACK
        boxes = []
        for obj, outer in self._texts:
            if obj.value in self.visible:
                continue
            if not _ObjGetBoundsFast(obj, *refs):
                left.value = bottom.value = right.value = top.value = 0.0    # PDFium wrote nothing
            x0, x1, box_top, box_bottom = span(outer, left.value, bottom.value, right.value, top.value)
            boxes.append((x0 - slack, x1 + slack, box_top - slack, box_bottom + slack, obj, outer))
        return boxes

    def _blank_origin(self, obj: _Handle, outer: tuple) -> tuple[float, float] | None:
        """(x, baseline) of a text object that prints only whitespace, else None."""
        key = obj.value
        if key in self.visible:
            return None                  # (found visible after the boxes were read: no text to read)
        if key not in self._blank_at:
            buffer = ctypes.create_string_buffer(BLANK_OBJECT_BUFFER)
            size = _TextObjGetText(obj, self._textpage, buffer, BLANK_OBJECT_BUFFER)
            text = buffer.raw[: max(0, size - 2)].decode("utf-16-le", "replace")
            origin = None
            if size <= BLANK_OBJECT_BUFFER and not text.strip():
                matrix = _FS_MATRIX()
                _ObjGetMatrix(obj, byref(matrix))
                origin = self._frame.point(*_apply(outer, matrix.e, matrix.f))
            self._blank_at[key] = origin
        return self._blank_at[key]

    def _walk(self, parent, count_fn, get_fn, outer: tuple, frame: _Frame) -> None:
        matrix = _FS_MATRIX()
        for i in range(count_fn(parent)):
            obj = get_fn(parent, i)
            kind = _ObjGetType(obj)
            if kind == _OBJ_TEXT:
                self._texts.append((obj, outer))
            elif kind == _OBJ_PATH:
                self._path(obj, outer, matrix, frame)
            elif kind == _OBJ_IMAGE:
                self.n_images += 1
            elif kind == _OBJ_FORM:
                _ObjGetMatrix(obj, byref(matrix))
                self._walk(obj, _FormCountObjects, _FormGetObject, _compose(_tuple(matrix), outer), frame)

    def _path(self, obj: _Handle, outer: tuple, matrix: pdfium_c.FS_MATRIX, frame: _Frame) -> None:
        """Straight segments and axis-aligned rectangles, as pdfminer reads them:
        each subpath that is one segment is a line, one closed box is 4 edges.
        (A chart has thousands of segments: their kinds are read first, and
        segments and points only for subpaths short and straight enough to be one of these;
        the path's matrix (into `matrix`, composed with its form's `outer`) only
        when there are such subpaths.)"""
        count = _PathCountSegmentsFast(obj)
        if count > MAX_PATH_SEGMENTS:
            return
        kinds = _segment_kinds(obj, count)
        # a curve or a polyline is neither line nor box: a subpath (a move, then up to
        # MAX_RULE_SEGMENTS - 1 straight segments, then the next move or the end) is found in C
        straight = [m.span() for m in _STRAIGHT_SUBPATH.finditer(kinds)]
        if not straight:
            return
        _ObjGetMatrix(obj, byref(matrix))
        a, b, c, d, e, f = _compose(_tuple(matrix), outer)
        get_segment = _PathGetSegmentFast
        x, y = c_float(), c_float()
        x_ref, y_ref = byref(x), byref(y)
        subpaths: list[list[tuple[float, float]]] = []
        closed: list[bool] = []
        for start, end in straight:
            points = []
            for i in range(start, end):
                seg = get_segment(obj, i)
                _SegGetPointFast(seg, x_ref, y_ref)
                u, v = x.value, y.value
                points.append(frame.point(a * u + c * v + e, b * u + d * v + f))
            subpaths.append(points)
            closed.append(bool(_SegGetCloseFast(seg)))
        for points, is_closed in zip(subpaths, closed):
            if is_closed:
                points = points + [points[0]]
                if len(points) > 3 and points[-2] == points[0]:
                    del points[-2]              # a redundant segment back to the start
            if len(points) == 2 or (is_closed and len(points) == 3):
                (ax, atop), (bx, btop) = points[:2]
                self.rules.append(Rule(min(ax, bx), min(atop, btop), max(ax, bx), max(atop, btop)))
            elif len(points) == 5 and points[4] == points[0] and _is_box(points[:4]):
                xs, tops = [p[0] for p in points], [p[1] for p in points]
                x0, x1, top, bottom = min(xs), max(xs), min(tops), max(tops)
                self.rules += [Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom),
                               Rule(x0, top, x0, bottom), Rule(x1, top, x1, bottom)]


def _segment_kinds(obj: _Handle, count: int) -> bytes:
    """The kinds of a path's segments as one byte each (a code for `_STRAIGHT_SUBPATH`).
    A Bezier curve is always three segments in a row (two control points and its
    end), so one read stands for three: a third of the calls on the curves of
    glyph outlines, logos and charts."""
    get_segment, get_kind = _PathGetSegmentFast, _SegGetTypeFast
    kinds = bytearray()
    i = 0
    while i < count:
        kind = get_kind(get_segment(obj, i)) + 1
        if kind == _CURVE_BYTE:
            kinds += _CURVE_BYTES
            i += 3
        else:
            kinds.append(kind)
            i += 1
    return bytes(kinds)


def _tuple(m) -> tuple:
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple, outer: tuple) -> tuple:
    """The matrix applying `inner` then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _is_box(points: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


class _Run(NamedTuple):
    """Glyphs that may make a word (a part of a word that spans text objects)."""
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    facts: _Facts                 # its first glyph's: the word's font
    first: int
    first_obj: int | None
    seam: tuple                   # its last glyph's (index, object, x0, x1, top)


class _WordReader:
    """Words of one text page: text from one GetText call; boxes and fonts
    from the first and last char of each word, and from every char only
    where a word spans text objects (a space object, a gap, a superscript).

    This loop runs for every word of every page, so it is written for speed:
    PDFium's hot functions are called without ctypes argument conversion,
    boxes land in one reused float array, and the seam of the last word (its
    last glyph: index, object, x0, x1, top) is a plain tuple."""

    def __init__(self, textpage: int, frame: _Frame, objects: _PageObjects):
        self.tp = c_void_p(textpage)
        self.frame = frame
        self.objects = objects
        self.fonts = _Fonts(textpage, frame)
        self._box = (c_float * 4)()          # FS_RECTF: left, top, right, bottom
        self._box_ref = byref(self._box)

    def box(self, index: int) -> tuple[float, float]:
        """(x0, x1) of a char in page coordinates (PDFium's loose box)."""
        box = self._box
        _GetLooseCharBoxFast(self.tp, index, self._box_ref)
        if self.frame.rotated:
            return self.frame.x_span(box[0], box[3], box[2], box[1])
        return box[0], box[2]

    def words(self, text: str) -> list[Word]:
        tp = self.tp
        box, box_ref, get_box, get_object = self._box, self._box_ref, _GetLooseCharBoxFast, _GetTextObjectFast
        facts_cache, read_facts = self.fonts.cache, self.fonts.read
        # the words and the text between them, alternately, and where each part
        # ends: positions in C rather than a match object per word
        parts = _WORD_SPLIT.split(text)
        offsets = list(accumulate(map(len, parts)))
        pieces, firsts, ends = parts[1::2], offsets[0:-1:2], offsets[1::2]
        # the calls in tight comprehensions, the Python work after them
        objects = [get_object(tp, first) for first in firsts]
        self.objects.visible.update(objects)
        objects.append(None)
        if self.frame.rotated:
            lefts = [self.box(first)[0] for first in firsts]
            rights = [self.box(end - 1) for end in ends]
        else:
            lefts = [box[0] for first in firsts if get_box(tp, first, box_ref) is not None]
            rights = [(box[0], box[2]) for end in ends if get_box(tp, end - 1, box_ref) is not None]
        out: list[Word] = []
        append = out.append
        # the seam: out[-1]'s last glyph (x0, x1, top); -inf/inf when there is none
        seam_x0, seam_x1, seam_top = NO_SEAM
        tolerance_x, tolerance_y = WORD_X_TOLERANCE, WORD_Y_TOLERANCE
        last_obj = facts = None
        font = size = bold = upright = bottom = top = None      # `facts`, unpacked once per object
        for k, (piece, first, end, obj, next_obj, x0, (last_x0, x1)) in enumerate(
                zip(pieces, firsts, ends, objects, objects[1:], lefts, rights)):
            # a word within one text object is the common case; where the next
            # word starts in another object, this one may span two
            if next_obj != obj and end - first > 1 and get_object(tp, end - 1) != obj:
                seam = (ends[k - 1] - 1, objects[k - 1], seam_x0, seam_x1, seam_top) if out else None
                for run in self._split(first, end - 1, piece):
                    seam = self._add(out, seam, run, text)
                seam_x0, seam_x1, seam_top = seam[2:] if seam else NO_SEAM
                last_obj = None
                continue
            if obj != last_obj or last_obj is None:
                facts = facts_cache.get(obj) or read_facts(obj, first)
                font, size, bold, upright, bottom, top = facts
                last_obj = obj
            if not upright:
                seam_x0, seam_x1, seam_top = NO_SEAM
                continue
            if not piece.isascii():
                piece = self._unmapped(piece, first)
            if x0 < seam_x0 or x0 > seam_x1 + tolerance_x or abs(top - seam_top) > tolerance_y:
                append(Word(piece, x0, x1, top, bottom, font, size, bold))
            else:
                seam = (ends[k - 1] - 1, objects[k - 1], seam_x0, seam_x1, seam_top)
                self._add(out, seam, _Run(piece, x0, x1, top, bottom, facts, first, obj, None), text)
            seam_x0, seam_x1, seam_top = last_x0, x1, top
        return out

    def _add(self, out: list[Word], seam: tuple | None, run: _Run, text: str) -> tuple | None:
        """Append `run` as a word, or join it to the last word where pdfplumber
        would not have parted them; returns the new seam."""
        facts = run.facts
        if not facts.upright:
            return None
        if seam is not None and not (run.x0 < seam[2] or run.x0 > seam[3] + WORD_X_TOLERANCE
                                     or abs(run.top - seam[4]) > WORD_Y_TOLERANCE) \
                and self._made_up_break(text, seam, run):
            word = out[-1]
            word.text += run.text
            word.x1 = max(word.x1, run.x1)
            word.top, word.bottom = min(word.top, run.top), max(word.bottom, run.bottom)
        else:
            out.append(Word(run.text, run.x0, run.x1, run.top, run.bottom, facts.font, facts.size, facts.bold))
        return run.seam

    def _made_up_break(self, text: str, seam: tuple, run: _Run) -> bool:
        """PDFium parted two runs that pdfplumber keeps as one word: only
        characters it generated lie between them (a space for a narrow gap, a
        line break before a superscript), and no whitespace object (a printed
        space PDFium left out) at the seam."""
        tp = self.tp
        if any(not text[i].isspace() or not _IsGeneratedFast(tp, i) for i in range(seam[0] + 1, run.first)):
            return False
        return run.first_obj == seam[1] or not self._space_between(seam, run)

    def _space_between(self, seam: tuple, run: _Run) -> bool:
        """Does a whitespace text object start after the seam's glyph begins
        and before `run`, on a baseline within `run`'s height? (Its origin is
        where that glyph's advance ends: inside an italic's box.)"""
        return self.objects.space_between(seam[2], run.x0 + PHANTOM_SPACE_SLACK, run.top, run.bottom)

    def _unmapped(self, piece: str, first: int) -> str:
        """Non-ASCII glyphs of a word: the line-end hyphen as `-`, and a glyph
        with no Unicode mapping (PDFium gives its code as if it were one) as
        pdfminer's "(cid:N)", which layout cleans alike for every backend."""
        chars = list(piece)
        for k, char in enumerate(chars):
            if char == LINE_END_HYPHEN:
                chars[k] = "-"
            elif not char.isascii() and _HasUnicodeMapErrorFast(self.tp, first + k) > 0:
                chars[k] = f"(cid:{ord(char)})"
        return "".join(chars)

    def _split(self, first: int, last: int, text: str) -> list[_Run]:
        """A run of glyphs across text objects, char by char: parted where
        pdfplumber parts a word and at whitespace objects PDFium left out.
        (The run being built is kept in locals, a `_Run` made only when it ends.)"""
        tp = self.tp
        cache, read = self.fonts.cache, self.fonts.read
        runs: list[_Run] = []
        chars: list[str] = []
        # the open run: its box, first glyph (index, object, facts) and seam (last glyph)
        r_x0 = r_x1 = r_top = r_bottom = 0.0
        r_facts: _Facts | None = None
        r_first = r_obj = 0
        seam: tuple = ()
        # the calls first, in comprehensions, then the Python work per glyph
        indices = range(first, last + 1)
        objects = [_GetTextObjectFast(tp, i) for i in indices]
        self.objects.visible.update(objects)         # each prints one of these glyphs: never blank
        if self.frame.rotated:
            boxes = [self.box(i) for i in indices]
        else:
            box, box_ref, get_box = self._box, self._box_ref, _GetLooseCharBoxFast
            boxes = [(box[0], box[2]) for i in indices if get_box(tp, i, box_ref) is not None]
        space_between = self.objects.space_between
        for i, obj, (x0, x1), char in zip(indices, objects, boxes, text):
            if not char.isascii():
                char = self._unmapped(char, i)
            facts = cache.get(obj) or read(obj, i)
            top, bottom = facts.top, facts.bottom
            glyph = (i, obj, x0, x1, top)
            if r_facts is None or facts.upright != r_facts.upright or x0 < seam[2] \
                    or x0 > seam[3] + WORD_X_TOLERANCE or abs(top - seam[4]) > WORD_Y_TOLERANCE \
                    or (obj != seam[1] and space_between(seam[2], x0 + PHANTOM_SPACE_SLACK, top, bottom)):
                if r_facts is not None:
                    runs.append(_Run("".join(chars), r_x0, r_x1, r_top, r_bottom, r_facts, r_first, r_obj, seam))
                chars = [char]
                r_x0, r_x1, r_top, r_bottom = x0, x1, top, bottom
                r_facts, r_first, r_obj = facts, i, obj
            else:
                chars.append(char)
                r_x0, r_x1 = min(r_x0, x0), max(r_x1, x1)
                r_top, r_bottom = min(r_top, top), max(r_bottom, bottom)
            seam = glyph
        if r_facts is not None:
            runs.append(_Run("".join(chars), r_x0, r_x1, r_top, r_bottom, r_facts, r_first, r_obj, seam))
        return runs


def _read_page(doc: int, index: int) -> PageRecord:
    page = _LoadPage(doc, index)
    if not page:
        raise RuntimeError(f"page {index + 1} cannot be loaded")
    try:
        frame = _Frame(page)
        textpage = _TextLoadPage(page)
        if not textpage:
            raise RuntimeError(f"page {index + 1} has no readable text layer")
        try:
            objects = _PageObjects(page, textpage, frame)
            text = _page_text(textpage, _CountChars(textpage))
            words = _WordReader(textpage, frame, objects).words(text)
        finally:
            _TextClosePage(textpage)
    finally:
        _ClosePage(page)
    return PageRecord(index + 1, frame.width, frame.height, words, objects.rules, objects.n_images)


def _pages(path: Path, doc: int, count: int) -> Iterator[PageRecord]:
    for index in range(count):
        try:
            record = _read_page(doc, index)
        except RuntimeError as exc:
            raise CorruptPDF(path, f"not a readable PDF, damaged or truncated ({exc})") from exc
        yield record


#: PDFium is not thread-safe and ctypes lets other threads run during its
#: calls: a threaded caller reads one document at a time (safe, not parallel;
#: ingest runs its workers as processes for that reason).
_PDFIUM_LOCK = threading.RLock()


@contextmanager
def open_pdf(path: Path, data: bytes) -> Iterator[PdfPages]:
    with _PDFIUM_LOCK:
        # PDFium reads from this buffer while the document is open: keep it alive
        buffer = ctypes.create_string_buffer(data, len(data))
        doc = _LoadMemDocument64(buffer, len(data), None)
        if not doc:
            raise _open_error(path)
        try:
            count = _GetPageCount(doc)
            yield PdfPages(count, _pages(path, doc, count))
        finally:
            _CloseDocument(doc)
            del buffer
