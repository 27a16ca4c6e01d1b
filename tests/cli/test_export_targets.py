"""Where `planner export -o PATH` may write (issue 14, item 2).

The data folder's own files are refused (exit 2, nothing written), links resolved first; a
link, a device or a FIFO is written through and stays what it is; only a regular file or a
new path is replaced atomically.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cli_support import init, ok, rejected, snapshot

ROOT = Path(__file__).resolve().parents[2]

OWN_FILES = [
    "planner.json",
    "planner.lock",
    "backups",
    "backups/planner-00000001-20261125T000000.json",
    "backups/mine.json",
    "recovery-123.json",
    "recovery-123.json.not-restored",
    "planner.json.corrupt-20261125T000000",
    ".planner.json.tmp-99",
    "../data/planner.json",
    "./backups/../planner.json",
]


@pytest.fixture
def planned(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    """A data folder with a plan, a mock (so a backup exists) and a recovery file."""
    init(capsys)
    ok(capsys, "mock", "add", "--round", "execution", "--minutes", "45")
    (data_dir / "recovery-123.json").write_text("{}", encoding="utf-8")
    return data_dir


@pytest.mark.parametrize("fmt", ["md", "json"])
@pytest.mark.parametrize("name", OWN_FILES)
def test_the_data_folders_files_are_refused(
    capsys: pytest.CaptureFixture[str], planned: Path, name: str, fmt: str
) -> None:
    before = snapshot(planned)
    lock = (planned / "planner.lock").read_bytes()
    line = rejected(capsys, planned, "export", "--format", fmt, "-o", str(planned / name))
    assert "data folder's own files" in line
    assert snapshot(planned) == before
    assert (planned / "planner.lock").read_bytes() == lock
    assert not (planned / "backups" / "mine.json").exists()


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_links_to_the_data_file_are_refused(
    capsys: pytest.CaptureFixture[str], planned: Path, tmp_path: Path, fmt: str
) -> None:
    (tmp_path / "soft").symlink_to(planned / "planner.json")
    (tmp_path / "chain").symlink_to(tmp_path / "soft")
    (tmp_path / "to-folder").symlink_to(planned)
    os.link(planned / "planner.json", tmp_path / "hard")
    for target in ("soft", "chain", "hard", "to-folder/planner.json", "to-folder/planner.lock"):
        rejected(capsys, planned, "export", "--format", fmt, "-o", str(tmp_path / target))
    assert (tmp_path / "soft").is_symlink()


def test_the_linked_data_files_target_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    """planner.json is a link to a file elsewhere: that file is the data file too."""
    elsewhere = tmp_path / "real" / "notes.json"
    elsewhere.parent.mkdir()
    init(capsys)
    (data_dir / "planner.json").rename(elsewhere)
    (data_dir / "planner.json").symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    rejected(capsys, data_dir, "export", "--format", "md", "-o", str(elsewhere))
    assert elsewhere.read_bytes() == before


def test_an_export_next_to_the_data_file_is_allowed(
    capsys: pytest.CaptureFixture[str], planned: Path
) -> None:
    """Files of other names in the data folder are the user's (the app writes plan.md there)."""
    result = ok(capsys, "export", "--format", "md", "-o", str(planned / "plan.md"))
    assert result.out == f"wrote {planned / 'plan.md'}\n"
    assert (planned / "plan.md").read_text(encoding="utf-8").startswith("# Loop plan")


def test_a_symlink_to_a_file_is_written_through(
    capsys: pytest.CaptureFixture[str], planned: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    ok(capsys, "export", "--format", "md", "-o", str(link))
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("# Loop plan")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_dangling_symlink_creates_its_target(
    capsys: pytest.CaptureFixture[str], planned: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "made.json")
    ok(capsys, "export", "--format", "json", "-o", str(link))
    assert link.is_symlink()
    assert json.loads((tmp_path / "made.json").read_text(encoding="utf-8"))["data"]


def test_a_fifo_is_written_through(
    capsys: pytest.CaptureFixture[str], planned: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as reader:
            got.append(reader.read())

    reader = threading.Thread(target=read)
    reader.start()
    ok(capsys, "export", "--format", "md", "-o", str(fifo))
    reader.join(timeout=60)
    assert not reader.is_alive()
    assert got[0].startswith(b"# Loop plan")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_terminal_stays_a_terminal(capsys: pytest.CaptureFixture[str], planned: Path) -> None:
    """A device (a pty here: never a system file such as /dev/null, which a regression run
    as root would replace) is written through."""
    master, slave = os.openpty()
    try:
        name = os.ttyname(slave)
        os.set_blocking(master, False)
        ok(capsys, "export", "--format", "md", "-o", name)
        assert stat.S_ISCHR(os.lstat(name).st_mode)
        assert os.read(master, 65536).startswith(b"# Loop plan")
    finally:
        os.close(slave)
        os.close(master)


def test_a_regular_file_is_replaced_atomically(
    capsys: pytest.CaptureFixture[str], planned: Path, tmp_path: Path
) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old", encoding="utf-8")
    ok(capsys, "export", "--format", "md", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("# Loop plan")
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []


def _export_to_stdout(data: Path, fmt: str, stdout: int) -> subprocess.CompletedProcess[bytes]:
    """`planner export -o /dev/stdout`, through a link of the test's own to /proc/self/fd/1
    (what /dev/stdout is): a regression run as root must not replace the system's."""
    env = {**os.environ, "PLANNER_HOME": str(data), "PLANNER_TODAY": "2026-11-25"}
    stdout_link = data.parent / "stdout"
    if not stdout_link.is_symlink():
        stdout_link.symlink_to("/proc/self/fd/1")
    return subprocess.run(
        [sys.executable, "-m", "planner", "export", "--format", fmt, "-o", str(stdout_link)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_dev_stdout_into_a_file(planned: Path, tmp_path: Path, fmt: str) -> None:
    """`-o /dev/stdout > out`: out holds the export and nothing else."""
    out = tmp_path / "out"
    with out.open("wb") as sink:
        done = _export_to_stdout(planned, fmt, sink.fileno())
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    body = out.read_bytes()
    if fmt == "json":
        assert json.loads(body)["data"]
    else:
        assert body.startswith(b"# Loop plan")
        assert b"wrote" not in body
    assert (planned.parent / "stdout").is_symlink()


def test_dev_stdout_into_a_pipe(planned: Path) -> None:
    done = _export_to_stdout(planned, "json", subprocess.PIPE)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["data"]
    assert (planned.parent / "stdout").is_symlink()
