"""Reading a paper's bytes safely, and telling its format from its content.

Only regular files are read (a FIFO would block for ever, /dev/zero would fill
memory), never more than a given number of bytes, and the reader is chosen by
what the bytes are, not by the file's name: a PDF named `.txt` is a PDF.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import InputError, LimitExceeded, NotRegularFile, UnsupportedFormat

__all__ = ["read_regular_file", "sniff_format", "PDF", "TEXT", "PDF_HEADER_WINDOW"]

PDF, TEXT = "pdf", "text"
#: PDF readers accept the %PDF header anywhere in the first KB (junk may precede it).
PDF_HEADER_WINDOW = 1024
#: Leading bytes of formats papermine does not read -> their name for the error.
_OTHER_FORMATS = (
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX, ODT...)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (DOC, XLS)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file (symlinks followed); anything else is refused
    without blocking. A file over `max_bytes` is refused before it is read."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise InputError(path, "no such file" if not os.path.islink(path)
                         else "a broken link (its target is missing)") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a folder, not a file") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, f"{_kind(info.st_mode)}, not a regular file: not read")
        if max_bytes is not None and info.st_size > max_bytes:
            raise LimitExceeded(path, f"over the size limit ({info.st_size:,} bytes; the limit is "
                                      f"{max_bytes:,})")
        chunks, size = [], 0
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            while chunk := handle.read(1 << 20):
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:     # it grew while read
                    raise LimitExceeded(path, f"over the size limit ({max_bytes:,} bytes)")
                chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from exc
    finally:
        if fd >= 0:
            os.close(fd)


def sniff_format(path: Path, data: bytes) -> str:
    """PDF or TEXT, by content; a known other format is refused by name."""
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return PDF
    head = data[:16]
    for magic, name in _OTHER_FORMATS:
        if head.startswith(magic):
            raise UnsupportedFormat(path, f"unsupported file type: {name} (PDF or text only)")
    return TEXT
