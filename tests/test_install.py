"""`pip install .` (a wheel, not an editable install in a clone) gives a chatbot that
carries its knowledge base and answers from any folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy: building leaves a build/ folder in the source tree.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("chatbot", "intents"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    folder = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (built,) = folder.glob("chatbot-*.whl")
    return built


def test_the_wheel_carries_every_knowledge_file(wheel: Path) -> None:
    shipped = {p.name for p in (ROOT / "intents").glob("*.yaml")}
    with zipfile.ZipFile(wheel) as archive:
        packed = {Path(n).name for n in archive.namelist() if n.startswith("chatbot/intents/")}
    assert packed == shipped


def test_an_installed_chatbot_answers_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # The test environment's rapidfuzz, prompt_toolkit and pyyaml: no download needed.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall",
         str(wheel)],
        check=True,
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("CHATBOT_INTENTS", "PYTHONPATH")}
    done = subprocess.run(
        [str(venv / "bin" / "chatbot"), "ask", "--json", "side efects of xofgio?"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert reply["status"] == "answer"
    assert reply["intent"] == "xofigo_side_effects"
    assert "diarrhea" in reply["answer"]
