"""Benchmark: prints figures, passes or fails nothing.

    python tests/benchmark.py [--quick]

- time per question (mean, p99) on the shipped knowledge base;
- cold start of `chatbot ask "..."` as a whole process, next to the floor of its stack,
  `python3 -c "import rapidfuzz, yaml"` (target: within 2x);
- time from start to the first prompt of the chat, in a pseudo-terminal;
- time per question on generated knowledge bases of 1,000 and 10,000 intents of 10
  examples each;
- time to read a message for an emergency: the safety sets' messages, and messages of
  20,000 characters built to make a regular expression backtrack.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatbot.dialogue import Bot, Context, respond  # noqa: E402
from chatbot.knowledge import Intent, Knowledge, Thresholds, Topic  # noqa: E402
from chatbot.loader import load_knowledge  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_questions(bot: Bot, questions: list[str], rounds: int) -> list[float]:
    """Milliseconds per question, each in a fresh conversation."""
    timings = []
    for _ in range(rounds):
        for question in questions:
            start = time.perf_counter_ns()
            respond(bot, Context(), question)
            timings.append((time.perf_counter_ns() - start) / 1e6)
    return timings


def report(label: str, timings: list[float]) -> None:
    print(
        f"  {label:<34} mean {statistics.fmean(timings):7.3f} ms   "
        f"median {statistics.median(timings):7.3f} ms   p99 {percentile(timings, 0.99):7.3f} ms"
    )


def shipped_questions() -> list[str]:
    questions = []
    for name in ("questions.yaml", "holdout.yaml"):
        data = yaml.safe_load((ROOT / "tests" / "eval" / name).read_text(encoding="utf-8"))
        questions += [q["q"] for q in data["questions"]]
    return questions


def run_times(command: list[str], runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
        times.append((time.perf_counter() - start) * 1000)
    return times


def cold_start(runs: int, env: dict[str, str]) -> None:
    script = shutil.which("chatbot", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "chatbot"]
    run_times([*command, "ask", "what is xofigo"], 1, env)  # fills the compiled cache
    bare = run_times([sys.executable, "-c", "pass"], runs, env)
    floor = run_times([sys.executable, "-c", "import rapidfuzz, yaml"], runs, env)
    ask = run_times([*command, "ask", "what is xofigo"], runs, env)
    print(f"  python3 -c pass                    median {statistics.median(bare):7.1f} ms")
    # The floor of the stack: what any program that reads YAML with rapidfuzz pays.
    print(f"  python3 -c 'import rapidfuzz, yaml'  median {statistics.median(floor):7.1f} ms"
          f"  ({statistics.median(floor) / statistics.median(bare):.2f}x bare)")  # fmt: skip
    print(f"  {' '.join(Path(c).name for c in command)} ask '...'{'':<14}"
          f"median {statistics.median(ask):7.1f} ms  "
          f"({statistics.median(ask) / statistics.median(floor):.2f}x the floor)")  # fmt: skip


def first_prompt(runs: int, env: dict[str, str]) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(
            sys.executable, ["-m", "chatbot", "--no-history"], env=env, cwd=str(ROOT),
            encoding="utf-8", dimensions=(40, 100), timeout=10,
        )  # fmt: skip
        child.expect("You:")
        times.append((time.perf_counter() - start) * 1000)
        child.sendeof()
        child.expect(pexpect.EOF)
    print(f"  start to first chat prompt         median {statistics.median(times):7.1f} ms")


def generated(intents: int, examples: int, seed: int = 7) -> tuple[Knowledge, list[str]]:
    """A knowledge base of made-up words, and questions drawn from it with typos."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choices(letters, k=rng.randint(4, 9))) for _ in range(20_000)]
    built = []
    for n in range(intents):
        words = rng.sample(vocabulary, 12)
        lines = tuple(
            "what " + " ".join(rng.sample(words, rng.randint(3, 6))) for _ in range(examples)
        )
        built.append(Intent(f"i{n}", "t", "a", lines[0], lines, "An answer.", (), ()))
    knowledge = Knowledge(
        documents=(), topics=(Topic("t", "Generated"),), aspects=(), intents=tuple(built),
        thresholds=Thresholds(),
    )  # fmt: skip
    questions = []
    for _ in range(300):
        words = rng.choice(built).examples[0].split()
        word = rng.randrange(1, len(words))
        words[word] = words[word][:-1]  # a typo
        questions.append(" ".join(words))
    return knowledge, questions


def safety_messages() -> list[str]:
    messages = []
    for name in ("dev.yaml", "blind1.yaml"):
        with open(ROOT / "tests" / "safety" / name, encoding="utf-8") as handle:
            messages += [m["text"] for m in yaml.safe_load(handle)["messages"]]
    return messages


def hostile_messages(size: int = 20_000, seed: int = 7) -> dict[str, str]:
    """Long messages aimed at the reader's weak spots: repeated key words and past-event
    phrases (backtracking, overlapping windows), one endless word, blank space, emoji, and
    thousands of distinct unknown words (spelling correction)."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    keys = "chest pain he has blood head legs pills took not if now breathe cant the".split()
    made = {
        "'had chest pain' repeated": "had chest pain " * size,
        "one key word repeated": "bleeding " * size,
        "key words at random": " ".join(rng.choice(keys) for _ in range(size)),
        "one endless word": "a" * size,
        "spaces": " " * size,
        "emoji": "\N{WEARY FACE}" * size,
        "distinct unknown words": " ".join(
            "".join(rng.choices(letters, k=rng.randint(4, 9))) for _ in range(size)
        ),
    }
    return {label: text[:size] for label, text in made.items()}


def time_safety(bot: Bot, messages: list[str], rounds: int) -> list[float]:
    """Milliseconds to read each message for an emergency."""
    timings = []
    for _ in range(rounds):
        for message in messages:
            start = time.perf_counter_ns()
            bot.safety.read(message)
            timings.append((time.perf_counter_ns() - start) / 1e6)
    return timings


def main() -> None:
    quick = "--quick" in sys.argv
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100", LINES="40", PROMPT_TOOLKIT_NO_CPR="1")
    # An installed package has its compiled modules: a shell that forbids writing them would
    # time compiling the source at every start, which no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as home:
        env.update(XDG_CACHE_HOME=f"{home}/cache", XDG_STATE_HOME=f"{home}/state")
        print("Shipped knowledge base")
        start = time.perf_counter()
        bot = Bot.build(load_knowledge(ROOT / "intents"))
        built = (time.perf_counter() - start) * 1000
        print(f"  build (parse, check, index)        {built:7.1f} ms")
        questions = shipped_questions()
        report(f"per question ({len(questions)} questions)", time_questions(bot, questions, 3))
        print("Reading a message for an emergency")
        messages = safety_messages()
        report(f"safety sets ({len(messages)} messages)", time_safety(bot, messages, 3))
        for label, text in hostile_messages().items():
            report(f"20,000 chars: {label}", time_safety(bot, [text], 3))
        print("Whole process")
        cold_start(5 if quick else 15, env)
        first_prompt(3 if quick else 7, env)
    print("Generated knowledge bases (10 examples per intent)")
    for size in (1_000, 10_000):
        knowledge, asked = generated(size, 10)
        start = time.perf_counter()
        big = Bot.build(knowledge)
        print(f"  {size:>6} intents: build {(time.perf_counter() - start):6.2f} s")
        report(f"{size:>6} intents per question", time_questions(big, asked, 1 if quick else 3))


if __name__ == "__main__":
    main()
