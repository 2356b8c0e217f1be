"""The errors a user or a content editor can cause; the CLI turns each into one line."""

from __future__ import annotations


class ChatbotError(Exception):
    """Base of every error caused by input or data rather than by a bug."""

    exit_code = 1


class UsageError(ChatbotError):
    """The command line asked for something that cannot be done."""

    exit_code = 2


class KnowledgeError(ChatbotError):
    """The knowledge base in `intents/` is broken; `chatbot check` lists why."""

    exit_code = 1


class TranscriptError(ChatbotError):
    """A transcript file cannot be read; the message names its file and line."""

    exit_code = 2
