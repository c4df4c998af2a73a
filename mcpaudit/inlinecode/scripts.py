"""Perl, Ruby, PHP and AppleScript one-liners, read with patterns.

mcpaudit ships no parser for these, so each trait is a regular expression over the code.
The patterns follow the published one-liners (reverse shells, droppers, the AppleScript
password prompts of macOS stealers): a plain `perl -pe 's/a/b/'` matches none of them.
"""

from __future__ import annotations

import re

Traitset = dict[str, re.Pattern[str]]


_SHELL_STRING = r"/bin/(?:ba|z|da|k)?sh\b|\bcmd(?:\.exe)?\b|\bpowershell\b"
_CURL = r"\b(?:curl|wget)\s"

PATTERNS: dict[str, Traitset] = {
    "perl": {
        "network": re.compile(
            r"LWP::|HTTP::Tiny|Net::HTTP|IO::Socket|\bgetstore\s*\(|\bget\s*\(\s*['\"]https?://|"
            + _CURL
        ),
        "socket": re.compile(r"IO::Socket::INET|\bsocket\s*\(|\buse\s+Socket\b"),
        "exec_code": re.compile(r"\beval\b"),
        "shell": re.compile(
            r"\bsystem\s*[(\"']|\bexec\s*[(\"'{]|`[^`]+`|\bqx\s*[{(/|]|\|\s*['\"]?\)"
        ),
        "decode": re.compile(
            r"decode_base64|MIME::Base64|\bunpack\s*\(?\s*['\"][mu]|\bpack\s*\(?\s*['\"]H"
        ),
        "fd_redirect": re.compile(r"\bopen\s*\(?\s*STD(?:IN|OUT|ERR)\s*,\s*['\"][<>+]*&"),
    },
    "ruby": {
        "network": re.compile(
            r"Net::HTTP|open-uri|URI\.open|\bTCPSocket\b|HTTParty|Faraday|"
            r"\bopen\s*\(\s*['\"]https?://|" + _CURL
        ),
        "socket": re.compile(r"\bTCPSocket\b|\bSocket\.(?:new|tcp)|\bUNIXSocket\b"),
        "exec_code": re.compile(r"\beval\b|instance_eval|class_eval|binding\.eval"),
        "shell": re.compile(
            r"\bsystem\s*[(\"']|\bexec\s*[(\"']|\bspawn\s*[(\"']|`[^`]+`|%x[{(\[]|IO\.popen|Open3"
        ),
        "decode": re.compile(
            r"Base64\.(?:decode64|strict_decode64|urlsafe_decode64)|"
            r"\.unpack1?\s*\(\s*['\"]m|Zlib::Inflate"
        ),
        "fd_redirect": re.compile(r"<&%d|>&%d|\.reopen\s*\(|:in\s*=>|\[:in,\s*:out"),
    },
    "php": {
        "network": re.compile(
            r"file_get_contents\s*\(\s*['\"]https?://|curl_exec|fsockopen|stream_socket_client|"
            r"\bfopen\s*\(\s*['\"]https?://|\bcopy\s*\(\s*['\"]https?://|" + _CURL
        ),
        "socket": re.compile(r"fsockopen|stream_socket_client|socket_create"),
        "exec_code": re.compile(
            r"\beval\s*\(|\bassert\s*\(|create_function|"
            r"\binclude\s*\(?\s*['\"](?:https?|data|php)://"
        ),
        "shell": re.compile(
            r"shell_exec|\bexec\s*\(|\bsystem\s*\(|passthru|\bpopen\s*\(|proc_open|`[^`]+`"
        ),
        "decode": re.compile(r"base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|hex2bin"),
        "fd_redirect": re.compile(r"<&\s*3|>&\s*3|proc_open\s*\([^)]*\$sock"),
    },
    "applescript": {
        "network": re.compile(_CURL + r"|\bNSURL\b|\bhttps?://"),
        "socket": re.compile(r"/dev/tcp/|\bnc\s+-e\b|\bncat\b"),
        "exec_code": re.compile(r"\brun\s+script\b"),
        "shell": re.compile(r"\bdo\s+shell\s+script\b"),
        "decode": re.compile(r"\bbase64\s+(?:-d|--decode|-D)\b"),
        "fd_redirect": re.compile(r"/dev/tcp/|\bnc\s+-e\b"),
        # macOS stealers ask for the login password in a fake dialog, then read the keychain
        "phishing": re.compile(
            r"with\s+hidden\s+answer|security\s+find-(?:generic|internet)-password"
        ),
    },
}
SHELL_STRING = re.compile(_SHELL_STRING)


def script_traits(code: str, language: str) -> dict[str, list[str]]:
    """trait -> the (short) texts that show it, for a language read with patterns."""
    out: dict[str, list[str]] = {}
    for trait, pattern in PATTERNS.get(language, {}).items():
        hits = [m.group(0).strip()[:40] for m in pattern.finditer(code)]
        if hits:
            out[trait] = sorted(set(hits))
    return out
