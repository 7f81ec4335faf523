"""OpenRLHF adapter: the reward server over real HTTP on loopback, and reward_func."""
from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

aiohttp = pytest.importorskip("aiohttp", reason="the server needs the optional 'serve' extra (aiohttp)")

from rlve_fast.integrations.openrlhf import reward_func  # noqa: E402

SORTING = {"seed": 0, "parameter": {"N": 3, "array": [3, 1, 2], "gold_answer": [1, 2, 3]},
           "passing_reward_threshold": 1.0}
LABEL = json.dumps({"environment": "Sorting", "config": SORTING})
PROMPT = "Sort 3 1 2. "
ANSWERS = {"<answer>1 2 3</answer>": 1.0, "<answer>3 2 1</answer>": (1 / 3) ** 10, "nothing": -1.0,
           "<answer>1 2</answer>": -0.5}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rlve_fast", "serve", "--port", str(port),
                             "--max-concurrency", "8", "--max-request-mb", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = "http://127.0.0.1:%d" % port
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("server did not start: %s" % proc.stderr.read().decode())
    yield url, proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def post(url, payload, raw=None):
    data = raw if raw is not None else json.dumps(payload).encode()
    request = urllib.request.Request(url + "/get_reward", data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        body = exc.read()
        try:
            return exc.code, json.loads(body)
        except json.JSONDecodeError:
            return exc.code, body.decode(errors="replace")


def test_health(server):
    url, _ = server
    body = json.loads(urllib.request.urlopen(url + "/health").read())
    assert body["status"] == "ok" and body["environments"] >= 1


def test_rewards_follow_the_protocol(server):
    url, _ = server
    answers = list(ANSWERS)
    status, body = post(url, {"query": [PROMPT + a for a in answers], "prompts": [PROMPT] * 4, "labels": [LABEL] * 4})
    assert status == 200
    assert body["rewards"] == [ANSWERS[a] for a in answers] == body["scores"]
    assert body["extra_logs"]["accuracy"] == [1, 0, 0, 0]
    assert body["extra_logs"]["format_score"] == [1, 1, 0, 1]


@pytest.mark.parametrize("payload, text", [
    ({"query": ["x"], "prompts": [""], "labels": [json.dumps({"environment": "Nope", "config": SORTING})]}, "Nope"),
    ({"query": ["x"], "prompts": [""], "labels": ["not json"]}, "row 0"),
    ({"query": ["x"], "prompts": [""], "labels": [json.dumps({"environment": "Sorting", "config": {"seed": 1}})]}, "parameter"),
    ({"query": ["x", "y"], "prompts": [""], "labels": [LABEL]}, "one length"),
    ({"labels": [LABEL]}, "lists"),
])
def test_bad_labels_are_a_clear_400(server, payload, text):
    url, _ = server
    status, body = post(url, payload)
    assert status == 400 and text in body["error"]


def test_invalid_json_and_oversized_requests(server):
    url, _ = server
    assert post(url, None, raw=b"{nope")[0] == 400
    big = {"query": ["x" * (2 << 20)], "prompts": [""], "labels": [LABEL]}
    assert post(url, big)[0] == 413


def test_load_many_concurrent_clients_every_reward_checked(server):
    url, _ = server
    answers = list(ANSWERS)

    async def client(session, k):
        rows = [answers[(k + j) % 4] for j in range(16)]
        payload = {"query": [PROMPT + a for a in rows], "prompts": [PROMPT] * 16, "labels": [LABEL] * 16}
        async with session.post(url + "/get_reward", json=payload) as resp:
            assert resp.status == 200
            body = await resp.json()
        assert body["rewards"] == [ANSWERS[a] for a in rows]
        return len(rows)

    async def main():
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
            return await asyncio.gather(*(client(session, k) for k in range(200)))

    assert sum(asyncio.run(main())) == 3200


def test_clean_shutdown_on_sigterm(server):
    _, proc = server
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0


def test_reward_func_in_process_mode():
    answers = list(ANSWERS)
    out = reward_func([PROMPT + a for a in answers], [PROMPT] * 4, [LABEL] * 4)
    rewards = [float(x) for x in out["rewards"]]
    assert rewards == pytest.approx([ANSWERS[a] for a in answers], abs=1e-7)
    with pytest.raises(ValueError, match="Nope"):
        reward_func(["x"], [""], [json.dumps({"environment": "Nope", "config": SORTING})])


class SlowVerifier:
    """A verifier that holds each request for a moment and counts the requests in flight."""

    def __init__(self):
        self.in_flight = 0
        self.most = 0

    async def verify_rows_async(self, env_ids, configs, responses):
        import rlve_fast

        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        try:
            await asyncio.sleep(0.05)
            return list(rlve_fast.verify_batch(env_ids, configs, responses))
        finally:
            self.in_flight -= 1


def test_the_concurrency_limit_is_honoured():
    from aiohttp.test_utils import TestServer

    from rlve_fast.integrations.openrlhf import make_app

    verifier = SlowVerifier()

    async def main():
        server = TestServer(make_app(verifier, max_concurrency=3), host="127.0.0.1")
        await server.start_server()
        try:
            async with aiohttp.ClientSession() as session:
                async def one(k):
                    answer = list(ANSWERS)[k % 4]
                    payload = {"query": [PROMPT + answer], "prompts": [PROMPT], "labels": [LABEL]}
                    async with session.post(server.make_url("/get_reward"), json=payload) as resp:
                        assert resp.status == 200
                        return (await resp.json())["rewards"] == [ANSWERS[answer]]
                return await asyncio.gather(*(one(k) for k in range(20)))
        finally:
            await server.close()

    assert all(asyncio.run(main()))
    assert verifier.most == 3  # requests were scored concurrently, never more than the limit


def test_reward_func_takes_openrlhfs_extra_keyword_arguments():
    out = reward_func([PROMPT + "<answer>1 2 3</answer>"], [PROMPT], [LABEL], extra="ignored")
    assert [float(x) for x in out["rewards"]] == [1.0]
