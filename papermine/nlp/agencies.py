"""Agencies and bodies: acronyms a paper defines, canonical names, kinds.

The gazetteer knows the usual partners ("CAMHS", "police", "Virtual School");
a paper also defines its own bodies ("Children Looked After Strategic
Partnership (CLASP)"), which are learned here and resolved within that paper,
so "CLASP", "the CLASP" and the long name are one agency.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span

from ..model.data import load_jsonl, load_lines

__all__ = ["learn_acronyms", "acronym_tables", "Resolver", "body_kind", "name_key", "alias_short_names", "gazetteer_rows",
           "public_body"]

#: Words skipped when matching an acronym's letters to a long form.
_CONNECTORS = {"of", "in", "and", "for", "the", "&", "on", "to"}
#: (its quotes too: '("the JCB")')
_ACRONYM_DEF = re.compile(
    r"\((?:commonly\s+)?(?:(?:referred to|known)\s+as\s+)?[\"“‘']?(?:the\s+)?[\"“‘']?"
    r"(?P<acr>[A-Z][A-Za-z]{1,7}?|[A-Z]{1,4} [A-Z]{2,6})(?P<plural>s)?[\"”’']?\)")
#: A place before a known body's name ("NHS Horsham and Mid Sussex" + "Clinical
#: Commissioning Group") is at most this many words.
PLACE_MAX_WORDS = 5
#: How far before the bracket a long form may start.
LONG_FORM_MAX_WORDS = 12
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b|(?<=s)['’](?=\s|$)")


@lru_cache(maxsize=4)
def gazetteer_rows(gazetteer: str = "agencies.jsonl",
                   public_bodies: str = "public_bodies.jsonl") -> tuple[dict, ...]:
    """One matcher row a name: the local partners of `gazetteer` (one row a name already),
    then every name and acronym of the public bodies (one body a row, with its kind and
    years). A one-word name matches only as written; acronyms always so, and so does a
    common phrase that is also a body's name ("Time to Change", "New Local")."""
    rows = list(load_jsonl(gazetteer))
    for body in load_jsonl(public_bodies):
        common = set(body.get("common_words", ()))
        names = list(body["names"])
        # "Office of the Police & Crime Commissioner": "&" written for "and" (matching is by words)
        names += [name.replace(" and ", " & ") for name in body["names"]
                  if " and " in name and name.replace(" and ", " & ") not in names]
        forms = [(name, False) for name in names] + [(acr, True) for acr in body.get("acronyms", ())]
        for index, (form, acronym) in enumerate(forms):
            row = {"id": f"{body['id']}-{'acr' if acronym else ''}{index}", "label": body["label"],
                   "pattern": form, "canonical": body["canonical"]}
            if acronym or len(form.split()) == 1 or form in common:
                row["case"] = "exact"
            if form in common:
                row["common_word"] = True
            if body.get("generic"):
                row["generic"] = True
            if acronym and (body.get("from") or body.get("to")):
                row["years"] = (body.get("from"), body.get("to"))   # "LAA": no Legal Aid Agency before 2013
            if body.get("place_after") and not acronym:
                row["place_after"] = True      # "Healthwatch Northby", "Age UK Northby": a local body
            rows.append(row)
    return tuple(rows)


@lru_cache(maxsize=1)
def _acronym_years() -> dict[str, tuple]:
    return {row["id"]: row["years"] for row in gazetteer_rows() if "years" in row}


def out_of_time(rule: str | None, year: int | None) -> bool:
    """An acronym matched to a public body that did not exist in the paper's year ("LAA" in
    2008 is a Local Area Agreement, not the Legal Aid Agency set up in 2013)."""
    years = _acronym_years().get(rule or "")
    if not years or year is None:
        return False
    start, end = years
    return bool(start and year < start - 1 or end and year > end + 1)


@lru_cache(maxsize=1)
def council_names() -> frozenset[str]:
    """The full names of the UK's principal councils, lower case ("west sussex county
    council"), from the councils register the metadata reader uses (models/councils.jsonl)."""
    names = set()
    for row in load_jsonl("councils.jsonl"):
        forms = row["pattern"] if isinstance(row["pattern"], list) else [row["pattern"]]
        names.update(form.lower() for form in forms if form.endswith("Council"))
    return frozenset(names)


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """The first words of the UK's principal councils' names ("Kent", "West", "Bath")."""
    return frozenset(name.split()[0].title() for name in council_names())


@lru_cache(maxsize=1)
def _public_bodies() -> dict[str, dict]:
    return {row["canonical"]: row for row in load_jsonl("public_bodies.jsonl")}


def public_body(canonical: str) -> dict | None:
    """The gazetteer entry of a public body (kind, other names, acronyms, years), if known."""
    return _public_bodies().get(canonical)


def name_key(name: str) -> str:
    """Comparison key: case, possessives, quotes and spacing ignored."""
    name = _POSSESSIVE.sub("", name.replace("’", "'")).replace("&", " and ")
    name = re.sub(r"\([^)]*\)", " ", name)
    name = re.sub(r"^(the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"[\s-]+", " ", name).strip().lower()


def _long_form(words: list[str], acronym: str) -> str | None:
    """Walk back from the bracket, matching the acronym's letters to initials.

    "Children Looked After Planning & Implementation Group (CLAG)": G, A, L, C
    match; "Planning", "Implementation" are skipped (at most MAX_SKIPPED_WORDS).
    """
    letters = acronym.replace(" ", "").lower()
    left = len(letters)                 # letters still to match, from the end
    skips = 0
    taken: list[str] = []
    for word in reversed(words):
        if left == 0:
            break
        initials = "".join(part[0].lower() for part in re.split(r"[-/]", word) if part)
        if initials and letters[:left].endswith(initials):
            left -= len(initials)
        elif initials and letters[left - 1] == initials[0]:
            left -= 1
        elif word.lower() in _CONNECTORS:
            pass
        elif skips < len(letters) // 2 + 1:
            skips += 1
        else:
            return None
        taken.insert(0, word)
    if left or not taken:
        return None
    return " ".join(taken)


def learn_acronyms(texts: list[str]) -> dict[str, str]:
    """Acronyms the paper defines: {"CLASP": "Children Looked After Strategic Partnership"}."""
    return acronym_tables(texts)[0]


def acronym_tables(texts: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The paper's acronyms (as `learn_acronyms`), and the same with the place named before a
    kind's long form, for the acronym used alone ("the LAF": the Greymoor and High Fells Local
    Access Forum; inside a name, "Northby ICB", the first table's long form serves), in one pass."""
    table: dict[str, str] = {}
    placed: dict[str, str] = {}
    for text in texts:
        for m in _ACRONYM_DEF.finditer(text):
            acronym = m.group("acr")
            if not acronym.replace(" ", "").isupper() and sum(c.isupper() for c in acronym) < 2:
                continue
            words = re.findall(r"[A-Za-z&][\w'’&-]*", text[max(0, m.start() - 200):m.start()])
            long = _long_form(words[-LONG_FORM_MAX_WORDS:], acronym)
            if long and long.isupper() and len(long.split()) > 1:
                long = title_case(long)          # "MULTI-AGENCY SAFEGUARDING HUB (MASH)" in a heading
            here = long
            if long and (_gazetteer_keys().get(name_key(long)) or _kind_rule(long)):
                with_place = _with_place(words, long)
                # (only a place written as one run: not "Kestrel Vale, Ashbourne and Fenwick ...")
                here = with_place if with_place in re.sub(r"\s+", " ", text[max(0, m.start() - 200):m.start()]) else long
            for kept, form in ((table, long), (placed, here)):
                if form and acronym not in kept:
                    kept[acronym] = form
                    if m.group("plural"):
                        kept[acronym + "s"] = form
    return table, placed


def _with_place(words: list[str], long: str) -> str:
    """A known kind's long form with the place named just before it, when there is one: the
    paper's acronym is for its own body ("the LAF": the Greymoor and High Fells one)."""
    n = len(long.split())
    before = words[:-n] if len(words) >= n else []
    place: list[str] = []
    while before and len(place) < PLACE_MAX_WORDS and (before[-1][:1].isupper() or before[-1] in ("and", "upon", "&")) \
            and before[-1] not in ("The", "This", "Our", "A", "An"):
        place.insert(0, before.pop())
    while place and not place[0][:1].isupper():
        place.pop(0)
    return f"{' '.join(place)} {long}" if place and _PLACE.match(" ".join(place) + " ") else long


@lru_cache(maxsize=1)
def _kind_rules() -> tuple[tuple[re.Pattern, dict], ...]:
    return tuple((re.compile(rule["pattern"], re.IGNORECASE), rule) for rule in load_jsonl("body_kinds.jsonl"))


@lru_cache(maxsize=4096)
def _kind_rule(name: str) -> dict | None:
    # (cached: a paper asks for the kind of each of its names many times; the rule is read only)
    return next((rule for rx, rule in _kind_rules() if rx.search(name)), None)


def body_kind(name: str) -> str:
    """The kind of a named body from its head noun (models/body_kinds.jsonl)."""
    rule = _kind_rule(name)
    return rule["label"] if rule else "other"


@lru_cache(maxsize=1)
def _gazetteer_keys() -> dict[str, dict]:
    """The gazetteer by comparison key (the first row of a key wins), built once, not per paper."""
    keys: dict[str, dict] = {}
    for row in gazetteer_rows():
        keys.setdefault(row["pattern"] if row.get("case") == "exact" else name_key(row["pattern"]), row)
    return keys


#: A place before a known kind of body ("Northby", "Bath and North East Somerset", "NHS
#: Northby"): title-case words; not a heading in capitals ("WESTSHIRE COUNCIL"), a list or a
#: title's tail ("Care, Children and ...").
_PLACE = re.compile(r"^(?:NHS )?(?:(?:[A-Z][a-z][\w'’-]*|and|upon|on|&) )+$")


@dataclass
class Resolver:
    """Resolves mentions in one paper to canonical names."""
    acronyms: dict[str, str]
    placed: dict[str, str] = field(default_factory=dict)        # acronym used alone -> the paper's own body
    gazetteer: dict[str, dict] = field(default_factory=dict)    # lower pattern -> row
    display: dict[str, str] = field(default_factory=dict)       # key -> canonical display name
    places: dict[str, set[str]] = field(default_factory=dict)   # kind's name -> its bodies named with a place

    def __post_init__(self):
        for key, row in _gazetteer_keys().items():
            self.gazetteer.setdefault(key, row)

    def expand(self, name: str) -> str:
        """Drop a bracketed acronym and spell out acronyms inside a name."""
        name = re.sub(r"\s*\((?:commonly\s+)?(?:(?:referred to|known)\s+as\s+)?[^)]*\)", "", name).strip()
        written = name.split()
        words = [self.acronyms.get(w, w) for w in written]
        # "the ICB Board": the Integrated Care Board itself, not an "Integrated Care Board Board"
        words = [w for i, w in enumerate(words) if not (
            i and words[i - 1] != written[i - 1] and words[i - 1].split()[-1].lower() == w.lower())]
        return re.sub(r"^(the|The)\s+", "", " ".join(words))

    def resolve(self, span: Span) -> tuple[str, str]:
        """(canonical name, kind) for an agency span."""
        if span._.canonical:
            if span.label_ != "BODY" and span._.rule and span._.rule.startswith("local-body"):
                self.places.setdefault(span.label_, set()).add(span._.canonical)   # its kind's name
            return span._.canonical, span._.kind
        text = _GENERIC_OWNER.sub("", span.text)          # "the Council's Cabinet": the Cabinet
        if text in self.placed or text in self.acronyms:
            text = self.placed.get(text) or self.acronyms[text]
        # "Safeguarding Adults Review (SAR) Sub-group": the name without its acronym
        text = _INNER_ACRONYM.sub(" ", text)
        name = self.expand(text)
        row = self.gazetteer.get(name) or self.gazetteer.get(name_key(name))
        if row:
            return row["canonical"], row["label"]
        # a known kind of body under its place ("Northby Safeguarding Children Partnership",
        # "Westshire Police") is that place's body: named as written, of the kind's kind
        variant = self._local_variant(name)
        if variant:
            row, place = variant
            if name.isupper():                # a heading in capitals ("NORTHBY POLICE AND CRIME PANEL")
                name, place = title_case(name), title_case(place)
            if not _PLACE.match(place + " ") or row["canonical"].split()[0] in place_words():
                return row["canonical"], row["label"]     # (a body that has its place: "Kent Police")
            # "NHS Northby CCG" and "NHS Northby Clinical Commissioning Group" are one body
            local = self.display_name(name, key_name=f"{place} {row['canonical']}")
            self.places.setdefault(row["canonical"], set()).add(local)
            return local, row["label"]
        rule = _kind_rule(name)
        if rule and rule.get("canonical") and name_key(name) == name_key(rule["canonical"]):
            return rule["canonical"], rule["label"]
        return self.display_name(name), rule["label"] if rule else "other"

    def display_name(self, name: str, key_name: str | None = None) -> str:
        """The paper's name for a body the gazetteer does not know: its first written form
        ("NHS Northby CCG" and "Northby CCG", "Friends of Northby" and "Friends of the Northby" are
        one body). `key_name`: the name that identifies it, where that is not `name` itself."""
        key = re.sub(r"\b(of|for) the\b", r"\1", re.sub(r"^nhs ", "", name_key(key_name or name)))   # "Friends of (the) Moor"
        if name.isupper() and len(name.split()) > 1:     # a heading in capitals: the name in title case
            name = title_case(name)
        return self.display.setdefault(key, _display(name))

    def local_body(self, kind_name: str) -> str | None:
        """The one body of a known kind the paper names with its place ("NHS Northby
        Integrated Care Board" for "the ICB"), if it names exactly one."""
        bodies = self.places.get(kind_name, ())
        return next(iter(bodies)) if len(bodies) == 1 else None

    def is_known(self, name: str) -> bool:
        """Is `name` a body or kind of body the gazetteer knows?"""
        return name_key(name) in self.gazetteer or name in self.gazetteer

    def local_kind(self, name: str) -> str | None:
        """The known kind a body named with its place is one of ("Northby Health Overview and
        Scrutiny Committee": Health Overview and Scrutiny Committee), or None."""
        variant = self._local_variant(name)
        return variant[0]["canonical"] if variant else None

    def _local_variant(self, name: str) -> tuple[dict, str] | None:
        """A known body under a place name, and the place: "Northby Safeguarding Children
        Partnership" is Northby's Safeguarding Children Partnership."""
        words = name.split()
        for cut in range(1, min(PLACE_MAX_WORDS + 1, len(words))):
            if not all(w[:1].isupper() or w in ("and", "&", "of", "upon", "on") for w in words[:cut]):
                break
            row = self.gazetteer.get(name_key(" ".join(words[cut:])))
            if row and len(words) - cut >= 2 and not row.get("generic"):
                # (not a phrase for partners in general: "Association of Port Health Authorities")
                return row, " ".join(words[:cut])
            acronym = self.gazetteer.get(words[cut]) if cut == len(words) - 1 else None
            if acronym and acronym.get("case") == "exact" and words[cut].isupper() and len(words[cut]) > 2:
                return acronym, " ".join(words[:cut])   # "NHS Northby CCG": a known acronym after a place
        return None


@lru_cache(maxsize=1)
def not_place_words() -> frozenset[str]:
    """Words that open a body's name but are no place (models/not_place_words.txt)."""
    return frozenset(load_lines("not_place_words.txt"))


def alias_short_names(names: list[str], own: frozenset[str] = frozenset()) -> dict[str, str]:
    """Short names that end a longer body name of the same paper map to it:
    "Partnership Board" -> "Looked After Children Partnership Board", when
    exactly one longer name ends that way, or one of them is the paper's `own`
    body (its committee's: "the Partnership Board" of a learning disability
    partnership board's report that names the older people's one too)."""
    keys = {name: name_key(name).split() for name in names}
    aliases = {}
    for short, short_words in keys.items():
        if len(short_words) < 2:
            continue
        longer = [name for name, words in keys.items()
                  if len(words) > len(short_words) and words[-len(short_words):] == short_words] \
            or _spelt_out(short, keys)
        ours = [name for name in longer if name in own]
        if len(longer) == 1 or len(ours) == 1:
            aliases[short] = ours[0] if ours else longer[0]
    return aliases


def _spelt_out(short: str, keys: dict[str, list[str]]) -> list[str]:
    """The paper's names that spell out an acronym a short name opens with, the paper never
    defining it ("LMS Board": "Ashcombe Local Maternity System Board", its place before it)."""
    m = _ACRONYM_THEN_HEAD.match(short)
    if m is None:
        return []
    letters, head = m.group("acronym").lower(), name_key(m.group("head")).split()
    return [name for name, words in keys.items()
            if len(words) > len(head) + 1 and words[-len(head):] == head
            and "".join(w[0] for w in words[:-len(head)] if w not in _TITLE_SMALL).endswith(letters)]


#: An acronym, then the head of a body's name ("LMS Board", "SAB Executive Group").
_ACRONYM_THEN_HEAD = re.compile(r"^(?P<acronym>[A-Z]{2,6})\s+(?P<head>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})$")
#: A body's owner named by its kind alone before it ("Council's Cabinet"): the paper's own, no part of the name.
_GENERIC_OWNER = re.compile(r"^(?:the\s+)?(?:Council|County\s+Council|Authority|Board|Partnership)['’]s\s+(?=[A-Z])")
#: An acronym in brackets inside a name, before the rest of it.
_INNER_ACRONYM = re.compile(r"\s*\([A-Z][A-Z&]{1,7}s?\)\s+(?=\S)")
#: Words kept in lower case when a name in capitals is written in title case.
_TITLE_SMALL = frozenset({"and", "of", "in", "for", "the", "on", "upon", "to", "a", "an", "by", "with", "at"})


def title_case(text: str) -> str:
    """"NORTHBY POLICE AND CRIME PANEL" -> "Northby Police and Crime Panel", character for
    character (spans found in one fall on the same places in the other)."""
    def word(m: re.Match) -> str:
        w = m.group(0)
        return w.lower() if m.start() > 0 and w.lower() in _TITLE_SMALL else w[:1] + w[1:].lower()
    return re.sub(r"[A-Za-z]+", word, text)


def _display(name: str) -> str:
    """Title-case a lower-case mention ("LAC strategic partnership")."""
    small = {"and", "of", "in", "at", "by", "for", "the", "on", "&"}
    words = name.split()
    return " ".join(w if (w.isupper() or w[:1].isupper() or (i and w in small)) else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))
