"""The `chatbot` command line: its options, subcommands and --help text."""

from __future__ import annotations

import argparse
from pathlib import Path

from chatbot import __version__

EPILOG = """\
examples:
  chatbot                                  talk (the same as `chatbot chat`)
  chatbot ask "side effects of xofigo?"    answer one question and exit
  chatbot ask --json < questions.txt       answer each line, as JSON
  chatbot chat --record talk.yaml          record the chat as a transcript
  chatbot check --strict                   validate the knowledge files
  chatbot replay --junit report.xml        replay the transcripts as tests

environment:
  CHATBOT_INTENTS=DIR      knowledge folder, as --intents DIR
  CHATBOT_NO_HISTORY=1     keep no prompt history, as --no-history
  CHATBOT_NO_CACHE=1       keep no compiled copy of the knowledge base
  NO_COLOR=1               no colours (the chat keeps its line editing)
  TERM=dumb                no colours and no line editing, as --plain
  XDG_STATE_HOME, XDG_CACHE_HOME   where the files below live

files it writes (readable by you alone):
  $XDG_STATE_HOME/chatbot/history   the chat's prompt history (~/.local/state/...)
  $XDG_CACHE_HOME/chatbot/          a compiled copy of the knowledge base (~/.cache/...),
                                    nothing you typed
  FILE of --record, /record, --junit, --update: only when you ask for them

It never opens a network connection. In an emergency, call 911 or your local
emergency number.
"""

SUBCOMMANDS = {
    "chat": "Talk with the chatbot (the default): type questions, /help for commands.",
    "ask": "Answer the question given and exit; without one, answer questions read from "
    "standard input, one per line, as one conversation.",
    "check": "Validate knowledge files and print every problem as file:line:col. "
    "Exit status 0 clean, 1 problems.",
    "export": "Print the whole knowledge base as one JSON document.",
    "eval": "Measure accuracy on a labelled question set; exit status 1 below the bar "
    "in intents/config.yaml.",
    "replay": "Replay recorded transcripts as regression tests. Exit status 0 all pass, "
    "1 a failure, 2 a malformed file.",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chatbot",
        description="Offline answers about advanced prostate cancer treatments "
        "(Provenge, Xofigo) from two trusted documents. Information, not medical advice.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"chatbot {__version__}")
    parser.add_argument(
        "--intents", type=Path, metavar="DIR", help="knowledge folder (default: intents/)"
    )
    # The subcommands take --intents too; SUPPRESS keeps a value given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--intents", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                        help="knowledge folder (default: intents/)")  # fmt: skip
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, description: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=description, description=SUBCOMMANDS[name], parents=[common]
        )

    chat = command("chat", "talk with the chatbot (the default)")
    _chat_options(chat, default=argparse.SUPPRESS)

    ask = command("ask", "answer questions from the command line or stdin")
    ask.add_argument("question", nargs="*", help="the question; without it, read stdin lines")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    ask.add_argument("--no-context", action="store_true", help="answer each stdin line on its own")

    chk = command("check", "validate knowledge files")
    chk.add_argument("paths", nargs="*", type=Path, help="files or folders (default: intents/)")
    chk.add_argument("--strict", action="store_true", help="warnings fail too")
    chk.add_argument("--stats", action="store_true", help="print counts and reading grades")

    export = command("export", "print the knowledge base")
    export.add_argument("--format", choices=["json"], default="json")

    ev = command("eval", "measure accuracy on a labelled question set")
    ev.add_argument("file", nargs="?", type=Path, help="questions YAML (default: the project's)")
    ev.add_argument(
        "--cross-validate", action="store_true", help="hold out each example against the rest"
    )
    ev.add_argument("--calibrate", action="store_true", help="sweep thresholds, print the table")
    ev.add_argument(
        "--write", action="store_true", help="with --calibrate: save the chosen thresholds"
    )
    ev.add_argument("--verbose", action="store_true", help="list every question missed")

    rep = command("replay", "replay recorded transcripts as tests")
    rep.add_argument("paths", nargs="*", type=Path, help="files or folders (default: transcripts/)")
    rep.add_argument("--update", action="store_true", help="rewrite expectations from behaviour")
    rep.add_argument("--junit", type=Path, metavar="FILE", help="also write JUnit XML")
    rep.add_argument("--coverage", action="store_true", help="list intents no transcript exercises")
    _chat_options(parser)
    return parser


def _chat_options(parser: argparse.ArgumentParser, default: object = False) -> None:
    """The chat's options, on the main parser and on `chat` (where SUPPRESS keeps a value
    given before the word `chat` instead of resetting it)."""
    none = None if default is False else default
    parser.add_argument(
        "--plain", action="store_true", default=default, help="no colour, no prompt editing"
    )
    parser.add_argument(
        "--no-history", action="store_true", default=default, help="keep no history file"
    )
    parser.add_argument(
        "--record", type=Path, metavar="FILE", default=none, help="record as a transcript"
    )
