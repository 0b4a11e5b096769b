"""Small PDFs made with reportlab, each carrying one layout feature that the
layout passes must undo: two columns drawn line by line across the page (so
their lines come out interleaved), a ruled table, an unruled table, a
footnote with its raised marker, a raised ordinal ("10th"), a contents page.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

BODY, BOLD, SIZE, LEADING = "Helvetica", "Helvetica-Bold", 11, 14
WIDTH, HEIGHT = A4
LEFT, RIGHT = 56, WIDTH - 56


def _text(c: canvas.Canvas, x: float, top: float, text: str, font: str = BODY, size: float = SIZE,
          rise: float = 0.0) -> float:
    """Draw text with its top at `top` (points from the page top); returns its right edge."""
    c.setFont(font, size)
    c.drawString(x, HEIGHT - top - size + rise, text)
    return x + c.stringWidth(text, font, size)


def _lines(c: canvas.Canvas, x: float, top: float, lines: list[str], font: str = BODY) -> float:
    for line in lines:
        _text(c, x, top, line, font)
        top += LEADING
    return top


LEFT_LINES = [f"Left column line {i:02d} tells the story of the left side" for i in range(12)]
RIGHT_LINES = [f"Right column line {i:02d} carries on the right side" for i in range(12)]


def two_columns(path: Path) -> Path:
    """A full-width title, two columns whose lines share baselines and are
    drawn row by row (left, right, left, right...), a full-width closing line."""
    c = canvas.Canvas(str(path), pagesize=A4)
    _text(c, LEFT, 60, "Joint Health and Wellbeing Strategy 2024 to 2029: our shared priorities", BOLD, 14)
    top = 100
    for left, right in zip(LEFT_LINES, RIGHT_LINES):
        _text(c, LEFT, top, left)
        _text(c, 315, top, right)
        top += LEADING
    _text(c, LEFT, top + 20, "This closing paragraph runs across the whole width of the page after both columns.")
    c.showPage()
    c.save()
    return path


def single_column(path: Path) -> Path:
    """A single-column report: a front block of labels and values, numbered
    paragraphs hanging from their numbers (no column must be found)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    top = 60
    for label, value in [("From:", "Corporate Director of Children's Services"),
                         ("To:", "Cabinet Member for Integrated Children's Services"),
                         ("Subject:", "Commissioned Family Hub contracts"),
                         ("Decision no:", "24/00093")]:
        _text(c, LEFT, top, label, BOLD)
        _text(c, 150, top, value)
        top += LEADING + 6
    top += 20
    for n in range(1, 6):
        _text(c, LEFT, top, f"{n}.1")
        top = _lines(c, 84, top, [f"Paragraph {n} opens here and runs on for a few lines of text",
                                  "so that its number hangs to the left of the text that",
                                  "wraps under it, as council reports usually set them."])
        top += 8
    c.showPage()
    c.save()
    return path


def _grid(c: canvas.Canvas, xs: list[float], tops: list[float]) -> None:
    c.setLineWidth(0.75)
    for x in xs:
        c.line(x, HEIGHT - tops[0], x, HEIGHT - tops[-1])
    for t in tops:
        c.line(xs[0], HEIGHT - t, xs[-1], HEIGHT - t)


RULED_ROWS = [["Centre", "Area", "Contract value"],
              ["Millmead", "Margate", "£222,127"],
              ["Seashells", "Sheerness", "£204,302"],
              ["Total", "", "£426,429"]]


def ruled_table(path: Path) -> Path:
    """Two numbered paragraphs with a ruled table between them."""
    c = canvas.Canvas(str(path), pagesize=A4)
    top = _lines(c, LEFT, 80, ["1. The table below shows the value of each contract for the two",
                               "centres, as agreed by the Cabinet Member in the last year."])
    xs, tops = [LEFT, 200, 330, 470], [top + 14 + 20 * i for i in range(len(RULED_ROWS) + 1)]
    _grid(c, xs, tops)
    for row, t in zip(RULED_ROWS, tops):
        for cell, x in zip(row, xs):
            _text(c, x + 4, t + 4, cell, BOLD if row is RULED_ROWS[0] else BODY)
    _lines(c, LEFT, tops[-1] + 24, ["2. The figures are provisional until the accounts are closed."])
    c.showPage()
    c.save()
    return path


ALIGNED_ROWS = [["Ward", "Score", "Rank", "Share"],
                ["Margate Central", "64.47", "1", "12%"],
                ["Sheerness", "58.45", "2", "11%"],
                ["Cliftonville West", "57.63", "3", "9%"],
                ["Newington", "52.54", "4", "8%"]]


def aligned_table(path: Path) -> Path:
    """An unruled table of four columns between paragraphs of prose."""
    c = canvas.Canvas(str(path), pagesize=A4)
    top = _lines(c, LEFT, 80, ["The table below sets out the five wards with the highest scores in",
                               "the county, with their rank and their share of the total need."])
    top += 12
    for row in ALIGNED_ROWS:
        for cell, x in zip(row, [LEFT, 230, 330, 430]):
            _text(c, x, top, cell, BOLD if row is ALIGNED_ROWS[0] else BODY)
        top += LEADING + 2
    _lines(c, LEFT, top + 12, ["Whilst there is high need in all three wards, the data suggests",
                               "higher need in Margate Central and in Cliftonville West."])
    c.showPage()
    c.save()
    return path


FOOTNOTE = "Regulation 19 of the Town and Country Planning Regulations 2012 (as amended)."


def footnote(path: Path) -> Path:
    """Paragraph 1 with a raised note marker; paragraph 2 runs from the foot of
    page 1 (above the footnote) on to page 2."""
    c = canvas.Canvas(str(path), pagesize=A4)
    end = _text(c, LEFT, 80, "1. The Plan was published for a statutory minimum six-week period")
    end = _text(c, end + 1, 80, "1", BODY, 7, rise=4)
    _text(c, end, 80, ".")
    top = _lines(c, LEFT, 80 + LEADING, ["This gave communities a chance to comment on whether it is sound."])
    top += 10
    body = [f"2. The examination line {i:02d} of the second paragraph goes on here," if i == 0 else
            f"line {i:02d} of the second paragraph goes on across the page here," for i in range(40)]
    top = _lines(c, LEFT, top, body)
    c.setLineWidth(0.5)
    c.line(LEFT, HEIGHT - (top + 8), LEFT + 140, HEIGHT - (top + 8))
    _text(c, LEFT, top + 14, "1", BODY, 6, rise=3)
    _text(c, LEFT + 5, top + 14, FOOTNOTE, BODY, 9)
    c.showPage()
    _lines(c, LEFT, 80, ["and it ends on the second page with its last words.",
                         "3. A third paragraph follows on the second page."])
    c.showPage()
    c.save()
    return path


def ordinal(path: Path) -> Path:
    """A front block whose date has a raised ordinal suffix: 10 th December 2024."""
    c = canvas.Canvas(str(path), pagesize=A4)
    _text(c, LEFT, 60, "Corporate Parenting Panel", BOLD, 14)
    end = _text(c, LEFT, 90, "Minutes of the meeting held on 10")
    end = _text(c, end, 90, "th", BODY, 7, rise=4)
    _text(c, end + 3, 90, "December 2024 at County Hall.")
    _lines(c, LEFT, 120, ["1. Apologies were received from two members of the panel."])
    c.showPage()
    c.save()
    return path


CONTENTS = [("1 Introduction", 2), ("2 Background", 2), ("2.1 National context", 2),
            ("3 Proposals", 3), ("4 Recommendations", 3)]


def contents(path: Path, leaders: bool = True) -> Path:
    """A contents page (dotted leaders, or page numbers in a column of their
    own), then the body with the same headings."""
    c = canvas.Canvas(str(path), pagesize=A4)
    _text(c, LEFT, 60, "Contents", BOLD, 14)
    top = 100
    for title, page in CONTENTS:
        if leaders:
            _text(c, LEFT, top, f"{title} " + "." * (90 - 2 * len(title)) + f" {page}")
        else:
            _text(c, LEFT, top, title)
        top += LEADING + 4
    if not leaders:           # the numbers drawn after all titles: a column of their own
        top = 100
        for _title, page in CONTENTS:
            _text(c, 440, top, str(page))
            top += LEADING + 4
    c.showPage()
    top = 80
    for title, _page in CONTENTS:
        _text(c, LEFT, top, title, BOLD)
        top = _lines(c, LEFT, top + LEADING + 4, [f"The text under {title.split(' ', 1)[1]} reads as a full sentence."])
        top += 12
    c.showPage()
    c.save()
    return path
