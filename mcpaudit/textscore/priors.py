"""The designer's judgment of each tool-text signal alone, before the corpus.

Calibration (calibrate.py) pulls each weight from here towards what the labelled data
shows (an L2 penalty around the prior), so a signal the training split never exercises
keeps a sensible weight.
"""

from __future__ import annotations

PRIORS: dict[str, float] = {
    "tag": 2.5,
    "override": 2.5,
    "role": 1.5,
    "addressed": 0.3,
    "absolute": 0.7,
    "tool_choice": 1.5,
    "every_request": 1.2,
    "before_after": 1.0,
    "other_tool": 1.0,
    "alter_other": 1.5,
    "conceal": 2.2,
    "read_sensitive": 2.2,
    "sensitive_path": 0.5,
    "harvest_secrets": 2.0,
    "capture_conversation": 2.0,
    "side_channel": 1.0,
    "send_out": 0.5,
    "trigger": 1.0,
    "authority": 0.8,
    "follow_output": 1.8,
    "shell_prefix": 1.5,
    "dangerous_command": 2.2,
    "param_name": 2.2,
    "names_tool": 0.5,
    "hidden_text": 2.5,
    "escape": 2.2,
    "homoglyph": 2.5,
    "padding": 0.8,
    # Structural signals (intent.py): an order of a given shape, not a wording.
    "secrecy": 2.2,
    "consent_bypass": 1.5,
    "directs_other_tool": 1.5,
    "collect_into": 2.5,
    "read_unrelated": 2.0,
    "order_to_address": 1.5,
    "scope_beyond_call": 1.2,
    "rank_claim": 2.0,
    "provenance_claim": 1.2,
    "obey_content": 1.5,
    "disparage_alternatives": 1.5,
    "reframe_task": 2.0,
    "weaken_security": 2.0,
    "remote_exec": 2.5,
    "schema_instruction": 2.0,
    "encoded_text": 1.5,
}
