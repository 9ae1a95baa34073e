"""The click2call sandbox, exercised over real loopback sockets with http.client only."""

from __future__ import annotations

import http.client
import json
import logging
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest

from dialer_app.sandbox.server import (
    CLICK2CALL_PATH,
    DEMO_SECRET,
    DEMO_USER_ID,
    Fault,
    SandboxServer,
)
from tests.support.harness import REPO_ROOT

REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{43}")
MIB = 1024 * 1024


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> dict[str, object]:
        parsed = json.loads(self.body)
        assert isinstance(parsed, dict)
        return parsed


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer() as server:
        yield server


def port_of(server: SandboxServer) -> int:
    return int(server.base_url.rsplit(":", 1)[1])


def connect(server: SandboxServer, timeout: float = 5.0) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port_of(server), timeout=timeout)


def valid_body(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "user_id": DEMO_USER_ID,
        "secret": DEMO_SECRET,
        "to": 919200000000,
        "extra_params": {"crm": True},
        "webrtc": True,
        "followme": False,
        "callerid": 919800000000,
    }
    body.update(changes)
    return body


def without(*fields: str) -> dict[str, object]:
    return {key: value for key, value in valid_body().items() if key not in fields}


def exchange(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
) -> Reply:
    conn.request(method, path, body=body, headers=dict(headers or {}))
    response = conn.getresponse()
    return Reply(response.status, response.headers, response.read())


def post_json(server: SandboxServer, payload: object, timeout: float = 5.0) -> Reply:
    conn = connect(server, timeout)
    try:
        body = json.dumps(payload).encode()
        return exchange(conn, "POST", CLICK2CALL_PATH, body, {"Content-Type": "application/json"})
    finally:
        conn.close()


def get(server: SandboxServer, path: str) -> Reply:
    conn = connect(server)
    try:
        return exchange(conn, "GET", path)
    finally:
        conn.close()


def documented_query(**changes: str) -> str:
    """The query string from the vendor's GET example, with optional changes."""
    fields = {
        "user_id": DEMO_USER_ID,
        "secret": DEMO_SECRET,
        "to": "919200000000",
        "extra_params[name]": '{"click2call":"true"}',
        "webrtc": "true",
        "followme": "false",
        "callerid": "919800000000",
    }
    fields.update(changes)
    return CLICK2CALL_PATH + "?" + urlencode(fields, quote_via=quote)


def raw_post_bytes(payload: dict[str, object]) -> bytes:
    body = json.dumps(payload).encode()
    head = (
        f"POST {CLICK2CALL_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def assert_platform_answer(reply: Reply, code: int, msg: str) -> None:
    assert reply.status == code
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json() == {"code": code, "msg": msg}


# --- normal behaviour ---------------------------------------------------------------------------


def test_post_success_returns_fresh_request_id_and_records_the_call(
    sandbox: SandboxServer,
) -> None:
    first = post_json(sandbox, valid_body())
    second = post_json(sandbox, valid_body())

    for reply in (first, second):
        assert reply.status == 200
        assert reply.headers["Content-Type"] == "application/json"
        payload = reply.json()
        assert payload["code"] == 200
        assert payload["msg"] == "Call initiated"
        assert REQUEST_ID.fullmatch(str(payload["request_id"]))
    assert first.json()["request_id"] != second.json()["request_id"]

    recorded = sandbox.wait_for_requests(2)[0]
    assert recorded.method == "POST"
    assert recorded.path == CLICK2CALL_PATH
    assert recorded.json_body == valid_body()
    assert json.loads(recorded.raw_body) == valid_body()
    assert recorded.headers["content-type"] == "application/json"
    assert recorded.connection_id >= 1
    assert recorded.received_at <= time.monotonic()


def test_get_with_documented_query_string_succeeds(sandbox: SandboxServer) -> None:
    reply = get(sandbox, documented_query())

    assert reply.status == 200
    assert REQUEST_ID.fullmatch(str(reply.json()["request_id"]))
    recorded = sandbox.wait_for_requests(1)[0]
    assert recorded.method == "GET"
    assert recorded.json_body is None
    assert recorded.query["to"] == "919200000000"
    assert recorded.query["extra_params[name]"] == '{"click2call":"true"}'


@pytest.mark.parametrize(
    ("changes", "status", "msg"),
    [
        ({"webrtc": "false", "followme": "false"}, 400, "Enable webrtc or followme"),
        ({"webrtc": "true", "followme": "true"}, 400, "Choose either webrtc or followme, not both"),
        ({"webrtc": "yes"}, 400, "webrtc must be true or false"),
        ({"to": "0919200000000"}, 400, "to must be a number with country code"),
        ({"to": "+919200000000"}, 400, "to must be a number with country code"),
        ({"callerid": "91980000000x"}, 400, "callerid must be a number with country code"),
        ({"user_id": ""}, 400, "user_id missing"),
        ({"secret": "wrong"}, 407, "Invalid app secret"),
        ({"user_id": "999_0000000"}, 404, "Invalid user_id"),
    ],
)
def test_get_query_is_validated_with_json_types(
    sandbox: SandboxServer, changes: dict[str, str], status: int, msg: str
) -> None:
    assert_platform_answer(get(sandbox, documented_query(**changes)), status, msg)


def test_get_mobile_mode_and_bracketless_extra_params(sandbox: SandboxServer) -> None:
    mobile = get(sandbox, documented_query(webrtc="false", followme="true"))
    assert mobile.status == 200

    path = (
        CLICK2CALL_PATH
        + "?"
        + urlencode(
            {
                "user_id": DEMO_USER_ID,
                "secret": DEMO_SECRET,
                "to": "919200000000",
                "extra_params": "crm",
            }
        )
    )
    assert_platform_answer(get(sandbox, path), 400, "extra_params must be an object")


@pytest.mark.parametrize(
    ("payload", "status", "msg"),
    [
        (without("user_id"), 400, "user_id missing"),
        (without("secret"), 400, "secret missing"),
        (valid_body(webrtc=False, followme=False), 400, "Enable webrtc or followme"),
        (valid_body(webrtc=True, followme=True), 400, "Choose either webrtc or followme, not both"),
        # webrtc defaults to true, so followme alone contradicts it
        (without("webrtc") | {"followme": True}, 400, "Choose either webrtc or followme, not both"),
        (without("webrtc", "followme") | {"webrtc": "true"}, 400, "webrtc must be true or false"),
        (without("to"), 400, "to missing"),
        (valid_body(to="919200000000"), 400, "to must be a number with country code"),
        (valid_body(to="0919200000000"), 400, "to must be a number with country code"),
        (valid_body(to=9192000000.5), 400, "to must be a number with country code"),
        (valid_body(to=True), 400, "to must be a number with country code"),
        (valid_body(to=-919200000000), 400, "to must be a number with country code"),
        (valid_body(callerid="919800000000"), 400, "callerid must be a number with country code"),
        (valid_body(callerid=1.5), 400, "callerid must be a number with country code"),
        (valid_body(extra_params="crm"), 400, "extra_params must be an object"),
        (valid_body(extra_params=["crm"]), 400, "extra_params must be an object"),
        (valid_body(user_id="999_0000000"), 404, "Invalid user_id"),
        (valid_body(secret="not-the-secret"), 407, "Invalid app secret"),
        (["not", "an", "object"], 400, "Invalid JSON body"),
    ],
)
def test_post_validation_errors(
    sandbox: SandboxServer, payload: object, status: int, msg: str
) -> None:
    reply = post_json(sandbox, payload)

    assert_platform_answer(reply, status, msg)
    assert sandbox.wait_for_requests(1)[0].json_body == (
        payload if isinstance(payload, dict) else None
    )


def test_wrong_secret_is_a_platform_407_not_a_proxy_challenge(sandbox: SandboxServer) -> None:
    reply = post_json(sandbox, valid_body(secret="not-the-secret"))

    assert reply.status == 407
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.headers.get("Proxy-Authenticate") is None


@pytest.mark.parametrize(
    "payload",
    [
        without("webrtc", "followme"),  # defaults: webrtc on, followme off
        valid_body(webrtc=False, followme=True),
        without("callerid", "extra_params"),
        valid_body(callerid=None, extra_params=None),
    ],
)
def test_optional_fields_and_both_valid_modes_succeed(
    sandbox: SandboxServer, payload: dict[str, object]
) -> None:
    reply = post_json(sandbox, payload)

    assert reply.status == 200
    assert reply.json()["code"] == 200


def test_invalid_json_body_is_400(sandbox: SandboxServer) -> None:
    conn = connect(sandbox)
    reply = exchange(conn, "POST", CLICK2CALL_PATH, b'{"user_id": ')
    conn.close()

    assert_platform_answer(reply, 400, "Invalid JSON body")
    assert sandbox.wait_for_requests(1)[0].raw_body == b'{"user_id": '


def test_custom_accounts_replace_the_demo_account() -> None:
    with SandboxServer(accounts={"202_2222222": "other-secret"}) as server:
        ok = post_json(server, valid_body(user_id="202_2222222", secret="other-secret"))
        demo = post_json(server, valid_body())

    assert ok.status == 200
    assert_platform_answer(demo, 404, "Invalid user_id")


def test_unknown_path_is_404_and_not_recorded(sandbox: SandboxServer) -> None:
    reply = get(sandbox, "/v2/other?secret=x")

    assert_platform_answer(reply, 404, "Not found")
    assert sandbox.requests == []  # a request is recorded before it is answered


def test_other_methods_on_click2call_are_recorded_and_refused(sandbox: SandboxServer) -> None:
    conn = connect(sandbox)
    reply = exchange(conn, "PUT", CLICK2CALL_PATH, json.dumps(valid_body()).encode())
    conn.close()

    assert_platform_answer(reply, 405, "Method not allowed")
    assert "POST" in reply.headers["Allow"]
    assert sandbox.wait_for_requests(1)[0].method == "PUT"


# --- faults -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CannedCase:
    fault: Fault
    status: int
    content_type: str
    json_code: int | None = None


@pytest.mark.parametrize(
    "case",
    [
        CannedCase(Fault.HTML_500, 500, "text/html"),
        CannedCase(Fault.HTML_502, 502, "text/html"),
        CannedCase(Fault.HTML_503, 503, "text/html"),
        CannedCase(Fault.NON_JSON_200, 200, "text/plain"),
        CannedCase(Fault.MISSING_REQUEST_ID, 200, "application/json", 200),
        CannedCase(Fault.CODE_400_IN_BODY, 200, "application/json", 400),
        CannedCase(Fault.CODE_404_IN_BODY, 200, "application/json", 404),
        CannedCase(Fault.CODE_407_IN_BODY, 200, "application/json", 407),
        CannedCase(Fault.PROXY_407, 407, "text/html"),
    ],
    ids=lambda case: case.fault.name,
)
def test_canned_faults(sandbox: SandboxServer, case: CannedCase) -> None:
    sandbox.set_fault(case.fault)

    reply = post_json(sandbox, valid_body())

    assert reply.status == case.status
    assert reply.headers["Content-Type"].startswith(case.content_type)
    assert int(reply.headers["Content-Length"]) == len(reply.body)
    if case.json_code is None:
        with pytest.raises(ValueError, match="Expecting value"):
            json.loads(reply.body)
    else:
        payload = reply.json()
        assert payload["code"] == case.json_code
        assert "request_id" not in payload
        assert isinstance(payload["msg"], str)
        assert payload["msg"]
    assert len(sandbox.wait_for_requests(1)) == 1


def test_non_json_200_says_ok(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.NON_JSON_200)

    assert post_json(sandbox, valid_body()).body == b"OK"


def test_proxy_407_carries_a_proxy_challenge(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.PROXY_407)

    reply = post_json(sandbox, valid_body())

    assert reply.headers["Proxy-Authenticate"] == 'Basic realm="corp-proxy"'
    assert b"<html>" in reply.body


def test_code_407_in_body_uses_platform_message(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.CODE_407_IN_BODY)

    reply = post_json(sandbox, valid_body())

    assert reply.json() == {"code": 407, "msg": "Invalid app secret"}
    assert reply.headers.get("Proxy-Authenticate") is None


def test_faults_ignore_the_request_content(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.HTML_502)

    assert post_json(sandbox, without("secret")).status == 502


def test_delay_answers_normally_after_the_delay(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.DELAY, delay=0.3)

    started = time.monotonic()
    reply = post_json(sandbox, valid_body())

    assert time.monotonic() - started >= 0.3
    assert reply.status == 200
    assert REQUEST_ID.fullmatch(str(reply.json()["request_id"]))


def test_big_body_is_over_one_mebibyte_and_still_has_a_request_id(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.BIG_BODY)

    reply = post_json(sandbox, valid_body())

    assert reply.status == 200
    assert len(reply.body) > MIB
    assert REQUEST_ID.fullmatch(str(reply.json()["request_id"]))


def test_hang_times_out_a_client_but_the_request_arrived(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.HANG)

    with pytest.raises(TimeoutError):
        post_json(sandbox, valid_body(), timeout=0.3)
    assert sandbox.wait_for_requests(1)[0].json_body == valid_body()


def test_hang_closes_the_connection_after_its_delay(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.HANG, delay=0.3)

    started = time.monotonic()
    with pytest.raises(http.client.RemoteDisconnected):
        post_json(sandbox, valid_body(), timeout=5)

    assert 0.3 <= time.monotonic() - started < 3


def test_hung_request_does_not_block_other_clients(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.HANG, times=1)
    with socket.create_connection(("127.0.0.1", port_of(sandbox))) as hung:
        hung.sendall(raw_post_bytes(valid_body()))
        sandbox.wait_for_requests(1)

        assert post_json(sandbox, valid_body(), timeout=2).status == 200


def test_no_headers_accepts_but_never_answers(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.NO_HEADERS)

    with socket.create_connection(("127.0.0.1", port_of(sandbox))) as client:
        client.sendall(raw_post_bytes(valid_body()))
        client.settimeout(0.3)
        with pytest.raises(TimeoutError):
            client.recv(1024)

    assert sandbox.connections_accepted == 1
    assert sandbox.requests == []


def test_no_headers_times_counts_connections(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.NO_HEADERS, times=1)

    with pytest.raises(TimeoutError):
        post_json(sandbox, valid_body(), timeout=0.3)
    reply = post_json(sandbox, valid_body())

    assert reply.status == 200
    assert sandbox.connections_accepted == 2
    assert len(sandbox.requests) == 1


def test_reset_aborts_the_connection_after_reading_the_request(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.RESET)

    with pytest.raises(ConnectionResetError) as raised:
        post_json(sandbox, valid_body())

    assert not isinstance(raised.value, http.client.RemoteDisconnected)  # a reset, not a close
    assert sandbox.wait_for_requests(1)[0].json_body == valid_body()


def test_fault_with_times_returns_to_normal(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.HTML_503, times=2)

    statuses = [post_json(sandbox, valid_body()).status for _ in range(4)]

    assert statuses == [503, 503, 200, 200]


def test_fault_without_times_lasts_until_changed(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.HTML_500)
    assert [post_json(sandbox, valid_body()).status for _ in range(3)] == [500, 500, 500]

    sandbox.set_fault(Fault.NONE)
    assert post_json(sandbox, valid_body()).status == 200


def test_faults_spare_other_paths_and_are_not_consumed_by_them(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.HTML_503, times=1)

    assert get(sandbox, "/health").status == 404
    assert post_json(sandbox, valid_body()).status == 503
    assert post_json(sandbox, valid_body()).status == 200


@pytest.mark.parametrize(("delay", "times"), [(-1.0, None), (0.0, 0), (0.0, -3)])
def test_set_fault_rejects_nonsense(
    sandbox: SandboxServer, delay: float, times: int | None
) -> None:
    with pytest.raises(ValueError, match=r"delay|times"):
        sandbox.set_fault(Fault.DELAY, delay=delay, times=times)


# --- connections, lifecycle, bookkeeping --------------------------------------------------------


def test_keep_alive_serves_several_calls_on_one_connection(sandbox: SandboxServer) -> None:
    conn = connect(sandbox)
    body = json.dumps(valid_body()).encode()
    first = exchange(conn, "POST", CLICK2CALL_PATH, body)
    second = exchange(conn, "GET", documented_query())
    conn.close()

    assert (first.status, second.status) == (200, 200)
    assert sandbox.connections_accepted == 1
    recorded = sandbox.wait_for_requests(2)
    assert recorded[0].connection_id == recorded[1].connection_id


def test_separate_connections_get_separate_ids(sandbox: SandboxServer) -> None:
    post_json(sandbox, valid_body())
    post_json(sandbox, valid_body())

    first, second = sandbox.wait_for_requests(2)
    assert sandbox.connections_accepted == 2
    assert first.connection_id != second.connection_id


@pytest.mark.parametrize("fault", [Fault.HANG, Fault.NO_HEADERS, Fault.NONE])
def test_stop_is_fast_with_connections_open(fault: Fault) -> None:
    server = SandboxServer().start()
    server.set_fault(fault)
    client = socket.create_connection(("127.0.0.1", port_of(server)))
    try:
        if fault is Fault.HANG:
            client.sendall(raw_post_bytes(valid_body()))
            server.wait_for_requests(1)
        else:
            deadline = time.monotonic() + 5
            while server.connections_accepted < 1 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert server.connections_accepted == 1

        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 1.0

        client.settimeout(2)
        assert client.recv(1024) == b""  # the held connection was closed, not left dangling
    finally:
        client.close()


def test_stop_is_idempotent_and_the_port_is_released() -> None:
    server = SandboxServer().start()
    port = port_of(server)
    server.stop()
    server.stop()

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2)


def test_start_twice_is_refused(sandbox: SandboxServer) -> None:
    with pytest.raises(RuntimeError):
        sandbox.start()


def test_base_url_is_loopback_with_the_bound_port(sandbox: SandboxServer) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", sandbox.base_url)
    assert port_of(sandbox) > 0


def test_base_url_before_start_is_an_error() -> None:
    with pytest.raises(RuntimeError):
        _ = SandboxServer().base_url


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com"])
def test_server_refuses_non_loopback_hosts(host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        SandboxServer(host=host)


def test_clear_forgets_requests_counters_and_fault(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.HTML_500)
    post_json(sandbox, valid_body())
    sandbox.wait_for_requests(1)

    sandbox.clear()

    assert sandbox.requests == []
    assert sandbox.connections_accepted == 0
    assert post_json(sandbox, valid_body()).status == 200
    assert len(sandbox.requests) == 1


def test_requests_is_a_copy(sandbox: SandboxServer) -> None:
    post_json(sandbox, valid_body())
    sandbox.wait_for_requests(1).clear()

    assert len(sandbox.requests) == 1


def test_wait_for_requests_times_out(sandbox: SandboxServer) -> None:
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="expected 1"):
        sandbox.wait_for_requests(1, timeout=0.2)
    assert time.monotonic() - started < 2


# --- the secret stays out of reprs and logs ------------------------------------------------------


def test_recorded_request_repr_redacts_the_secret(sandbox: SandboxServer) -> None:
    post_json(sandbox, valid_body())
    get(sandbox, documented_query())
    conn = connect(sandbox)
    exchange(conn, "POST", CLICK2CALL_PATH, f'{{"secret": "{DEMO_SECRET}"'.encode())  # bad JSON
    conn.close()

    recorded = sandbox.wait_for_requests(3)

    for request in recorded:
        assert DEMO_SECRET not in repr(request)
        assert DEMO_SECRET not in str(request)
    assert DEMO_SECRET not in repr(recorded)
    assert "'secret': '***'" in repr(recorded[0])
    assert "'secret': '***'" in repr(recorded[1])
    assert DEMO_SECRET.encode() in recorded[2].raw_body  # the data itself stays intact


def test_logs_and_stderr_never_show_the_secret(
    sandbox: SandboxServer,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG, logger="dialer_app.sandbox.server")

    get(sandbox, documented_query())
    with socket.create_connection(("127.0.0.1", port_of(sandbox))) as client:
        # a malformed request line: http.server reports it through log_error
        line = f"GET {CLICK2CALL_PATH}?secret={DEMO_SECRET} HTTP/1.1{DEMO_SECRET}\r\n\r\n"
        client.sendall(line.encode())
        client.settimeout(2)
        while client.recv(4096):
            pass  # the server answers and closes

    assert CLICK2CALL_PATH in caplog.text
    assert DEMO_SECRET not in caplog.text
    captured = capfd.readouterr()
    assert DEMO_SECRET not in captured.err
    assert DEMO_SECRET not in captured.out


# --- standalone runner --------------------------------------------------------------------------


def run_module(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "dialer_app.sandbox", *args],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.1"])
def test_runner_refuses_non_loopback_hosts(host: str) -> None:
    process = run_module("--host", host, "--port", "0")
    stdout, stderr = process.communicate(timeout=30)

    assert process.returncode == 2
    assert "loopback" in stderr
    assert "base URL" not in stdout


def test_runner_serves_with_a_fault_and_stops_cleanly_on_ctrl_c() -> None:
    process = run_module("--port", "0", "--fault", "html_503")
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
        base_url = next(line for line in lines if line.startswith("base URL:")).split()[-1]
        assert DEMO_USER_ID in "".join(lines)
        assert DEMO_SECRET in "".join(lines)

        host, port = base_url.removeprefix("http://").rsplit(":", 1)
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        reply = exchange(conn, "POST", CLICK2CALL_PATH, json.dumps(valid_body()).encode())
        conn.close()
        assert reply.status == 503

        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
        assert process.returncode == 0
        assert "Traceback" not in stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
