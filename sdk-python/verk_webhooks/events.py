"""The webhook envelope, parsed into the generated data classes of :mod:`verk_webhooks.event_types`."""

import json
from dataclasses import dataclass, field
from typing import Any, Dict, Union

from .event_types import DATA_CLASSES, EventData


@dataclass(frozen=True)
class Organization:
    """The organization an event belongs to."""

    id: str
    name: str


@dataclass(frozen=True)
class WebhookEvent:
    """One delivery's payload (the spec's "Webhook Payload").

    ``data`` is the generated data class of the event type (``TaskCreatedData``, ...), or the
    plain ``dict`` for a type this library version does not know yet; narrow with
    ``isinstance(event.data, TaskCreatedData)``. ``delivery_id`` is stable across retries and
    redeliveries: the idempotency key.
    """

    event: str
    timestamp: str
    webhook_id: str
    delivery_id: str
    organization: Organization
    data: Union[EventData, Dict[str, Any]]
    raw: Dict[str, Any] = field(repr=False, compare=False)
    """The whole payload as parsed, including fields not modelled."""

    @property
    def known(self) -> bool:
        """True for the event types of the catalog this library was generated from."""
        return self.event in DATA_CLASSES


def parse_event(body: Union[bytes, bytearray, str]) -> WebhookEvent:
    """Parses a payload without verifying it (for stored payloads and tests).

    Raises ``ValueError`` when it is not a Verk webhook envelope.
    """
    text = body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else body
    try:
        payload = json.loads(text)
    except ValueError as e:
        raise ValueError("The webhook body is not JSON") from e
    if not isinstance(payload, dict):
        raise ValueError("The webhook body is not a JSON object")
    for name in ("event", "timestamp", "deliveryId"):
        if not isinstance(payload.get(name), str):
            raise ValueError('The webhook body has no string "%s"' % name)
    data = payload.get("data")
    if not isinstance(data, dict):
        raise ValueError('The webhook body has no "data" object')
    organization = payload.get("organization") or {}
    data_class = DATA_CLASSES.get(payload["event"])
    return WebhookEvent(
        event=payload["event"],
        timestamp=payload["timestamp"],
        webhook_id=payload.get("webhookId"),
        delivery_id=payload["deliveryId"],
        organization=Organization(id=organization.get("id"), name=organization.get("name")),
        data=data_class.from_json(data) if data_class else data,
        raw=payload,
    )
