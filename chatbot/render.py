"""Turning a Response into lines of text for a person, with a style name on each line.

Pure: the REPL maps the style names to colours; plain output ignores them, and no
meaning rests on colour alone.
"""

from __future__ import annotations

import textwrap

from chatbot.dialogue import Option, Response

MIN_WIDTH = 20
Line = tuple[str, str]
"""(style name, text) — style names: about, answer, source, heading, option, urgent, message."""


def wrap(
    style: str, text: str, width: int, indent: str = "", hang: str | None = None
) -> list[Line]:
    """`text` wrapped to `width`, each line with the style name. Words are never broken,
    so names and addresses stay whole; `hang` indents the lines after the first."""
    lines = textwrap.wrap(
        text,
        width=max(MIN_WIDTH, width),
        initial_indent=indent,
        subsequent_indent=indent if hang is None else hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [(style, line) for line in lines or [""]]


def render(response: Response, width: int = 80, *, one_shot: bool = False) -> list[Line]:
    """The lines of a response. In a conversation numbered lists invite a number as the
    next message; `one_shot` output (`chatbot ask "..."`, where nothing more can be
    typed) lists the same questions to ask in words instead."""
    lines: list[Line] = []
    if response.status == "urgent":
        # Set apart from everything else on the screen: a frame and space around it.
        rule = "=" * max(MIN_WIDTH, min(width, 60))
        lines += [("urgent", ""), ("urgent", rule), ("urgent", "URGENT")]
        lines += wrap("urgent", response.text, width)
        return [*lines, ("urgent", rule), ("urgent", "")]
    if response.safety:
        lines += wrap("urgent", "Safety: " + response.safety, width)
    if response.status == "answer":
        if response.about:
            lines += wrap("about", f"About: {response.about}", width)
        for number, paragraph in enumerate(response.text.split("\n\n")):
            # Two treatments side by side: each part under its own title, a gap between.
            lines += [("answer", "")] if number else []
            for line in paragraph.splitlines():
                lines += wrap("answer", line, width)
        seen: set[str] = set()
        for source in response.sources:
            if source.document in seen:
                continue
            seen.add(source.document)
            sections = [s.section_title for s in response.sources if s.document == source.document]
            text = f"Source: {source.citation}; section: {', '.join(sections)}"
            lines += wrap("source", text, width)
    else:
        if response.about:
            lines += wrap("about", f"About: {response.about}", width)
        lines += wrap("message", response.text, width)
    if response.status == "clarify" and response.options:
        lines.append(("heading", "Ask one of these:" if one_shot else "Type a number to choose:"))
    if response.options:
        lines += _listed(response.options, one_shot)
    elif response.follow_ups:
        heading = "You could also ask:" if one_shot else "You could also ask (type a number):"
        lines.append(("heading", heading))
        lines += _listed(response.follow_ups, one_shot)
    return lines


def _listed(options: tuple[Option, ...], one_shot: bool) -> list[Line]:
    if one_shot:
        return [("option", f"  - {o.title}") for o in options]
    return [("option", f"  {n}. {o.title}") for n, o in enumerate(options, 1)]


def plain(response: Response, width: int = 80, *, one_shot: bool = False) -> str:
    return "\n".join(text for _, text in render(response, width, one_shot=one_shot))


def explain(response: Response | None, width: int = 80) -> list[Line]:
    """The `/why` report: what the matcher read and how it decided."""
    return [
        line
        for style, text in _explanation(response)
        for line in wrap(style, text, width, hang=" " * 14)
    ]


def _explanation(response: Response | None) -> list[Line]:
    if response is None:
        return [("message", "Ask a question first; then /why explains how I matched it.")]
    why = response.explanation
    lines: list[Line] = [
        ("heading", "How I read your last question:"),
        ("message", f"  normalised: {why.normalized or '(nothing)'}"),
    ]
    if why.corrections:
        fixed = ", ".join(f"{a} -> {b}" for a, b in why.corrections)
        lines.append(("message", f"  spelling:   {fixed}"))
    if why.replacements:
        mapped = ", ".join(f"{a} -> {b}" for a, b in why.replacements)
        lines.append(("message", f"  lexicon:    {mapped}"))
    if why.canonical and why.canonical != why.normalized:
        lines.append(("message", f"  matched as: {why.canonical}"))
    if why.frame:
        lines.append(("message", f"  frame:      {why.frame}"))
    if why.context:
        lines.append(("message", f"  context:    {why.context}"))
    if why.candidates:
        lines.append(("heading", "Top candidates (score 0-100, best example):"))
        for c in why.candidates:
            lines.append(("option", f"  {c.score:5.1f}  {c.intent}  ({c.example})"))
    if why.safety:
        lines.append(("message", f"  red flags:  {why.safety}"))
    lines.append(("message", f"  decision:   {response.status}: {why.decision}"))
    return lines
