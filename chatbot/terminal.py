"""The terminal the bot writes to: how wide its lines may be.

Apart from the REPL, so that `chatbot ask` gets the width without importing the REPL.
"""

from __future__ import annotations

import shutil

MAX_WIDTH = 100
"""Answers wrap at the terminal width, but no wider than this, for easy reading."""


def width() -> int:
    return min(MAX_WIDTH, shutil.get_terminal_size().columns)
