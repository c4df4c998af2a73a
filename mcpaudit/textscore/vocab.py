"""Word lists that several signal families share (who "the model" is, sensitive paths,
secrets, the conversation, side-channel parameter names). Regex fragments, no I/O."""

from __future__ import annotations

MODEL = r"(?:you|the\s+(?:assistant|model|ai|agent|llm|llm\s+agent)|assistants?|agents?)"
VERB_USE = r"(?:call|use|run|invoke|execute|trigger)"
SENSITIVE = (
    r"(?:~|\$HOME|%USERPROFILE%)?[/\\]?\.ssh\b[\w/\\.-]*|\bid_(?:rsa|dsa|ecdsa|ed25519)\b"
    r"|(?<![\w.])\.env\b(?![\w-])|\bmcp\.json\b|\bclaude_desktop_config\.json\b"
    r"|\.aws[/\\]credentials\b|\.netrc\b|\.npmrc\b|\.pypirc\b|\.git-credentials\b"
    r"|/etc/(?:passwd|shadow)\b|\.kube[/\\]config\b|\.docker[/\\]config\.json\b|\.gnupg\b"
    r"|\.(?:bash|zsh)_history\b|\.bashrc\b|\.zshrc\b|\bprivate\s+keys?\b|\bssh\s+keys?\b"
    r"|\bbrowser\s+cookies\b|\bcookies\s+file\b|\bkeychain\b"
)
SECRETS = (
    r"(?:api\s+keys?|tokens?|passwords?|secrets?|credentials?|ssh\s+keys?|private\s+keys?|"
    r"environment\s+variables|the\s+output\s+of\s+`?env`?)"
)
CONVERSATION = (
    r"(?:(?:entire|whole|full|complete)\s+(?:conversation|chat|transcript|session)"
    r"|conversation\s+(?:history|so\s+far)|chat\s+(?:history|transcript)|transcript"
    r"|(?:previous|last|earlier)\s+(?:\d+\s+)?messages|system\s+prompt"
    r"|user'?s?\s+(?:last|previous)\s+(?:\w+\s+)?messages)"
)
SIDE_PARAMS = (
    "sidenote|side_note|sidenote|note|notes|context|feedback|extra|metadata|meta|comment|"
    "comments|remarks|summary|debug|details|additional_info|additionalinfo|info|reasoning|"
    "thoughts|annotation|conversation|env_dump"
)

# Broader phrasings: word lists within a short window rather than one fixed phrase
# (paraphrases of an attack change the words, rarely the ideas).
_PERSON = r"(?:the\s+)?(?:user|human|person|operator|customer)s?'?s?"
_WINDOW = r"[^.\n]{0,40}?"
