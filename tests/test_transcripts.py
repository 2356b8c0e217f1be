"""Transcripts: the shipped conversations replay green, and `chatbot replay` reports
failures, broken files, updates, JUnit XML and coverage the way a person needs them."""

from __future__ import annotations

import os
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import run_chatbot

from chatbot.dialogue import Bot, Context, Response, respond
from chatbot.loader import load_knowledge
from chatbot.transcript import annotate, dump_transcript, parse_transcript, replay
from chatbot.userfiles import write_private
from chatbot.yamlsource import YamlFile, parse_yaml

REPO = Path(__file__).resolve().parent.parent
SHIPPED = sorted((REPO / "transcripts").glob("*.yaml"))
XOFIGO = REPO / "transcripts" / "xofigo_followups.yaml"


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge())


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_chatbot(*args, cwd=cwd)


def parsed(name: str, text: str) -> YamlFile:
    file = parse_yaml(name, text.encode("utf-8"))
    assert isinstance(file, YamlFile), file
    return file


def test_the_shipped_set_is_a_useful_size() -> None:
    assert len(SHIPPED) >= 10


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_transcript_replays_green(bot: Bot, path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    intent_ids = {i.id for i in bot.knowledge.intents}
    transcript = parse_transcript(parsed(path.name, source), intent_ids)
    result = replay(bot, transcript)
    assert result.passed, "\n" + annotate(source, transcript, result)


def test_a_wrong_expectation_fails_with_a_got_report(tmp_path: Path) -> None:
    text = XOFIGO.read_text(encoding="utf-8")
    wrong = text.replace("intent: xofigo_how_it_works}", "intent: xofigo_benefits}")
    assert wrong != text
    (tmp_path / "xofigo.yaml").write_text(wrong, encoding="utf-8")

    done = run("replay", "xofigo.yaml", cwd=tmp_path)

    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "FAIL xofigo.yaml"
    # file:line of the failing turn, as editors and CI logs read it
    at = text.splitlines().index("  - user: how does it work?") + 1
    assert lines[1].startswith(f"xofigo.yaml:{at}: 'how does it work?': intent: expected ")
    # The report is the transcript itself, with what the bot did under the failing turn.
    at = lines.index("  - user: how does it work?")
    assert lines[at + 1] == "    expect: {status: answer, intent: xofigo_benefits}"
    assert lines[at + 2] == "    # got: status=answer, intent=xofigo_how_it_works"
    assert sum("# got:" in line for line in lines) == 1
    assert lines[-1] == "0 passed, 1 failed"


def test_a_missing_phrase_shows_the_text_the_bot_gave(tmp_path: Path) -> None:
    text = XOFIGO.read_text(encoding="utf-8").replace("[diarrhea]", "[hair loss]")
    (tmp_path / "xofigo.yaml").write_text(text, encoding="utf-8")

    done = run("replay", "xofigo.yaml", cwd=tmp_path)

    assert done.returncode == 1
    assert "    # got text: Common side effects of Xofigo" in done.stdout
    assert "    # text lacks 'hair loss'" in done.stdout


GOOD_TURN = "  - user: hi\n    expect: {status: answer, intent: smalltalk_greeting}\n"

MALFORMED = {
    "bad_yaml": (
        "title: broken\nturns:\n  - user: hi\n    expect: [status: answer\n  - user: bye\n",
        5,
        "YAML syntax",
    ),
    "no_user_text": (
        "title: t\nturns:\n" + GOOD_TURN + "  - expect: {status: fallback}\n",
        5,
        "turn 2 has no user text",
    ),
    "unknown_status": (
        "title: t\nturns:\n" + GOOD_TURN + "  - user: bye\n    expect: {status: answered}\n",
        6,
        "unknown status 'answered'",
    ),
    "unknown_intent": (
        "title: t\nturns:\n" + GOOD_TURN + "  - user: bye\n    expect:\n"
        "      status: answer\n      intent: smalltalk_farewell\n",
        8,
        "unknown intent id 'smalltalk_farewell'",
    ),
    "unknown_key": (
        "title: t\nturns:\n  - user: hi\n    expect: {status: answer, intent: smalltalk_greeting,"
        " contain: Hello}\n",
        4,
        "unknown key 'contain'",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_transcript_names_file_and_line(tmp_path: Path, case: str) -> None:
    text, line, message = MALFORMED[case]
    (tmp_path / f"{case}.yaml").write_text(text, encoding="utf-8")

    done = run("replay", f"{case}.yaml", cwd=tmp_path)

    assert done.returncode == 2
    assert done.stderr.startswith(f"chatbot: {case}.yaml:{line}: ")
    assert message in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert f"ERROR {case}.yaml" in done.stdout
    assert done.stdout.splitlines()[-1] == "0 passed, 0 failed, 1 malformed"


def test_update_rewrites_a_wrong_expectation_then_replays_green(tmp_path: Path) -> None:
    right_intent = "    expect: {status: answer, intent: xofigo_how_it_works}  # kept comment"
    wrong_intent = "    expect: {status: answer, intent: xofigo_benefits}  # kept comment"
    right_status = "      status: answer\n      intent: xofigo_side_effects\n"
    wrong_status = "      status: fallback\n"
    original = XOFIGO.read_text(encoding="utf-8").replace(
        "    expect: {status: answer, intent: xofigo_how_it_works}", right_intent
    )
    assert right_intent in original and right_status in original
    path = tmp_path / "xofigo.yaml"
    path.write_text(
        original.replace(right_intent, wrong_intent).replace(right_status, wrong_status),
        encoding="utf-8",
    )

    done = run("replay", "--update", "xofigo.yaml", cwd=tmp_path)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "UPDATED xofigo.yaml" in done.stdout
    assert f"  -{wrong_intent}" in done.stdout
    assert f"  +{right_intent}" in done.stdout
    # Only the two wrong values changed: the comment, contains and not_contains stay.
    assert path.read_text(encoding="utf-8") == original

    again = run("replay", "xofigo.yaml", cwd=tmp_path)
    assert again.returncode == 0
    assert again.stdout.splitlines() == ["PASS xofigo.yaml", "1 passed, 0 failed"]


def test_junit_counts_transcripts_and_carries_the_got_notes(tmp_path: Path) -> None:
    text = XOFIGO.read_text(encoding="utf-8")
    (tmp_path / "a_good.yaml").write_text(text, encoding="utf-8")
    wrong = text.replace("intent: xofigo_how_it_works}", "intent: xofigo_benefits}")
    (tmp_path / "b_wrong.yaml").write_text(wrong, encoding="utf-8")

    done = run("replay", "--junit", "out/report.xml", ".", cwd=tmp_path)

    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "1 passed, 1 failed"
    root = ET.parse(tmp_path / "out" / "report.xml").getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = {c.get("name", ""): c for c in suite.iter("testcase")}
    assert sorted(cases) == ["a_good.yaml", "b_wrong.yaml"]
    assert cases["a_good.yaml"].find("failure") is None
    failure = cases["b_wrong.yaml"].find("failure")
    assert failure is not None
    assert "got: status=answer, intent=xofigo_how_it_works" in (failure.get("message") or "")


def test_coverage_passes_on_the_shipped_set(bot: Bot) -> None:
    done = run("replay", "--coverage", cwd=REPO)
    assert done.returncode == 0, done.stdout
    count = len(bot.knowledge.intents)
    assert f"all {count} intents covered" in done.stdout


def test_coverage_fails_on_a_lone_transcript(tmp_path: Path) -> None:
    (tmp_path / "xofigo.yaml").write_text(XOFIGO.read_text(encoding="utf-8"), encoding="utf-8")

    done = run("replay", "--coverage", "xofigo.yaml", cwd=tmp_path)

    assert done.returncode == 1
    listed = {line.strip() for line in done.stdout.splitlines() if line.startswith("  ")}
    assert "provenge_side_effects" in listed
    assert "xofigo_side_effects" not in listed


def test_a_recording_replays_green_at_once(bot: Bot) -> None:
    said = [
        "hi",
        "1",
        "side effects",
        "2",
        "",
        "and Provenge?",
        "what's the weather like: sunny?",
        '"quoted" words',
        "  what is xofigo  ",
        "I have crushing chest pain",
        "5",
    ]
    context = Context()
    turns: list[tuple[str, Response]] = []
    for text in said:
        response, context = respond(bot, context, text)
        turns.append((text, response))
    statuses = {r.status for _, r in turns}
    assert statuses == {"answer", "clarify", "fallback", "urgent"}

    dumped = dump_transcript("A recording: with a colon", turns, description="line one\nline two")

    transcript = parse_transcript(
        parsed("recorded.yaml", dumped), {i.id for i in bot.knowledge.intents}
    )
    assert transcript.title == "A recording: with a colon"
    assert [t.user for t in transcript.turns] == [s for s in said if s.strip()]
    result = replay(bot, transcript)
    assert result.passed, "\n" + annotate(dumped, transcript, result)


def test_write_private_makes_a_file_only_its_owner_can_read(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    write_private(new, "title: x\n")
    existing = tmp_path / "existing.yaml"
    existing.write_text("old and longer text\n", encoding="utf-8")
    existing.chmod(0o644)
    write_private(existing, "new\n")

    assert new.read_text(encoding="utf-8") == "title: x\n"
    assert existing.read_text(encoding="utf-8") == "new\n"
    if os.name == "posix":
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
        assert stat.S_IMODE(existing.stat().st_mode) == 0o600


def test_replay_runs_every_file_and_reports_every_problem_of_a_malformed_one(
    tmp_path: Path,
) -> None:
    """Like `rasa data validate`: a broken file does not stop the others; each of its
    problems is named with file:line; the exit code (2) is decided at the end."""
    text = XOFIGO.read_text(encoding="utf-8")
    (tmp_path / "a_good.yaml").write_text(text, encoding="utf-8")
    broken = (
        "title: two problems\n"
        "turns:\n"
        "  - user: hi\n"
        "    expect: {status: answr, intent: smalltalk_greeting}\n"
        "  - user: what is xofigo\n"
        "    expect: {status: answer, intent: xofigo_what_iz}\n"
    )
    (tmp_path / "b_broken.yaml").write_text(broken, encoding="utf-8")
    wrong = text.replace("intent: xofigo_how_it_works}", "intent: xofigo_benefits}")
    (tmp_path / "c_wrong.yaml").write_text(wrong, encoding="utf-8")

    done = run("replay", ".", "--junit", "report.xml", cwd=tmp_path)

    assert done.returncode == 2
    out = done.stdout.splitlines()
    assert out[0] == "PASS a_good.yaml"
    assert out[1] == "ERROR b_broken.yaml"
    assert "FAIL c_wrong.yaml" in out
    assert out[-1] == "1 passed, 1 failed, 1 malformed"
    errors = done.stderr.splitlines()
    assert errors[0].startswith("chatbot: b_broken.yaml:4: turn 1: unknown status 'answr'")
    assert errors[1].startswith("chatbot: b_broken.yaml:6: turn 2: unknown intent id")
    assert "did you mean xofigo_what_is?" in errors[1]
    assert "Traceback" not in done.stderr
    suite = ET.parse(tmp_path / "report.xml").getroot()
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    error = suite.find(".//testcase[@name='b_broken.yaml']/error")
    assert error is not None and error.text is not None
    assert "b_broken.yaml:4:" in error.text and "b_broken.yaml:6:" in error.text
