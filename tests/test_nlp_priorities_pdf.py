"""Priorities of a designed strategy, made as a PDF with reportlab: a vision under its
heading, themes named in a sentence, goals printed under each
theme's heading with bullet icons the text layer does not hold (the layout joins them into
one block), and guiding principles set as short bold headings, one of them a word that
is also an implications heading ("Sustainability")."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from layoutmaker import BOLD, LEFT, _lines, _text
from papermine.nlp import tag_document
from papermine.parse import parse_file


def _strategy(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    _text(c, LEFT, 50, "District Health and Wellbeing Strategy 2024 to 2028", BOLD, 16)
    _text(c, LEFT, 90, "Introduction", BOLD, 13)
    top = _lines(c, LEFT, 114, ["This strategy was agreed by the Board in March 2024."]) + 16
    _text(c, LEFT, top, "Our vision", BOLD, 13)
    top = _lines(c, LEFT, top + 24, ["Everyone in the district lives a long, healthy and independent life."]) + 16
    _text(c, LEFT, top, "Our priorities", BOLD, 13)
    top = _lines(c, LEFT, top + 24, ["The plan sets out our priorities across two themes - Growing Up Well and Ageing Well."]) + 16
    for theme, goals in [("Growing Up Well", ["Babies get the best start in life",
                                              "Young people feel safe at home and online"]),
                         ("Ageing Well", ["Older people stay active for longer",
                                          "Carers get the support they need"])]:
        _text(c, LEFT, top, theme, BOLD, 12)
        top = _lines(c, LEFT + 20, top + 22, goals) + 16
    _text(c, LEFT, top, "Our guiding principles", BOLD, 13)
    top = _lines(c, LEFT, top + 24, ["The Board agreed the following principles to guide how it works:"]) + 16
    for head, body in [("Prevention first", "We will act early to stop problems growing."),
                       ("Working together", "We will plan and commission services jointly."),
                       ("Fairness", "We will target help where need is greatest."),
                       ("Sustainability", "We will build services that can last.")]:
        _text(c, LEFT, top, head, BOLD, 12)
        top = _lines(c, LEFT, top + 20, [body]) + 14
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def priorities(tmp_path_factory):
    doc = parse_file(_strategy(tmp_path_factory.mktemp("designed") / "strategy.pdf"))
    return [p.text for p in tag_document(doc).priorities]


def test_a_vision_under_its_heading_is_a_stated_aim(priorities):
    assert priorities[0] == "Everyone in the district lives a long, healthy and independent life"


def test_goals_whose_bullets_were_lost_are_one_priority_each(priorities):
    assert priorities[1:7] == ["Growing Up Well", "Ageing Well", "Babies get the best start in life",
                              "Young people feel safe at home and online",
                              "Older people stay active for longer", "Carers get the support they need"]


def test_principle_headings_run_through_an_implications_word(priorities):
    assert priorities[7:] == ["Prevention first", "Working together", "Fairness", "Sustainability"]
