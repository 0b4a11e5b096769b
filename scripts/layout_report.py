"""What each layout pass decided on each PDF: one line per file.

    python scripts/layout_report.py ../shared/real/*.pdf [--tables] [--backend NAME]

Columns: pages; pages read in columns (gutter positions); tables found (and
on which pages); superscripts (ordinals joined, note markers dropped);
contents lines dropped; footnote lines taken out. With --tables, each table's
rows follow its file's line, to be checked against the rendered page
(`pdftoppm -png -r 60 -f N -l N FILE page`).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from papermine.parse.backends import BACKENDS, DEFAULT_BACKEND  # noqa: E402
from papermine.parse.layout import analyse_page, assemble  # noqa: E402


def pages_of(path: Path, backend: str):
    with BACKENDS[backend](path, path.read_bytes()) as pdf:
        pages = []
        for record in pdf.pages:
            pages.append(analyse_page(record, pages[-1] if pages else None))
    assemble(pages)
    return pages


def _pages(numbers: list[int]) -> str:
    return ",".join(str(n) for n in numbers[:12]) + ("…" if len(numbers) > 12 else "")


def summary(path: Path, pages) -> str:
    columns = [p.number for p in pages if p.gutters]
    tables = [p.number for p in pages for _ in p.tables]
    contents = [p.number for p in pages if p.contents]
    notes = [p.number for p in pages if p.footnotes]
    return (f"{path.name[:70]:70} pages {len(pages):>2} | columns {len(columns):>2} "
            f"[{_pages(columns)}] | tables {len(tables):>2} [{_pages(tables)}] | "
            f"ordinals {sum(p.ordinals for p in pages)} marks {sum(p.note_marks for p in pages)} | "
            f"contents {sum(len(p.contents) for p in pages)} [{_pages(contents)}] | "
            f"footnotes {sum(len(p.footnotes) for p in pages)} [{_pages(notes)}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--tables", action="store_true", help="print every table's rows")
    parser.add_argument("--backend", default=DEFAULT_BACKEND, choices=sorted(BACKENDS))
    args = parser.parse_args(argv)
    for path in args.files:
        pages = pages_of(path, args.backend)
        print(summary(path, pages))
        if args.tables:
            for page in pages:
                for table in page.tables:
                    print(f"    table p{page.number} {len(table.rows)}x{len(table.rows[0])} {table.bbox}")
                    for row in table.rows:
                        print("      | " + " | ".join(cell[:40] for cell in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
