"""What a parser saw in a piece of code: qualified names, called names, string literals."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Names:
    names: set[str] = field(default_factory=set)  # every dotted name referred to
    calls: set[str] = field(default_factory=set)  # names that are called
    strings: list[str] = field(default_factory=list)  # string literals, unescaped
    whole_environ: bool = False  # the whole environment is handed on (not one variable)

    def add(self, name: str) -> None:
        self.names.add(name)

    def any_of(self, exact: set[str] | frozenset[str], prefixes: tuple[str, ...] = ()) -> list[str]:
        """The names (sorted) that are in `exact` or start with one of `prefixes`."""
        every = self.names | self.calls
        return sorted(n for n in every if n in exact or (prefixes and n.startswith(prefixes)))
