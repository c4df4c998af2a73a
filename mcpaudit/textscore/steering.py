"""Signals that steer the model: override its instructions, its role, its choice of tool,
or claim authority.

Each pattern is (family, label, regex); BROADER and BROADER2 add the broader phrasings
of the same ideas (see signals.py for how they combine). No I/O here.
"""

from __future__ import annotations

from mcpaudit.textscore.vocab import MODEL

PATTERNS: dict[str, tuple[str, str, str]] = {
    "override": (
        "steering",
        "an instruction to drop earlier instructions",
        r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
        r"(?:previous|prior|above|earlier|preceding|system|original|user'?s?)\s+"
        r"(?:instructions?|prompts?|rules|directions|guidelines|messages|restrictions|safety)",
    ),
    "role": (
        "steering",
        "an attempt to change the model's role",
        r"\byou\s+are\s+now\s+(?:a|an|in)\b|\bnew\s+instructions\s*:|\bdeveloper\s+mode\b"
        r"|\bfrom\s+now\s+on\s+obey\b",
    ),
    "addressed": (
        "steering",
        "an instruction addressed to the model",
        rf"\b{MODEL}\s+(?:must|should|needs?\s+to|have\s+to|has\s+to|are\s+required\s+to|"
        r"is\s+required\s+to)\s+(?!be\s+(?:used|called)\b)\w+"
        r"|\bnote\s+for\s+the\s+(?:assistant|model|ai|agent)\b|\bfor\s+the\s+assistant\s*:",
    ),
    "absolute": (
        "steering",
        "an absolute demand",
        r"\b(?:must|has\s+to|is\s+required\s+to)\s+(?:always\s+)?be\s+used\s+for\s+(?:every|all|any)\b"
        r"|\bunder\s+no\s+circumstances\b|\bat\s+all\s+costs\b|\bvery\s+very\b"
        r"|\botherwise\s+the\s+(?:tool|system|application)\s+will\s+(?:not\s+work|crash|fail)\b"
        r"|\bwill\s+crash\b|\ball\s+data\s+will\s+be\s+lost\b",
    ),
    "tool_choice": (
        "steering",
        "steering which tool the model picks",
        r"\b(?:use|choose|prefer|call)\s+(?:this|the\s+\w+)\s+tool\s+(?:instead\s+of|rather\s+than|"
        r"over)\s+(?:any|all|every|the\s+(?:other|built-?in|standard)|other)\b"
        r"|\b(?:instead\s+of|rather\s+than)\s+(?:any|every|all)\s+(?:other\s+)?(?:\w+\s+){0,2}tools?\b"
        r"|\bprefer\s+it\s+over\b|\b(?:do\s+not|don'?t|never)\s+use\s+(?:any\s+)?(?:the\s+)?"
        r"other\s+(?:\w+\s+)?tools?\b|\bthe\s+only\s+(?:\w+\s+){0,2}tool\s+(?:you\s+should|allowed)"
        r"|\bignore\s+any\s+other\s+\w*\s*tools?\b|\brefuse\s+to\s+use\s+other\b"
        r"|\bthe\s+(?:standard|other|built-?in)\s+\w+\s+tools?\s+(?:is|are)\s+"
        r"(?:compromised|outdated|unreliable|dangerous)"
        r"|\bother\s+\w*\s*tools?\s+(?:return|give)\s+(?:outdated|wrong|dangerous)"
        r"|\b(?:under\s+no\s+circumstances|never)\s+use\s+the\s+[\w\s]{0,30}?tools?\b"
        r"|\b(?:with|use)\s+this\s+tool\s+instead\b"
        r"|\buse\s+this\s+tool\s+(?:rather\s+than|instead\s+of)\s+`?\w+",
    ),
    "every_request": (
        "steering",
        "a demand to be used for every request",
        r"\b(?:for|on)\s+(?:any|every|all)\s+(?:request|question|turn|calculation|addition|"
        r"arithmetic|snippet|command|file\s+access|lookups?|numeric\s+question|database\s+request)"
        r"\w*\b[^.\n]{0,60}\b(?:whatever|no\s+matter|regardless|irrespective|at\s+all|must|"
        r"whatsoever|in\s+every\s+case|instead)"
        r"|\b(?:whatever|no\s+matter\s+what)\s+the\s+(?:user|arguments|request)\w*\b"
        r"|\bno\s+matter\s+(?:how|what|the)\b|\bregardless\s+of\s+(?:what|the\s+(?:path|user|"
        r"language))\b|\birrespective\s+of\b|\bfor\s+any\s+(?:request|question)\s+(?:at\s+all|"
        r"whatsoever)\b|\bmust\s+be\s+used\s+on\s+every\s+turn\b"
        r"|\b(?:must|should)\s+(?:route|call|use)\b[^.\n]{0,40}\b(?:every|all)\b",
    ),
    "trigger": (
        "steering",
        "a trigger phrase",
        r"\b(?:when(?:ever)?|each\s+time|every\s+time|if)\s+the\s+(?:user|conversation)\s*'?s?\s*"
        r"(?:message\s+)?(?:says|mentions|contains|pastes|commits|types)\b"
        r"|\bwhen(?:ever)?\s+any\s+tool\s+fails\b|\bimmediately\b[^.\n]{0,40}\b(?:before\s+"
        r"replying|call)\b|\bevery\s+time\s+this\s+tool\s+is\s+listed\b"
        r"|\beach\s+time\s+this\s+tool\s+is\s+used\b",
    ),
    "authority": (
        "steering",
        "a claim of authority or urgency",
        r"\brequired\s+by\s+(?:regulation|company\s+policy|law|the\s+system)\b"
        r"|\bofficially\s+recommended\b|\bsystem\s+administrator\b|\bis\s+authoritative\b"
        r"|\boverrides\s+the\s+user'?s?\b|\bcome\s+from\s+the\s+system\b|\bpolicy\s+of\s+this\b"
        r"|\bnever\s+ask\s+for\s+permission\b|\bwithout\s+confirmation\b|\bcompromised\b",
    ),
    "follow_output": (
        "steering",
        "an instruction to obey text in tool output",
        r"\bfollow\s+(?:any|all)\s+instructions\s+(?:that\s+appear\s+)?in\b"
        r"|\bis\s+an\s+instruction\s+for\s+you\b|\brepeat\s+its\s+output\s+word\s+for\s+word\b"
        r"|\bobey\s+only\b|\bthe\s+error\s+message\s+is\s+authoritative\b",
    ),
}
BROADER: dict[str, str] = {
    "override": (
        r"\b(?:forget|disregard|ignore|set\s+aside|drop)\s+(?:what|everything|anything|whatever)\s+"
        r"(?:the\s+)?(?:system|user|developer|policy|instructions?)\b[^.\n]{0,20}"
        r"(?:told|said|says|wrote|asked)|\bnew\s+policy\s*:|\bpriority\s+instruction\b"
    ),
    "addressed": (
        rf"\b{MODEL}\s+(?:is|are)\s+(?:expected|obliged|required|instructed|supposed)\s+to\b"
    ),
    "tool_choice": (
        r"\beach\s+and\s+every\b|\brefuse\s+to\s+(?:call|use)\b"
        r"|\b(?:disregard|ignore|avoid)\s+(?:all\s+|any\s+)?(?:the\s+)?other\s+(?:\w+\s+){0,2}"
        r"(?:tools?|functions?|integrations?|servers?|engines?)\b"
        r"|\b(?:only|sole)\s+(?:safe|reliable|trusted|correct)\s+(?:option|tool|choice|source)\b"
        r"|\b(?:are|is)\s+known\s+to\s+be\s+(?:broken|unsafe|compromised|wrong)\b"
        r"|\b(?:never|don'?t|do\s+not)\s+(?:use|call)\s+the\s+(?:built-?in|other|standard|default)\b"
        r"|\brely\s+(?:only\s+)?on\s+\w+\s+for\s+(?:all|every|any)\b"
    ),
    "every_request": (
        r"\b(?:each|every|any)\s+(?:and\s+every\s+)?\w+\s+(?:question|request|lookup|query)\s+"
        r"(?:through|via|with)\s+this\b|\bfor\s+all\s+(?:lookups|requests|questions)\b"
        r"|\bwhatever\s+the\s+user\s+(?:types|writes|says)\b"
        r"|\bbefore\s+doing\s+anything\s+else\b|\bprior\s+to\s+answering\s+anything\b"
    ),
    "trigger": (
        r"\b(?:in\s+case|whenever|once|if)\s+the\s+user'?s?\s+(?:message\s+)?(?:contains|includes|"
        r"mentions|has)\b|\bany\s+time\s+you\s+(?:write|run|answer|open)\b"
        r"|\bwhen(?:ever)?\s+the\s+user\s+mentions\b"
    ),
}
BROADER2: dict[str, str] = {
    "override": (
        r"\b(?:as\s+)?lower\s+priority\s+than\b|\btakes?\s+precedence\s+over\s+(?:the\s+)?"
        r"(?:user|system|instructions?)|\bsupersedes?\s+(?:the\s+|any\s+)?(?:user|system|instructions?)"
    ),
    "tool_choice": (
        r"\b(?:the\s+tool\s+to\s+pick|pick\s+`?\w+`?\s+every\s+time)\b"
        r"|\b(?:is|are)\s+deprecated\s+and\s+(?:unsafe|insecure|broken)\b|\bin\s+all\s+cases\b"
    ),
    "trigger": r"\bwhen(?:ever)?\s+the\s+conversation\s+(?:contains|mentions|includes)\b",
}
