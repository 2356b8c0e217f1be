"""What the bot says about an emergency: the urgent reply, and the one safety line put
before an answer that only mentions a symptom, in the voice of the person asking.

Texts of intents/safety.yaml may hold `{self|other}`: the first part speaks to a patient
about himself ("If you have chest pain now"), the second to a caregiver ("If he has").
"""

from __future__ import annotations

import re

from chatbot.knowledge import Knowledge
from chatbot.safety import SafetyReading

_VOICE = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")


def voiced(text: str, about_someone_else: bool) -> str:
    """`text` with each `{self|other}` choice made."""
    return _VOICE.sub(lambda m: m.group(2 if about_someone_else else 1), text)


def listed(names: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def urgent_text(knowledge: Knowledge, reading: SafetyReading) -> str:
    """Call 911 first, naming every emergency described; then what to do for each. A
    crisis flag (thoughts of self-harm) speaks for itself, warmly, with its own line."""
    other = reading.about_someone_else
    flags = reading.flags
    parts = [voiced(" ".join(f.advice.split()), other) for f in flags if f.crisis]
    plain = [f for f in flags if not f.crisis]
    if plain:
        names = listed([f.name for f in plain])
        parts.append(knowledge.message("urgent_other" if other else "urgent", flag=names))
        parts += [voiced(" ".join(f.advice.split()), other) for f in plain if f.advice]
    return " ".join(parts)


def safety_line(reading: SafetyReading) -> str:
    """ "If he has chest pain now, call 911.": one line per flag a question mentions."""
    other = reading.about_someone_else
    return " ".join(voiced(f.if_now, other) for f in reading.flags if f.if_now)
