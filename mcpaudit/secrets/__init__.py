"""Secret detection shared by the rules, the report masking, and the log/process scanners."""

from mcpaudit.secrets.detect import find_secrets, mask_secrets
from mcpaudit.secrets.filters import is_placeholder, shannon_entropy
from mcpaudit.secrets.keys import key_kind
from mcpaudit.secrets.match import HIGH, MEDIUM, SecretMatch

__all__ = [
    "HIGH",
    "MEDIUM",
    "SecretMatch",
    "find_secrets",
    "is_placeholder",
    "key_kind",
    "mask_secrets",
    "shannon_entropy",
]
