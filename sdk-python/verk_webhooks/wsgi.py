"""A WSGI app that receives Verk webhooks the way the spec advises.

It verifies the raw body (401 otherwise), answers 200 at once and processes the event on a
thread pool, skipping duplicate deliveries. Mount it in any WSGI server (gunicorn, uWSGI,
``wsgiref``) or under a Flask/Django app with a dispatcher.
"""

import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any, Callable, Iterable, List, Optional, Sequence, Tuple, Union

from ._headers import headers_from_environ
from .dedup import DeliveryDeduplicator, InMemoryDeliveryDeduplicator
from .events import WebhookEvent
from .verifier import WebhookVerificationError, WebhookVerifier

_LOG = logging.getLogger("verk_webhooks")
_DEFAULT: Any = object()


class WebhookApp:
    """``WebhookApp(secret, handler)`` is a WSGI application; call :meth:`shutdown` on exit."""

    def __init__(
        self,
        secrets: Union[str, Sequence[str], WebhookVerifier],
        handler: Callable[[WebhookEvent], Any],
        *,
        deduplicator: Optional[DeliveryDeduplicator] = _DEFAULT,
        executor: Optional[Executor] = None,
        on_error: Optional[Callable[[BaseException, WebhookEvent], Any]] = None,
        on_rejected: Optional[Callable[[WebhookVerificationError], Any]] = None,
        on_duplicate: Optional[Callable[[WebhookEvent], Any]] = None,
        max_body_bytes: int = 1024 * 1024,
    ) -> None:
        """
        :param secrets: the secret, ``[new, previous]`` during a rotation, or a configured
            :class:`WebhookVerifier`
        :param handler: processes one event on the executor, after the 200 was sent
        :param deduplicator: skips deliveries already processed; default in memory, None for none
        :param executor: where handlers run; default a pool of 4 threads
        :param on_error: the handler raised (after the 200: Verk will not retry); default: log it
        :param on_rejected: a request was refused with 401 (for logging)
        :param on_duplicate: a duplicate delivery was acknowledged and skipped
        :param max_body_bytes: larger bodies are refused with 413
        """
        self._verifier = secrets if isinstance(secrets, WebhookVerifier) else WebhookVerifier(secrets)
        if not callable(handler):
            raise TypeError("handler must be callable")
        self._handler = handler
        self._dedup = InMemoryDeliveryDeduplicator() if deduplicator is _DEFAULT else deduplicator
        self._own_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(max_workers=4, thread_name_prefix="verk-webhooks")
        self._on_error = on_error or (lambda e, event: _LOG.error(
            "processing %s failed", event.delivery_id, exc_info=(type(e), e, e.__traceback__)))
        self._on_rejected = on_rejected
        self._on_duplicate = on_duplicate
        self._max_body_bytes = max_body_bytes

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return _reply(start_response, "405 Method Not Allowed", "Use POST", [("Allow", "POST")])
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _reply(start_response, "400 Bad Request", "Bad Content-Length")
        if length > self._max_body_bytes:
            _discard(environ["wsgi.input"], length)
            return _reply(start_response, "413 Payload Too Large", "Payload too large")
        if length > 0:
            body = environ["wsgi.input"].read(length)
        elif environ.get("wsgi.input_terminated"):
            # A chunked body without Content-Length, from a server that marks the stream's end.
            body = environ["wsgi.input"].read(self._max_body_bytes + 1)
            if len(body) > self._max_body_bytes:
                return _reply(start_response, "413 Payload Too Large", "Payload too large")
        else:
            body = b""
        try:
            event = self._verifier.verify_and_parse(body, headers_from_environ(environ))
        except WebhookVerificationError as e:
            if self._on_rejected:
                self._on_rejected(e)
            return _reply(start_response, "401 Unauthorized", "Invalid signature")
        except ValueError:
            return _reply(start_response, "400 Bad Request", "Not a Verk webhook payload")
        self._executor.submit(self._process, event)
        return _reply(start_response, "200 OK", "OK")

    def shutdown(self, wait: bool = True) -> None:
        """Stops the thread pool this app created (not an executor passed in)."""
        if self._own_executor:
            self._executor.shutdown(wait=wait)

    def _process(self, event: WebhookEvent) -> None:
        try:
            if self._dedup is None:
                self._handler(event)
            elif not self._dedup.process_once(event.delivery_id, lambda: self._handler(event)):
                if self._on_duplicate:
                    self._on_duplicate(event)
        except Exception as e:  # a background task must report, never die silently
            self._on_error(e, event)


def _discard(stream: Any, length: int) -> None:
    """Reads a refused body, so the client receives the answer instead of a reset connection."""
    remaining = min(length, 64 * 1024 * 1024)
    while remaining > 0:
        chunk = stream.read(min(remaining, 64 * 1024))
        if not chunk:
            return
        remaining -= len(chunk)


def _reply(start_response: Callable, status: str, text: str,
           extra: Optional[List[Tuple[str, str]]] = None) -> List[bytes]:
    body = text.encode("utf-8")
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    start_response(status, headers + (extra or []))
    return [body]
