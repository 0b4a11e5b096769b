"""Hostile and broken inputs made by the tests themselves: PDFs written object by
object (a stream that inflates a thousandfold, a page tree thousands of levels
deep), text that is slow to tag, and seeded mutations of good files."""
from __future__ import annotations

import random
import zlib
from pathlib import Path

__all__ = ["write_raw_pdf", "inflating_pdf", "deep_page_tree_pdf", "slow_text", "mutations"]

PAGE = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R " \
       b"/Resources << /Font << /F1 %d 0 R >> >> >>"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 700 Td (1 The partnership meets quarterly.) Tj ET\n"


def write_raw_pdf(path: Path, objects: list[bytes]) -> Path:
    """Objects 1..n (1 the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _inflating_stream(head: bytes, megabytes: int) -> bytes:
    """A zlib stream of `head` then `megabytes` MB of spaces, a few MB packed:
    one deflate block compressed once and repeated (a full flush between
    blocks makes each the same bytes), with its real Adler-32."""
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * (1 << 20)
    first = raw.compress(head) + raw.flush(zlib.Z_FULL_FLUSH)
    block = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    adler = zlib.adler32(head)
    for _ in range(megabytes):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + first + block * megabytes + raw.flush() + adler.to_bytes(4, "big")


def inflating_pdf(path: Path, megabytes: int) -> Path:
    """A one-page PDF whose content stream inflates to `megabytes` MB."""
    stream = _inflating_stream(TEXT, megabytes)
    return write_raw_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE % (2, 4, 5),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        FONT])


def deep_page_tree_pdf(path: Path, depth: int) -> Path:
    """One page under `depth` nested page-tree nodes."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = 2 + level
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (number + 1, parent))
    leaf = depth + 2
    objects.append(PAGE % (leaf - 1, leaf + 1, leaf + 2))
    objects.append(b"<< /Length %d >>\nstream\n" % len(TEXT) + TEXT + b"\nendstream")
    objects.append(FONT)
    return write_raw_pdf(path, objects)


def slow_text(chars: int) -> str:
    """A paper whose one paragraph is a run of relation cues with no full stop:
    seconds of tagging for tens of thousands of characters."""
    cue = "The Partnership will report quarterly to the Corporate Parenting Panel and "
    return "Background\n\n1 " + (cue * (chars // len(cue) + 1))[:chars] + ".\n"


def mutations(seed: int, good: bytes, count: int) -> list[bytes]:
    """`count` seeded mutants of `good`: flipped bytes, cuts, spliced junk,
    repeated chunks, binary tails, controls and odd Unicode."""
    rng = random.Random(seed)
    junk = [b"\x00", b"\xff\xfe", b"%PDF-1.7\n", b"endobj", b"stream\n", b"-\n\xc3\xa9", b"\x1b[2J",
            "é".encode(), "ﬁ".encode(), b"\r", b"\f", b"(", b")", b"<<", b">>", b"0 0 R"]
    out = []
    for _ in range(count):
        data = bytearray(good)
        for _ in range(rng.randint(1, 6)):
            op = rng.randrange(6)
            at = rng.randrange(len(data) or 1)
            if op == 0 and data:
                data[at] = rng.randrange(256)
            elif op == 1:
                data = data[:at]
            elif op == 2:
                data[at:at] = rng.choice(junk) * rng.randint(1, 50)
            elif op == 3 and data:
                end = min(len(data), at + rng.randint(1, 2000))
                data[at:at] = data[at:end] * rng.randint(2, 20)
            elif op == 4:
                data += rng.randbytes(rng.randint(1, 70_000))
            elif op == 5 and data:
                end = min(len(data), at + rng.randint(1, 500))
                del data[at:end]
        out.append(bytes(data))
    return out
