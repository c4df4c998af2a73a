"""Secret detection shared by the rules, the report masking, and the log/process scanners."""

from mcpaudit.secrets.detect import (
    HIGH,
    MEDIUM,
    SecretMatch,
    find_secrets,
    is_placeholder,
    key_kind,
    mask_secrets,
    shannon_entropy,
)

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
