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
}
