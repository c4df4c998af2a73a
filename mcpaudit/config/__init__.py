"""Bounded reading and position-keeping parsing of client config files."""

from mcpaudit.config.document import Document, ParseError, load_document, parse_text
from mcpaudit.config.read import ReadError, read_bounded

__all__ = ["Document", "ParseError", "ReadError", "load_document", "parse_text", "read_bounded"]
