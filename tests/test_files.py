"""The files the chatbot reads and writes, tested for real: a full disk (a tmpfs, or an
injected OSError), links planted by another user, FIFOs and devices given as paths,
folders that cannot be read, and parents made under umask 000."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest
from conftest import run_chatbot, terminal_env

from chatbot import repl
from chatbot.commands import Session
from chatbot.dialogue import Bot
from chatbot.loader import check, load_knowledge
from chatbot.render import Line
from chatbot.userfiles import create_private_file, private_dir, write_private

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPT = ROOT / "transcripts" / "xofigo_followups.yaml"
NOBODY = 65534
ROOT_USER = os.getuid() == 0


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge())


def texts(lines: list[list[Line]]) -> str:
    """What was shown, as one line: messages are wrapped to the terminal's width."""
    return " ".join(" ".join(text for shown in lines for _, text in shown).split())


def planted(link: Path, target: Path) -> None:
    """A symbolic link at `link` made by another user (root can give it away)."""
    link.symlink_to(target)
    os.lchown(link, NOBODY, NOBODY)


needs_root = pytest.mark.skipif(not ROOT_USER, reason="only root can plant another's link")


# ---------------------------------------------------------------- links


def test_write_private_never_follows_a_link_planted_at_its_temporary_name(
    tmp_path: Path,
) -> None:
    """The temporary file was `.NAME.PID.tmp`, opened without O_EXCL | O_NOFOLLOW: another
    user's link at that name made /record overwrite the victim's ~/.bashrc."""
    victim = tmp_path / "bashrc"
    victim.write_text("precious\n", encoding="utf-8")
    target = tmp_path / "talk.yaml"
    (tmp_path / f".talk.yaml.{os.getpid()}.tmp").symlink_to(victim)
    write_private(target, "title: x\n")
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert target.read_text(encoding="utf-8") == "title: x\n"
    assert not target.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@needs_root
def test_a_link_another_user_planted_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "bashrc"
    victim.write_text("precious\n", encoding="utf-8")
    report = tmp_path / "report.xml"
    planted(report, victim)
    with pytest.raises(PermissionError) as raised:
        write_private(report, "<xml/>")
    assert raised.value.filename == str(report)
    assert "another user" in str(raised.value)
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_a_link_of_ones_own_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.xml"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.xml"
    link.symlink_to(real)
    write_private(link, "new\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


@needs_root
def test_record_refuses_a_planted_link_and_says_so(bot: Bot, tmp_path: Path) -> None:
    victim = tmp_path / "bashrc"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "chat.yaml"
    planted(link, tmp_path / "new-file")
    shown: list[list[Line]] = []
    session = repl.turn(bot, Session(), f"/record {link}", shown.append)
    session = repl.turn(bot, session, "what is xofigo", shown.append)
    assert session.recording is None
    assert "a link made by another user; not followed. Recording stopped." in texts(shown)
    assert not (tmp_path / "new-file").exists()


@needs_root
def test_a_planted_history_link_turns_history_to_memory(tmp_path: Path) -> None:
    history = tmp_path / "state" / "chatbot" / "history"
    history.parent.mkdir(parents=True)
    victim = tmp_path / "bashrc"
    victim.write_text("precious\n", encoding="utf-8")
    planted(history, victim)
    with pytest.raises(PermissionError):
        create_private_file(history)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644


def test_a_fifo_at_the_history_path_is_refused_not_waited_on(tmp_path: Path) -> None:
    history = tmp_path / "state" / "chatbot" / "history"
    history.parent.mkdir(parents=True)
    os.mkfifo(history)
    with pytest.raises(OSError) as raised:
        create_private_file(history)
    assert raised.value.filename == str(history)


def test_record_to_a_name_too_long_says_so(bot: Bot, tmp_path: Path) -> None:
    shown: list[list[Line]] = []
    name = tmp_path / ("x" * 300 + ".yaml")
    session = repl.turn(bot, Session(), f"/record {name}", shown.append)
    assert session.recording is None
    assert "File name too long. Recording stopped." in texts(shown)
    assert "something went wrong" not in texts(shown)


# ---------------------------------------------------------------- special files


@contextlib.contextmanager
def fifo_reader(path: Path) -> Iterator[list[bytes]]:
    """A FIFO at `path` with a reader, the way `--junit >(cat)` gives one."""
    os.mkfifo(path)
    got: list[bytes] = []

    def read() -> None:
        with open(path, "rb") as stream:
            got.append(stream.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    try:
        yield got
    finally:
        thread.join(timeout=30)


def test_junit_into_a_fifo_writes_into_it(tmp_path: Path) -> None:
    """A special file is written into, not replaced by a regular file (as root,
    `--junit /dev/null` replaced the device)."""
    report = tmp_path / "report.xml"
    with fifo_reader(report) as got:
        done = run_chatbot("replay", "--junit", str(report), str(TRANSCRIPT), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(report.lstat().st_mode)
    assert b"<testsuites" in got[0]


def test_junit_dev_null_stays_a_device(tmp_path: Path) -> None:
    done = run_chatbot("replay", "--junit", "/dev/null", str(TRANSCRIPT), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_junit_error_names_the_path_given(tmp_path: Path) -> None:
    folder = tmp_path / "reports.xml"
    folder.mkdir()
    done = run_chatbot("replay", "--junit", str(folder), str(TRANSCRIPT), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == f"chatbot: Is a directory: {folder}\n"


def _no_hang(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return run_chatbot(*args, cwd=cwd)
    except subprocess.TimeoutExpired:  # pragma: no cover - the bug itself
        pytest.fail(f"chatbot {' '.join(args)} hung")


@pytest.mark.parametrize("command", ["check", "replay", "eval"])
def test_a_fifo_named_yaml_is_refused_not_waited_on(tmp_path: Path, command: str) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    done = _no_hang(command, "x.yaml", cwd=tmp_path)
    assert "Traceback" not in done.stderr
    assert "x.yaml:1" in done.stdout + done.stderr
    assert "not a regular file" in done.stdout + done.stderr
    assert done.returncode in (1, 2)


def test_a_fifo_in_a_knowledge_folder_is_an_error(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "fixtures" / "check" / "valid", tmp_path / "kb")
    os.mkfifo(tmp_path / "kb" / "pipe.yaml")
    done = _no_hang("check", "kb", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "kb/pipe.yaml:1:1: error: not a regular file (a pipe or a device); not read"
    ]


def test_dev_zero_is_not_read_in_full(tmp_path: Path) -> None:
    """`/dev/zero` was read before the size check, to a MemoryError."""
    done = _no_hang("check", "/dev/zero", cwd=tmp_path)
    assert done.returncode == 1
    assert (
        done.stdout
        == "/dev/zero:1:1: error: cannot read: not a regular file (a pipe or a device)\n"
    )


def test_a_fifo_in_place_of_the_cache_does_not_hang_ask(tmp_path: Path) -> None:
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "chatbot"
    first = _no_hang("ask", "what is xofigo", cwd=tmp_path)
    assert first.returncode == 0
    (pickle,) = cache.glob("bot-*.pickle")
    pickle.unlink()
    os.mkfifo(pickle, 0o600)
    done = _no_hang("ask", "what is xofigo", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Xofigo is a brand name" in done.stdout


# ---------------------------------------------------------------- what folders hold


def test_folder_oddities_are_reported_not_skipped(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "tests" / "fixtures" / "check" / "valid", kb)
    (kb / "old.yaml").mkdir()
    (kb / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    done = run_chatbot("check", "kb", cwd=tmp_path)
    assert done.stdout.splitlines() == [
        "kb/gone.yaml:1:1: error: a broken link; not read",
        "kb/old.yaml:1:1: warning: a folder named like a file; its files are read",
    ]
    assert done.returncode == 1


def test_an_unreadable_subfolder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads any folder: as root, the check runs with the effective user nobody."""
    top = Path(tempfile.mkdtemp())  # not under pytest's folder, which is closed to others
    try:
        top.chmod(0o755)
        kb = top / "kb"
        shutil.copytree(ROOT / "tests" / "fixtures" / "check" / "valid", kb)
        (kb / "more").mkdir()
        (kb / "more" / "extra.yaml").write_text("version: 1\n", encoding="utf-8")
        for path in [kb, *kb.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (kb / "more").chmod(0)
        monkeypatch.chdir(top)
        with _as_user(NOBODY if ROOT_USER else os.getuid()):
            _, problems = check([Path("kb")])
        assert [str(p) for p in problems] == [
            "kb/more:1:1: error: cannot read the folder: Permission denied"
        ]
    finally:
        (top / "kb" / "more").chmod(0o700)
        shutil.rmtree(top)


@contextlib.contextmanager
def _as_user(uid: int) -> Iterator[None]:
    if uid == os.geteuid():
        yield
        return
    os.seteuid(uid)
    try:
        yield
    finally:
        os.seteuid(0)


# ---------------------------------------------------------------- modes under umask 000


def test_missing_parents_are_made_0700_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        private_dir(tmp_path / "home" / ".local" / "state" / "chatbot")
    finally:
        os.umask(old)
    for folder in (".local", ".local/state", ".local/state/chatbot"):
        assert stat.S_IMODE((tmp_path / "home" / folder).stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((tmp_path / "home").stat().st_mode) == 0o700


def test_the_real_program_under_umask_000(tmp_path: Path) -> None:
    """`~/.cache`, `~/.local`, `~/.local/state` and the `--junit` parent were 0777."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "CHATBOT_")) and k not in ("HOME",)
    }
    env |= {"HOME": str(home), "PYTHONPATH": str(ROOT), "TERM": "xterm", "NO_COLOR": "1"}
    script = (
        "import os, sys, runpy; os.umask(0); sys.argv[0] = 'chatbot'; "
        "runpy.run_module('chatbot', run_name='__main__')"
    )
    for args in (
        ["ask", "what is xofigo"],
        ["replay", "--junit", "out/deep/r.xml", str(TRANSCRIPT)],
    ):
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
    child = pexpect.spawn(
        sys.executable,
        ["-c", script],
        env=env | {"COLUMNS": "100", "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"},
        cwd=str(tmp_path),
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=10,
    )
    child.expect_exact("You:")
    child.sendcontrol("d")
    child.expect_exact(pexpect.EOF)
    child.close()
    for folder in (".cache", ".cache/chatbot", ".local", ".local/state", ".local/state/chatbot"):
        assert stat.S_IMODE((home / folder).stat().st_mode) == 0o700, folder
    for folder in ("out", "out/deep"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder


# ---------------------------------------------------------------- a full disk


def _chat_env(tmp_path: Path, state: Path) -> dict[str, str]:
    return terminal_env(
        tmp_path,
        drop=("CHATBOT_NO_HISTORY",),
        XDG_STATE_HOME=str(state),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )


FULL_DISK_ON_HISTORY = """\
import builtins, errno, os
_open = builtins.open
class _Full:
    def __init__(self, stream): self.stream = stream
    def __enter__(self): return self
    def __exit__(self, *exc): self.stream.close()
    def write(self, data): raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
def _opening(file, mode="r", *args, **kwargs):
    stream = _open(file, mode, *args, **kwargs)
    if str(file).endswith("/chatbot/history") and "a" in mode:
        return _Full(stream)
    return stream
builtins.open = _opening
"""


def _can_mount_tmpfs() -> bool:
    if shutil.which("unshare") is None:
        return False
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        timeout=30,
    )
    return done.returncode == 0


def _spawn_on_full_disk(how: str, tmp_path: Path) -> pexpect.spawn:
    if how == "injected":
        inject = tmp_path / "inject"
        inject.mkdir()
        (inject / "sitecustomize.py").write_text(FULL_DISK_ON_HISTORY, encoding="utf-8")
        env = _chat_env(tmp_path, tmp_path / "state")
        env["PYTHONPATH"] = f"{inject}{os.pathsep}{ROOT}"
        command, args = sys.executable, ["-m", "chatbot"]
    else:
        if not _can_mount_tmpfs():
            pytest.skip("cannot mount a tmpfs here (needs unshare and user namespaces)")
        disk = tmp_path / "disk"
        disk.mkdir()
        env = _chat_env(tmp_path, disk / "state")
        # A 64 kB tmpfs in a mount namespace of its own (gone with the process), filled up.
        fill = (
            f"mount -t tmpfs -o size=64k tmpfs {disk} && mkdir -p {disk}/state/chatbot && "
            f"(head -c 1000000 /dev/zero > {disk}/fill 2>/dev/null; true) && "
            f"exec {sys.executable} -m chatbot"
        )
        command, args = "unshare", ["-rm", "sh", "-c", fill]
    return pexpect.spawn(
        command, args, env=env, cwd=str(tmp_path), encoding="utf-8", dimensions=(40, 100),
        timeout=10,
    )  # fmt: skip


@pytest.mark.parametrize("how", ["tmpfs", "injected"])
def test_a_full_disk_turns_history_to_memory_with_one_notice(how: str, tmp_path: Path) -> None:
    """On a full disk every line printed 'Unhandled exception in event loop' and a
    traceback, one urgent message was swallowed, and urgent replies came one Enter late."""
    child = _spawn_on_full_disk(how, tmp_path)
    try:
        child.expect_exact("You:")
        child.sendline("what is xofigo")
        child.expect_exact("History is kept in memory only from now on: cannot write")
        child.expect_exact("No space left on device")
        child.expect_exact("About: Xofigo (radium-223): what it is")
        child.expect_exact("You:")
        child.sendline("he has chest pain")
        child.expect_exact("911")  # the urgent reply, at once
        child.expect_exact("You:")
        shown = child.before
        child.sendline("what is provenge")
        child.expect_exact("About: Provenge")
        child.expect_exact("You:")
        shown += child.before
        child.send("\x1b[A")  # Up: the history of this session is still there
        child.expect_exact("what is provenge")
        child.sendcontrol("c")
        child.sendcontrol("d")
        child.expect_exact("Goodbye")
        child.expect_exact(pexpect.EOF)
        shown += child.before
    finally:
        child.close(force=True)
    assert "History is kept in memory only" not in shown  # said once
    assert "Unhandled exception" not in shown and "Traceback" not in shown
    assert "Press ENTER" not in shown


def test_history_that_cannot_be_created_is_said_at_start(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "chatbot").write_text("a file where the folder should be\n", encoding="utf-8")
    child = pexpect.spawn(
        sys.executable, ["-m", "chatbot"], env=_chat_env(tmp_path, state), cwd=str(tmp_path),
        encoding="utf-8", dimensions=(40, 100), timeout=10,
    )  # fmt: skip
    try:
        child.expect_exact("History is kept in memory only from now on: cannot write")
        child.expect_exact("You:")
        child.sendline("what is xofigo")
        child.expect_exact("About: Xofigo")
        child.expect_exact("You:")
        assert "History is kept" not in child.before
    finally:
        child.close(force=True)


def test_history_error_is_caught_where_prompt_toolkit_calls_it(tmp_path: Path) -> None:
    """The history object itself: a failing write or read raises nothing."""
    from chatbot.history import PrivateHistory

    folder = tmp_path / "history-is-a-folder"
    folder.mkdir()
    history = PrivateHistory(folder)
    assert list(history.load_history_strings()) == []
    history.append_string("he has chest pain")
    assert history.get_strings() == ["he has chest pain"]
    notice = history.take_notice()
    assert notice is not None and "Is a directory" in notice
    assert history.take_notice() is None


# ---------------------------------------------------------------- smaller items


def test_update_leaves_an_expectation_shared_through_an_anchor(tmp_path: Path) -> None:
    """Rewriting the anchored expectation of turn 1 changed turn 2's, which was right."""
    path = tmp_path / "anchors.yaml"
    text = (
        "title: one expectation, two turns\n"
        "turns:\n"
        "  - user: what is xofigo\n"
        "    expect: &e {status: answer, intent: xofigo_benefits}\n"
        "  - user: what are the benefits of xofigo\n"
        "    expect: *e\n"
    )
    path.write_text(text, encoding="utf-8")
    done = run_chatbot("replay", "--update", "anchors.yaml", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == text
    assert (
        "NOT UPDATED anchors.yaml:3: turn 1 shares its expectation with another through a "
        "YAML anchor; edit it by hand"
    ) in done.stdout
    assert "FAIL anchors.yaml" in done.stdout
    assert done.returncode == 1


def test_pytest_q_keeps_the_summary_line(tmp_path: Path) -> None:
    """`pytest -q` with a `-q` in the project's settings became -qq, which drops the
    'N passed' line CI logs rely on."""
    test = tmp_path / "test_one.py"
    test.write_text("def test_one() -> None:\n    assert True\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c",
         str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), str(test)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert "1 passed" in done.stdout
