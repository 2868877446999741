"""What the Python client's end-to-end tests need: topics of their own on the
real broker, real ingestd processes they start, kill and restart, records
published with the project's own tools, and test certificates.

tests/e2e/python_client_e2e_test.sh sets the environment: NEWSWIRE_KAFKA_BROKERS,
NEWSWIRE_INGESTD, NEWSWIRE_WIRECTL, NEWSWIRE_CREATE_TOPICS,
NEWSWIRE_TEST_STORIES, NEWSWIRE_SOURCE_ROOT (a copy of clients/python and
proto/ to run pip and regenerate.sh in).
"""
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import pytest


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.skip(f"{name} not set: run //tests/e2e:python_client_e2e_test")
    return value


def unique(prefix: str) -> str:
    return f"{prefix}-{os.getpid()}-{secrets.token_hex(4)}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Topics:
    """raw (3 partitions), stories and dlq topics and a group, unique to one test."""

    def __init__(self):
        self.brokers = env("NEWSWIRE_KAFKA_BROKERS")
        self.raw, self.stories, self.dlq = (unique(f"pyclient.{kind}") for kind in ("raw", "stories", "dlq"))
        self.group = unique("pyclient-group")
        subprocess.run([env("NEWSWIRE_CREATE_TOPICS"), f"--brokers={self.brokers}", f"{self.raw}:3",
                        f"{self.stories}:1", f"{self.dlq}:1"], check=True, timeout=60)


class Ingestd:
    """One ingestd process on its own store and ports; restarts keep them."""

    def __init__(self, topics: Topics, work_dir: Path, extra_flags: Sequence[str] = ()):
        self.topics = topics
        self.store = work_dir / unique("store")
        self.grpc_port, self.ops_port = free_port(), free_port()
        self.log_path = work_dir / unique("ingestd")
        self.extra_flags = list(extra_flags)
        self.process: Optional[subprocess.Popen] = None

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    def start(self, timeout: float = 60) -> None:
        flags = [f"--brokers={self.topics.brokers}", f"--raw_topic={self.topics.raw}",
                 f"--stories_topic={self.topics.stories}", f"--dlq_topic={self.topics.dlq}",
                 f"--group={self.topics.group}", f"--store={self.store}",
                 f"--grpc_address={self.target}", f"--ops_port={self.ops_port}",
                 # A killed member's partitions move after the session timeout.
                 "--kafka_property=session.timeout.ms=6000,heartbeat.interval.ms=1000"]
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen([env("NEWSWIRE_INGESTD")] + flags + self.extra_flags,
                                        stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"ingestd exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.ops_port}/readyz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise AssertionError(f"ingestd not ready within {timeout} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """kill -9, and reap."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


class Stack:
    """Topics, one ingestd on them, and publishing."""

    def __init__(self, work_dir: Path, extra_flags: Sequence[str] = ()):
        self.work_dir = work_dir
        self.topics = Topics()
        self.ingestd = Ingestd(self.topics, work_dir, extra_flags)

    def publish_files(self, paths: Sequence[Path]) -> None:
        """wirectl publish: each file one record, source url = its path."""
        subprocess.run([env("NEWSWIRE_WIRECTL"), "publish", f"--brokers={self.topics.brokers}",
                        f"--topic={self.topics.raw}"] + [str(p) for p in paths],
                       check=True, timeout=120, stdout=subprocess.DEVNULL)

    def publish_synthetic(self, tag: str, count: int) -> Dict[str, str]:
        """`count` plain-text stories; returns story id -> headline (ingest
        names a story by its source url: "url:" + the file's path)."""
        folder = self.work_dir / unique(tag)
        folder.mkdir()
        stories = {}
        paths = []
        for i in range(count):
            headline = f"Synthetic {tag} story {i}"
            path = folder / f"{tag}-{i:04d}.txt"
            path.write_text(f"{headline}\n\nBody of {tag} number {i}.\n")
            paths.append(path)
            stories[f"url:{path}"] = headline
        self.publish_files(paths)
        return stories

    def publish_with_headers(self, url: str, text: str, headers: Dict[str, str]) -> None:
        """One record with the given headers (kcat: one file, one message)."""
        path = self.work_dir / unique("record")
        path.write_text(text)
        command = ["kcat", "-P", "-b", self.topics.brokers, "-t", self.topics.raw, "-k", url,
                   "-H", f"source-url={url}"]
        for name, value in headers.items():
            command += ["-H", f"{name}={value}"]
        subprocess.run(command + [str(path)], check=True, timeout=60)


@pytest.fixture
def stack(tmp_path):
    made = Stack(tmp_path)
    made.ingestd.start()
    yield made
    made.ingestd.kill()


class Certificates:
    """A test CA, a server certificate for 127.0.0.1 and a client certificate, by openssl."""

    def __init__(self, folder: Path):
        self.folder = folder
        script = """
set -e
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=pyclient-test-ca -keyout ca.key -out ca.pem
openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 \
  -keyout server.key -out server.csr
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -copy_extensions copy -out server.pem
openssl req -newkey rsa:2048 -nodes -subj /CN=pyclient -keyout client.key -out client.csr
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out client.pem
"""
        subprocess.run(["bash", "-c", script], cwd=folder, check=True, capture_output=True, timeout=60)

    def path(self, name: str) -> str:
        return str(self.folder / name)


def event_ids(events) -> List[str]:
    return [event.story.id for event in events]
