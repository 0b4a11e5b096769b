"""Governance relations between bodies: a small grammar of cues and their arguments.

A cue from models/relations.jsonl ("will report quarterly into", "receives two
reports a year from", "feeds back to", "consists of", "ex officio members",
"chaired by") anchors a relation. Its arguments:

- the subject: the first body named in the cue's clause, with any joined to it
  ("The Forum and the Group are subgroups of ..."), else the body an anaphor
  stands for ("The group", "It", "These agencies": the body last spoken of or
  the body the paper is about);
- the targets: what follows the cue up to the next cue or the clause's end, read
  as a list (comma/"and" lists, a list in brackets); a body, else a role ("the
  Cabinet Member for Children", "a foster carer"); when the cue ends a lead-in
  ("will report annually to:", "The Panel is accountable:"), the targets are the
  items or lettered paragraphs that follow;
- receiving-side cues ("receives reports from", "agreed to receive six-monthly
  updates from") turn around: the sender reports to the subject;
- the frequency: read from the clause ("quarterly", "two reports a year",
  "at each meeting") and normalised (models/frequencies.jsonl), each frequency
  paired with the target it belongs to.

Bodies named again are one argument ("the X (XYZ)", "the X, the city's Local Strategic
Partnership,"); an owner is dropped ("the Council's Cabinet", "the Council's Director of
Place"); a clause set off by ", reflecting ..." names no target; "rather than reporting to"
states no line; "The Board has three sub-groups, each chaired by ...: o X - ...; o Y - ..."
lists its sub-groups; a post may answer to a body ("the Chief Constable is accountable to
the Commissioner"), and "the Panel" after a cue is the Panel named paragraphs before.

A past-tense cue with no frequency ("The Committee received a report from ...")
describes one meeting, not a standing arrangement, and makes no relation ("Since
2009 the Board has reported to ..." still holds).

Cues joined by "and" share their subject ("will report to X twice a year and will be
accountable to Y"), unless a body of its own stands before the second ("... and the
Y reports to Z"); "it" and "they" inside a sentence are the bodies it opens with, "it"
after a cue the body just related to ("is accountable to X and reports to it");
"Each subgroup" is the subgroups just named; "full Council" and "this Committee" are
the paper's council and body (models/relation_referents.jsonl). In a membership list
a job title running into a service's name is a role ("the Director of Children's
Services"); a body a person is sent from is the member (models/member_senders.txt).

Members are often roles: "two foster carers", "an independent chair", "the Leader of the
Council", "two Cabinet Members", "at least three independent members" are read without
count or article; what follows a role in its entry is not part of it ("with three years'
experience", "nominated by the Council": the nominator is no member; "one of whom is a
carer" says more of the entry before). "Membership:" / "Co-opted members:" open a list,
as does "is made up of the following:"; "The following will be co-opted members of X:"
lists X's members; a member marked "(Chair)" also chairs the body; "are not members:" and
"In attendance:" open no list. A reporting target that is a post ("to the Director of
Children's Services") is the post.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..model.data import load_jsonl, load_lines
from ..parse.text import cell_spans as _cell_spans
from .agencies import title_case
from .components import AGENCY_SPANS, FREQUENCY_SPANS, KIND_LABEL, doc_text, span_text
from .screens import ScreenSet, folded, required_strings

__all__ = ["RelationReader", "Found", "UNKNOWN_FREQUENCY", "role_phrase"]

UNKNOWN_FREQUENCY = "unknown"
#: Reporting when needed or by exception: no frequency beside a stated one.
AD_HOC = "ad hoc"
#: Relations that happen at a frequency (others, like member_of, have none).
PERIODIC = {"reports_to", "feeds_into", "meets", "meets_with"}
#: "sub-groups linked to the (then) Joint Commissioning Group": the parent is named
#: within this many characters of the cue.
SUBGROUP_TARGET_CHARS = 16
#: "of the Board", "to each meeting of the Partnership": a body referred to by its head noun
#: right after a cue is named within this many characters.
REFERRED_CHARS = 48
#: "Each reports to ...", "Both provide ...": the bodies the sentence before was about.
_EACH_OF_THEM = re.compile(r"^\s*(?:each(?:\s+of\s+(?:them|these|those))?|both(?:\s+of\s+them)?|they(?:\s+each|\s+both)?)"
                           r"(?:(?:\s+(?:is|are|will|shall|also|then|in\s+turn|be))*"
                           r"|\b(?:(?!\bthat\b)[^.;:])*\band(?:\s+(?:will|shall|also|then|in\s+turn))*)\s*$", re.IGNORECASE)
#: ("Each will be led by a partner organisation and will report to the Board")
#: "It will report ...": a pronoun stands for a body only this close to the cue.
PRONOUN_MAX_GAP_WORDS = 3
#: ... or further, as the subject of a predicate joined by "and" ("It was set up in 2003 and is chaired by").
PRONOUN_SHARED_MAX_GAP_WORDS = 12
_SHARED_PREDICATE = re.compile(r"^(?:(?!\bthat\b)[^,;:])*\sand(?:\s+also)?\s*$", re.IGNORECASE)
#: What "its" owns when the possessor is the subject ("Its Board meets quarterly and is made up of:").
_POSSESSED_BODY = re.compile(r"^\s*(?:[\w-]+\s+)?(?:board|group|partnership|committee|panel|forum|membership|members)\b",
                             re.IGNORECASE)
#: What a body is, by the body it belongs to ("a sub-group of the", "one of the theme groups of").
_WHAT_OF = r"(?:an?|one\s+of\s+the)\s+(?:[\w-]+\s+){0,3}?(?:of|to|for|under|within)\s+(?:the\s+|its\s+)?"
#: Between a body and the body its apposition relates it to ("X, a sub-group of Y").
_APPOSED_RELATION = re.compile(rf"\s*(?:\([^()]{{1,12}}\)\s*)?,\s*{_WHAT_OF}$", re.IGNORECASE)
#: A clause opening on what a body is, with no subject ("a working group of the X, reporting to it").
_APPOSITION_LEAD = re.compile(rf"\s*{_WHAT_OF}", re.IGNORECASE)
#: Before a cue on a body's outputs, the possessive of the sentence's subject ("..., and its minutes are").
_AND_ITS = re.compile(r"(?:\band|;)\s+(?:its|their)\s+$", re.IGNORECASE)
#: A line heading one partner's seats in a membership list ("For the Council:", "Representing the CCG:").
_REPRESENTING = re.compile(r"^\s*(?:for|representing|on\s+behalf\s+of|nominated\s+by)\s+(?:the\s+)?(?-i:[A-Z])[\w'’&. -]{1,40}:\s*$",
                           re.IGNORECASE)
#: Where the councillors of a "Present" line end and its officers or guests begin.
_PRESENT_ENDS = re.compile(r"\b(?:(?:Town|Parish|Deputy|Assistant)\s+)?Clerk\b|\b(?:also\s+present|in\s+attendance|officers?|"
                           r"members?\s+of\s+the\s+public|plus)\b|(?<![A-Z])\.\s+(?=[A-Z])", re.IGNORECASE)
#: A chair's mark after a name in a "Present" line ("Councillor J Holt - in the Chair Councillors ...").
_IN_THE_CHAIR = re.compile(r"\s(?:[-–—]\s*)?in\s+the\s+chair\b", re.IGNORECASE)
#: The title after a "Present" line's names ("Mrs S Sahin and Mr D Dent, Councillors").
_TITLED_AFTER = re.compile(r",\s*(?:Councillors|Parish\s+Councillors|Town\s+Councillors)\b(?!\s+(?:[A-Z]\.?\s)*[A-Z])")
#: A surname a chair's mark follows ("Pryce (Chair)", "Bright (Chairman)"; not "(Vice-Chair)").
_MARKED_CHAIR = re.compile(r"\b([A-Z][\w'’-]+)\s*\((?:Chair|Chairman|Chairwoman|Chairperson)\)")
#: A paragraph lists councillors when at least this share of its pieces are their names.
COUNCILLOR_LIST_SHARE = 0.7
#: A lead-in whose subjects are the items below it ("They are sub-groups of the PSB and report to it
#: quarterly:" after "The Board has set up three delivery groups.").
_THEY_BELOW = re.compile(r"^\s*(?:they|these(?:\s+(?:groups|bodies|sub-?groups|partnerships|boards|panels))?)\s", re.IGNORECASE)
#: What a pronoun's cue may follow ("It is one of the thematic partnerships of ...").
_COPULA_GAP = re.compile(r"^\s*(?:is|are|was|were|will\s+be|remains?)\s+one\s+of\s+(?:the|its|our)\s*$", re.IGNORECASE)
#: "the Partnership" is looked for among the subjects of this many relations read before.
SPOKEN_OF_KEPT = 4
#: "From April 2009 each thematic partnership ...": a time phrase opening a clause is this short.
TIME_OPENING_CHARS = 36
#: "meets with the Children in Care Council": the other body follows the cue this closely.
MEETS_WITH_TARGET_CHARS = 12
#: A role named as a member or target is a short phrase.
ROLE_MAX_WORDS = 10
#: Kinds of body that meet and work with one another as boards do.
BODY_KINDS = {"partnership", "council body", "subgroup"}
#: A list entry longer than this (words) is prose, not a member.
ENTRY_MAX_WORDS = 10
#: Words that end one clause and start another, for finding a cue's subject.
CLAUSE_BREAKS = {";", "that", "which", "but", "who", "whose", "whilst", "while", "where"}
#: Phrases standing for a body named elsewhere; the head noun, if any, must match it.
#: Words that may stand between "the" and the head noun of a body named again ("The new Partnership").
ANAPHOR_ADJECTIVES = "new|same|former|current|existing|proposed|revised|above|said|joint|wider|full"
ANAPHORA = re.compile(rf"\b(?:the|this|these|that)\s+(?:(?:{ANAPHOR_ADJECTIVES})\s+)?(?P<head>group|partnership|service|board|panel|"
                      r"sub-?group|committee|team|forum|agencies|body|commissioner|alliance|network|collaborative|"
                      r"consortium|executive|trust|authority)\b|^\s*(?P<pronoun>its|their|it|they|this(?=\s+(?:is|was|will|has|group|partnership)\b|\s*$))\b",
                      re.IGNORECASE)
#: After a body's name, what a run-in head may hold: its acronym in brackets and a stop.
_RUN_IN_REST = re.compile(r"\s*(?:\([^()]{1,12}\))?\s*[.:]?\s*")
#: Before a cue, the words of a sentence that names no subject ("A theme group of ...", "Chaired by").
_SUBJECTLESS = re.compile(r"\s*(?:(?:an?|also)\s+(?:[\w-]+\s+){0,3})?", re.IGNORECASE)
#: "membership (from April) will comprise": the word membership is the subject of the cue after it.
_MEMBERSHIP_SUBJECT = re.compile(r"(?<!\bits )(?<!\btheir )(?<!\bthis )\bmembership\b(?!\s+of\b)(?=[^,;:]*$)", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?\s+membership\b", re.IGNORECASE)
#: "The Constitution requires the Board to report ...": the body asked to act is the cue's subject.
_ASKS = re.compile(r"\b(?:requires?|required|asks?|asked|expects?|expected|obliges?|directs?|invites?|invited|"
                   r"enables?|allows?)\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)
_TO_ONLY = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:to\s+(?:(?:also|then|continue\s+to)\s+)?)?$", re.IGNORECASE)
#: "Each subgroup", "these groups", "the three panels": the several bodies of that kind just named.
_PLURAL_ANAPHOR = re.compile(r"^\s*(?:the\s+(?:chair|chairs|lead|leads|chairman|chairperson)\s+of\s+(?=each|every))?"
                             r"(?:(?:each|every)\s+(?:of\s+the\s+(?:\w+\s+)?)?(?P<mod>(?:(?!of\b|the\b)[\w-]+\s+){0,2}?)(?P<one>sub-?group|group|panel|board|partnership|"
                             r"committee|forum|team|sub-?committee|commission)s?|(?:these|the|all|both|all\s+the|all\s+three|the\s+\w+|its|their)\s+"
                             r"(?P<many>sub-?group|group|panel|board|partnership|committee|forum|team|sub-?committee|commission)s)\b",
                             re.IGNORECASE)
#: A cue joined by "and" to the one before it shares its subject ("X will report to Y twice a
#: year and will be accountable to Z"): the words between "and" and the cue.
_SHARED_SUBJECT = re.compile(r"\band\s+(?:(?:will|shall|would|also|then|each|both|is|are|was|were|be|to|now|must|should|"
                             r"can|may|has|have|had|continues?|continue|in\s+turn)\s+)*$", re.IGNORECASE)
#: Between a sub-group cue and a participle on the sub-group: the parent's name and a comma
#: ("... a working group of the Cabinet, chaired by ...", "... of the Board, and comprising ...").
_AFTER_PARENT = re.compile(r"^\s*(?:the\s+)?[^,;.()]{1,80},\s*(?:and\s+)?$", re.IGNORECASE)
#: A capitalised word just before ("Cabinet " before "Member"): a post's title, not a membership.
_TITLED_BEFORE = re.compile(r"\b[A-Z][\w'’-]*\s+$")
#: Where a sentence's first clause has its verb ("It is chaired by ...").
_FIRST_VERB = re.compile(r"\b(?:is|are|was|were|will|has|have)\b", re.IGNORECASE)
#: "X is chaired by Y and its members include ...": the members of the body the clause before was about.
_ITS_MEMBERS = re.compile(r"\band\s+(?:that\s+)?(?:its|their)\s+(?:[\w-]+\s+)?(?:(?:members|membership)\s+(?:(?:will|also|now)\s+)*)?$",
                          re.IGNORECASE)
#: Between a body and its own cue ("the Youth Board will also report to").
_AUX_ONLY = re.compile(r"^\s*(?:(?:will|shall|also|now|then|is|are|would|should|must|each|both|in\s+turn)\s+)*$",
                       re.IGNORECASE)
#: After ", and": a clause with a subject of its own ("it works with", "the Service will continue to").
_NEW_SUBJECT = re.compile(r"\s+(?:(?:it|they)\b|(?:the|this)\s+(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,5}\s+"
                          r"(?:will|shall|is|are|has|have|also|continues|must|should|would|now|(?-i:[a-z]+s))\b)", re.IGNORECASE)
#: The way a report goes, not where it goes ("... to the Commissioner, through the X Board"), after a name.
_CHANNEL = re.compile(r"[\s,]*\b(?:through|via)\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"\b[A-Z]\w")
#: A channel is a meeting body ("accountable to the Secretary of State through the DfE": the department is the target).
_MEETING_BODY = re.compile(r"\b(?:Board|Group|Committee|Panel|Forum|Meeting|Partnership|Network)$")
#: ", and" ending a clause before a new one.
_CLAUSE_AFTER = re.compile(r"(?:\s+(?:on|about|regarding|covering)\s+[^,;.]{1,80}?)?\s*,\s*(?:and|but|while|whilst)\s",
                           re.IGNORECASE)
#: "... and the Youth Board": where a new clause joined on by "and" starts.
_NEW_CLAUSE = re.compile(r"(?:,\s*|\s)and\s+(?:the\s+)?$", re.IGNORECASE)
#: "Since 2009 the Board has reported to ...": a past cue that still holds.
_CONTINUING = re.compile(r"\b(?:has|have)\s+$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
#: A council's own name ("Halbury Council", "Kent County Council"), for "full Council".
_COUNCIL_NAME = re.compile(r"^(?:[A-Z][a-z'’]+[ -]){1,3}(?:(?:County|Borough|District|City|Parish|Town|Metropolitan Borough) )?Council$")
_NOT_A_COUNCIL = re.compile(r"\b(?:Youth|Care|Children|Young|Schools?|Pupils?|Parents?|Students?|Business|Arts|Sports?)\s+Council$")
#: "From 2009 the Board ...", "Each year it ...": words before a sentence's subject.
#: "Following the Annual Council meeting on 19 May 2022 its members are ...": when, not who.
_AT_MEETING = (r"(?:following|after|at|since)\s+(?:the|its|this|that|a)\s+[^,.;]{0,40}?\bmeeting"
               r"(?:\s+(?:on|in|of|held\s+on)\s+[^,.;]{0,30}?\d{4})?")
_OPENING = re.compile(rf"^\s*(?:(?:{_AT_MEETING}|(?:since|in|from|during|following|until)\s+[^,]{{1,30}}?|"
                      r"(?:each|every|once\s+a|twice\s+a)\s+"
                      r"(?:year|quarter|month|six\s+months|spring|summer|autumn|winter)"
                      # "Much of its work is carried out through ...": the body "its" stands for
                      r"|(?:much|most|some|all|part|the\s+bulk|the\s+majority)\s+of(?=\s+(?:its|their)\s))(?:,|\s)\s*)?",
                      re.IGNORECASE)
#: "from it", "join it": the body the sentence is about.
_PRONOUN_ARG = re.compile(r"^\s*(?:(?:each|both|all)\s+of\s+)?(?:it|(?P<them>them))\b", re.IGNORECASE)
#: Between two names that are one body's ("Children's Services Overview and Scrutiny Committee",
#: "NHS England Specialised Commissioning"): a space (not the run between a table's cells), or a capitalised word or two.
_NAME_GAP = re.compile(r"^(?: |\n\s*)(?:[A-Z][\w'’-]* ){0,2}$")
# a capital "The" opens a new name: "NEIGHBOURHOOD PLAN The Steering Group ..." is a heading run
# into a sentence, "Ageing Well Board The Safeguarding Adults Board ..." a list item run into the next
_NEW_NAME = re.compile(r"^\s+The\s")
#: Capitalised words between "the" and a committee's name that are part of it (not tagged themselves).
_LEADING_WORDS = re.compile(r"\b[Tt]he\s+(?P<words>[A-Z][\w'’-]*\s+(?:(?:(?:and|&)\s+)?[A-Z][\w'’-]*\s+){0,3})$")
#: An age range opening a body's name ("the 14-19 Strategic Partnership", "the 0-25 SEND Board").
_AGE_RANGE = re.compile(r"(?:^|\bthe\s+|\bThe\s+)(?P<range>\d{1,2}\s?[-–]\s?\d{1,2})\s+$")
_COMMITTEE_HEAD = re.compile(r"\b(?:Committee|Sub-Committee|Panel|Board)$")
#: A job title whose "of"/"for" runs straight into a service's name ("the Director of Children's
#: Services"): one role; with an article ("the Head of the Virtual School") the body sits on it.
_TITLE_BEFORE = re.compile(r"^(?P<title>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4}?)\s+(?:of|for)\s+$")
#: A council department or service, whose name ends a job title ("Director of Adult Social Services").
_DEPARTMENT = re.compile(r"\b(?:Services?|Health|Care|Help|Education|Housing|Commissioning|Safeguarding|Resources|"
                         r"Finance|Planning|Learning|Skills)$", re.IGNORECASE)
#: "in the borough": where the bodies of "one X from each of the Ys" are.
_PLACE_TAIL = re.compile(r"\s+(?:in|within|across|of)\s+(?:the|our)\s+(?:borough|county|district|city|area|region|"
                         r"county borough|patch)$", re.IGNORECASE)
# "an Independent Chair appointed by the Council": the post, not how it is filled, nor for how long ("for
# its first two years"); "and its members include", "and would report to" open clauses of their own; an item
# marker ("o", "•") opens the next item of a list set out in one run, a number the next paragraph
#: The full stop of a person's initial or title, inside a name ("Councillor P. Ellery", "Dr. Shah").
#: (Not before a word that opens a sentence: "the Head of Service A. The Group meets ...".)
_INITIAL_STOP = (r"(?:(?<=\b(?-i:[A-Z]))|(?<=\bMr)|(?<=\bMrs)|(?<=\bMs)|(?<=\bDr)|(?<=\bCllr))\.(?=\s+(?-i:[A-Z]))"
                 r"(?!\s+(?-i:The|It|Its|This|These|That|Their|There|In|As|At|An?|We|Our|He|She|They)\b)")
_CHAIR = re.compile(r"^\s*(?:the\s+|an?\s+(?=(?-i:[A-Z])))?(?P<who>(?:[^,.;:()]|" + _INITIAL_STOP + r")+?)(?=\s*(?:[,;:()]|(?!" + _INITIAL_STOP + r")\.|\band\s+(?:is|are|was|will|"
                    r"has|have|meets?|reports?|works?|provides?|oversees?|leads?|sits?|holds?|takes?|feeds?|its|their|to|"
                    r"includes?|comprises?|brings?|receives?|"
                    r"(?-i:had|met|reported|worked|provided|oversaw|led|sat|held|took|fed|included|comprised|received)|"
                    r"would|should|shall|may|must|continues?|also|(?-i:[a-z]{2,}[^s\W]s))\b|\s(?:appointed|nominated|elected|chosen|selected)(?:\s+\w+ly)?\s+(?:by|from|with|for|on)\b|"
                    r"\s+for\s+(?:its|the|a|an)\s+(?:first|initial|next|coming|period)\b|"
                    r"\s+(?:throughout|during|until|since|from)\s+(?:the|this|that|its|\d)|"
                    r"\s(?-i:o)\s+(?-i:[A-Z])|\s[•▪]\s|\s+\d+(?:\.\d+)*\.?(?:\s+(?-i:[A-Z])|\s*$)|$))", re.IGNORECASE)
#: A chair's post goes on after a comma with its portfolio or council, to the clause's end
#: ("the Assistant Director, Early Help and Prevention.", "the Director of People, X Council;",
#: "(chaired by the Designated Nurse, NHS Northby CCG)").
_CHAIR_TAIL = re.compile(r"^,\s+(?P<tail>(?-i:[A-Z][\w'’-]*)(?:\s+(?:(?-i:[A-Z][\w'’-]*)|and|&|of|for|the))*)"
                         r"(?=\s*(?:[.;()]|$|,\s+(?:with|and|who|which)\b))")
#: A chair described, then named in brackets: "an independent person appointed by the partners (the Independent Chair)".
_NAMED_CHAIR = re.compile(r"^[^.;:()]{0,120}?\(\s*(?:the\s+)?(?P<name>(?:[A-Z][\w'’-]*\s+){0,4}(?:Chair|Chairman|Chairperson|Co-Chair)s?)\s*\)")
#: "co-chaired by A and B", "chaired jointly by A and by B": each of A and B chairs.
_CO_CHAIRED = re.compile(r"\b(?:co-?|jointly\s+)chaired\b|\bchaired\s+(?:jointly|alternately)\b", re.IGNORECASE)
#: A co-chair by what they are, not a title ("a self-advocate and the Director of Adult Care").
_A_ROLE = re.compile(r"^\s*(?:an?|one)\s+[a-z][\w-]*\b")
_CO_CHAIRS = re.compile(r"\s+and\s+(?:by\s+)?(?=the\s|an?\s|(?-i:[A-Z]))", re.IGNORECASE)
#: A signature line ("Amanda Jupp Chair - West Sussex Health and Wellbeing Board") is short.
SIGNATURE_MAX_WORDS = 20
#: A table of signatures is a few rows (name, role, body over one or two lines).
SIGNATURE_TABLE_MAX_ROWS = 6
#: A line that is only a person's name, above "Chair, <body>".
_NAME_LINE = re.compile(r"^(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}$")
#: A roster's heading names a body by one of these words ("The Strategy Advisory Group:").
ROSTER_BODY_WORDS = "group|board|committee|council|panel|partnership|forum|team|commission|trust|sub-?group"
#: Cues that, set off by a comma after a body ("the Forum, chaired by ..."), are about that body.
APPOSED_RELATIONS = {"chaired_by"}
_APPOSITION = re.compile(r"^\s*(?:\([^)]*\))?\s*(?:,|\s[-–—])\s*(?:which\s+is\s+|who\s+(?:is|are)\s+)?$")
#: Bodies whose minutes list the organisations of those present as members (a partnership
#: board meets its partners; a council or committee lists councillors and guests).
_ATTENDED_BODY = re.compile(r"\b(?:board|partnership|group|forum|panel|network|executive)$", re.IGNORECASE)
#: A council (or an authority: fire, national park), its cabinet or a committee: the bodies it appoints to are outside it ("Almshouse
#: Charity  Cllr J Ash"), where a partnership's or a SACRE's table lists its own member bodies.
_APPOINTING_BODY = re.compile(r"\b(?:council|cabinet|committee|authority)$", re.IGNORECASE)
#: A relative clause closed by a comma before a cue ("..., which meets monthly, is chaired by").
_CLOSED = re.compile(r"^[^,;]+,\s*(?:(?:is|are|was|were|will|be|has|have|also)\s+)*$", re.IGNORECASE)
#: Between a body and the relative pronoun of the clause about it.
_RELATIVE = re.compile(r"^\s*(?:\([^)]*\))?\s*,?\s*(?:(?P<all>(?:both|each|all)\s+of\s+)?(?:which|whom|who)|(?P<whose>whose))$",
                       re.IGNORECASE)
#: What may stand between bodies named together as one subject.
_CONJOINED = re.compile(r"^\s*(?:,|and|&|as well as|,\s*and)?\s*(?:the\s+|its\s+|their\s+|an?\s+)?$", re.IGNORECASE)
#: Just before a cue, words that deny it ("is not a", "does not", "no longer", "never").
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer|neither|nor)\s+(?:(?:a|an|the|directly|formally|itself|yet|"
                      r"be|been|to|currently|normally|usually)\s+)*$", re.IGNORECASE)
#: A body named after these is not the cue's ("report to the Partnership, rather than through the X").
_INSTEAD = re.compile(r"\b(?:rather\s+than|instead\s+of|no\s+longer)\b", re.IGNORECASE)
#: "into both the Partnership and the X": a body by its head noun first in a list of targets.
_REFERRED_FIRST = re.compile(r"^\s*(?:to\s+|into\s+)?(?:both\s+)?the\s+(?:board|group|partnership|panel|committee|"
                             r"forum|sub-?group)\s*(?:,|and\b|&)", re.IGNORECASE)
#: ... or alone, the clause going on in lower case ("reports to the Board at each meeting on ...").
_REFERRED_ALONE = re.compile(r"^\s*(?:to\s+|into\s+)?the\s+(?:board|group|partnership|panel|committee|forum|sub-?group|authority)"
                             r"(?=\s+(?-i:[a-z])|\s*[.;]|\s*$)", re.IGNORECASE)
#: "the Board" / "the group" just after a cue, naming the target by its head noun.
#: "to each meeting of the Partnership", "to every Board meeting": the body whose meetings they are.
_REFERRED = re.compile(rf"^[\s,]*(?:of\s+|to\s+|into\s+|from\s+)?(?:(?:each|every|all)\s+(?:\w+\s+)?meetings?\s+of\s+)?"
                       rf"(?:both\s+)?(?:the|this|that)\s+(?:(?:{ANAPHOR_ADJECTIVES})\s+)?"
                       r"(?P<head>board|group|partnership|panel|committee|forum|sub-?group|commissioner|alliance|network|"
                       r"collaborative|consortium|authority|executive)\b"
                       r"|^\s*(?:to\s+|at\s+)?(?:each|every|all)\s+(?P<meeting>board|group|partnership|panel|committee|forum|alliance|"
                       r"network|executive|collaborative|consortium)\s+meetings?\b",
                       re.IGNORECASE)
#: A cue that ends its sentence: its arguments are in the items that follow.
_OPEN_LIST = re.compile(r"^\s*(?:the\s+following(?:\s+\w+){0,2}\s*|(?:both|each|all)(?:\s+of\s+them)?\s*(?=[:;]))?(?:[:;,-]\s*)?(?:these\s+are\s*)?"
                        r"(?:,\s*(?:each|all|both)\s+[^,:;.]{1,140})?[:;]?\s*$",      # ", each chaired by a Board member:"
                        re.IGNORECASE)
#: "The following groups report to the Board:": the subjects are in the items.
#: A count of bodies ("three", "4") and the plural kinds of body it counts.
_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
_KINDS = (r"(?:groups|sub-?groups|bodies|boards|partnerships|panels|forums|committees|sub-?committees|networks|alliances|"
          r"services|teams|agencies|organisations|cells)")
_LIST_SUBJECTS = re.compile(rf"\b(?:the\s+following|{_COUNT})\s+(?:[\w-]+\s+){{0,2}}{_KINDS}\b", re.IGNORECASE)
#: "three sub-committees, each of three members": what each of the bodies counted is made of.
_EACH_OF_SEATS = re.compile(rf"{_KINDS}\s*,\s*(?:each|all|both)\s+(?:of|with)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
#: "..., each chaired by an independent member:": one post chairs each body listed below.
_EACH_CHAIRED = re.compile(r"\beach\s+(?:(?:is|will\s+be)\s+)?chaired\s+by\s+(?:an?|one)\s+(?P<who>(?-i:[a-z][\w'’-]*)(?:\s+[\w'’-]+){0,4}?)\s*:?\s*$",
                           re.IGNORECASE)
#: A sentence that counts bodies, then names them after a colon ("Two groups support the Board: A and B").
_COUNTED_LEAD = re.compile(rf"^\s*{_COUNT}\s+(?:[\w-]+\s+)?{_KINDS}\b[^:.;]*:", re.IGNORECASE)
#: "(co-chairs)", "(joint chairs)" after the chairs named.
_CO_CHAIRS_AFTER = re.compile(r"\s*\(\s*(?:as\s+)?(?:co-?chairs|joint\s+chairs)\s*\)", re.IGNORECASE)
#: A target said more of in lower case ("to the X Executive, the officer group through which ..."):
#: the bodies named in what is said of it are not targets.
_TARGET_DESCRIBED = re.compile(r"\s*,\s*(?:the|a|an)\s+(?-i:(?:[a-z][\w'’-]*\s+){0,4}?"
                               r"(?:group|body|board|forum|partnership|committee|panel|network|meeting|team))\b")
#: "We have four sub-groups. Each one is led by a Board member and reports back to every Board meeting:"
#: then the sub-groups: the items are the subjects (the kind counted just before).
_EACH_ONE = re.compile(r"\s*(?:each\s+one|each\s+of\s+them|each)\s+(?:is\s+[^,:;.]{1,60}?\s+and\s+)?$", re.IGNORECASE)
COUNTED_BEFORE_CHARS = 80
#: "Each theme is led by a partnership, which reports to the X:" then the partnerships as items:
#: a kind of body, not one body, is the relative clause's subject.
_KIND_RELATIVE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+)?(?:group|board|partnership|panel|forum|committee|sub-?group)"
                            r"\s*,?\s*(?:which|that)\s*$", re.IGNORECASE)
#: The kinds a lead-in counts that are parts of the body they report to ("four sub-groups").
_SUB_KINDS = re.compile(r"\bsub-?(?:groups|committees|boards|panels)\b", re.IGNORECASE)
#: "A, B and C will become / are now the three delivery groups of ...": the bodies named before are the groups.
_BECOME = re.compile(r"\b(?:will\s+)?(?:become|became|becomes|form|forms|formed|are|were|will\s+be)\s+(?:now\s+)?the\s+"
                     r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
#: A count just before a plural cue ("two sub-groups of the Board", "the following sub-groups of the Board").
_COUNT_BEFORE = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+|the\s+following)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
#: "to set up two joint commissioning groups as sub-groups of the Board:": counted, then named a kind.
_COUNTED_AS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,3}(?:groups|bodies|boards|"
                         r"partnerships|panels|forums|committees)\s+as\s+$", re.IGNORECASE)
#: A clause opening with a count of bodies ("Four standing sub-groups of the Board report to ..."):
#: its subjects are the entries that follow.
_LIST_SUBJECTS_OPENING = re.compile(r"^\s*(?:the\s+)?" + _LIST_SUBJECTS.pattern[2:], re.IGNORECASE)
#: "... the following groups, each of which", "four sub-groups, each accountable to", "three
#: sub-groups, each chaired by a member and each reporting to": the relative clause's subjects are in the items.
_LIST_SUBJECTS_RELATIVE = re.compile(_LIST_SUBJECTS.pattern + r"\s*,?\s*(?:(?:each|all|both)\s+[^,:;.]{1,60}?\s+and\s+)?"
                                     r"(?:(?:(?:each|all|both)\s+of\s+)?(?:which|whom|who)|each|all|both)"
                                     r"(?:\s+(?:are|is|were|will\s+be|also))*\s*$|"
                                     # "two working groups, each of which is led by a member and reports to ..."
                                     + _LIST_SUBJECTS.pattern + r"\s*,?\s*(?:(?:each|all|both)\s+of\s+)?(?:which|whom|who)\s+"
                                     r"[^,:;.]{1,60}?\s+and(?:\s+(?:also|will|shall|is|are))*\s*$", re.IGNORECASE)
#: A table cell naming a body by its head alone ("Board", "Executive Group").
_BARE_HEAD = re.compile(r"^(?:[A-Z][a-z]+\s+)?(?:Board|Group|Partnership|Panel|Committee|Forum|Executive)$")
#: A frequency given to each of the objects just listed ("from A and B, each quarterly").
_EACH_BEFORE = re.compile(r",\s*(?:each|both|all)\s+$", re.IGNORECASE)
#: A cue's object that is only meetings ("report to each meeting", "to every meeting"), no body named.
_MEETINGS_ONLY = re.compile(r"^\s*(?:to\s+)?(?:each|every|all)\s+(?:of\s+(?:its|their)\s+)?meetings?\b", re.IGNORECASE)
#: "each thematic partnership reports to the Board quarterly ...: the A, the B and the C": the entries
#: after the colon are the bodies meant.
#: ("Each of the thematic partnerships below will report to the Board quarterly:")
_EACH_OF_KIND = re.compile(r"^\s*(?:that\s+)?(?:each|every)\s+(?:of\s+the\s+(?:following\s+)?)?(?:[\w-]+\s+)?"
                           r"(?:group|partnership|board|panel|sub-?group|committee|forum|commission|cell)s?"
                           r"(?:\s+(?:(?:listed|set\s+out|named|shown)\s+)?below)?(?:\s+(?:will|shall|also|then))*\s*$",
                           re.IGNORECASE)
#: After the body a member sits on, more members ("..., together with A, B and C").
_ALONG_WITH = re.compile(r"\s*,?\s*(?:together\s+with|along\s+with|alongside|as\s+well\s+as)\s+", re.IGNORECASE)
#: Between the names of a list ("A, B and the C").
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|&)?\s*(?:the\s+)?", re.IGNORECASE)
#: Between a body formed and one more member ("the Executive Group, with a head teacher from the ").
_WITH_MEMBER = re.compile(r"^\s*,?\s*(?:together\s+)?with\s+[^.;:()]{0,60}$", re.IGNORECASE)
#: A short name defined in brackets after a body's name: "(the Board)", "(“the Partnership”)".
_DEFINED_SHORT = re.compile(r"\s*\(\s*(?:the\s+)?[\"“‘']?(?:the\s+)?(?P<head>[A-Z][\w-]*)[\"”’']?\s*\)")
#: After a body named only beside its kind, the kind ("Safer Northby is the Community Safety
#: Partnership (CSP)"): "the Partnership" is then that body.
_DEFINED_KIND = re.compile(r"\s+is\s+the\s+(?:[A-Z][\w'’-]*\s+){0,4}(?P<head>[A-Z][\w-]*)\b")
#: Between a body named beside its kind and the kind.
_KIND_GAP = re.compile(r"^(?:,\s+|\s+is\s+)the\s+$")
#: The paper itself as what is presented ("This annual report is", "This report will be").
_THIS_REPORT = re.compile(r"^\s*this\s+(?:[\w-]+\s+){0,2}?(?:report|strategy|plan|document)\b", re.IGNORECASE)
#: Where an item goes on to describe its body ("X Sub-Group, which considers ...", "X Group - leads on").
_DESCRIBED = re.compile(r",\s*(?:which|who|whose|that|where)\b|\s[-–—]\s|:|\s\((?!\s*(?:the\s+)?[A-Z]{2,8}s?\s*\))")
#: "one councillor from each of the district councils": the Ys are members.
_EACH = re.compile(r"\b(?:one|a|an|two|three|\d+)\s+(?:[\w-]+\s+){0,3}?(?:from|of)\s+each\s+(?:of\s+)?(?:the\s+|our\s+)?"
                   r"(?P<who>[\w'’ -]+?)\s*$", re.IGNORECASE)
_ROLE_LEAD = re.compile(r"^\s*(?:(?:to|and|or|with|together\s+with|as\s+well\s+as|plus|including|include|includes)\s+)*"
                        r"(?:(?:at\s+least|up\s+to|no\s+more\s+than|not\s+more\s+than|a\s+minimum\s+of|a\s+maximum\s+of)\s+)?"
                        r"(?:(?:the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                        r"fifteen|sixteen|twenty|\d+)\s+)?(?:(?:further|other|additional|remaining)\s+(?!education\b)(?=\w))?",
                        re.IGNORECASE)
#: "with these (and other partners)": the bodies just named.
_THESE = re.compile(r"^\s*(?:all\s+)?(?:these|those|them)\b", re.IGNORECASE)
#: Bodies named in lower case by a plural head ("district and borough health and wellbeing
#: partnerships"); not a vague set ("other boards", "partner groups").
_PLURAL_BODIES = re.compile(
    r"^\s*(?:the\s+)?(?!(?:and|or|to|with)\b)"
    rf"(?P<name>(?:(?!(?:other|various|all|many|relevant|key|such|partner|several|some|any)\b)[a-z][\w'’-]*\s+){{1,6}}?(?:{'|'.join(w + 's' for w in ROSTER_BODY_WORDS.split('|') if '?' not in w)}|sub-?groups))\b")
#: A body named in capitals right after a cue though not in the gazetteer ("of the Executive").
_TITLE_AFTER = re.compile(r"^\s*(?:the\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+(?:(?:and|&|of|for)\s+)?[A-Z][\w'’-]*){0,6})(?=\s*(?:[.,;:)]|$))")
#: An entry that starts with a role ("senior officers from ...", "GPs").
_ROLE_START = re.compile(r"(?:senior\s+|elected\s+|lead\s+)?(?:leaders?|representatives?|officers?|members?|gps|councillors?|"
                         r"directors?|managers?|chairs?|carers?|parents?)\b", re.IGNORECASE)
#: A member entry naming people from a sector ("leaders from the health and social care system").
_ROLE_FROM = re.compile(r"^(?:senior\s+|local\s+)?(?:leaders|representatives|officers|members)\s+(?:from|of)\b", re.IGNORECASE)
#: A label saying how people attended a meeting ("Via Zoom:", "Remotely:"), not where they sit.
_HOW_ATTENDED = re.compile(r"(?:(?:attending\s+)?(?:via|by)\s+[\w -]{1,20}|in\s+person|remotely|virtually|online|electronically)",
                           re.IGNORECASE)
#: A list entry naming a person ("Cllr A Birtles", "Professor Ann de la Mare") has at most this many words.
PERSON_NAME_MAX_WORDS = 5
#: A person's title before their name ("Cllr", "Dr", "Professor").
PERSON_TITLE = r"(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Revd?)\.?\s+(?=[A-Z])"
#: A person's name, then the body they come from ("Gary Tennant from Southmere People First").
_PERSON_FROM = re.compile(r"^(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})\s+(?:from|of)\s+(?:the\s+)?(?-i:[A-Z])")
#: A person's name alone, with or without their title ("Christine Ablett", "Cllr Ann Bell").
_PERSON_ALONE = re.compile(rf"^(?:{PERSON_TITLE})?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){{1,2}}\s*$")
#: A titled person's name alone ("Cllr N Eve", "Mrs J. Threlfall").
_PERSON_NAME = re.compile(rf"{PERSON_TITLE}(?:[A-Z]\.?\s+){{0,3}}[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")
#: A line that opens with a person's title names a person, not a body.
PERSON_FIRST = re.compile(rf"^{PERSON_TITLE}")
_TITLED = re.compile(rf"^(?:{PERSON_TITLE})+")
#: An attendance line "Name - Post": a person (maybe titled), a dash, what they are there as.
_NAME_DASH_POST = re.compile(rf"^(?P<name>(?:{PERSON_TITLE})?(?:[A-Z][\w'’.-]*\s+){{1,3}}[A-Z][\w'’-]+)\s+[-–]\s+(?P<post>.+)$")
_OF_THE = re.compile(r"\s+of\s+the\s+")
#: "with the chairs of the X and the Y": those bodies, met through their chairs.
_CHAIRS_OF = re.compile(r"^\s*(?:the\s+)?(?:chairs?|chairm[ae]n|chairpersons?)\s+of\s+(?:both\s+)?", re.IGNORECASE)
#: After a frequency, a clause of purpose ("twice a year to align its work with ..."): the frequency
#: is the cue's before it.
_PURPOSE_AFTER = re.compile(r"^\s*,?\s*(?:in\s+order\s+|so\s+as\s+)?to\s+[a-z]+\b", re.IGNORECASE)
#: What a governance table's "Relationship" cell says: a sub-group (of the body named, else the
#: paper's), reports or feeds into a body, or that body reports to the row's.
_RELATIONSHIP = re.compile(
    r"^\s*(?:(?P<subgroup>sub-?(?:group|committee|board|panel))(?:\s+of\s+(?:the|this)\s+(?P<head>\w+(?:-\w+)?))?\s*$"
    r"|(?:the|this)\s+(?P<head2>\w+)\s+(?P<to_it>reports?|is\s+accountable)\s+to\s+(?:it|them)\b"
    r"|(?:(?P<feeds>feeds?\s+into)|reports?\s+(?:in)?to|(?:is\s+)?accountable\s+to)\s+(?:the|this)\s+(?P<head3>\w+(?:-\w+)?)\b)",
    re.IGNORECASE)
#: The kind of the two bodies that meet ("the two Boards meet together": two boards).
_PAIR_HEAD = re.compile(r"\b(board|partnership|committee|panel|group|bod(?=ies)|forum)s?\b", re.IGNORECASE)
#: A predicate joined to the sentence's first by ", and" ("..., and is chaired by"), after a
#: subordinate clause ("when ...", "following ...", "after ...").
_AND_PREDICATE = re.compile(r",\s+and\s+(?:(?:is|are|was|were|will|shall|has|have|also|be)\s+)*$", re.IGNORECASE)
_SUBORDINATE = re.compile(r",\s+(?:when|where|after|following|since|while|although|as|which|who)\b", re.IGNORECASE)
#: A table's empty cell ("-", "n/a", "none").
_EMPTY_CELL = re.compile(r"^(?:-+|–|—|n/?a|none|tbc|tba)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _table_columns() -> tuple[tuple[str, re.Pattern], ...]:
    """(role, header pattern) for each column a governance table may have (models/table_columns.jsonl)."""
    return tuple((row["label"], re.compile(row["pattern"], re.IGNORECASE)) for row in load_jsonl("table_columns.jsonl"))


def _cells(text: str) -> list[str]:
    return [text[a:b] for a, b in _cell_spans(text)]


#: A clause after a membership list saying why ("..., to strengthen the voice of small firms").
_PURPOSE = re.compile(r",\s+(?:(?:in\s+order|so\s+as)\s+)?to\s+(?:strengthen|support|reflect|improve|ensure|help|"
                      r"increase|widen|broaden|bring|give|provide|represent|add)\b", re.IGNORECASE)
#: An attendance list's label alone on its line ("Voting members present:") is this short.
ATTENDANCE_LABEL_MAX_WORDS = 5
#: A table row's body stands this close to the row's start (characters).
ROW_BODY_MAX_OFFSET = 4
#: The header row of a membership table set out as text ("ORGANISATION  REPRESENTATIVE").
_TABLE_HEAD = re.compile(r"^\s*(?:member\s+|outside\s+)?(?:organi[sz]ations?|agency|agencies|body|bodies|partners?|(?:constituent\s+)?councils?|"
                         r"authorit(?:y|ies)|(?:membership\s+)?(?:group|category|sector)s?)(?:\s*/\s*[\w ]+?)?\s+"
                         r"(?:representatives?|representative\(s\)|role|post|nominee|name|represented\s+by|seats?|places|members|"
                         r"number\s+of\s+(?:seats|places|members))(?:\s{2,}(?:(?:elected|appointed|nominated|chosen)\s+by|"
                         r"term(?:\s+of\s+office)?|notes?|comments?|voting(?:\s+rights)?|places|seats|number(?:\s+of\s+(?:places|seats))?|"
                         r"deput(?:y|ies)|substitutes?|alternates?|"
                         r"ex[- ]officio[\w /-]{0,30}))?\s*$",
                         re.IGNORECASE)
#: A member cue whose plural subject names no body ("The responsible authorities are ...").
_PLURAL_OWNERLESS = re.compile(r"^\s*(?:\w+\s+){0,2}(?:partners|authorities)(?:\s+for\s+[^,:;]{1,40})?\s+are\b", re.IGNORECASE)
#: A post in brackets in an attendance list that is itself a seat on the body ("(Lay Member)",
#: "(Independent Chair)", "(parent governor representative)"), not a post elsewhere.
_SEAT = re.compile(r"\b(?:members?|representatives?|independent\s+chair)\b", re.IGNORECASE)
#: A list item opening "Label:" with at most this many words labels a sector ("Further education:").
SECTOR_LABEL_MAX_WORDS = 4
#: A member cue that names the membership itself ("membership was extended to include").
MEMBERSHIP_SPOKEN_OF = re.compile(r"membership\b", re.IGNORECASE)
#: A heading that names the members to follow ("3. Panel members", "Board Members", "Appendix A - Panel
#: members 2016/17").
_MEMBERS_HEADING = re.compile(r"^(?:appendix\s+\w+\s*[-–:.]\s*)?(?:[\w'’-]+\s+){0,2}members(?:\s+(?:in\s+)?\d{4}(?:[-/]\d{2,4})?)?\s*:?$",
                              re.IGNORECASE)
#: A member cue that speaks of a membership, so it may stand without its body ("Membership includes ...");
#: others ("representative of", "were part of the membership for") need their subject in the sentence.
_MEMBERSHIP_CUE = re.compile(r"^\s*(?:(?:[\w-]+\s+)?(?:membership|members)\b|(?:[\w'’-]+\s+){1,2}side\b|includes?|comprises?|consists?|is drawn|are drawn|will include|"
                             r"(?:\w+\s+)?ex[- ]officio|(?:\w+\s+){0,2}(?:partners|authorities)(?:\s+for\s+[^,:;]{1,40})?\s+are|"
                             r"(?:was |were |has been |have been |is |are |will be )?extended)\b",
                             re.IGNORECASE)
#: What a member cue's list may open with before its colon ("made up of the following:",
#: "consists of five members:"): the entries follow the colon.
_LIST_HEAD = re.compile(r"^\s*(?:the\s+following(?:\s+[\w-]+){0,2}|(?:senior\s+|elected\s+)?(?:leaders|representatives|officers)\s+(?:of|from)|(?:the\s+)?(?:one|two|three|four|five|six|seven|"
                        r"eight|nine|ten|eleven|twelve|\d+)(?:\s+[\w-]+){0,2}?\s+(?:members|people|persons|places|seats))\s*$",
                        re.IGNORECASE)
#: "The following will be co-opted members of the Panel:": the members are in the list.
_FOLLOWING = re.compile(r"^\s*(?:(?:each|all|every\s+one)\s+of\s+)?(?:the\s+)?following\b(?!\s+(?:the|a|an|this|its|their)\b)",
                        re.IGNORECASE)      # ("Each of the following will nominate one representative to the Board:")
#: Where a membership list's lead-in speaks of the membership ("Its 27 member organisations include:").
_LIST_OWNER_CUE = re.compile(r"\b(?:member(?:ship|s)?|includ\w*|compris\w*|consist\w*|made\s+up)\b", re.IGNORECASE)
#: A council named only as the body of a job title ("the Leader of the Council"): the role is the member.
_BARE_COUNCIL = re.compile(r"^(?:the\s+)?(?:(?:County|Borough|District|City|Town|Parish)\s+)?Council$", re.IGNORECASE)
#: A member marked as the chair in a membership list ("the Lead Member (Chair)").
_CHAIR_MARK = re.compile(r"\(\s*(?:the\s+)?(?:co-?\s*)?chair(?:man|woman|person)?\s*\)", re.IGNORECASE)
_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)[\s.;,]*$")
#: A bracket with no bracket inside ("(Chair)", "(the Local Strategic Partnership)").
_BRACKETED = re.compile(r"\([^()]*\)")
#: A receiving-side cue naming one report ("receive a report from"), not reports.
_ONE_REPORT = re.compile(r"\b(?:a|an|the|this|that)\s+(?:[\w-]+\s+)?(?:report|update|briefing|presentation)\s+(?:from|by)\s*$",
                         re.IGNORECASE)
#: After "report into"/"reports to", words that name no body and no anaphor: a topic
#: ("the Deep Dive report into Patient Transport"), so no body the paper is about is meant.
_TOPIC_AFTER = re.compile(r"^\s*(?!(?:it|them|this|that|these|those|the|its|their|which|whom)\b)\S", re.IGNORECASE)
_PAST = re.compile(r"^\s*(received|considered|reported|presented|submitted|provided|gave|shared)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((row["id"], row["label"], re.compile(row["pattern"], re.IGNORECASE))
                 for row in load_jsonl("relations.jsonl"))


@lru_cache(maxsize=1)
def _rule_screens() -> ScreenSet:
    """The rules' screens (see screens.py), by their index in _rules()."""
    return ScreenSet([required_strings(rx.pattern, rx.flags) for _, _, rx in _rules()])


#: Lookbehinds that open a pattern ("(?<!\bthe )(?<!\bits )..."), tried at every position.
_LEADING_LOOKBEHINDS = re.compile(r"^(?:\(\?<[!=](?:[^()\\]|\\.)*\))+")


@lru_cache(maxsize=1)
def _screens() -> dict[str, re.Pattern]:
    """For a rule that opens with lookbehinds, its pattern without them: it matches
    wherever the rule does (and more), far faster, so a sentence it misses needs
    no scan with the rule."""
    screens = {}
    for row in load_jsonl("relations.jsonl"):
        bare = _LEADING_LOOKBEHINDS.sub("", row["pattern"])
        if bare != row["pattern"]:
            try:
                screens[row["id"]] = re.compile(bare, re.IGNORECASE)
            except re.error:
                pass
    return screens


@lru_cache(maxsize=1)
def _signatures() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((row["id"], row["label"], re.compile(row["pattern"]))
                 for row in load_jsonl("chair_signatures.jsonl"))


@lru_cache(maxsize=1)
def _hedges() -> re.Pattern:
    """Words before a cue in its clause that make it a question or a proposal, not a
    stated arrangement ("whether the Committee should be chaired by ...")."""
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in load_lines("relation_hedges.txt")) + r")\b",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _roster() -> dict[str, re.Pattern]:
    return {row["id"]: re.compile(row["pattern"]) for row in load_jsonl("roster_patterns.jsonl")}


@lru_cache(maxsize=1)
def _referents() -> tuple[tuple[str, str, re.Pattern], ...]:
    """Phrases naming a body by where the paper stands ("full Council", "this Committee")."""
    return tuple((row["id"], row["label"], re.compile(row["pattern"], re.IGNORECASE))
                 for row in load_jsonl("relation_referents.jsonl"))


@lru_cache(maxsize=1)
def _senders() -> re.Pattern:
    """Words before a body for a person it sends ("a representative of X"): X is the member."""
    return re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in load_lines("member_senders.txt")) + r")$",
                      re.IGNORECASE)


def _join_names(doc: Doc) -> None:
    """Two names side by side that are one body's ("the Children's Services Overview and
    Scrutiny Committee", "NHS England Specialised Commissioning") are read as one body."""
    spans = sorted(doc.spans[AGENCY_SPANS], key=lambda s: s.start)
    text = doc_text(doc)
    joined: list[Span] = []
    changed = False
    for span in spans:
        last = joined[-1] if joined else None
        if last is not None and last.text[:1].isupper() and span.text[:1].isupper() \
                and _NAME_GAP.match(text[last.end_char:span.start_char]) \
                and not _NEW_NAME.match(text[last.end_char:span.end_char]):
            both = Span(doc, last.start, span.end, label=span.label_)
            both._.canonical = re.sub(r"^the\s+", "", both.text, flags=re.IGNORECASE)
            both._.kind, both._.generic, both._.rule = span._.kind, False, "rel-joined-name"
            joined[-1] = both
            changed = True
        else:
            joined.append(span)
    for i, span in enumerate(joined):      # "the Adult Social Care Overview and Scrutiny Committee"
        ages = _AGE_RANGE.search(text[:span.start_char])
        lead = _LEADING_WORDS.search(text[:span.start_char])
        start = None
        if ages and span.text[:1].isupper():       # "the 14-19 Strategic Partnership": the ages are in the name
            start = ages.start("range")
        elif lead and _COMMITTEE_HEAD.search(span.text) and span.text[:1].isupper() \
                and not any(o is not span and o.end_char > lead.start("words") and o.start_char < span.start_char
                            for o in joined):
            start = lead.start("words")
        both = _widened(doc, span, start) if start is not None else None
        if both is not None:
            joined[i] = both
            changed = True
    if changed:
        doc.spans[AGENCY_SPANS] = joined


def _widened(doc: Doc, span: Span, start_char: int) -> Span | None:
    """`span` with the words from `start_char` before it, as one name of its own."""
    both = doc.char_span(start_char, span.end_char)
    if both is None:
        return None
    both = Span(doc, both.start, both.end, label=span.label_)
    both._.canonical = both.text
    both._.kind, both._.generic, both._.rule = span._.kind, False, "rel-joined-name"
    return both


#: A clause saying what the target before is ("..., which is the city's "), and where the list of
#: targets goes on after it (", and to the ").
_WHICH_IS = re.compile(r",\s*which\s+(?:is|are)\s+(?:also\s+)?(?:the|its|their|our)\s+(?:[\w'’-]+\s+){0,3}$",
                       re.IGNORECASE)
_LIST_RESUMES = re.compile(r"^\s*,\s*(?:and\s+)?(?:(?:to|into|with)\s+)?(?:the\s+)?$", re.IGNORECASE)
#: Between a frequency and the outputs it qualifies ("Six-monthly progress reports").
_QUALIFYING_GAP = re.compile(r"\s*(?:(?:progress|performance|written|monitoring|update)\s+)?", re.IGNORECASE)
#: Between two cues that share their object ("is a sub-group of, and reports to, the X").
_SHARED_OBJECT = re.compile(r"^\s*,\s*(?:and|or)\s*$", re.IGNORECASE)
_SHARED_INSERT = re.compile(r"^\s*,\s*(?:and|or)\s+[^,.;:]{1,40},\s*(?:the\s+)?$", re.IGNORECASE)
#: The way a report goes, between two of a cue's targets ("accountable to X through the Y").
_MEANS_GAP = re.compile(r"\b(?:through|via)\s+(?:the|its|their|a|an)\b", re.IGNORECASE)
_AND_TO_END = re.compile(r",?\s+and\s+(?:to|into)\s+(?:the\s+)?$", re.IGNORECASE)
#: What a report is about or for, between two of a cue's targets ("to the X on the Council's
#: delivery of ...", "to the X for the use of the Y Grant"), or a relative clause ("one sub-group,
#: the X, which scrutinises the Y's ..."): bodies after it are no targets.
_TOPIC_GAP = re.compile(r"\b(?:on|about|regarding|concerning|in\s+respect\s+of)\b|\bfor\s+(?:the|its|their|a|an)\b|"
                        r",\s*(?:which|who|whose)\b", re.IGNORECASE)


def _before_topic(doc: Doc, named: list) -> list:
    """A cue's targets up to the first that follows a topic ("on the ...", "for the ..."),
    past a clause that only says what one of them is ("to A, which is the city's Community
    Safety Partnership, and to B": A and B)."""
    kept = named[:1]
    aside = False
    for previous, target in zip(named, named[1:]):
        gap = doc_text(doc)[previous.end_char:target.start_char] \
            if isinstance(previous, Span) and isinstance(target, Span) and previous.end_char <= target.start_char else ""
        if aside:                         # the aside closed: the list goes on, else it has ended
            if not _LIST_RESUMES.match(gap):
                break
            aside = False
        elif _WHICH_IS.search(gap):
            aside = True                  # (the body the aside names is the one before it)
            continue
        elif _TOPIC_GAP.search(gap) or (_MEANS_GAP.search(gap) and not _AND_TO_END.search(gap)):
            break                         # ("accountable to X through the Y": Y is the way, no target;
        kept.append(target)               # "to X through its chair, and to Z": the list goes on)
    return kept


def _run_on(doc: Doc) -> int | None:
    """The token where prose runs on into a list item without a break ("Ageing Well Board
    The Safeguarding Adults Board presents ..."): a capital "The" after the item's name."""
    text = doc_text(doc)
    spans = sorted(doc.spans[AGENCY_SPANS], key=lambda s: s.start)
    for last, span in zip(spans, spans[1:]):
        if last.start_char < 3 and _NEW_NAME.match(text[last.end_char:span.start_char] + span.text[:4]):
            return last.end
    return None


def _title_member(entry: str, body_start: int) -> str | None:
    """"the Director of Children's Services": an entry whose department's name completes a job
    title is that role as a member; "a representative of X", "the Head of the Virtual School",
    "the Chief Executive of X Housing Trust": X is (None)."""
    entry = _TRAILING_BRACKET.sub("", entry)          # "... Services (chair)"
    body = _clean_entry(entry[body_start:])
    if not _DEPARTMENT.search(body) and not _BARE_COUNCIL.match(body):
        return None
    before = re.sub(r"^[\s:;,.–-]*(?:(?:and|or|the|a|an|all|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+)*", "",
                    entry[:body_start])
    councillors = _COUNCILLORS_OF.match(before)
    if councillors and _BARE_COUNCIL.match(body):      # "five elected members of the Council": councillors
        return councillors.group("role")
    m = _TITLE_BEFORE.match(before)
    if not m or _senders().match(m.group("title")) or not _role_words().search(m.group("title")):
        return None
    return _clean_entry(entry)


#: "elected members of (the Council)": the council's councillors sit, not the council as a body.
_COUNCILLORS_OF = re.compile(r"^(?P<role>(?:elected\s+|county\s+|district\s+|borough\s+|city\s+|town\s+|parish\s+)?"
                             r"(?:members|councillors|member|councillor))\s+(?:of|from)\s+(?:the\s+)?$", re.IGNORECASE)
#: Between a body and a department that completes its post's title ("CCG['s Head of ]Community Services").
_OWNED_POST = re.compile(r"['’]s?\s+(?P<title>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?:of|for)\s+(?:the\s+)?")
#: "the Chief Executive of X Council": a post (not its chair, who speaks for the body) before a body.
_POST_OF = re.compile(r"^\s*(?:the\s+)?(?P<title>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?:of|for)\s+(?:the\s+)?")


def _post_of(text: str) -> str | None:
    """A reporting target that is a post holder of a body ("to the Director of Children's
    Services", "to the Chief Executive of the Council"): the post, else None."""
    m = _POST_OF.match(text)
    if not m or _senders().match(m.group("title")) or not _role_words().search(m.group("title")):
        return None
    return re.sub(r"\s+", " ", _clean_entry(text))


#: The words after a body that make it part of a post ("two Cabinet Members", "the Virtual School Headteacher").
_POST_TAIL = re.compile(r"^\s*(?P<tail>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)[\s.;,]*$")


def _in_brackets_after(text: str, span: Span, bodies: list[Span]) -> list[Span]:
    """The bodies named in brackets right after `span` ("X (A, B and C)"), if any."""
    close = text.find(")", span.end_char)
    if close < 0 or not re.match(r"\s*\(", text[span.end_char:]):
        return []
    return [b for b in bodies if span.end_char < b.start_char and b.end_char <= close]


def _grouping(text: str, span: Span, bodies: list[Span]) -> bool:
    """Is `span` a grouping whose bodies follow it in brackets, at least two ("the Responsible
    Authority (Northby Police, the Probation Trust and HM Prison Service)")?"""
    # (not a council's own parts: "Northby City Council (Children's Services and Public Health)")
    return not _COUNCIL_NAME.match(_name(span)) \
        and sum(not b._.generic for b in _in_brackets_after(text, span, bodies)) >= 2


def _parts_in_brackets(text: str, span: Span, bodies: list[Span]) -> list[Span]:
    """The services a body's name has in brackets after it, only services named in general
    ("Northby Council (Adult Social Care and Housing)"): its parts, not bodies of their own."""
    inside = _in_brackets_after(text, span, bodies)
    return inside if all(b._.generic for b in inside) else []


def _post_follows(text: str, at: int) -> bool:
    """Does a post's title go on at `at`, past a body's name ("Children's Services| Manager")?"""
    return bool(_post_word().match(text, at))


@lru_cache(maxsize=1)
def _post_word() -> re.Pattern:
    return re.compile(r"\s+(?:" + _role_words().pattern + r")\b", re.IGNORECASE)


def _role_after(entry: str, body_end: int) -> str | None:
    """"two Cabinet Members": an entry that ends in a post held in the body named just
    before is that post, as a role."""
    m = _POST_TAIL.match(entry[body_end:])
    post = re.search(r"(?:" + _role_words().pattern + r")[\s.;,]*$", entry, re.IGNORECASE)
    if not m or not post or re.search(r"\b(?:of|for|and|or|from)\b", m.group("tail"), re.IGNORECASE):
        return None
    if post.start() >= body_end and _senders().match(m.group("tail").strip()):
        return None                 # "a Healthwatch representative": the body sends them
    return role_phrase(entry)


@lru_cache(maxsize=1)
def _non_member_roles() -> frozenset[str]:
    return frozenset(line.lower() for line in load_lines("non_member_roles.txt"))


@lru_cache(maxsize=None)
def _rule_patterns(key: str) -> dict[str, re.Pattern]:
    """The rules carrying a pattern under `key`, by id: "needs_before" (a rule holds only
    after a word earlier in the clause: "The membership of the X includes ..."), "source_after"
    (a list item's body counts only after these words: "The Board receives:" then "- reports
    from X", not "- referrals from Y" or "- the Code issued by Z")."""
    return {row["id"]: re.compile(row[key], re.IGNORECASE) for row in load_jsonl("relations.jsonl") if row.get(key)}


@lru_cache(maxsize=None)
def _flagged(flag: str) -> frozenset[str]:
    """Ids of the rules carrying `flag` (subject_is_target, subject_is_member,
    implicit_target, list, past_needs_frequency, subject_from_before, pair, members_before,
    second_object, at_once)."""
    return frozenset(row["id"] for row in load_jsonl("relations.jsonl") if row.get(flag))


@lru_cache(maxsize=1)
def _role_words() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in load_lines("roles.txt")) + r")\b", re.IGNORECASE)


#: What may follow a role in a list entry without being part of it.
_ROLE_TAIL = re.compile(r"\s+(?:with|who|whom)\s|\s+for\s+(?:the|its|their|all|any)\s|"
                        r"\s+as\s+(?:an?\s+)?(?:ex[- ]officio|co-?opted|non-voting|voting)\b|,?\s+(?:\w+ly\s+)?(?:nominated|appointed|elected|chosen|selected|drawn|proposed)"
                        r"(?:\s+\w+ly)?\s+(?:by|from|following|in\s+proportion|on\s+(?:behalf|a|the)|under|according|to\s+reflect)\s|"
                        # "elected members, politically balanced", "councillors from all three political groups"
                        r",\s*(?:politically|proportionately)\b|\s+(?:from|of|across)\s+(?:all|each|every|both)\s+(?:(?:the|two|three|four)\s+)?"
                        r"(?:main\s+)?(?:political\s+)?(?:groups|parties)\b", re.IGNORECASE)
#: A body owning a role ("the Panel's medical adviser", "the Council's Monitoring Officer").
_ROLE_OWNER = re.compile(r"^(?:[A-Z][\w-]*\s+){0,4}[A-Z][\w-]*['’]s\s+")
#: "an elected member nominated by the Council": the body after these words chose the member; it is no member.
_CHOSEN_BY = re.compile(r"\s+(?:nominated|appointed|elected|chosen|selected|proposed|put\s+forward)\s+by\s", re.IGNORECASE)
#: A clause that says more of an entry ("three lay members, one of whom is a foster carer",
#: "six employer representatives, covering the growth sectors").
_DESCRIBING = re.compile(r",\s*(?:(?:one|two|three|at\s+least\s+one|each|all|both)\s+of\s+(?:whom|which)|who|whom|which|"
                         r"covering|representing|reflecting|spanning)\b.*$",
                         re.IGNORECASE | re.DOTALL)


#: A phrase that opens with a preposition or speaks of the membership itself ("in May 2021
#: membership was ...") names no role, whatever role word it holds.
#: A list entry that is no member: one lower-case word ("the statutory, voluntary and faith
#: organisations"), a verb's clause ("is a", "oversees the work of ..."), cut before its noun ("of"),
#: or running on into the cue that opens the list ("drawn from a central list and includes:").
_NOT_AN_ENTRY = re.compile(r"^\s*(?:the\s+)?[a-z][\w'’-]*[\s,;.]*$|^\s*(?:is|are|was|were|has|have|had|will|would|shall|should|can|could|may|"
                           r"must|does|do|did)\b|^\s*[a-z]\w+s\s+(?:the|a|an|its|their|all|any)\b|"
                           r"\s(?:of|from|for|to|with|by|and|or)[\s:]*$|"
                           r"\s(?:and|which|that)\s+(?:includes?|comprises?|consists?|contains?)\b")
_NOT_A_ROLE = re.compile(r"^(?:in|on|at|from|since|by|during|after|before|until|alongside|besides|appointed|nominated|chosen|made\s+up)\b|"
                         r".*\bmembership\b|.*\bquorum\b|"
                         # "senior representatives of the following:", "... of each of the following agencies"
                         r".*\b(?:the|these)\s+following(?:\s+(?:agencies|organi[sz]ations|bodies|partners|groups))?$|"
                         r".*\b(?:set\s+out|listed|shown)\s+(?:below|above)$", re.IGNORECASE)    # "... set out below"


#: A body's entry going on to name its own parts after a dash ("Northby Council - Children's
#: Services, Housing, Public Health"), as others do in brackets.
_PARTS_DASH = re.compile(r"\s[-–]\s(?=[^()]*,)")


#: One who sits with a body only to advise or watch ("with an officer of X as adviser", "by invitation").
_ADVISORY_SEAT = re.compile(r"\bas\s+(?:an?\s+)?(?:advis[eo]rs?|observers?)\b|\bin\s+an\s+advisory\s+capacity\b|\bby\s+invitation\b",
                            re.IGNORECASE)
#: ... or named so in a table's cell ("Cllr P Catt (observer, non-voting)").
_ADVISER_WORD = re.compile(r"\b(?:observer|advis[eo]r)\b", re.IGNORECASE)
#: A person's name, then the body they come from ("Gary Tennant, Southmere People First").
_NAME_THEN_BODY = re.compile(r"^(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}),\s+\S")
#: A governance table's column of sub-groups ("Sub-group", "Sub-committees").
_SUBGROUPS_COLUMN = re.compile(r"^sub-?(?:groups?|committees?|panels?)$", re.IGNORECASE)
SUBGROUP_COLUMN = "sub-groups"
#: A table's cell saying its person sits in their own right ("individual member (walker)", "Business
#: representative (retail)", "Member of Parliament for Northby").
_OWN_RIGHT = re.compile(r"(?:individual|independent|co-opted|lay|private(?:\s+sector)?|business|community|resident|elected)\s+"
                        r"(?:member|representative|chair(?:man|person|woman)?)\b|member\s+of\s+parliament\b", re.IGNORECASE)
#: A membership table's header cells: for the person, for the body whose seat it is (then the
#: member is the body: "Name  Representing"), and for the members by name ("Member(s)", "Name").
_PERSON_COLUMN = re.compile(r"^(?:name|member|representative|role|post|position|job\s+title)s?$", re.IGNORECASE)
_SEAT_OWNER_WORDS = (r"representing|organi[sz]ations?|councils?|authorit(?:y|ies)|bod(?:y|ies)|agenc(?:y|ies)|partners?|"
                     r"sectors?|on\s+behalf\s+of")
_REPRESENTED_COLUMN = re.compile(rf"^(?:{_SEAT_OWNER_WORDS})\b|/\s*(?:nominating\s+)?(?:{_SEAT_OWNER_WORDS})\b", re.IGNORECASE)
_SEAT_OWNER_COLUMN = re.compile(rf"\b(?:{_SEAT_OWNER_WORDS})\b", re.IGNORECASE)
_MEMBERS_COLUMN = re.compile(r"^(?:(?:members?|names?|representatives?|nominees?|appointees?|councillors?)(?:\s*\(s\))?"
                             r"|(?:member|representative|councillor)s?\s+names?)$", re.IGNORECASE)
#: A membership's line set out as a field: a short label, a colon and a gap (one space after a party), the seat.
_LABELLED_SEAT = re.compile(r"^(?P<label>[A-Z][\w'’ ,&/-]{0,30}):(?P<gap>\s+)(?P<value>\S.*)$")
_CHAIR_LABEL = re.compile(r"^(?:chair(?:man|person|woman)?)$", re.IGNORECASE)
#: A header cell is this short.
HEADER_CELL_MAX_WORDS = 4
#: A seat with no one in it.
_VACANT = re.compile(r"^\(?\s*(?:vacan(?:cy|t)|to\s+be\s+(?:confirmed|appointed)|tbc)\b", re.IGNORECASE)
#: A meeting's decision on a membership with no owner named ("It was agreed that membership be
#: extended to include ..."): the meeting's own body's.
_OWN_DECISION = re.compile(r"\b(?:agreed|resolved|decided|recommended)(?:\s*[:,-])?\s*(?:that\s+)?(?:the\s+|its\s+)?"
                           r"(?:membership\s+(?:be|is|should\s+be|will\s+be)\s+)?$", re.IGNORECASE)
#: A label saying only that members follow ("Membership: Cllr A Shaw, Cllr B Lund").
_MEMBERSHIP_LABEL = re.compile(r"^(?:(?:current|voting|the)\s+)?(?:membership|members)$", re.IGNORECASE)
#: ... or one side of a joint committee ("Employer side", "Trade union side").
_SIDE_LABEL = re.compile(r"^(?:[\w'’-]+\s+){1,2}side$", re.IGNORECASE)


def membership_label(text: str) -> bool:
    """Is `text` a label saying only that members follow ("Membership:", "Members")?"""
    return bool(_MEMBERSHIP_LABEL.match(text.strip(" :")))


#: Where a councillor's name runs on into the next with no comma ("Cllr J Ash Cllr R Mell").
_TITLE_RUN_ON = re.compile(r"(?<![,;(])\s+(?=(?:Councillors?|Cllrs?)\b)")
#: A councillor's title opening a name or a list of names ("Cllrs" titles each of them "Cllr").
_LIST_TITLE = re.compile(r"^(?:the\s+)?(?P<title>Councillor|Cllr)(?P<plural>s)?\.?\s", re.IGNORECASE)


def _header_cells(doc: Doc) -> list[str] | None:
    """The cells of a row that may be a table's header: two or more, each a few words, no body
    named; else None."""
    cells = [c.strip(" :") for c in _cells(doc_text(doc))]
    if len(cells) < 2 or any(len(c.split()) > HEADER_CELL_MAX_WORDS for c in cells) \
            or any(not s._.generic for s in doc.spans[AGENCY_SPANS]):
        return None
    return cells


def cell_members(doc: Doc, start: int, end: int) -> list[tuple]:
    """The members a table's cell names, one an entry between semicolons or commas
    ("Environment Agency; Brackenshire Constabulary", "Cllr P Hargreaves, Cllr D Munro",
    "Communications leads of all Category 1 responders"): the bodies named, else the people,
    else the role; a person with their body in brackets is the body ("Cllr Ann Tovey (Little
    Ferris Parish Council)"). (member, as written) pairs."""
    text = doc.text
    found: list[tuple] = []
    for m in re.finditer(r"[^;]+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        piece = text[a:b].strip(" ,.")
        bodies = [s for s in doc.spans[AGENCY_SPANS] if a <= s.start_char < b and not s._.generic]
        people = _names(piece) if not bodies else []
        if bodies:
            found += [(s, span_text(s)) for s in bodies]
        elif people:
            found += [(p, p) for p in people]
        elif (role := role_phrase(piece)) is not None:
            found.append((role, piece))
    return found


#: A relative clause inside a list's entry ("young people who are looked after by ...").
_WHO_CLAUSE = re.compile(r"\s(?:who|whom)\s", re.IGNORECASE)


def _people_before_clause(entry: str, offset: int, bodies: list) -> str | None:
    """"14 young people who are looked after by Northby Council": the people an entry (starting
    at `offset`) names before a relative clause that holds all its `bodies`, or None."""
    clause = _WHO_CLAUSE.search(entry)
    if clause is None or not all(isinstance(b, Span) and b.start_char >= offset + clause.start() for b in bodies):
        return None
    return role_phrase(entry[:clause.start()])


def _councillors(text: str) -> list[str]:
    """The councillors a text only lists, each with their title (see RelationReader.councillors)."""
    text = re.sub(r"\([^()]*\)?|:", ",", text)                        # "(Chair)", "(Vice-", "member: Mrs X"
    text = re.sub(r"(?<=[a-z])\s+[A-Z]{3,5}\b\.?", "", text)               # "Mrs F Lacey CPFA"
    text = re.sub(r"\s{2,}(?=(?:Councillors?|Cllrs?)\b)", ", ", text)         # names set out in columns
    # (a seat's label is no piece to count: "; co-opted independent member: Mrs F Lacey")
    pieces = [p for p in (p.strip(" .;") for p in re.split(r",|;|&|\band\b", text)) if p and not role_phrase(p)]
    names = _names(text)
    titled = [n for n in names if _LIST_TITLE.match(n)]
    if len(titled) < 2 or len(names) < COUNCILLOR_LIST_SHARE * len(pieces):
        return []
    return names


@lru_cache(maxsize=1)
def _political_groups() -> frozenset[str]:
    return frozenset(load_lines("political_groups.txt"))


def _political_group(label: str) -> bool:
    """Does a label name a political party or group ("Liberal Democrat", "Labour Group")?"""
    return re.sub(r"\s+group$", "", label.strip().lower()) in _political_groups()


def _marked_cell(text: str, cells: list[tuple[int, int]]) -> tuple[int, int]:
    """The cell a "(Chair)" mark is in ("Chief Constable (Chair)  Deputy Chief Constable"), with the cell
    before where the mark stands alone; else the first."""
    marked = next((k for k, (a, b) in enumerate(cells) if _CHAIR_MARK.search(text, a, b)), 0)
    a, b = cells[marked]
    if marked and not _CHAIR_MARK.sub("", text[a:b]).strip():
        a = cells[marked - 1][0]                # ("Head of Service  (Chair)": the post before its mark)
    return a, b


def _chairs_marked(text: str, names: list[str], owner, doc: Doc) -> list[Found]:
    """The body `owner` is chaired by whichever of `names` a "(Chair)" follows in `text`
    ("Cllrs L Pryce (Chair), R Stanhope (Vice-Chair) and H Ackroyd")."""
    chaired = {m.group(1) for m in _MARKED_CHAIR.finditer(text)}
    return [Found(owner, name, "chaired_by", None, None, "does", doc[:], "mem-chair-marked")
            for name in names if name.split()[-1] in chaired][:1]


def _names(who: str) -> list[str]:
    """The people a list of councillors names, each with the title printed for them or for the
    whole list ("Councillors Sally Sahin and Victoria Whitehead": "Councillor Sally Sahin", ...;
    "Cllrs Ames, Dory and Hale": "Cllr Ames", "Cllr Dory", "Cllr Hale"). A surname alone is a
    name only under its own title or a list's ("Cllrs"), not a word left over from a post
    ("Cabinet Member for Children and Families")."""
    names = []
    shared = None
    for k, piece in enumerate(re.split(r",|;|&|\band\b|\(also|\)", who)):
        piece = re.sub(r"\s*\(.*$", "", piece.strip()).rstrip(".;:")      # ("Cllr A Shaw (Chair)")
        if not piece:
            continue
        name = _roster()["mem-name"].match(piece)
        own = _LIST_TITLE.match(piece)
        if own and own.group("plural"):         # ("Cllr A Shaw, Cllrs B Lund and C Patel")
            shared = own.group("title")
        titled = _TITLED.match(piece) if not own else None      # ("Mr Dobbs", "Mrs J Aldred")
        if not name or (len(name.group("name").split()) < 2 and not own and not titled and shared is None):
            if shared is not None and k:
                shared = None           # the list of names has ended
            continue
        title = own.group("title") if own else titled.group().strip() if titled else shared
        names.append(f"{title} {name.group('name')}" if title else name.group("name"))
    return names


#: Where a nomination's names end and its item goes on ("Cllrs Hale and Ames. The Chairman
#: ...", "...; a working group of ...", "..., to be chaired by ...").
_NAMES_END = re.compile(r"(?<![A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bCllr)(?<!\bProf)(?<!\bRev)\.\s+(?=[A-Z])|"
                        r";\s*|,\s*(?=(?:to|reporting|which|who)\b)")
#: A role of several seats: counted, or plural ("three ex officio members", "Directors").
_MANY = re.compile(r"^\s*(?:the\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b|s\s*$", re.IGNORECASE)


def role_phrase(text: str) -> str | None:
    """A role named in a short phrase ("the Deputy Mayor;", "two opposition
    councillors", "to the Cabinet Member for Children"), without its article or
    count, or None when the phrase names no role."""
    # (not at an initial's stop: "Councillor A. Bell")
    # (nor past a new clause: "the Board, and the LSCB Chair will meet ...", "the Chief Executive of
    # X and reported to the Board")
    text = re.split(r"[;(]|(?!" + _INITIAL_STOP + r")\.|,\s*(?:who|which)\b|\s*,\s*and\s+(?:the|its|their)\s|\s+-\s+|\s+–\s+"
                    r"|\s+and\s+(?:reports?|reported|reporting|will|is|was|meets|met|feeds|fed)\b",
                    text, maxsplit=1)[0]
    text = _ROLE_TAIL.split(text, maxsplit=1)[0]       # "social workers with three years' experience"
    text = _ROLE_LEAD.sub("", text).strip(" ,:;-–")
    owned = _ROLE_OWNER.sub("", text)                  # "the Panel's medical adviser"
    text = owned if _role_words().search(owned) else text
    text = re.sub(r"\s+(?:and|or)$", "", text).strip()
    if not text or len(text.split()) > ROLE_MAX_WORDS or not _role_words().search(text) \
            or _NOT_A_ROLE.match(text):
        return None
    return re.sub(r"\s+", " ", text)


#: A lead-in's appointment of the members it lists to a body ("has appointed the following members to the").
_APPOINTED_TO = re.compile(r"\b(?:appoint|nominat|elect)\w*\s+(?:the\s+following|these|them)\b[^.;:]{0,40}?\bto\s+(?:the\s+)?",
                           re.IGNORECASE)
#: A body named as where people come from ("officers from the", "representatives of").
_FROM_BODY = re.compile(r"\b(?:from|of)\s+(?:the\s+)?$", re.IGNORECASE)
#: A co-chair's name in brackets, then the other co-chair ("(Cllr N Akhtar) and the Chair of ...").
_BRACKET_AND = re.compile(r"\s*\([^()]*\)\s+and\s+")
#: A kind of body, a name's last word ("Board", "Sub-Group"), for a body the paper names by its kind alone.
_KIND_WORD = r"(?:board|group|partnership|panel|committee|forum|sub-?group|network|sub-?committee|executive|alliance|council)"
#: A heading of the membership of a body named by its kind alone ("STEERING GROUP MEMBERSHIP (MARCH 2019)",
#: "Steering Group members 2022-23").
_KIND_MEMBERSHIP = re.compile(rf"^\s*(?:the\s+)?(?P<kind>(?:[\w'’-]+\s+){{0,2}}{_KIND_WORD})(?:['’]s)?\s+member(?:ship|s)\b",
                              re.IGNORECASE)
#: A body named by its kind alone ("the Panel") where a lead-in says whose its members are.
_KIND_AT = re.compile(rf"(?:the\s+)?(?P<kind>(?:{_KIND_WORD}\s+)*{_KIND_WORD})\b", re.IGNORECASE)
#: A table's label before its caption ("Table 1:").
_CAPTION_LABEL = re.compile(r"^\s*(?:table|figure)\s+\w+\s*[:.-]\s*", re.IGNORECASE)
#: A caption of a membership is short.
CAPTION_MAX_WORDS = 10
#: Whose membership a lead-in gives ("Membership of the Place Committee is:", "... agree the revised
#: membership of the Standing Panel:").
_MEMBERSHIP_OF = re.compile(r"\s*(?:the\s+)?(?:(?:current|proposed|new|revised|present|full|core|voting)\s+)?"
                            r"(?:membership|members)\s+of\s+(?:the\s+)?", re.IGNORECASE)
#: "Board membership will be:", "The Panel's members are:": a kind of body owning the membership, no name.
_HEAD_MEMBERSHIP = re.compile(r"\s*(?:the\s+)?(?P<head>board|group|partnership|panel|committee|forum|sub-?group)(?:['’]s)?\s+"
                              r"(?:membership|members)\b", re.IGNORECASE)


#: A post, maybe with its holder's name, then "who" ("an Independent Chair, Mrs A. Fenwick, who").
_POST_WHO = re.compile(r"\b(?:an?|the|its|their)\s+(?P<post>(?:(?-i:[A-Z])[\w'’-]*\s+){0,5}(?-i:[A-Z])[\w'’-]*)"
                       r"(?:,\s+(?-i:[A-Z])[^,;.()]{1,40})?,\s*who$", re.IGNORECASE)
POST_WHO_CHARS = 120


def _posts_joined(parts: list[str]) -> list[str]:
    """Parts of "A and B" split as two posts, a part that names no post joined back to the post
    before ("the Cabinet Member for Health" + "Adult Care": one portfolio), but not a person's
    name after a person's ("Gary Tennant from X" + "Christine Ablett")."""
    out: list[str] = []
    for part in parts:
        if out and not _role_words().search(part) and not (_PERSON_ALONE.match(part) and (
                _PERSON_ALONE.match(out[-1]) or _PERSON_FROM.match(out[-1]))):
            out[-1] = f"{out[-1]} and {part}"
        else:
            out.append(part)
    return out


_PREPOSITIONS = frozenset({"in", "at", "on", "for", "of", "from", "by", "with", "to", "since", "during", "after", "before",
                           "until", "under", "through"})
#: A phrase a clause opens with, up to its comma, that holds no subject ("Under the Council's protocol, ").
_LEADING_PHRASE = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:under|in\s+line\s+with|as\s+part\s+of|in\s+accordance\s+with|through|"
                             rf"within|according\s+to)\s[^,.;:]{{1,60}},\s*|{_AT_MEETING},?\s+)", re.IGNORECASE)
#: A count of bodies of a body, then its entries between commas ("Two sub-groups of the Board, the A
#: and the B, report to it quarterly").
_COUNTED_APPOSITION = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:the\s+)?(?:two|three|four|five|six|seven|eight)\s+(?:[\w-]+\s+){1,2}"
                                 r"(?P<owner>of\s+(?:the|this|its)\s+[\w'’ -]{1,60}?),\s+(?P<list>[^:;,]+(?:,\s+[^:;,]+)*?),\s+"
                                 r"(?:(?:each|both|all|which|will|also|then|in\s+turn)\s+)*(?-i:[a-z])", re.IGNORECASE)
#: Counted bodies named in brackets before their cue ("The three place-based partnerships (A, B and C) are").
_COUNTED_BRACKET = re.compile(rf"\s*(?:the\s+)?{_COUNT}\s+(?:[\w-]+\s+){{0,2}}{_KINDS}\s*\((?P<list>[^()]+)\)", re.IGNORECASE)
#: "to both Boards", "to each of the two Boards": two bodies of that kind.
_BOTH = re.compile(r"^\s*(?:to\s+|into\s+)?(?:both(?:\s+the)?|each\s+of\s+the\s+two)\s+(?P<head>board|partnership|committee|panel|"
                   r"group|authorit(?=ies))(?:s|ies)\b", re.IGNORECASE)
#: Another target joined on ("... to Cabinet and to full Council").
_AND_TO = re.compile(r",?\s+and\s+(?:(?:in)?to\s+)?(?=(?:the\s+)?full\s+|this\s|(?-i:Council)\b)", re.IGNORECASE)
#: "this Select Committee": where the paper stands, by a name of its own.
_THIS_NAMED = re.compile(r"^\s*(?:(?:in)?to\s+|of\s+|from\s+|by\s+)?this\s+(?-i:[A-Z])", re.IGNORECASE)
#: An item that opens with a verb in lower case ("publish an annual report and ..."): its subject is the lead-in's.
_VERB_FIRST = re.compile(r"\s*(?-i:[a-z])[a-z]+\s")
#: What may stand before the body an item opens with ("(a) the ", "- ").
_ITEM_OPENING = re.compile(r"\s*(?:[-•*–]|\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)])?\s*(?:the\s+)?", re.IGNORECASE)
#: A lead-in to a body's duties, one an item ("The Joint Committee will:", "The Board also:").
_DUTY_LEAD = re.compile(r"\s+(?:(?:will|shall|must|is\s+to|are\s+to)(?:\s+also)?|also)\s*:\s*$", re.IGNORECASE)
#: A lead-in ending on a body by its head ("The review confirmed that the Partnership Board:"),
#: each item then saying what the body does ("- is accountable to X", "- receives reports from Y").
_BODY_LEAD = re.compile(r"\b(?:the|this)\s+(?:(?-i:[A-Z])[\w'’-]*\s+){0,3}(?P<head>board|group|partnership|panel|committee|"
                        r"forum|sub-?group|alliance|network)\s*:\s*$", re.IGNORECASE)
#: A clause opening with a body by its head ("2.4 The Board works to ...").
_CLAUSE_ANAPHOR = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:the|this)\s+(?P<head>board|group|partnership|panel|committee|forum|"
                             r"sub-?group|alliance|network)\s+(?-i:[a-z])", re.IGNORECASE)
#: A time phrase a clause may open with ("From April 2009 each thematic partnership will ...").
_TIME_OPENING = re.compile(r"^\s*(?:since|in|from|during|following|until|by|after)\s+[^,.;:]{1,30}?,?\s+$", re.IGNORECASE)


def _opening_ends(text: str):
    """Where a clause's subject may start: at once, then after each opening phrase it may have
    ("From April 2009 ", "In that role ")."""
    yield 0
    for gap in re.finditer(r"\s+", text[:TIME_OPENING_CHARS]):
        if _TIME_OPENING.match(text[:gap.end()]):
            yield gap.end()


def _plural_anaphor(text: str) -> re.Match | None:
    """"Each subgroup ...", also after a time phrase ("From April 2009 each thematic partnership")."""
    return next((m for at in _opening_ends(text) if (m := _PLURAL_ANAPHOR.match(text[at:]))), None)


def _position(body) -> int:
    """Where a body is named in its sentence; one meant by its head alone ("the Board") counts as last."""
    return body.start_char if isinstance(body, Span) else 1 << 30


def _counted_in(plural: re.Match, lead: str) -> bool:
    """Does a lead-in speak of the kind a plural anaphor names ("the thematic partnerships",
    "each thematic partnership": "Each priority is led by a thematic partnership:")?"""
    words = re.sub(r"^(?:each|every|these|the|all|both|its|their)\s+(?:of\s+the\s+)?", "", plural.group(0).strip().lower())
    kind = re.sub(r"s$", "", words.replace("-", ""))
    return bool(kind) and re.search(rf"\b{re.escape(kind)}", _compared(lead)) is not None


def _counted_before(sent: Span) -> re.Match | None:
    """A kind of body counted just before the sentence ("We have four sub-groups." before
    "Each one ... reports to ...:")."""
    return _LIST_SUBJECTS.search(doc_text(sent.doc)[max(0, sent.start_char - COUNTED_BEFORE_CHARS):sent.start_char])


def _compared(text: str) -> str:
    """A head noun or a body's name as they are compared: in lower case, hyphens aside
    ("Sub-Group" is "subgroup")."""
    return text.lower().replace("-", "")


def _head_for_place(body, head: str) -> bool:
    """Is `head` the head of the body's name before its place ("Commissioner" of the
    "Police and Crime Commissioner for Northby")?"""
    return re.search(rf"\b{re.escape(head)}\s+(?:for|of)\s+[\w'’ -]+$", _compared(_name(body))) is not None


def _ends_with_head(body, head: str) -> bool:
    """Is `body` named by "the <head>" (its last word, hyphens aside): "the Committee" is the
    Audit Committee, not the Hearings Sub-Committee; "the subgroup" is the X Sub-Group."""
    name = _compared(_name(body))
    return name == head or name.endswith(" " + head)


#: A sentence naming a partnership's partners ("The three statutory safeguarding partners are ...").
_PARTNERS_ARE = re.compile(r"\b(?:statutory|safeguarding|responsible|core|founding)\s+(?:[\w-]+\s+)?(?:partners|authorities)\b"
                           r"[^.;:]{0,40}?\s(?:are|were|will\s+be)\b", re.IGNORECASE)
#: A body named with them as its make-up ("An Executive Group of the three statutory partners").
_OF_THE_PARTNERS = re.compile(r"\s*,?\s+(?:made\s+up\s+)?of\s+(?:all\s+)?(?:the|its)\s+(?:[\w-]+\s+){0,3}partners\b(?!\s+(?:of|from|in)\b)",
                              re.IGNORECASE)
#: A member list that names them again by that word ("made up of the three statutory partners").
_PARTNERS_REF = re.compile(r"^\s*(?:all\s+)?(?:the|its|our)\s+(?:[\w-]+\s+){0,3}(?:partners|responsible\s+authorities)\b(?!\s+(?:of|from|in)\b)",
                           re.IGNORECASE)


@dataclass
class Found:
    """One relation read from one sentence (names are spans or role strings)."""
    source: Span | str
    target: Span | str
    relation: str
    frequency: str | None
    frequency_text: str | None
    modality: str
    sentence: Span
    rule: str
    source_text: str | None = None       # the member as the paper lists it ("housing and homelessness services")


@dataclass
class _Pending:
    """A cue whose arguments are in the items that follow its lead-in."""
    rule: str
    relation: str
    subject: Span | str | None      # None: the subjects are the items ("The following groups report to X:")
    target: Span | str | None
    freqs: list
    modality: str


#: What lies between an owner and the body it owns: "'s ", "’s ".
_OWNER_GAP = re.compile(r"['’]s?\s+")
#: The words before a body inside a person's brackets that make it their post ("Head of").
_ROLE_OF = re.compile(r"\b(of|for)\s+(the\s+)?$", re.IGNORECASE)


#: A post's title word right after a body's name ("the Youth Offending Service Manager"; not "the ESB
#: Chair will report ...", which the papers write for the body reporting).
_POST_AFTER = re.compile(r"\s*(?:Manager|Director|Lead|Officer|Co-?ordinator|Commissioner|Adviser|Advisor)\b")


def _without_owners(doc: Doc, spans: list[Span]) -> list[Span]:
    """Bodies named only as the owner of the next ("the Council's Overview and Scrutiny
    Committee", "the Board's Training Sub-Group"): the body meant is the one owned."""
    text = doc_text(doc)
    return [s for s, nxt in zip(spans, spans[1:] + [None])
            if nxt is None or not _OWNER_GAP.fullmatch(text[s.end_char:nxt.start_char])]


#: Between a body and its restatement: an acronym or alias in brackets ("the Youth Board (YB)"),
#: or a description in apposition ("the Northby Partnership, the city's Local Strategic Partnership,").
_RESTATED = re.compile(r"^\s*\(\s*(?:the\s+)?$|^\s*,\s*(?:the\s+)?(?:city|county|borough|district|town|area|region|place|"
                       r"council|authority)['’]s\s+(?:own\s+|local\s+|main\s+)?$", re.IGNORECASE)
#: A body named with its owner ("the Council's Cabinet", "the Board's Director of ..."): the owned body.
_OWNED = re.compile(r"^(?:the\s+)?(?:Council|County|Borough|City|District|Board|Partnership|Authority|Trust)['’]s\s+"
                    r"(?P<owned>[A-Z].*)$")
#: A post named before its body at the start of a sentence ("The Independent Chair of the ").
_POST_BEFORE = re.compile(r"^\s*(?:[Tt]he\s+)?(?P<title>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?P<link>(?:of|for)\s+(?:the\s+)?)$")
#: After a list cue, a colon with the entries run on in the same sentence (", each chaired by a member: o X - ...").
_INLINE_LIST = re.compile(r"^\s*(?:the\s+following(?:\s+\w+){0,2})?\s*(?:,\s*(?:each|all|both)\b[^:;.]{0,80})?\s*:\s*(?=\S)",
                          re.IGNORECASE)
#: A list entry's marker ("o ", "• ", "- ", "and the ").
_ENTRY_MARK = re.compile(r"^\s*(?:and\s+)?(?:(?:o|•|▪|\*|-|–)\s+)?(?:the\s+)?", re.IGNORECASE)
#: Where an entry's head ends and its description starts ("X Sub-Group - decides ...").
#: Entries run on in one line part at a semicolon or at the next item mark ("... o Y Sub-Group - ...");
#: each break is one character, so the entries' offsets add up.
_ENTRY_BREAK = re.compile(r";|\s(?=(?-i:o)\s+(?-i:[A-Z])|[•▪]\s)")
_ENTRY_HEAD_END = re.compile(r"\s+[-–—]\s+|:|,\s|\s+\(")
#: A participle clause set off by a comma after a cue's targets says why, not to whom
#: ("provides a report to X, reflecting the children known to Y").
_ASIDE = re.compile(r",\s+(?!including\b|incorporating\b)(?:[a-z]+ing)\b")
#: The chair of the body spoken of, named by its post alone ("the Chair will provide an update").
_BARE_CHAIR = re.compile(r"^(?:(?:Vice|Co)[- ]?|Independent\s+)?Chair(?:man|woman|person)?$", re.IGNORECASE)
#: A signature's body named by its head alone, maybe with the post its chair also holds
#: ("Chair of the Board and Cabinet Member for Adult Social Care").
_SHORT_BODY = re.compile(r"^(?:the\s+)?(?P<head>Board|Partnership|Panel|Forum|Committee|Group)"
                         r"(?:\s+and\s+(?P<post>(?:Cabinet|Executive|Lead|Portfolio)\s+Member\b.*))?\s*$")
#: A clause opening with a post before a reporting cue ("the Chief Constable is accountable",
#: "The Independent Scrutineer attends every meeting and reports to").
_POST_SUBJECT = re.compile(r"^\s*(?:[Tt]he\s+)?(?!(?:Members|Councillors|Officers|Representatives|Partners|Carers|Parents|Governors|"
                           r"Advisers|Managers|Chairs|Directors|Commissioners)\b)(?P<post>[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and)\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,4})\s+"
                           r"(?:[a-z]+s\s+(?:[^,;.]{0,40}?\s+)?and\s+)?"     # "attends every meeting and reports to"
                           r"(?:(?:is|are|will|shall|be|remains?|also|directly|continues?|to)\s+)*$")


def _post_opens(text: str) -> bool:
    """Does a sentence open with a post whose body follows it ("The Assistant Director for Early
    Help, Northby Council, is vice-chair."): the sentence is about the post, not that body."""
    return text.rstrip().endswith(",") and role_phrase(text) is not None


def _without_restatements(doc: Doc, spans: list[Span]) -> list[Span]:
    """A cue's arguments without the ones that only name again the body just before."""
    text = doc_text(doc)
    kept: list[Span] = []
    for span in spans:
        if kept and _RESTATED.match(text[kept[-1].end_char:span.start_char]):
            continue
        kept.append(span)
    return kept


def _restatements(doc: Doc, spans: list[Span]) -> dict[str, Span]:
    """The names that restate the body just before them in apposition ("the X, the borough's
    Y,"), each mapped to that body."""
    text = doc_text(doc)
    restated: dict[str, Span] = {}
    for before, span in zip(spans, spans[1:]):
        if _RESTATED.match(text[before.end_char:span.start_char]) and _name(before) != _name(span):
            restated.setdefault(_name(span).lower(), restated.get(_name(before).lower(), before))
    return restated


#: A cell that is the chair's post and nothing more ("Independent Chair", "Chairman").
_CHAIR_CELL = re.compile(r"(?:(?:Independent|Lay)\s+)?(?:Chair|Chairman|Chairperson|Chairwoman)", re.IGNORECASE)


def _chair_post(text: str, mark: re.Match) -> str | None:
    """The post of the person a "(Chair)" mark follows in an attendance list: after their name
    and a comma ("Cllr S Okafor, Cabinet Member for Health (Chair)"), or after the mark and a
    dash ("Cllr M Ellery (Chair) - Cabinet Member for Children")."""
    entry = re.split(rf"[;\n]|,\s+(?={PERSON_TITLE})", text[:mark.start()])[-1]
    # ("Mrs J Arkwright      Primary Head Teacher (Chair)": the post in the line's last cell)
    cells = _cells(entry)
    before = entry.split(",", 1)[1] if "," in entry else cells[-1] if len(cells) > 1 else ""
    after = re.match(r"\s*[-–—]\s*([^,;\n(]+)", text[mark.end():])
    for words in (before, after.group(1) if after else ""):
        post = role_phrase(words.strip()) if words.strip() else None
        if post and not PERSON_FIRST.match(words.strip()):
            return post
    return None


def _unowned(target):
    """"the Council's Cabinet": the Cabinet (the owner is the paper's own council or body)."""
    m = _OWNED.match(_name(target))
    return m.group("owned") if m else target


def _unowned_role(role: str) -> str:
    """"the Council's Director of Communities": the post, without its owner."""
    owned = _ROLE_OWNER.sub("", role)
    return owned if owned != role and _role_words().search(owned) else role


def _capitalised_kind(span: Span) -> bool:
    """A kind of body written as a name ("Combined Authorities"), not in general ("councils")."""
    return span.label_ == KIND_LABEL and all(t.is_title or not t.is_alpha for t in span)


@dataclass
class RelationReader:
    """Reads relations from the Docs of one paper, in reading order."""
    main_body: Span | str | None = None
    previous: list[Span] = field(default_factory=list)   # bodies named in earlier sentences
    last_first: Span | str | None = None                 # the first body of the last sentence naming one
    last_partnership: Span | str | None = None           # the first board or partnership of the last sentence naming one
    last_subjects: list = field(default_factory=list)    # the subjects of the last relation read ("X and Y are ...")
    pending: _Pending | None = None                      # a lead-in waiting for its list
    also_pending: list = field(default_factory=list)     # ... and its other cues ("has four sub-groups, each of
    pending_at: int = -1                                 # which reports to X quarterly:"), and where it stood
    pending_ahead: bool = False                          # ... opened by a sentence before the lead-in's last
    last_named: list[Span] = field(default_factory=list)  # the bodies of the last sentence naming any
    council: str | None = None                           # the paper's own council ("full Council")
    committee: str | None = None                         # the meeting the paper is for ("this Committee")
    opener: list = field(default_factory=list)           # the bodies the sentence being read opens with
    targets: list = field(default_factory=list)          # the bodies the sentence being read relates to
    sent_start: int = 0                                  # where the sentence being read starts
    named_ever: list = field(default_factory=list)       # every body named so far ("the Panel" far from its name)
    listed: list = field(default_factory=list)           # the bodies the items of the last list were about
    listed_for: _Pending | None = None                   # the lead-in of that list
    listed_kind: str = ""                                # ... and the kind it counted ("six thematic partnerships")
    defined: dict = field(default_factory=dict)          # short names the paper defines ("X (the Board)")
    section_body: Span | str | None = None               # the body the heading of the section being read names
    membership_section: bool = False                     # ... and whether that heading speaks of a membership
    list_owned: Span | str | None = None                 # the body of the last membership list
    members_of: Span | str | None = None                 # the body whose members were last named ("X and Y are
                                                         # also members")
    last_members: list = field(default_factory=list)     # ... and those members ("Together they form the X")
    last_subgroups: list = field(default_factory=list)   # the sub-groups a sentence last named, two or more
    partners: list = field(default_factory=list)         # the bodies the paper named as its partners
    run_in: Span | None = None                           # the body a paragraph opens with as its run-in head
    spoken_of: list = field(default_factory=list)        # the subjects of the last relations read, oldest first
    loose: list = field(default_factory=list)            # the first bodies of the items of a list no cue opened
    loose_list: list = field(default_factory=list)       # ... of the last such list, once it ended
    loose_lead: str = ""                                 # ... and its lead-in ("Each priority is led by a
                                                         # thematic partnership:")
    last_lead: str = ""                                  # the last sentence read that ends with a colon
    duty_subject: Span | str | None = None               # the body of a lead-in to its duties ("The Board will:")
    duty: Span | str | None = None                       # ... while one of its items is read
    duty_item: Span | str | None = None                  # ... handed from `read_item` to `read`

    def read(self, doc: Doc, new_paragraph: bool = True) -> list[Found]:
        if self.pending is not None and _REPRESENTING.match(doc_text(doc)):
            return []                   # "For the CCG:" after a list's items: its seats go on the list
        _join_names(doc)
        present = self.attendance(doc)
        if present is not None:
            return present
        self.duty, self.duty_item = self.duty_item, None
        if new_paragraph and self.duty is None:
            self.duty_subject = None
        if new_paragraph:
            if self.loose:
                self.loose_list, self.loose_lead, self.loose = self.loose, self.last_lead, []
            self.previous = [s for s in self.previous[-3:]]
            self.last_named = []
            self.run_in = None
        self.pending, self.also_pending = None, []
        found: list[Found] = []
        for sent in doc.sents:
            named = [s for s in doc.spans[AGENCY_SPANS]
                     if sent.start <= s.start < sent.end and not s._.generic]
            alone = [s for s in named if _RUN_IN_REST.fullmatch(doc_text(doc)[s.end_char:sent.end_char])
                     and not doc_text(doc)[sent.start_char:s.start_char].strip(" ().0123456789")]
            if alone:                   # "4.2 Safer Fenmoor Partnership (SFP). A theme group of ...": a run-in head
                self.run_in = alone[0]
            subject_before, spoken_of = self.last_first, self.last_subject
            read = self._sentence(doc, sent, subject_before)
            counted = _COUNTED_LEAD.match(span_text(sent)) if not read else None
            after_colon = [s for s in named if counted and s.start_char >= sent.start_char + counted.end()]
            if len(after_colon) > 1:
                # "Two groups support the Board: A and B." then "Both are sub-groups of the Board."
                self.listed, self.listed_for = after_colon, None
            found += read
            if span_text(sent).rstrip().endswith(":"):
                self.last_lead = span_text(sent)
                duty = _DUTY_LEAD.search(span_text(sent))
                if duty:               # "The Joint Committee will:" then what it will do, one item each
                    bodies = [s for s in named if s.end_char - sent.start_char <= duty.start()]
                    head = _CLAUSE_ANAPHOR.match(span_text(sent) + " x")
                    self.duty_subject = bodies[0] if bodies else (
                        self._by_head(_compared(head.group("head"))) if head else None)
                elif last := [s for s in named if not doc_text(doc)[s.end_char:sent.end_char].strip(" :")]:
                    self.duty_subject = last[-1]        # "The Oakhurst Partnership Board:" then what it does
                elif body_lead := _BODY_LEAD.search(span_text(sent)):
                    self.duty_subject = self._by_head(_compared(body_lead.group("head")))
            members = [f for f in found if f.relation == "member_of"]
            if members:
                self.members_of = members[-1].target
                self.last_members = [f.source for f in members if _name(f.target) == _name(self.members_of)]
                if _PARTNERS_ARE.search(span_text(sent)):     # "The three safeguarding partners are A, B and C"
                    self.partners = [f.source for f in members if f.sentence == sent and not isinstance(f.source, str)]
            subgroups = [f.source for f in read if f.relation == "subgroup_of" and not isinstance(f.source, str)]
            if len(subgroups) > 1:     # "The Forum has two sub-groups: the X Panel and the Y Group."
                self.last_subgroups = subgroups
            found += self._of_the_partners(doc, sent, named)
            self.council = self.council or next((_name(s) for s in named if _COUNCIL_NAME.match(_name(s))
                                                 and not _NOT_A_COUNCIL.search(_name(s))), None)
            self.previous += named
            for span in named:          # "the Children and Young People's Partnership Board (the Board)"
                short = _DEFINED_SHORT.match(doc_text(doc), span.end_char) or (
                    _DEFINED_KIND.match(doc_text(doc), span.end_char) if span._.rule == "apposed-kind-name" else None)
                if short:
                    self.defined[_compared(short.group("head"))] = span
            self.named_ever += named
            self.last_partnership = next((s for s in named if _ATTENDED_BODY.search(_name(s))),
                                         self.last_partnership)
            # "The Partnership welcomed a new representative of X.": the sentence is about the
            # body it opens with (named or referred to), not the first body it names; "The
            # Partnership was formed in 2011. Its members are: ...": "Its" is the Partnership;
            # "The Board will be chaired by the Council's Director. Its members are: ...": the body
            # a relation was just read of
            if self.opener:
                self.last_first = self.opener[0]
            elif isinstance(self.last_subject, str) and self.last_subject is not spoken_of and members \
                    and members[-1].source == self.last_subject:
                # "The Chairman of the Council is an ex officio member. Its minutes ...": "Its" is the
                # body the post sits on, not the post
                self.last_first = self.members_of
            elif self.last_subject is not spoken_of and self.last_subject is not None:
                self.last_first = self.last_subject
            elif named and not _post_opens(doc_text(doc)[sent.start_char:named[0].start_char]):
                self.last_first = named[0]
            elif (by_head := ANAPHORA.search(span_text(sent))) and by_head.group("head") \
                    and (referred := self._by_head(_compared(by_head.group("head")))) is not None:
                # "All partners are represented on the Board. Its members are ...": the body the
                # sentence spoke of by its head, named by none
                self.last_first = referred
            if named:
                self.last_named = named
        return found

    def heading(self, doc: Doc, under_heading: bool = False) -> None:
        """A section's heading ("OS.52 FENMARSH HEALTH AND WELLBEING PARTNERSHIP - ANNUAL
        REPORT"): the bodies it names are named before the section's text ("the Partnership").
        `under_heading`: it follows right under another heading, with no text between."""
        named = [s for s in doc.spans[AGENCY_SPANS] if not s._.generic]
        if not named and under_heading and membership_label(doc.text) and self.section_body is not None \
                and len(_name(self.section_body).split()) > 1:
            return           # "5.2 Audit Committee" then "Membership:": still that committee's section
        # ("4. Membership of the SEND Partnership Board": "the Board's membership is:" below is that board's;
        # "5. Membership": a membership below with no body named is the paper's own body's)
        self.membership_section = bool(MEMBERSHIP_SPOKEN_OF.search(doc.text) or _MEMBERS_HEADING.match(doc.text.strip()))
        # (only there: under "Links with the X Board", "the Board" is still the paper's own)
        # (or where the heading is the body's name alone: "2.2 Finance and General Purposes Committee"
        # then "This committee will be chaired by ...")
        # (a reference in brackets after it is no more of the heading: "X BOARD (KEY DECISION KD2024/031)")
        alone = len(named) == 1 and re.sub(r"^(?:the\s+)?|[\s.:;,]+$", "", _TRAILING_BRACKET.sub("", doc.text.strip()),
                                            flags=re.IGNORECASE) == named[0].text
        self.section_body = named[0] if named and (self.membership_section or alone) else None
        if not named and self.membership_section:
            # "3. STEERING GROUP MEMBERSHIP": the body the paper calls "the Steering Group"
            self.section_body = self.membership_caption(doc.text)
        if named:
            self.previous = self.previous[-3:] + named
            self.named_ever += named
            self.last_first = named[0]
        else:                   # a new minute or section on no body named: the body spoken of is the paper's again
            self.last_subjects, self.last_first = [], None
        self.last_subgroups = []        # ("Each sub-group ..." speaks of this section's)

    def membership_caption(self, text: str):
        """The body whose membership a heading or a table's caption gives by its kind alone
        ("STEERING GROUP MEMBERSHIP", "Steering Group members 2022-23", "Table 1: Board
        membership"): the body the paper calls so, or None."""
        kind = _KIND_MEMBERSHIP.match(_CAPTION_LABEL.sub("", text)) if len(text.split()) <= CAPTION_MAX_WORDS else None
        head = _compared(kind.group("kind")) if kind else None
        body = self._by_head(head) if head else None
        return body if body is not None and _ends_with_head(body, head) else None

    @property
    def last_subject(self) -> Span | str | None:
        """The subject of the last relation read (the first of them)."""
        return self.last_subjects[0] if self.last_subjects else None

    def _open(self, sent: Span, pending: _Pending, ahead: bool = False) -> None:
        """A lead-in's cue waits for the items below; a second cue of the same sentence waits beside it.
        `ahead`: the sentence comes before its paragraph's last, and its list after that ("The
        following cells sit under the Board. Each cell reports to it:"): a later cue waits beside it."""
        if self.pending is not None and (self.pending_at == sent.start_char or self.pending_ahead) \
                and self.pending.relation != pending.relation:
            self.also_pending = self.also_pending + [self.pending]
        else:
            self.also_pending = []
        self.pending, self.pending_at, self.pending_ahead = pending, sent.start_char, ahead
        if pending.subject is None:
            # (or counted in the sentence before: "We have four sub-groups. Each one ... reports to ...:")
            counted = _LIST_SUBJECTS.search(span_text(sent)) or _counted_before(sent)
            self.listed_kind = counted.group().lower() if counted else ""

    def _open_listed(self, sent: Span, pending: _Pending, end: int, ahead: bool) -> None:
        """A lead-in whose items are the subjects; "..., each chaired by an independent member:"
        after its cue: that post chairs each of them too."""
        self._open(sent, pending, ahead)
        each_chair = _EACH_CHAIRED.search(doc_text(sent.doc), end, sent.end_char)
        if each_chair and pending.relation == "subgroup_of":
            self._open(sent, _Pending(pending.rule, "chaired_by", None, _role(each_chair.group("who")), [],
                                      pending.modality), ahead)

    def read_item(self, doc: Doc) -> list[Found] | None:
        """One item (or lettered paragraph) after a lead-in that left a cue open: its
        bodies, else its role, are the cue's arguments. None when nothing is open."""
        pending = self.pending
        if pending is None:
            first = next((s for s in doc.spans[AGENCY_SPANS] if not s._.generic), None)
            if first is not None and _ITEM_OPENING.fullmatch(doc_text(doc)[:first.start_char]):
                self.loose.append(first)        # an item naming a body: "the thematic partnerships" below
            self.duty_item = self.duty_subject  # "(b) receive an update from X at each meeting": the lead-in's body
            return None
        if _REPRESENTING.match(doc_text(doc)):
            return []                   # "For the Council:" heads one partner's seats; the list goes on
        _join_names(doc)
        others = list(self.also_pending)
        cut = _run_on(doc)              # "- Ageing Well Board The X Board presents ...": prose ran on
        stop = cut if cut is not None else len(doc)
        found = [f for other in others for f in self._item(doc, other, stop)] + self._item(doc, pending, stop)
        if cut is not None:
            return found + self.read(doc, new_paragraph=False)
        self.pending, self.also_pending = pending, others
        return found

    def _item(self, doc: Doc, pending: _Pending, stop: int) -> list[Found]:
        sent = doc[:stop]
        bodies = [s for s in doc.spans[AGENCY_SPANS]
                  if s.end <= stop and (not s._.generic or pending.relation == "member_of")]
        after = _rule_patterns("source_after").get(pending.rule)
        if after is not None:
            bodies = [b for b in bodies if after.search(doc_text(doc), 0, b.start_char)]
        freqs = [f for f in doc.spans[FREQUENCY_SPANS] if f.end <= stop] or pending.freqs
        found: list[Found] = []
        if pending.subject is None:                       # the items are the subjects
            if pending is not self.listed_for:
                self.listed, self.listed_for = [], pending
            said = bool(bodies) and stop == len(doc) and any(c[1] != "member_of" for c in self._cues(sent))
            if said:                                      # its own body, not those it names ("chaired by the ICB ...")
                bodies = self._conjoined(doc, bodies)
            # (a table's header names the kind the lead-in counted: "Theme  Theme group")
            bodies = [b for b in bodies if not (self.listed_kind and f"{b.text.lower()}s" in self.listed_kind)]
            described = _DESCRIBED.search(doc_text(doc), bodies[0].end_char) if bodies else None
            if described:                                 # "- the X Sub-Group, which notifies the Y Panel": X
                bodies = [b for b in bodies if b.start_char < described.start()]
            self.listed += bodies
            for body in bodies:
                if _name(body) != _name(pending.target):
                    found += self._found(body, pending.target, pending.relation, freqs, pending.modality,
                                         sent, pending.rule)
                    if pending.relation == "reports_to" and _SUB_KINDS.search(self.listed_kind) \
                            and not _name(pending.target).lower().endswith("group"):
                        # "The following sub-groups report to the X Board:": each is a sub-group of it
                        # (sub-groups that report to an Executive Group are the Board's, through it)
                        found += self._found(body, pending.target, "subgroup_of", [], pending.modality,
                                             sent, pending.rule)
            if said:
                # "- the X Group, which reports to the Board quarterly;": the item says more of its body
                others = list(self.also_pending)
                found += self.read(doc, new_paragraph=False)
                self.pending, self.also_pending = pending, others
            return found
        chosen = _CHOSEN_BY.search(doc_text(doc), 0, sent.end_char) if pending.relation == "member_of" else None
        if chosen:              # "two parish council representatives, nominated by the X": X chose them
            bodies = [b for b in bodies if b.start_char < chosen.start()]
        bracket = doc_text(doc).find("(", 0, sent.end_char)
        if bracket > 0 and role_phrase(doc_text(doc)[:bracket]):
            # "Two head teachers (one primary, one secondary)": the role, not the words of its note
            bodies = [b for b in bodies if b.start_char < bracket]
        chair = _CHAIR_MARK.search(doc_text(doc), 0, sent.end_char) if pending.relation == "member_of" else None
        entry_role = role_phrase(_CHAIR_MARK.sub("", doc_text(doc)[:sent.end_char]).strip()) if chair or not bodies else None
        args = bodies or [r for r in (entry_role,) if r]
        for arg in args:
            if _name(arg) == _name(pending.subject):
                continue
            if pending.relation == "member_of":
                found += self._found(arg, pending.subject, "member_of", [], pending.modality, sent, pending.rule)
                if chair and len(args) == 1:          # "Leader of the Council (Chair)": the post, not its council
                    found += self._found(pending.subject, entry_role or arg, "chaired_by", [], pending.modality,
                                         sent, pending.rule)
            else:
                found += self._found(pending.subject, arg, pending.relation, freqs, pending.modality,
                                     sent, pending.rule)
        return found

    def close_list(self) -> None:
        self.pending = None

    # ---- one sentence ------------------------------------------------------------
    def _cues(self, sent: Span) -> list[tuple[str, str, int, int]]:
        """(rule id, relation, start, end) of every cue, rules in file order,
        a later rule's cue skipped where an earlier one already stands; only
        the first membership list of a sentence (in reading order) counts."""
        cues: list[tuple[str, str, int, int]] = []
        text = span_text(sent)
        passing = _rule_screens().passing(folded(text))
        needs = _rule_patterns("needs_before")
        screens = _screens()
        rules, named_args = _rules(), _flagged("named_args")
        for index in sorted(passing):
            rule_id, relation, rx = rules[index]
            if rule_id in named_args or (rule_id in screens and not screens[rule_id].search(text)):
                continue
            for m in rx.finditer(text):
                if rule_id in needs and not needs[rule_id].search(text[:m.start()]):
                    continue
                start, end = sent.start_char + m.start(), sent.start_char + m.end()
                if any(a < end and start < b for _, _, a, b in cues):
                    continue
                cues.append((rule_id, relation, start, end))
        cues.sort(key=lambda cue: cue[2])
        lists = [c for c in cues if c[1] == "member_of" and c[0] not in _flagged("subject_is_member")]
        # ... or one after a semicolon ("A and B; in 2022 membership was extended to include C")
        later = [c for prev, c in zip(lists, lists[1:]) if ";" not in text[prev[3] - sent.start_char:c[2] - sent.start_char]
                 or not MEMBERSHIP_SPOKEN_OF.search(text[:c[3] - sent.start_char].rpartition(";")[2])]
        return [c for c in cues if c not in later]

    @staticmethod
    def _frequencies_by_cue(cues, freqs: list[Span], text: str) -> dict[int, list[Span]]:
        """Each frequency phrase belongs to the nearest cue ("meets quarterly and
        reports to the Board twice a year": quarterly meets, twice a year reports)."""
        owned: dict[int, list[Span]] = {i: [] for i in range(len(cues))}
        periodic = [i for i, cue in enumerate(cues) if cue[1] in PERIODIC]
        for freq in freqs:
            holder = [i for i in periodic if cues[i][2] <= freq.start_char and freq.end_char <= cues[i][3]]
            later = [c for c in cues if c[2] >= freq.end_char]
            earlier = [i for i in periodic if cues[i][3] <= freq.start_char]
            if holder:                       # "receives two reports a year from": in the cue itself
                owned[holder[0]].append(freq)
            elif earlier and _EACH_BEFORE.search(text, 0, freq.start_char):
                # "receives reports from A and B, each quarterly, and provides ...": the cue before
                owned[max(earlier, key=lambda i: cues[i][3])].append(freq)
            elif earlier and later and _SHARED_SUBJECT.search(_without_frequencies(
                    text, freq.end_char, min(c[2] for c in later), freqs)):
                # "will report to X twice a year and will be accountable to Y": the cue before
                owned[max(earlier, key=lambda i: cues[i][3])].append(freq)
            elif earlier and later and (joined := _CLAUSE_AFTER.match(text, freq.end_char)) \
                    and _NEW_SUBJECT.match(text, joined.end() - 1, min(c[3] for c in later)):
                # "will meet jointly with X once a quarter, and the Chair will meet ...": the cue before
                owned[max(earlier, key=lambda i: cues[i][3])].append(freq)
            elif earlier and later and _PURPOSE_AFTER.match(text[freq.end_char:min(c[2] for c in later)]):
                # "will meet with X twice a year to align its work with Y": a purpose clause follows
                owned[max(earlier, key=lambda i: cues[i][3])].append(freq)
            elif periodic:
                nearest = min(periodic, key=lambda i: min(abs(freq.start_char - cues[i][3]),
                                                          abs(cues[i][2] - freq.end_char)))
                owned[nearest].append(freq)
        return owned

    def _sentence(self, doc: Doc, sent: Span, subject_before) -> list[Found]:
        spans = [s for s in doc.spans[AGENCY_SPANS] if sent.start <= s.start < sent.end]
        freqs = [s for s in doc.spans[FREQUENCY_SPANS] if sent.start <= s.start < sent.end]
        cues = self._cues(sent)
        freqs_of = self._frequencies_by_cue(cues, freqs, doc_text(doc))
        out: list[Found] = self._named_args(doc, sent, spans)
        subgroup_parent = None
        self.sent_start = sent.start_char
        self.opener = self._opener(doc, sent, spans, subject_before)
        self.targets = []
        subjects_of: dict[int, list] = {}
        own_clause = self._own_clauses(doc, sent, spans, cues)
        lead_in = span_text(sent).rstrip().endswith(":")       # its arguments are in the items below
        # "The following cells sit under the Board. Each cell reports to it monthly:": the first
        # sentence's items are the same list, after the paragraph's last sentence
        ahead = not lead_in and doc_text(doc).rstrip().endswith(":") \
            and _LIST_SUBJECTS_OPENING.match(span_text(sent)) is not None
        lead_in = lead_in or ahead
        for order in sorted(range(len(cues)), key=lambda i: cues[i][1] != "subgroup_of"):
            rule_id, relation, start, end = cues[order]
            cue_freqs = freqs_of[order]
            if rule_id in _flagged("past_needs_frequency") and not cue_freqs \
                    and _PAST.match(doc_text(doc)[start:end]) \
                    and not (_CONTINUING.search(doc_text(doc)[sent.start_char:start])
                             and _SINCE.search(span_text(sent))):
                continue                      # "received a report from": one meeting, no standing line
            if rule_id in _flagged("needs_frequency") and not cue_freqs:
                continue                      # "to be presented to the Council": one meeting
            if relation == "member_of" and _EACH_OF_SEATS.search(doc_text(doc), sent.start_char, start):
                continue                      # "three sub-committees, each of three members drawn from the X": their seats
            if rule_id in _flagged("singular_needs_frequency") and not cue_freqs \
                    and _ONE_REPORT.search(doc_text(doc)[start:end]):
                continue                      # "must receive a report from the Inspector": one document
            begin, finish = self._clause(doc, sent, start)
            if _NEGATED.search(doc_text(doc)[begin:start]):
                continue                      # "is not a sub-group of the Board", "does not report directly to"
            begin = max(begin, own_clause.get(order, begin))        # "... and the Y reports to Z"
            if rule_id in _flagged("pair"):
                # "X ... but the two boards meet jointly": the last two bodies named before the cue
                named = [s for s in spans if s.end_char <= start and not s._.generic]
                # ("X will present its annual report to the Board, and the two Boards will hold a joint
                # meeting": X and the body "the Board" stands for)
                named = sorted(named + [t for t in self.targets if t not in named], key=_position)
                if len({_name(s) for s in named}) < 2:      # "... X and Y. The two Boards meet together ..."
                    named = [s for s in self.previous if not isinstance(s, str) and not s._.generic] + named
                head = _PAIR_HEAD.search(doc_text(doc)[start:end])
                kind = [s for s in named if head and _name(s).lower().endswith(head.group(1).lower())]
                pair = list({_name(s): s for s in (kind if len({_name(s) for s in kind}) >= 2 else named)}.values())[-2:]
                if len(pair) == 2:
                    out += self._found(pair[0], pair[1], relation, cue_freqs,
                                       _modality(span_text(sent), start - sent.start_char), sent, rule_id)
                continue
            if _hedges().search(doc_text(doc)[begin:start]):
                continue                      # "consider whether X should be chaired by ...": not stated
            if relation == "member_of" and rule_id not in _flagged("subject_is_member"):
                finish = self._list_end(doc, sent, finish)    # "comprise: the X; a Y; and Z"
                purpose = _PURPOSE.search(doc_text(doc), end, finish)
                finish = purpose.start() if purpose else finish   # "..., to strengthen the voice of ...": no entry
            if relation != "member_of":       # "..., reflecting the children known to X": no target
                aside = _ASIDE.search(doc_text(doc), end, finish)
                finish = aside.start() if aside else finish
            # what follows a cue belongs to it until the next cue (or the next cue's own subject),
            # unless the two share their object ("a sub-group of, and reports to, the X")
            later = [c for c in cues if c[2] >= end]
            shared = bool(later) and _SHARED_OBJECT.match(doc_text(doc)[end:min(c[2] for c in later)]) is not None
            finish = min([finish] + [c[2] for c in later if not shared] + [a for a in own_clause.values() if a >= end])
            open_list = _OPEN_LIST.match(doc_text(doc)[end:sent.end_char]) is not None and \
                (rule_id in _flagged("list") or relation == "member_of")
            subjects = self._apposed(doc, spans, start) \
                if relation in APPOSED_RELATIONS or rule_id in _flagged("apposed") else []
            earlier = [i for i in subjects_of if cues[i][3] <= start]
            alike = [i for i in earlier if cues[i][1] == relation]
            if not subjects and rule_id in _flagged("second_object") and alike:
                # "... quarterly reports from A, which ..., and an annual report from B": the same receiver
                subjects = subjects_of[max(alike, key=lambda i: cues[i][3])]
            last = max(earlier, key=lambda i: cues[i][3]) if earlier else None
            if not subjects and earlier and (_SHARED_SUBJECT.search(doc_text(doc)[cues[last][3]:start]) or (
                    relation == "member_of" and _ITS_MEMBERS.search(doc_text(doc)[sent.start_char:start]))
                    or _AND_ITS.search(doc_text(doc)[cues[last][3]:start])):
                subjects = subjects_of[last]     # "... and will be accountable to Z", "... and its members include",
                                                 # "It reports to Cabinet, and its minutes are received by Y"
            if earlier and cues[last][1] == "subgroup_of" and relation in ("chaired_by", "member_of") \
                    and _AFTER_PARENT.match(doc_text(doc)[cues[last][3]:start]):
                # "X be established as a working group of the Cabinet, chaired by Y": X, not the
                # parent just named (where no other subject stands)
                parent = {_name(s) for s in spans if cues[last][3] <= s.start_char < start}
                if all(_name(s) in parent for s in subjects):
                    subjects = subjects_of[last]
            if not subjects and self.opener and _AND_PREDICATE.search(doc_text(doc)[sent.start_char:start]) \
                    and _SUBORDINATE.search(doc_text(doc)[sent.start_char:start]):
                # "The Alliance was formed in 2013, when ... passed to the County Council, and is chaired
                # by ...": the sentence's subject, not a body inside its subordinate clause
                subjects = list(self.opener)
            if not subjects and rule_id in _flagged("subject_is_member"):
                # "The Chairman of the Council is an ex officio member of ...": the post is the member,
                # not the body its title names
                post = _POST_SUBJECT.match(doc_text(doc)[begin:start])
                subjects = [p for p in (role_phrase(post.group("post")) if post and not PERSON_FIRST.match(post.group("post"))
                                        else None,) if p]
            if not subjects and relation == "member_of" and self.main_body is not None \
                    and _MEMBERSHIP_CUE.match(doc_text(doc)[start:end]) \
                    and _OWN_DECISION.search(doc_text(doc)[sent.start_char:start]):
                subjects = [self.main_body]      # "It was agreed that membership be extended to include X"
            subjects = subjects or self._resumed(doc, spans, begin, start) or self._relative(doc, spans, begin, start)
            if not subjects and relation == "member_of" and self.run_in is not None \
                    and not any(sent.start_char <= s.start_char < start for s in spans):
                subjects = [self.run_in]     # "3.3 Audit Committee. Proposed membership: Cllrs A, B and C"
            subjects = subjects or self._subjects(doc, spans, begin, start, end, subject_before)
            if not subjects and self.run_in is not None and _SUBJECTLESS.fullmatch(doc_text(doc)[sent.start_char:start]):
                subjects = [self.run_in]     # "... Partnership (SFP). Chaired by X. Reports annually to Y."
            if not subjects and self.duty is not None and (
                    _SUBJECTLESS.fullmatch(doc_text(doc)[sent.start_char:start])
                    or (_VERB_FIRST.match(doc_text(doc)[sent.start_char:start])
                        and not any(sent.start_char <= s.start_char < start for s in spans))):
                # "The Joint Committee will: ... (b) receive an update from X", "(c) publish an annual
                # report and present it to X"
                subjects = [self.duty]
            if not subjects and relation == "member_of" and rule_id not in _flagged("subject_is_member"):
                # "The responsible authorities on the CDRP are ...": the body named inside the cue
                subjects = [s for s in spans if start <= s.start_char and s.end_char <= end and not s._.generic][:1]
            if not subjects and begin > sent.start_char and relation == "member_of" \
                    and rule_id not in _flagged("subject_is_member") and _MEMBERSHIP_CUE.match(doc_text(doc)[start:end]):
                # "A and B; in 2022 membership was extended to include C": the body last spoken of
                subjects = [s for s in (self.last_subject or self.last_first or self.main_body,) if s]
            if not subjects and rule_id in _flagged("subject_from_before"):
                # "An annual update is also given to X": by the body the sentences before were about;
                # "This annual report is presented each year to X": by the paper's own body
                this_report = _THIS_REPORT.match(doc_text(doc)[begin:start]) and self.main_body is not None
                subjects = [s for s in (self.main_body if this_report else self.last_subject or self.main_body,)
                            if s is not None]
            if not subjects and relation in ("reports_to", "feeds_into", "meets_with") \
                    and rule_id not in _flagged("subject_is_target"):
                # "...: the Chief Constable is accountable to the Commissioner": a post answers to a body
                leading = _LEADING_PHRASE.match(doc_text(doc), begin, start)
                post = _POST_SUBJECT.match(doc_text(doc)[leading.end() if leading else begin:start])
                subjects = [p for p in (role_phrase(post.group("post")) if post else None,) if p]
                if post and _BARE_CHAIR.match(post.group("post")):
                    # "X is accountable to Y and the Chair will update Y twice a year": the chair speaks for X
                    body = subjects_of[max(earlier, key=lambda i: cues[i][3])][0] if earlier else (
                        self.last_subject or self.last_first or self.main_body)
                    subjects = [body] if body is not None else []
            # "... by the following groups, each of which reports to it quarterly:": the items
            # ("... carried by three sub-groups of the Board, each led by ...: the X; the Y; and the Z")
            # ("A, B and C will become the three delivery groups of the Board": A, B and C, named before)
            plural_cue = relation == "subgroup_of" and rule_id not in _flagged("subject_is_target") \
                and (_COUNT_BEFORE.search(doc_text(doc)[begin:start]) and _LIST_SUBJECTS.search(doc_text(doc)[begin:end])
                     or _COUNTED_AS.search(doc_text(doc)[begin:start])) \
                and not _BECOME.search(doc_text(doc)[begin:start])
            listed = _LIST_SUBJECTS_RELATIVE.search(doc_text(doc)[sent.start_char:start]) or plural_cue \
                or (_KIND_RELATIVE.search(doc_text(doc)[sent.start_char:start]) and lead_in) \
                or (_EACH_OF_KIND.search(doc_text(doc)[begin:start]) and ":" in doc_text(doc)[end:sent.end_char]) \
                or (_EACH_ONE.match(doc_text(doc)[begin:start]) and lead_in and _counted_before(sent)) \
                or (relation != "subgroup_of" and _LIST_SUBJECTS_OPENING.match(doc_text(doc)[sent.start_char:start])) \
                or (_THEY_BELOW.match(doc_text(doc)[sent.start_char:start]) and lead_in) \
                or (ahead and not subjects_of)
            bracketed = _COUNTED_BRACKET.match(doc_text(doc), sent.start_char, start)
            if bracketed and (named_in := [s for s in spans if bracketed.start("list") <= s.start_char < bracketed.end("list")
                                           and not s._.generic]):
                # "The three place-based partnerships (A, B and C) are accountable to ... and will feed
                # into ...": A, B and C, for every cue of the sentence
                subjects = subjects or named_in
                listed = False
            # ("Four standing sub-groups of the Board report to the X: ...": the entries report)
            subjects = [] if listed else subjects or (
                self._subjects(doc, spans, sent.start_char, start, end, subject_before) if begin > sent.start_char else [])
            if not subjects and (listed or _LIST_SUBJECTS.search(doc_text(doc)[begin:start])):
                # "sub-groups of the Board report to the X:": the Board, named by its head right after the cue
                referred_first = self._referred(doc_text(doc)[end:end + REFERRED_CHARS]) \
                    if plural_cue and _REFERRED.match(doc_text(doc)[end:end + REFERRED_CHARS]) else None
                pronoun = _PRONOUN_ARG.match(doc_text(doc)[end:finish])
                target = referred_first or (None if pronoun else next(
                    (s for s in spans if end <= s.start_char < finish and not s._.generic), None)) \
                    or self._referred(doc_text(doc)[end:end + REFERRED_CHARS]) \
                    or (self.opener[0] if self.opener and pronoun else None) \
                    or (self.pending.target if self.pending is not None and self.pending_at == sent.start_char
                        and pronoun else None) \
                    or (named[-1] if pronoun and (named := [
                        s for s in spans if sent.start_char <= s.start_char and s.end_char <= start and not s._.generic])
                        else None) \
                    or (subject_before if pronoun else None)
                # ("The following sub-groups of the X report to it": the X; "The Partnership meets quarterly.
                # Three delivery groups sit beneath it and report to it: A, B and C.": the body the sentence
                # before was about)
                # ("The Board is supported by the following groups, each of which reports to it:": the Board)
                if target is not None and lead_in:
                    modality = _modality(span_text(sent), start - sent.start_char)
                    self._open_listed(sent, _Pending(rule_id, relation, None, target, cue_freqs, modality), end, ahead)
                elif target is not None and (apposed := _COUNTED_APPOSITION.match(span_text(sent))) \
                        and doc_text(doc).find(":", sent.start_char, sent.end_char) < 0:
                    # "Two sub-groups of the Board, the A and the B, report to it quarterly.": A and B
                    a, b = sent.start_char + apposed.start("list"), sent.start_char + apposed.end("list")
                    if pronoun:                  # "it": the body they are of, named before the list
                        owner = apposed.group("owner")
                        target = next((s for s in reversed(spans) if sent.start_char <= s.start_char < a
                                       and not s._.generic), None) or self._referred(owner) or target
                    heads = [s for s in spans if a <= s.start_char < b and not s._.generic and _name(s) != _name(target)]
                    for first in heads:
                        out += self._found(first, target, relation, cue_freqs,
                                           _modality(span_text(sent), start - sent.start_char), sent, rule_id)
                    if len(heads) > 1:
                        self.last_subjects = list(heads)
                elif target is not None:         # "Three groups report to the Board: the X, led by Y; the Z."
                    colon = doc_text(doc).find(":", end, sent.end_char)
                    if not pronoun:
                        target = (referred_first or next((s for s in spans if end <= s.start_char < colon and not s._.generic),
                                                         None) or self._referred(doc_text(doc)[end:colon])) if colon >= 0 else None
                    elif colon < 0:
                        target = None
                    heads = self._entry_heads(doc, spans, colon, sent.end_char) if target is not None else []
                    for first in heads:
                        if _name(first) != _name(target):
                            out += self._found(first, target, relation, cue_freqs,
                                               _modality(span_text(sent), start - sent.start_char), sent, rule_id)
                    if len(heads) > 1:           # "... Each is chaired by a Board member": the entries
                        self.last_subjects = list(heads)
                continue
            if not subjects and rule_id in _flagged("members_before"):
                subjects = list(self.last_members)     # "Together they form the Executive Group": those just listed
            if not subjects and rule_id in _flagged("subject_is_member") and _FOLLOWING.match(doc_text(doc)[begin:start]):
                out += self._following_members(doc, sent, spans, start, end)
                continue
            if not subjects and relation == "member_of" and rule_id not in _flagged("subject_is_member") \
                    and _MEMBERSHIP_CUE.match(doc_text(doc)[start:end]):
                # "Membership includes ...": the body last spoken of; "The responsible authorities
                # are ...": the board or partnership last named
                plural = _PLURAL_OWNERLESS.match(doc_text(doc)[start:end])
                in_section = (self.section_body or self.main_body) if self.membership_section else None
                subjects = [s for s in (in_section or (self.last_partnership if plural else None) or self.last_subject
                                        or self.last_first or self.main_body,) if s]
            if not subjects and relation == "member_of" and rule_id not in _flagged("subject_is_target") \
                    and (each := _EACH.search(doc_text(doc)[begin:start].rstrip())):
                # "One representative from each of the three school clusters sits on the Partnership": the clusters
                who = re.sub(r"\s+(?:also|currently|now|still)$", "", each.group("who").strip())
                subjects = [_PLACE_TAIL.sub("", _ROLE_LEAD.sub("", who))]
            if not subjects and relation == "subgroup_of" and rule_id in _flagged("subject_is_target"):
                # "Two sub-groups have been formed: ...": sub-groups of the body last spoken of
                subjects = [s for s in (self.section_body or self.last_subject or self.last_first or self.main_body,) if s]
            if not subjects:
                continue
            subjects_of[order] = subjects
            self.last_subjects = list(subjects)
            self.spoken_of = (self.spoken_of + [s for s in subjects if not isinstance(s, str)])[-SPOKEN_OF_KEPT:]
            modality = _modality(span_text(sent), start - sent.start_char)
            inline = _INLINE_LIST.match(doc_text(doc)[end:sent.end_char]) \
                if rule_id in _flagged("list") and relation != "member_of" and not open_list else None
            # entries parted by semicolons or item marks (a comma list is read as any list is)
            heads = self._inline_heads(doc, spans, end + inline.end(), sent.end_char) \
                if inline and _ENTRY_BREAK.search(doc_text(doc), end, sent.end_char) else []
            if heads and rule_id not in _flagged("subject_is_member"):
                # "The Board has three sub-groups, each chaired by a member: o X - ...; o Y - ...": the
                # bodies that open the entries after the colon
                for head in heads:
                    if rule_id in _flagged("subject_is_target"):
                        out += self._found(head, subjects[0], relation, cue_freqs, modality, sent, rule_id)
                    else:
                        out += self._found(subjects[0], head, relation, cue_freqs, modality, sent, rule_id)
                continue
            if open_list and relation in ("subgroup_of", "reports_to") and rule_id in _flagged("subject_is_target"):
                # "The Board is supported by three subgroups:", "The Board will receive reports from:"
                # then one subgroup (one body that reports) an item
                self._open_listed(sent, _Pending(rule_id, relation, None, subjects[0],
                                                 cue_freqs if relation == "reports_to" else [], modality), end, ahead)
                continue
            if open_list and relation not in ("chaired_by", "meets", "subgroup_of") \
                    and rule_id not in _flagged("subject_is_target") and rule_id not in _flagged("subject_is_member"):
                self._open(sent, _Pending(rule_id, relation, subjects[0], None, cue_freqs, modality), ahead)
                continue
            if rule_id in _flagged("target_before"):
                # "..., to which it reports annually": the body named before "which"
                target = next((s for s in reversed(spans) if s.end_char <= start and not s._.generic), None)
                # "The Board is accountable to the X, to which it reports": "it" is the body the
                # sentence opens with (named or referred to), not the X
                # ("the Board will be accountable to the X, to which it will report twice a year": the
                # subject of the cue before)
                before = [b for i in sorted(subjects_of, key=lambda i: cues[i][3]) if cues[i][3] <= start
                          for b in subjects_of[i]]
                first = next((s for s in [*self.opener, *before[:1], *subjects, *(s for s in spans if not s._.generic)]
                              if target is not None and _name(s) != _name(target)), None)
                if target is not None and first is not None and _name(first) != _name(target):
                    out += self._found(first, target, relation, cue_freqs, modality, sent, rule_id)
                continue
            after = _without_owners(doc, [s for s in spans if end <= s.start_char < finish])
            if relation != "member_of":       # "the X (XYZ)", "the X, the city's Y,": one body each
                after = _without_restatements(doc, after)
                # "... the X, the borough's Y (YZ), and reports to each YZ meeting": Y named again is X
                restated = _restatements(doc, [s for s in spans if sent.start_char <= s.start_char < sent.end_char])
                after = [restated.get(_name(s).lower(), s) for s in after]
            for subject in subjects:
                found, parent = self._relate(doc, subject, relation, rule_id, end, finish, after, cue_freqs,
                                             modality, sent, subgroup_parent)
                subgroup_parent = parent or subgroup_parent
                out += found
        return out

    def _of_the_partners(self, doc: Doc, sent: Span, named: list[Span]) -> list[Found]:
        """"An Executive Group of the three statutory partners meets ...": the partners the
        paper named so sit on the body named just before "of"."""
        out = []
        for span in named if self.partners else []:
            if _OF_THE_PARTNERS.match(doc_text(doc), span.end_char):
                out += [Found(p, span, "member_of", None, None, _modality(span_text(sent), span.end_char - sent.start_char),
                              sent, "rel-members", _name(p)) for p in self.partners if _name(p) != _name(span)]
        return out

    def _following_members(self, doc: Doc, sent: Span, spans: list[Span], start: int, end: int) -> list[Found]:
        """"The following will be co-opted members of the Panel: a foster carer; ...": the
        entries after the colon (or the items after a lead-in ending so) join the body."""
        text = doc_text(doc)
        body = self._referred(text[end:end + REFERRED_CHARS]) or next(
            (s for s in spans if end <= s.start_char < sent.end_char and not s._.generic), None)
        colon = text.find(":", end, sent.end_char)
        if body is None or colon < 0:
            return []
        modality = _modality(span_text(sent), start - sent.start_char)
        if not text[colon + 1:sent.end_char].strip():
            self.pending = _Pending("rel-member-of", "member_of", body, None, [], modality)
            return []
        semi = text.find(";", colon + 1, sent.end_char)
        finish = self._list_end(doc, sent, semi) if semi >= 0 else sent.end_char
        after = [s for s in spans if colon < s.start_char < finish]
        return [Found(member, body, "member_of", None, None, modality, sent, "rel-member-of", written)
                for member, written in self._arguments(doc, colon + 1, finish, after, roles=True, members=True)
                if _name(member) != _name(body)]

    @staticmethod
    def _own_clauses(doc: Doc, sent: Span, spans: list[Span], cues) -> dict[int, int]:
        """"The Forum reports to the Cabinet and the Youth Board reports to the Committee": a
        cue right after a body joined on by "and" starts a clause of its own there
        (cue index: where that clause starts)."""
        text = doc_text(doc)
        out = {}
        for i, (_rule, _relation, start, _end) in enumerate(cues):
            body = next((s for s in reversed(spans) if s.end_char <= start and not s._.generic), None)
            if body is None or not _AUX_ONLY.match(text[body.end_char:start]):
                continue
            joint = _NEW_CLAUSE.search(text[sent.start_char:body.start_char])
            if joint and any(c[3] <= sent.start_char + joint.start() for c in cues):
                out[i] = sent.start_char + joint.start()
        return out

    def _opener(self, doc: Doc, sent: Span, spans: list[Span], subject_before) -> list:
        """The bodies a sentence opens with ("Brookfield PCT and the Connexions service have
        confirmed that they ...", "The Partnership is scrutinised by ..."): what "it" and
        "they" later in the sentence stand for."""
        text = doc_text(doc)
        lead = sent.start_char + _OPENING.match(text[sent.start_char:sent.end_char]).end()
        first = next((s for s in spans if not s._.generic and s.start_char >= lead), None)
        if first is not None and re.fullmatch(r"\s*(?:the\s+)?", text[lead:first.start_char], re.IGNORECASE):
            return self._conjoined(doc, [s for s in spans if s.start_char >= first.start_char and not s._.generic])
        m = ANAPHORA.match(text[lead:sent.end_char].lstrip())
        if m and m.group("head"):
            referred = self._by_head(_compared(m.group("head")))
            return [referred] if referred is not None else []
        if m and m.group("pronoun") and subject_before is not None:
            return [subject_before]
        return []

    @staticmethod
    def _entry_heads(doc: Doc, spans: list[Span], begin: int, finish: int) -> list:
        """The body each entry of a list set out in a sentence opens with ("...: the X, led by
        Y; the Z; and the W", "...: the X, the Y and the Z")."""
        text, heads, at = doc_text(doc), [], begin + 1
        # (entries parted by commas too where no semicolon parts them: "...: the X, the Y and the Z")
        commas = r"|,\s*(?:and\s+)?(?=the\s|(?-i:[A-Z]))" if ";" not in text[begin + 1:finish] else ""
        for piece in re.split(rf"(;\s*(?:and\s+)?|\s+and\s+(?=the\s|(?-i:[A-Z])){commas})", text[begin + 1:finish]):
            first = next((s for s in spans if at <= s.start_char < at + len(piece) and not s._.generic), None)
            if first is not None and re.fullmatch(r"\s*(?:the\s+)?", text[at:first.start_char], re.IGNORECASE):
                heads.append(first)
            at += len(piece)
        return heads

    @staticmethod
    def _conjoined(doc: Doc, spans: list[Span]) -> list:
        """The first body and any joined to it ("The Forum and the Group")."""
        if not spans:
            return []
        subjects = [spans[0]]
        for span in spans[1:]:
            gap = doc_text(doc)[subjects[-1].end_char:span.start_char]
            if _NEW_NAME.match(gap + span.text[:4]) and subjects == [spans[0]]:
                subjects = [span]          # "HEADING The Group reports ...": the heading is no subject
                continue
            if subjects[-1]._.rule == "apposed-kind-name" and _KIND_GAP.match(gap):
                continue                   # "Northby Together, the Local Strategic Partnership, ...": one body
            if not _CONJOINED.match(gap):
                break
            subjects.append(span)
        return subjects

    @staticmethod
    def _list_end(doc: Doc, sent: Span, finish: int) -> int:
        """A membership list runs on past semicolons while each piece is a short entry."""
        text = doc_text(doc)
        while finish < sent.end_char and text[finish] == ";":
            nxt = text.find(";", finish + 1, sent.end_char)
            stop = nxt if nxt >= 0 else sent.end_char
            if len(text[finish + 1:stop].split()) > ENTRY_MAX_WORDS:
                break
            finish = stop
        return finish

    def _referent(self, text: str):
        """"to full Council", "to this Committee": the body meant by where the paper stands."""
        for _rule, label, rx in _referents():
            m = rx.match(text)
            if m and label == "council":
                return self.council
            if m:
                # "this Committee" in a paper about a partnership, for a scrutiny committee: the committee
                head = m.group(0).split()[-1].lower()
                if self.committee and self.committee.lower().endswith(head) \
                        and not _name(self.main_body or "").lower().endswith(head):
                    return self.committee
                return self.main_body
        return None

    def _named_args(self, doc: Doc, sent: Span, spans: list[Span]) -> list[Found]:
        """Rules whose pattern names both ends ("Within the X, a Y subgroup has been
        created": Y is a subgroup of X); each end is the body named there, else its words."""
        out = []
        text = span_text(sent)
        rules, named_args = _rules(), _flagged("named_args")
        for index in sorted(_rule_screens().passing(folded(text))):
            rule_id, relation, rx = rules[index]
            if rule_id not in named_args:
                continue
            for m in rx.finditer(text):
                out += self._named_pair(doc, sent, spans, m, relation, rule_id, "source", "target")
                if "source2" in rx.groupindex and m.group("source2"):    # "X's A Sub-Group and its B Sub-Group"
                    out += self._named_pair(doc, sent, spans, m, relation, rule_id, "source2", "target")
                if "target2" in rx.groupindex and m.group("target2"):    # "the chairs of X, Y and Z meet"
                    out += self._named_pair(doc, sent, spans, m, relation, rule_id, "source", "target2")
        return out

    def _named_pair(self, doc: Doc, sent: Span, spans: list[Span], m: re.Match, relation: str,
                    rule_id: str, source: str, target: str) -> list[Found]:
        """The line a named-args match makes from its group `source` to its group `target`."""
        ends = []
        for group in (source, target):
            if m.group(group) is None:      # an end the pattern may leave out ("X was elected Chair"): the paper's body
                if self.main_body is None:
                    return []
                ends.append(self.main_body)
                continue
            a, b = sent.start_char + m.start(group), sent.start_char + m.end(group)
            # (not a name that runs on past an owner's "'s": "the LSCB's Serious Case Review Sub-Committee")
            body = next((s for s in spans if s.start_char <= a and b <= s.end_char + 1
                         and not _OWNER_GAP.match(doc_text(doc)[b:s.end_char])), None) \
                or next((s for s in spans if s.start_char == a and not s._.generic
                         and not _OWNER_GAP.match(doc_text(doc)[b:s.end_char])), None)   # the words ran on
            if body is None:          # "this Working Party": the body last named so
                words = re.sub(r"\s+", " ", m.group(group)).strip()
                earlier = self.previous + [s for s in spans if s.end_char <= sent.start_char + m.start()]
                body = next((p for p in reversed(earlier) if not isinstance(p, str) and not p._.generic
                             and _name(p).lower().endswith(words.lower())), None)
                if body is None and len(words.split()) == 1:          # "the Panel": the paper's own
                    body = self._by_head(_compared(words))
                body = body if body is not None else words
            ends.append(body)
        if _name(ends[0]).lower() == _name(ends[1]).lower():
            return []
        # "minutes of X are circulated to Y after each meeting": a frequency after the cue's start
        # ... or just before it, qualifying what is sent ("Six-monthly progress reports from X go to Y")
        start = sent.start_char + m.start()
        freqs = [f for f in doc.spans[FREQUENCY_SPANS] if f.end_char <= sent.end_char and (
            start <= f.start_char or _QUALIFYING_GAP.fullmatch(doc_text(doc)[f.end_char:start]))] \
            if relation in PERIODIC else []
        return self._found(ends[0], ends[1], relation, freqs, _modality(m.string, m.start()), sent, rule_id)

    def _relate(self, doc, subject, relation, rule_id, end, finish, after, cue_freqs, modality, sent,
                subgroup_parent):
        """The relations one cue makes for one subject, and a subgroup parent if it names one."""
        if relation == "member_of" and rule_id in _flagged("subject_is_member"):
            subject = self._post_holder(doc, subject) or subject      # "The Independent Chair of the X is a member"
            body = self._referred(doc_text(doc)[end:end + REFERRED_CHARS]) or next(
                (s for s in after if not s._.generic), None)
            title = _TITLE_AFTER.match(doc_text(doc)[end:finish])
            if title and (body is None or (isinstance(body, Span) and body.start_char <= end + title.start("name")
                                           and body.end_char < end + title.end("name"))):
                body = title.group("name")         # "members of the Council of Nations and Regions", cut short
            if body is None and _PRONOUN_ARG.match(doc_text(doc)[end:finish]):
                # "...; Brookfield Youth Offending Service will join it": the body just related to
                body = next((t for t in reversed(self.targets) if _name(t) != _name(subject)), None)
            if body is None and rule_id in _flagged("implicit_target"):
                body = self.members_of or self.main_body      # "X and Y are also members."
            if body is not None:
                self.targets.append(body)
            found = [self._found(subject, body, relation, [], modality, sent, rule_id)[0]] \
                if body is not None and _name(body) != _name(subject) else []
            if found and isinstance(body, Span) and (joined := _ALONG_WITH.match(doc_text(doc), body.end_char)):
                # "X is one of the member agencies of the Y, together with A, B and C": A, B and C too
                at = joined.end()
                for span in (s for s in after if s.start_char >= joined.end() and not s._.generic):
                    if not _LIST_GAP.fullmatch(doc_text(doc), at, span.start_char):
                        break
                    found += self._found(span, body, relation, [], modality, sent, rule_id)
                    at = span.end_char
            if found and rule_id in _flagged("members_before") and isinstance(body, Span):
                # "..., with a head teacher from the X Schools Forum": one more member
                found += [self._found(s, body, relation, [], modality, sent, rule_id)[0] for s in after
                          if s.start_char > body.end_char and not s._.generic
                          and _WITH_MEMBER.match(doc_text(doc)[body.end_char:s.start_char])]
            return found, None
        if relation == "member_of":
            found = []
            if self.partners and _PARTNERS_REF.match(doc_text(doc)[end:finish]):
                # "The Executive Group is made up of the three statutory partners": those the paper named so
                found += [Found(p, subject, relation, None, None, modality, sent, rule_id, _name(p))
                          for p in self.partners if _name(p) != _name(subject)]
            for member, written in self._arguments(doc, end, finish, after, roles=True, members=True):
                if isinstance(member, str) and _NOT_A_ROLE.match(member):
                    continue             # "three appointed by this Committee": how seats are filled, no member
                if _name(member) != _name(subject):
                    found.append(Found(member, subject, relation, None, None, modality, sent, rule_id, written))
                    if _CHAIR_MARK.search(written or ""):     # "the Director of Children's Services (chair)"
                        found.append(Found(subject, member, "chaired_by", None, None, modality, sent, rule_id))
            return found, None
        if relation == "chaired_by":
            chair = _CHAIR.match(doc_text(doc)[end:sent.end_char])
            if not chair:
                return [], None
            who = chair.group("who")
            tail = _CHAIR_TAIL.match(doc_text(doc)[end + chair.end():sent.end_char])
            if tail and _role_words().search(who) and not PERSON_FIRST.match(tail.group("tail") + " "):
                # "the Director of People, Tollmere Council" (not "an independent member, Mr G. Latham")
                who = f"{who}, {tail.group('tail')}"
            named = _NAMED_CHAIR.match(doc_text(doc)[end + chair.end():sent.end_char])
            if named and not who[:1].isupper():      # "an independent person appointed by ... (the Independent Chair)"
                who = named.group("name")
            # "co-chaired by the Leader of the Council and the ICB's Place Director": two chairs
            # (or "chaired by the Mayor and the ICB Chair (co-chairs)")
            co = _CO_CHAIRED.search(doc_text(doc)[max(0, end - 20):end]) or _CO_CHAIRS_AFTER.match(doc_text(doc), end + chair.end())
            whos = _CO_CHAIRS.split(who) if co else [who]
            # ("an Expert by Experience": a title after an article)
            if not all(re.sub(r"^\s*(?:the|an?)\s+", "", one)[:1].isupper() or _A_ROLE.match(one) for one in whos):
                whos = [who]                         # only posts by their titles ("a self-advocate") are split
            whos = _posts_joined(whos)
            named_first = _BRACKET_AND.match(doc_text(doc), end + chair.end()) if co and len(whos) == 1 else None
            second = _CHAIR.match(doc_text(doc)[named_first.end():sent.end_char]) if named_first else None
            if second:          # "co-chaired by the Cabinet Member (Cllr A) and the Chair of X (Revd B)": both posts
                whos.append(second.group("who"))
            found = []
            for one in whos:
                if len(whos) > 1:                    # "the ICB's Place Director": the post
                    one = _ROLE_OWNER.sub("", re.sub(r"^\s*the\s+", "", one))
                one = re.sub(r"^\s*(?:the|an?|one)\s+", "", one)      # "a ward councillor": the post
                person = _PERSON_FROM.match(one)
                if person and not _role_words().search(person.group("name")):
                    one = person.group("name")        # "Gary Tennant from Southmere People First": the person
                found += self._found(subject, _unowned_role(_role(one)), relation, [], modality, sent, rule_id)
            return found, None
        if relation == "meets":              # "to meet the needs of ..." is no meeting
            return (self._found(subject, subject, relation, cue_freqs, modality, sent, rule_id)
                    if cue_freqs else []), None
        named = [s for s in after if not s._.generic and _name(s) != _name(subject)
                 and not _INSTEAD.search(doc_text(doc)[end:s.start_char])]   # "..., rather than through the X"
        # "into the Locality Board of the Wolds Partnership": the part, not its whole
        named = [s for k, s in enumerate(named) if not (k and _OF_THE.fullmatch(
            doc_text(doc)[named[k - 1].end_char:s.start_char]))]
        described = next((k for k, s in enumerate(named) if _TARGET_DESCRIBED.match(doc_text(doc), s.end_char)), None)
        if described is not None:       # "to the X, the officer group through which the Council and the CCG ...": X
            named = named[:described + 1]
        # (a meeting body, or a post: "feeds into the Board via the Children's Services Manager")
        channel = next((m for s in named if (m := _CHANNEL.search(doc_text(doc), end, s.start_char))
                        and (_MEETING_BODY.search(_name(s)) or _post_follows(doc_text(doc), s.end_char))), None)
        if channel and _NAME_BEFORE.search(doc_text(doc), end, channel.start()):
            # "to the Commissioner monthly, through the Accountability Board": the Commissioner
            # (a target named by its head or its post is read from the words before the channel)
            named = [s for s in named if s.start_char < channel.start()]
            finish = channel.start()
        if _PRONOUN_ARG.match(doc_text(doc)[end:finish]) and relation != "subgroup_of" \
                and rule_id not in _flagged("subject_is_target"):
            named = []      # "reports to it every six months on the Council's services": "it", not the Council
        if named and relation == "reports_to":     # "to the Director of Children's Services": the post
            named[0] = _post_of(doc_text(doc)[end:named[0].end_char]) or named[0]
        first = _REFERRED_FIRST.match(doc_text(doc)[end:finish])
        alone = _REFERRED_ALONE.match(doc_text(doc)[end:finish])
        if named and relation in PERIODIC and (first or (alone and named[0].start_char >= end + alone.end())):
            # "feeds into both the Partnership and the X Board": the body "the Partnership" stands for, then X
            referred = self._referred(doc_text(doc)[end:end + REFERRED_CHARS])
            if referred is not None and _name(referred) != _name(subject) \
                    and all(_name(referred) != _name(n) for n in named):
                if not first:
                    # "reports to the Board at each meeting on ... any HM Inspectorate inspection": not the topic's bodies
                    named = [s for s in named if not _TOPIC_GAP.search(doc_text(doc)[end + alone.end():s.start_char])]
                named = [referred] + named
        referent = self._referent(doc_text(doc)[end:finish])      # "to full Council", "to this Committee"
        if referent is not None and _THIS_NAMED.match(doc_text(doc)[end:finish]):
            # "to this Select Committee": the committee the paper is for, not a "Select Committee"
            named = [s for s in named if s.start_char - end > SUBGROUP_TARGET_CHARS]
        if referent is not None and _name(referent) != _name(subject) and not any(
                s.start_char - end <= SUBGROUP_TARGET_CHARS for s in named):
            named = [referent] + named
        if named and relation in PERIODIC and rule_id not in _flagged("subject_is_target"):
            # "an annual report to Cabinet and to full Council": the paper's council as one more target
            also = _AND_TO.match(doc_text(doc), named[-1].end_char if isinstance(named[-1], Span) else end, finish)
            more = self._referent(doc_text(doc)[also.end():finish]) if also else None
            if more is not None and _name(more) != _name(subject) and all(_name(more) != _name(n) for n in named):
                named = named + [more]
        if rule_id in _flagged("bodies_only"):
            named = [s for s in named if s._.kind in BODY_KINDS]
        both = _BOTH.match(doc_text(doc)[end:finish]) if relation in PERIODIC else None
        if both:
            # "(The CDOP) is shared with the Y LSCB and reports to both Boards quarterly": the paper's
            # board and the other named in the sentence
            head = _compared(both.group("head"))
            before = [t for t in doc.spans[AGENCY_SPANS] if sent.start_char <= t.start_char < end and not t._.generic
                      and _ends_with_head(t, head) and _name(t) != _name(subject)]
            own = self._by_head(head)
            pair = list({_name(t): t for t in ([own] if own is not None else []) + before
                         if _name(t) != _name(subject)}.values())
            named = pair[:2] if len(pair) >= 2 else named
        if not named and relation == "reports_to" and self.targets and _MEETINGS_ONLY.match(doc_text(doc)[end:finish]):
            # "... a sub-committee of this Board and will report to each meeting": the body just related to
            named = [t for t in self.targets[-1:] if _name(t) != _name(subject)]
        if not named and _THESE.match(doc_text(doc)[end:finish]):
            # "will work with these and other partners": the bodies the last sentence named
            named = [s for s in self.last_named if _name(s) != _name(subject)]
        if not named and relation != "subgroup_of":
            plural = _PLURAL_BODIES.match(doc_text(doc)[end:finish])      # "with district partnerships"
            if plural and rule_id in _flagged("bodies_only") and plural.group("name").lower().endswith("councils"):
                plural = None          # "works with town and parish councils": authorities, not a body's peers
            named = [re.sub(r"\s+", " ", plural.group("name"))] if plural else []
        if rule_id in _flagged("subject_is_target"):      # X reports to the subject
            if rule_id in _flagged("at_once"):     # "oversees the X", not "oversees the Statement agreed after ... by X"
                named = [s for s in named[:1] if isinstance(s, str) or s.start_char - end <= SUBGROUP_TARGET_CHARS]
                named = self._conjoined(doc, named + [s for s in after if named and s.start_char > named[0].start_char
                                                      and not s._.generic]) if named else []
            if not named:
                referred = self._referred(doc_text(doc)[end:end + REFERRED_CHARS])
                if referred is not None and _name(referred) != _name(subject):
                    named = [referred]
            plural = _PLURAL_ANAPHOR.match(doc_text(doc)[end:finish])
            if not named and plural:                      # "receives quarterly reports from each subgroup"
                head = _compared(plural.group("one") or plural.group("many"))
                named = [s for s in self.last_named + list(after)
                         if not isinstance(s, str) and _ends_with_head(s, head)
                         and _name(s) != _name(subject)]
            if not named and _PRONOUN_ARG.match(doc_text(doc)[end:finish]):
                # "the Scrutiny Board, which receives two reports a year from it": the sentence's subject
                named = [o for o in self.opener if _name(o) != _name(subject)][:1]
            if not named:                                 # "a report from the Head of Fostering at each meeting"
                role = role_phrase(re.split(r"\s+(?:at|on|in|every|each|twice|once)\s", doc_text(doc)[end:finish])[0])
                named = [role] if role else []
            if relation == "subgroup_of":
                named = _before_topic(doc, named)
                if len(named) > 1:       # ("Two sub-groups have been formed: A and B. Both report to ...")
                    self.listed, self.listed_for = list(named), None
            found = []
            paired = [(s, cue_freqs) for s in named] if plural else _pair_frequencies(doc, named, cue_freqs)
            for source, freqs in paired:
                found += self._found(source, subject, relation, freqs, modality, sent, rule_id)
            return found, None
        parent = None
        each_of_them = False
        # (a body meant by where the paper stands, "this Committee", is a name, not a span of the text)
        if relation == "subgroup_of":          # "sub group of the X": X follows at once
            named = [s for s in named[:1] if isinstance(s, str) or s.start_char - end <= SUBGROUP_TARGET_CHARS
                     or _SHARED_INSERT.match(doc_text(doc)[end:s.start_char])]   # "of, and reports to, the X"
        if rule_id == "rel-meets-jointly" and named and not isinstance(named[0], str):
            named = self._conjoined(doc, named)     # "meets jointly with the X and the Y twice a year": both
        if rule_id == "rel-meets-with":      # "meet with the X", not "meet with other teams in the X"
            chairs = _CHAIRS_OF.match(doc_text(doc)[end:finish])     # "with the chairs of the X and the Y"
            origin = end + (chairs.end() if chairs else 0)
            named = [s for s in named[:1] if isinstance(s, str) or s.start_char - origin <= MEETS_WITH_TARGET_CHARS]
            # ("meets with the X and the Y twice a year": both)
            named = self._conjoined(doc, [s for s in after if not s._.generic and s.start_char >= named[0].start_char]) \
                if named and not isinstance(named[0], str) else named
        if relation == "subgroup_of":
            named = named[:1]
        if not named:
            referred = self._referred(doc_text(doc)[end:end + REFERRED_CHARS])   # "of the Board"
            if referred is not None and _name(referred) != _name(subject):
                named = [referred]
        if not named and relation == "reports_to" and re.search(r"\b(?:to|into)$", doc_text(doc)[:end], re.IGNORECASE):
            # "to the Cabinet Member for ...", "to the Commissioner monthly" (the post, not how often)
            role = role_phrase(_without_frequencies(doc_text(doc), end, finish, cue_freqs))
            named = [role] if role else []
        if not named and relation == "subgroup_of":
            title = _TITLE_AFTER.match(doc_text(doc)[end:finish])      # "advisory committees of the Executive"
            named = [title.group("name")] if title and title.group("name") != _name(subject) else []
        if relation == "subgroup_of" and named:
            parent = named[0]
        if not named and _PRONOUN_ARG.match(doc_text(doc)[end:finish]) and relation != "subgroup_of":
            # "is accountable to the X and reports to it twice a year": the body just related to;
            # "The Board oversees the Team, which reports to it": the body the sentence opens with
            # ("works with A and B, whose reports are shared with it": not B for A, both being its objects)
            co_target = any(_name(t) == _name(subject) for t in self.targets)
            # ("is accountable to A and to B, and reports to each of them every six months": A and B)
            them = _PRONOUN_ARG.match(doc_text(doc)[end:finish]).group("them")
            named = [t for t in (self.targets if them else self.targets[-1:])
                     if _name(t) != _name(subject) and not co_target] or \
                [o for o in self.opener[:1] if _name(o) != _name(subject)]
            named = list({_name(t): t for t in named}.values())
            each_of_them = bool(them)           # "reports to each of them every six months": each, so often
        if not named and rule_id in _flagged("implicit_target") \
                and not (re.search(r"\b(?:to|into)$", doc_text(doc)[:end], re.IGNORECASE)
                         and _TOPIC_AFTER.match(doc_text(doc)[end:finish])):
            fallback = subgroup_parent or self.main_body
            if fallback is not None and _name(fallback) != _name(subject):
                named = [fallback]
        found = []
        if relation in ("reports_to", "feeds_into"):
            named = _before_topic(doc, named)
        named = [_unowned(t) for t in named]     # "the Council's Cabinet": the Cabinet
        self.targets += named
        paired = [(t, cue_freqs) for t in named] if each_of_them else _pair_frequencies(doc, named, cue_freqs)
        for target, freqs in paired:
            found += self._found(subject, target, relation, freqs, modality, sent, rule_id)
        return found, parent

    @staticmethod
    def _inline_heads(doc: Doc, spans: list[Span], start: int, stop: int) -> list[Span]:
        """The bodies opening the entries of a list run on after a colon ("o X Sub-Group -
        reviews ...; o Y Sub-Group - audits ..."), each before its description."""
        text = doc_text(doc)
        heads: list[Span] = []
        at = start
        for piece in _ENTRY_BREAK.split(text[start:stop]):
            lead, described = _ENTRY_MARK.match(piece), _ENTRY_HEAD_END.search(piece)
            head_end = at + (described.start() if described else len(piece))
            first = next((s for s in spans if at + lead.end() <= s.start_char and s.end_char <= head_end
                          and not s._.generic), None)
            if first is not None and not text[at + lead.end():first.start_char].strip(" \t\n"):
                heads.append(first)
            at += len(piece) + 1
        return heads

    def _post_holder(self, doc: Doc, subject) -> str | None:
        """"The Independent Chair of the X is a member of ...": the post, not the X, as the
        subject; None when the subject is named on its own."""
        if isinstance(subject, str) or subject.start_char < self.sent_start:
            return None
        m = _POST_BEFORE.search(doc_text(doc)[self.sent_start:subject.start_char])
        if not m or not _role_words().search(m.group("title")) or _senders().match(m.group("title")):
            return None
        return re.sub(r"\s+", " ", f"{m.group('title')} {m.group('link')}{span_text(subject)}")

    def _arguments(self, doc: Doc, end: int, finish: int, after: list[Span], roles: bool,
                   members: bool = False) -> list[tuple]:
        """The list after a cue ("(the Deputy Mayor, the Executive Member for ... and
        the Chair of ...)", "police, education and the Youth Offending Service"), as
        (argument, the list entry as written): in each entry its bodies, else its role,
        else "one X from each of the Ys"; in a list of members, else the entry itself."""
        text = doc_text(doc)[end:finish]
        offset = end
        colon = text.find(":")
        if members and colon > 0 and text[:colon].strip():
            if _LIST_HEAD.match(text[:colon]):             # "made up of the following: a; b"
                offset, text = end + colon + 1, text[colon + 1:]
            else:
                text = text[:colon]                        # "... to support the ambitions: a, b": not members
        bracket = re.match(r"^\s*\((?P<inner>[^)]*)\)", text)
        if bracket:                                        # "three ex officio members (the ..., the ...)"
            offset += bracket.start("inner")
            text = bracket.group("inner")
        spans = [s for s in (after or doc.spans[AGENCY_SPANS]) if offset <= s.start_char < offset + len(text)]
        args: list[tuple] = []
        taken: set = set()
        for a, b in _entries(text, offset, spans) if roles else [(offset, offset + len(text))]:
            entry = _clean_entry(doc_text(doc)[a:b])
            bodies = [s for s in spans if a <= s.start_char < b]
            if _ABOUT_BEFORE.match(entry) or _LIST_FILLER.match(entry) or (
                    members and args and _APPOSED_ENTRY.match(doc_text(doc)[a:b]) and doc_text(doc)[:a].rstrip().endswith(",")
                    and all(s._.generic for s in bodies) and not role_phrase(entry)):
                taken.update(id(s) for s in bodies)      # "X, a voluntary adoption agency": says what X is
                continue                        # "three lay members, one of whom is a carer": said of the entry before
            if members and _ADVISORY_SEAT.search(doc_text(doc)[a:b]):
                taken.update(id(s) for s in bodies)      # "with an officer of X as adviser": there, no member
                continue
            each = _EACH.search(entry)
            if bodies and all(s._.generic for s in bodies) and each:    # "one governor from each of the special schools"
                args.append((_PLACE_TAIL.sub("", each.group("who").strip()), entry))
                taken.update(id(s) for s in bodies)
                continue
            if bodies and all(s._.generic for s in bodies) and members and _ROLE_FROM.match(entry):
                args.append((entry, entry))     # "leaders from the health and social care system"
                taken.update(id(s) for s in bodies)
                continue
            title = _title_member(doc_text(doc)[a:b], bodies[0].start_char - a) if members and len(bodies) == 1 else None
            title = title or (_role_after(doc_text(doc)[a:b], bodies[0].end_char - a) if members and len(bodies) == 1 else None)
            if title:                           # "the Director of Children's Services": the role
                args.append((title, entry))
                taken.add(id(bodies[0]))
                continue
            if members and bodies and (role := _people_before_clause(doc_text(doc)[a:b], a, bodies)):
                # "14 young people who are looked after by X Council": the people, not the body their
                # relative clause names
                args.append((role, entry))
                taken.update(id(s) for s in bodies)
                continue
            if bodies:
                # "the Locality Board of the Wolds Partnership": the part is the entry, not its whole
                wholes = [s for k, s in enumerate(bodies) if k and _OF_THE.fullmatch(
                    doc_text(doc)[bodies[k - 1].end_char:s.start_char])]
                # "the CCG's Head of Community Services": the CCG sends its post holder; the
                # department only completes the post's title
                wholes += [s for k, s in enumerate(bodies) if k and (post := _OWNED_POST.fullmatch(
                    doc_text(doc)[bodies[k - 1].end_char:s.start_char])) and _role_words().search(post.group("title"))]
                # "the Responsible Authority (Northby Police, the Probation Trust and ...)": a grouping,
                # its bodies in brackets the members
                wholes += [s for s in bodies if _grouping(doc_text(doc), s, bodies)]
                # "Northby County Council (Adult Social Care and Housing)": the council's own parts, no members
                wholes += [part for s in bodies if not s._.generic for part in _parts_in_brackets(doc_text(doc), s, bodies)]
                taken.update(id(s) for s in wholes)
                for span in bodies:
                    if id(span) not in taken:
                        taken.add(id(span))
                        args.append((span, entry if len(bodies) == 1 else span.text))
                continue
            if each:
                args.append((_PLACE_TAIL.sub("", each.group("who").strip()), entry))
                continue
            role = role_phrase(entry)
            if role:
                args.append((role, entry))
            elif members and entry and len(entry.split()) <= ENTRY_MAX_WORDS and not _VAGUE.search(entry) \
                    and not re.match(r"^\w+ing\b", entry) \
                    and not re.match(r"^\s*\w+ed\b", doc_text(doc)[a:b]) \
                    and not _SIZE_ONLY.match(_ROLE_LEAD.sub("", entry)) \
                    and not _NOT_A_ROLE.match(entry) and not _NOT_AN_ENTRY.search(doc_text(doc)[a:b]):
                # ("tackling supply", "ten members", "in May membership", "statutory", "is a",
                # "oversees the work of ...", "senior representatives of": not members)
                # "Mrs A Smith (parent governor representative)": the person, their post in brackets
                args.append((_TRAILING_BRACKET.sub("", _ROLE_LEAD.sub("", entry)) or entry, entry))
        titled = _TITLE_FOR_ALL.match(args[0][0]) if args and isinstance(args[0][0], str) else None
        if titled:                      # "Councillors T. Bello, R. Okafor and P. Dunn": each a councillor
            # (the last two joined: "Councillors Threlfall, Brennan, Lightfoot and Ndlovu")
            args = [(part, w) for k, (a, w) in enumerate(args)
                    for part in (a.split(" and ") if k and isinstance(a, str) and all(
                        _BARE_NAME.match(p) for p in a.split(" and ")) else [a])]
            args = [(f"Councillor {a[titled.end():] if k == 0 else a}", w)
                    if k == 0 or (isinstance(a, str) and _BARE_NAME.match(a)) else (a, w) for k, (a, w) in enumerate(args)]
        # a body named across a separator ("Children, Young People & Skills Committee")
        for span in after:
            if id(span) not in taken and span.start_char < offset + len(text):
                args.append((span, span.text))
        return [(a, w) for a, w in args if not isinstance(a, Span) or a.start_char < finish]

    def signature(self, doc: Doc, previous: str | None) -> list[Found]:
        """A signature: "Amanda Jupp Chair - West Sussex Health and Wellbeing Board", or
        "Chair, <body>" under a line holding only the name: the body is chaired by them."""
        text = doc_text(doc).strip()
        if len(text.split()) > SIGNATURE_MAX_WORDS:
            return []
        for rule_id, relation, rx in _signatures():
            m = rx.match(text)
            if not m:
                continue
            who = m.group("who")
            if who is None and previous and _NAME_LINE.match(previous.strip()):
                who = previous.strip()
            start = doc_text(doc).index(m.group("body")) if m.group("body") in doc_text(doc) else None
            bodies = [s for s in doc.spans[AGENCY_SPANS] if start is not None and s.start_char >= start
                      and not s._.generic]
            # "Clinical Chair NHS Crawley CCG NHS Horsham CCG": bodies named one after another
            chaired = bodies[:1]
            for span in bodies[1:]:
                if doc_text(doc)[chaired[-1].end_char:span.start_char].strip(" ,&and"):
                    break
                chaired.append(span)
            short = _SHORT_BODY.match(m.group("body"))
            if who and not chaired and short:
                # "Chair of the Board and Cabinet Member for X" under a name: the paper's Board,
                # chaired by the post its chair holds
                own = self._by_head(short.group("head").lower())
                post = role_phrase(short.group("post")) if short.group("post") else None
                chaired = [own] if own is not None else []
                who = post or who
            if who and chaired:
                return [Found(body, who, relation, None, None, "does", doc[:], rule_id) for body in chaired]
        return []

    @staticmethod
    def signature_columns(rows: list[list[str]]) -> list[tuple[str, str | None]]:
        """A table of signatures (names over roles over bodies, one signatory a column):
        each column's text read down, with the name above it, for signature()."""
        if not rows or len(rows) > SIGNATURE_TABLE_MAX_ROWS:
            return []
        columns = []
        for c in range(max(len(r) for r in rows)):
            cells = [r[c].strip() for r in rows if c < len(r) and r[c].strip()]
            if len(cells) >= 2 and _NAME_LINE.match(cells[0]):
                columns.append((" ".join(cells[1:]), cells[0]))
        return columns

    @staticmethod
    def heads_attendance(heading: str | None) -> bool:
        """Is a section headed "Present:" ("Attendees", "Members present"): its lines, one
        person each, are an attendance list?"""
        return bool(heading) and bool(_roster()["mem-present"].match(heading.strip().rstrip(":") + ":"))

    @staticmethod
    def attendance_label(text: str) -> str | None:
        """"present" for a label alone on its line opening an attendance list ("Board members
        present:"), "not" for one opening those who are no members ("In attendance:"), else None."""
        text = text.strip().rstrip(":").strip()        # ("Attendees" alone on its line, with no colon)
        if not text or len(text.split()) > ATTENDANCE_LABEL_MAX_WORDS:
            return None
        if _roster()["mem-present"].fullmatch(text + ":"):
            return "present"
        return "not" if _roster()["mem-not-members"].fullmatch(text) else None

    @staticmethod
    def opens_present_list(text: str) -> bool:
        """"Present:  Cllr J Orme (Chair) - Cabinet Member for Housing" with one person after the
        label: the first of a list of those present, one a line below it."""
        label = _roster()["mem-present"].match(text.strip())
        rest = text.strip()[label.end():] if label else ""
        return bool(rest) and ";" not in rest and " and " not in rest \
            and len(re.findall(rf"\b{PERSON_TITLE}", rest)) <= 1 and not re.search(r"\bCouncillors\b", rest)

    @staticmethod
    def not_members(text: str) -> bool:
        """Does the paragraph open with those who are no members ("Also in attendance: ...")?"""
        return bool(_roster()["mem-not-members"].match(text.strip()))

    def _sent_by_body(self, doc: Doc) -> bool:
        """Does a line of those present name, in a cell after the person's, a body that sent
        them ("Cllr J Beddow    Fenbridge City Council" at a consultative committee): then the
        committee is one of bodies' representatives, and the body is the member."""
        at = _cell_spans(doc_text(doc))
        return len(at) > 1 and any(
            not s._.generic and s.start_char >= at[1][0] and _name(s) not in (_name(self.main_body), self.council)
            for s in doc.spans[AGENCY_SPANS])

    def attendance(self, doc: Doc, listed: bool = False) -> list[Found] | None:
        """"PRESENT: Councillor J Harper (Chairman), Dr S Iqbal (Eastvale CCG), ...": in the
        minutes of a body, each organisation in brackets sits on it; None when the paragraph
        is no attendance list ("In attendance:", "Apologies" name no members). `listed`: the
        paragraph is one line of a list under a "Present:" heading."""
        text = doc_text(doc)
        if not listed and not _roster()["mem-present"].match(text.strip()):
            return None
        text = _roster()["mem-not-members"].split(text)[0] if listed else text
        if self.main_body is None:
            return []
        cells = _cells(text) if listed else []
        if len(cells) == 2 and _CHAIR_CELL.fullmatch(cells[1].strip()) and PERSON_FIRST.match(cells[0].strip()):
            # "Mr R. Hollings      Independent Chair": the person named chairs, and sits by that post
            return [Found(self.main_body, cells[0].strip(), "chaired_by", None, None, "does", doc[:], "mem-present"),
                    self._seat(cells[1].strip(), doc, "mem-present", cells[1].strip())]
        if not _ATTENDED_BODY.search(_name(self.main_body)) and not (listed and self._sent_by_body(doc)):
            # a council's or committee's "Present" lists its councillors, who are its members, and
            # guests ("PRESENT: Cllr H Ackroyd (Town Mayor) Cllrs B Duckworth, M Greaves and E Walsh")
            present = _roster()["mem-present"].sub("", text.strip(), count=1) if not listed else text
            present = _PRESENT_ENDS.split(_IN_THE_CHAIR.sub(",", re.sub(r"\([^()]*\)", ",", present)), maxsplit=1)[0]
            # (names set out in columns, one under another: "Councillor P Marsh  Councillor R Bell")
            present = _TITLE_RUN_ON.sub(", ", present)
            titled_after = _TITLED_AFTER.search(present)     # "Miss J Ritchie, Mr A Landau ..., Councillors"
            names = _names(present[:titled_after.start()]) if titled_after else \
                [n for n in _names(present) if _LIST_TITLE.match(n)]
            return [self._seat(name, doc, "mem-present", name) for name in names]
        out = []
        for m in re.finditer(r"\(([^()]*)\)", text):
            inner = re.sub(r"\s+", " ", m.group(1)).strip()
            if _CHAIR_MARK.fullmatch(m.group()):
                # "Cllr S Okafor, Cabinet Member for Adult Social Care (Chair)", "Cllr M Ellery (Chair) -
                # Cabinet Member for Children": the body is chaired by the post; "Supt G Holt   Northmarsh
                # Constabulary (Chair)": by the body the chair comes from (not a council of a post:
                # "Cabinet Member for X,\n Kingsholt Council (Chair)")
                chair = _chair_post(text, m) or next(
                    (b for b in doc.spans[AGENCY_SPANS] if not b._.generic and b.end_char <= m.start()
                     and not text[b.end_char:m.start()].strip() and not _role_words().search(text[:b.start_char])
                     and not _COUNCIL_NAME.match(_name(b)) and _name(b) != _name(self.main_body)), None)
                if chair is not None:
                    out.append(Found(self.main_body, chair, "chaired_by", None, None, "does", doc[:], "mem-present"))
                    written = chair if isinstance(chair, str) else span_text(chair)
                    out.append(self._seat(chair, doc, "mem-present", written))     # (a member present, too)
                    continue
            inside = [s for s in doc.spans[AGENCY_SPANS] if m.start(1) <= s.start_char and s.end_char <= m.end(1)]
            named = [s for s in inside if not s._.generic] or inside
            if named and _ROLE_OF.search(text[m.start(1):named[0].start_char]):
                continue              # "(Chair, Director of Children's Services)": a role, not a body sent
            if named and _name(named[0]) != _name(self.main_body):
                # "(Northby Borough Council, Children's Services)": the body first named sends them
                out.append(self._seat(named[0], doc, "mem-present", inner))
            elif not inside and _SEAT.search(inner) and (role := role_phrase(inner)):
                out.append(self._seat(role, doc, "mem-present", inner))    # "Tom Hale (Lay Member)": by the role
        if listed and not out:
            # "Dr A Patel  Clinical Chair  NHS Northby CCG": the organisation closes the line
            bodies = [s for s in doc.spans[AGENCY_SPANS] if not s._.generic and s.start > 0
                      and s.end_char <= len(text) and _name(s) != _name(self.main_body)]
            cells = _cells(text)
            if len(cells) < 2 and (dashed := _NAME_DASH_POST.match(text.strip())) \
                    and not role_phrase(PERSON_FIRST.sub("", dashed.group("name"))):
                cells = [dashed.group("name"), dashed.group("post")]     # "Mark Hollis - Director of Adult Social Care"
            role = role_phrase(_CHAIR_MARK.sub("", cells[-1]).strip()) if len(cells) > 1 else None
            if bodies:
                out.append(self._seat(bodies[-1], doc, "mem-present", span_text(bodies[-1])))
            elif role and not PERSON_FIRST.match(cells[-1]):
                # "Mr D Kowalski      Primary Head Teacher": the seat is the role its last cell names
                out.append(self._seat(role, doc, "mem-present", cells[-1].strip()))
            elif len(cells) == 1 and _LIST_TITLE.match(text.strip()):
                # "Councillor Denise Harper (Chair)" alone on its line: the councillor sits on it
                out += [self._seat(name, doc, "mem-present", name) for name in _names(text)]
        return out

    def _seat(self, member, doc: Doc, rule: str, written: str, owner=None) -> Found:
        """`member` sits on `owner` (by default the paper's body), as a line of an attendance list or
        membership table says."""
        return Found(member, owner or self.main_body, "member_of", None, None, "does", doc[:], rule, written)

    @staticmethod
    def heads_member_table(doc: Doc) -> bool:
        """Is this the header row of a membership table set out as text ("ORGANISATION
        REPRESENTATIVE")? The rows under it name one member body each, first."""
        return bool(_TABLE_HEAD.match(doc_text(doc)))

    @staticmethod
    def governance_header(doc: Doc) -> list[tuple[str, str | None]] | None:
        """The columns of a governance table's header row set out as text ("Group  Chaired by
        Reports to"): (role, the body a header names) per cell, or None when the row is no such
        header (its first cell names bodies, and another their chairs or where they report)."""
        cells = _cells(doc_text(doc))
        if len(cells) < 2:
            return None
        columns: list[tuple[str, str | None]] = []
        for cell in cells:
            role = next(((name, m.groupdict().get("target")) for name, rx in _table_columns()
                         if (m := rx.match(cell.strip(" :")))), ("other", None))
            if role[0] == "body" and _SUBGROUPS_COLUMN.match(cell.strip(" :")):
                role = ("body", SUBGROUP_COLUMN)        # "Sub-group  Who chairs it": each row's body is one
            columns.append(role)
        # (the bodies' column is the first, or follows a column of what each leads: "LAA block
        # Thematic partnership  Reports to")
        body = next((k for k, (role, _) in enumerate(columns) if role == "body"), None)
        if body is None or body > 1 or not any(r in ("chair", "reports_to", "reports_to_named", "relationship", "members")
                                               for r, _ in columns[body + 1:]):
            return None
        return columns

    def governance_row(self, doc: Doc, columns: list[tuple[str, str | None]]) -> list[Found]:
        """A row of a governance table: its first cell's body is chaired by the post in the chair
        column, reports to the body in the reports-to column (or the header's, as often as the
        cell says), and takes the lead-in's open cue ("the following groups, each of which reports
        to it quarterly:")."""
        text = doc_text(doc)
        cells = _cell_spans(text)
        at = next(k for k, (role, _) in enumerate(columns) if role == "body")
        if len(cells) < at + 2:
            return []
        first = cells[at]
        bodies = [s for s in doc.spans[AGENCY_SPANS] if first[0] <= s.start_char < first[1] and not s._.generic]
        body = bodies[0] if bodies else _clean_entry(text[first[0]:first[1]])
        if not body:
            return []
        sent = doc[:]
        out: list[Found] = []
        # (the section's body, else the paper's; not a heading of kinds alone: "4. Sub-groups")
        whole = self.section_body if self.section_body is not None and not self.section_body._.generic \
            and len(_name(self.section_body).split()) > 1 else self.main_body
        if columns[at][1] == SUBGROUP_COLUMN and whole is not None:
            out.append(Found(body, whole, "subgroup_of", None, None, "does", sent, "rel-table-subgroup"))
        frequencies = []
        for (role, _named), (a, b) in zip(columns, cells):
            if role in ("frequency", "reports_to_named"):
                frequencies += [f for f in doc.spans[FREQUENCY_SPANS] if a <= f.start_char < b]
        for (role, named), (a, b) in zip(columns[at + 1:], cells[at + 1:]):
            cell = text[a:b].strip()
            if role == "chair" and cell and not _EMPTY_CELL.match(cell):
                # a body when the cell names only it ("Active Northby"), else the post as printed
                chair = next((s for s in doc.spans[AGENCY_SPANS] if s.start_char == a and s.end_char == b
                              and not s._.generic), None)
                if chair is None and (person := _NAME_THEN_BODY.match(cell)) and not role_phrase(person.group("name")) \
                        and not any(s.start_char <= a + person.end("name") - 1 < s.end_char for s in doc.spans[AGENCY_SPANS]):
                    chair = person.group("name")      # "Gary Tennant, Northby People First": the person
                out.append(Found(body, chair if chair is not None else _ROLE_LEAD.sub("", cell).strip() or cell,
                                 "chaired_by", None, None, "does", sent, "rel-table-chair"))
            elif role == "reports_to" and cell and not _EMPTY_CELL.match(cell):
                # ("Board, quarterly", "CA Board (each meeting)": the body, and how often)
                in_cell = [f for f in doc.spans[FREQUENCY_SPANS] if a <= f.start_char < b]
                bare = _without_frequencies(text, a, b, in_cell).strip(" ,;()")
                target = next((s for s in doc.spans[AGENCY_SPANS] if a <= s.start_char < b), None) \
                    or self._referred("the " + bare if _BARE_HEAD.match(bare) else cell) or bare or cell
                out += self._found(body, target, "reports_to", frequencies + in_cell, "does", sent, "rel-table-reports")
            elif role == "relationship" and cell:
                out += self._relationship_cell(body, cell, frequencies, sent)
            elif role in ("members", "members_bare") and cell and not _EMPTY_CELL.match(cell) and not cell.isdigit():
                out += [Found(member, body, "member_of", None, None, "does", sent, "mem-table-column", written)
                        for member, written in cell_members(doc, a, b)]
            elif role == "reports_to_named" and named and cell and not _EMPTY_CELL.match(cell):
                target = self._referred("the " + named) or self._by_head(named.split()[-1].lower()) or named
                out += self._found(body, target, "reports_to", frequencies, "does", sent, "rel-table-reports")
        # (each open cue: "Four delivery groups sit beneath the CDP and report to it at every meeting:")
        for pending in ([self.pending] + self.also_pending) if self.pending is not None else []:
            if pending.subject is None and pending.target is not None:
                out += self._found(body, pending.target, pending.relation,
                                   (frequencies or pending.freqs) if pending.relation != "subgroup_of" else [],
                                   pending.modality, sent, pending.rule)
        return [f for f in out if _name(f.source) != _name(f.target)]

    def _relationship_cell(self, body, cell: str, frequencies, sent) -> list[Found]:
        """A governance table's "Relationship" cell, said of its row's body and a body named by
        its head ("Sub-group; reports to the Board", "Feeds into the Board", "The Board reports to it")."""
        out = []
        for part in re.split(r"[;,]|\band\b", cell):
            m = _RELATIONSHIP.search(part)
            if m is None:
                continue
            named = m.group("head") or m.group("head2") or m.group("head3")
            other = self._by_head(_compared(named), far=True) if named else self.main_body
            if other is None:
                continue
            if m.group("subgroup"):
                out += self._found(body, other, "subgroup_of", [], "does", sent, "rel-table-relationship")
            elif m.group("to_it"):
                out += self._found(other, body, "reports_to", frequencies, "does", sent, "rel-table-relationship")
            else:
                relation = "feeds_into" if m.group("feeds") else "reports_to"
                out += self._found(body, other, relation, frequencies, "does", sent, "rel-table-relationship")
        return out

    def table_row(self, doc: Doc, owner=None) -> list[Found]:
        """A row of a membership table: the body in its first column sits on `owner`, by default
        the body the section is about, else the paper's (its representative's post, in the next
        column, is no body)."""
        owner = owner or self.section_body or self.main_body     # ("D. MEMBERSHIP OF THE STRATEGIC BOARD" over it)
        if owner is None:
            return []
        spans = [s for s in doc.spans[AGENCY_SPANS] if _name(s) != _name(owner)]
        first = spans[0] if spans and spans[0].start_char <= ROW_BODY_MAX_OFFSET else None
        cells = _cells(doc_text(doc))
        if first is None and len(cells) > 1 and PERSON_FIRST.match(cells[0]):
            return self.person_row(doc, owner)
        if first is None:               # "Co-opted independent members   2": a role's seats
            role = role_phrase(cells[0]) if len(cells) > 1 else None     # (a person first: person_row's, above)
            if role and role[1:] == role[1:].lower():
                role = role[:1].lower() + role[1:]       # capitalised only as the row's first word
            return [self._seat(role, doc, "mem-table", cells[0], owner)] if role else []
        if len(cells) > 1 and _APPOINTING_BODY.search(_name(owner)):
            # a council's or its cabinet's appointments to outside bodies ("Almshouse Charity  Cllr J Ash
            # Cllr R Mell  4 years", "Community Safety Partnership  Cabinet Member for Communities"):
            # the councillors or the post named sit on the body of their row
            if _ADVISORY_SEAT.search(cells[1]) or _ADVISER_WORD.search(cells[1]):
                return []          # ("Cllr P Catt (observer, non-voting)": there, no member)
            listed = _TITLE_RUN_ON.sub(", ", _BRACKETED.sub("", cells[1]))
            seats = [n for n in _names(listed) if _LIST_TITLE.match(n)] or [r for r in (role_phrase(cells[1]),) if r]
            return [self._seat(seat, doc, "mem-table", seat, first) for seat in seats]
        return [self._seat(first, doc, "mem-table", span_text(first), owner)]

    @classmethod
    def membership_header(cls, doc: Doc) -> tuple | None:
        """A membership table's header row, as how its rows are read: ("person", (person's
        column, body's column)) where it names the person first and whom they represent;
        ("members", (members' column, cells)) where it names a column of members; else None."""
        if (columns := cls.person_columns(doc)) is not None:
            return "person", columns
        if (column := cls.members_column(doc)) is not None:
            return "members", (column, len(_cell_spans(doc_text(doc))))
        return None

    def membership_row(self, doc: Doc, header: tuple, owner=None) -> list[Found] | None:
        """A row under a membership table's header (see membership_header); None where the row
        gives a count of seats, no names, and is read otherwise."""
        kind, columns = header
        return self.person_row(doc, owner, columns) if kind == "person" else self.column_row(doc, *columns, owner)

    @staticmethod
    def person_columns(doc: Doc) -> tuple[int, int] | None:
        """The columns of the person and of the body they represent, in the header row of a
        membership table naming the person first ("Name  Representing  Role": (0, 1); "Group
        Name  Representing": (1, 2)), or None when the row is no such header."""
        cells = _header_cells(doc)
        if cells is None:
            return None
        person = next((k for k, c in enumerate(cells) if _PERSON_COLUMN.match(c)), None)
        body = next((k for k, c in enumerate(cells) if _REPRESENTED_COLUMN.search(c)), None)
        # (the body first, "Organisation  Representative", is a table of member bodies: table_row's)
        return (person, body) if person is not None and body is not None and person < body else None

    @staticmethod
    def members_column(doc: Doc) -> int | None:
        """Which column of a membership table's header row holds its members by name
        ("Category of member  No.  Member(s)": 2; "Name  Nominated by  Term ends": 0), or None
        when the row is no such header, or has a column of the bodies whose seats they are
        ("Name  Representing": the body is the member)."""
        cells = _header_cells(doc)
        if cells is None or any(_SEAT_OWNER_COLUMN.search(c) for c in cells):
            return None
        return next((k for k, c in enumerate(cells) if _MEMBERS_COLUMN.match(c)), None)

    def column_row(self, doc: Doc, column: int, width: int, owner=None) -> list[Found] | None:
        """A row of a membership table whose header named the column of its members: the
        bodies, people or role in that cell sit on `owner` (by default the section's body, else
        the paper's), a person marked "(Chair)" chairing it."""
        owner = owner or self.section_body or self.main_body
        text = doc_text(doc)
        at = _cell_spans(text)
        if owner is None or not at:
            return []
        # (a row short of a cell keeps its first and its last: "Academies  Fenwick Academy Trust")
        k = column if len(at) == width else 0 if column == 0 else len(at) - 1 if column == width - 1 else None
        if k is not None and text[at[k][0]:at[k][1]].strip().isdigit():
            return None            # "Group  Members  Elected by": a count of seats; the row is read as a list's
        if k is None or _VACANT.match(text[at[k][0]:at[k][1]]):
            return []
        seated = self._seated_in_cell(doc, *at[k], owner)
        cell = text[at[k][0]:at[k][1]]
        if seated and all(isinstance(f.source, str) for f in seated) and not _names(cell) \
                and not _MANY.search(cell.split(",")[0]) and not _OWN_RIGHT.search(cell):
            # ("Head of Autism Services  Northby Council, Adult Social Care": one post, and the body
            # it is held in beside it: the body is the member, as where a table names it first)
            bodies = [s for j, (a, b) in enumerate(at) if j != k
                      for s in doc.spans[AGENCY_SPANS] if a <= s.start_char < b and not s._.generic]
            if bodies:
                return [self._seat(bodies[0], doc, "mem-table-column", span_text(bodies[0]), owner)]
        return seated

    def _seated_in_cell(self, doc: Doc, start: int, end: int, owner) -> list[Found]:
        """The members a table's cell names sit on `owner`, a person marked "(Chair)" chairing it."""
        members = [(m, w) for m, w in cell_members(doc, start, end) if _name(m) != _name(owner)]
        return [self._seat(m, doc, "mem-table-column", w, owner) for m, w in members] \
            + _chairs_marked(doc_text(doc)[start:end], [m for m, _ in members if isinstance(m, str)], owner, doc)

    def people_row(self, doc: Doc, owner) -> list[Found] | None:
        """A membership list's row set out in cells of people ("Mrs J Threlfall (Chair)  Mr K
        Dobbs"), or a category then its people ("Independent members  Mr D Halloran (Chair), Mrs
        P Ngata"): each person sits on `owner` (the body in brackets after one, where named), a
        person marked "(Chair)" chairing it. None when the row is not so set out."""
        text = doc_text(doc)
        at = _cell_spans(text)
        titled = [(a, b) for a, b in at if PERSON_FIRST.match(text[a:b])]
        if owner is None or len(at) < 2 or not titled or (titled[0] == at[0] and len(titled) < len(at)) \
                or any(at[0][0] <= s.start_char < at[0][1] and not s._.generic for s in doc.spans[AGENCY_SPANS]):
            return None            # (a person, then their body: person_row's; a body, then its people: table_row's)
        return [found for a, b in titled for found in self._seated_in_cell(doc, a, b, owner)]

    def labelled_seat(self, doc: Doc) -> list[Found] | None:
        """A line of a membership set out as "Label:  value" ("Police:  DI J Smith, Sedge Police",
        "Housing:  Sedge Homes", "Chair:  Independent Chair (Ms A Ross)"): the body the value
        names sits on the section's body (else the paper's), else the post it names; the post
        labelled "Chair" chairs it. None when the line is no such field."""
        owner = self.section_body or self.main_body
        m = _LABELLED_SEAT.match(doc_text(doc))
        if owner is None or m is None or (m.group("gap") == " " and not _political_group(m.group("label"))):
            return None             # (one space after the colon only after a party: "Green: Cllr N Eve")
        bodies = [s for s in doc.spans[AGENCY_SPANS] if s.start_char >= m.start("value") and not s._.generic
                  and _name(s) != _name(owner)]
        value = m.group("value").strip(" .;")
        named = (_councillors(value) or ([value] if _PERSON_NAME.fullmatch(value) else [])) if not bodies else []
        if named:                # "Conservative:  Cllr J Adams, Cllr K Bell", "Green: Cllr N Eve": a group's councillors
            chair = [Found(owner, named[0], "chaired_by", None, None, "does", doc[:], "mem-labelled")] \
                if _CHAIR_LABEL.match(m.group("label")) and len(named) == 1 else []
            return [self._seat(name, doc, "mem-labelled", name, owner) for name in named] + chair
        seat = bodies[-1] if bodies else role_phrase(_BRACKETED.sub("", m.group("value")))
        if seat is None:
            return None
        out = [self._seat(seat, doc, "mem-labelled", span_text(seat) if isinstance(seat, Span) else seat, owner)]
        if _CHAIR_LABEL.match(m.group("label")) and isinstance(seat, str):
            out.append(Found(owner, seat, "chaired_by", None, None, "does", doc[:], "mem-labelled"))
        return out

    def person_row(self, doc: Doc, owner=None, columns: tuple[int, int] = (0, 1)) -> list[Found]:
        """A membership table's row naming the person first ("Mr R. Tallis  Country Land and
        Business Association (CLA)", "Sandra Okafor  Harrowfield Chamber of Commerce  Member"):
        the body in the second cell sits on `owner` (by default the section's body, else the
        paper's); one who sits in their own right ("Mr P. Ansty  individual member (farmer)") is
        the member; an observer, or a vacant seat, none. A council's (or its cabinet's) table is
        of its appointments: the councillor sits on the body beside them ("Cllr J Ash  Northby
        Almshouse Charity")."""
        owner = owner or self.section_body or self.main_body
        text = doc_text(doc)
        at = _cell_spans(text)
        cells = [text[a:b] for a, b in at]
        who, whose = columns       # (the header's columns: "Group  Name  Representing")
        if owner is None or len(cells) <= max(columns) or _VACANT.match(cells[who]) \
                or _ADVISORY_SEAT.search(cells[whose]) or _ADVISER_WORD.search(cells[whose]):
            return []
        a, b = at[whose]
        person = re.sub(r"\s*\([^()]*\)", "", cells[who]).strip()
        body = next((s for s in doc.spans[AGENCY_SPANS] if a <= s.start_char < b and not s._.generic
                     and _name(s) != _name(owner)), None)
        if body is not None and _APPOINTING_BODY.search(_name(owner)):
            return [self._seat(person, doc, "mem-table", person, body)]
        # ("Head of Early Years (Chair)  Northby Council": a post first, the post chairs)
        post = role_phrase(person) if not PERSON_FIRST.match(person) else None
        chair = [Found(owner, post, "chaired_by", None, None, "does", doc[:], "mem-table")] \
            if post and _CHAIR_MARK.search(cells[who]) else []
        if body is not None:
            return [self._seat(body, doc, "mem-table", span_text(body), owner)] + chair
        if _OWN_RIGHT.match(cells[whose]) or post:
            # ("Nursery school head teacher  maintained sector": a post no body sends sits as itself)
            return [self._seat(post or person, doc, "mem-table", person, owner)] + chair
        return []

    def nomination(self, doc: Doc) -> list[Found]:
        """"Village Hall Committee – Councillors Sally Sahin and Victoria Whitehead": each
        councillor named is a member of the body the line opens with."""
        appointed = self._appointed(doc)
        if appointed:
            return appointed
        m = _roster()["mem-nomination"].match(doc_text(doc).strip())
        if not m or _roster()["mem-present"].match(m.group("body").strip() + ":") \
                or _roster()["mem-not-members"].match(m.group("body").strip()) or self.not_members(doc_text(doc)) \
                or PERSON_FIRST.match(m.group("body").strip()):     # "Cllr X, Y Council (substitute: Cllr Z)"
            return []
        body = next((s for s in doc.spans[AGENCY_SPANS] if s.start_char < m.end("body") + 2), None)
        label = m.group("body").strip()
        after = _BRACKETED.sub("", doc_text(doc)[body.end_char:m.end("body")]).strip() if body is not None else ""
        if (body is not None and (after or _COUNCIL_NAME.match(_name(body)))) or (body is None and role_phrase(label)):
            # ("Cabinet Member: Councillor R Dunmore", "Portfolio Holder - ...": a post's label, not a body's;
            # "Northby City Council: Councillors A. Patel and J. Rowe": those present from the council)
            return []
        if body is None and (_MEMBERSHIP_LABEL.match(label) or _SIDE_LABEL.match(label) or (" " not in label and not label.isupper())
                             or _political_group(label) or _HOW_ATTENDED.fullmatch(label)):
            # "Membership: Cllr A Shaw (Chair), Cllr B Lund", "Employer side: Cllr A Shaw, ...": a membership cue's, read as such;
            # "Signed: Cllr B Halloway, Cabinet Member for ...": a word alone names no body; "Liberal
            # Democrat: Cllr N Eve": a party's councillors (read as a membership's field); "Via Zoom:
            # Councillor X": how they attended
            return []
        owner = body if body is not None else (title_case(label) if label.isupper() else label)
        # (the names end where the item goes on: "Cllrs Hale and Ames. The Chairman ...", "...; a
        # working group of ...", "..., to be chaired by ...")
        who = _NAMES_END.split(m.group("who"), maxsplit=1)[0]
        pieces = [p.strip() for p in re.split(r",|\band\b|\bplus\b", who)]
        # ("plus two co-opted residents"; not "the Clerk", who serves the body)
        roles = [role for p in pieces if not _roster()["mem-name"].match(p) and not _LIST_TITLE.match(p)
                 and (role := role_phrase(p)) and role.lower() not in _non_member_roles()]
        names = _names(who)
        return [Found(name, owner, "member_of", None, None, "does", doc[:], "mem-nomination")
                for name in names + roles if name != _name(owner)] + _chairs_marked(who, names, owner, doc)

    @staticmethod
    def councillors(doc: Doc) -> list[str]:
        """The councillors a paragraph only lists ("Cllr A Bright (Chair), Cllr P Coombes, ...",
        "Cllr A Bright   Cllr P Coombes   Cllr R Dyer" in columns), each with their title; [] when
        it says more than names."""
        return _councillors(doc_text(doc))

    def listed_councillors(self, doc: Doc, owner) -> list[Found]:
        """Members of `owner`, the body a lead-in named ("3.3 Audit Committee (7 members):"),
        from a paragraph that only lists councillors."""
        names = self.councillors(doc)
        first = next(iter(doc.sents), None)
        if not names and first is not None and first.end < len(doc):
            # ("Peter Guthrie (Chair), Cllr A Dewar, Cllr J Rennie. Under the Standing Orders ...": its first sentence)
            names = self.councillors(doc[:first.end].as_doc())
        return [self._seat(name, doc, "mem-councillors", name, owner)
                for name in names if name != _name(owner)] + _chairs_marked(doc_text(doc), names, owner, doc)

    def after_nomination(self, doc: Doc, nominated: list[Found], new_paragraph: bool = True) -> list[Found]:
        """What the rest of a nomination's item says is about the body it named ("a) Planning
        Committee: Cllrs Hale and Ames. The Chairman of the Council is an ex officio member. Its
        minutes will be received at each ordinary meeting of the Council.")."""
        owner = nominated[0].target
        self.last_subjects, self.last_first, self.members_of = [owner], owner, owner
        named = {_name(f.source) for f in nominated}
        return [f for f in self.read(doc, new_paragraph=new_paragraph)
                if not (f.relation == "member_of" and _name(f.source) in named)]

    def _appointed(self, doc: Doc) -> list[Found]:
        """"RESOLVED that Cllrs Hale, Burton and Singh be appointed to the Planning Committee",
        "RESOLVED that the following be appointed to the Finance Committee: Cllr A Hale and Cllr B
        Burton": each councillor named is a member of the body they were appointed to; "Cllr F King
        replaced Cllr B Gray on the Committee": the one who came in. (A line opening "The
        following were appointed to the X Committee:" is read by its label, as any nomination
        line is.)"""
        text = doc_text(doc)
        out = []
        matches = [(rule, m) for rule in ("mem-appointed", "mem-replaced") for m in _roster()[rule].finditer(text)]
        for rule, m in matches:
            who, body_at = (m.group("who"), m.start("body")) if m.group("who") else (m.group("who2"), m.start("body2"))
            named = next((s for s in doc.spans[AGENCY_SPANS] if s.start_char == body_at and not s._.generic), None)
            # (not what seat it is: "to the Committee as a non-voting member")
            written = re.sub(r"\s+as\s+(?:an?\s+)?[\w -]*?(?:member|representative)s?$", "",
                             (m.group("body") or m.groupdict().get("body2") or "").strip())
            # ("be co-opted to the Committee": the body "the Committee" stands for)
            kind = self._by_head(_compared(written), far=True) if named is None and " " not in written else None
            owner = named if named is not None else kind if kind is not None else written
            person = _PERSON_NAME.match(who)
            for name in _names(who) or ([person.group()] if person else []):
                out.append(Found(name, owner, "member_of", None, None, "does", doc[:], rule))
        return out

    def roster(self, owner: Doc, entries: list[Doc]) -> list[Found]:
        """"The Strategy Advisory Group:" then "Ann Corkery - Consultant in Public Health",
        "David Dent, Councillor" ...: each person is a member of the body over the list
        (a bare "The Council" is the body the paper is about); officers who serve a body
        (its clerk) are not members."""
        body = next((s for s in owner.spans[AGENCY_SPANS] if not s._.generic), None)
        text = re.sub(r"^\s*the\s+|[:\s]+$", "", owner.text.strip(), flags=re.IGNORECASE)
        if body is None:
            if not re.search(rf"\b(?:{ROSTER_BODY_WORDS})$", text, re.IGNORECASE):
                return []
            body = self.main_body if len(text.split()) == 1 and self.main_body is not None else text
        out = []
        for entry in entries:
            for piece in _roster()["mem-roster-split"].split(entry.text.strip()):
                m = _roster()["mem-roster-entry"].match(piece.strip())
                if m and m.group("role").strip().lower() not in _non_member_roles():
                    out.append(Found(m.group("who"), body, "member_of", None, None, "does", entry[:],
                                     "mem-roster", piece.strip()))
        return out

    @staticmethod
    def roster_entries(text: str) -> int:
        """How many roster entries ("Name - Role") a paragraph holds, 0 if it is something else."""
        pieces = _roster()["mem-roster-split"].split(text.strip())
        return len(pieces) if all(_roster()["mem-roster-entry"].match(p.strip()) for p in pieces) else 0

    def list_owner(self, lead: Doc | None):
        """The body whose members a list introduces: named in its lead-in, or
        the body an anaphor there stands for ("of the Board"), or the paper's."""
        if lead is not None and _REPRESENTING.match(lead.text) and self.list_owned is not None:
            return self.list_owned      # "For the CCG:" then its seats: the list above goes on
        self.list_owned = self._list_owner(lead)
        return self.list_owned

    def owner_named(self, lead: Doc):
        """The body a membership's lead-in names as whose members follow, after "membership of"
        or "appointed ... to" ("The Partnership is asked to agree the revised membership of the
        Standing Panel:", "The Council has appointed the following members to the JNC:"), or
        None (not "shall consist of seven members of the Town Council:", members drawn from it)."""
        last = list(lead.sents)[-1]
        text = doc_text(lead)
        ofs = {m.end() for m in _MEMBERSHIP_OF.finditer(text, last.start_char, last.end_char)
               if m.start() == last.start_char or "ship" in m.group().lower()}
        ofs |= {m.end() for m in _APPOINTED_TO.finditer(text, last.start_char, last.end_char)}
        ofs |= {k - 4 for k in ofs if text[k - 4:k].lower() == "the "}    # (a span may hold its "the")
        named = next((s for s in lead.spans[AGENCY_SPANS] if s.start_char in ofs and not s._.generic), None)
        if named is not None:
            return named
        # ("appointed the following Members to the Panel:": the body "the Panel" stands for)
        kind = next((m.group("kind") for k in sorted(ofs) if (m := _KIND_AT.match(text, k))), None)
        return self._by_head(_compared(kind), far=True) if kind is not None else None

    def _list_owner(self, lead: Doc | None):
        if lead is not None:
            last = list(lead.sents)[-1]
            self.sent_start, self.opener = last.start_char, []
            # the cue is where the membership is first spoken of ("Its 27 member organisations include:")
            # (not a post's "Member": "chaired by the Cabinet Member for ..., and its members include:")
            cue = next((m for m in _LIST_OWNER_CUE.finditer(last.text)
                        if not (m.group()[:1].isupper() and _TITLED_BEFORE.search(last.text, 0, m.start()))), None)
            cue_start = last.start_char + cue.start() if cue else last.end_char
            verb = _FIRST_VERB.search(last.text)
            if verb and _ITS_MEMBERS.search(doc_text(lead)[last.start_char:cue_start]):
                # "It is chaired by the Cabinet Member for Adult Social Care, and its members include:":
                # the members of what the sentence is about, not of a body inside its first clause
                cue_start = last.start_char + verb.start()
            named = self.owner_named(lead)
            if named is not None:
                return named
            subjects = self._subjects(lead, [s for s in lead.spans[AGENCY_SPANS] if last.start <= s.start],
                                      last.start_char, cue_start, last.end_char, self.last_first)
            if subjects:
                return subjects[0]
            headed = _HEAD_MEMBERSHIP.match(doc_text(lead), last.start_char)
            owner = self._by_head(_compared(headed.group("head")), far=True) if headed else None
            if owner is not None:
                return owner
        # ("112. NORTHBY SEND IMPROVEMENT BOARD" then "The proposed membership is:": that board's)
        return self.section_body or self.main_body

    def list_members(self, item: Doc, owner, rule: str) -> list[Found]:
        """Every agency named in one item of a membership list is a member; an item
        naming none may name a role ("the Cabinet Member for Children")."""
        if owner is None or _ADVISORY_SEAT.search(item.text) or _REPRESENTING.match(item.text):
            # ("Northby Carers' Association, by invitation": there, no member; "For the Council:"
            # heads the seats of one partner, the members under it)
            return []
        _join_names(item)
        sent = item[:]
        dash = _PARTS_DASH.search(item.text)
        opened = dash.start() if dash else item.text.find("(")
        qualified = opened > 0 and any(not s._.generic and s.end_char <= opened and not item.text[s.end_char:opened].strip()
                                       for s in item.spans[AGENCY_SPANS])
        if qualified:                  # "Northby Council (Adult Social Care, Housing)": the council's own parts
            closed = len(item.text) if dash else item.text.find(")", opened)
            closed = len(item.text) if closed < 0 else closed
            item.spans[AGENCY_SPANS] = [s for s in item.spans[AGENCY_SPANS] if not opened < s.start_char < closed]
        bracket = None if qualified else re.search(r"\([^()]*(?:,|;|\band\b)[^()]*\)", item.text)
        if bracket and role_phrase(item.text[:bracket.start()]) and (
                not _role_words().search(bracket.group()) or not _MANY.search(item.text[:bracket.start()])) \
                and not any(not s._.generic for s in item.spans[AGENCY_SPANS] if s.start_char > bracket.start()):
            # "Two head teachers (one primary, one secondary)": how the role's seats are shared, no members;
            # "Chair (private sector, LEP Board member)": who the one post is
            item.spans[AGENCY_SPANS] = [s for s in item.spans[AGENCY_SPANS] if s.start_char < bracket.start()]
            bracket = None
        if bracket:                    # "three ex officio members (the Director of A, the Director of B ...)"
            return [Found(member, owner, "member_of", None, None, "does", sent, rule, written)
                    for member, written in self._arguments(item, bracket.start(), len(item.text),
                                                           list(item.spans[AGENCY_SPANS]), roles=True, members=True)
                    if _name(member) != _name(owner)]
        # "three lay members, one of whom is a foster carer", "an elected member nominated by the Council":
        # what follows says more of the entry, or who chose the member
        # ("Northmoor Police  Chief Inspector, Neighbourhood Policing": a table's row, its first cell the member)
        cells = _cell_spans(item.text)
        cut = min([m.start() for m in (_DESCRIBING.search(item.text), _CHOSEN_BY.search(item.text)) if m is not None]
                  + [cells[0][1] if len(cells) > 1 else len(item.text)])
        written = _clean_entry(item.text[:cut])
        spans = [span for span in item.spans[AGENCY_SPANS] if span.start_char < cut]
        members: list = [span for span in spans if _name(span) != _name(owner)]
        if any(not s._.generic for s in members):
            # ("Head of Housing Options, Northby Council", "Northby College, for the further education
            # sector": a service or sector named in a post or beside the body is no member of its own)
            members = [s for s in members if not s._.generic]
        before_last = item.text[:members[-1].start_char].rstrip() if len(members) > 1 else ""
        if before_last.endswith(",") and role_phrase(before_last) \
                and not item.text.startswith(("'s", "’s"), members[-1].end_char) \
                and not any(_FROM_BODY.search(item.text, 0, m.start_char) for m in members[:-1]):
            # ("Senior Probation Officer, National Probation Service", "Service Manager, Children's Social
            # Care, Northby Council": a post's own words, and its service, name no member; the body last
            # does; not a body owning the last words, "a representative of Northby Homes, the Council's
            # housing company", nor bodies officers come from, "Senior officers from X Council, Y Police")
            members = members[-1:]
        colon = item.text.find(":")
        labelled = [s for s in members if 0 < colon and s.end_char <= colon and not item.text[s.end_char:colon].strip()
                    and not s._.generic]
        if labelled:                   # "Northby Council: Director of Children's Services; Head of ...": the body
            members = labelled[-1:]
        elif 0 < colon and len(item.text[:colon].split()) <= SECTOR_LABEL_MAX_WORDS:
            # "Higher education: the Vice-Chancellor of the University of X": a sector's label, then its entries
            return [Found(member, owner, "member_of", None, None, "does", sent, rule, written)
                    for member, written in self._arguments(item, colon + 1, len(item.text),
                                                           [s for s in item.spans[AGENCY_SPANS] if s.start_char > colon],
                                                           roles=True, members=True)
                    if _name(member) != _name(owner)]
        if members and (role := _people_before_clause(item.text[:cut], 0, members)):
            # "- four young people who are looked after by Northby Council": the people
            return [Found(role, owner, "member_of", None, None, "does", sent, rule, written)]
        titled = len(_TITLED_ENTRY.findall(item.text[:cut]))
        posts = self._arguments(item, 0, cut, spans, roles=True, members=True) if titled > 1 and not labelled else []
        if posts and len(posts) == titled and all(isinstance(m, str) for m, _ in posts) and not _CHAIR_MARK.search(item.text):
            # "- the Director of Public Health, the Director of Adult Social Services and the Director of
            # Children's Services": an item listing several posts
            return [Found(m, owner, "member_of", None, None, "does", sent, rule, w) for m, w in posts if _name(m) != _name(owner)]
        title = _title_member(item.text, members[0].start_char) if len(members) == 1 and not labelled else None
        title = title or (_role_after(item.text[:cut], members[0].end_char) if len(members) == 1 and not labelled else None)
        each = _EACH.search(written)
        role = role_phrase(item.text[:cut])
        if title:                      # "the Director of Children's Services"
            members, written = [title], title
        elif each and all(s._.generic for s in spans):
            members = [_PLACE_TAIL.sub("", each.group("who").strip())]    # "one governor from each of the special schools"
        elif not spans and PERSON_FIRST.match(written) \
                and len((name := _TRAILING_BRACKET.sub("", written).strip()).split()) <= PERSON_NAME_MAX_WORDS:
            members, written = [name], name          # "Cllr A Birtles (Cabinet Member for Resources)": the person
        elif not spans or (role and all(s._.generic for s in spans) and _ROLE_START.match(_clean_entry(item.text[:cut]))):
            members = [r for r in (role,) if r]                             # "two foster carers": the role
        found = [Found(member, owner, "member_of", None, None, "does", sent, rule,
                       written if len(members) == 1 else None) for member in members]
        if len(members) == 1 and _CHAIR_MARK.search(item.text):     # "the Lead Member for Children (Chair)"
            # ("Strategic Director of People, Northby Council (Chair)": the post chairs, not its council)
            # ("Northby Council   Assistant Director, Early Help (Chair)": the post in the cell after the body's)
            post = (role_phrase(item.text[:members[0].start_char]) or (
                role_phrase(_CHAIR_MARK.sub("", item.text[slice(*_marked_cell(item.text, cells[1:]))])) if len(cells) > 1 else None)) \
                if isinstance(members[0], Span) else None
            found.append(Found(owner, post or members[0], "chaired_by", None, None, "does", sent, rule))
        # "..., one of whom will be the Lead Member, who will chair the Panel"; "the Lead Member for
        # Children, Northby Council, who shall chair the Board": the post chairs, not its council
        for chair in (f for f in self._named_args(item, sent, list(item.spans[AGENCY_SPANS])) if f.relation == "chaired_by"):
            if len(members) == 1 and isinstance(members[0], str) and _COUNCIL_NAME.match(_name(chair.target)):
                chair = replace(chair, target=members[0])
            elif (body := next((m for m in members if isinstance(m, Span) and _name(m) == _name(chair.target)), None)) \
                    is not None and (post := role_phrase(item.text[:body.start_char])):
                chair = replace(chair, target=post)        # the post the member body sends
            found.append(chair)
        return found

    def _found(self, source, target, relation, freqs, modality, sent, rule) -> list[Found]:
        if relation not in PERIODIC:
            return [Found(source, target, relation, None, None, modality, sent, rule)]
        labels: dict[str, str] = {}
        for span in freqs:
            labels.setdefault(span.label_, span.text)
        if len(labels) > 1:
            labels.pop(AD_HOC, None)      # "quarterly, using the exception reporting template": quarterly
        if not labels:
            labels = {UNKNOWN_FREQUENCY: None}
        return [Found(source, target, relation, label, text, modality, sent, rule)
                for label, text in labels.items()]

    @staticmethod
    def _clause(doc: Doc, sent: Span, cue_start: int) -> tuple[int, int]:
        """Character range of the clause around a cue."""
        begin, finish = sent.start_char, sent.end_char
        for token in sent:
            if token.lower_ == "and" and token.i > sent.start and doc[token.i - 1].text == "," and token.idx < cue_start \
                    and _NEW_SUBJECT.match(doc_text(doc), token.idx + len(token.text), cue_start):
                begin = token.idx + len(token.text)       # "..., and it works closely with ...", "..., and the Service will"
                continue
            if token.lower_ == "that" and token.i > sent.start and doc[token.i - 1].lower_ in _PREPOSITIONS:
                continue                                  # "In that role it receives ...": a determiner
            if token.lower_ in CLAUSE_BREAKS or (token.text == ":" and token.idx < cue_start):
                if token.idx < cue_start:
                    begin = token.idx + len(token.text)
                elif token.text == ";":
                    finish = token.idx
                    break
        return begin, finish

    @staticmethod
    def _relative(doc: Doc, spans: list[Span], begin: int, cue_start: int) -> list:
        """"the Panel, which in turn reports to Cabinet": a cue in a relative clause with no
        body of its own is about the body the clause hangs on ("A and B, whose annual reports
        will be shared with it", "A and B, both of which report to": both)."""
        if any(begin <= s.start_char < cue_start and not s._.generic for s in spans):
            return []
        post = _POST_WHO.search(doc_text(doc), max(0, begin - POST_WHO_CHARS), begin)
        if post and role_phrase(post.group("post")) and not any(post.start("post") <= s.start_char < begin for s in spans):
            return [role_phrase(post.group("post"))]   # "an Independent Chair, who is accountable to": the chair
        before = [s for s in spans if s.end_char <= begin and not s._.generic]
        relative = _RELATIVE.match(doc_text(doc)[before[-1].end_char:begin]) if before else None
        if not relative:
            return []
        hung_on = [before[-1]]
        if len(before) > 1 and _APPOSED_RELATION.match(doc_text(doc), before[-2].end_char, before[-1].start_char):
            # "the 14-19 Partnership, a sub-group of the Children's Trust, which is chaired by ...": the
            # clause hangs on the body the apposition describes, not the one it names on the way
            return [before[-2]]
        while (relative.group("whose") or relative.group("all")) and len(hung_on) < len(before) and _CONJOINED.match(
                doc_text(doc)[before[-len(hung_on) - 1].end_char:hung_on[0].start_char]):
            hung_on.insert(0, before[-len(hung_on) - 1])
        return hung_on

    @staticmethod
    def _resumed(doc: Doc, spans: list[Span], begin: int, cue_start: int) -> list:
        """"The Group, which reports to the Partnership every quarter, is chaired by ...": a cue
        after a relative clause has closed is about the body the clause hung on."""
        text = doc_text(doc)
        if not _CLOSED.search(text[begin:cue_start]):
            return []
        before = [s for s in spans if s.end_char <= begin and not s._.generic]
        opened = _RELATIVE.match(text[before[-1].end_char:begin]) if before else None
        return [before[-1]] if opened and "," in text[before[-1].end_char:begin] else []

    @staticmethod
    def _apposed(doc: Doc, spans: list[Span], cue_start: int) -> list:
        """"... through the Parish Council Forum, chaired by ...": a cue set off by a comma
        is about the body just before the comma, not the sentence's subject."""
        before = [s for s in spans if s.end_char <= cue_start and not s._.generic]
        if before and _APPOSITION.match(doc_text(doc)[before[-1].end_char:cue_start]):
            return [before[-1]]
        return []

    def _subjects(self, doc: Doc, spans: list[Span], begin: int, cue_start: int, cue_end: int,
                  subject_before=None) -> list:
        """The bodies a cue is about: the first named in its clause and any joined
        to it ("The Care Leavers Forum and the Placement Sufficiency Group are
        subgroups of ..."), else the body an anaphor ("The group") stands for."""
        text = doc_text(doc)
        leading = _LEADING_PHRASE.match(text, begin, cue_start)
        if leading:             # "Under the Council's scrutiny protocol, the Cabinet Member ... attends": not the Council
            begin = leading.end()
        clause = [s for s in spans if begin <= s.start_char < cue_start]
        lead = _APPOSITION_LEAD.match(text, begin, cue_start)
        if lead and self.last_first is not None and len(clause) == 1 and clause[0].start_char == lead.end():
            # "(c) Playing Fields Working Group: ...; a working group of the X Committee, reporting
            # to it quarterly": a clause with no subject of its own is about the body spoken of
            return [self.last_first]
        membership = _MEMBERSHIP_SUBJECT.search(text, begin, cue_start)
        if membership and clause and not any(s.start_char >= membership.start() for s in clause) \
                and (self.section_body or self.main_body) is not None:
            # "following a review in line with guidance from the DCSF, membership will comprise ...":
            # the paper's body's membership, not the bodies named in the clauses before it
            owner = [s for s in clause if s.end_char <= membership.start() and not s._.generic
                     and _POSSESSIVE.match(text, s.end_char)]
            return owner[-1:] or [self.section_body or self.main_body]
        asked = [s for s in clause if not s._.generic and _ASKS.search(text, begin, s.start_char)
                 and _TO_ONLY.match(text, s.end_char, cue_start)]
        if asked:                   # "The Constitution requires the X Board to report to ...": the X Board
            return asked[-1:]
        # a kind of body named in capitals ("Mayoral Combined Authorities will become members
        # of ...") is the subject when the clause names no body
        before = [s for s in clause if not s._.generic] or [s for s in clause if _capitalised_kind(s)]
        before = _without_owners(doc, before)       # "the Council's Overview and Scrutiny Committee will"
        # ("It is chaired by the Youth Offending Service Manager, meets monthly and reports to ...": a
        # body naming a post is no subject)
        before = [s for s in before if not _POST_AFTER.match(text, s.end_char)]
        opening = _CLAUSE_ANAPHOR.match(text, begin, cue_start)
        if before and opening and before[0].start_char >= opening.end() and _SHARED_SUBJECT.search(text, begin, cue_start):
            # "The Board works to the strategy agreed by the X Board and will present its plan to ...":
            # the Board, the subject the clause opened with, not a body named on the way
            referred = self._by_head(_compared(opening.group("head")))
            if referred is not None:
                return [referred]
        plural = _plural_anaphor(doc_text(doc)[begin:cue_start])
        if plural and plural.group("one") and before and before[-1].end_char <= begin + plural.end():
            before = []                     # "Each Delivery Group reports ...": the groups just named, not one
        if before:
            return self._conjoined(doc, before)
        if plural:                          # "Each subgroup feeds back ...": the subgroups just named
            head = _compared(plural.group("one") or plural.group("many"))
            # (a sub-group is often named "the X Group", a sub-committee "the X Committee")
            heads = (head, head[3:]) if head.startswith("sub") else (head,)
            named = [s for s in self.last_named if _compared(_name(s)).endswith(heads)]
            listed = [s for s in self.listed if _compared(_name(s)).endswith(heads)]
            kind = f"{plural.group('mod') or ''}{plural.group('one') or ''}".lower()
            if plural.group("one") and plural.group("mod") and f"{kind}s" in self.listed_kind:
                listed = list(self.listed)  # "Six thematic partnerships ...: <rows>. Each thematic partnership ...": all
            if len(listed) > len(named):    # "- the X Sub-group; - the Y Sub-group. Each sub-group reports ...": all the items
                named = listed
            if head in ("subgroup", "subcommittee") and len(self.last_subgroups) > max(len(named), 1) \
                    and any(_name(s) == _name(n) for s in self.last_subgroups for n in named):
                # "The Forum has two sub-groups: the X Panel and the Y Group. The Y Group is ... Each
                # sub-group reports ...": both, whatever their names end in
                named = list(self.last_subgroups)
            if not named and self.loose_list and _counted_in(plural, self.loose_lead):
                # "Each priority is led by a thematic partnership: <items>. The thematic partnerships
                # report to ...": the bodies of the items
                named = list(self.loose_list)
            if named:
                return named
        if _EACH_OF_THEM.match(doc_text(doc)[begin:cue_start]) and len(self.last_subjects) > 1:
            return list(self.last_subjects)     # "X and Y are sub-groups of Z. Each reports to ...": X and Y
        if _EACH_OF_THEM.match(doc_text(doc)[self.sent_start:cue_start]) and len(self.listed) > 1:
            return list(self.listed)            # "Z has two sub-groups: X and Y. Both report to ...": X and Y
        # the cue may hold it ("These agencies include"); "In 2021-22 it was chaired by": after a time phrase
        opened = begin
        begin += _OPENING.match(doc_text(doc)[begin:cue_start]).end()
        m = ANAPHORA.search(doc_text(doc)[begin:cue_end])
        if not m:
            # "In that role it receives ...": a pronoun after a longer opening phrase
            at = next((at for at in _opening_ends(doc_text(doc)[opened:cue_end]) if at and (
                m := ANAPHORA.search(doc_text(doc)[opened + at:cue_end])) and m.group("pronoun")), None)
            if at is None:
                return []
            begin = opened + at
        if m.group("pronoun"):
            gap = doc_text(doc)[begin + m.end():cue_start]
            if len(gap.split()) > PRONOUN_MAX_GAP_WORDS and not (
                    _SHARED_PREDICATE.search(gap) and len(gap.split()) <= PRONOUN_SHARED_MAX_GAP_WORDS) and not (
                    _POSSESSED_BODY.match(gap) and m.group("pronoun").lower() in ("its", "their")) \
                    and not _COPULA_GAP.match(gap):
                return []                  # "It was agreed that ...": no one is meant by "it"
            if begin > self.sent_start and self.opener:
                return list(self.opener)   # "X and Y have confirmed that they will ...": X and Y
            # "It" is the body the previous sentence was about (its first body)
            referent = subject_before if subject_before is not None else (
                self.previous[-1] if self.previous else self.main_body)
            return [referent] if referent is not None else []
        head = _compared(m.group("head"))
        if head in ("agencies", "body"):
            return [s for s in (self.last_first or self.main_body,) if s]
        # "... from the Youth Offending Service, and the Service will ...": a body named earlier in the sentence
        earlier = [s for s in spans if s.end_char <= begin and not s._.generic
                   and _ends_with_head(s, head)]
        referred = earlier[-1] if earlier else self._by_head(head)
        return [referred] if referred is not None else []

    def _by_head(self, head: str, far: bool = False):
        """The body "the <head>" stands for: the paper's own body if its name ends
        so, else the last such body named, else (a group, a partnership) the paper's."""
        if head in self.defined:           # named so by the paper: "X (the Board)"
            return self.defined[head]
        if self.run_in is not None and _ends_with_head(self.run_in, head):
            return self.run_in             # "3.3 Audit Committee. ... The Committee reports to ...": the paragraph's head
        if self.section_body is not None and _ends_with_head(self.section_body, head):
            return self.section_body       # named by the section's heading
        main = self.main_body
        if main is not None and (_ends_with_head(main, head) or _head_for_place(main, head)):
            return main                    # ("the Commissioner": the paper's Police and Crime Commissioner for X)
        if main is not None:
            # the paper's body by a longer name ("Multiple Disadvantage Partnership - Annual Update",
            # then "the Multiple Disadvantage Partnership Board ... Board membership:"): that board
            own = _compared(_name(main)) + " "
            longer = next((s for s in self.named_ever if not isinstance(s, str)
                           and _compared(_name(s)).startswith(own) and _ends_with_head(s, head)), None)
            if longer is not None:
                return longer
        if self.committee and _PROPER_NAME.match(self.committee) and _ends_with_head(self.committee, head):
            return self.committee          # "PARTNERSHIP BOARD - 22 JANUARY 2009": "the Board" is the meeting's
        # a body just related to in this sentence ("provides assurance to the X Board and reports
        # to the Board"), else one named in the sentences before
        # (or the body the last relation was about: "X will report to Y and to the HWB. Membership of
        # the Board will be drawn from:": X)
        subject = [self.last_subject] if self.last_subject is not None and not isinstance(self.last_subject, str) else []
        # (then a body the last relations were about, before one only named on the way: "The
        # Partnership feeds into the X Board, which reports to the Y Partnership. The JAG, a
        # sub-group of the Partnership, ...": the first partnership)
        for span in [t for t in reversed(self.targets) if not isinstance(t, str)] + subject \
                + list(reversed(self.spoken_of)) + list(reversed(self.previous)):
            if _ends_with_head(span, head):
                return span
        for span in reversed(self.previous):    # "the Commissioner": the Police and Crime Commissioner for X
            if _head_for_place(span, head):
                return span
        for span in reversed(self.previous):    # "the Executive": the LSP Executive Group just named
            if re.search(rf"\b{re.escape(head)}\s+(?:group|board|team)$", _compared(_name(span))):
                return span
        if far:                                             # "to the Panel", named paragraphs before
            for span in reversed(self.named_ever):
                if _ends_with_head(span, head):
                    return span
        if head == "board" and main is not None and _name(main).lower().endswith("partnership") and not any(
                re.search(r"\bboard\b", _name(s).lower()) for s in self.named_ever if not isinstance(s, str)):
            return main        # "the Board" of a partnership that names no board: the partnership's own
        return main if head in ("group", "partnership") else None

    def _referred(self, text: str):
        """A body referred to right after a cue: "of the Board", "into the group"."""
        m = _REFERRED.match(text)
        return self._by_head(_compared(m.group("head") or m.group("meeting")), far=True) if m else None


#: After "and", an article or a count starts a new entry ("..., the Executive Member for X and the Chair of Y").
#: (or a person by their title: "Councillor A and Councillor B", "Mrs Lyle and Mr Pidcock" are two entries)
#: (or a name by its initials: "Councillors T. Bello and P. Dunn")
_NEW_ENTRY = re.compile(rf"^(?:the|a|an|one|two|three|four|five|six|\d+)\s|^(?-i:{PERSON_TITLE})|"
                        r"^(?-i:[A-Z]\.\s*(?:[A-Z]\.\s*)*[A-Z][a-z])", re.IGNORECASE)
#: A title for several people before their names ("Councillors T. Bello, R. Okafor and P. Dunn").
_TITLE_FOR_ALL = re.compile(r"^(?:Councillors|Cllrs)\.?\s+(?=[A-Z])")
#: An entry of a list that opens with a post's title ("the Director of ...", ", the Chief Executive of ...").
_TITLED_ENTRY = re.compile(r"(?:^|[,;]\s*|\band\s+)(?:the|a|an)\s+(?-i:[A-Z])", re.IGNORECASE)
#: A name alone in a list: initials and a surname, a forename and a surname, or a surname ("R. Okafor",
#: "Colin Ashdown", "Dunn").
_BARE_NAME = re.compile(r"^(?:[A-Z]\.\s*)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$")
#: An entry that says more of the one before ("one of whom is a foster carer", "who chairs", "appointed by
#: the Cabinet").
_ABOUT_BEFORE = re.compile(r"^(?:(?:one|two|three|at least one|each|all|both|any)\s+of\s+(?:whom|which)|who|whom|whose|which|"
                           r"(?:appointed|nominated|elected|chosen|selected)(?:\s+\w+ly)?\s+by)\b",
                           re.IGNORECASE)
#: Words a list holds that are no entry ("includes, but is not limited to, ...").
_LIST_FILLER = re.compile(r"^(?:but\s+)?(?:(?:is|are|will\s+be)\s+)?not\s+(?:limited|restricted)\s+to$|^(?:amongst|among)\s+others$|"
                          r"^(?:for\s+example|e\.?g|such\s+as|in\s+particular|as\s+a\s+minimum|at\s+least)$", re.IGNORECASE)
#: How many members a body has, not who they are ("no more than ten members").
_SIZE_ONLY = re.compile(r"^(?:voting\s+|other\s+)?(?:members|people|persons|places|seats)$", re.IGNORECASE)
#: An entry after a body that says what kind of body it is ("..., a voluntary adoption agency", "..., the
#: new drug and alcohol treatment provider from 1 April").
_APPOSED_ENTRY = re.compile(r"^[\s,]*(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,5}(?:agency|charity|organisation|organization|body|"
                            r"company|provider|group|network|partnership|enterprise|association|trust)"
                            r"(?:\s+(?:from|since|until|for)\s+[\w ]{1,30})?[\s.;,]*$")
#: A free list entry that describes partners in general is no member ("key agencies from the public sector").
_VAGUE = re.compile(r"\b(?:agencies|partners|organisations|organizations|bodies|stakeholders|sectors|others)\b",
                    re.IGNORECASE)


#: A name in capitals that is the whole rest of a list entry ("Voluntary Action Hallam").
_PROPER_NAME = re.compile(r"^(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w'’-]*){1,6}\s*[.;]?\s*$")


def _entries(text: str, offset: int, spans: list[Span]) -> list[tuple[int, int]]:
    """Character ranges of the entries of a list: split at semicolons and commas, and at
    "and"/"or" only where that parts two bodies ("the Police and the Probation Service",
    not "drug and alcohol services"); never inside a body's name or a bracket."""
    inside = [(s.start_char - offset, s.end_char - offset) for s in spans]
    inside += [(m.start(), m.end()) for m in re.finditer(r"\([^)]*\)", text)]
    # bodies named, not service words ("health and social care" is one entry)
    named = [(s.start_char - offset, s.end_char - offset) for s in spans if not s._.generic]
    cuts = [0]
    # ("Councillors Dalby, Hussain and Mistry": a surname after "and" is the list's next councillor)
    shared_title = _TITLE_FOR_ALL.match(text.lstrip(" :"))
    # (entries parted by semicolons keep their commas: "the Director of Education, Northby Council
    # (Chair); the chairs of ...")
    semicolons = ";" in re.sub(r"\([^)]*\)", "", text).strip(" ;")
    for m in re.finditer(r"\s*(?:;|,\s*(?:and|or)\s+|,)\s*|\s+(?:and|or|as well as)\s+", text):
        if any(a < m.start() < b for a, b in inside) or (
                semicolons and "," in m.group(0) and not _ABOUT_BEFORE.match(text[m.end():])):
            continue                    # (but "...; three lay members, one of whom is a carer;": said of the entry)
        if "," not in m.group(0) and ";" not in m.group(0):
            stop = re.search(r"[,;]", text[m.end():])
            limit = m.end() + stop.start() if stop else len(text)
            before = any(cuts[-1] <= a < m.start() for a, b in named)
            after = any(m.end() <= a < limit for a, b in named) or (
                before and _PROPER_NAME.match(text[m.end():limit]) is not None)    # "... ICB and Voluntary Action Hallam"
            # "elected members and leaders from ...", "a Directly Elected Mayor and constituent authorities"
            roles = bool(re.search(_role_words().pattern + r"\s*$", text[cuts[-1]:m.start()], re.IGNORECASE))
            if not (before and after) and not _NEW_ENTRY.match(text[m.end():]) and not roles \
                    and not (shared_title and _BARE_NAME.match(text[m.end():limit].strip(" ."))):
                continue
        cuts += [m.start(), m.end()]
    cuts.append(len(text))
    return [(offset + cuts[i], offset + cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)
            if cuts[i + 1] > cuts[i]]


def _clean_entry(text: str) -> str:
    """A list entry without its article, trailing punctuation or a closing bracket."""
    text = re.sub(r"^[\s:;,]*(?:\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+)?"         # "(a) the Leader"
                  r"(?:(?:and|or|as well as|together with|the|a|an|including|include|includes)\s+)?", "", text.strip(),
                  flags=re.IGNORECASE)
    text = re.sub(r"^(?:(?:the|a|an|one|two|three|four|\d+)\s+)?(?:representatives?|delegates?|nominees?)\s+(?:from|of)\s+", "",
                  text, flags=re.IGNORECASE)   # the body is the member
    text = re.sub(r"^\s*(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    # "(a representative from) each of the three district councils": the councils
    text = re.sub(r"^each\s+of\s+(?:the\s+|our\s+)?(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?", "", text,
                  flags=re.IGNORECASE)
    text = text.strip(" .;:,").strip()
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].rstrip(" .;:,")       # a bracket the list closed, not the entry's own
    return text


_LEADS_TO = re.compile(r"^\s*(?:(?:in)?to|from|by)\s+(?:the\s+)?$", re.IGNORECASE)
#: Between the bodies of one joined object ("the X and the Y twice a year", "to the X and to the Y once a
#: year": both).
_JOINED_OBJECT = re.compile(r"^\s*(?:,|,?\s+and)\s+(?:to\s+)?(?:the\s+)?$", re.IGNORECASE)


def _pair_frequencies(doc: Doc, targets: list, freqs: list[Span]) -> list[tuple]:
    """(target, its frequencies). A frequency before the first target holds for all
    of them ("reports quarterly to the X and the Y"); with several frequencies, one
    that leads to a target ("annually to the X and twice a year to the Y") is that
    target's; a frequency after a target is the nearest target's ("updates to the X
    at each meeting"), unless given to each ("from the X and the Y, each quarterly")."""
    spans = [t for t in targets if not isinstance(t, str)]
    if len(targets) < 2 or not freqs or len(spans) != len(targets):
        return [(t, freqs) for t in targets]
    owned: dict[int, list[Span]] = {i: [] for i in range(len(targets))}
    first = min(t.start_char for t in targets)
    if len({f.label_ for f in freqs}) == 1 and any(f.end_char <= first for f in freqs):
        # "assurance each year to the X, the Y and the Z through its annual report": one period said twice
        return [(t, [min(freqs, key=lambda f: f.start_char)]) for t in targets]
    ordered = sorted(targets, key=lambda t: t.start_char)
    if len(freqs) == 1 and freqs[0].start_char >= ordered[-1].end_char \
            and not doc_text(doc)[ordered[-1].end_char:freqs[0].start_char].strip(" ,-–—)") \
            and all(_JOINED_OBJECT.match(re.sub(r"\s*\([^()]*\)", "", doc_text(doc)[a.end_char:b.start_char]))
                    for a, b in zip(ordered, ordered[1:])):     # (an acronym in brackets between: "the X (X) and Y")
        # "meets with the X and the Y twice a year", "to the Boards of both councils - the X and the Y -
        # every six months": the period of the joined object is every body's
        return [(t, freqs) for t in targets]
    for freq in freqs:
        leads = [i for i, t in enumerate(targets) if t.start_char >= freq.end_char
                 and _LEADS_TO.match(doc_text(doc)[freq.end_char:t.start_char])]
        if leads and len(freqs) > 1:
            owned[leads[0]].append(freq)
        elif (freq.end_char <= first and len(freqs) == 1) or _EACH_BEFORE.search(doc_text(doc), 0, freq.start_char):
            for i in owned:              # (", each quarterly" after the targets: every one of them)
                owned[i].append(freq)
        else:
            # (a bracket after a target is no distance: "to the X (the LSP) annually, and to the Y ...")
            nearest = min(range(len(targets)), key=lambda i: _apart(doc_text(doc), targets[i], freq))
            owned[nearest].append(freq)
    return [(t, owned[i]) for i, t in enumerate(targets)]


def _apart(text: str, target: Span, freq: Span) -> int:
    """How far a frequency lies from a target, in characters, a bracket between them aside."""
    a, b = (target.end_char, freq.start_char) if freq.start_char >= target.end_char else (freq.end_char, target.start_char)
    return len(_BRACKETED.sub("", text[a:b])) if a <= b else 0


def _without_frequencies(text: str, start: int, end: int, freqs: list[Span]) -> str:
    """The text between two points without its frequency phrases or an article before them
    ("... three times a year and an annual report to": "and")."""
    gap = text[start:end]
    for freq in sorted(freqs, key=lambda f: -f.start_char):
        if start <= freq.start_char and freq.end_char <= end:
            a, b = freq.start_char - start, freq.end_char - start
            a = len(re.sub(r"\b(?:a|an|its|their)\s+$", "", gap[:a], flags=re.IGNORECASE))
            gap = gap[:a] + gap[b:]
    return gap


def _modality(text: str, cue_offset: int) -> str:
    before = text[:cue_offset + 30].lower()
    if re.search(r"\bagreed\b", text.lower()):
        return "agreed"
    if re.search(r"\bintends? to\b", before):
        return "intends"
    if re.search(r"\b(will|shall)\b", before):
        return "will"
    return "does"


def _role(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _name(value) -> str:
    return value if isinstance(value, str) else (value._.canonical or value.text)
