"""Tables on a page, found from its records alone (any backend).

Ruled tables: the page's ruling lines (and the edges of its drawn rectangles)
are snapped and joined into edges, the edges' crossings give the grid's
corners, every smallest rectangle whose four sides are drawn is a cell, and
cells that share corners make one table (the lattice method of pdfplumber's
table finder, done here on `Rule` records so that every backend gets it).

Unruled tables: runs of lines whose words fall into three or more columns
separated by wide gaps, the columns' edges aligned from row to row.

A grid that is not a table (a box around a paragraph, a chart's bars, a
frame around the page) is rejected by its shape: at least two rows and two
columns with words in its cells.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from ..model import Table
from ._lines import median, normalise_text
from .backends import Rule, Word

__all__ = ["TableRegion", "find_ruled_tables", "find_aligned_tables", "cell_text"]

#: Rulings whose positions differ by at most this many points are one line.
SNAP_TOLERANCE = 3.0
#: Collinear rulings separated by at most this gap are joined into one edge.
JOIN_TOLERANCE = 3.0
#: Edges shorter than this are dots or ticks, not rulings.
EDGE_MIN_LENGTH = 3.0
#: A vertical and a horizontal edge cross when they come this close.
INTERSECTION_TOLERANCE = 3.0
#: A table has at least this many rows and columns (fewer is a box or a rule).
TABLE_MIN_ROWS = 2
TABLE_MIN_COLUMNS = 2
#: At least this share of a table's grid (rows x columns) holds words (a
#: chart's gridlines and bars make a grid of mostly empty cells).
TABLE_MIN_FILLED_SHARE = 0.25
#: A ruled table's words may not run across its cell walls (beyond this many
#: points) more than this share of them: text through "walls" is underlined prose.
WALL_TOLERANCE = 2.0
TABLE_MAX_CROSSING_SHARE = 0.05
#: Cells whose left (top) edges are this close start the same column (row):
#: shading inset within a cell or double rulings must not split it.
COLUMN_SNAP = 8.0
#: At least this share of a table's rows hold two or more filled cells.
TABLE_MIN_FULL_ROW_SHARE = 0.5
#: At least this share of a table's filled cells hold a word (not only figures).
TABLE_MIN_WORDY_SHARE = 0.15
_WORDY = re.compile(r"[^\W\d_]{2,}")
#: At most this many partial rows above a table's first full row are merged
#: into one header row.
HEADER_MAX_ROWS = 4
#: Unruled tables: words further apart than this many ems start a new cell
#: (word spaces, even justified, stay well under it).
CELL_GAP_EM = 1.5
#: A cell of an unruled table is a short phrase or a figure: at most this many words.
TABLE_CELL_MAX_WORDS = 6
#: ... and its first cell, the row's label, at most this many.
TABLE_LABEL_MAX_WORDS = 14
#: Rows of an unruled table lie at most this many ems apart (bottom to top).
TABLE_ROW_MAX_GAP_EM = 1.2
#: An unruled table has at least this many aligned rows and, without a rule
#: above or below it, this many columns (two columns are a form or a list).
TABLE_MIN_ALIGNED_ROWS = 3
UNRULED_MIN_COLUMNS = 3
#: A rule within this many ems above or below a run, spanning it, bounds a table.
TABLE_RULE_REACH_EM = 1.5
#: More than this share of an unruled table's text cells starting in lower case
#: (or a single letter) means lines of prose set in columns, not a table.
TABLE_MAX_PROSE_SHARE = 0.25
#: The words of an unruled table share a size: none larger than this many
#: times the median.
TABLE_MAX_SIZE_RATIO = 1.4
_LIST_MARK = re.compile(r"^(?:[•\-–\u2022\uf0b7\uf0a7o]|\(?[0-9a-z]{1,3}[.)])$", re.IGNORECASE)
#: A word overlapping a row's band by this share of its height joins the row.
ROW_OVERLAP_SHARE = 0.4
#: A grid at the top of a page continues the table at the foot of the page
#: before when their sides line up within this many points.
CONTINUATION_TOLERANCE = 6.0
#: Words whose tops differ by at most this much sit on one line of a cell.
CELL_LINE_TOLERANCE = 3.0


@dataclass
class TableRegion:
    """A table found on a page: the model's Table plus the words it took."""
    table: Table
    words: list[Word] = field(default_factory=list)
    ruled: bool = True

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.table.bbox


# ---- edges -----------------------------------------------------------------

@dataclass
class _Edge:
    pos: float      # y of a horizontal edge, x of a vertical one
    start: float    # x0 / top
    end: float      # x1 / bottom


def _cluster(values: list[float], tolerance: float) -> dict[float, float]:
    """Each value -> the mean of its cluster (consecutive values within tolerance)."""
    out: dict[float, float] = {}
    group: list[float] = []
    for value in sorted(set(values)) + [float("inf")]:
        if group and value - group[-1] > tolerance:
            mean = sum(group) / len(group)
            out.update((v, mean) for v in group)
            group = []
        group.append(value)
    return out


_START = attrgetter("start")


def _edges(segments: list[_Edge]) -> list[_Edge]:
    """Snap segments to shared positions, then join collinear ones that touch
    (the segments are the caller's own new ones: snapped and joined in place)."""
    snapped = _cluster([s.pos for s in segments], SNAP_TOLERANCE)
    by_pos: dict[float, list[_Edge]] = defaultdict(list)
    for s in segments:
        s.pos = snapped[s.pos]
        by_pos[s.pos].append(s)
    out: list[_Edge] = []
    for _pos, group in by_pos.items():
        group.sort(key=_START)
        current = group[0]
        for edge in group[1:]:
            if edge.start <= current.end + JOIN_TOLERANCE:
                current.end = max(current.end, edge.end)
            else:
                out.append(current)
                current = edge
        out.append(current)
    return [e for e in out if e.end - e.start >= EDGE_MIN_LENGTH]


def _split_rules(rules: list[Rule]) -> tuple[list[_Edge], list[_Edge]]:
    horizontal, vertical = [], []
    for r in rules:
        # each pair in order, as `sorted` would give it (swapped only when the second is less)
        x0, x1 = (r.x1, r.x0) if r.x1 < r.x0 else (r.x0, r.x1)
        top, bottom = (r.bottom, r.top) if r.bottom < r.top else (r.top, r.bottom)
        if r.horizontal:
            horizontal.append(_Edge((top + bottom) / 2, x0, x1))
        else:
            vertical.append(_Edge((x0 + x1) / 2, top, bottom))
    return _edges(horizontal), _edges(vertical)


# ---- grid: corners, cells, tables -------------------------------------------

def _intersections(horizontal: list[_Edge], vertical: list[_Edge]) -> dict[tuple[float, float], tuple[set, set]]:
    """(x, y) corner -> (ids of the vertical edges, ids of the horizontal edges) through it."""
    tol = INTERSECTION_TOLERANCE
    vertical = sorted(vertical, key=lambda e: e.pos)
    xs = [v.pos for v in vertical]
    points: dict[tuple[float, float], tuple[set, set]] = {}
    for hi, h in enumerate(horizontal):
        lo, hi_idx = bisect.bisect_left(xs, h.start - tol), bisect.bisect_right(xs, h.end + tol)
        for vi in range(lo, hi_idx):
            v = vertical[vi]
            if v.start - tol <= h.pos <= v.end + tol:
                vs, hs = points.setdefault((v.pos, h.pos), (set(), set()))
                vs.add(vi)
                hs.add(hi)
    return points


def _cells(points: dict[tuple[float, float], tuple[set, set]]) -> list[tuple[float, float, float, float]]:
    """The smallest drawn rectangle with its top-left corner at each corner point."""
    by_x: dict[float, list[float]] = defaultdict(list)
    by_y: dict[float, list[float]] = defaultdict(list)
    for x, y in points:
        by_x[x].append(y)
        by_y[y].append(x)
    for values in (*by_x.values(), *by_y.values()):
        values.sort()

    def joined(a, b, axis: int) -> bool:
        return bool(points[a][axis] & points[b][axis])

    cells = []
    for (x, y) in points:
        below = [yy for yy in by_x[x] if yy > y and joined((x, y), (x, yy), 0)]
        right = [xx for xx in by_y[y] if xx > x and joined((x, y), (xx, y), 1)]
        found = None
        for yy in below:
            for xx in right:
                corner = (xx, yy)
                if corner in points and joined(corner, (xx, y), 0) and joined(corner, (x, yy), 1):
                    found = (x, y, xx, yy)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _group_cells(cells: list[tuple[float, float, float, float]]) -> list[list[tuple]]:
    """Cells that share a corner belong to one table."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x1, top), (x0, bottom), (x1, bottom)):
            if corner in owner:
                parent[find(i)] = find(owner[corner])
            else:
                owner[corner] = i
    groups: dict[int, list[tuple]] = defaultdict(list)
    for i, cell in enumerate(cells):
        groups[find(i)].append(cell)
    return list(groups.values())


# ---- text in cells ------------------------------------------------------------

def cell_text(words: list[Word]) -> str:
    """Words of a cell read line by line, left to right."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(w.top - rows[-1][0].top) <= CELL_LINE_TOLERANCE:
            rows[-1].append(w)
        else:
            rows.append([w])
    return normalise_text(" ".join(" ".join(w.text for w in sorted(r, key=lambda w: w.x0))
                                   for r in rows)).strip()


def _crossing_share(cells: list[tuple], centred: list[tuple[Word, float, float]]) -> float:
    """Share of the words (with their centres) that run across a wall of the
    cell they sit in: text flowing through "cell walls" means the rulings are
    underlines or a frame."""
    if not centred:
        return 0.0
    crossing = 0
    for w, cx, cy in centred:
        cell = next((c for c in cells if c[0] <= cx <= c[2] and c[1] <= cy <= c[3]), None)
        if cell and (w.x0 < cell[0] - WALL_TOLERANCE or w.x1 > cell[2] + WALL_TOLERANCE):
            crossing += 1
    return crossing / len(centred)


def _centres(words: list[Word]) -> list[tuple[Word, float, float]]:
    """Each word with its centre (x, y): worked out once a page, for all its grids."""
    return [(w, (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2) for w in words]


def _centred(centres: list[tuple[Word, float, float]],
             box: tuple[float, float, float, float]) -> list[tuple[Word, float, float]]:
    """The words (with their centres, from `_centres`) whose centre lies in the box."""
    x0, top, x1, bottom = box
    return [c for c in centres if x0 <= c[1] <= x1 and top <= c[2] <= bottom]


def _grid_table(cells: list[tuple], centres: list[tuple[Word, float, float]], page: int,
                continued: bool = False) -> TableRegion | None:
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
            max(c[2] for c in cells), max(c[3] for c in cells))
    centred = _centred(centres, bbox)
    inside = [w for w, _, _ in centred]
    texts = {c: cell_text([w for w, cx, cy in centred if c[0] <= cx <= c[2] and c[1] <= cy <= c[3]])
             for c in cells}
    filled = [c for c in cells if texts[c]]
    if not filled or (len(filled) < TABLE_MIN_ROWS * TABLE_MIN_COLUMNS and not continued):
        return None
    if _crossing_share(cells, centred) > TABLE_MAX_CROSSING_SHARE:
        return None
    # columns and rows from the cells that hold words: slivers between double
    # rulings or inset shading hold none, and must not split a column
    column_of = _cluster([c[0] for c in filled], COLUMN_SNAP)
    row_of = _cluster([c[1] for c in filled], COLUMN_SNAP)
    xs, tops = sorted(set(column_of.values())), sorted(set(row_of.values()))
    grid: dict[tuple[float, float], str] = {}
    for c in sorted(filled, key=lambda c: (c[1], c[0])):
        key = (row_of[c[1]], column_of[c[0]])
        grid[key] = f"{grid[key]} {texts[c]}" if key in grid else texts[c]
    rows = [[grid.get((top, x), "") for x in xs] for top in tops]
    if not (continued or _table_shaped(rows)):
        return None
    return TableRegion(Table(page=page, rows=rows if continued else _merge_header(rows),
                             bbox=_round(bbox)), inside)


def _round(box) -> tuple[float, float, float, float]:
    return tuple(round(v, 1) for v in box)


def _table_shaped(rows: list[list[str]]) -> bool:
    """Rows of cells that read as a table: enough of the grid filled, and most
    rows with two or more filled cells (a chart's labels hold one figure a row)."""
    if len(rows) < TABLE_MIN_ROWS or len(rows[0]) < TABLE_MIN_COLUMNS:
        return False
    filled = [sum(1 for cell in row if cell) for row in rows]
    if sum(filled) < TABLE_MIN_FILLED_SHARE * len(rows) * len(rows[0]):
        return False
    cells = [cell for row in rows for cell in row if cell]
    if sum(1 for cell in cells if _WORDY.search(cell)) < TABLE_MIN_WORDY_SHARE * len(cells):
        return False           # figures only: the labels of a chart's bars
    return sum(1 for n in filled if n >= 2) >= TABLE_MIN_FULL_ROW_SHARE * len(rows)


def _merge_header(rows: list[list[str]]) -> list[list[str]]:
    """Partial rows above the first full one are the lines of one header (a
    heading cell set on two lines, a heading over several columns): one row."""
    counts = [sum(1 for cell in row if cell) for row in rows]
    full = max(counts)
    first = next(i for i, n in enumerate(counts) if n == full)
    if first < 2 or first > HEADER_MAX_ROWS:
        return rows
    header = [" ".join(row[i] for row in rows[:first] if row[i]) for i in range(len(rows[0]))]
    return [header] + rows[first:]


def find_ruled_tables(words: list[Word], rules: list[Rule], page: int,
                      continues: tuple[float, float, float] | None = None) -> list[TableRegion]:
    """Tables drawn with ruling lines or cell rectangles, top to bottom.

    `continues` = (x0, x1, top): a table ran to the foot of the page before
    across x0..x1; a grid as wide, starting above `top` (the page's first
    words), is its continuation and is kept however few its rows."""
    if len(rules) < 4:
        return []
    horizontal, vertical = _split_rules(rules)
    if len(horizontal) < 2 or len(vertical) < TABLE_MIN_COLUMNS + 1:
        return []
    cells = _cells(_intersections(horizontal, vertical))
    found = []
    groups = _group_cells(cells)
    centres = _centres(words) if groups else []
    for group in groups:
        x0, top, x1 = min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group)
        continued = continues is not None and abs(x0 - continues[0]) <= CONTINUATION_TOLERANCE \
            and abs(x1 - continues[1]) <= CONTINUATION_TOLERANCE and top <= continues[2]
        if table := _grid_table(group, centres, page, continued):
            found.append(table)
    return sorted(found, key=lambda t: t.bbox[1])


# ---- unruled tables: words aligned in columns ---------------------------------

@dataclass
class _Row:
    """A visual line of the page (words sharing a top) split into cells at wide gaps."""
    words: list[Word]
    cells: list[list[Word]]
    top: float
    bottom: float
    size: float

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


_BY_TOP = attrgetter("top", "x0")
_BY_X0 = attrgetter("x0")


def _rows(words: list[Word]) -> list[_Row]:
    """Words grouped by top into visual lines (whatever order the backend gave)."""
    rows: list[list[Word]] = []
    row: list[Word] = []
    row_top = bottom = 0.0
    tolerance, share = CELL_LINE_TOLERANCE, ROW_OVERLAP_SHARE
    for w in sorted(words, key=_BY_TOP):
        top = w.top
        if row:
            # (sorted by top: the row's first word is its highest, no word above it)
            if top - row_top <= tolerance:
                row.append(w)
                if w.bottom > bottom:
                    bottom = w.bottom
                continue
            # a word reaching well into the row's band belongs to it (figures centred
            # beside a label set on two lines join the label's first line)
            if bottom - top >= share * (w.bottom - top):
                row.append(w)
                continue
        row = [w]
        rows.append(row)
        row_top, bottom = top, w.bottom
    out = []
    for ws in rows:
        top = ws[0].top                     # the words came sorted by top: the first is highest
        if len(ws) == 1:
            w = ws[0]
            out.append(_Row(ws, [[w]], top, w.bottom, w.size or (w.bottom - w.top)))
            continue
        ws.sort(key=_BY_X0)
        size = median([w.size or (w.bottom - w.top) for w in ws])
        gap = CELL_GAP_EM * size
        # the cells part at the gaps wider than `gap` (found in one comprehension: they are few)
        cuts = [i for i, (prev, w) in enumerate(zip(ws, ws[1:]), 1) if w.x0 - prev.x1 > gap]
        cells = [ws[a:b] for a, b in zip([0, *cuts], [*cuts, len(ws)])] if cuts else [list(ws)]
        out.append(_Row(ws, cells, top, max([w.bottom for w in ws]), size))
    return out


def _tabular(row: _Row) -> bool:
    """Two or more cells, each a short phrase or figure (prose runs long); the
    first, a row's label, may be longer."""
    return len(row.cells) >= 2 and len(row.cells[0]) <= TABLE_LABEL_MAX_WORDS \
        and all(len(c) <= TABLE_CELL_MAX_WORDS for c in row.cells[1:])


def _runs(rows: list[_Row]) -> list[list[_Row]]:
    """Runs of tabular rows close under each other; a one-cell line between two
    of them (a label wrapped onto a second line, short unless it starts at the
    labels' edge) stays in the run."""
    runs: list[list[_Row]] = []
    current: list[_Row] = []
    for i, row in enumerate(rows):
        near = current and row.top - current[-1].bottom <= TABLE_ROW_MAX_GAP_EM * row.size
        if _tabular(row) and (near or not current):
            current.append(row)
            continue
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if not current:
            limit = 0
        elif abs(row.x0 - current[0].x0) <= row.size:
            limit = TABLE_LABEL_MAX_WORDS
        else:
            limit = TABLE_CELL_MAX_WORDS
        wrapped = (near and len(row.cells) == 1 and len(row.words) <= limit
                   and nxt is not None and _tabular(nxt)
                   and nxt.top - row.bottom <= TABLE_ROW_MAX_GAP_EM * row.size)
        if wrapped:
            current.append(row)
            continue
        if current:
            runs.append(current)
        current = [row] if _tabular(row) else []
    if current:
        runs.append(current)
    return runs


def _columns(run: list[_Row]) -> list[tuple[float, float]]:
    """Column spans from the cells of the run's body rows (the commonest number
    of cells; a heading over two columns would join them): the x ranges those
    cells cover, separated by gaps that no such cell crosses. A span that too
    few rows reach (a heading set apart from its right-aligned figures, a
    chart's value labels) is not a column."""
    counts = Counter(len(r.cells) for r in run if len(r.cells) >= 2)
    body = max(counts, key=lambda n: (counts[n], n))
    rows = [r for r in run if len(r.cells) == body]
    spans = sorted((c[0].x0, c[-1].x1, i) for i, r in enumerate(rows) for c in r.cells)
    columns: list[list] = []
    for x0, x1, i in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
            columns[-1][2].add(i)
        else:
            columns.append([x0, x1, {i}])
    needed = min(TABLE_MIN_ALIGNED_ROWS, len(rows))
    return [(a, b) for a, b, support in columns if len(support) >= needed]


def _column_of(cell: list[Word], columns: list[tuple[float, float]]) -> int:
    x0, x1 = cell[0].x0, cell[-1].x1
    overlaps = [min(x1, b) - max(x0, a) for a, b in columns]
    best = max(range(len(columns)), key=lambda i: overlaps[i])
    if overlaps[best] > 0:
        return best
    return min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - (x0 + x1) / 2))


def _ruled_around(run: list[_Row], horizontal: list[_Edge]) -> bool:
    """A horizontal rule spanning the run just above or below it (a booktabs table)."""
    x0, x1 = min(r.x0 for r in run), max(r.x1 for r in run)
    top, bottom = run[0].top, run[-1].bottom
    reach = TABLE_RULE_REACH_EM * run[0].size
    return any(e.start <= x0 + reach and e.end >= x1 - reach
               and (top - reach <= e.pos <= top or bottom <= e.pos <= bottom + reach)
               for e in horizontal)


def _header_rows(rows: list[_Row], first: int, columns: list[tuple[float, float]]) -> int:
    """How many short lines just above a run head its columns (stacked heading lines)."""
    n = 0
    lo, hi = columns[0][0], columns[-1][1]
    below = rows[first]
    for row in reversed(rows[:first]):
        if n >= HEADER_MAX_ROWS or below.top - row.bottom > TABLE_ROW_MAX_GAP_EM * row.size:
            break
        if any(len(c) > TABLE_CELL_MAX_WORDS for c in row.cells) or row.x0 < lo - row.size \
                or row.x1 > hi + row.size or (len(row.cells) == 1 and row.x0 <= lo + row.size):
            break              # prose, wider than the table, or a caption set at its left edge
        n += 1
        below = row
    return n


def _trailing_rows(rows: list[_Row], last: int, columns: list[tuple[float, float]]) -> int:
    """How many short lines just below a run continue cells of its later
    columns (the last line of a cell set on more lines than its neighbours)."""
    n = 0
    above = rows[last]
    for row in rows[last + 1:]:
        if n >= HEADER_MAX_ROWS or row.top - above.bottom > TABLE_ROW_MAX_GAP_EM * row.size:
            break
        if any(len(c) > TABLE_CELL_MAX_WORDS for c in row.cells) \
                or row.x0 < columns[1][0] - row.size or row.x1 > columns[-1][1] + row.size:
            break              # prose, or a line that starts in the first column
        n += 1
        above = row
    return n


def _labels(column: list[str]) -> bool:
    """A column of field labels ("Motion by:") or list markers: a form or a list, not a table."""
    filled = [c for c in column if c]
    marks = sum(1 for c in filled if c.endswith(":") or _LIST_MARK.match(c))
    return bool(filled) and marks > len(filled) / 2


def _prose(rows: list[list[str]]) -> bool:
    """Cells that read as the lines of text set in columns (a designed page),
    not as a table: many cells after the first column begin in lower case,
    mid-sentence, or are single letters (rotated text read a letter at a time)."""
    cells = [cell for row in rows for cell in row[1:] if cell and not cell[0].isdigit()]
    if not cells:
        return False             # figures beside labels (a wrapped label may go on in lower case)
    lower = sum(1 for cell in cells if cell[0].islower())
    letters = sum(1 for cell in cells if len(cell) == 1 and cell.isalpha())
    return (lower + letters) > TABLE_MAX_PROSE_SHARE * len(cells)


def find_aligned_tables(words: list[Word], rules: list[Rule], page: int) -> list[TableRegion]:
    """Unruled tables: runs of short phrases and figures aligned in columns, three
    or more of them (two when a rule runs above or below the run)."""
    rows = _rows(words)
    horizontal: list[_Edge] | None = None       # read from the rules only where a run needs them
    found = []
    for run in _runs(rows):
        body = [r for r in run if _tabular(r)]
        if len(body) < TABLE_MIN_ALIGNED_ROWS:
            continue
        columns = _columns(run)
        if len(columns) < TABLE_MIN_COLUMNS:
            continue
        if len(columns) < UNRULED_MIN_COLUMNS:
            if horizontal is None:
                horizontal = _split_rules(rules)[0]
            if not _ruled_around(run, horizontal):
                continue
        first, last = rows.index(run[0]), rows.index(run[-1])
        head = _header_rows(rows, first, columns)
        tail = _trailing_rows(rows, last, columns)
        lines = rows[first - head:first] + run + rows[last + 1:last + 1 + tail]
        grid = []
        for row in lines:
            cells = [""] * len(columns)
            for cell in row.cells:
                i = _column_of(cell, columns)
                text = cell_text(cell)
                cells[i] = f"{cells[i]} {text}".strip()
            grid.append(cells)
        grid = _merge_header(grid)
        if _labels([r[0] for r in grid]) or _prose(grid) or not _table_shaped(grid):
            continue
        taken = [w for r in lines for w in r.words]
        sizes = sorted(w.size for w in taken)
        if sizes[-1] > TABLE_MAX_SIZE_RATIO * sizes[len(sizes) // 2]:
            continue             # figures set large beside small captions: an infographic
        bbox = (min(w.x0 for w in taken), min(w.top for w in taken),
                max(w.x1 for w in taken), max(w.bottom for w in taken))
        found.append(TableRegion(Table(page=page, rows=grid, bbox=_round(bbox)),
                                 taken, ruled=False))
    return found
