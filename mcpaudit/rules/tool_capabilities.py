"""What a tool can do, guessed from its name and description (no I/O), for toxic-flow rules.

Four capabilities make up the "lethal trifecta" (plus code execution, which gives
the first and last): reading private data, reading content an attacker can write,
and sending data out. A client whose tools together have all three can be made
to leak private data by a prompt injection hidden in the untrusted content.
"""

from __future__ import annotations

import re
from enum import StrEnum

from mcpaudit.model import Tool


class Capability(StrEnum):
    PRIVATE = "reads private data"
    UNTRUSTED = "reads untrusted content"
    SENDS = "can send data out"
    EXECUTES = "executes code"


_I = re.IGNORECASE
_PATTERNS: dict[Capability, re.Pattern[str]] = {
    Capability.PRIVATE: re.compile(
        r"\b(?:read|get|list|search|query|open|view|load|retrieve|access)\w*\b[^.\n]{0,50}?"
        r"\b(?:files?|director(?:y|ies)|documents?|notes?|emails?|inbox|mailbox|database|"
        r"tables?|records?|calendar|contacts?|secrets?|credentials?|private|drive|passwords?|"
        r"keychain|clipboard|messages?|repositor(?:y|ies)|customers?)\b"
        r"|^(?:read_file|read_query|query|sql|get_secret|read_email|read_notes)",
        _I,
    ),
    Capability.UNTRUSTED: re.compile(
        r"\b(?:fetch|browse|scrape|crawl|download|navigate|visit|open|get|read|retrieve)\w*\b"
        r"[^.\n]{0,50}?\b(?:urls?|web\s*pages?|websites?|the\s+web|internet|html|online|"
        r"issues?|pull\s+requests?|comments?|emails?|inbox|tweets?|rss|feeds?|public)\b"
        r"|\bweb\s+search\b|\bsearch\s+the\s+(?:web|internet)\b|^(?:fetch|browse|web_search)",
        _I,
    ),
    Capability.SENDS: re.compile(
        r"\b(?:send|post|publish|upload|share|submit|notify|tweet|forward|reply|push|"
        r"create|comment|transmit)\w*\b[^.\n]{0,50}?\b(?:emails?|messages?|slack|channels?|"
        r"webhooks?|https?|requests?|endpoints?|issues?|comments?|pull\s+requests?|gists?|"
        r"tweets?|posts?|recipients?|remote|servers?|urls?)\b"
        r"|^(?:send_|post_|upload|notify|webhook|http_post|create_issue)",
        _I,
    ),
    Capability.EXECUTES: re.compile(
        r"\b(?:execute|run|eval(?:uate)?)\w*\b[^.\n]{0,30}?\b(?:commands?|shell|code|scripts?|"
        r"python|javascript|bash|terminal|programs?)\b|^(?:exec|shell|run_command|bash)",
        _I,
    ),
}


def capabilities(tool: Tool) -> set[Capability]:
    """The capabilities a tool's name and description suggest."""
    text = f"{tool.name.replace('_', ' ')}. {tool.description}"
    found = {cap for cap, pattern in _PATTERNS.items() if pattern.search(text)}
    found |= {cap for cap, pattern in _PATTERNS.items() if pattern.search(tool.name)}
    return found


def trifecta_legs(caps: set[Capability]) -> set[str]:
    """Which legs of the trifecta a capability set covers (execution covers two)."""
    legs = set()
    if caps & {Capability.PRIVATE, Capability.EXECUTES}:
        legs.add("private")
    if Capability.UNTRUSTED in caps:
        legs.add("untrusted")
    if caps & {Capability.SENDS, Capability.EXECUTES}:
        legs.add("sends")
    return legs
