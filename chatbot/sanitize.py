"""The one sanitiser for everything shown to a person, and the one JSON writer.

Text a person typed, a file name, a transcript or a knowledge file may hold characters
that a terminal obeys rather than shows: ESC starts a sequence that can set the window
title or the clipboard (OSC 52), C1 controls such as U+009B do the same on some
terminals, BEL rings, backspace and carriage return overwrite what was shown. Before
any text is printed, `clean` turns each such character into U+FFFD (a tab into a space),
so that it is seen, not obeyed. JSON escapes them instead, so that it keeps the text.

Pure: strings in, strings out.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
"""What a terminal may obey, or cannot show: the C0 controls but the line feed, DEL, the
C1 controls, lone surrogates (from bytes that are not UTF-8), and the bidirectional
overrides that reorder how a line reads."""

KNOWLEDGE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""The same, less the tab and the line break that knowledge text may hold."""

_JSON_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029]")
"""What `json.dumps` leaves raw but a line-splitting tool may break on or a terminal obey:
DEL, the C1 controls (U+0085 is a line end to some), and the line and paragraph
separators. (`json.dumps` escapes the C0 controls itself.)"""

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """`text` safe to print: every character a terminal would obey made visible (a tab
    made a space); line breaks stay, CRLF as LF."""
    text = text.replace("\r\n", "\n")
    return CONTROL.sub(lambda m: " " if m.group() == "\t" else REPLACEMENT, text)


def unsafe_character(text: str) -> str | None:
    """The first character knowledge text may not hold, as U+XXXX, or None."""
    found = KNOWLEDGE_CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def clean_lines(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Styled lines (style, text) with each text cleaned."""
    return [(style, clean(text)) for style, text in lines]


def valid_text(text: str) -> str:
    """`text` with any lone surrogate (an undecodable byte of a command-line argument, kept
    by Python as U+DC80-U+DCFF) turned into U+FFFD, so that it can be written as UTF-8."""
    return _SURROGATE.sub(REPLACEMENT, text)


def json_text(value: Any, indent: int | None = None) -> str:
    """`value` as JSON that is valid UTF-8 and has no raw control character: any line
    of it stays one line for a tool that splits on U+2028 or U+0085 too."""
    import json  # here, not at the top: a cold `chatbot ask` without --json is timed

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    # These characters can only stand inside JSON strings, where \\uXXXX means them; a
    # lone surrogate cannot be written as UTF-8, so it becomes U+FFFD.
    text = _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _SURROGATE.sub(lambda m: "\\ufffd", text)
