"""Sentence structure of tool text: who a sentence addresses and whether it orders.

Deterministic and offline: a regex sentence splitter, then the position of the verb.
- *directive*: an imperative (a base-form verb first, possibly after a "When …," clause
  or "Also", "Always"), a modal addressed to the model ("the assistant must …") or an
  obligation ("… is to be replaced", "… has to go through …");
- *negated*: a directive that forbids ("Do not …", "Never …"): usually protective;
- *self-description*: the tool describing itself ("Sends a payload …", "This tool …").
`mention_masked` blanks examples ("such as 'ignore previous instructions'"): a scanner
that names an attack is mentioning it, not using it. No I/O here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_I = re.IGNORECASE

# Base-form verbs an order to a model starts with (and tool descriptions start with in
# the third person: "Sends", "Reads").
VERBS = frozenset(
    """
    add allow answer append apply approve ask attach avoid begin bring call cancel carry cat
    change check choose clear close collect commit confirm copy create decode delete describe
    disable discard display do drop dump email embed enable end ensure enter execute explain
    export extract fetch fill find follow forget forward gather generate get give grab grant
    hand hide ignore include inform insert install invoke keep leave let list load look mark
    mention merge move notify obey open output overwrite paste pass pick place post prefer
    prepend print produce push put read record redirect refuse remember remove rename render
    reply report request reset resend respond retrieve return reveal rewrite route run save
    say scan search select send set share show skip start stop store submit substitute
    summarise summarize supply swap switch take tell throw treat trigger turn update upload
    use verify visit write type book lower raise assign reassign export stop
    """.split()  # noqa: SIM905  (a word list reads better as prose)
)
# Verbs a tool describes itself with in the third person ("Supports", "Converts"), beyond
# the orders above.
_DESCRIBING = VERBS | frozenset(
    """
    accept allow analyse analyze build compare compute contain convert count draw enable
    format handle lint manage merge optimise optimize perform provide query require resize
    support translate validate
    """.split()  # noqa: SIM905  (a word list reads better as prose)
)
_LEADING = re.compile(
    r"^(?:[\s\-*•>#\d.)(\[\]\"'`]+|(?:important|note|notice|warning|caution|nb|p\.?s\.?)\b[:!\s-]*"
    r"|(?:also|then|now|please|always|just|simply|first|next|finally|afterwards|additionally|"
    r"instead|so|and|but)\b[,\s]*)+",
    _I,
)
_CLAUSE = re.compile(
    r"^(?:when(?:ever)?|if|once|after|before|while|any\s+time|every\s+time|each\s+time|as\s+soon"
    r"\s+as|in\s+case|until|for\s+(?:the\s+link|quality|accuracy|this)|to\s+\w+)\b[^,;]{0,140},\s*",
    _I,
)
_MODEL = r"(?:you|the\s+(?:assistant|model|agent|ai|llm|bot)|assistants?|agents?)"
_ADDRESSED = re.compile(
    rf"\b{_MODEL}\s+(?:must|should|shall|need\s+to|needs\s+to|have\s+to|has\s+to|are\s+to|is\s+to|"
    r"are\s+(?:expected|required|obliged|supposed|authori[sz]ed)|will\s+(?:now|always))\b",
    _I,
)
_OBLIGATION = re.compile(
    r"\b(?:is|are)\s+to\s+be\b|\b(?:must|should|shall|has\s+to|have\s+to|needs?\s+to)\s+"
    r"(?:always\s+|also\s+|first\s+)?[a-z]+\b|\bbelongs?\s+here\b",
    _I,
)
_NEGATED = re.compile(r"^(?:do\s+not|don'?t|never|avoid|no\s+need\s+to|refrain\s+from)\b", _I)
# "The LLM MUST NOT invoke …": a prohibition addressed to the model.
_FORBIDS = re.compile(
    rf"\b{_MODEL}\s+(?:must|should|shall|may|need|can)\s*(?:not|never)\b|\b{_MODEL}\s+"
    r"(?:mustn'?t|shouldn'?t|can'?t|never)\b",
    _I,
)
_SELF = re.compile(r"^(?:this\s+(?:tool|server|endpoint|function)|the\s+tool|it|returns?)\b", _I)
_SPLIT = re.compile(r"(?<=[.!?;])[\"')\]]?\s+|\n+|(?<=:)\s+(?=[A-Z`'\"])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_MENTION = re.compile(
    r"\b(?:such\s+as|e\.g\.|for\s+example|for\s+instance|indicators?\s+(?:like|of)|patterns?\s+like"
    r"|like\s+(?=['\"`<]))[^.;\n]*",
    _I,
)


@dataclass(frozen=True)
class Sentence:
    text: str
    first: bool  # the first sentence of its text: usually what the tool does
    directive: bool
    negated: bool
    self_description: bool
    clause: str  # a leading "When …," / "If …," clause, or ""


def _first_word(s: str) -> str:
    m = _WORD.match(s)
    return m.group(0).lower() if m else ""


def _third_person(word: str) -> bool:
    if not word.endswith("s") or len(word) < 4:
        return False
    verbs = _DESCRIBING
    return (
        word[:-1] in verbs
        or (word.endswith("es") and word[:-2] in verbs)
        or (word.endswith("ies") and word[:-3] + "y" in verbs)
    )


@functools.lru_cache(maxsize=8192)
def split(text: str) -> tuple[Sentence, ...]:
    """The sentences of a text, each classified (cached: one text is read by many signals)."""
    out: list[Sentence] = []
    for n, raw in enumerate(p for p in _SPLIT.split(text) if p and p.strip()):
        body = _LEADING.sub("", raw.strip(), count=1)
        clause = ""
        m = _CLAUSE.match(body)
        if m:
            clause, body = m.group(0), body[m.end() :]
            body = _LEADING.sub("", body, count=1)
        word = _first_word(body)
        negated = bool(_NEGATED.match(body)) or bool(_FORBIDS.search(raw))
        imperative = word in VERBS or negated
        directive = imperative or bool(_ADDRESSED.search(raw)) or bool(_OBLIGATION.search(raw))
        self_desc = not clause and (_third_person(word) or bool(_SELF.match(body)))
        out.append(Sentence(raw, n == 0, directive and not self_desc, negated, self_desc, clause))
    return tuple(out)


@functools.lru_cache(maxsize=8192)
def mention_masked(text: str) -> str:
    """The text with examples blanked: what follows "such as", "e.g." up to the clause end."""
    if not _MENTION.search(text):
        return text
    return _MENTION.sub(" ", text)


@functools.lru_cache(maxsize=8192)
def orders_only(text: str) -> str:
    """The text without the sentences in which the tool only describes itself, and with
    examples blanked: where an action phrase ("send … to https://…") is an order, not a
    statement of what the tool does."""
    kept = [s.text for s in split(text) if not s.self_description]
    return mention_masked(" ".join(kept))
