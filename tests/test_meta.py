"""Metadata from any paper: dates (raised ordinals, US order, plan periods),
the paper's own council (from where its name stands, never the body), the
committee and title of wrapped front fields and minutes headings. Cases are
data (tests/data/meta_cases.json); the real papers of ../shared/real/ are
checked against expectations written by reading them (tests/data/meta_real.json)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from papermine.model.data import load_jsonl
from papermine.parse import parse_file, parse_text
from papermine.parse.backends.ocr import tesseract_available
from papermine.parse import meta as meta_module
from papermine.parse.meta import COUNCIL_KINDS, find_councils, find_date, find_dates

DATA = Path(__file__).resolve().parent / "data"
CASES = json.loads((DATA / "meta_cases.json").read_text(encoding="utf-8"))
REAL = json.loads((DATA / "meta_real.json").read_text(encoding="utf-8"))["papers"]
#: ../shared/real beside the checkout (a worktree under wt/ has it one level further up).
REAL_DIR = next((p / "shared" / "real" for p in Path(__file__).resolve().parents[2:4]
                 if (p / "shared" / "real").is_dir()), Path(__file__).resolve().parents[2] / "shared" / "real")
FIELDS = ("council", "committee", "date", "title", "period")

#: (paper, field) values no reader of the paper gets, each with why (the Kent minerals
#: paper, which calls itself only "the County Council", is now read by the place it names most).
KNOWN_MISSES: dict[tuple[str, str], str] = {}


def _same(value):
    """Values compared as a reader would: case, quotes, spaces around a dash."""
    if value is None:
        return None
    value = value.replace("’", "'").replace("‘", "'")
    value = re.sub(r"\s*([-–])\s*", r"\1", value)
    return re.sub(r"\s+", " ", value).strip().casefold()


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_meta_case(case):
    doc = parse_text(case["input"], name=f"{case['label']}.txt")
    for field, want in case["expect"].items():
        if field.startswith("extra."):
            got = doc.meta.extra.get(field[len("extra."):])
        else:
            got = doc.meta.extra.get(field) if field == "council_id" else getattr(doc.meta, field)
        assert _same(got) == _same(want), f"{field}: {case['comment']}"
    for field in set(case["expect"]) & set(FIELDS):
        if case["expect"][field] is not None:
            assert doc.meta.provenance[field] == "printed"


@pytest.mark.parametrize("text, iso", [
    ("10 th December 2024", "2024-12-10"), ("9th January 2025", "2025-01-09"),
    ("Tuesday 5th March 2024", "2024-03-05"), ("January 27, 2020", "2020-01-27"),
    ("17/03/2026", "2026-03-17"), ("March 17, 2026", "2026-03-17"), ("Thursday, 30th January, 2025", "2025-01-30"),
    ("8TH NOVEMBER 2007", "2007-11-08"), ("2024-01-26", "2024-01-26"),
    ("the Plan 2024-2039", None), ("October 2024", None), ("minute 16.03.2", None), ("31 February 2024", None),
])
def test_find_date(text, iso):
    assert find_date(text) == iso


def test_find_dates_gives_spans_in_order():
    text = "Cabinet – 4 th March 2025 and Committee 6th March 2025"
    hits = find_dates(text)
    assert [h.iso for h in hits] == ["2025-03-04", "2025-03-06"]
    assert text[hits[0].start:hits[0].end] == "4 th March 2025"


@pytest.mark.parametrize("text, names", [
    ("Leader of Tonbridge & Malling Borough Council", ["Tonbridge and Malling Borough Council"]),
    ("joint work between KCC, Medway Council and others", ["Kent County Council", "Medway Council"]),
    ("STOCKTON-ON-TEES BOROUGH COUNCIL", ["Stockton-on-Tees Borough Council"]),
    ("Royal Borough of Kensington and Chelsea", ["Royal Borough of Kensington and Chelsea"]),
    ("the county council and district councils", []),
    ("City Council Chamber", []),
])
def test_find_councils(text, names):
    assert [h.name for h in find_councils(text)] == names


# ---- the councils data file -------------------------------------------------------

def _key(name):
    return re.sub(r"\s+", " ", re.sub(r"[^\w' ]", " ", name.lower().replace("&", " and ").replace("-", " "))).strip()


def test_councils_file_is_well_formed():
    rows = load_jsonl("councils.jsonl")
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    forms: dict[str, str] = {}
    for row in rows:
        assert row["label"] in COUNCIL_KINDS, row["id"]
        assert row["nation"] in {"england", "wales", "scotland", "northern_ireland"}, row["id"]
        assert row["pattern"] and all(isinstance(f, str) and f.strip() for f in row["pattern"]), row["id"]
        for form in row["pattern"]:                       # a name form belongs to one council only
            assert forms.setdefault(_key(form), row["id"]) == row["id"], (form, row["id"])
        if "until" in row:
            assert 2007 <= row["until"] <= 2030, row["id"]
        if "successor" in row:
            assert row["successor"] in ids, row["id"]


def test_councils_file_covers_the_principal_councils():
    current = [row for row in load_jsonl("councils.jsonl") if "until" not in row]
    count = lambda kind: sum(row["label"] == kind for row in current)   # noqa: E731
    assert (count("county"), count("district"), count("unitary"), count("metropolitan_borough"),
            count("london_borough"), count("welsh_principal"), count("scottish_council"),
            count("ni_district")) == (21, 164, 62, 36, 32, 22, 32, 11)


# ---- the real papers ------------------------------------------------------------------

def _real_params():
    for paper in REAL:
        for field in ("council", "committee", "date", "title"):
            reason = KNOWN_MISSES.get((paper["file"], field))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            if field in paper.get("ocr_misses", []):
                marks = [pytest.mark.xfail(strict=True, reason="shown only in a picture OCR does not read")]
            elif field in paper.get("image_only", []):      # a logo or banner on page 1, read by OCR
                marks = [pytest.mark.xfail(not tesseract_available(), strict=True,
                                           reason="shown only in a picture; Tesseract is not installed")]
            yield pytest.param(paper["file"], field, paper["expect"][field], marks=marks,
                               id=f"{Path(paper['file']).stem}-{field}")


@pytest.fixture(scope="module")
def real_docs():
    if not REAL_DIR.is_dir():
        pytest.skip(f"the real papers are not here ({REAL_DIR}): they sit beside the checkout in CI")
    return {}


@pytest.mark.parametrize("name, field, want", list(_real_params()))
def test_real_paper_metadata(real_docs, name, field, want):
    path = REAL_DIR / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    if name not in real_docs:
        real_docs[name] = parse_file(path)
    assert _same(getattr(real_docs[name].meta, field)) == _same(want)


# ---- a council shown only in a picture (a logo), read by OCR ----------------------------

needs_tesseract = pytest.mark.skipif(
    not tesseract_available(),
    reason="Tesseract is not installed (apt-get install tesseract-ocr); .ci/run installs it")


def _lettering(lines: list[str], size: int = 26, dpi: int = 150):
    """A picture of lettering (a logo's wordmark), drawn by reportlab and rendered by pdfium."""
    import io

    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas
    from reportlab.pdfbase.pdfmetrics import stringWidth
    out = io.BytesIO()
    width = 24 + max(stringWidth(line, "Helvetica-Bold", size) for line in lines)
    height = 30 + (size + 6) * len(lines)
    pdf = canvas.Canvas(out, pagesize=(width, height))
    pdf.setFont("Helvetica-Bold", size)
    for i, line in enumerate(lines):
        pdf.drawString(12, height - 12 - size - (size + 6) * i, line)
    pdf.showPage()
    pdf.save()
    return pdfium.PdfDocument(out.getvalue())[0].render(scale=dpi / 72, grayscale=True).to_pil()


def _paper_with_pictures(path: Path, pictures: list[list[str]], body: list[str]) -> Path:
    """A one-page report whose text layer is `body`, with each picture of lettering
    set at the top of the page (logos), as councils print their wordmark."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for i, lines in enumerate(pictures):
        image = _lettering(lines)
        width = 150
        pdf.drawImage(ImageReader(image), 72 + 250 * i, A4[1] - 60 - width * image.height / image.width,
                      width=width, height=width * image.height / image.width)
    y = A4[1] - 220
    for line in body:
        pdf.setFont("Helvetica-Bold" if line.istitle() and len(line) < 40 else "Helvetica", 11)
        pdf.drawString(72, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return path


_REPORT = ["To: Cabinet", "Subject: Library Opening Hours", "",
           "1. Purpose", "1.1 To agree new opening hours with Medway Council and Kent County Council.",
           "1.2 The libraries open on Saturdays from April."]


@needs_tesseract
def test_a_council_shown_only_in_its_logo_is_read_from_the_picture(tmp_path):
    path = _paper_with_pictures(tmp_path / "logo.pdf", [["Derbyshire", "County", "Council"]], _REPORT)
    doc = parse_file(path)
    assert doc.meta.council == "Derbyshire County Council"          # not the councils the body names
    assert doc.meta.provenance["council"] == "picture"
    assert doc.meta.extra["council_id"] == "derbyshire-county-council"
    assert "OCR" in doc.meta.extra["council_evidence"]
    assert (doc.meta.committee, doc.meta.title) == ("Cabinet", "Library Opening Hours")
    assert parse_file(path, ocr=False).meta.council is None          # --no-ocr: not read


@needs_tesseract
def test_a_councils_template_is_read_once_per_process(tmp_path, monkeypatch):
    """Two papers on one front-sheet template (the same logo, other text): Tesseract reads
    the logo of the first only; the second gets the same council from the cache."""
    from papermine.parse import pictures
    monkeypatch.setattr(pictures, "_READ_CACHE", type(pictures._READ_CACHE)())
    reads = []
    real_read = pictures._tesseract
    monkeypatch.setattr(pictures, "_tesseract", lambda image: reads.append(1) or real_read(image))
    first = _paper_with_pictures(tmp_path / "a.pdf", [["Derbyshire", "County", "Council"]], _REPORT)
    second = _paper_with_pictures(tmp_path / "b.pdf", [["Derbyshire", "County", "Council"]],
                                  ["To: Cabinet", "Subject: Parking Charges", "", "1. Purpose",
                                   "1.1 To agree the charges for the car parks of the district."])
    assert parse_file(first).meta.council == parse_file(second).meta.council == "Derbyshire County Council"
    assert len(reads) == 1


def _counting_reads(monkeypatch) -> list[int]:
    """A fresh process's view (no logo read in memory), with each Tesseract read counted."""
    from papermine.parse import pictures
    monkeypatch.setattr(pictures, "_READ_CACHE", type(pictures._READ_CACHE)())
    reads: list[int] = []
    real_read = pictures._tesseract
    monkeypatch.setattr(pictures, "_tesseract", lambda image: reads.append(1) or real_read(image))
    return reads


@needs_tesseract
def test_a_logo_read_by_one_ingest_is_not_read_again_by_another_process(tmp_path, monkeypatch):
    """Ingest keeps what Tesseract read beside its database: another process (a
    worker, a later run) given a paper on the same template does not run it again."""
    from papermine.parse import parse_bytes, pictures
    from papermine.store import ingest, open_store
    from papermine.store.ingest import picture_cache
    folder = tmp_path / "papers"
    folder.mkdir()
    first = _paper_with_pictures(folder / "a.pdf", [["Derbyshire", "County", "Council"]], _REPORT)
    monkeypatch.setattr(pictures, "_READ_CACHE", type(pictures._READ_CACHE)())     # workers fork from here
    with open_store(tmp_path / "papers.db") as store:
        assert ingest(store, [folder], workers=1).count("stored") == 1
        cache = Path(picture_cache(store))
    # one entry by the painted page's digest, one by the file's
    assert cache == tmp_path / "papers.db-pictures" and len(list(cache.glob("*.json"))) == 2
    second = _paper_with_pictures(tmp_path / "b.pdf", [["Derbyshire", "County", "Council"]],
                                  ["To: Cabinet", "Subject: Parking Charges", "", "1. Purpose",
                                   "1.1 To agree the charges for the car parks of the district."])
    reads = _counting_reads(monkeypatch)
    doc = parse_bytes(second, second.read_bytes(), picture_cache=cache)
    assert (doc.meta.council, reads) == ("Derbyshire County Council", [])
    # the first paper read again (a new parser version) is not even rendered
    renders = []
    real_paint = pictures._painted_page
    monkeypatch.setattr(pictures, "_painted_page", lambda *a: renders.append(1) or real_paint(*a))
    monkeypatch.setattr(pictures, "_READ_CACHE", type(pictures._READ_CACHE)())
    assert parse_bytes(first, first.read_bytes(), picture_cache=cache).meta.council == "Derbyshire County Council"
    assert (renders, reads) == ([], [])
    # without the folder the logo is read
    monkeypatch.setattr(pictures, "_READ_CACHE", type(pictures._READ_CACHE)())
    assert parse_file(second).meta.council == "Derbyshire County Council" and reads == [1]


@needs_tesseract
def test_a_damaged_or_planted_logo_cache_does_not_change_what_is_read(tmp_path, monkeypatch):
    """A cache entry edited, cut short or left by someone else is not believed:
    the logo is read again and gives the same council."""
    path = _paper_with_pictures(tmp_path / "a.pdf", [["Derbyshire", "County", "Council"]], _REPORT)
    cache = tmp_path / "cache"
    reads = _counting_reads(monkeypatch)
    from papermine.parse import parse_bytes, pictures

    def council() -> str | None:
        monkeypatch.setattr(pictures, "_READ_CACHE", type(pictures._READ_CACHE)())
        return parse_bytes(path, path.read_bytes(), picture_cache=cache).meta.council

    assert council() == "Derbyshire County Council" and len(reads) == 1
    entries = sorted(cache.glob("*.json"))          # by the painted page's digest and by the file's
    good = {entry: entry.read_text() for entry in entries}

    def spoil(change) -> None:
        for entry, text in good.items():
            entry.write_text(change(text))

    # another council written in without its checksum: not believed
    spoil(lambda text: text.replace("Derbyshire", "Medway"))
    assert council() == "Derbyshire County Council" and len(reads) == 2
    # cut short (a crash mid-write, a full disk): not believed, and written whole again
    spoil(lambda text: text[: len(text) // 2])
    assert council() == "Derbyshire County Council" and len(reads) == 3
    assert {entry: entry.read_text() for entry in entries} == good
    # an entry moved to another key (another image's or file's read): not believed
    spoil(lambda text: good[entries[0]] if text == good[entries[1]] else good[entries[1]])
    assert council() == "Derbyshire County Council" and len(reads) == 4
    # a folder others may write to is not used at all (its entries could be anyone's)
    spoil(lambda text: text.replace("Derbyshire", "Medway"))
    cache.chmod(0o777)
    assert council() == "Derbyshire County Council" and len(reads) == 5
    assert all("Medway" in entry.read_text() for entry in entries)
    cache.chmod(0o700)
    assert council() == "Derbyshire County Council" and len(reads) == 6


@needs_tesseract
def test_pictures_are_read_only_for_what_the_text_does_not_give(tmp_path):
    # two councils' logos side by side (a joint paper): no one council is the paper's
    joint = _paper_with_pictures(tmp_path / "joint.pdf", [["Derbyshire", "County", "Council"],
                                                          ["Medway", "Council"]], _REPORT)
    assert parse_file(joint).meta.council is None
    # the text layer is painted out before OCR: a council named in the text is never read as a logo
    plain = _paper_with_pictures(tmp_path / "plain.pdf", [["Library", "Services"]], _REPORT)
    assert parse_file(plain).meta.council is None
    # a council printed in the text wins over its logo
    printed = _paper_with_pictures(tmp_path / "printed.pdf", [["Medway", "Council"]],
                                   ["DERBYSHIRE COUNTY COUNCIL"] + _REPORT)
    assert (parse_file(printed).meta.council, parse_file(printed).meta.provenance["council"]) == \
        ("Derbyshire County Council", "printed")


@needs_tesseract
def test_a_board_shown_only_in_its_banner_is_the_committee(tmp_path):
    path = _paper_with_pictures(tmp_path / "banner.pdf", [["Health and Wellbeing", "Board"]],
                                ["Joint Health and Wellbeing Strategy", "", "Our vision for the county."])
    meta = parse_file(path).meta
    assert (meta.committee, meta.provenance["committee"]) == ("Health and Wellbeing Board", "picture")
    assert meta.council is None


@needs_tesseract
def test_a_real_agenda_front_sheet_names_its_council_only_in_its_logo():
    """The front sheet's logo is the one place it names its council (the text names it
    only inside an agenda item)."""
    path = REAL_DIR / "kent-cc_cabinet_agenda-frontsheet_2025-01-30.pdf"
    if not path.is_file():
        pytest.skip(f"{path} is absent (the real papers sit beside the checkout in CI)")
    meta = parse_file(path).meta
    assert (meta.council, meta.provenance["council"], meta.extra["council_id"]) == \
        ("Kent County Council", "picture", "kent-county-council")


# ---- a council named only in the running header or footer ----------------------------------

def _long_report(head: str) -> str:
    paragraphs = "\n\n".join(f"{n}. The service reviewed its opening hours for the libraries of the "
                             f"district in year {n} and reported the results to members in full."
                             for n in range(1, 41))
    return f"{head}\n\nPurpose of the Report\n\n{paragraphs}\n"


def test_a_council_named_only_in_the_running_header_is_the_papers(tmp_path):
    from pdfmaker import write_pdf
    doc = parse_text(_long_report("To: Cabinet\n\nSubject: Library Opening Hours"), name="lib.txt")
    assert doc.meta.council is None                        # the text names no council
    path = tmp_path / "lib.pdf"
    write_pdf(doc, path, header="Surrey County Council - Cabinet")
    meta = parse_file(path, ocr=False).meta
    assert (meta.council, meta.extra["council_evidence"], meta.extra["council_id"]) == \
        ("Surrey County Council", "running header or footer", "surrey-county-council")
    assert (meta.committee, meta.title) == ("Cabinet", "Library Opening Hours")


def test_the_head_council_wins_over_the_running_lines_and_two_there_name_none(tmp_path):
    from pdfmaker import write_pdf
    doc = parse_text(_long_report("DERBYSHIRE COUNTY COUNCIL\n\nTo: Cabinet\n\nSubject: Library Opening Hours"),
                     name="lib.txt")
    path = tmp_path / "head.pdf"
    write_pdf(doc, path, header="Surrey County Council - Cabinet")
    assert parse_file(path, ocr=False).meta.council == "Derbyshire County Council"
    doc = parse_text(_long_report("To: Cabinet\n\nSubject: Library Opening Hours"), name="lib.txt")
    path = tmp_path / "joint.pdf"
    write_pdf(doc, path, header="Surrey County Council and Kent County Council joint service")
    assert parse_file(path, ocr=False).meta.council is None


# ---- a decision-maker's paper that names its council only in the body --------------------

def _decision(to: str, names: list[str]) -> str:
    body = "\n\n".join(f"1.{i} {name} reviewed the contract for the family hubs in round {i}."
                         for i, name in enumerate(names, start=1))
    return f"From: Director of Children's Services\n\nTo: {to}\n\nSubject: Family Hub Contracts\n\n" \
           f"1. Introduction\n\n{body}\n"


@pytest.mark.parametrize("to, names, council", [
    # the council it names far most often (by its acronym too) is the decision-maker's council
    ("Cabinet Member for Children's Services", ["WSCC"] * 5 + ["West Sussex County Council", "Medway Council"],
     "West Sussex County Council"),
    ("Cabinet", ["Surrey County Council"] * 6, "Surrey County Council"),
    # two councils named alike, or one named only a few times: no council
    ("Cabinet Member for Children's Services", ["WSCC"] * 5 + ["Medway Council"] * 3, None),
    ("Cabinet", ["Surrey County Council"] * 3, None),
    # a board's paper is no council's decision
    ("Health and Wellbeing Board", ["Surrey County Council"] * 8, None),
])
def test_a_decision_makers_paper_is_the_council_it_names_most(to, names, council):
    meta = parse_text(_decision(to, names), name="decision.txt").meta
    assert meta.council == council
    if council:
        assert meta.extra["council_evidence"] == "most named in a decision-maker's paper"


# ---- what OCR reads from pictures, matched to councils and bodies ----------------------------

@pytest.mark.parametrize("lines, council", [
    (["west", "sussex", "count", "councl"], "West Sussex County Council"),     # a stacked logo, letters lost
    (["Kent", "County", "GN", "Council", "kent.gov.uk"], "Kent County Council"),
    (["ON", "MG SUSSEX", "sw county", "RR", "ote west", "council"], "West Sussex County Council"),
    (["BURTON-CUM-WALDEN PARISH COUNCIL", "ANNUAL REPORT 2023-2024"], "Burton-cum-Walden Parish Council"),
    (["Derbyshire", "County", "Council", "Medway", "Council"], None),             # two councils' logos
    (["The partnership thanks Kent County Council for hosting the day"], None),  # a caption, not a logo
    (["Kent", "CC"], None),                                                        # a short form held apart
    (["west", "sussex", "ee", "Bee", "ia", "hed", "uo", "in", "county", "council"], None),  # too far apart
])
def test_picture_lettering_to_council(lines, council):
    found = meta_module._picture_council(lines)
    assert (found[0] if found else None) == council


@pytest.mark.parametrize("lines, committee", [
    (["abs et", "Health and Wellbeing Boava", "Start Well, Live Well, Age Well:"], "Health and Wellbeing Board"),
    (["Corporate Parenting", "Panel"], "Corporate Parenting Panel"),
    (["Hoalth and Wellbeing Boava"], "Health and Wellbeing Board"),
    (["Health and Wellbeing eer"], None),
    (["Our Health and Wellbeing Board met four times this year and agreed its plan"], None),
])
def test_picture_lettering_to_committee(lines, committee):
    assert meta_module._picture_committee(lines) == committee


def test_a_minutes_heading_naming_its_body_by_a_bare_noun_takes_the_heads_full_name():
    """"Minutes of the Partnership meeting" under "Westby Community Safety Partnership":
    the committee is the partnership's full name, not "Partnership"."""
    doc = parse_text("Westby Community Safety Partnership\n\nMinutes of the Partnership meeting, 4 May 2012\n\n"
                     "1. Plan\n\nThe plan was agreed.\n")
    assert (doc.meta.committee, doc.meta.date) == ("Westby Community Safety Partnership", "2012-05-04")
