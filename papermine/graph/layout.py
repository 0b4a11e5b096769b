"""Where a graph's bodies go on the page, in pixels: the report uses it for
each council's interactive graph and print picture (the same positions, so
the two read alike); any picture of the graph can.

Cost stays linear in the corpus when each council is laid out on its own: a
force-directed (spring) layout runs only on graphs small enough for its
O(n^2)-per-iteration cost, larger ones get an O(n log n) sunflower layout with
the best-connected bodies in the middle, and bodies with no stated relation
are set out in a grid below (they are mentioned, not connected).
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

__all__ = ["layout", "Frame", "SPRING_MAX_NODES"]

#: Above this many connected bodies a council's graph gets the sunflower layout
#: (the spring layout's cost grows with the square of the number of bodies).
SPRING_MAX_NODES = 150
#: Iterations of the spring layout (networkx's default is 50).
SPRING_ITERATIONS = 60
#: Spacing of the spring layout relative to networkx's default (1/sqrt(n)):
#: the labels are long, so bodies are kept further apart.
SPRING_SPREAD = 3.0
#: Seed of the spring layout, so the same graph is drawn the same way each time.
SPRING_SEED = 7
#: Columns of the grid of bodies mentioned without any stated relation.
GRID_COLUMNS = 6
#: Room a body's label needs (px): two bodies closer than this, across and
#: down at once, are pushed apart after the spring layout so labels do not overlap.
LABEL_ROOM = (120.0, 46.0)
#: Passes of that push (each moves overlapping pairs half-way apart).
SEPARATE_PASSES = 40
#: The golden angle (radians): successive sunflower points never line up.
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


class Frame:
    """The page size of a drawing, in pixels (the SVG viewBox and the
    coordinates handed to the interactive view)."""
    WIDTH = 960
    #: Height of the connected part per sqrt(bodies), within these bounds.
    ROW = 70
    MIN_HEIGHT, MAX_HEIGHT = 260, 1400
    GRID_ROW = 44
    MARGIN = 70


def _sunflower(graph: nx.Graph) -> dict:
    """Bodies by degree on a sunflower spiral, hubs in the middle: O(n log n)."""
    ranked = sorted(graph, key=lambda n: (-graph.degree(n), str(n)))
    count = len(ranked)
    return {node: (math.sqrt((i + 0.5) / count) * math.cos(i * GOLDEN_ANGLE),
                   math.sqrt((i + 0.5) / count) * math.sin(i * GOLDEN_ANGLE))
            for i, node in enumerate(ranked)}


def _unit(pos: dict) -> dict:
    """Positions scaled into the unit square (each axis on its own)."""
    if not pos:
        return {}
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    (x0, x1), (y0, y1) = (min(xs), max(xs)), (min(ys), max(ys))
    return {n: ((x - x0) / (x1 - x0) if x1 > x0 else 0.5, (y - y0) / (y1 - y0) if y1 > y0 else 0.5)
            for n, (x, y) in pos.items()}


def _separate(unit: dict, width: float, height: float) -> dict:
    """Push apart bodies whose labels would overlap (unit positions, on a page
    of width x height): a pair closer than LABEL_ROOM across and down at once
    moves apart along the axis where it overlaps least. Only run on
    spring-sized graphs, as it looks at every pair."""
    if len(unit) < 2:
        return unit
    names = list(unit)
    room = np.array(LABEL_ROOM) / np.array([width, height])          # label room in unit terms
    points = np.array([unit[n] for n in names], dtype=float) / room   # a label's box is now 1 x 1
    for _ in range(SEPARATE_PASSES):
        delta = points[:, None, :] - points[None, :, :]
        overlap = np.clip(1.0 - np.abs(delta), 0.0, None)               # per axis
        clash = (overlap > 0).all(axis=2)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        across = overlap[..., 0] < overlap[..., 1]                      # the cheaper way out
        sign = np.where(delta >= 0, 1.0, -1.0)
        sign[..., 0] = np.where(delta[..., 0] == 0, np.sign(np.arange(len(names))[:, None]
                                                             - np.arange(len(names))[None, :]), sign[..., 0])
        move = np.zeros_like(delta)
        move[..., 0] = np.where(clash & across, sign[..., 0] * overlap[..., 0] / 2, 0.0)
        move[..., 1] = np.where(clash & ~across, sign[..., 1] * overlap[..., 1] / 2, 0.0)
        points += move.sum(axis=1)
    return {name: (float(x), float(y)) for name, (x, y) in zip(names, points * room)}


def layout(nodes: list, edges: list[tuple]) -> tuple[dict, int]:
    """Pixel positions {node: (x, y)} for `nodes` joined by `edges` (pairs),
    and the height of the drawing; the width is Frame.WIDTH."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((u, v) for u, v in edges if u != v)
    connected = [n for n in nodes if graph.degree(n) > 0]
    alone = [n for n in nodes if graph.degree(n) == 0]
    core = graph.subgraph(connected)
    width, margin = Frame.WIDTH, Frame.MARGIN
    core_height = 0
    if connected:
        core_height = max(Frame.MIN_HEIGHT, min(Frame.MAX_HEIGHT, int(Frame.ROW * 2 * math.sqrt(len(connected)))))
    if len(connected) <= SPRING_MAX_NODES:
        spread = SPRING_SPREAD / math.sqrt(max(1, len(connected)))
        unit = _unit(nx.spring_layout(core, k=spread, iterations=SPRING_ITERATIONS, seed=SPRING_SEED)
                     if connected else {})
        unit = _unit(_separate(unit, width - 2 * margin, core_height - margin))
    else:
        unit = _unit(_sunflower(core))
    pos = {n: (margin + x * (width - 2 * margin), margin / 2 + y * (core_height - margin)) for n, (x, y) in unit.items()}
    top = core_height + Frame.GRID_ROW / 2
    column = (width - 2 * margin) / max(1, GRID_COLUMNS - 1)
    for i, node in enumerate(alone):
        row, col = divmod(i, GRID_COLUMNS)
        pos[node] = (margin + col * column, top + row * Frame.GRID_ROW)
    rows = math.ceil(len(alone) / GRID_COLUMNS)
    height = int(top + rows * Frame.GRID_ROW) if alone else max(core_height, Frame.MIN_HEIGHT)
    return pos, height
