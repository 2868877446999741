"""A thin, typed helper over the generated newswire.v1 stubs.

NewsClient opens one gRPC channel (plaintext or TLS, optionally with a client
certificate) and adds the bearer token, when one is given, to every call as
`authorization: Bearer <token>`, the header ingestd checks
(services/ingest/serve/token_auth.h). Its subscribe() is a generator of
StoryEvents that survives the server going away: on UNAVAILABLE (a drain, a
restart, a kill) it waits with exponential backoff and subscribes again after
the last cursor it handed out, so the caller sees no gap and no repeat.

Resuming across the caller's own restarts is the caller's part: store each
event's cursor and pass the last one as `after_cursor` next time. Stored after
the event was processed, that gives at-least-once; stored in the same
transaction as the caller's own write, exactly-once
(examples/sqlite_consumer.py does that with SQLite).

A NewsClient is not thread-safe for concurrent iteration of one subscribe()
generator; separate generators may run on separate threads. Close it (or use
`with`) to close the channel.
"""
from __future__ import annotations

import dataclasses
import datetime
import random
import socket
import ssl
import time
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

import grpc

from newswire.v1 import news_service_pb2 as pb
from newswire.v1 import news_service_pb2_grpc as pb_grpc
from newswire.v1 import story_pb2

DEFAULT_TARGET = "127.0.0.1:7070"


class NewswireError(Exception):
    """Base of the errors this helper raises (besides grpc.RpcError it lets through)."""


class ServerRefusedError(NewswireError):
    """The server answered and refused the call (wrong token, bad request, ...).

    `code` is the grpc.StatusCode, `details` the server's message.
    """

    def __init__(self, target: str, code: grpc.StatusCode, details: str):
        self.code = code
        self.details = details
        hint = ""
        if code == grpc.StatusCode.UNAUTHENTICATED:
            hint = " (check the bearer token: token= or token_file=)"
        super().__init__(f"newswire server {target} refused the call: {code.name}: {details}{hint}")


class TlsHandshakeError(NewswireError):
    """The TLS handshake failed: the server wants a client certificate
    (tls_cert/tls_key) that was not given or that it does not trust, or its
    own certificate is not signed by tls_ca. `reason` is what the TLS library
    said. Not retried."""

    def __init__(self, target: str, reason: str, hint: str):
        self.reason = reason
        super().__init__(f"TLS handshake with {target} failed: {hint} ({reason})")


@dataclasses.dataclass(frozen=True)
class Filter:
    """Which stories to receive. Empty lists match all; a list matches any of
    its entries; the parts combine with AND (news_service.proto StoryFilter)."""

    sections: Sequence[str] = ()   # codes ("medtop:11000000") or names ("politics")
    agencies: Sequence[str] = ()   # as in Story.agency ("KYODO"), case-insensitive
    languages: Sequence[str] = ()  # "en" also matches "en-GB"
    min_urgency: int = 0           # urgency 1..min_urgency (1 most urgent); 0 = all

    def to_proto(self) -> pb.StoryFilter:
        return pb.StoryFilter(sections=list(self.sections), agencies=list(self.agencies),
                              languages=list(self.languages), min_urgency=self.min_urgency)


@dataclasses.dataclass(frozen=True)
class Backoff:
    """Waits between reconnects: initial, times multiplier after each failure,
    at most maximum, each randomised by +/- jitter (a fraction). Reset once an
    event arrives. give_up_after: seconds of failing in a row after which the
    last error is raised (None: retry for ever)."""

    initial: float = 0.2
    maximum: float = 10.0
    multiplier: float = 2.0
    jitter: float = 0.2
    give_up_after: Optional[float] = None

    def delay(self, failures: int, rng: random.Random) -> float:
        """The wait before reconnect attempt number `failures` (1-based)."""
        base = min(self.maximum, self.initial * self.multiplier ** max(0, failures - 1))
        return max(0.0, base * (1.0 + rng.uniform(-self.jitter, self.jitter)))


@dataclasses.dataclass(frozen=True)
class ConnectionOptions:
    """Where and how to connect.

    TLS is used when tls is True or any tls_* path is set; tls_ca is the PEM
    file of the CA that signed the server's certificate (None: the system's
    roots). tls_cert/tls_key: PEM client certificate and key, for servers
    started with --tls_client_ca. token (or the first line of token_file that
    is neither blank nor a '#' comment): the bearer token for servers started
    with --auth_tokens_file. tls_server_name: the name to check the server's
    certificate against when it differs from the target's host.
    """

    target: str = DEFAULT_TARGET
    tls: bool = False
    tls_ca: Optional[str] = None
    tls_cert: Optional[str] = None
    tls_key: Optional[str] = None
    tls_server_name: Optional[str] = None
    token: Optional[str] = dataclasses.field(default=None, repr=False)
    token_file: Optional[str] = None

    def uses_tls(self) -> bool:
        return self.tls or any((self.tls_ca, self.tls_cert, self.tls_key))

    def bearer_token(self) -> Optional[str]:
        if self.token:
            return self.token.strip()
        if self.token_file:
            with open(self.token_file, encoding="utf-8") as lines:
                for line in lines:
                    line = line.strip()
                    if line and not line.startswith("#"):
                        return line
            raise NewswireError(f"token file {self.token_file} holds no token")
        return None

    def open_channel(self) -> grpc.Channel:
        if (self.tls_cert is None) != (self.tls_key is None):
            raise NewswireError("tls_cert and tls_key go together (a client certificate and its key)")
        # gRPC's own reconnect waits start at 1 s and grow to 120 s; a server
        # back after a restart should be found within Backoff's waits.
        options: List[Tuple[str, object]] = [("grpc.initial_reconnect_backoff_ms", 200),
                                             ("grpc.min_reconnect_backoff_ms", 200),
                                             ("grpc.max_reconnect_backoff_ms", 5000)]
        if not self.uses_tls():
            return grpc.insecure_channel(self.target, options=options)

        def read(path: Optional[str]) -> Optional[bytes]:
            if path is None:
                return None
            with open(path, "rb") as pem:
                return pem.read()

        credentials = grpc.ssl_channel_credentials(root_certificates=read(self.tls_ca),
                                                   private_key=read(self.tls_key),
                                                   certificate_chain=read(self.tls_cert))
        if self.tls_server_name:
            options.append(("grpc.ssl_target_name_override", self.tls_server_name))
        return grpc.secure_channel(self.target, credentials, options=options)


def _timestamp(when: datetime.datetime):
    from google.protobuf import timestamp_pb2
    if when.tzinfo is None:
        raise NewswireError("from_time needs a timezone-aware datetime")
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(when.astimezone(datetime.timezone.utc))
    return stamp


# The HTTP/2 client preface and an empty SETTINGS frame: a server that took
# the handshake answers with its SETTINGS.
_H2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"


def _probe_tls(options: ConnectionOptions) -> Optional[TlsHandshakeError]:
    """Why TLS to the target fails, when it is TLS that fails.

    gRPC reports a refused client certificate only as "Socket closed", the
    same words as a server going away. So after an UNAVAILABLE this makes one
    handshake of its own with the same CA, certificate and key, sends the
    HTTP/2 preface and reads the server's first bytes: a TLS alert, or the
    connection closed at once, is a refusal. None when the server answers or
    cannot be reached at all (a restart: retry).
    """
    target = options.target.split("///", 1)[-1]
    host, _, port = target.rpartition(":")
    host = host.strip("[]")
    context = ssl.create_default_context(cafile=options.tls_ca)
    if options.tls_cert and options.tls_key:
        context.load_cert_chain(options.tls_cert, options.tls_key)
    context.set_alpn_protocols(["h2"])
    try:
        with socket.create_connection((host, int(port)), timeout=5) as raw:
            with context.wrap_socket(raw, server_hostname=options.tls_server_name or host) as tls:
                tls.settimeout(5)
                tls.sendall(_H2_PREFACE)
                if tls.recv(1) == b"":
                    # ingestd (gRPC 1.51, TLS 1.3) refuses a client
                    # certificate by closing the connection, without an alert.
                    if not options.tls_cert:
                        hint = ("the server closed the connection after the handshake: it requires "
                                "a client certificate (give tls_cert and tls_key)")
                    else:
                        hint = ("the server closed the connection after the handshake: it does not "
                                "accept the client certificate (tls_cert/tls_key)")
                    return TlsHandshakeError(options.target, "connection closed after the TLS handshake", hint)
    except ssl.SSLCertVerificationError as error:
        return TlsHandshakeError(options.target, error.verify_message or str(error),
                                 "the server's certificate is not trusted (tls_ca, tls_server_name)")
    except ssl.SSLError as error:
        reason = error.reason or str(error)
        if "CERTIFICATE_REQUIRED" in reason.upper() and not options.tls_cert:
            hint = "the server requires a client certificate: give tls_cert and tls_key"
        elif "ALERT" in reason.upper():
            hint = "the server refused the client certificate (tls_cert/tls_key)"
        else:
            hint = "TLS error"
        return TlsHandshakeError(options.target, reason, hint)
    except (OSError, ValueError):
        return None
    return None


class NewsClient:
    """One channel to a NewsService. See the module's docstring."""

    def __init__(self, target: str = DEFAULT_TARGET, *, options: Optional[ConnectionOptions] = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
                 **option_fields):
        """NewsClient("host:port", tls_ca=..., token_file=...) or
        NewsClient(options=ConnectionOptions(...)). sleep and clock are
        injectable for tests of the backoff."""
        if options is None:
            options = ConnectionOptions(target=target, **option_fields)
        elif option_fields:
            raise TypeError("give either options or option fields, not both")
        self.options = options
        token = options.bearer_token()
        self._metadata: Tuple[Tuple[str, str], ...] = (
            (("authorization", f"Bearer {token}"),) if token else ())
        self._channel = options.open_channel()
        self._stub = pb_grpc.NewsServiceStub(self._channel)
        self._sleep = sleep
        self._clock = clock
        self._rng = random.Random()
        self.reconnects = 0  # how often subscribe() reconnected, over the client's life

    def __enter__(self) -> "NewsClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._channel.close()

    @property
    def stub(self) -> pb_grpc.NewsServiceStub:
        """The generated stub, for calls this helper does not wrap. Pass
        metadata=client.metadata on each call when a token is set."""
        return self._stub

    @property
    def metadata(self) -> Tuple[Tuple[str, str], ...]:
        return self._metadata

    def _refusal(self, error: grpc.RpcError, probe_tls: bool = True) -> NewswireError:
        code, details = error.code(), error.details() or ""
        if code == grpc.StatusCode.UNAVAILABLE and probe_tls and self.options.uses_tls():
            tls_failure = _probe_tls(self.options)
            if tls_failure is not None:
                return tls_failure
        return ServerRefusedError(self.options.target, code, details)

    def get_story(self, story_id: str, version: int = 0, timeout: float = 30.0) -> story_pb2.Story:
        """The story's current version (or `version`). ServerRefusedError with
        NOT_FOUND when unknown."""
        try:
            return self._stub.GetStory(pb.GetStoryRequest(id=story_id, version=version),
                                       metadata=self._metadata, timeout=timeout)
        except grpc.RpcError as error:
            raise self._refusal(error) from None

    def list_stories(self, *, filter: Optional[Filter] = None, start_time: Optional[datetime.datetime] = None,
                     end_time: Optional[datetime.datetime] = None, include_killed: bool = False,
                     page_size: int = 0, timeout: float = 30.0) -> Iterator[story_pb2.Story]:
        """Current versions with version_created in [start_time, end_time),
        newest first, every page."""
        request = pb.ListStoriesRequest(filter=(filter or Filter()).to_proto(),
                                        include_killed=include_killed, page_size=page_size)
        if start_time is not None:
            request.start_time.CopyFrom(_timestamp(start_time))
        if end_time is not None:
            request.end_time.CopyFrom(_timestamp(end_time))
        while True:
            try:
                page = self._stub.ListStories(request, metadata=self._metadata, timeout=timeout)
            except grpc.RpcError as error:
                raise self._refusal(error) from None
            yield from page.stories
            if not page.next_page_token:
                return
            request.page_token = page.next_page_token

    def subscribe(self, *, after_cursor: Optional[int] = None, from_beginning: bool = False,
                  from_time: Optional[datetime.datetime] = None, filter: Optional[Filter] = None,
                  include_duplicates: bool = False, include_minhash: bool = False,
                  heartbeats: bool = False, heartbeat_seconds: int = 0,
                  backoff: Backoff = Backoff()) -> Iterator[pb.StoryEvent]:
        """Events in cursor order, for as long as the caller iterates.

        Start: after_cursor (the last cursor the caller processed), or
        from_beginning, or from_time; none of them = from now. Heartbeat
        events (kind HEARTBEAT, no story) are yielded only with heartbeats=True.
        On UNAVAILABLE the stream is reopened after the last cursor received
        (a heartbeat's included), waiting per `backoff`. Other errors raise
        ServerRefusedError; a TLS handshake failing before the first event
        raises TlsHandshakeError.
        """
        if sum((after_cursor is not None, from_beginning, from_time is not None)) > 1:
            raise NewswireError("give at most one of after_cursor, from_beginning, from_time")
        request = pb.SubscribeRequest(filter=(filter or Filter()).to_proto(),
                                      include_duplicates=include_duplicates,
                                      include_minhash=include_minhash, heartbeat_seconds=heartbeat_seconds)
        if after_cursor is not None:
            request.after_cursor = after_cursor
        elif from_beginning:
            request.from_beginning = True
        elif from_time is not None:
            request.from_time.CopyFrom(_timestamp(from_time))
        else:
            request.from_now = True

        failures = 0
        failing_since: Optional[float] = None
        # Once the server has sent an event, TLS and the token were accepted:
        # later UNAVAILABLEs are outages (a server going down can also close
        # connections right after the handshake), not refusals.
        accepted = False
        while True:
            stream = self._stub.Subscribe(request, metadata=self._metadata)
            try:
                for event in stream:
                    failures, failing_since, accepted = 0, None, True
                    # Everything up to this cursor has been handed out (or
                    # filtered out): a reconnect starts after it.
                    request.after_cursor = event.cursor
                    if event.kind != pb.EVENT_KIND_HEARTBEAT or heartbeats:
                        yield event
                return  # the server ended the stream without an error
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.UNAVAILABLE:
                    raise self._refusal(error) from None
                refusal = self._refusal(error, probe_tls=not accepted)
                if isinstance(refusal, TlsHandshakeError):
                    raise refusal from None
                now = self._clock()
                failing_since = now if failing_since is None else failing_since
                if backoff.give_up_after is not None and now - failing_since >= backoff.give_up_after:
                    raise refusal from None
                failures += 1
                self.reconnects += 1
                self._sleep(backoff.delay(failures, self._rng))
            finally:
                stream.cancel()
