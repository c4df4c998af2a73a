"""Find literal secrets in a string: provider formats, key-name context plus entropy, URLs.

`find_secrets(text, key=None)` is the one entry point. With `key` (an env var name, a
header name, a `--flag`), the whole value is judged in that context; without it, the
text is searched for provider tokens, `NAME=value` / `name: value` assignments with a
secret-like name, and URLs carrying a password or a secret query parameter — which is
what log lines and process command lines look like.

Never a secret: references to a value kept elsewhere (`${env:X}`, `${input:x}`, `$X`,
`{env:X}`, …), placeholders (`<your-token>`, `YOUR_API_KEY`, `xxxx`, `changeme`), empty
values, and names of environment variables (`GITHUB_TOKEN` as a value).
Filters are plain functions, as in detect-secrets, so each is tested on its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from mcpaudit.references import contains_reference, find_reference, strip_references
from mcpaudit.secrets.patterns import KEYWORDS, PATTERNS

HIGH = "high"  # a vendor token format: certain
MEDIUM = "medium"  # a secret-named key holding a literal that looks like a credential
_RANK = {HIGH: 2, MEDIUM: 1}


@dataclass(frozen=True)
class SecretMatch:
    kind: str  # e.g. "github-token", "keyword", "url-password"
    description: str
    start: int  # offsets into the text given to find_secrets
    end: int
    value: str  # the secret itself: render only through mcpaudit.redact.redact
    confidence: str  # HIGH | MEDIUM

    def __repr__(self) -> str:  # never let a test failure or a log print the value
        from mcpaudit.redact import redact

        return (
            f"SecretMatch(kind={self.kind!r}, start={self.start}, end={self.end}, "
            f"value={redact(self.value)!r}, confidence={self.confidence!r})"
        )


# ---------------------------------------------------------------- key names

_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")
_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "pass", "passphrase", "pw"})
_SECRET_WORDS = frozenset(
    {
        "token",
        "tokens",
        "secret",
        "secrets",
        "apikey",
        "key",
        "auth",
        "authorization",
        "credential",
        "credentials",
        "cookie",
        "bearer",
        "sig",
        "signature",
        "pat",
        "accesstoken",
        "privatekey",
        "dsn",
    }
)
# A last word that says the value is about the secret, not the secret itself.
_NOT_SECRET_SUFFIX = frozenset(
    {
        "url",
        "uri",
        "endpoint",
        "host",
        "hostname",
        "port",
        "file",
        "path",
        "dir",
        "name",
        "id",
        "type",
        "mode",
        "env",
        "var",
        "header",
        "prefix",
        "expiry",
        "expires",
        "ttl",
        "timeout",
        "length",
        "provider",
        "method",
        "scheme",
        "enabled",
        "required",
        "user",
        "username",
        "email",
        "scope",
        "scopes",
        "region",
        "version",
        "audience",
        "issuer",
        "domain",
        "helper",
        "command",
        "location",
        "format",
        "count",
        "limit",
        "size",
    }
)


def key_words(key: str) -> list[str]:
    return [w.lower() for w in _WORD_SPLIT.split(key.strip().lstrip("-")) if w]


@lru_cache(maxsize=4096)
def key_kind(key: str | None) -> str | None:
    """'password' or 'secret' when a key name says its value is a credential, else None."""
    if not key:
        return None
    words = key_words(key)
    if not words or words[-1] in _NOT_SECRET_SUFFIX:
        return None
    joined = "".join(words)
    if any(w in _PASSWORD_WORDS for w in words) or re.search("passw(or)?d|passphrase", joined):
        return "password"
    strong = [w for w in words if w in _SECRET_WORDS and w != "key"]
    if strong or joined in ("apikey", "xapikey") or "secret" in joined:
        return "secret"
    # `key` alone is vague: API_KEY, OPENAI_KEY yes; KEY, KEY_ID, SORT_KEY_FIELD no.
    if len(words) > 1 and words[-1] == "key":
        return "secret"
    return None


# ---------------------------------------------------------------- filters

_PLACEHOLDER_WORDS = re.compile(
    r"(?i)(your[-_ ]?|changeme|change[-_]me|replace[-_]?me|placeholder|insert[-_ ]|"
    r"redacted|dummy|todo|fixme|<[^>]*>|\.\.\.|xxxx|\*\*\*\*|####|"
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


def shannon_entropy(value: str) -> float:
    """Bits per character: random tokens score ~4-6, words and names ~2-3.5."""
    if not value:
        return 0.0
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


_AUTH_SCHEME = re.compile(r"^(?:bearer|basic|token|apikey|api-key|digest)\s+", re.IGNORECASE)


def _judge_keyed(value: str, kind: str) -> bool:
    """Does `value`, found under a credential-named key, look like a real credential?"""
    v = _AUTH_SCHEME.sub("", value.strip())
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


def is_not_literal_plain(value: str) -> bool:
    """`is_not_literal` without its bare-`$NAME` reference test (for URL passwords)."""
    v = value.strip()
    return bool(_ENV_NAME.fullmatch(v) and "_" in v) or bool(_NUMBER.fullmatch(v))


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
            elif not sep and len(user) >= 16 and _judge_keyed(user, "secret"):
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
                if eq and kind and _judge_keyed(unquote(v), kind):
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
    if kind is None or not _judge_keyed(text, kind):
        return None
    stripped = text.strip()
    scheme = _AUTH_SCHEME.match(stripped)
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
