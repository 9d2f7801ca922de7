r"""Text for the terminal: control characters shown as escapes, never interpreted.

A file name may hold a newline or an escape sequence ("\x1b[2J" clears the
screen; others retitle the window or fake output). Whatever the command line
prints that came from outside (file names, messages that quote them, plan
titles) goes through ``shown`` first (issue 22, item 10).
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; tabs too, so that a name stays on one visible line.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: object) -> str:
    r"""``text`` with every control character written as its escape (\n, \x1b, \u2028)."""
    return _CONTROLS.sub(_escape, str(text))


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
