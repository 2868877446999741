"""A secured ingestd (TLS, client certificates required, bearer tokens):
the client with certificate and token subscribes; a wrong token, no token and
a missing client certificate are refused, each with a message saying why.
The server's messages are those of services/ingest/serve/token_auth.cc."""
import os
import subprocess
import sys
from pathlib import Path

import grpc
import pytest

from conftest import Certificates, Stack, env
from newswire import Backoff, NewsClient, ServerRefusedError, TlsHandshakeError
from test_subscribe_e2e import PATIENT, assert_exactly_once, collect

TOKEN = "pyclient-test-token-7f3a"
ONCE = Backoff(give_up_after=0)  # a refusal is not waited out


@pytest.fixture
def secured(tmp_path):
    certs = Certificates(tmp_path)
    (tmp_path / "tokens.txt").write_text(f"# tokens ingestd accepts\n{TOKEN}\n")
    (tmp_path / "client-token.txt").write_text(f"{TOKEN}\n")
    stack = Stack(tmp_path, [f"--tls_cert={certs.path('server.pem')}", f"--tls_key={certs.path('server.key')}",
                             f"--tls_client_ca={certs.path('ca.pem')}",
                             f"--auth_tokens_file={tmp_path / 'tokens.txt'}"])
    stack.ingestd.start()
    stack.certs = certs
    stack.token_file = str(tmp_path / "client-token.txt")
    yield stack
    stack.ingestd.kill()


def client(stack, **overrides) -> NewsClient:
    fields = dict(tls_ca=stack.certs.path("ca.pem"), tls_cert=stack.certs.path("client.pem"),
                  tls_key=stack.certs.path("client.key"), token_file=stack.token_file)
    fields.update(overrides)
    return NewsClient(stack.ingestd.target, **fields)


def test_certificate_and_token_subscribe_and_get(secured):
    published = secured.publish_synthetic("secured", 10)
    with client(secured) as news:
        events = collect(news.subscribe(from_beginning=True, heartbeats=True, heartbeat_seconds=1,
                                        backoff=PATIENT), len(published))
        assert_exactly_once(events, published)
        story = news.get_story(events[0].story.id)
        assert story.headline == published[events[0].story.id]


def test_wrong_token_is_refused_with_a_clear_message(secured):
    with client(secured, token_file=None, token="not-the-token") as news:
        with pytest.raises(ServerRefusedError) as refused:
            next(news.subscribe(from_beginning=True, backoff=ONCE))
        with pytest.raises(ServerRefusedError) as refused_get:
            news.get_story("url:anything")
    for error in (refused.value, refused_get.value):
        assert error.code == grpc.StatusCode.UNAUTHENTICATED
        assert "unknown bearer token" in str(error)
        assert "check the bearer token" in str(error)


def test_missing_token_is_refused_with_a_clear_message(secured):
    with client(secured, token_file=None) as news:
        with pytest.raises(ServerRefusedError) as refused:
            next(news.subscribe(from_beginning=True, backoff=ONCE))
    assert refused.value.code == grpc.StatusCode.UNAUTHENTICATED
    assert "missing bearer token" in str(refused.value)


def test_missing_client_certificate_is_refused_with_a_clear_message(secured):
    with client(secured, tls_cert=None, tls_key=None) as news:
        with pytest.raises(TlsHandshakeError) as refused:
            next(news.subscribe(from_beginning=True, backoff=Backoff(give_up_after=30)))
    print(f"missing client certificate: {refused.value}")
    assert "requires a client certificate" in str(refused.value)
    assert news.reconnects == 0, "a failed handshake is not retried"


def test_example_consumer_with_a_wrong_token_says_why(secured, tmp_path):
    command = [sys.executable, str(Path(env("NEWSWIRE_SOURCE_ROOT")) / "clients/python/examples/sqlite_consumer.py"),
               "--db", str(tmp_path / "refused.db"), "--tls_ca", secured.certs.path("ca.pem"),
               "--tls_cert", secured.certs.path("client.pem"), "--tls_key", secured.certs.path("client.key")]
    run = subprocess.run(command, env={**os.environ, "NEWSWIRE_TARGET": secured.ingestd.target,
                                       "NEWSWIRE_TOKEN": "not-the-token"},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "UNAUTHENTICATED: unknown bearer token" in run.stderr


def test_server_certificate_from_another_ca_is_refused_with_a_clear_message(secured, tmp_path):
    other = tmp_path / "other-ca"
    other.mkdir()
    with client(secured, tls_ca=Certificates(other).path("ca.pem")) as news:
        with pytest.raises(TlsHandshakeError) as refused:
            next(news.subscribe(from_beginning=True, backoff=Backoff(give_up_after=30)))
    print(f"untrusted server certificate: {refused.value}")
    assert "certificate is not trusted" in str(refused.value)


def test_tls_subscriber_survives_a_kill_9_of_the_secured_ingestd(secured):
    published = secured.publish_synthetic("secured-kill", 60)
    got = []
    with client(secured) as news:
        stream = news.subscribe(from_beginning=True, backoff=PATIENT)
        for event in stream:
            got.append(event)
            if len(got) == 20:
                secured.ingestd.kill()
                secured.ingestd.start()
            if len(got) == len(published):
                break
        stream.close()
        assert news.reconnects >= 1
    assert_exactly_once(got, published)
