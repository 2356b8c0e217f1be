"""`pip install .` (a wheel, not an editable install in a clone) gives a chatbot that
carries its knowledge base and answers from any folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
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


def _requirements(metadata_text: str) -> list[str]:
    """The names a distribution requires, leaving out those of extras (`; extra == ...`)."""
    names = []
    for line in metadata_text.splitlines():
        if line.startswith("Requires-Dist:"):
            requirement = line.removeprefix("Requires-Dist:").strip()
            if "extra ==" not in requirement.partition(";")[2]:
                names.append(re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0])
    return names


def _copy_dependencies(wheel: Path, site_packages: Path) -> list[str]:
    """Install what the wheel declares it needs, and what that needs, by copying each
    distribution's files from this test environment: a fresh machine's venv gets the same
    from the network, and this one needs none. A requirement this environment does not
    hold is one whose marker did not apply here. Returns the names copied."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        wanted = _requirements(archive.read(name).decode("utf-8"))
    copied: list[str] = []
    while wanted:
        try:
            distribution = metadata.distribution(wanted.pop())
        except metadata.PackageNotFoundError:
            continue
        if distribution.metadata["Name"] in copied:
            continue
        copied.append(distribution.metadata["Name"])
        for file in distribution.files or ():
            if ".." in file.parts:  # scripts in bin/: the chatbot needs none of them
                continue
            target = site_packages / file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(str(distribution.locate_file(file))), target)
        wanted += _requirements(distribution.read_text("METADATA") or "")
    return copied


def test_an_installed_chatbot_answers_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    # An isolated venv, as on a fresh machine: neither the base interpreter's packages
    # (--system-site-packages would expose those, not this environment's) nor this one's.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True
    )
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    copied = _copy_dependencies(wheel, site_packages)
    assert {"rapidfuzz", "prompt_toolkit", "pyyaml"} <= {name.lower() for name in copied}
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
