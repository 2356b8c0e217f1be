"""The chat front end: a prompt_toolkit REPL on a terminal, plain lines otherwise.

Only reading, printing and file writing live here; what a line does is `commands.step`,
which calls the same `respond` as `chatbot ask` and transcript replay. prompt_toolkit is
imported only on the interactive path, so plain mode starts without it.
"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from chatbot.commands import (
    Session,
    completion_words,
    error_lines,
    step,
    toolbar_text,
    welcome_lines,
)
from chatbot.dialogue import Bot
from chatbot.render import Line, wrap
from chatbot.sanitize import clean, clean_lines
from chatbot.terminal import width
from chatbot.userfiles import (
    create_private_file,
    followed,
    switched_off,
    write_private,
    xdg_dir,
)

if TYPE_CHECKING:
    from prompt_toolkit.history import History
    from prompt_toolkit.key_binding import KeyBindings

ENV_NO_HISTORY = "CHATBOT_NO_HISTORY"
STYLES = {
    "about": "bold",
    "answer": "",
    "source": "",  # normal intensity: dim text is hard to read, and sources earn trust
    "heading": "bold",
    "option": "ansicyan",
    "urgent": "bold ansired",
    "message": "",
    "prompt": "bold",
}
"""prompt_toolkit styles for render's style names; meaning never rests on colour alone."""
PROMPT = "You: "
LEAVE_HINT = "To leave, type /quit or press Ctrl-D."

Show = Callable[[list[Line]], None]


def run_chat(
    bot: Bot, *, plain: bool = False, history: bool = True, record: Path | None = None
) -> int:
    """Talk until /quit, Ctrl-D or the end of input; the exit code is 0."""
    start = Session()
    terminal = sys.stdin.isatty()
    if plain or not (terminal and sys.stdout.isatty()) or dumb_terminal(os.environ):
        return _run_plain(bot, start, record, terminal=terminal)
    return _run_interactive(bot, start, record, history=history_enabled(history, os.environ))


def dumb_terminal(env: Mapping[str, str]) -> bool:
    """TERM=dumb (an editor's shell, some screen readers' consoles) understands no escape
    sequences: no colours and no line editing, as with --plain."""
    return env.get("TERM", "").strip().lower() == "dumb"


# ---------------------------------------------------------------- one turn, both modes


def turn(bot: Bot, session: Session, text: str, show: Show) -> Session:
    """Run one line, show its output, save the recording; never raises for a bad turn."""
    try:
        lines, after = step(bot, session, text, width())
        after, problems = save_recording(session, after, width())
        started = after.recording is not None and after.recording != session.recording
        failed_start = bool(problems) and session.recording is None and not started
        show(problems if failed_start else lines + problems)
        return after
    except Exception as err:  # a bug in one turn must not end the conversation
        show(error_lines(short_reason(err)))
        return session


def short_reason(err: BaseException) -> str:
    text = str(err).strip()
    first = text.splitlines()[0] if text else type(err).__name__
    return first if len(first) <= 80 else first[:77] + "..."


def recording_problem(path: Path) -> str | None:
    """Why a recording cannot be saved to `path`, said before it starts, or None."""
    if path.exists() or path.is_symlink():
        return f"{path} already exists; choose a new file name for the recording."
    folder = path.parent
    if not folder.is_dir():
        return f"Cannot record to {path}: the folder {folder} does not exist."
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"Cannot record to {path}: the folder {folder} is not writable."
    return None


def save_recording(before: Session, after: Session, width: int = 80) -> tuple[Session, list[Line]]:
    """Rewrite the transcript file when a recording starts or gains a turn.

    Returns the session (recording stopped if the file cannot be written) and any
    message to show, wrapped to `width`. A file that cannot be recorded to is refused
    when the recording starts, not after the next answer.
    """
    path = after.recording
    if path is None:
        return after, []
    if path != before.recording:
        try:  # a link another user planted is refused; a name too long is said so
            path = followed(path).resolve()
            problem = recording_problem(path)
        except OSError as err:
            return _not_saved(after, path, err, width)
        if problem is not None:
            return replace(after, recording=None, turns=()), wrap("message", problem, width)
        after = replace(after, recording=path)
    elif after.turns == before.turns:
        return after, []
    if not after.turns:  # nothing to replay yet: an empty transcript would not replay
        return after, []
    try:
        from chatbot.transcript import dump_transcript

        today = datetime.date.today().isoformat()
        text = dump_transcript(path.stem, after.turns, f"Recorded with chatbot on {today}.")
        write_private(path, text)
    except (OSError, ImportError) as err:
        return _not_saved(after, path, err, width)
    return after, []


def _not_saved(
    after: Session, path: Path, err: Exception, width: int
) -> tuple[Session, list[Line]]:
    reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    message = f"Could not save the recording to {path}: {reason}. Recording stopped."
    return replace(after, recording=None, turns=()), wrap("message", message, width)


def _start(bot: Bot, session: Session, record: Path | None, show: Show) -> Session:
    if record is None:
        return session
    return turn(bot, session, f"/record {record}", show)


# ---------------------------------------------------------------- plain mode


def _run_plain(bot: Bot, session: Session, record: Path | None, *, terminal: bool) -> int:
    """Lines in, plain text out: no escape sequences, commands still work. At a terminal
    a plain prompt shows when the bot waits; piped input gets none."""
    if terminal:
        _show_plain(welcome_lines(bot.knowledge, width()))
    session = _start(bot, session, record, _show_plain)
    while not session.done:
        if terminal:
            print(PROMPT, end="", flush=True)
        try:
            text = read_line(sys.stdin.buffer)
        except KeyboardInterrupt:  # at a terminal Ctrl-C drops the line; a pipe stops
            if not terminal:
                raise
            print(flush=True)
            _show_plain([("message", LEAVE_HINT)])
            continue
        if text is None:  # end of input; at a terminal Ctrl-D leaves like /quit
            if terminal:
                print(flush=True)
                turn(bot, session, "/quit", _show_plain)
            break
        if text.strip():
            session = turn(bot, session, text, _show_plain)
    return 0


def read_line(stream: BinaryIO) -> str | None:
    """The next line without its line end, or None at the end of input."""
    raw = stream.readline()
    return raw.decode("utf-8", errors="replace").rstrip("\r\n") if raw else None


def _show_plain(lines: list[Line]) -> None:
    print("\n".join(text for _, text in clean_lines(lines)), end="\n\n", flush=True)


# ---------------------------------------------------------------- history


def history_enabled(wanted: bool, env: Mapping[str, str]) -> bool:
    """History is on unless --no-history or CHATBOT_NO_HISTORY says otherwise."""
    return wanted and not switched_off(env, ENV_NO_HISTORY)


def history_path(env: Mapping[str, str], home: Path) -> Path:
    """$XDG_STATE_HOME/chatbot/history, or ~/.local/state/chatbot/history."""
    return xdg_dir(env, "XDG_STATE_HOME", ".local/state", home) / "history"


def _history(enabled: bool, show: Show) -> History:
    from prompt_toolkit.history import InMemoryHistory

    from chatbot.history import PrivateHistory, memory_only_notice

    if not enabled:
        return InMemoryHistory()
    path = history_path(os.environ, Path.home())
    try:
        return PrivateHistory(create_private_file(path))
    except OSError as err:
        show([("message", memory_only_notice(path, err))])
        return InMemoryHistory()


def _history_notice(history: History, show: Show) -> None:
    """Say once that the history file stopped being written (a full disk, say)."""
    from chatbot.history import PrivateHistory

    notice = history.take_notice() if isinstance(history, PrivateHistory) else None
    if notice:
        show([("message", notice)])


# ---------------------------------------------------------------- interactive mode


def _run_interactive(bot: Bot, session: Session, record: Path | None, *, history: bool) -> int:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.completion import FuzzyCompleter, WordCompleter
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.output import ColorDepth
    from prompt_toolkit.shortcuts import print_formatted_text
    from prompt_toolkit.styles import Style

    style = Style.from_dict(STYLES)
    depth = ColorDepth.MONOCHROME if os.environ.get("NO_COLOR") else None

    def show(lines: list[Line]) -> None:
        fragments: list[tuple[str, str]] = []
        for name, text in clean_lines(lines):
            fragments += [(f"class:{name}", text), ("", "\n")]
        print_formatted_text(FormattedText(fragments), style=style, color_depth=depth)

    words = completion_words(bot.knowledge)
    completer = FuzzyCompleter(
        WordCompleter(list(words), meta_dict=words, sentence=True, ignore_case=True),
        pattern=r"^.*",  # the whole line, so a question completes as one phrase
    )
    kept = _history(history, show)
    prompt: PromptSession[str] = PromptSession(
        [("class:prompt", PROMPT)],
        history=kept,
        auto_suggest=AutoSuggestFromHistory(),
        completer=completer,
        complete_while_typing=False,
        key_bindings=_key_bindings(),
        style=style,
        color_depth=depth,
    )
    show(welcome_lines(bot.knowledge, width()))
    session = _start(bot, session, record, show)
    while not session.done:
        try:
            text = prompt.prompt(bottom_toolbar=partial(_toolbar, session))
        except KeyboardInterrupt:  # Ctrl-C on an empty line: say how to leave
            show([("message", LEAVE_HINT)])
            continue
        except EOFError:  # Ctrl-D: the same way out as /quit
            text = "/quit"
        _history_notice(kept, show)
        try:
            if text.strip():
                session = turn(bot, session, text, show)
        except KeyboardInterrupt:  # Ctrl-C while answering: drop the answer, keep talking
            continue
    return 0


def _toolbar(session: Session) -> str:
    # At each redraw: the terminal may be resized. The recording's file name is the user's.
    return clean(toolbar_text(session, width()))


def _key_bindings() -> KeyBindings:
    """Ctrl-C with text typed clears the line where it stands, so nothing half-typed
    stays on screen as if it had been sent; on an empty line it interrupts the prompt,
    and the chat says how to leave."""
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

    bindings = KeyBindings()

    @bindings.add("c-c")
    def _(event: KeyPressEvent) -> None:
        buffer = event.app.current_buffer
        if buffer.text:
            buffer.reset()
        else:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    return bindings
