"""Where fetched papers go, and the manifest that records them.

Layout: `DIR/<council>/<committee>/<yyyy-mm-dd>/<title>.pdf`, with one
`manifest.csv` per committee folder in the format `papermine ingest` reads
(file, council, committee, date, title, source, notes), plus what fetching
needs to resume: the content hash and size of each file, and the addresses
that turned out to be copies of a file already here (`duplicate_of`, with an
empty `file`, which ingest ignores).

A document is written under a temporary name (`.part`) and renamed when
whole; its manifest row is written first, so a run killed at any point leaves
no half file under a paper's name and the next run fetches what is missing.
"""
from __future__ import annotations

import csv
import hashlib
import os
import tempfile
from pathlib import Path

from ..model import slugify
from ..parse.meta import MANIFEST_NAME

__all__ = ["Ledger", "MANIFEST_COLUMNS", "PART_SUFFIX", "safe_name", "folder_name"]

MANIFEST_COLUMNS = ("file", "council", "committee", "date", "title", "source", "notes",
                    "kind", "meeting_id", "sha256", "bytes", "duplicate_of")
PART_SUFFIX = ".part"
#: File names stay well inside every file system's limit.
NAME_LENGTH = 80


def folder_name(text: str, fallback: str) -> str:
    return slugify(text, NAME_LENGTH) or fallback


def safe_name(title: str, suffix: str, tag: str | None = None) -> str:
    """'Appendix 1: Site plan' -> 'appendix-1-site-plan.pdf' (ASCII, no separators)."""
    stem = slugify(title, NAME_LENGTH) or "document"
    if tag:
        stem = f"{stem}-{slugify(tag, 24) or hashlib.sha256(tag.encode()).hexdigest()[:8]}"
    return stem + suffix


class Ledger:
    """The manifest of one committee folder, keyed by source address and by content hash."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / MANIFEST_NAME
        self.rows: dict[str, dict[str, str]] = {}
        if self.path.is_file():
            with self.path.open(newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if row.get("source"):
                        self.rows[row["source"]] = {k: row.get(k) or "" for k in MANIFEST_COLUMNS}

    def _whole(self, row: dict[str, str]) -> bool:
        path = self.folder / row["file"]
        return path.is_file() and (not row["bytes"] or path.stat().st_size == int(row["bytes"]))

    def complete(self, url: str) -> dict[str, str] | None:
        """The row of `url` if its file (or the file it duplicates) is here whole."""
        row = self.rows.get(url)
        if not row:
            return None
        if row["file"]:
            return row if self._whole(row) else None
        original = next((r for r in self.rows.values() if r["file"] == row["duplicate_of"]), None)
        return row if original and self._whole(original) else None

    def with_hash(self, sha256: str) -> dict[str, str] | None:
        return next((r for r in self.rows.values() if r["file"] and r["sha256"] == sha256 and self._whole(r)),
                    None)

    def free_name(self, meeting_folder: str, name: str, url: str, tag: str | None, title: str,
                  suffix: str) -> str:
        """`meeting_folder/name`, or a name tagged with the document's id where another
        document (or a file papermine did not write) already has it."""
        for candidate in (name, safe_name(title, suffix, tag or url)):
            rel = f"{meeting_folder}/{candidate}"
            owner = next((r["source"] for r in self.rows.values() if r["file"] == rel), None)
            if owner == url or (owner is None and not (self.folder / rel).exists()):
                return rel
        digest = hashlib.sha256(url.encode()).hexdigest()[:10]
        return f"{meeting_folder}/{Path(name).stem}-{digest}{suffix}"

    def record(self, row: dict[str, str]) -> None:
        self.rows[row["source"]] = {k: str(row.get(k) or "") for k in MANIFEST_COLUMNS}
        self.save()

    def save(self) -> None:
        """Write the manifest whole under a temporary name, then rename it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        rows = sorted(self.rows.values(), key=lambda r: (r["date"], r["file"] == "", r["file"], r["source"]))
        fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=PART_SUFFIX, dir=self.folder)
        try:
            with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS)
                writer.writeheader()
                writer.writerows(rows)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def remove_stale_parts(self) -> int:
        """Temporary files left by a run that was killed."""
        stale = list(self.folder.rglob(f"*{PART_SUFFIX}")) if self.folder.is_dir() else []
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)
