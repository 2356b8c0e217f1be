"""Score a blind question set through `chatbot ask --json`, as the held-back sets are judged:
by status and by what the answer says.

Each question has `expect` (answer, decline or urgent) and, for an answer, `must`: groups of
words, one of each group to be found in the answer. Single questions are asked each on its
own; a conversation's turns are asked in order, in one conversation.

Usage: python tests/eval/score_blind.py FILE... [-v]
Without -v it prints figures only, never the questions: a blind set stays blind."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

Item = dict[str, Any]


def ask(questions: list[str], *, context: bool) -> list[Item]:
    """The bot's JSON replies to `questions`, one conversation or each on its own."""
    command = [sys.executable, "-m", "chatbot", "ask", "--json"] + (
        [] if context else ["--no-context"]
    )
    lines = "".join(" ".join(q.split()) + "\n" for q in questions)
    done = subprocess.run(command, input=lines, capture_output=True, text=True, check=True)
    replies = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if len(replies) != len(questions):
        raise SystemExit(f"asked {len(questions)} questions, got {len(replies)} replies")
    return replies


def verdict(item: Item, reply: Item) -> str:
    """right, wrong (an answer that says the wrong thing, or a decline answered), or missed."""
    status, expect = reply["status"], item["expect"]
    if expect == "urgent":
        return "right" if status == "urgent" else "missed"
    if status == "urgent":
        return "false urgent"
    if expect == "decline":
        return "right" if status == "fallback" else "wrong" if status == "answer" else "missed"
    if status != "answer":
        return "missed"
    text = (reply.get("answer") or "").lower()
    groups = item.get("must") or []
    return "right" if all(any(w in text for w in group) for group in groups) else "wrong"


def main(paths: list[str], verbose: bool) -> None:
    singles: list[Item] = []
    conversations: list[list[Item]] = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        singles += data.get("questions") or []
        conversations += [c["turns"] for c in data.get("conversations") or []]
    by_kind: dict[str, Counter[str]] = {}
    overall: Counter[str] = Counter()
    for item, reply in zip(singles, ask([i["q"] for i in singles], context=False), strict=True):
        result = verdict(item, reply)
        overall[result] += 1
        by_kind.setdefault(item.get("kind", "?"), Counter())[result] += 1
        if verbose and result != "right":
            print(f"[{result}] {item['q']!r} -> {reply['status']} {reply['intent']}")
    total = sum(overall.values())
    right, share = overall["right"], 100 * overall["right"] / total
    print(
        f"single questions: {right} of {total} right ({share:.1f}%), {overall['wrong']} wrong, "
        f"{overall['missed']} missed, {overall['false urgent']} false urgent"
    )
    for kind, counts in sorted(by_kind.items()):
        n = sum(counts.values())
        print(f"  {kind:18} {counts['right']:3} of {n:3} right, {counts['wrong']} wrong")
    passed = turns = turns_right = 0
    for conversation in conversations:
        replies = ask([t["q"] for t in conversation], context=True)
        results = [verdict(t, r) for t, r in zip(conversation, replies, strict=True)]
        turns += len(results)
        turns_right += results.count("right")
        passed += all(r == "right" for r in results)
        if verbose and any(r != "right" for r in results):
            for t, r, v in zip(conversation, replies, results, strict=True):
                print(f"  {'ok ' if v == 'right' else v} {t['q']!r} -> {r['status']} {r['intent']}")
            print()
    if conversations:
        print(
            f"conversations: {passed} of {len(conversations)} pass end to end; "
            f"turns {turns_right} of {turns} right"
        )


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main([a for a in arguments if a != "-v"], "-v" in arguments)
