"""Write a synthetic corpus of council papers for scale and timeline tests.

Each council gets one paper a year: a partnership update in the genre of the
samples (front block, purpose, summary with governance sentences, a numbered
"Priority N)" list, conclusion, implications). Over the years priorities are
dropped and added, the reporting frequency changes, members join and leave,
and the partnership may be renamed. The truth of every paper is written to
`truth.json` beside the papers, so tests can check what papermine finds.

This is a tool for measuring scale and checking comparisons, not a source of
accuracy figures: its sentences are recombined from a small set of templates.

    python scripts/make_corpus.py OUT_DIR --councils 5 --years 2015-2024 [--pdf] [--seed 1]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

#: Priority wordings by theme (two wordings each: papers reword between years).
PRIORITIES = {
    "placement sufficiency and stability": [
        "Ensure there are enough high quality placements and improve placement stability for our children.",
        "Sufficiency of placements and placement stability is important for our children and young people."],
    "permanence and adoption": [
        "Promote early permanence so that children move to their permanent or adoptive placement quickly.",
        "Children are moved into their permanent placement as quickly as possible once the plan is agreed."],
    "care leavers and the local offer": [
        "Develop the local offer for care leavers with a personal adviser until they are 25 years old.",
        "Care leavers receive the local offer and the support of a personal adviser up to age 25."],
    "health and wellbeing": [
        "Ensure health assessments are timely and the health needs of our children are met.",
        "Improve the timeliness and quality of health assessments for children in care."],
    "mental health and emotional wellbeing": [
        "Ensure the mental health needs of children are understood and well supported through CAMHS.",
        "Embed a trauma informed approach to emotional wellbeing and mental health."],
    "education and the virtual school": [
        "Work with the Virtual School so that children in care achieve their potential at school.",
        "Support children in care in their schools to close gaps in their learning."],
    "employment, education and training": [
        "Increase the number of care leavers in employment, education and training.",
        "Offer apprenticeships and work experience to young people leaving care."],
    "participation and voice of children": [
        "Listen to the voice of children through the Children in Care Council and act on their views.",
        "Strengthen participation and engagement of children in shaping services."],
    "missing children and exploitation": [
        "Reduce the number of children missing from care and protect them from exploitation.",
        "Respond quickly when children go missing and tackle child exploitation."],
    "unaccompanied asylum-seeking children": [
        "Meet the needs of unaccompanied asylum-seeking children arriving through the national transfer scheme.",
        "Support unaccompanied asylum-seeking children with accommodation and education."],
    "edge of care and remaining at home": [
        "Develop services that enable children to remain at home with their families where it is safe to do so.",
        "Support families on the edge of care so that children can remain at home safely."],
    "out-of-area placements": [
        "Reduce the number of children placed out of area and bring them closer to home.",
        "Ensure children placed outside the area receive the same services as those placed locally."],
}
FREQUENCIES = [("quarterly", "on a quarterly basis"), ("six-monthly", "on a six-monthly basis"),
               ("annually", "on an annual basis"), ("bi-monthly", "every two months")]
MEMBERS = ["police", "education", "housing", "youth offending", "probation", "the Virtual School",
           "partner health authorities", "Investing in Children", "advocacy services"]
PLACES = ["Ashford", "Brampton", "Carlow", "Denholm", "Eastfield", "Farley", "Glenmore", "Halton Vale",
          "Ivybridge", "Jarrow Moor", "Kingsmead", "Langley", "Millbrook", "Northwold", "Oakham Vale"]
KINDS = ["County Council", "Borough Council", "City Council", "Metropolitan Borough Council"]
BODIES = [("Looked After Children Partnership", "LACP"), ("Children in Care Partnership", "CICP"),
          ("Corporate Parenting Partnership", "CPPN")]


PREFIXES = ["", "North", "South", "East", "West", "Upper", "Lower", "Great", "Little", "New", "Old",
            "Mid", "High", "Low", "Royal", "Saint"]


def council_name(index: int) -> str:
    """A distinct, realistic name for council `index` (up to 240 of them)."""
    place = PLACES[index % len(PLACES)]
    prefix = PREFIXES[(index // len(PLACES)) % len(PREFIXES)]
    return f"{prefix} {place} {KINDS[index % len(KINDS)]}".strip()


def evolve(rng: random.Random, years: list[int]) -> list[dict]:
    """One council's state year by year: priorities, wording, governance, name."""
    themes = list(PRIORITIES)
    current = rng.sample(themes, 6)
    wording = {t: 0 for t in themes}
    frequency = rng.choice(FREQUENCIES)
    members = rng.sample(MEMBERS, 5)
    body = 0
    rename_year = rng.choice(years[2:]) if len(years) > 3 and rng.random() < 0.5 else None
    states = []
    for year in years:
        if states:
            if rng.random() < 0.5 and len(current) > 4:              # a priority dropped
                current.remove(rng.choice(current))
            if rng.random() < 0.5:                                  # a priority added
                new = [t for t in themes if t not in current]
                if new:
                    current.append(rng.choice(new))
            if rng.random() < 0.3:                                  # a priority reworded
                theme = rng.choice(current)
                wording[theme] = 1 - wording[theme]
            if rng.random() < 0.25:
                frequency = rng.choice([f for f in FREQUENCIES if f != frequency])
            if rng.random() < 0.3 and len(members) > 3:              # a member leaves
                left = rng.choice(members)
                members = [m for m in members if m != left]
            if rng.random() < 0.3:                                  # a member joins
                joined = [m for m in MEMBERS if m not in members]
                if joined:
                    members.append(rng.choice(joined))
            if year == rename_year:
                body = (body + 1) % len(BODIES)
        states.append({"year": year, "priorities": list(current), "wording": dict(wording),
                       "frequency": frequency, "members": list(members), "body": BODIES[body]})
    return states


def paper_text(council: str, committee: str, state: dict, rng: random.Random, layout: bool) -> str:
    name, acronym = state["body"]
    year = state["year"]
    day, month = rng.randint(1, 28), rng.choice(["January", "March", "June", "September", "November"])
    freq_label, freq_text = state["frequency"]
    members = ", ".join(state["members"][:-1]) + " and " + state["members"][-1]
    priorities = [PRIORITIES[t][state["wording"][t]] for t in state["priorities"]]
    numbered = [
        ("Purpose of the Report", [f"To update the {committee} on the work of the {name} ({acronym}) during {year}."]),
        ("Executive Summary", [
            f"The {acronym} brings partners together to improve outcomes for children in care and care leavers.",
            f"The group meets every two months and consists of representatives from {members}.",
            f"The {acronym} will report to the {committee} {freq_text}.",
            f"The chair of the {acronym} meets with the Children in Care Council twice yearly."]),
        ("Recommendation", [f"The {committee} is asked to note the content of this report."]),
        ("Background", [f"To achieve its vision the {acronym} has {len(priorities)} Priority Actions as follows:"]),
    ]
    lines = [committee, "", f"{day} {month} {year}", "",
             f"{name} ({acronym}) Update {year}", "",
             f"Report of the Head of Children's Social Care, {council}", ""]
    number = 0
    for heading, paragraphs in numbered:
        lines += [heading, ""]
        for text in paragraphs:
            number += 1
            lines += [_paragraph(number, text, layout), ""]
    for index, text in enumerate(priorities, start=1):
        lines += [f"Priority {index}) {text}", ""]
    lines += ["Conclusion", ""]
    number += 1
    lines += [_paragraph(number, f"The {acronym} continues to improve how services work together.", layout), ""]
    lines += ["Appendix 1: Implications", "", "Finance", "", "There are no financial implications.", ""]
    return "\n".join(lines)


def _paragraph(number: int, text: str, layout: bool) -> str:
    if not layout:
        return f"- {number} {text}"
    words, rows, row = text.split(), [], str(number)
    for word in words:
        if len(row) + len(word) > 72:
            rows.append(row)
            row = word
        else:
            row = f"{row} {word}"
    return "\n".join(rows + [row])


def make_corpus(out: Path, councils: int, years: list[int], seed: int = 1, pdf: bool = False) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    truth = []
    for index in range(councils):
        council = council_name(index)
        committee = rng.choice(["Corporate Parenting Panel", "Corporate Parenting Board",
                                "Children and Young People's Scrutiny Committee"])
        folder = out / council.lower().replace(" ", "-")
        folder.mkdir(exist_ok=True)
        for state in evolve(rng, years):
            text = paper_text(council, committee, state, rng, layout=bool((index + state["year"]) % 2))
            path = folder / f"{state['year']}_partnership-update.txt"
            path.write_text(text, encoding="utf-8")
            if pdf:
                _write_pdf(path, path.with_suffix(".pdf"), committee)
            truth.append({"file": str(path.relative_to(out)), "council": council, "year": state["year"],
                          "body": state["body"][0], "acronym": state["body"][1],
                          "priorities": state["priorities"],
                          "priority_texts": [PRIORITIES[t][state["wording"][t]] for t in state["priorities"]],
                          "frequency": state["frequency"][0], "members": state["members"]})
    (out / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return truth


def _write_pdf(text_path: Path, pdf_path: Path, header: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from pdfmaker import write_pdf
    from papermine.parse import parse_file
    write_pdf(parse_file(text_path), pdf_path, header=header)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--councils", type=int, default=5)
    parser.add_argument("--years", default="2015-2024", help="first-last, e.g. 2007-2024")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf", action="store_true", help="also write a PDF of every paper")
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    truth = make_corpus(args.out, args.councils, list(range(first, last + 1)), args.seed, args.pdf)
    print(f"wrote {len(truth)} papers to {args.out}")


if __name__ == "__main__":
    main()
