"""What every tool-text signal shares: the texts it reads, the context it may know, what it
returns, and the two ways of turning a regular expression into a check. No I/O here."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

_I = re.IGNORECASE

Texts = Sequence[tuple[str, str]]  # (where, text)
Check = Callable[[Texts, "Context"], Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class Context:
    """What a signal may know besides the texts: the item's own name and its siblings'."""

    name: str = ""
    own_names: frozenset[str] = frozenset()  # tools of the same server (naming them is normal)
    other_names: frozenset[str] = frozenset()  # tools of other servers in the same client
    param_names: tuple[str, ...] = ()


@functools.lru_cache(maxsize=16)
def _lowered(names: frozenset[str]) -> frozenset[str]:
    """The names lower-cased, once per server: every tool of a server shares its set, and
    lowering it per tool made scoring quadratic (100,000 tools took hours)."""
    return frozenset(n.lower() for n in names)


@dataclass(frozen=True)
class Fired:
    signal: str
    phrase: str
    where: str


@dataclass(frozen=True)
class Signal:
    id: str
    label: str  # what it means, in words, for the finding
    family: str  # steering | cross_tool | concealment | exfiltration | command | hidden | shape
    check: Check

    @property
    def prior(self) -> float:
        from mcpaudit.textscore.priors import PRIORS

        return PRIORS.get(self.id, 0.5)


def _regex(pattern: str) -> Check:
    compiled = re.compile(pattern, _I)

    def check(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
        for where, text in texts:
            m = compiled.search(text)
            if m:
                yield m.group(0), where
                return

    return check


_IDENT = re.compile(r"`?\b([A-Za-z][\w-]*[_-][\w-]*[A-Za-z0-9]|[a-z]+[A-Z]\w*)\b`?")


def _regex_not_own(pattern: str) -> Check:
    """Like `_regex`, but a match that points at one of the server's own tools (the next
    tool-like name after it, within a few words) is ordinary documentation, not steering."""
    compiled = re.compile(pattern, _I)

    def check(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
        # Siblings only: a tool that tells the model to call *itself* for everything steers.
        own, me = _lowered(ctx.own_names), ctx.name.lower()
        for where, text in texts:
            for m in compiled.finditer(text):
                tail = _IDENT.search(text, m.start(), min(len(text), m.end() + 60))
                if tail and (sibling := tail.group(1).lower()) in own and sibling != me:
                    continue
                yield m.group(0), where
                return

    return check
