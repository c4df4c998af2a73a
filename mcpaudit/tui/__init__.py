"""The Textual app (`mcpaudit` with no arguments). Only the TUI path imports Textual."""
