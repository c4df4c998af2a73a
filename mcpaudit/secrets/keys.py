"""Does a key name (an env var, a header, a `--flag`) say its value is a credential?"""

from __future__ import annotations

import re
from functools import lru_cache

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
    """The lower-case words of a key name: `GITHUB_PERSONAL_ACCESS_TOKEN`, `apiKey`, `--api-key`."""
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
