"""Receive Verk webhooks in Python: verify, type, deduplicate, acknowledge at once.

Standard library only; Python 3.9 or later. See README.md.
"""

from ._headers import headers_from_environ
from .dedup import DeliveryDeduplicator, InMemoryDeliveryDeduplicator
from .event_types import *  # noqa: F401,F403 - every generated data class
from .event_types import DATA_CLASSES, EVENT_TYPES, EventData, EventType
from .events import Organization, WebhookEvent, parse_event
from .signer import TestDelivery, sign_webhook, signed_test_delivery
from .verifier import (
    VERK_SIGNATURE,
    VERK_SIGNATURE_PREVIOUS,
    WEBHOOK_ID,
    WEBHOOK_SIGNATURE,
    WEBHOOK_TIMESTAMP,
    FailureReason,
    Scheme,
    WebhookVerificationError,
    WebhookVerifier,
)
from .wsgi import WebhookApp

__all__ = [
    "DATA_CLASSES",
    "EVENT_TYPES",
    "DeliveryDeduplicator",
    "EventData",
    "EventType",
    "FailureReason",
    "InMemoryDeliveryDeduplicator",
    "Organization",
    "Scheme",
    "TestDelivery",
    "VERK_SIGNATURE",
    "VERK_SIGNATURE_PREVIOUS",
    "WEBHOOK_ID",
    "WEBHOOK_SIGNATURE",
    "WEBHOOK_TIMESTAMP",
    "WebhookApp",
    "WebhookEvent",
    "WebhookVerificationError",
    "WebhookVerifier",
    "headers_from_environ",
    "parse_event",
    "sign_webhook",
    "signed_test_delivery",
] + [cls.__name__ for cls in DATA_CLASSES.values()]

__version__ = "0.1.0"
