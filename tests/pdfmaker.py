"""Make real PDFs of council papers with reportlab, laid out as councils print them.

Each page has a running header and a "Page N of M" footer; headings are set in
bold; numbered paragraphs hang from their number; long paragraphs break across
pages; and a long word at a line end is hyphenated. The layout is produced from
a Document (the parse of a text paper), so a test can check that the PDF reader
recovers the same structure from the layout alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from papermine.model import Document

BODY_FONT, BOLD_FONT, SIZE, LEADING = "Helvetica", "Helvetica-Bold", 11, 14
LEFT, NUMBER_INDENT, RIGHT = 72, 108, A4[0] - 72
TOP, BOTTOM = A4[1] - 90, 80
PARAGRAPH_GAP = 10
HYPHEN_MIN_WORD = 9


@dataclass
class _Op:
    x: float
    y: float
    text: str
    font: str = BODY_FONT
    size: float = SIZE


@dataclass
class _Layout:
    header: str
    hyphenate: bool = True
    pages: list[list[_Op]] = field(default_factory=lambda: [[]])
    y: float = TOP
    hyphenated: int = 0

    def _room(self, needed: float) -> None:
        if self.y - needed < BOTTOM:
            self.pages.append([])
            self.y = TOP

    def gap(self, points: float = PARAGRAPH_GAP) -> None:
        self.y -= points

    def wrap(self, text: str, width: float, font: str) -> list[str]:
        lines, current = [], ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            if stringWidth(trial, font, SIZE) <= width:
                current = trial
                continue
            if self.hyphenate and word.isalpha() and word.islower() and len(word) >= HYPHEN_MIN_WORD:
                for cut in range(len(word) - 4, 3, -1):
                    head = f"{current} {word[:cut]}-".strip()
                    if stringWidth(head, font, SIZE) <= width:
                        lines.append(head)
                        current = word[cut:]
                        self.hyphenated += 1
                        break
                else:
                    lines.append(current)
                    current = word
                continue
            if current:
                lines.append(current)
            current = word
        if current:
            lines.append(current)
        return lines

    def block(self, text: str, x: float, font: str = BODY_FONT, label: str | None = None,
              label_x: float | None = None) -> None:
        for i, line in enumerate(self.wrap(text, RIGHT - x, font)):
            self._room(LEADING)
            if i == 0 and label is not None:
                self.pages[-1].append(_Op(label_x if label_x is not None else LEFT, self.y, label, font))
            self.pages[-1].append(_Op(x, self.y, line, font))
            self.y -= LEADING


def layout_document(doc: Document, header: str, hyphenate: bool = True) -> _Layout:
    lay = _Layout(header=header, hyphenate=hyphenate)
    for section in doc.sections:
        if section.heading:
            lay.gap(PARAGRAPH_GAP)
            lay._room(LEADING * 3)          # keep a heading with what follows it
            heading = f"{section.number}. {section.heading}" if section.number else section.heading
            lay.block(heading, LEFT, BOLD_FONT)
            lay.gap()
        for para in doc.paragraphs:
            if para.section == section.index:
                _paragraph(lay, para, section)
    return lay


def _paragraph(lay: _Layout, para, section) -> None:
    if para.text:
        if para.number is not None:
            label = para.number if para.number[0].isdigit() else f"{para.number})"
            lay.block(para.text, NUMBER_INDENT, label=label)
        else:
            lay.block(para.text, LEFT, BOLD_FONT if section.kind == "front" else BODY_FONT)
        lay.gap()
    for item in para.items:
        x = NUMBER_INDENT + 22 * item.level
        if item.kind == "heading":
            lay.block(item.text, x - 22, BOLD_FONT)
        elif item.kind == "bullet":
            lay.block(item.text, x, label="•", label_x=x - 14)
        elif item.kind == "numbered":
            lay.block(f"{item.label}) {item.text}", x - 22)
        else:
            lay.block(item.text, x, label=f"({item.label})", label_x=x - 22)
        lay.gap(4)
    if para.items:
        lay.gap()


def write_pdf(doc: Document, path: Path, header: str = "Corporate Parenting Panel",
              hyphenate: bool = True, encrypt: str | None = None) -> _Layout:
    """Write `doc` as a PDF at `path`; returns the layout (pages, hyphenations)."""
    lay = layout_document(doc, header, hyphenate)
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    total = len(lay.pages)
    for number, ops in enumerate(lay.pages, start=1):
        pdf.setFont(BODY_FONT, 9)
        pdf.drawString(LEFT, A4[1] - 50, header)
        pdf.drawRightString(RIGHT, 40, f"Page {number} of {total}")
        for op in ops:
            pdf.setFont(op.font, op.size)
            pdf.drawString(op.x, op.y, op.text)
        pdf.showPage()
    pdf.save()
    return lay
