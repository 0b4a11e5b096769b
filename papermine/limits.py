"""The per-paper limits of an ingest, in one place for the store and the CLI.

Each paper is read in a worker process that may use at most `max_memory_mb`
of address space and `timeout_s` of CPU time, on a paper of at most
`max_pages` pages (a text file counts a page per TEXT_BYTES_PER_PAGE bytes).
The defaults let a large agenda pack through on a small laptop.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "DEFAULT_MAX_MEMORY_MB", "DEFAULT_TIMEOUT_S", "DEFAULT_MAX_PAGES",
           "MIN_MEMORY_MB"]

#: Address space for one worker (MB): about eight times what a worker with
#: spaCy loaded uses on a typical paper.
DEFAULT_MAX_MEMORY_MB = 2048
#: Below this a worker cannot hold the tagger and a PDF library (MB): with spaCy and
#: pdfium loaded a worker reaches about 300 MB of address space on the real papers,
#: and a page rendered for OCR needs more.
MIN_MEMORY_MB = 512
#: CPU seconds for one paper: a 1,000-page pack read by the slowest backend.
DEFAULT_TIMEOUT_S = 300
#: Pages of one paper: larger than any committee's agenda pack.
DEFAULT_MAX_PAGES = 2000


@dataclass(frozen=True)
class Limits:
    """Per-paper limits in a worker (None: no limit). A file larger than half
    the memory limit is refused before it is read."""
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB
    timeout_s: float | None = DEFAULT_TIMEOUT_S
    max_pages: int | None = DEFAULT_MAX_PAGES

    @property
    def max_bytes(self) -> int | None:
        return self.max_memory_mb * (1 << 20) // 2 if self.max_memory_mb else None
