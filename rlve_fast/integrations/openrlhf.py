"""OpenRLHF: a remote reward server (``rlve-fast serve``) and an in-process ``reward_func``.

Both speak OpenRLHF's remote reward protocol (OpenRLHF/OpenRLHF ``openrlhf/utils/agent.py``,
``SingleTurnAgentExecutor``): a request ``{"query": [prompt + response, ...], "prompts": [...],
"labels": [...]}`` is answered with ``{"rewards": [...], "scores": [...], "extra_logs":
{"accuracy": [...], "format_score": [...]}}``. A label is RLVE's metadata,
``{"environment": ..., "config": ...}`` as JSON text (or an object). The response is the query
with its prompt removed.

The dataset: ``rlve-fast generate ENV --answer-instruction -o train.jsonl`` (the prompts must say
where the answer goes, or every reward is -1), its ``prompt`` and ``metadata`` columns.

Server: ``rlve-fast serve --port 5000`` (``pip install rlve_fast[serve]``), then OpenRLHF with
``--reward.remote_url http://127.0.0.1:5000/get_reward --data.input_key prompt
--data.label_key metadata --data.apply_chat_template`` (releases before 0.10.2 spell these
``--remote_rm_url``, ``--input_key``, ``--label_key``, ``--apply_chat_template``).
In-process: ``--reward.remote_url /path/to/rlve_fast/integrations/openrlhf.py`` (OpenRLHF
loads the file and calls ``reward_func``; it scores ``<answer>`` tags).

A request with a label that is not a valid (environment, config) pair is refused whole
(HTTP 400 naming the row), never scored 0; an oversized request gets 413.
"""
from __future__ import annotations

import asyncio
import json
from typing import Any, Dict, List, Optional, Sequence

DEFAULT_MAX_REQUEST_BYTES = 64 << 20


class RequestError(ValueError):
    """A request that does not follow the protocol (HTTP 400)."""


def parse_request(payload: Any):
    """(env_ids, configs, responses) of a protocol request; RequestError when malformed."""
    from rlve_fast.jsonl import RowError, row_task

    if not isinstance(payload, dict):
        raise RequestError("the request body must be a JSON object")
    queries, prompts, labels = payload.get("query"), payload.get("prompts"), payload.get("labels")
    if not isinstance(queries, list) or not isinstance(labels, list):
        raise RequestError("'query' and 'labels' must be lists")
    if prompts is None:
        prompts = [""] * len(queries)
    if not isinstance(prompts, list) or not (len(queries) == len(prompts) == len(labels)):
        raise RequestError("'query', 'prompts' and 'labels' must be lists of one length "
                           "(got %d, %s, %d)" % (len(queries), len(prompts) if isinstance(prompts, list) else "?", len(labels)))
    env_ids, configs, responses = [], [], []
    for i, (query, prompt, label) in enumerate(zip(queries, prompts, labels)):
        if not isinstance(query, str) or not isinstance(prompt, str):
            raise RequestError("row %d: query and prompt must be text" % i)
        try:
            env_id, config, _ = row_task({"metadata": label, "response": ""})
        except RowError as exc:
            raise RequestError("row %d: label is not RLVE metadata (%s)" % (i, exc)) from None
        env_ids.append(env_id)
        configs.append(config)
        responses.append(query[len(prompt):] if prompt and query.startswith(prompt) else query)
    return env_ids, configs, responses


def _check_labels(env_ids, configs) -> None:
    """Refuse unknown environments and bad configs before scoring anything."""
    from rlve_fast.environment import registry_make

    checked = {}
    for i, (env_id, config) in enumerate(zip(env_ids, configs)):
        key = (env_id, json.dumps(config, sort_keys=True) if not isinstance(config, str) else config)
        if key in checked:
            continue
        try:
            registry_make(env_id).prepare(config)
        except Exception as exc:  # noqa: BLE001
            raise RequestError("row %d: %s" % (i, exc)) from None
        checked[key] = True


def response_body(results: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    rewards = [r["reward"] for r in results]
    return {"rewards": rewards, "scores": rewards,
            "extra_logs": {"accuracy": [r["accuracy"] for r in results],
                           "format_score": [r["format_score"] for r in results]}}


def reward_func(queries: List[str], prompts: List[str], labels: List[Any], **kwargs) -> Dict[str, Any]:
    """OpenRLHF's in-process reward function (``--remote_rm_url path/to/this/file.py``).

    Raises ValueError for a label that is not RLVE metadata (OpenRLHF then stops with the
    message instead of training on a made-up reward)."""
    import rlve_fast

    env_ids, configs, responses = parse_request({"query": queries, "prompts": prompts, "labels": labels})
    _check_labels(env_ids, configs)
    result = rlve_fast.verify_batch(env_ids, configs, responses, _ANSWER_MARKERS)
    bad = [i for i, status in enumerate(result.status) if status != "ok"]
    if bad:
        raise ValueError("row %d could not be scored: %s" % (bad[0], result.message.get(bad[0])))
    body = response_body(list(result))
    try:
        import torch
    except ImportError:
        return body
    return {"rewards": torch.tensor(body["rewards"], dtype=torch.float32),
            "scores": torch.tensor(body["scores"], dtype=torch.float32),
            "extra_logs": {k: torch.tensor(v, dtype=torch.float32) for k, v in body["extra_logs"].items()}}


_ANSWER_MARKERS: Optional[Sequence[str]] = None  # set by reward_func users who need others


def make_app(verifier=None, *, max_concurrency: int = 64, max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
             answer_markers: Optional[Sequence[str]] = None):
    """The aiohttp application: POST /get_reward, GET /health."""
    from aiohttp import web

    from rlve_fast.pool import LocalVerifier

    own = verifier is None
    verifier = verifier or LocalVerifier(answer_markers)
    gate = asyncio.Semaphore(max_concurrency)
    stats = {"requests": 0, "rows": 0}

    async def get_reward(request: web.Request) -> web.Response:
        if request.content_length is not None and request.content_length > max_request_bytes:
            raise web.HTTPRequestEntityTooLarge(max_size=max_request_bytes, actual_size=request.content_length)
        async with gate:  # bounded concurrency: extra requests wait their turn
            try:
                payload = json.loads(await request.read())
            except json.JSONDecodeError as exc:
                return web.json_response({"error": "body is not JSON: %s" % exc}, status=400)
            try:
                env_ids, configs, responses = parse_request(payload)
                _check_labels(env_ids, configs)
            except RequestError as exc:
                return web.json_response({"error": str(exc)}, status=400)
            results = await verifier.verify_rows_async(env_ids, configs, responses)
            bad = [i for i, r in enumerate(results) if r["status"] != "ok"]
            if bad:
                return web.json_response({"error": "row %d could not be scored: %s"
                                          % (bad[0], results[bad[0]].get("message"))}, status=422)
            stats["requests"] += 1
            stats["rows"] += len(results)
            return web.json_response(response_body(results))

    async def health(request: web.Request) -> web.Response:
        import rlve_fast

        return web.json_response({"status": "ok", "environments": len(rlve_fast.environments()), **stats})

    async def on_cleanup(app) -> None:
        if own:
            verifier.close()

    app = web.Application(client_max_size=max_request_bytes)
    app.router.add_post("/get_reward", get_reward)
    app.router.add_get("/health", health)
    app.on_cleanup.append(on_cleanup)
    return app


def serve(host: str = "127.0.0.1", port: int = 5000, *, workers: Optional[int] = None, **kwargs) -> None:
    """Run the reward server until SIGINT/SIGTERM (a clean shutdown: in-flight requests finish)."""
    from aiohttp import web

    verifier = None
    if workers:
        from rlve_fast.pool import BatchVerifier

        verifier = BatchVerifier(workers=workers, answer_markers=kwargs.get("answer_markers"))
    try:
        web.run_app(make_app(verifier, **kwargs), host=host, port=port, print=None)
    finally:
        if verifier is not None:
            verifier.close()
