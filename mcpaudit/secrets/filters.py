"""Values that are never a secret (references, placeholders, env var names, numbers, paths)
and the judgement of a value found under a credential-named key. Plain functions, as in
detect-secrets, so each is tested on its own."""

from __future__ import annotations

import math
import re
from collections import Counter

from mcpaudit.references import contains_reference, find_reference, strip_references

_PLACEHOLDER_WORDS = re.compile(
    r"(?i)(your[-_ ]?|changeme|change[-_]me|replace[-_]?me|placeholder|insert[-_ ]|"
    r"redacted|dummy|todo|fixme|<[^>]*>|\.\.\.|xxxx|\*\*\*\*|####|"
    # a template slot ({{TOKEN}}: mustache, Jinja, installer templates) is filled in later
    r"\{\{[^{}]*\}\}|"
    r"^(?:none|null|nil|true|false|undefined|secret|password|token|test|string)$)"
)
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]{2,}")
_NUMBER = re.compile(r"[0-9.:\-]+")


def is_placeholder(value: str) -> bool:
    """Obviously not a real credential: a template, a filler word, a repeated character."""
    v = value.strip()
    if not v:
        return True
    if _PLACEHOLDER_WORDS.search(v):
        return True
    return len(set(v)) <= 2


def is_not_literal(value: str) -> bool:
    """A reference, an env var name, a number, a path or a URL: the secret is elsewhere."""
    v = value.strip()
    if find_reference(v) is not None:
        return True
    if contains_reference(v) and len(strip_references(v).strip()) < 8:
        return True
    if _ENV_NAME.fullmatch(v) and "_" in v:
        return True
    if _NUMBER.fullmatch(v):
        return True
    if v.startswith(("/", "~/", "./", "../", "file:")) or re.match(r"^[A-Za-z]:[\\/]", v):
        return True
    return "://" in v


def is_not_literal_plain(value: str) -> bool:
    """`is_not_literal` without its bare-`$NAME` reference test (for URL passwords)."""
    v = value.strip()
    return bool(_ENV_NAME.fullmatch(v) and "_" in v) or bool(_NUMBER.fullmatch(v))


def shannon_entropy(value: str) -> float:
    """Bits per character: random tokens score ~4-6, words and names ~2-3.5."""
    if not value:
        return 0.0
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


AUTH_SCHEME = re.compile(r"^(?:bearer|basic|token|apikey|api-key|digest)\s+", re.IGNORECASE)


def judge_keyed(value: str, kind: str) -> bool:
    """Does `value`, found under a credential-named key, look like a real credential?"""
    v = AUTH_SCHEME.sub("", value.strip())
    if is_not_literal(v) or is_placeholder(v):
        return False
    if kind == "password":
        return len(v) >= 4 and " " not in v
    if len(v) < 12 or re.search(r"\s", v):
        return False
    # Random tokens score high; long letter+digit mixes under a secret name count too
    # (vendor keys padded with zeros in docs and tests still are keys).
    mixed = len(v) >= 16 and re.search(r"\d", v) and re.search(r"[A-Za-z]", v)
    return shannon_entropy(v) >= 3.0 or bool(mixed)
