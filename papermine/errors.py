"""Every error papermine raises, with a stable code and one place for messages.

An error always names the file it is about and the reason, so that a batch can
report it on one line and go on.
"""
from __future__ import annotations

import os
import re

__all__ = ["PapermineError", "InputError", "EmptyInput", "UndecodableText",
           "CorruptPDF", "EncryptedPDF", "ImageOnlyPDF", "UnsupportedFormat", "NotRegularFile",
           "LimitExceeded", "WorkerDied", "StoreError", "StoreBusy", "NotFound", "QuerySyntaxError",
           "display_name", "one_line"]

#: Characters that would break a one-line message or a terminal: controls
#: (newline, escape...), and the surrogates that stand for undecodable bytes.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:            # an undecodable byte kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def display_name(name: object) -> str:
    """A file name (str, bytes or path) as one printable line: undecodable bytes
    shown as \\xNN, newlines and other controls escaped, everything else as is."""
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    text = os.fspath(name) if isinstance(name, os.PathLike) else str(name)
    return _UNSAFE.sub(lambda m: _escape(m.group(0)), text)


def one_line(text: str) -> str:
    """A message on one printable line (library messages may hold newlines)."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", str(text))
    return _UNSAFE.sub(lambda m: _escape(m.group(0)), text)


class PapermineError(Exception):
    """Base class: `code` is stable, `path` names the file (if any)."""
    code = "PM000"
    reason = "failed"

    def __init__(self, path: object = None, reason: str | None = None):
        self.path = display_name(path) if path is not None else None
        self.detail = one_line(reason or self.reason)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.detail} [{self.code}]"


class InputError(PapermineError):
    code = "PM100"
    reason = "cannot read this file"


class EmptyInput(InputError):
    code = "PM101"
    reason = "the file is empty (no text to parse)"


class UndecodableText(InputError):
    code = "PM102"
    reason = "the text is not in a known encoding (tried UTF-8, UTF-16, cp1252)"


class CorruptPDF(InputError):
    code = "PM103"
    reason = "not a readable PDF (damaged or truncated)"


class EncryptedPDF(InputError):
    code = "PM104"
    reason = "the PDF is encrypted and needs a password"


class ImageOnlyPDF(InputError):
    code = "PM105"
    reason = "the PDF has no text layer (scanned images?)"


class UnsupportedFormat(InputError):
    code = "PM106"
    reason = "unsupported file type"


class NotRegularFile(InputError):
    code = "PM107"
    reason = "not a regular file (a FIFO, device or socket): not read"


class LimitExceeded(InputError):
    """A paper over one of the per-file limits of an ingest (memory, time, pages, size)."""
    code = "PM108"
    reason = "over a limit"


class WorkerDied(InputError):
    """The worker reading a paper died (the out-of-memory killer, a crash in a library)."""
    code = "PM109"
    reason = "its worker died"


class StoreError(PapermineError):
    code = "PM200"
    reason = "database error"


class StoreBusy(StoreError):
    """The database is locked by another writer, or its disk is full: the batch stops."""
    code = "PM203"
    reason = "the database cannot be written now"


class NotFound(PapermineError):
    code = "PM201"
    reason = "not found"


class QuerySyntaxError(PapermineError):
    code = "PM202"
    reason = "bad search query syntax"


# ---- fetching (papermine/fetch): `path` is the URL the error is about ---------
# A FetchError costs one document or page (reported, the run goes on); the
# others stop the run (a block, a site out of bounds, no such committee).

class FetchError(PapermineError):
    code = "PM300"
    reason = "download failed"


class SiteBlocked(PapermineError):
    code = "PM301"
    reason = "the site refuses this client (403 or a challenge page); papermine stops and does not work around it"


class RobotsDisallowed(PapermineError):
    code = "PM302"
    reason = "robots.txt disallows this address for papermine"


class CommitteeNotFound(PapermineError):
    code = "PM303"
    reason = "no committee of the site matches"


class CommitteeAmbiguous(PapermineError):
    code = "PM304"
    reason = "the name matches several committees"


class NotModernGov(PapermineError):
    code = "PM305"
    reason = "neither the ModernGov web service nor its HTML pages answer here"


__all__ += ["FetchError", "SiteBlocked", "RobotsDisallowed", "CommitteeNotFound",
            "CommitteeAmbiguous", "NotModernGov"]
