"""The knowledge model: documents, topics, intents, lexicon, red flags and settings.

Plain frozen data built from the YAML in `intents/` (see `validate.build_knowledge`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    id: str
    title: str


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    publisher: str
    url: str
    date: str
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(frozen=True)
class SourceRef:
    document: str
    section: str


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    terms: tuple[str, ...] = ()
    conversational: bool = False


@dataclass(frozen=True)
class Aspect:
    id: str
    name: str
    asks: tuple[str, ...] = ()
    """Words that put this ask, whatever the subject: "risks", "safe" for side effects."""
    unnamed: str = ""
    """The topic this ask is put of when no treatment is named nor talked about: other
    treatments, asked of nothing named, are those for the disease."""


@dataclass(frozen=True)
class Intent:
    id: str
    topic: str
    aspect: str
    title: str
    examples: tuple[str, ...]
    answer: str
    sources: tuple[SourceRef, ...] = ()
    follow_ups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    """A canonical word and the other ways people write it."""

    term: str
    variants: tuple[str, ...] = ()
    name: str = ""
    kind: str = ""
    """For a treatment the documents do not cover: the lexicon term for the kind of
    treatment it is, which they do cover (docetaxel: chemotherapy)."""
    offer: tuple[str, ...] = ()
    """For an ask the documents do not cover: intents that help with it all the same
    (the price of a drug: help with co-pays), offered when it is declined."""
    told: bool = False
    """For something a story may tell in passing (golf, a trip): the question the story
    ends with is answered, with a word that the documents don't cover it."""


@dataclass(frozen=True)
class RedFlag:
    """An emergency category of intents/safety.yaml."""

    id: str
    name: str
    patterns: tuple[str, ...]
    words: tuple[str, ...] = ()
    """Its key words: a pattern is only tried near one of them."""
    weak_patterns: tuple[str, ...] = ()
    """Looser descriptions ("something is wrong with his breathing"): urgent only when
    the words around them say it is happening now; otherwise the safety line."""
    advice: str = ""
    """What to do now, in a sentence or two, after "call 911"."""
    if_now: str = ""
    """The one line put before an answer to a question that only mentions the symptom."""
    imagined_is_urgent: bool = False
    """"What if I took all my pills" is urgent too: no "if" makes it a mere question."""
    crisis: bool = False
    """Its advice is the whole reply, warmly, with its own crisis line (self-harm: 988)."""


@dataclass(frozen=True)
class SafetyCues:
    """Shared word patterns that tell a current emergency from a question about a symptom
    (intents/safety.yaml, `safety_cues`)."""

    now: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    imagined: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    feeling: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    lasting: tuple[str, ...] = ()
    over: tuple[str, ...] = ()
    cared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds, chosen by `chatbot eval --calibrate` and kept in intents/."""

    answer: float = 60.0
    margin: float = 8.0
    clarify: float = 45.0
    coverage: float = 0.0
    context_turns: int = 3


@dataclass(frozen=True)
class QualityBar:
    """The least `chatbot eval` accepts before it exits non-zero, in percent."""

    accuracy: float = 95.0
    wrong: float = 1.0
    urgent_recall: float = 100.0
    cross_validation: float = 90.0


@dataclass(frozen=True)
class Knowledge:
    documents: tuple[Document, ...]
    topics: tuple[Topic, ...]
    aspects: tuple[Aspect, ...]
    intents: tuple[Intent, ...]
    terms: tuple[Term, ...] = ()
    unknown_terms: tuple[Term, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    safety_cues: SafetyCues = SafetyCues()
    safety_words: dict[str, str] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)
    thresholds: Thresholds = Thresholds()
    bar: QualityBar = QualityBar()

    _intents: dict[str, Intent] = field(init=False, repr=False, compare=False)
    _topics: dict[str, Topic] = field(init=False, repr=False, compare=False)
    _documents: dict[str, Document] = field(init=False, repr=False, compare=False)
    _by_topic: dict[str, tuple[Intent, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_intents", {i.id: i for i in self.intents})
        object.__setattr__(self, "_topics", {t.id: t for t in self.topics})
        object.__setattr__(self, "_documents", {d.id: d for d in self.documents})
        by_topic: dict[str, list[Intent]] = {}
        for intent in self.intents:  # asked on every follow-up: index it once
            by_topic.setdefault(intent.topic, []).append(intent)
        object.__setattr__(self, "_by_topic", {t: tuple(i) for t, i in by_topic.items()})

    def intent(self, intent_id: str) -> Intent:
        return self._intents[intent_id]

    def topic(self, topic_id: str) -> Topic:
        return self._topics[topic_id]

    def document(self, document_id: str) -> Document:
        return self._documents[document_id]

    def aspect(self, aspect_id: str) -> Aspect | None:
        return next((a for a in self.aspects if a.id == aspect_id), None)

    def message(self, key: str, **values: str) -> str:
        return self.messages.get(key, key).format(**values)

    @property
    def content_intents(self) -> tuple[Intent, ...]:
        return tuple(i for i in self.intents if not self.topic(i.topic).conversational)

    def intents_of(self, topic_id: str) -> tuple[Intent, ...]:
        return self._by_topic.get(topic_id, ())
