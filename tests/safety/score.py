"""Score a safety set: how many emergencies are urgent, how many non-emergencies are not.

Usage: python tests/safety/score.py FILE... (prints figures only, never the messages)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from chatbot.loader import load_bot


def score(paths: list[Path]) -> tuple[int, int, int, int]:
    """(emergencies caught, emergencies, non-emergencies urgent, non-emergencies)."""
    bot = load_bot()
    caught = total = false = calm = 0
    for path in paths:
        for message in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]:
            urgent = bot.safety.read(message["text"]).urgent
            if message["urgent"]:
                total += 1
                caught += urgent
            else:
                calm += 1
                false += urgent
    return caught, total, false, calm


if __name__ == "__main__":
    caught, total, false, calm = score([Path(p) for p in sys.argv[1:]])
    print(f"emergencies urgent {caught} of {total} ({100 * caught / total:.1f}%)")
    print(f"false urgent {false} of {calm} ({100 * false / calm:.1f}%)")
