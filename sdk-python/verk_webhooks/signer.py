"""A public signer for your own tests: the headers Verk sends, signed exactly like the server."""

import base64
import datetime
import hashlib
import hmac
import json
import secrets as _secrets
import time
from typing import Any, Dict, Mapping, NamedTuple, Optional

from .verifier import RawBody, raw_bytes


def sign_webhook(
    body: RawBody,
    secret: str,
    *,
    previous_secret: Optional[str] = None,
    delivery_id: Optional[str] = None,
    timestamp: Optional[float] = None,
    event_type: Optional[str] = None,
    user_agent: str = "Verk-Webhooks",
) -> Dict[str, str]:
    """The headers of a delivery of ``body``: ``X-Verk-Signature`` and Standard Webhooks.

    :param secret: the webhook's secret as configured in Verk; like Verk, its UTF-8 bytes are
        the HMAC key
    :param previous_secret: during a rotation overlap Verk also signs with the previous secret
    :param delivery_id: ``webhook-id``; default the body's ``deliveryId``, else a random one
    :param timestamp: ``webhook-timestamp`` in seconds since the epoch; default now
    :param event_type: ``X-Verk-Event``; default the body's ``event``
    """
    if not isinstance(secret, str) or not secret:
        raise ValueError("secret must be a non-empty string")
    data = raw_bytes(body)
    envelope = _peek(data)
    delivery_id = delivery_id or envelope.get("deliveryId") or "delivery_" + _secrets.token_hex(12)
    event_type = event_type or envelope.get("event") or "unknown"
    stamp = str(int(time.time() if timestamp is None else timestamp))
    signed = (delivery_id + "." + stamp + ".").encode("utf-8") + data
    keys = [secret] + ([previous_secret] if previous_secret else [])
    headers = {
        "Content-Type": "application/json",
        "User-Agent": user_agent,
        "X-Verk-Event": event_type,
        "X-Verk-Delivery": delivery_id,
        "X-Verk-Signature": "sha256=" + _hmac(secret, data).hex(),
    }
    if previous_secret:
        headers["X-Verk-Signature-Previous"] = "sha256=" + _hmac(previous_secret, data).hex()
    headers["webhook-id"] = delivery_id
    headers["webhook-timestamp"] = stamp
    headers["webhook-signature"] = " ".join(
        "v1," + base64.b64encode(_hmac(k, signed)).decode("ascii") for k in keys
    )
    return headers


class TestDelivery(NamedTuple):
    """A signed delivery: send ``body`` unchanged with ``headers``."""

    body: str
    headers: Dict[str, str]


TestDelivery.__test__ = False  # not a unittest/pytest test class


def signed_test_delivery(
    event: str,
    data: Mapping[str, Any],
    secret: str,
    *,
    previous_secret: Optional[str] = None,
    delivery_id: Optional[str] = None,
    timestamp: Optional[float] = None,
    webhook_id: str = "webhook_test",
    organization: Optional[Mapping[str, str]] = None,
) -> TestDelivery:
    """A complete signed delivery of ``event`` with ``data`` in Verk's envelope, for your tests."""
    at = time.time() if timestamp is None else timestamp
    delivery_id = delivery_id or "delivery_" + _secrets.token_hex(12)
    when = datetime.datetime.fromtimestamp(at, tz=datetime.timezone.utc)
    body = json.dumps(
        {
            "event": event,
            "timestamp": when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "webhookId": webhook_id,
            "deliveryId": delivery_id,
            "data": dict(data),
            "organization": dict(organization or {"id": "org_test", "name": "Test Org"}),
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )
    headers = sign_webhook(
        body,
        secret,
        previous_secret=previous_secret,
        delivery_id=delivery_id,
        timestamp=at,
        event_type=event,
    )
    return TestDelivery(body, headers)


def _hmac(secret: str, message: bytes) -> bytes:
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()


def _peek(body: bytes) -> Dict[str, Any]:
    try:
        value = json.loads(body.decode("utf-8"))
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: value[k] for k in ("deliveryId", "event") if isinstance(value.get(k), str)}
