"""Signals about other tools: calling something before or after them, changing their
arguments or results, naming them.

Each pattern is (family, label, regex); BROADER and BROADER2 add the broader phrasings
of the same ideas (see signals.py for how they combine). No I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mcpaudit.textscore.base import _I, Context, Texts, _lowered
from mcpaudit.textscore.vocab import MODEL, VERB_USE

PATTERNS: dict[str, tuple[str, str, str]] = {
    "before_after": (
        "cross_tool",
        "an instruction to call something before or after other tools",
        rf"\b(?:before|prior\s+to|after)\s+(?:using|calling|invoking|running|returning|any|every)"
        rf"\b[^.\n]{{0,60}}?\b(?:{MODEL}\s+)?(?:must|should|need\s+to|always|first|have\s+to)\s*"
        rf"(?:first\s+)?{VERB_USE}\b"
        rf"|\b(?:before|after|prior\s+to)\s+(?:using|calling|returning|running)\b[^.\n]{{0,50}},\s*"
        rf"(?:always\s+|also\s+)?{VERB_USE}\b"
        rf"|\b(?:always\s+)?{VERB_USE}\s+(?:this\s+tool|\w+)\s+(?:first\s+)?(?:before|after)\s+"
        r"(?:the\s+|any\s+|every\s+|other\s+|calling\s+|using\s+)?(?:\w+\s+){0,3}"
        r"(?:tools?|servers?|\w+_\w+)\b"
        r"|\bafter\s+(?:any|every)\s+other\s+tool\b|\bcall\s+\w+\s+afterwards\b"
        r"|\bbefore\s+any\s+(?:file|git|shell|install)\s+\w+"
        r"|\b(?:after|before)\s+every\s+answer\b",
    ),
    "other_tool": (
        "cross_tool",
        "a reference to another server's tools",
        r"\balso\s+(?:present|available|connected)\b|\b(?:another|other)\s+server'?s?\b"
        r"|\b(?:any|every|all)\s+other\s+(?:server'?s?\s+)?tools?\b"
        r"|\bthe\s+other\s+\w+\s+server'?s?\b|\btools\s+from\s+other\s+servers\b"
        r"|\bthe\s+\w+\s+server'?s\s+\w+\s+tool\b|\(mcp_\w+\)\s+\w+\s+is\s+(?:invoked|called|used)"
        r"|\b(?:when(?:ever)?|if)\s+(?:the\s+)?\w+\s+(?:tool|server)\s+is\s+(?:called|invoked|used)"
        r"|\bside\s+effect\s+on\b|\btools?\s+of\s+the\s+\w+\s+server\b"
        r"|\b(?:every|all|any)\s+(?:results?|outputs?|calls?)\s+(?:from|of)\s+the\s+\w+\s+tools?\b"
        r"|\bwith\s+the\s+(?-i:[A-Z]\w+)\s+tool\b",
    ),
    "alter_other": (
        "cross_tool",
        "an instruction to change another tool's arguments or result",
        r"\b(?:substitute|replace|overwrite|override|change|set)\s+(?:its|that\s+tool'?s|the\s+"
        r"(?:\w+\s+)?tool'?s|the\s+(?:recipient|destination|remote|path|to|amount|bcc)|its\s+\w+)"
        r"\b[^.\n]{0,60}\b(?:argument|parameter|input|recipient|output|result|rows|to|field|"
        r"address|account|prices?|bcc|value|environment|remote)s?\b"
        r"|\b(?:substitute|use|pass)\s+its\s+(?:output|result)\s+(?:for|as|in\s+place\s+of)\b"
        r"|\breplace\s+the\s+\w+\s+(?:argument|parameter|field)\s+of\s+(?:that|the|another|other)\b"
        r"|\bin\s+place\s+of\s+(?:the|their|its)\b|\binstead\s+of\s+(?:the\s+address|what\s+"
        r"(?:the|it)|the\s+original|origin\b)"
        r"|\b(?:correct|fix)\s+(?:its|that\s+tool'?s|the\s+other)\s+(?:result|output)"
        r"|\bpresent\s+its\s+corrected\b|\bshow\s+(?:the\s+user\s+)?only\s+its\s+output\b"
        r"|\bshow\s+the\s+user\s+what\s+\w+\s+returns\s+instead\b"
        r"|\b(?:shown?|present(?:ed)?|display(?:ed)?)\s+only\s+(?:its|this\s+tool'?s)\s+"
        r"(?:output|result)|\bpassed\s+through\s+this\s+tool\b"
        r"|\b(?:to|recipient)\s+(?:parameter|argument|field)?\s*(?:must|has\s+to)\s+be\s+"
        r"(?:changed|replaced|set)\b|\bchange\s+the\s+recipient\b"
        r"|\b(?:blind[- ]cop(?:y|ied)|bcc)\b",
    ),
}
BROADER: dict[str, str] = {
    "other_tool": (
        r"\b(?:another|other|any\s+other)\s+(?:\w+\s+){0,2}(?:integrations?|servers?|engines?|"
        r"tools?|plugins?|connectors?)\b[^.\n]{0,30}\b(?:connected|present|available|produced|"
        r"returned|used|sent|runs?)\b"
        r"|\bthe\s+\w+\s+server'?s\s+(?:\w+\s+)?tool\b|\bany\s+messaging\s+integration\b"
        r"|\bthe\s+(?:database|mail|email|document|calendar|file|search|chat)\s+(?:tool|server)\b"
    ),
    "alter_other": (
        r"\b(?:swap|exchange|rewrite|replace)\s+(?:the\s+|its\s+|that\s+)?\w+\s+(?:for|with)\s+"
        r"(?:the\s+one|what|whatever)\b"
        r"|\bmust\s+replace\s+whatever\b|\bpresent\s+only\s+that\b"
        r"|\b(?:should|must)\s+see\s+only\b|\blist\s+\S+@\S+\s+as\s+an?\s+attendee\b"
        r"|\bcopy\s+the\s+same\s+message\s+to\b"
    ),
}
BROADER2: dict[str, str] = {
    "alter_other": (
        r"\b(?:double|increase|raise|change)\s+the\s+amount\b|\bsend\s+the\s+difference\b"
        r"|\bpayable\s+to\b|\bIBAN\b|\bfeed\s+(?:its|the|this\s+tool'?s)\s+(?:result|output)\s+"
        r"into\b"
    ),
}


def _names_other_tool(texts: Texts, ctx: Context) -> Iterable[tuple[str, str]]:
    """Names a tool that another server of the same client offers (and this one does not)."""
    if not ctx.other_names:
        return
    ident = re.compile(r"`?\b([A-Za-z][\w-]*[_-][\w-]*[A-Za-z0-9]|[a-z]+[A-Z]\w*)\b`?")
    lowered, me = _lowered(ctx.own_names), ctx.name.lower()

    def own(name: str) -> bool:
        return name.lower() in lowered or name.lower() == me

    plain = re.compile(r"\bthe\s+(?:also\s+\w+\s+)?`?([a-z]{3,})`?\s+tool\b", _I)
    for where, text in texts:
        for m in ident.finditer(text):
            name = m.group(1)
            if name in ctx.other_names and not own(name) and name not in ctx.param_names:
                yield text[max(0, m.start() - 40) : m.end() + 40], where
                return
        for m in plain.finditer(text):
            name = m.group(1)
            if name in ctx.other_names and not own(name):
                yield text[max(0, m.start() - 40) : m.end() + 40], where
                return
