"""The compiled content cache: used only when it matches the files, rebuilt when it is bad.

A pack or the task notes read through the cache equal what the files give; an entry that is
truncated, edited, built from other bytes, written by someone else or unreadable is ignored
and rebuilt; concurrent writers leave a whole entry; no usable cache folder means no cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from planner import cache
from planner.content import compiled
from planner.content.library import ContentLibrary
from planner.content.pack import PACK_FILES, load_pack
from planner.content.reader import ContentError

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "content" / "coursera-pm"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_CACHE, str(where))
    return where


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    """A copy of the shipped pack that a test may edit."""
    target = tmp_path / "packs" / PACK.name
    shutil.copytree(PACK, target)
    return target


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def test_a_cached_pack_equals_the_validated_one(folder: Path, pack_dir: Path) -> None:
    first = compiled.pack(pack_dir)  # parsed and stored
    (entry,) = entries(folder)
    second = compiled.pack(pack_dir)  # read back
    assert first == second == load_pack(pack_dir)
    assert second is not first
    assert repr(second) == repr(load_pack(pack_dir))
    assert entry.stat().st_mode & 0o077 == 0  # the user's alone


def test_the_cache_is_read_rather_than_the_files(
    folder: Path, pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled.pack(pack_dir)
    calls: list[object] = []
    monkeypatch.setattr("planner.content.pack.load_pack", lambda d: calls.append(d))
    assert compiled.pack(pack_dir).id == PACK.name
    assert calls == []


def test_an_edited_pack_is_never_served_from_the_cache(folder: Path, pack_dir: Path) -> None:
    before = compiled.pack(pack_dir)
    pack_toml = pack_dir / "pack.toml"
    text = pack_toml.read_text(encoding="utf-8")
    assert before.company in text
    pack_toml.write_text(text.replace(before.company, "Elsewhere Inc", 1), encoding="utf-8")
    after = compiled.pack(pack_dir)
    assert after.company == "Elsewhere Inc"
    assert after == load_pack(pack_dir)


def test_a_pack_that_does_not_validate_raises_as_without_a_cache(
    folder: Path, pack_dir: Path
) -> None:
    compiled.pack(pack_dir)
    (pack_dir / "rounds.toml").write_text("not = [valid", encoding="utf-8")
    with pytest.raises(ContentError) as cached:
        compiled.pack(pack_dir)
    with pytest.raises(ContentError) as plain:
        load_pack(pack_dir)
    assert str(cached.value) == str(plain.value)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:-10] + bytes(10), id="payload-zeroed"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"garbage" * 100, id="garbage"),
        pytest.param(lambda b: b.replace(b"loop-planner content cache", b"xx", 1), id="magic"),
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    folder: Path, pack_dir: Path, damage: object
) -> None:
    compiled.pack(pack_dir)
    (entry,) = entries(folder)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))  # type: ignore[operator]
    assert compiled.pack(pack_dir) == load_pack(pack_dir)
    assert entry.read_bytes() == good  # rebuilt


def test_a_well_formed_entry_for_other_bytes_is_not_used(folder: Path, pack_dir: Path) -> None:
    """An entry whose payload checks out but whose key is another content's is ignored."""
    name = cache.entry_name("notes", pack_dir / "checklist.toml")
    other = cache.key([b"[[items]]\nid = 'x'\n"], compiled.NOTES_CODE)
    cache.write(name, other, b'{"x": "forged"}')
    notes = compiled.task_notes(pack_dir / "checklist.toml")
    assert "x" not in notes
    assert notes == {i.id: i.description for i in load_pack(pack_dir).checklist}


def test_an_entry_anyone_could_have_written_is_not_used(folder: Path, pack_dir: Path) -> None:
    checklist = pack_dir / "checklist.toml"
    name = cache.entry_name("notes", checklist)
    key = cache.key([checklist.read_bytes()], compiled.NOTES_CODE)
    cache.write(name, key, b'{"forged": "text"}')
    assert cache.read(name, key) == b'{"forged": "text"}'
    (folder / name).chmod(0o666)
    assert cache.read(name, key) is None
    assert "forged" not in compiled.task_notes(checklist)


def test_notes_that_are_not_text_are_not_used(folder: Path, pack_dir: Path) -> None:
    checklist = pack_dir / "checklist.toml"
    name = cache.entry_name("notes", checklist)
    key = cache.key([checklist.read_bytes()], compiled.NOTES_CODE)
    cache.write(name, key, b'{"an-item": 3}')
    notes = compiled.task_notes(checklist)
    assert notes == {i.id: i.description for i in load_pack(pack_dir).checklist}


def test_notes_equal_the_packs_descriptions(folder: Path, pack_dir: Path) -> None:
    expected = {i.id: i.description for i in load_pack(pack_dir).checklist}
    assert compiled.task_notes(pack_dir / "checklist.toml") == expected  # parsed
    assert compiled.task_notes(pack_dir / "checklist.toml") == expected  # cached
    library = ContentLibrary(pack_dir.parent, ROOT / "plans")
    assert library.task_notes(PACK.name) == expected


def test_unreadable_notes_are_empty_and_not_cached(folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "checklist.toml"
    bad.write_bytes(b"\xff\xfe not utf-8")
    assert compiled.task_notes(bad) == {}
    assert compiled.task_notes(tmp_path / "missing.toml") == {}
    assert not folder.exists() or entries(folder) == []


def test_no_usable_cache_folder_means_no_cache(
    tmp_path: Path, pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_CACHE, str(blocker / "cache"))
    assert compiled.pack(pack_dir) == load_pack(pack_dir)
    assert compiled.pack(pack_dir) == load_pack(pack_dir)


def test_the_platform_folder_is_used_without_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cache.ENV_CACHE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform == "linux":
        assert cache.cache_dir() == tmp_path / "xdg" / "loop-planner"
    else:
        from platformdirs import user_cache_dir

        assert cache.cache_dir() == Path(user_cache_dir("loop-planner", appauthor=False))


def test_concurrent_writers_leave_a_whole_entry(folder: Path, pack_dir: Path) -> None:
    """Threads in this process and other processes all write the same entry at once."""
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from planner.content import compiled
        for _ in range(5):
            assert compiled.pack(Path({str(pack_dir)!r})).id == {PACK.name!r}
        """
    )
    env = {**os.environ, cache.ENV_CACHE: str(folder)}
    procs = [subprocess.Popen([sys.executable, "-c", script], env=env) for _ in range(3)]
    with ThreadPoolExecutor(4) as pool:
        packs = list(pool.map(lambda _: compiled.pack(pack_dir), range(8)))
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    expected = load_pack(pack_dir)
    assert all(p == expected for p in packs)
    (entry,) = entries(folder)
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
    key = cache.key([(pack_dir / n).read_bytes() for n in PACK_FILES], compiled.PACK_CODE)
    assert cache.read(entry.name, key) is not None


def test_question_notes_equal_the_packs_questions(folder: Path, pack_dir: Path) -> None:
    pack = load_pack(pack_dir)
    names = {t.id: t.name for t in pack.question_types}
    expected = {q.id: (names.get(q.type, ""), q.prompt) for q in pack.questions}
    assert compiled.question_notes(pack_dir / "questions.toml") == expected  # parsed
    assert compiled.question_notes(pack_dir / "questions.toml") == expected  # cached
    library = ContentLibrary(pack_dir.parent, ROOT / "plans")
    assert library.question_notes(PACK.name) == expected


def test_question_notes_that_are_not_pairs_of_text_are_not_used(
    folder: Path, pack_dir: Path
) -> None:
    questions = pack_dir / "questions.toml"
    name = cache.entry_name("questions", questions)
    key = cache.key([questions.read_bytes()], compiled.NOTES_CODE)
    cache.write(name, key, b'{"q": ["Type", 3]}')
    notes = compiled.question_notes(questions)
    assert "q" not in notes
    assert len(notes) == len(load_pack(pack_dir).questions)
