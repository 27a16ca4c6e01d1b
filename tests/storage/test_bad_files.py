"""Broken or hand-edited data files: exit 3, one line naming the file, nothing written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from planner.cli import main

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad"
PROBLEMS = {
    "bom.json": "not valid JSON",
    "deep-nesting.json": "nested too deeply",
    "duplicate-keys.json": "duplicate key 'minutes'",
    "empty.json": "the file is empty",
    "future-schema.json": "written by a newer planner",
    "infinity.json": "Infinity is not allowed",
    "invalid-utf8.json": "not valid UTF-8",
    "list.json": "holds list",
    "nan.json": "NaN is not allowed",
    "no-schema-version.json": "no schema version",
    "non-canonical-id.json": "non-numeric document id '01'",
    "non-int-id.json": "non-numeric document id 'first'",
    "non-object-doc.json": "is not an object",
    "nul-run.json": "not valid",
    "null.json": "holds NoneType",
    "only-nul.json": "not valid JSON",
    "schema-version-text.json": "no schema version",
    "table-as-list.json": "table 'mocks' is not an object",
    "trailing-garbage.json": "not valid JSON",
    "truncated.json": "not valid JSON",
    "whitespace.json": "the file is empty",
}
COMMANDS = (
    ["today"],
    ["mock", "add", "--round", "execution", "--score", "hypothesis-first=3"],
    ["story", "list", "--json"],
)


def _listing(folder: Path) -> dict[str, tuple[int, int, int, int]]:
    """Every entry with its inode, mode, size and mtime: any write shows up."""
    out = {}
    for p in sorted(folder.rglob("*")):
        st = p.stat()
        out[str(p.relative_to(folder))] = (st.st_ino, st.st_mode, st.st_size, st.st_mtime_ns)
    return out


def _assert_refused(
    argv: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str], problem: str
) -> str:
    """Run a command on the broken folder: exit 3, one line, nothing written."""
    before = _listing(data_dir)
    capsys.readouterr()
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 3, err
    assert err.count("\n") == 1, err
    assert err.startswith(f"planner: error: cannot read {data_dir / 'planner.json'}"), err
    assert problem in err, err
    assert "Traceback" not in err
    assert _listing(data_dir) == before
    return err


def test_bad_file_corpus_is_complete() -> None:
    """Every fixture in tests/fixtures/bad has an expected problem, and the other way round."""
    assert sorted(p.name for p in BAD.iterdir()) == sorted(PROBLEMS)


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_bad_file_is_refused_with_exit_3_and_left_untouched(
    name: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read and write commands on a broken file exit 3 naming it and what to do; no write."""
    data_dir.mkdir(mode=0o700)
    shutil.copyfile(BAD / name, data_dir / "planner.json")
    for argv in COMMANDS:
        err = _assert_refused(argv, data_dir, capsys, PROBLEMS[name])
        assert "no backup exists yet" in err or "upgrade the planner" in err
    assert (data_dir / "planner.json").read_bytes() == (BAD / name).read_bytes()


def test_bad_file_message_points_to_the_latest_backup(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With backups on disk the message names the newest one and `planner restore`."""
    assert main(["mock", "add", "--round", "execution"]) == 0
    assert main(["mock", "add", "--round", "execution"]) == 0
    (data_dir / "planner.json").write_bytes(b'{"_meta": {"1": {"schema_version": 1}}, "mocks"')
    backups = sorted((data_dir / "backups").iterdir())
    err = _assert_refused(["today"], data_dir, capsys, "not valid JSON")
    assert f"restore the latest backup {backups[-1]} with `planner restore`" in err


def test_folder_in_place_of_the_data_file_is_refused(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder named planner.json is reported (exit 3), not replaced."""
    (data_dir / "planner.json").mkdir(parents=True)
    for argv in COMMANDS:
        _assert_refused(argv, data_dir, capsys, "a folder stands where the data file should be")
    assert (data_dir / "planner.json").is_dir()


def test_unreadable_data_file_is_refused(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the user may not read is reported (exit 3), not treated as a first run."""
    assert main(["mock", "add", "--round", "execution"]) == 0
    target = data_dir / "planner.json"
    if os.geteuid() == 0:
        # root reads a chmod-000 file anyway: make reading it fail the way it would for a user.
        real = Path.read_bytes

        def denied(self: Path) -> bytes:
            if self == target:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
    else:
        target.chmod(0)
    for argv in COMMANDS:
        _assert_refused(argv, data_dir, capsys, "cannot be read (permission denied)")


def test_missing_data_folder_is_a_first_run(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No data folder: reads say there is no plan yet (and create nothing); a write creates it."""
    assert main(["today"]) == 2
    assert "no plan yet" in capsys.readouterr().err
    assert main(["story", "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
    assert not data_dir.exists()
    assert main(["mock", "add", "--round", "execution"]) == 0
    assert data_dir.stat().st_mode & 0o777 == 0o700
    assert (data_dir / "planner.json").stat().st_mode & 0o777 == 0o600


def _fifty_megabytes(target: Path) -> bytes:
    """Valid-looking planner JSON of 50 MB: one note the size of a video file."""
    head = b'{"_meta": {"1": {"schema_version": 1}}, "mocks": {"1": {"notes": "'
    body = head + b"x" * (50 * 1024 * 1024) + b'"}}}'
    target.write_bytes(body)
    return body


def test_a_50_mb_file_is_refused_before_it_is_read(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """50 MB (RELIABILITY #12): exit 3 naming the size, the file never read into memory."""
    data_dir.mkdir(mode=0o700)
    target = data_dir / "planner.json"
    _fifty_megabytes(target)
    real = Path.read_bytes

    def never_the_big_file(self: Path) -> bytes:
        assert self != target, "the 50 MB file was read"
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", never_the_big_file)
    for argv in COMMANDS:
        err = _assert_refused(argv, data_dir, capsys, "it is 50.0 MB, more than a planner file")
        assert "no backup exists yet" in err
    assert target.stat().st_size > 50 * 1024 * 1024
    print("bad-file corpus: 50 MB file refused by", len(COMMANDS), "commands")
