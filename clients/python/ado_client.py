"""ADO Studio scheduler client for external trainers.

Python standard library only (no WebSocket: it uses the daemon's HTTP API on the same port).
Rank 0 of a trainer creates an external run, then after every step (or every N steps) reports
each domain's sample count and mean loss and receives the mixture to sample the next batch from::

    from ado_client import AdoClient

    client = AdoClient("http://127.0.0.1:7433")          # token from $ADO_TOKEN, $ADO_TOKEN_FILE or ~/.ado/token
    run_id = client.create_run("my-run", domains=["web", "code", "books"], prior=[0.6, 0.3, 0.1])
    weights = client.weights(run_id).weights             # the prior, before any observation
    for step in range(total_steps):
        counts, losses = train_one_step(weights)         # losses[k] is None where counts[k] == 0
        weights = client.observe(run_id, step, counts, losses)

Observing every N steps: send the summed counts and the count-weighted mean losses of those N
steps under the last step's index. ADO then sees one observation per N steps: its loss history,
smoothing window and credit-assignment average all advance N times more slowly per step trained.
N = 1 is what the paper does; prefer it where the round trip is affordable.

Connection losses (a daemon restart, a network blip) are retried with exponential backoff. A
retried observation the daemon had already recorded is recognised and answered from the run's
current weights, so retries never double-count a step.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import random
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence

__all__ = ["AdoClient", "AdoError", "InvalidFeedback", "AdoConnectionError", "Weights"]

# Error codes of the daemon protocol (shared/protocol.ts ErrorCode).
INVALID_FEEDBACK = -32012
RUN_NOT_FOUND = -32004
INVALID_RUN_STATE = -32011


class AdoError(Exception):
    """The daemon refused a request. `code` is the protocol error code, `status` the HTTP status."""

    def __init__(self, message: str, code: Optional[int] = None, status: Optional[int] = None, data: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.data = data
        #: True when the request had been sent before and failed to arrive or to be answered.
        self.retried = False


class InvalidFeedback(AdoError):
    """An observation the daemon rejected (wrong number of domains, a null loss with samples, ...)."""


class AdoConnectionError(AdoError):
    """The daemon stayed unreachable through every retry."""


@dataclass(frozen=True)
class Weights:
    """A mixture over the run's domains, and the last step observed (-1 before any)."""

    weights: list[float]
    step: int


def _read_token(token: Optional[str], token_file: Optional[str]) -> str:
    if token:
        return token.strip()
    path = token_file or os.environ.get("ADO_TOKEN_FILE")
    if not path and os.environ.get("ADO_TOKEN"):
        return os.environ["ADO_TOKEN"].strip()
    if not path:
        data_dir = os.environ.get("ADO_DATA_DIR") or os.path.join(os.path.expanduser("~"), ".ado")
        path = os.path.join(data_dir, "token")
    try:
        with open(path, encoding="utf-8") as handle:
            value = handle.read().strip()
    except OSError as error:
        raise AdoError(f"cannot read the daemon's token from {path}: {error.strerror}; pass token= or token_file=, or set ADO_TOKEN") from None
    if not value:
        raise AdoError(f"the token file {path} is empty")
    return value


def _retry_after(error: urllib.error.HTTPError) -> float:
    """The seconds a 429 (rate limited) answer asks the client to wait; 0 when it does not say."""
    try:
        return max(0.0, float(error.headers.get("Retry-After", 0)))
    except (TypeError, ValueError):
        return 0.0


class AdoClient:
    """A client for one daemon. Thread-unsafe by design: call it from rank 0 only."""

    def __init__(
        self,
        url: str,
        token: Optional[str] = None,
        *,
        token_file: Optional[str] = None,
        timeout: float = 30.0,
        retries: int = 10,
        backoff: float = 0.25,
        max_backoff: float = 10.0,
        cafile: Optional[str] = None,
    ) -> None:
        """`url`: the daemon's address, http(s)://host:port (a ws(s):// URL is accepted too).

        `token` or `token_file`, else $ADO_TOKEN_FILE, $ADO_TOKEN, or <$ADO_DATA_DIR or ~/.ado>/token.
        `retries`: attempts after a connection failure, waiting `backoff` seconds doubled each time
        (with jitter) up to `max_backoff`. `cafile`: a PEM certificate to trust (self-signed TLS).
        """
        parsed = urllib.parse.urlsplit(url)
        scheme = {"ws": "http", "wss": "https"}.get(parsed.scheme, parsed.scheme)
        if scheme not in ("http", "https"):
            raise ValueError(f"url must start with http://, https://, ws:// or wss://, got {url!r}")
        self._base = f"{scheme}://{parsed.netloc}"
        self._token = _read_token(token, token_file)
        self._timeout = timeout
        self._retries = retries
        self._backoff = backoff
        self._max_backoff = max_backoff
        self._ssl = ssl.create_default_context(cafile=cafile) if scheme == "https" else None

    def create_run(
        self,
        name: str,
        domains: Sequence[str],
        prior: Optional[Sequence[float]] = None,
        mixture: Optional[Mapping[str, Any]] = None,
        tokens_per_sample: Optional[int] = None,
    ) -> str:
        """Creates an external run and returns its id.

        `prior`: positive weights per domain (normalised by the daemon; uniform when omitted).
        `mixture`: the run config's `mixture` section, e.g. {"policy": "ado", "ado": {"updateInterval": 500}}.
        `tokens_per_sample`: tokens in one sample, for ADO's n in 1024-token units (default 1024).
        """
        body: dict[str, Any] = {"name": name, "domains": list(domains)}
        if prior is not None:
            body["prior"] = [float(w) for w in prior]
        if mixture is not None:
            body["mixture"] = dict(mixture)
        if tokens_per_sample is not None:
            body["tokensPerSample"] = int(tokens_per_sample)
        return str(self._call("POST", "/v1/runs", body)["run"]["id"])

    def get_run(self, run_id: str) -> dict[str, Any]:
        """The run's summary (state, step, losses, top domain, ...) and its config."""
        return self._call("GET", f"/v1/runs/{urllib.parse.quote(run_id, safe='')}")

    def weights(self, run_id: str) -> Weights:
        """The mixture for the next batch, without observing anything."""
        result = self._call("GET", f"/v1/runs/{urllib.parse.quote(run_id, safe='')}/weights")
        return Weights(list(result["weights"]), int(result["step"]))

    def observe(self, run_id: str, step: int, counts: Sequence[int], losses: Sequence[Optional[float]]) -> list[float]:
        """Reports one step (or N aggregated steps under the last one's index); returns the next mixture.

        `counts[k]`: samples of domain k in the step's global batch. `losses[k]`: their mean loss
        in nats per token, or None where counts[k] == 0. Steps must increase.
        """
        body = {"step": int(step), "counts": [int(c) for c in counts], "losses": [self._loss(loss, k) for k, loss in enumerate(losses)]}
        path = f"/v1/runs/{urllib.parse.quote(run_id, safe='')}/observe"
        try:
            return list(self._call("POST", path, body)["weights"])
        except InvalidFeedback as error:
            # A retry after a lost reply: the daemon already has this step; its weights are the answer.
            if error.retried and "steps must increase" in str(error):
                current = self.weights(run_id)
                if current.step == step:
                    return current.weights
            raise

    @staticmethod
    def _loss(loss: Optional[float], k: int) -> Optional[float]:
        if loss is None:
            return None
        value = float(loss)
        if not math.isfinite(value):
            raise ValueError(f"losses[{k}] is {value}; report finite losses (or skip a diverged step)")
        return value

    def _call(self, method: str, path: str, body: Optional[Mapping[str, Any]] = None) -> Any:
        data = None if body is None else json.dumps(body, allow_nan=False).encode("utf-8")
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        delay = self._backoff
        for attempt in range(self._retries + 1):
            request = urllib.request.Request(self._base + path, data=data, headers=headers, method=method)
            told_to_wait = 0.0
            try:
                with urllib.request.urlopen(request, timeout=self._timeout, context=self._ssl) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                failure = self._http_error(error)
                if error.code < 500 and error.code != 429:
                    failure.retried = attempt > 0
                    raise failure from None
                told_to_wait = _retry_after(error)
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout) as error:
                failure = AdoConnectionError(f"cannot reach the daemon at {self._base}: {getattr(error, 'reason', error)}")
            if attempt == self._retries:
                raise failure
            time.sleep(max(told_to_wait, delay * (0.5 + random.random() / 2)))
            delay = min(delay * 2, self._max_backoff)
        raise AssertionError("unreachable")

    @staticmethod
    def _http_error(error: urllib.error.HTTPError) -> AdoError:
        try:
            problem = json.loads(error.read().decode("utf-8"))["error"]
        except (ValueError, KeyError, TypeError):
            problem = {"message": f"HTTP {error.code} {error.reason}"}
        kind = InvalidFeedback if problem.get("code") == INVALID_FEEDBACK else AdoError
        return kind(str(problem.get("message")), problem.get("code"), error.code, problem.get("data"))
