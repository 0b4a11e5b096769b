"""Both PDF backends give the same paper: every real paper in ../shared/real
and every made sample PDF parses to identical paragraphs (number, text with
items, page), headings and metadata with pdfium and with pdfplumber.

On a failure each difference is listed by file and paragraph."""
from __future__ import annotations

import difflib

import pytest

from conftest import CORPUS, REAL_DIR, REAL_PDFS, SAMPLES
from papermine.parse import parse_file

META_FIELDS = ("council", "committee", "date", "title", "report_of", "period")


def _paragraphs(doc):
    return [(p.number, p.page, p.full_text) for p in doc.paragraphs]


def _headings(doc):
    return [(s.heading, s.kind, s.level, s.page) for s in doc.sections]


def differences(name: str, fast, reference) -> list[str]:
    """Every way the pdfium parse `fast` differs from the pdfplumber parse `reference`."""
    out = [f"{name}: meta {field}: pdfium {getattr(fast.meta, field)!r} != pdfplumber "
           f"{getattr(reference.meta, field)!r}"
           for field in META_FIELDS if getattr(fast.meta, field) != getattr(reference.meta, field)]
    if fast.pages != reference.pages:
        out.append(f"{name}: pages: pdfium {fast.pages} != pdfplumber {reference.pages}")
    for what, a, b in (("paragraph", _paragraphs(fast), _paragraphs(reference)),
                       ("heading", _headings(fast), _headings(reference))):
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                mine = a[i1 + k] if i1 + k < i2 else None
                theirs = b[j1 + k] if j1 + k < j2 else None
                where = (mine or theirs)
                label = f"¶{where[0] or '-'} p{where[1]}" if what == "paragraph" else repr(where[0])
                out.append(f"{name}: {what} {i1 + k + 1} ({label}): pdfium {mine!r} != pdfplumber {theirs!r}")
    return out


def _both(path, **kwargs):
    return (parse_file(path, pdf_backend="pdfium", **kwargs),
            parse_file(path, pdf_backend="pdfplumber", **kwargs))


@pytest.mark.skipif(not REAL_PDFS, reason=f"the real papers are not here ({REAL_DIR}): "
                                          "they are read from ../shared/real beside the checkout")
@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.stem)
def test_real_paper_reads_the_same_with_both_backends(path):
    # every page has a text layer; ocr=False only skips reading page 1's logos (the same for both backends)
    fast, reference = _both(path, ocr=False)
    assert fast.paragraphs, "nothing parsed: the comparison would prove nothing"
    found = differences(path.name, fast, reference)
    assert not found, f"{len(found)} differences:\n" + "\n".join(found)


def test_made_pdfs_read_the_same_with_both_backends(sample_pdfs):
    found = []
    for name in SAMPLES:
        path, _layout = sample_pdfs[name]
        found += differences(path.name, *_both(path, manifest=CORPUS / "manifest.csv"))
    assert not found, f"{len(found)} differences:\n" + "\n".join(found)
