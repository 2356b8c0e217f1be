"""What a line typed at the chat prompt does: the command registry and the session state.

Pure: `step` takes the bot, the session and one line and returns the lines to show (each
with a render style name) and the next session. The REPL in `chatbot.repl` does the
reading, printing and file writing around it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from chatbot.dialogue import Bot, Context, Response, respond
from chatbot.knowledge import Knowledge, Topic
from chatbot.render import Line, explain, render, wrap

Turn = tuple[str, Response]


@dataclass(frozen=True)
class Session:
    """What the chat remembers: the dialogue context, the last response and the recording."""

    context: Context = field(default_factory=Context)
    last: Response | None = None
    recording: Path | None = None
    turns: tuple[Turn, ...] = ()
    replayed: Context = field(default_factory=Context)
    """The context a replay of the recorded turns reaches (replay starts afresh)."""
    done: bool = False


Handler = Callable[[Bot, Session, str, int], tuple[list[Line], Session]]
"""(bot, session, argument, width) -> (lines to show, next session)."""


@dataclass(frozen=True)
class Command:
    name: str
    args: str
    help: str
    handler: Handler
    aliases: tuple[str, ...] = ()


EXAMPLE_QUESTION = "What are the side effects of Xofigo?"
GOODBYE = "goodbye"
"""The aspect of the small-talk answer that says goodbye: it ends the chat."""


def content_topics(knowledge: Knowledge) -> tuple[Topic, ...]:
    """The topics with questions to browse: not the small talk."""
    return tuple(t for t in knowledge.topics if not t.conversational)


# ---------------------------------------------------------------- fixed texts


def welcome_lines(knowledge: Knowledge, width: int) -> list[Line]:
    """The first screen: what the bot covers, what it is not, and how to get help or leave."""
    names = ", ".join(t.name for t in content_topics(knowledge))
    documents = len(knowledge.documents)
    trusted = "one trusted document" if documents == 1 else f"{documents} trusted documents"
    lines: list[Line] = [("heading", "Questions about advanced prostate cancer treatment")]
    lines += wrap("message", f"I can answer questions about: {names}.", width)
    lines += wrap(
        "message",
        f"My answers come from {trusted} (/sources lists them). This is information, "
        "not medical advice: ask your care team about your own treatment.",
        width,
    )
    lines += wrap("urgent", "In an emergency, call 911 or your local emergency number.", width)
    lines += wrap("message", f"Type a question in your own words, e.g. {EXAMPLE_QUESTION}", width)
    lines += wrap("message", "Type /help for the commands, /quit or Ctrl-D to leave.", width)
    return lines


def toolbar_text(session: Session, width: int = 100) -> str:
    """The hints at the bottom of the screen, as many as fit in `width`, most needed
    first: "not medical advice" always shows, however narrow the terminal."""
    hints = ["Not medical advice"]
    if session.recording is not None:
        hints.append(f"recording to {session.recording.name}")
    hints += ["/help commands", "Ctrl-D quit", "Right-arrow completes suggestion", "/topics"]
    text = hints[0]
    for hint in hints[1:]:
        if len(text) + len(" · ") + len(hint) >= width:
            break
        text += " · " + hint
    return text


def goodbye_lines() -> list[Line]:
    return [("message", "Goodbye, and take care. Bring your questions to your care team too.")]


def error_lines(reason: str) -> list[Line]:
    """The one line shown when a turn fails unexpectedly."""
    return [
        (
            "message",
            f"Sorry, something went wrong with that question: {reason}. Please try again.",
        )
    ]


# ---------------------------------------------------------------- commands


def _help(bot: Bot, session: Session, arg: str, width: int) -> tuple[list[Line], Session]:
    return help_lines(width), session


def help_lines(width: int) -> list[Line]:
    """The command list, generated from the registry."""
    usages = [(f"{c.name} {c.args}".rstrip(), c) for c in COMMANDS]
    column = max(len(usage) for usage, _ in usages) + 2
    lines: list[Line] = [("heading", "Commands (Tab completes them and known questions):")]
    for usage, command in usages:
        text = f"{usage:<{column}}{command.help}"
        lines += wrap("option", text, width, indent="  ", hang=" " * (2 + column))
    lines += wrap(
        "message",
        "Anything else is a question. After a numbered list, type a number to pick.",
        width,
    )
    return lines


def _topics(bot: Bot, session: Session, arg: str, width: int) -> tuple[list[Line], Session]:
    knowledge = bot.knowledge
    if not arg:
        return topic_list_lines(knowledge, width), session
    topic = find_topic(knowledge, arg)
    if topic is None:
        ids = ", ".join(t.id for t in content_topics(knowledge))
        return wrap("message", f'No topic called "{arg}". Topics: {ids}.', width), session
    intents = knowledge.intents_of(topic.id)
    lines: list[Line] = [("heading", f"{topic.name}: questions I can answer (type a number):")]
    lines += [("option", f"  {n}. {i.title}") for n, i in enumerate(intents, 1)]
    context = replace(session.context, choices=tuple(i.id for i in intents))
    return lines, replace(session, context=context)


def topic_list_lines(knowledge: Knowledge, width: int) -> list[Line]:
    topics = content_topics(knowledge)
    column = max((len(t.id) for t in topics), default=0) + 2
    lines: list[Line] = [("heading", "Topics I can answer questions about:")]
    for topic in topics:
        count = len(knowledge.intents_of(topic.id))
        questions = "1 question" if count == 1 else f"{count} questions"
        lines += wrap("option", f"{topic.id:<{column}}{topic.name} ({questions})", width, "  ")
    example = topics[0].id if topics else "NAME"
    lines += wrap(
        "message", f"Type /topics and a name to see its questions: /topics {example}", width
    )
    return lines


def find_topic(knowledge: Knowledge, name: str) -> Topic | None:
    """The content topic `name` means: its id, or the closest id or name."""
    topics = content_topics(knowledge)
    wanted = name.strip().lower()
    for topic in topics:
        if wanted == topic.id:
            return topic
    keys = {t.id: t for t in topics} | {t.name.lower(): t for t in topics}
    match = process.extractOne(
        wanted, list(keys), scorer=fuzz.WRatio, processor=None, score_cutoff=75
    )
    return keys[match[0]] if match else None


def _sources(bot: Bot, session: Session, arg: str, width: int) -> tuple[list[Line], Session]:
    return source_lines(bot.knowledge, width), session


def source_lines(knowledge: Knowledge, width: int) -> list[Line]:
    lines: list[Line] = [("heading", "Where my answers come from:")]
    for n, document in enumerate(knowledge.documents, 1):
        date = document.date or "no date given"
        text = f'{n}. {document.publisher}, "{document.title}" ({date})'
        lines += wrap("message", text, width, indent="  ")
        lines.append(("source", f"     {document.url}"))  # whole, so it can be copied
    return lines


def _why(bot: Bot, session: Session, arg: str, width: int) -> tuple[list[Line], Session]:
    return explain(session.last, width), session


def _reset(bot: Bot, session: Session, arg: str, width: int) -> tuple[list[Line], Session]:
    lines = wrap("message", "Starting afresh: I have forgotten what we were talking about.", width)
    return lines, replace(session, context=Context(), last=None)


def _record(bot: Bot, session: Session, arg: str, width: int) -> tuple[list[Line], Session]:
    if not arg:
        return [("message", "Say where to save it, for example: /record chat.yaml")], session
    if session.recording is not None:
        text = f"Already recording to {session.recording}; type /stop first."
        return wrap("message", text, width), session
    path = Path(arg).expanduser()
    text = f"Recording this conversation to {path}. Type /stop to end the recording."
    return wrap("message", text, width), replace(
        session, recording=path, turns=(), replayed=Context()
    )


def _stop(bot: Bot, session: Session, arg: str, width: int) -> tuple[list[Line], Session]:
    if session.recording is None:
        return [("message", "Not recording. Type /record FILE to start.")], session
    count = len(session.turns)
    if count:
        text = f"Recording stopped; {count} turn(s) saved to {session.recording}."
    else:
        text = (
            f"Recording stopped; no questions were asked, so {session.recording} was not written."
        )
    return wrap("message", text, width), replace(session, recording=None, turns=())


def _quit(bot: Bot, session: Session, arg: str, width: int) -> tuple[list[Line], Session]:
    lines = goodbye_lines()
    if session.recording is not None:
        lines += wrap("message", f"The recording is saved in {session.recording}.", width)
    return lines, replace(session, done=True)


COMMANDS: tuple[Command, ...] = (
    Command("/help", "", "show this list of commands", _help, ("/?", "help")),
    Command("/topics", "[NAME]", "list the topics, or the questions of one topic", _topics),
    Command("/sources", "", "the documents my answers come from", _sources),
    Command("/why", "", "how I understood your last question", _why),
    Command("/reset", "", "forget the conversation so far and start afresh", _reset),
    Command("/record", "FILE", "save this conversation to FILE as a transcript", _record),
    Command("/stop", "", "stop recording and say where it was saved", _stop),
    Command("/quit", "", "leave (Ctrl-D does the same)", _quit, ("/exit", "/q", "quit", "exit")),
)

_BY_NAME = {name: c for c in COMMANDS for name in (c.name, *c.aliases)}


def parse_command(text: str) -> tuple[str, str] | None:
    """(lower-case command name, argument) if `text` is a command, else None."""
    stripped = text.strip()
    head, _, arg = stripped.partition(" ")
    name = head.lower()
    if stripped.startswith("/") or (not arg and name in _BY_NAME):
        return name, arg.strip()
    return None


def did_you_mean(name: str) -> str | None:
    """The registered command closest to a mistyped `name`, if one is close."""
    names = [c.name for c in COMMANDS]
    match = process.extractOne(name, names, scorer=fuzz.ratio, processor=None, score_cutoff=70)
    return match[0] if match else None


def unknown_command_lines(name: str) -> list[Line]:
    guess = did_you_mean(name)
    hint = f"Did you mean {guess}?" if guess else "Type /help to see the commands."
    return [("message", f"Unknown command {name}. {hint}")]


def step(bot: Bot, session: Session, text: str, width: int) -> tuple[list[Line], Session]:
    """One line from the user: run it as a command or answer it as a question."""
    parsed = parse_command(text)
    if parsed is not None:
        name, arg = parsed
        command = _BY_NAME.get(name)
        if command is None and not bot.safety.read(text).urgent:
            return unknown_command_lines(name), session
        if command is not None:
            return command.handler(bot, session, arg, width)
        # "/my husband can't breathe": a slip of the finger never hides an emergency.
    response, context = respond(bot, session.context, text)
    lines = render(response, width)
    leaving = says_goodbye(bot, response)
    after = replace(session, context=context, last=response, done=leaving)
    if session.recording is None:
        return lines, after
    recorded = replayable_turn(bot, session, text, response, context)
    if recorded is None:
        note = (
            "(Left out of the recording: a replay, which starts afresh, would answer differently.)"
        )
        lines = [*lines, *wrap("message", note, width)]
    else:
        turn, replayed = recorded
        after = replace(after, turns=(*session.turns, turn), replayed=replayed)
    if leaving:
        lines += wrap("message", f"The recording is saved in {session.recording}.", width)
    return lines, after


def says_goodbye(bot: Bot, response: Response) -> bool:
    """Whether the answer is a goodbye ("bye", "ok bye, thanks"): the chat then ends, as
    with /quit, instead of saying goodbye and waiting for more."""
    if response.status != "answer" or response.intent is None:
        return False
    return bot.knowledge.intent(response.intent).aspect == GOODBYE


def replayable_turn(
    bot: Bot, session: Session, text: str, response: Response, context: Context
) -> tuple[Turn, Context] | None:
    """The turn to record so that replaying the recording gets this response, or None.

    Replay starts from a fresh context and knows nothing of /reset, /topics or what was
    said before /record. When those make the replay's context differ from the live one,
    the text is checked against the replay's context, then the answer's question title
    in its place (a pick from /topics is recorded as the question picked).
    """
    if session.replayed == session.context:
        return (text, response), context
    said = [text]
    if response.status == "answer" and response.intent is not None:
        said.append(bot.knowledge.intent(response.intent).title)
    for candidate in said:
        got, replayed = respond(bot, session.replayed, candidate)
        if (got.status, got.intent) == (response.status, response.intent):
            return (candidate, got), replayed
    return None


def completion_words(knowledge: Knowledge) -> dict[str, str]:
    """What Tab can complete, each with a short note: commands, then known questions."""
    words: dict[str, str] = {}
    for command in COMMANDS:
        words[command.name] = command.help
        if command.name == "/topics":
            for topic in content_topics(knowledge):
                words[f"/topics {topic.id}"] = topic.name
    for intent in knowledge.intents:
        words.setdefault(intent.title, knowledge.topic(intent.topic).name)
    return words
