"""A run killed with SIGKILL, or one of its Dask workers killed, resumes with nothing lost.

The runs are real `pathfig run` processes on real figures; the tests kill them while they work
and then check the store against invariants a half-written figure would break.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pathfig import recognize
from pathfig.store import open_store, schema

FIGURES = 6


@pytest.fixture
def figures(shared, tmp_path) -> Path:
    folder = tmp_path / "figures"
    folder.mkdir()
    for image in sorted((shared / "bench" / "real" / "images").glob("*.jpg"))[:FIGURES]:
        shutil.copy(image, folder / image.name)
    return folder


def start_run(folder: Path, db: str, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "pathfig", "run", str(folder), "--db", db, "-q", *extra]
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # A shell runs background jobs with SIGINT ignored, and the child would inherit that;
        # a person's terminal delivers Ctrl-C, so the run starts as if from one.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def stored_figures(db: str) -> int:
    if not Path(db).exists():
        return 0
    try:
        with open_store(db).engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.figures)).scalar_one()
    except Exception:  # the tables may not exist yet
        return 0


def wait_for(condition, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def assert_store_is_whole(db: str) -> None:
    store = open_store(db)
    figids = [f.figid for f in store.figures()]
    assert len(figids) == len(set(figids)) == FIGURES
    assert store.failures() == []
    lexicon = recognize.load_lexicon()
    with store.engine.connect() as conn:
        runs = conn.execute(select(schema.ocr_runs)).all()
        for run in runs:
            words = conn.execute(
                select(func.count()).where(
                    schema.ocr_words.c.image_hash == run.image_hash,
                    schema.ocr_words.c.engine_version == run.engine_version,
                )
            ).scalar_one()
            assert words == run.word_count
    for figid in figids:
        # What is stored for a figure is exactly what recognition makes of its stored words.
        words = store.words(figid)
        assert words, figid
        assert store.mentions(figid) == recognize.recognize(words, lexicon)


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [0, 1, 4])
def test_sigkill_at_any_point_then_resume(figures, tmp_path, kill_after):
    db = str(tmp_path / "crash.sqlite")
    run = start_run(figures, db)
    if kill_after:
        wait_for(lambda: stored_figures(db) >= kill_after or run.poll() is not None)
    else:
        time.sleep(1.0)  # while it is still starting: loading the lexicon and the engine
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert stored_figures(db) < FIGURES

    resumed = start_run(figures, db)
    output, _ = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, output
    assert f"{FIGURES} figures" in output
    assert_store_is_whole(db)


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def is_worker(pid: int) -> bool:
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@pytest.mark.slow
def test_killing_a_dask_worker_loses_nothing(figures, tmp_path):
    db = str(tmp_path / "workers.sqlite")
    run = start_run(figures, db, "--workers", "2")

    def workers() -> list[int]:
        # Dask's worker processes are the multiprocessing children (not its resource tracker).
        return [pid for pid in descendants(run.pid) if is_worker(pid)]

    wait_for(lambda: (workers() and stored_figures(db) >= 1) or run.poll() is not None)
    assert run.poll() is None, (
        "the run ended before a worker could be killed; processes seen: "
        + repr([Path(f"/proc/{p}/cmdline").read_bytes()[:80] for p in descendants(run.pid)])
    )
    assert stored_figures(db) < FIGURES
    workers = workers()
    os.kill(workers[0], signal.SIGKILL)
    output, _ = run.communicate(timeout=600)
    assert run.returncode == 0, output
    assert workers[0] not in descendants(os.getpid())
    assert_store_is_whole(db)


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_says_how_to_continue(figures, tmp_path):
    db = str(tmp_path / "interrupt.sqlite")
    run = start_run(figures, db)
    wait_for(lambda: stored_figures(db) >= 1 or run.poll() is not None)
    run.send_signal(signal.SIGINT)
    output, _ = run.communicate(timeout=120)
    assert run.returncode == 130, output
    assert "interrupted after" in output and "Traceback" not in output
    assert 1 <= stored_figures(db) < FIGURES
