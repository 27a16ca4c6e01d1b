"""Recovery files of unsaved form text: who is offered what, and what is set aside."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

from planner.storage.drafts import DraftFiles

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
DEAD = 2**22 + 11
"""Above Linux's default pid_max: never a running process."""
DRAFT: dict[str, object] = {"mode": "stories", "kind": "story", "target": "", "title": "T"}


def test_write_is_private_and_replaces(tmp_path: Path) -> None:
    """0600 whatever the umask, one file per pid, rewritten in place; remove deletes it."""
    files = DraftFiles(tmp_path / "data")
    old = os.umask(0)
    try:
        path = files.write(DEAD, [DRAFT], NOW)
        files.write(DEAD, [DRAFT, DRAFT], NOW)
    finally:
        os.umask(old)
    assert path.name == f"recovery-{DEAD}.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert len(json.loads(path.read_text(encoding="utf-8"))["drafts"]) == 2
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp left
    files.remove(DEAD)
    files.remove(DEAD)  # twice is fine
    assert not path.exists()


def test_scan_offers_only_files_of_processes_that_are_gone(tmp_path: Path) -> None:
    """A running process's file is its own business; a dead one's is offered."""
    files = DraftFiles(tmp_path)
    files.write(DEAD, [DRAFT], NOW)
    files.write(os.getppid(), [DRAFT], NOW)  # a live process: another open planner
    found, aside = files.scan(own_pid=os.getpid())
    assert [f.pid for f in found] == [DEAD]
    assert found[0].drafts == (DRAFT,)
    assert found[0].saved == "2026-11-25T09:30:00+00:00"
    assert aside == []


def test_an_earlier_process_with_this_pid_is_moved_off_its_name(tmp_path: Path) -> None:
    """After a reboot a pid comes back: its old file is renamed, still offered, not overwritten."""
    files = DraftFiles(tmp_path)
    me = os.getpid()
    files.write(me, [DRAFT], NOW)
    found, _ = files.scan(own_pid=me)
    assert [f.path.name for f in found] == [f"recovery-{me}.json.kept-1"]
    files.write(me, [{**DRAFT, "title": "new"}], NOW)  # this process's own file
    again, _ = files.scan(own_pid=me)
    assert sorted(f.path.name for f in again) == [
        f"recovery-{me}.json.kept-1",
        f"recovery-{me}.json.kept-2",
    ]


def test_claimed_files_whose_restorer_died_are_set_aside(tmp_path: Path) -> None:
    """Claim renames the file; if the restorer dies, the next scan sets it aside for good."""
    files = DraftFiles(tmp_path)
    files.write(DEAD, [DRAFT], NOW)
    (found,), _ = files.scan(own_pid=os.getpid())
    claimed = files.claim(found, own_pid=DEAD + 1)  # a restorer that is gone now
    assert claimed.name == f"recovery-{DEAD}.json.replaying-{DEAD + 1}"
    offered, aside = files.scan(own_pid=os.getpid())
    assert offered == []
    assert [p.name for p in aside] == [f"recovery-{DEAD}.json.not-restored"]
    assert json.loads(aside[0].read_text(encoding="utf-8"))["drafts"] == [DRAFT]
    assert files.scan(own_pid=os.getpid()) == ([], [])


def test_a_claim_held_by_a_live_restorer_is_left_alone(tmp_path: Path) -> None:
    """Another planner restoring right now keeps its claimed file."""
    files = DraftFiles(tmp_path)
    files.write(DEAD, [DRAFT], NOW)
    (found,), _ = files.scan(own_pid=os.getpid())
    claimed = files.claim(found, own_pid=os.getppid())
    assert files.scan(own_pid=os.getpid()) == ([], [])
    assert claimed.exists()
    files.release(claimed)
    assert not claimed.exists()


def test_unreadable_files_are_set_aside_not_offered_nor_deleted(tmp_path: Path) -> None:
    """Broken JSON, the wrong shape, bad UTF-8: kept as `.not-restored`, reported once."""
    files = DraftFiles(tmp_path)
    bodies = [b"{not json", b'{"drafts": 3}', b"\xff\xfe", b"[]"]
    for n, body in enumerate(bodies):
        (tmp_path / f"recovery-{DEAD + n}.json").write_bytes(body)
    (tmp_path / "recovery-abc.json").write_bytes(b"{}")  # not a pid: not ours
    found, aside = files.scan(own_pid=os.getpid())
    assert found == []
    assert sorted(p.name for p in aside) == sorted(
        f"recovery-{DEAD + n}.json.not-restored" for n in range(len(bodies))
    )
    assert sorted(p.read_bytes() for p in aside) == sorted(bodies)
    assert files.scan(own_pid=os.getpid()) == ([], [])
    assert (tmp_path / "recovery-abc.json").exists()


def test_a_missing_folder_has_nothing_to_offer(tmp_path: Path) -> None:
    """No data folder yet: nothing found, nothing created."""
    files = DraftFiles(tmp_path / "absent")
    assert files.scan(own_pid=os.getpid()) == ([], [])
    assert not (tmp_path / "absent").exists()


def test_any_text_can_be_kept_even_a_lone_surrogate(tmp_path: Path) -> None:
    """Raw form text may hold what UTF-8 cannot encode: the file is written anyway."""
    files = DraftFiles(tmp_path)
    odd = {**DRAFT, "fields": {"title": "a\ud800b\x1b[2J\u202e"}}
    path = files.write(DEAD, [odd], NOW)
    assert path.read_bytes().isascii()
    (found,), _ = files.scan(own_pid=os.getpid())
    assert found.drafts[0]["fields"] == {"title": "a\ud800b\x1b[2J\u202e"}


def test_a_hostile_recovery_file_is_set_aside_never_raised(tmp_path: Path) -> None:
    """A 20-digit pid in the name (os.kill cannot take it), deep nesting, a huge number:
    each file is set aside like other unusable ones; the scan itself never fails."""
    files = DraftFiles(tmp_path)
    deep = b'{"drafts": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}"
    bodies = {
        f"recovery-{'9' * 20}.json": json.dumps({"drafts": [DRAFT]}).encode(),
        f"recovery-{DEAD}.json": deep,
        f"recovery-{DEAD + 1}.json": b'{"drafts": [], "pid": ' + b"7" * 5000 + b"}",
        f"recovery-{DEAD + 2}.json.replaying-{'9' * 20}": json.dumps({"drafts": []}).encode(),
    }
    for name, body in bodies.items():
        (tmp_path / name).write_bytes(body)
    found, aside = files.scan(own_pid=os.getpid())
    assert found == []
    assert sorted(p.name for p in aside) == sorted(
        [
            f"recovery-{'9' * 20}.json.not-restored",
            f"recovery-{DEAD}.json.not-restored",
            f"recovery-{DEAD + 1}.json.not-restored",
            f"recovery-{DEAD + 2}.json.not-restored",
        ]
    )
    assert sorted(p.read_bytes() for p in aside) == sorted(bodies.values())
    assert files.scan(own_pid=os.getpid()) == ([], [])


def test_names_with_non_ascii_digits_are_not_mistaken_for_pids(tmp_path: Path) -> None:
    """`recovery-²³.json` or Arabic-Indic digits are not ours: left alone, no error."""
    files = DraftFiles(tmp_path)
    for name in ("recovery-\u00b2\u00b3.json", "recovery-\u0661\u0662.json"):
        (tmp_path / name).write_bytes(b"{}")
    (tmp_path / f"recovery-{DEAD}.json.replaying-\u00b2").write_bytes(b"{}")
    assert files.scan(own_pid=os.getpid()) == ([], [])
    assert len(list(tmp_path.iterdir())) == 3
