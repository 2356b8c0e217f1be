"""Every section of every source document is cited by at least one intent.

A section nobody cites is content the bot can never give, so either an intent is missing
or the section should not be listed. Run with -s to see the whole table.
"""

from __future__ import annotations

from pathlib import Path

from chatbot.knowledge import Knowledge, SourceRef
from chatbot.loader import load_knowledge

INTENTS = Path(__file__).resolve().parent.parent / "intents"


def citations(knowledge: Knowledge) -> dict[SourceRef, list[str]]:
    """Each section of each document, in file order, with the ids of the intents citing it."""
    table = {SourceRef(d.id, s.id): [] for d in knowledge.documents for s in d.sections}
    for intent in knowledge.intents:
        for source in intent.sources:
            table.setdefault(source, []).append(intent.id)
    return table


def test_every_document_section_is_cited_by_an_intent() -> None:
    knowledge = load_knowledge(INTENTS)
    table = citations(knowledge)
    width = max(len(f"{ref.document}#{ref.section}") for ref in table)
    print(f"\n{'section':<{width}}  intents citing it")
    for ref, intents in table.items():
        print(f"{ref.document + '#' + ref.section:<{width}}  {', '.join(intents) or '-- none --'}")
    titles = {(d.id, s.id): s.title for d in knowledge.documents for s in d.sections}
    uncited = [
        f"{ref.document}#{ref.section} ({titles[ref.document, ref.section]})"
        for ref, intents in table.items()
        if not intents
    ]
    assert not uncited, "sections no intent cites: " + "; ".join(uncited)


def test_citations_table_lists_sections_in_document_order() -> None:
    knowledge = load_knowledge(INTENTS)
    expected = [SourceRef(d.id, s.id) for d in knowledge.documents for s in d.sections]
    assert list(citations(knowledge)) == expected
