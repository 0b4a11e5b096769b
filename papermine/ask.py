"""`papermine ask`: a plain-English question mapped to one query command, by rules.

The intent comes from cue patterns (`models/ask_intents.jsonl`, tried in order);
the arguments from names looked up in the database (councils, bodies and
agencies, papers) and in the theme taxonomy, and from the vocabulary in
`models/ask_words.json` (time words, relation words, ordinals, fillers):

    which priorities did Durham drop since 2018
      -> papermine dropped --council "Durham County Council" --since 2018

The plan says which rule fired and what was understood, so a wrong mapping can
be traced; a question that maps to no command is answered by one line naming
what was understood and the commands that exist.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from .errors import NotFound, PapermineError
from .model.data import load_json, load_jsonl
from .model.themes import OTHER, classify_theme, theme_labels
from .store.refs import fits, make_short_ids

__all__ = ["Plan", "Understood", "plan_question", "COMMANDS"]

#: The query commands ask can run, as listed when a question maps to none.
COMMANDS = ("dropped", "diff", "timeline", "themes", "agencies", "lines", "search", "docs", "show")
_YEAR = re.compile(r"\b((?:19|20)\d\d)(?:-(\d\d)-(\d\d)|-(\d\d)(?!\d))?\b")
_PARAGRAPH = re.compile(r"(?:\bparagraph|\bpara\b|¶)\s*(\(?[0-9]+(?:\.[0-9]+)*\)?|\(?[a-z]\)|\(?[ivx]+\)|[a-z]\b)",
                        re.IGNORECASE)
_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”|'([^']{3,})'")
_WORD = re.compile(r"[^\s\"“”?!,;:()]+")


@lru_cache(maxsize=1)
def _intents() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((row["id"], row["label"], re.compile(row["pattern"], re.IGNORECASE))
                 for row in load_jsonl("ask_intents.jsonl"))


def _words_data() -> dict:
    return load_json("ask_words.json")


@dataclass
class Understood:
    """What a question was found to name."""
    council: str | None = None
    since: int | None = None
    until: int | None = None
    years: list[str] = field(default_factory=list)        # years and dates, as written, in order
    theme: str | None = None
    body: str | None = None
    relation: str | None = None
    direction: str | None = None                          # the body is the line's "from" or "to" end
    papers: list[str] = field(default_factory=list)       # short ids of papers named
    paragraph: str | None = None
    text: str | None = None

    def describe(self) -> str:
        parts = []
        for name in ("council", "since", "until", "theme", "body", "direction", "relation", "paragraph", "text"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name} {value!s}")
        if self.years and self.since is None and self.until is None:
            parts.append(f"year{'s' if len(self.years) > 1 else ''} {', '.join(self.years)}")
        if self.papers:
            parts.append(f"paper{'s' if len(self.papers) > 1 else ''} {', '.join(self.papers)}")
        return "; ".join(parts) or "no council, theme, year, body or paper"


@dataclass
class Plan:
    question: str
    intent: str | None                  # the command, or None when nothing maps
    args: list[str]                     # the command and its arguments
    rule: str | None                    # the cue that fired
    understood: Understood
    missing: str | None = None          # why a cued command could not be used
    fallback: list[str] | None = None   # a wider command to run when this one finds nothing

    @property
    def command_line(self) -> str:
        return "papermine " + shlex.join(self.args)

    @property
    def fallback_line(self) -> str | None:
        return "papermine " + shlex.join(self.fallback) if self.fallback else None

    def refusal(self) -> str:
        """The one line for a question that maps to no command."""
        why = f"; {self.missing}" if self.missing else ""
        return (f"could not map the question to a command (understood: {self.understood.describe()}{why}); "
                f"commands: {', '.join(COMMANDS)}")

    def to_dict(self) -> dict:
        return {"question": self.question, "command": self.args, "rule": self.rule,
                "understood": asdict(self.understood), "missing": self.missing, "fallback": self.fallback}


# ---- the names a question may use ----------------------------------------------------

def _norm(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.sub(r"'s\b", "", text)


def _phrase(name: str) -> re.Pattern:
    words = [re.escape(w) for w in re.findall(r"[^\W_]+|&", _norm(name))]
    return re.compile(r"(?<![\w-])" + r"[\s\W]*".join(words) + r"(?![\w-])")


@dataclass
class _Lexicon:
    councils: dict[str, list[re.Pattern]]            # council -> patterns naming it
    bodies: list[tuple[re.Pattern, str, str]]        # (pattern, as written, canonical), longest first
    docs: list[dict]
    short: dict[str, str]


def _initialism(name: str, skip: set[str]) -> str | None:
    letters = [w[0] for w in re.findall(r"[A-Za-z][\w']*", name) if w.lower() not in skip]
    return "".join(letters).upper() if len(letters) >= 2 else None


def _lexicon(store) -> _Lexicon:
    words = _words_data()
    generic = set(words["council_generic"])
    names = store.names()
    councils = {}
    for council in names["councils"]:
        significant = [w for w in re.findall(r"[^\W_]+", _norm(council)) if w not in generic]
        patterns = [_phrase(council)]
        if significant:
            patterns.append(_phrase(" ".join(significant)))
        councils[council] = patterns
    council_words = {w for c in names["councils"] for w in re.findall(r"[^\W_]+", _norm(c))}
    fillers = set(words["fillers"])
    skip = set(words["body_generic"])
    pairs: dict[str, str] = {}
    for written, canonical in names["bodies"]:
        pairs.setdefault(written, canonical)
        pairs.setdefault(canonical, canonical)
    for row in load_jsonl("agencies.jsonl"):           # the gazetteer's aliases and acronyms
        if row["canonical"] in pairs.values() and isinstance(row["pattern"], str):
            pairs.setdefault(row["pattern"], row["canonical"])
    initials: dict[str, set[str]] = {}
    for canonical in set(pairs.values()):
        short = _initialism(canonical, skip)
        if short and len(short) >= words["acronym_min"]:
            initials.setdefault(short, set()).add(canonical)
    for short, canonicals in initials.items():
        if len(canonicals) == 1:                       # "CLASP": one body's initials, never two
            pairs.setdefault(short, next(iter(canonicals)))
    bodies = []
    for written, canonical in pairs.items():
        if _norm(written) in fillers or _norm(canonical) in {_norm(c) for c in names["councils"]} \
                or set(re.findall(r"[^\W_]+", _norm(written))) <= council_words:
            continue
        bodies.append((_phrase(written), written, canonical))
    bodies.sort(key=lambda b: -len(b[1]))
    docs = [dict(d) for d in store.documents()]
    return _Lexicon(councils, bodies, docs, make_short_ids(docs))


# ---- what a question names --------------------------------------------------------------

def _council(q: str, lex: _Lexicon) -> tuple[str | None, list[tuple[int, int]]]:
    for council, patterns in lex.councils.items():
        for pattern in patterns:
            m = pattern.search(q)
            if m:
                return council, [m.span()]
    return None, []


def _body(q: str, lex: _Lexicon, taken: list[tuple[int, int]]) -> tuple[str | None, tuple[int, int] | None]:
    for pattern, _written, canonical in lex.bodies:
        for m in pattern.finditer(q):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                return canonical, m.span()
    return None, None


def _years(q: str) -> list[tuple[str, int, int]]:
    """(year or date as written, start, end) in order."""
    return [(m.group(0), m.start(), m.end()) for m in _YEAR.finditer(q)]


def _cue_before(q: str, start: int, cues: dict[str, list[str]]) -> str | None:
    before = q[:start].rstrip()
    for kind, phrases in cues.items():
        for phrase in sorted(phrases, key=len, reverse=True):
            if re.search(rf"(?:^|\W){re.escape(phrase)}$", before):
                return kind
    return None


def _window(q: str, years: list[tuple[str, int, int]], bare_in: bool) -> tuple[int | None, int | None]:
    """--since/--until from the time words before each year ("since 2018",
    "between 2018 and 2022", "before 2020"); a bare year counts as "in" when `bare_in`."""
    cues = _words_data()["time"]
    since = until = None
    between = re.search(rf"\b(?:{'|'.join(map(re.escape, cues['between']))})\s+((?:19|20)\d\d)\S*\s+"
                        r"(?:and|to|-)\s+((?:19|20)\d\d)", q)
    if between:
        return int(between.group(1)), int(between.group(2))
    for text, start, _end in years:
        year = int(text[:4])
        kind = _cue_before(q, start, {k: v for k, v in cues.items() if k != "between"})
        if kind is None and bare_in:
            kind = "in"
        if kind == "since":
            since = year
        elif kind == "after":
            since = year + 1
        elif kind == "until":
            until = year
        elif kind == "before":
            until = year - 1
        elif kind == "in":
            since = until = year
    return since, until


def _relation(q: str, body_span: tuple[int, int] | None) -> tuple[str | None, str | None]:
    """(relation, which end of it the named body is: "from" or "to")."""
    for relation, rule in _words_data()["relations"].items():
        if relation.startswith("/"):
            continue
        m = re.search(rule["pattern"], q)
        if not m:
            continue
        end = rule["body"]
        if end == "subject":           # "who does X report to": X reports; "who reports to X": X is reported to
            end = "source" if body_span and body_span[0] < m.start() else "target"
        return relation, ("from" if end == "source" else "to") if body_span else None
    return None, None


def _theme(q: str, skip: list[tuple[int, int]]) -> str | None:
    """A theme named by its label, or by the start of its label ("mental health"
    for "mental health and emotional wellbeing"; the longest start wins), or by
    the cues of exactly one theme ("placement stability")."""
    labels = [label for label in theme_labels() if label != OTHER]
    for label in labels:
        if _phrase(label).search(q):
            return label
    starts = {}
    for label in labels:
        lead = re.split(r",| and ", label)[0]
        if _phrase(lead).search(q):
            starts.setdefault(len(lead), []).append(label)
    if starts and len(starts[max(starts)]) == 1:
        return starts[max(starts)][0]
    text = "".join(" " if any(a <= i < b for a, b in skip) else ch for i, ch in enumerate(q))
    best, matched = classify_theme(text)
    return best if best != OTHER and len(matched) == 1 else None


def _content_words(question: str, drop: set[str]) -> list[str]:
    """The question's own words (hyphens kept) that are not fillers or named things."""
    out = []
    for token in _WORD.findall(question.replace("’", "'")):
        token = token.strip(".'")
        bare = _norm(token)
        if not bare or bare in drop or _YEAR.fullmatch(bare):
            continue
        out.append(token)
    return out


# ---- papers named in a question --------------------------------------------------------

def _ordinals(q: str) -> list[tuple[str, int]]:
    found = []
    for kind, phrases in _words_data()["ordinals"].items():
        for phrase in phrases:
            for m in re.finditer(rf"\b{re.escape(phrase)}\b", q):
                found.append((kind, m.start()))
    return sorted(found, key=lambda f: f[1])


def _papers(q: str, lex: _Lexicon, council: str | None, title_words: list[str],
            years: list[tuple[str, int, int]]) -> tuple[list[str], str | None]:
    """The papers a question names, in order: by short id or id, by year or date,
    or as the first / last / previous paper; title words ("CLASP") narrow each.
    Returns (short ids, why not all could be told apart)."""
    docs = [d for d in lex.docs if council is None or d["council"] == council]
    usable = [w for w in (t.lower() for t in title_words) if any(fits(w, d) for d in docs)]
    slots: list[tuple[int, list[dict]]] = []
    short_to_doc = {lex.short[d["id"]].lower(): d for d in lex.docs}
    for m in re.finditer(r"[a-z][\w-]*/\S+|[a-z][\w-]*_(?:\d{4}-\d\d-\d\d|undated)_\S+", q):
        ref = m.group(0).rstrip(".?,")
        hit = short_to_doc.get(ref) or next((d for d in lex.docs if d["id"] == ref), None)
        if hit:
            slots.append((m.start(), [hit]))
    taken = [m.span() for m in re.finditer(r"[a-z][\w-]*/\S+", q)]
    for text, start, _end in years:
        if not any(a <= start < b for a, b in taken):
            slots.append((start, [d for d in docs if fits(text, d)]))
    ordered = sorted(docs, key=lambda d: (d["date"] or f"{d['year'] or 0}-12-31"))
    for kind, start in _ordinals(q):
        narrowed = [d for d in ordered if all(fits(w, d) for w in usable)] or ordered
        index = {"first": 0, "last": -1, "previous": -2}[kind]
        if len({d["council"] for d in narrowed}) == 1 and len(narrowed) >= abs(index) + (index >= 0):
            slots.append((start, [narrowed[index]]))
        else:
            slots.append((start, narrowed))
    papers, unclear = [], None
    for _start, candidates in sorted(slots, key=lambda s: s[0]):
        narrowed = [d for d in candidates if all(fits(w, d) for w in usable)] or candidates
        if len(narrowed) == 1:
            papers.append(lex.short[narrowed[0]["id"]])
        elif narrowed:
            unclear = f"{len(narrowed)} papers fit: {', '.join(sorted(lex.short[d['id']] for d in narrowed)[:4])}"
        else:
            unclear = "no stored paper fits"
    return list(dict.fromkeys(papers)), unclear


# ---- the plan -----------------------------------------------------------------------------

def plan_question(question: str, store) -> Plan:
    """The command a question maps to (intent None when none does)."""
    words = _words_data()
    lex = _lexicon(store)
    q = _norm(question)
    u = Understood()
    u.council, council_spans = _council(q, lex)
    years = _years(q)
    u.years = [text for text, _, _ in years]
    quoted = next((next(g for g in m.groups() if g) for m in _QUOTED.finditer(question)), None)
    para = _PARAGRAPH.search(question)
    if para:
        u.paragraph = para.group(1).strip("()") if para.group(1).startswith("(") else para.group(1).rstrip(")")
    taken = list(council_spans) + [(s, e) for _, s, e in years]
    u.body, body_span = _body(q, lex, taken)
    u.relation, u.direction = _relation(q, body_span)
    u.theme = _theme(q, taken + ([body_span] if body_span else []))
    time_words = {w for phrases in words["time"].values() for p in phrases for w in p.split()}
    ordinal_words = {w for phrases in words["ordinals"].values() for p in phrases for w in p.split()}
    council_words = set(re.findall(r"[^\W_]+", _norm(u.council or ""))) | set(words["council_generic"])
    drop = set(words["fillers"]) | time_words | ordinal_words | council_words | {"priority", "priorities"}
    content = _content_words(question, drop)

    missing = None
    cued = []
    for rule, label, pattern in _intents():
        if pattern.search(q) and label not in [c[1] for c in cued]:
            cued.append((rule, label))
    for rule, label in cued:
        args, why = _arguments(label, q, question, u, lex, years, quoted, content)
        if args is not None:
            fallback = None
            if label == "lines" and u.direction:      # nothing from/to it: its lines at either end
                fallback = [a if a not in ("--from", "--to") else "--body" for a in args]
            return Plan(question, label, args, rule, u, fallback=fallback)
        missing = missing or why
        if words["intents"][label].get("final"):
            break                 # "what changed between ..." is a diff or nothing
    return Plan(question, None, [], None, u, missing)


def _window_args(u: Understood) -> list[str]:
    args = []
    if u.council:
        args += ["--council", u.council]
    if u.since is not None:
        args += ["--since", str(u.since)]
    if u.until is not None:
        args += ["--until", str(u.until)]
    return args


def _arguments(label: str, q: str, question: str, u: Understood, lex: _Lexicon, years, quoted, content):
    """(args, None) for a command whose needs the question meets, else (None, why not)."""
    if label in ("diff", "show"):
        title_words = [w for w in content if w.lower() not in {(u.paragraph or "").lower()}]
        papers, unclear = _papers(q, lex, u.council, title_words, years)
        u.papers = papers
        if label == "diff":
            if len(papers) < 2:
                return None, f"diff needs two papers ({unclear or f'found {len(papers)}'})"
            return ["diff", papers[0], papers[1]], None
        if not papers or not u.paragraph:
            what = "a paragraph number" if papers else (unclear or "a paper")
            return None, f"show needs {what}"
        return ["show", papers[0], "--para", u.paragraph], None
    u.since, u.until = _window(q, years, bare_in=True)
    if label == "search":
        text = quoted or " ".join(w for w in content if _norm(w) not in {_norm(u.body or "")})
        if not text and u.body:
            text = u.body
        if not text:
            return None, "search needs words to look for"
        u.text = text
        return ["search", text, *_window_args(u)], None
    if label == "timeline":
        return ["timeline", *(["--theme", u.theme] if u.theme else []), *_window_args(u)], None
    if label == "agencies":
        return ["agencies", *_window_args(u), *(["--name", u.body] if u.body else [])], None
    if label == "lines":
        args = ["lines", *_window_args(u)]
        if u.body:
            args += [{"from": "--from", "to": "--to"}.get(u.direction, "--body"), u.body]
        if u.relation:
            args += ["--relation", u.relation]
        return args, None
    if label in ("dropped", "docs", "themes"):
        return [label, *_window_args(u)], None
    raise PapermineError(None, f"models/ask_intents.jsonl names an unknown command {label!r}")


def resolve_or_refuse(plan: Plan) -> Plan:
    """The plan, or NotFound with the one-line refusal."""
    if plan.intent is None:
        raise NotFound(None, plan.refusal())
    return plan
