"""Code given to an interpreter on its command line (`python -c`, `node -e`, `osascript -e`).

`extract.inline_code(server)` finds the code in a launch line; `analyse(code)` says what it
does (downloads, decodes, runs code or commands, opens a socket, names credential files).
Python is parsed with `ast`, JavaScript/TypeScript with tree-sitter; Perl, Ruby, PHP and
AppleScript, which mcpaudit has no parser for, are read with patterns. Code inside a
shell script (`sh -c "python3 -c …"`, heredocs, `echo … | python3`) is found by
`shell.nested_inline_code(server)`. Pure functions:
the rules call them, nothing here does I/O.
"""

from mcpaudit.inlinecode.analyse import Traits, analyse
from mcpaudit.inlinecode.extract import InlineCode, inline_code
from mcpaudit.inlinecode.shell import codes_in_script, nested_inline_code

__all__ = [
    "InlineCode",
    "Traits",
    "analyse",
    "codes_in_script",
    "inline_code",
    "nested_inline_code",
]
