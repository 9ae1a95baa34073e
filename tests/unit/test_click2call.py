"""Unit tests of the click2call client over httpx.MockTransport."""

from __future__ import annotations

import json
import logging
import socket
import ssl
from collections.abc import Callable

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialer_app.core.call_errors import (
    Click2CallError,
    ConnectionFailedError,
    InvalidSecretError,
    InvalidUserIdError,
    ProxyAuthenticationError,
    RequestRejectedError,
    RequestTimeoutError,
    ServerError,
    UnreadableResponseError,
)
from dialer_app.core.call_request import (
    Account,
    CallRequest,
    DeliveryMode,
    InvalidCallRequestError,
)
from dialer_app.core.call_response import interpret_response
from dialer_app.core.click2call import Click2CallClient, ClientConfig
from dialer_app.core.urls import InvalidBaseUrlError

SECRET = "s3cr3t-value-1234"
ACCOUNT = Account("101_1111112", SECRET)
BASE = "https://api.example.test"
Handler = Callable[[httpx.Request], httpx.Response]


class CountingTransport(httpx.MockTransport):
    def __init__(self, handler: Handler) -> None:
        self.requests: list[httpx.Request] = []

        def record(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return handler(request)

        super().__init__(record)


def make_client(handler: Handler, **config: object) -> tuple[Click2CallClient, CountingTransport]:
    transport = CountingTransport(handler)
    settings = {"base_url": BASE, "retry_backoff": 0.01, **config}
    return Click2CallClient(ClientConfig(**settings), transport=transport), transport  # type: ignore[arg-type]


def json_response(status: int, payload: object, **headers: str) -> Handler:
    return lambda _request: httpx.Response(status, json=payload, headers=headers)


def call(client: Click2CallClient, **request: object) -> object:
    return client.place_call(ACCOUNT, CallRequest(**{"to": "919200000000", **request}))  # type: ignore[arg-type]


def test_success_posts_documented_json_body() -> None:
    client, transport = make_client(
        json_response(200, {"code": 200, "msg": "Call initiated", "request_id": "abc123"})
    )
    result = client.place_call(
        ACCOUNT,
        CallRequest("919200000000", DeliveryMode.MOBILE, "919800000000", {"crm": True}),
    )
    assert result.request_id == "abc123"
    assert result.msg == "Call initiated"
    (sent,) = transport.requests
    assert sent.method == "POST"
    assert sent.url.path == "/v2/webrtc/click2call"
    assert sent.url.query == b""
    assert json.loads(sent.content) == {
        "user_id": "101_1111112",
        "secret": SECRET,
        "to": 919200000000,
        "webrtc": False,
        "followme": True,
        "callerid": 919800000000,
        "extra_params": {"crm": True},
    }


def test_softphone_mode_sets_webrtc_only() -> None:
    client, transport = make_client(json_response(200, {"code": 200, "request_id": "r"}))
    call(client, mode=DeliveryMode.SOFTPHONE)
    body = json.loads(transport.requests[0].content)
    assert (body["webrtc"], body["followme"]) == (True, False)
    assert "callerid" not in body
    assert "extra_params" not in body


def test_get_uses_documented_query_string() -> None:
    client, transport = make_client(
        json_response(200, {"code": 200, "request_id": "r1"}), use_get=True
    )
    call(client, extra_params={"name": {"click2call": "true"}}, caller_id="919800000000")
    sent = transport.requests[0]
    assert sent.method == "GET"
    params = dict(sent.url.params)
    assert params["to"] == "919200000000"
    assert params["webrtc"] == "true"
    assert params["followme"] == "false"
    assert params["callerid"] == "919800000000"
    assert json.loads(params["extra_params[name]"]) == {"click2call": "true"}


@pytest.mark.parametrize(
    ("status", "payload", "headers", "error"),
    [
        (407, {"code": 407, "msg": "Invalid app secret"}, {}, InvalidSecretError),
        (200, {"code": 407, "msg": "Invalid app secret"}, {}, InvalidSecretError),
        (200, {"code": "407", "msg": "Invalid app secret"}, {}, InvalidSecretError),
        (404, {"code": 404, "msg": "Invalid user_id"}, {}, InvalidUserIdError),
        (200, {"code": 404, "msg": "Invalid user_id"}, {}, InvalidUserIdError),
        (400, {"code": 400, "msg": "Enable webrtc or followme"}, {}, RequestRejectedError),
        (200, {"code": 400, "msg": "secret missing"}, {}, RequestRejectedError),
        (400, {"code": 200, "request_id": "x"}, {}, RequestRejectedError),
        (407, {"code": 407}, {"Proxy-Authenticate": 'Basic realm="p"'}, ProxyAuthenticationError),
        (500, {"code": 500, "msg": "oops"}, {}, ServerError),
        (200, {"code": 200, "msg": "Call initiated"}, {}, UnreadableResponseError),
        (200, {"code": 200, "request_id": ""}, {}, UnreadableResponseError),
        (200, ["request_id"], {}, UnreadableResponseError),
        (302, {"code": 302}, {"Location": "https://elsewhere"}, UnreadableResponseError),
    ],
)
def test_each_error_is_a_distinct_type(
    status: int, payload: object, headers: dict[str, str], error: type[Click2CallError]
) -> None:
    client, transport = make_client(json_response(status, payload, **headers))
    with pytest.raises(error) as caught:
        call(client)
    assert len(transport.requests) == 1, "an answered request must never be re-sent"
    assert SECRET not in str(caught.value)
    assert caught.value.message


def test_rejected_request_carries_platform_message() -> None:
    client, _ = make_client(json_response(400, {"code": 400, "msg": "Enable webrtc or followme"}))
    with pytest.raises(RequestRejectedError, match="Enable webrtc or followme"):
        call(client)


@pytest.mark.parametrize(
    ("status", "content", "headers", "error"),
    [
        (407, b"<html>Proxy login</html>", {"Content-Type": "text/html"}, ProxyAuthenticationError),
        (502, b"<html>Bad gateway</html>", {"Content-Type": "text/html"}, ServerError),
        (503, b"", {}, ServerError),
        (200, b"OK", {"Content-Type": "text/plain"}, UnreadableResponseError),
        (404, b"<html>Not found</html>", {"Content-Type": "text/html"}, UnreadableResponseError),
        (200, b"\xff\xfe garbage", {}, UnreadableResponseError),
        (200, b"[" * 100_000, {}, UnreadableResponseError),
    ],
)
def test_non_json_answers(
    status: int, content: bytes, headers: dict[str, str], error: type[Click2CallError]
) -> None:
    client, transport = make_client(
        lambda _r: httpx.Response(status, content=content, headers=headers)
    )
    with pytest.raises(error):
        call(client)
    assert len(transport.requests) == 1


def test_body_over_one_mib_is_refused_even_with_request_id() -> None:
    big = {"code": 200, "request_id": "r", "pad": "x" * (1024 * 1024 + 10)}
    client, _ = make_client(json_response(200, big))
    with pytest.raises(UnreadableResponseError, match="larger than"):
        call(client)


def test_streamed_body_over_one_mib_is_refused() -> None:
    def stream(_request: httpx.Request) -> httpx.Response:
        chunks = (b"x" * 65536 for _ in range(40))
        return httpx.Response(200, content=chunks)

    client, _ = make_client(stream)
    with pytest.raises(UnreadableResponseError):
        call(client)


def raising(exc: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def with_cause(exc: httpx.HTTPError, cause: BaseException) -> httpx.HTTPError:
    exc.__cause__ = cause
    return exc


@pytest.mark.parametrize(
    ("exc", "error", "attempts"),
    [
        (httpx.ConnectError("refused"), ConnectionFailedError, 3),
        (httpx.ConnectTimeout("slow"), RequestTimeoutError, 3),
        (
            with_cause(httpx.ConnectError("dns"), socket.gaierror(-2, "nx")),
            ConnectionFailedError,
            3,
        ),
        (
            with_cause(httpx.ConnectError("tls"), ssl.SSLCertVerificationError("bad")),
            ConnectionFailedError,
            1,
        ),
        (httpx.ReadTimeout("hang"), RequestTimeoutError, 1),
        (httpx.WriteTimeout("hang"), RequestTimeoutError, 1),
        (httpx.ReadError("reset"), ConnectionFailedError, 1),
        (httpx.RemoteProtocolError("closed"), ConnectionFailedError, 1),
        (httpx.ProxyError("no"), ConnectionFailedError, 1),
    ],
)
def test_only_failures_before_sending_are_retried(
    exc: httpx.HTTPError, error: type[Click2CallError], attempts: int
) -> None:
    client, transport = make_client(raising(exc))
    with pytest.raises(error) as caught:
        call(client)
    assert len(transport.requests) == attempts
    if attempts == 1 and not isinstance(exc, httpx.ProxyError | httpx.ConnectError):
        assert caught.value.may_have_reached
        assert "check your phone" in caught.value.message


def test_connect_retry_succeeds_on_second_attempt() -> None:
    answers: list[Exception | httpx.Response] = [
        httpx.ConnectError("refused"),
        httpx.Response(200, json={"code": 200, "request_id": "second"}),
    ]

    def handler(_request: httpx.Request) -> httpx.Response:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    client, transport = make_client(handler)
    assert call(client).request_id == "second"  # type: ignore[attr-defined]
    assert len(transport.requests) == 2


def test_tls_failure_message_mentions_certificate() -> None:
    exc = with_cause(httpx.ConnectError("x"), ssl.SSLCertVerificationError("unknown ca"))
    client, _ = make_client(raising(exc))
    with pytest.raises(ConnectionFailedError, match="certificate"):
        call(client)


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"to": "+919200000000"}, "international form"),
        ({"to": "09200000000"}, "leading zero"),
        ({"to": "12"}, "international form"),
        ({"caller_id": "abc"}, "caller id"),
        ({"extra_params": ["a"]}, "JSON object"),
        ({"extra_params": {"k": "x" * 9000}}, "limit"),
        ({"extra_params": {"k": float("nan")}}, "not valid JSON"),
        ({"extra_params": {"k": object()}}, "not valid JSON"),
    ],
)
def test_invalid_requests_cannot_be_built(kwargs: dict[str, object], reason: str) -> None:
    with pytest.raises(InvalidCallRequestError, match=reason):
        CallRequest(**{"to": "919200000000", **kwargs})  # type: ignore[arg-type]


def test_mode_is_one_value_with_exactly_one_flag_on() -> None:
    for mode in DeliveryMode:
        assert mode.webrtc != mode.followme


def test_account_repr_hides_secret() -> None:
    assert SECRET not in repr(ACCOUNT)
    assert SECRET not in repr(CallRequest("919200000000"))


@pytest.mark.parametrize(
    "url",
    [
        "http://rest.telecmi.com",
        "ftp://x",
        "https://",
        "https://u:p@host",
        "https://h/?q=1",
        "nonsense",
    ],
)
def test_unsafe_base_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidBaseUrlError):
        Click2CallClient(ClientConfig(base_url=url))


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://localhost:1/", "http://[::1]:9"])
def test_plain_http_allowed_on_loopback(url: str) -> None:
    Click2CallClient(ClientConfig(base_url=url)).close()


def test_get_secret_is_redacted_from_httpx_logs(caplog: pytest.LogCaptureFixture) -> None:
    from dialer_app.core.redact import RedactingFilter

    client, _ = make_client(json_response(200, {"code": 200, "request_id": "r"}), use_get=True)
    caplog.handler.addFilter(RedactingFilter())
    with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger="httpx"):
        call(client)
    assert caplog.records, "httpx should have logged the request"
    assert SECRET not in caplog.text
    assert "[REDACTED]" in caplog.text


def test_timeouts_come_from_config() -> None:
    seen: list[dict[str, float]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json={"code": 200, "request_id": "r"})

    client, _ = make_client(handler, connect_timeout=1.5, total_timeout=7.0)
    call(client)
    assert seen[0]["connect"] == 1.5
    assert 6.0 < seen[0]["read"] <= 7.0


@given(
    status=st.integers(min_value=100, max_value=599),
    body=st.one_of(
        st.binary(max_size=300),
        st.dictionaries(
            st.sampled_from(["code", "msg", "request_id", "x"]),
            st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
        ).map(lambda d: json.dumps(d).encode()),
    ),
    proxy_header=st.booleans(),
)
def test_response_parser_never_crashes(status: int, body: bytes, proxy_header: bool) -> None:
    headers = {"Proxy-Authenticate": "Basic"} if proxy_header else {}
    try:
        result = interpret_response(status, headers, body)
    except Click2CallError as exc:
        assert exc.message  # noqa: PT017 - a property test: any outcome but a crash is fine
        return
    assert 200 <= status < 300
    assert result.request_id
