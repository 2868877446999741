"""examples/sqlite_consumer.py keeps stories exactly once: it is stopped
(--max_events), killed with -9 while applying events, ingestd is killed and
restarted with records published meanwhile, and after the last run the
database holds every story once and one applied event per story, in cursor
order, with the subscription's cursor at the last."""
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import env


def example(stack, db: Path, *args: str, **popen):
    command = [sys.executable, str(Path(env("NEWSWIRE_SOURCE_ROOT")) / "clients/python/examples/sqlite_consumer.py"),
               "--db", str(db)] + list(args)
    environment = {**os.environ, "NEWSWIRE_TARGET": stack.ingestd.target}
    return subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **popen)


def applied_count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("SELECT COUNT(*) FROM applied_events").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_sqlite_example_applies_each_event_exactly_once_across_kills(stack, tmp_path):
    db = tmp_path / "stories.db"
    published = stack.publish_synthetic("sqlite", 300)

    stopped = example(stack, db, "--max_events", "25")
    out, err = stopped.communicate(timeout=120)
    assert stopped.returncode == 0, err
    assert applied_count(db) == 25

    running = example(stack, db)
    deadline = time.monotonic() + 120
    while applied_count(db) < 100 and time.monotonic() < deadline and running.poll() is None:
        time.sleep(0.005)
    running.kill()  # SIGKILL, most likely between or inside transactions
    running.communicate(timeout=30)
    at_kill = applied_count(db)
    print(f"sqlite example killed with {at_kill} of {len(published)} events applied")
    assert at_kill >= 100

    stack.ingestd.kill()
    published.update(stack.publish_synthetic("sqlite-late", 40))
    stack.ingestd.start()

    last = example(stack, db, "--idle_exit_seconds", "4")
    out, err = last.communicate(timeout=300)
    assert last.returncode == 0, err

    with sqlite3.connect(db) as connection:
        events = connection.execute("SELECT cursor, story_id, kind FROM applied_events ORDER BY rowid").fetchall()
        stories = dict(connection.execute("SELECT id, headline FROM stories").fetchall())
        (cursor,) = connection.execute("SELECT cursor FROM subscription WHERE name = 'default'").fetchone()
    ids = [story_id for _, story_id, _ in events]
    twice = [row for row in events if ids.count(row[1]) > 1]
    assert not twice, f"applied more than once (cursor, id, kind): {twice}"
    assert set(ids) == set(published)
    assert stories == published
    cursors = [c for c, _, _ in events]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
    assert cursor == cursors[-1]
    assert {kind for _, _, kind in events} == {"EVENT_KIND_NEW_STORY"}
