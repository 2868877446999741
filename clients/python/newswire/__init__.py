"""newswire: a client for the newswire NewsService (gRPC, package newswire.v1).

    from newswire import NewsClient, Filter

    with NewsClient("127.0.0.1:7070") as client:
        for event in client.subscribe(after_cursor=stored_cursor, filter=Filter(agencies=["KYODO"])):
            store(event.story, event.cursor)   # keep the cursor with your own write

The generated messages and stubs are in newswire.v1 (story_pb2,
news_service_pb2, news_service_pb2_grpc).
"""
from newswire.client import (
    Backoff,
    ConnectionOptions,
    Filter,
    NewsClient,
    NewswireError,
    ServerRefusedError,
    TlsHandshakeError,
)
from newswire.v1.news_service_pb2 import EventKind, StoryEvent
from newswire.v1.story_pb2 import Story

__all__ = [
    "Backoff",
    "ConnectionOptions",
    "EventKind",
    "Filter",
    "NewsClient",
    "NewswireError",
    "ServerRefusedError",
    "Story",
    "StoryEvent",
    "TlsHandshakeError",
]
