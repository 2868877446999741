#!/usr/bin/env python3
"""Subscribes to a newswire NewsService and keeps the stories in SQLite,
exactly once: each event's story and the subscription's cursor are written in
one transaction, so after a crash (even kill -9) the database holds either
both or neither, and the next run resumes after the stored cursor.

    python examples/sqlite_consumer.py --db stories.db                  # 127.0.0.1:7070
    NEWSWIRE_TARGET=news:7070 python examples/sqlite_consumer.py --db stories.db \
        --tls_ca ca.pem --tls_cert me.pem --tls_key me.key --token_file token.txt \
        --agencies KYODO --idle_exit_seconds 10

Tables: stories (the current version of each story, with the proto bytes),
applied_events (one row per event applied, in cursor order) and subscription
(the last cursor). The bearer token comes from --token_file or the
NEWSWIRE_TOKEN environment variable, never from a command-line value.
"""
import argparse
import os
import sqlite3
import sys
import time

from newswire import Filter, NewsClient, NewswireError
from newswire.v1 import news_service_pb2 as pb

SCHEMA = """
CREATE TABLE IF NOT EXISTS stories (
  id TEXT PRIMARY KEY, version INTEGER NOT NULL, headline TEXT NOT NULL,
  agency TEXT NOT NULL, section TEXT NOT NULL, language TEXT NOT NULL,
  killed INTEGER NOT NULL, cursor INTEGER NOT NULL, story BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS applied_events (
  cursor INTEGER NOT NULL, story_id TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS subscription (
  name TEXT PRIMARY KEY, cursor INTEGER NOT NULL);
"""


def stored_cursor(db: sqlite3.Connection, name: str):
    row = db.execute("SELECT cursor FROM subscription WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def apply(db: sqlite3.Connection, name: str, event: pb.StoryEvent) -> None:
    """The story and the cursor in one transaction."""
    story = event.story
    # An explicit BEGIN: with isolation_level=None, sqlite3's `with db` only
    # commits, and each statement would be its own transaction.
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute(
            "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "version = excluded.version, headline = excluded.headline, agency = excluded.agency, "
            "section = excluded.section, language = excluded.language, killed = excluded.killed, "
            "cursor = excluded.cursor, story = excluded.story",
            (story.id, story.version, story.headline, story.agency, story.section.name, story.language,
             int(event.kind == pb.EVENT_KIND_KILL), event.cursor, story.SerializeToString()))
        db.execute("INSERT INTO applied_events VALUES (?, ?, ?)",
                   (event.cursor, story.id, pb.EventKind.Name(event.kind)))
        db.execute("INSERT INTO subscription VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET cursor = excluded.cursor",
                   (name, event.cursor))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", default=os.environ.get("NEWSWIRE_TARGET", "127.0.0.1:7070"),
                        help="NewsService host:port (default: $NEWSWIRE_TARGET or 127.0.0.1:7070)")
    parser.add_argument("--db", default="stories.db", help="SQLite file (created when missing)")
    parser.add_argument("--name", default="default", help="subscription name: the row holding its cursor")
    parser.add_argument("--tls_ca", help="PEM CA of the server's certificate (turns on TLS)")
    parser.add_argument("--tls_cert", help="PEM client certificate (mutual TLS)")
    parser.add_argument("--tls_key", help="PEM key of the client certificate")
    parser.add_argument("--token_file", help="file holding the bearer token (else $NEWSWIRE_TOKEN)")
    parser.add_argument("--sections", nargs="*", default=[], help="section codes or names")
    parser.add_argument("--agencies", nargs="*", default=[], help="agencies (KYODO, AP, ...)")
    parser.add_argument("--languages", nargs="*", default=[], help="language tags")
    parser.add_argument("--min_urgency", type=int, default=0, help="urgency 1..N only (0 = all)")
    parser.add_argument("--idle_exit_seconds", type=float, default=0,
                        help="exit after this long without a story event (0 = run until stopped)")
    parser.add_argument("--max_events", type=int, default=0, help="exit after this many events (0 = no limit)")
    args = parser.parse_args()

    db = sqlite3.connect(args.db, isolation_level=None)  # transactions only where apply() opens them
    db.execute("PRAGMA journal_mode = WAL")
    db.executescript(SCHEMA)
    cursor = stored_cursor(db, args.name)
    story_filter = Filter(sections=args.sections, agencies=args.agencies, languages=args.languages,
                          min_urgency=args.min_urgency)
    try:
        client = NewsClient(args.target, tls_ca=args.tls_ca, tls_cert=args.tls_cert, tls_key=args.tls_key,
                            token=os.environ.get("NEWSWIRE_TOKEN"), token_file=args.token_file)
    except (OSError, NewswireError) as error:
        print(f"sqlite_consumer: {error}", file=sys.stderr)
        return 2
    print(f"sqlite_consumer: {args.target} -> {args.db}, "
          + (f"after cursor {cursor}" if cursor is not None else "from the beginning"), file=sys.stderr)
    applied = 0
    last_story = time.monotonic()
    # Heartbeats every second let --idle_exit_seconds notice a quiet stream.
    events = client.subscribe(after_cursor=cursor, from_beginning=cursor is None, filter=story_filter,
                              heartbeats=True, heartbeat_seconds=1)
    try:
        for event in events:
            if event.kind == pb.EVENT_KIND_HEARTBEAT:
                if args.idle_exit_seconds and time.monotonic() - last_story >= args.idle_exit_seconds:
                    break
                continue
            apply(db, args.name, event)
            applied += 1
            last_story = time.monotonic()
            print(f"{event.cursor}\t{pb.EventKind.Name(event.kind)}\t{event.story.id}\t{event.story.headline}",
                  flush=True)
            if args.max_events and applied >= args.max_events:
                break
    except NewswireError as error:
        print(f"sqlite_consumer: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        events.close()
        client.close()
    print(f"sqlite_consumer: applied {applied} events; cursor {stored_cursor(db, args.name)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
