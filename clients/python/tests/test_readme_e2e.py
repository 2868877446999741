"""The README's sequence, as a new user runs it: `pip install ./clients/python`
in a fresh venv (grpcio and protobuf from PyPI), then the example consumer
against an ingestd holding the project's test stories. The installed package
is the one used (no PYTHONPATH into the source tree)."""
import os
import sqlite3
import subprocess
import time
from pathlib import Path

from conftest import env


def test_pip_install_in_a_fresh_venv_then_the_example_consumer(stack, tmp_path):
    stories = sorted(Path(env("NEWSWIRE_TEST_STORIES")).glob("*.txt"))
    stack.publish_files(stories)
    # Each test story's first line is its headline (testdata/BUILD.bazel).
    published = {f"url:{path}": path.read_text().split("\n", 1)[0] for path in stories}

    root = env("NEWSWIRE_SOURCE_ROOT")
    clean = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "VIRTUAL_ENV")}
    venv = tmp_path / "venv"
    subprocess.run(["python3", "-m", "venv", str(venv)], cwd=root, env=clean, check=True, timeout=120)
    started = time.monotonic()
    install = subprocess.run([str(venv / "bin/pip"), "install", "./clients/python"], cwd=root, env=clean,
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stdout + install.stderr
    print(f"pip install ./clients/python in a fresh venv: {time.monotonic() - started:.1f} s")
    where = subprocess.run([str(venv / "bin/python"), "-c", "import newswire; print(newswire.__file__)"],
                           cwd="/", env=clean, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(venv)), where

    db = tmp_path / "stories.db"
    run = subprocess.run([str(venv / "bin/python"), "clients/python/examples/sqlite_consumer.py",
                          "--db", str(db), "--idle_exit_seconds", "5"], cwd=root,
                         env={**clean, "NEWSWIRE_TARGET": stack.ingestd.target},
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    print(run.stdout)
    printed = [line.split("\t") for line in run.stdout.splitlines()]
    assert {fields[2]: fields[3] for fields in printed} == published
    with sqlite3.connect(db) as connection:
        assert dict(connection.execute("SELECT id, headline FROM stories")) == published
