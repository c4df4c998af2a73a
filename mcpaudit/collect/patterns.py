"""What the source scanners look for, shared by the Python and JavaScript analysers.

Credential stores are matched on string literals only (never comments or
identifiers), and only the files that hold the secrets themselves count:
a browser's `Login Data`, not its install folder.
"""

from __future__ import annotations

import re

from mcpaudit.sanitize import one_line

CREDENTIAL_PATH = re.compile(
    r"""(?ix)
    (?:^|[/\\~])\.ssh(?:[/\\]|$)      # ~/.ssh and anything in it
    | ^\.ssh$
    | \bid_(?:rsa|dsa|ecdsa|ed25519)\b # private key file names
    | (?:^|[/\\~])\.aws(?:[/\\]|$) | ^\.aws$
    | \.aws[/\\](?:credentials|config)
    | (?:^|[/\\~])\.gnupg(?:[/\\]|$) | ^\.gnupg$
    | \.kube[/\\]config
    | \.docker[/\\]config\.json
    | (?:^|[/\\~])\.(?:npmrc|pypirc|netrc|git-credentials)$
    | (?:^|[/\\~])\.config[/\\]gcloud
    | (?:^|[/\\~])\.azure(?:[/\\]|$)
    | Login\ Data | Web\ Data | \bUser\ Data[/\\].*\bCookies\b | \bCookies\.binarycookies\b
    | \blogins\.json\b | \bkey[34]\.db\b | \bcookies\.sqlite\b
    | Library[/\\]Keychains
    """
)


# A file that names none of these cannot contain a sink: it is not parsed at all. This only
# saves time; the analysers decide what is a sink.
_CREDENTIAL_WORDS = (
    r"\.ssh|\.aws|\.gnupg|\.kube|\.docker|\.npmrc|\.pypirc|\.netrc|git-credentials|gcloud|"
    r"\.azure|id_(?:rsa|dsa|ecdsa|ed25519)|Login Data|Web Data|Cookies|logins\.json|key[34]\.db|"
    r"cookies\.sqlite|Keychains"
)
PYTHON_GATE = re.compile(
    r"eval|exec|system|popen|subprocess|getoutput|pickle|marshal|yaml|dill|environ|"
    + _CREDENTIAL_WORDS
)
JS_GATE = re.compile(
    r"eval|Function|exec|spawn|child_process|execa|shelljs|vm|serialize|process\.env|"
    + _CREDENTIAL_WORDS
)


def credential_path(text: str) -> bool:
    """Does this string literal name a credential store?"""
    return len(text) < 512 and CREDENTIAL_PATH.search(text) is not None


def snippet(source_line: str, max_len: int = 160) -> str:
    """A short, escaped one-line excerpt of a source line."""
    return one_line(source_line.strip(), max_len)


def spread_taint(tainted: set[str], flows: list[tuple[set[str], set[str]]]) -> set[str]:
    """Grow `tainted` along assignments (targets, names read) to a fixpoint; capped at
    8 rounds because assignments rarely chain deeper."""
    for _ in range(8):
        grown = False
        for targets, sources in flows:
            if sources & tainted and not targets <= tainted:
                tainted |= targets
                grown = True
        if not grown:
            break
    return tainted
