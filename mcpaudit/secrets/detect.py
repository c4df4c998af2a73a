"""Find literal secrets in a string: provider formats, key-name context plus entropy, URLs.

`find_secrets(text, key=None)` is the one entry point. With `key` (an env var name, a
header name, a `--flag`), the whole value is judged in that context; without it, the
text is searched for provider tokens, `NAME=value` / `name: value` assignments with a
secret-like name, and URLs carrying a password or a secret query parameter — which is
what log lines and process command lines look like.

Never a secret: references to a value kept elsewhere (`${env:X}`, `${input:x}`, `$X`,
`{env:X}`, …), placeholders (`<your-token>`, `YOUR_API_KEY`, `xxxx`, `changeme`), empty
values, and names of environment variables (`GITHUB_TOKEN` as a value).
The filters are plain functions in `filters.py`, as in detect-secrets, each tested on its own;
key names are judged in `keys.py`, vendor formats listed in `patterns.py`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from mcpaudit.references import find_reference
from mcpaudit.secrets.filters import (
    AUTH_SCHEME,
    is_not_literal_plain,
    is_placeholder,
    judge_keyed,
)
from mcpaudit.secrets.keys import key_kind, key_words
from mcpaudit.secrets.match import HIGH, MEDIUM, SecretMatch
from mcpaudit.secrets.patterns import KEYWORDS, PATTERNS

_RANK = {HIGH: 2, MEDIUM: 1}


# ---------------------------------------------------------------- search

# Possessive `*+`: a scheme never ends before a scheme character (saves time on long text).
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*+://[^\s\"'<>`]+")
# `{1,63}+` is possessive: a key never ends before a key character, so giving characters
# back cannot help, and not trying saves most of the time on long log lines.
_ASSIGN = re.compile(
    r"(?P<key>[A-Za-z_][A-Za-z0-9_.\-]{1,63}+)[\"']?[ \t]*(?:=|:)[ \t]*[\"']?"
    r"(?P<value>(?:(?:Bearer|Basic|Token)[ \t]+)?[^\s\"',;&]+)"
)
_AWS_SECRET = re.compile(r"[A-Za-z0-9/+=]{40}")
_FLAG_VALUE = re.compile(
    r"(?P<key>--?[A-Za-z][A-Za-z0-9_\-]{1,63})[ \t]+(?P<value>[^\s\"'-][^\s\"']*)"
)


# Substring tests (C speed) for every distinct keyword; a pattern's regex then runs only
# when one of its keywords occurred. Faster than one alternation regex over large text.
_ALL_KEYWORDS = tuple(sorted({k for ks in KEYWORDS.values() for k in ks}))


def _provider_matches(text: str) -> list[SecretMatch]:
    out: list[SecretMatch] = []
    hits = {k for k in _ALL_KEYWORDS if k in text}
    if not hits:
        return out  # most text holds no token at all
    for p in PATTERNS:
        if hits.isdisjoint(KEYWORDS[p.kind]):
            continue
        for m in p.regex.finditer(text):
            value = m.group(p.group)
            if value and not is_placeholder(value):
                s, e = m.span(p.group)
                out.append(SecretMatch(p.kind, p.description, s, e, value, HIGH))
    return out


_RAW_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*+://\S+")
_BRACED_REF = re.compile(r"\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Za-z_][A-Za-z0-9_]*%")


def _url_password_is_reference(password: str) -> bool:
    """`${DB_PASS}` or `{{ secrets.X }}` is a reference; `p4ss$word` is a password with a
    dollar in it (no client expands a bare `$word` inside a URL)."""
    if find_reference(password) is not None:
        return True  # wholly a reference, whatever the syntax
    return len(_BRACED_REF.sub("", password).strip()) < 4 or is_not_literal_plain(password)


def _url_matches(text: str) -> list[SecretMatch]:
    out: list[SecretMatch] = []
    if "://" not in text:
        return out
    for m in _URL.finditer(text):
        url, base = m.group(0), m.start()
        try:
            parts = urlsplit(url)
            # The credentials by RFC 3986 / urllib rules on the raw value: a password may
            # hold `"`, `'`, `;` or a backtick, which end the URL pattern above.
            raw = _RAW_URL.match(text, m.start())
            if raw is not None and raw.group(0) != url:
                whole = urlsplit(raw.group(0))
                if "@" in whole.netloc and whole.netloc != parts.netloc:
                    url, parts = raw.group(0), whole
        except ValueError:
            continue
        netloc = parts.netloc
        if "@" in netloc:
            userinfo = netloc.rpartition("@")[0]
            user, sep, password = userinfo.partition(":")
            at = url.find(userinfo)
            if sep and not _url_password_is_reference(password) and not is_placeholder(password):
                s = base + at + len(user) + 1
                out.append(
                    SecretMatch(
                        "url-password", "password in URL", s, s + len(password), password, MEDIUM
                    )
                )
            elif not sep and len(user) >= 16 and judge_keyed(user, "secret"):
                s = base + at
                out.append(
                    SecretMatch("url-token", "token in URL user", s, s + len(user), user, MEDIUM)
                )
        if parts.query:
            q_at = url.find("?") + 1
            offset = q_at
            for piece in parts.query.split("&"):
                k, eq, v = piece.partition("=")
                kind = key_kind(unquote(k)) or ("secret" if k.lower() == "key" else None)
                if eq and kind and judge_keyed(unquote(v), kind):
                    s = base + offset + len(k) + 1
                    out.append(
                        SecretMatch(
                            "url-query-secret",
                            f"secret in URL query parameter {k!r}",
                            s,
                            s + len(v),
                            v,
                            MEDIUM,
                        )
                    )
                offset += len(piece) + 1
    return out


def _keyed_match(text: str, key: str, base: int = 0) -> SecretMatch | None:
    kind = key_kind(key)
    if kind is None or not judge_keyed(text, kind):
        return None
    stripped = text.strip()
    scheme = AUTH_SCHEME.match(stripped)
    secret = stripped[scheme.end() :] if scheme else stripped
    start = base + text.find(secret)
    words = key_words(key)
    if "aws" in words and "secret" in words and _AWS_SECRET.fullmatch(secret):
        return SecretMatch(
            "aws-secret-access-key", "AWS secret access key", start, start + 40, secret, HIGH
        )
    description = "password" if kind == "password" else "credential"
    return SecretMatch("keyword", description, start, start + len(secret), secret, MEDIUM)


_HINTS = ("token", "secret", "pass", "pwd", "pw", "key", "auth", "credential", "cookie", "bearer")
_HINTS += ("sig", "pat", "dsn")


_OPENER = {"}": "{", "]": "[", ")": "("}


def _strip_closers(value: str) -> str:
    """`true}]` -> `true`; `${env:X}` stays whole (its brace is its own)."""
    while (
        value and value[-1] in _OPENER and value.count(_OPENER[value[-1]]) < value.count(value[-1])
    ):
        value = value[:-1]
    return value


def _assignment_matches(text: str) -> list[SecretMatch]:
    out: list[SecretMatch] = []
    lowered = text.lower()
    if not any(h in lowered for h in _HINTS):
        return out  # no secret-like name anywhere: no assignment can qualify
    for regex in (_ASSIGN, _FLAG_VALUE):
        for m in regex.finditer(text):
            value = m.group("value")
            if "://" in value:
                continue  # URLs are judged by their parts
            start = m.start("value")
            if start == 0 or text[start - 1] not in "\"'":
                # Unquoted: `"password": true}]` is a JSON/YAML literal and the brackets that
                # close it (a VS Code input's flag), not a credential.
                value = _strip_closers(value)
                if not value:
                    continue
            found = _keyed_match(value, m.group("key"), start)
            if found:
                out.append(found)
    return out


def _resolve(matches: list[SecretMatch]) -> list[SecretMatch]:
    """Keep the most confident, longest match where matches overlap."""
    chosen: list[SecretMatch] = []
    for m in sorted(matches, key=lambda m: (-_RANK[m.confidence], -(m.end - m.start), m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


_DEFAULT = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*:-([^}]*)\}")


def _default_secrets(text: str, key: str | None) -> list[SecretMatch]:
    """`${API_KEY:-sk-…}` is a reference whose fallback is a literal: judge the fallback."""
    out: list[SecretMatch] = []
    for m in _DEFAULT.finditer(text):
        for found in find_secrets(m.group(1), key):
            shift = m.start(1)
            out.append(
                SecretMatch(
                    found.kind,
                    found.description,
                    found.start + shift,
                    found.end + shift,
                    found.value,
                    found.confidence,
                )
            )
    return out


_LONG_RUN = re.compile(r"[A-Za-z0-9_\-+/=.]{12,}")


def _may_hold_secret(text: str) -> bool:
    """Cheap gate for free text: every detector needs a long token-like run, a URL, a PEM
    header, or (for short passwords) a password-like name."""
    if "://" in text or "PRIVATE KEY" in text or _LONG_RUN.search(text):
        return True
    lowered = text.lower()
    return "pass" in lowered or "pwd" in lowered or "pw" in lowered


def find_secrets(text: str, key: str | None = None) -> list[SecretMatch]:
    """Every literal secret in `text`, most specific first where they overlap.

    `key` is the name the value was stored under (env var, header, flag); when given,
    the whole value is also judged as a credential in that context.
    """
    if not text or not isinstance(text, str):
        return []
    if len(text) <= _MEMO_MAX_LEN:
        return list(_find_short(text, key))
    return _find(text, key)


# Config values repeat (the same server copied into many projects; every rule, the report
# and the fixes ask about the same values): short texts are judged once per process.
_MEMO_MAX_LEN = 2048


@lru_cache(maxsize=32768)
def _find_short(text: str, key: str | None) -> tuple[SecretMatch, ...]:
    return tuple(_find(text, key))


def _find(text: str, key: str | None) -> list[SecretMatch]:
    if ("$" in text or "{" in text or "%" in text) and find_reference(text) is not None:
        return _default_secrets(text, key)
    if key is None and not _may_hold_secret(text):
        return []
    matches = _provider_matches(text) + _url_matches(text) + _assignment_matches(text)
    if key is not None:
        found = _keyed_match(text, key)
        if found:
            matches.append(found)
    return _resolve(matches)


def mask_secrets(text: str, key: str | None = None) -> str:
    """`text` with every secret found replaced by its redacted form."""
    from mcpaudit.redact import redact

    out = text
    for m in reversed(find_secrets(text, key)):
        out = out[: m.start] + redact(m.value) + out[m.end :]
    return out
