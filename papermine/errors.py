"""Every error papermine raises, with a stable code and one place for messages.

An error always names the file it is about and the reason, so that a batch can
report it on one line and go on.
"""
from __future__ import annotations

__all__ = ["PapermineError", "InputError", "EmptyInput", "UndecodableText",
           "CorruptPDF", "EncryptedPDF", "ImageOnlyPDF", "UnsupportedFormat",
           "StoreError", "NotFound", "QuerySyntaxError"]


class PapermineError(Exception):
    """Base class: `code` is stable, `path` names the file (if any)."""
    code = "PM000"
    reason = "failed"

    def __init__(self, path: object = None, reason: str | None = None):
        self.path = str(path) if path is not None else None
        self.detail = reason or self.reason
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


class StoreError(PapermineError):
    code = "PM200"
    reason = "database error"


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
