"""Proves that a webhook request comes from Verk (the Java SDK's ``WebhookVerifier``)."""

import base64
import binascii
import enum
import hashlib
import hmac
import re
import time
from typing import Any, Callable, Iterable, List, Sequence, Union

from ._headers import header_lookup
from .events import WebhookEvent, parse_event

VERK_SIGNATURE = "X-Verk-Signature"
VERK_SIGNATURE_PREVIOUS = "X-Verk-Signature-Previous"
WEBHOOK_ID = "webhook-id"
WEBHOOK_TIMESTAMP = "webhook-timestamp"
WEBHOOK_SIGNATURE = "webhook-signature"

_WHSEC_PREFIX = "whsec_"
_HEX_SIGNATURE = re.compile(r"sha256=[0-9a-fA-F]{64}")
_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
_TIMESTAMP = re.compile(r"[0-9]{1,12}")

RawBody = Union[bytes, bytearray, memoryview, str]


class FailureReason(str, enum.Enum):
    """Why verification failed; the same reasons as the Java SDK's."""

    MISSING_HEADER = "MISSING_HEADER"
    """A required header (``X-Verk-Signature``, ``webhook-id``, ...) is absent or blank."""
    BAD_FORMAT = "BAD_FORMAT"
    """A header is present but not in the documented format (e.g. not ``sha256=<64 hex>``)."""
    MISMATCH = "MISMATCH"
    """Well formed, but no configured secret produces this signature."""
    TIMESTAMP_TOO_OLD = "TIMESTAMP_TOO_OLD"
    """``webhook-timestamp`` is further in the past than the tolerance (a possible replay)."""
    TIMESTAMP_TOO_NEW = "TIMESTAMP_TOO_NEW"
    """``webhook-timestamp`` is further in the future than the tolerance."""


class Scheme(str, enum.Enum):
    """The two signature schemes Verk sends."""

    VERK_SIGNATURE = "VERK_SIGNATURE"
    """``X-Verk-Signature: sha256=<hex>`` (and ``X-Verk-Signature-Previous``) over the body."""
    STANDARD_WEBHOOKS = "STANDARD_WEBHOOKS"
    """``webhook-id``, ``webhook-timestamp``, ``webhook-signature``, with the replay check."""


class WebhookVerificationError(Exception):
    """The request could not be proven to come from Verk: answer 401 and do not process it.

    ``reason`` says why; the message never contains the secret or the expected signature.
    """

    def __init__(self, reason: FailureReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class WebhookVerifier:
    """Checks both signature schemes, over the raw body bytes, in constant time.

    By default both schemes are required and ``webhook-timestamp`` must be within 5 minutes of
    now. During a secret rotation pass the new and the previous secret. Instances are immutable
    and thread-safe; share one::

        verifier = WebhookVerifier(os.environ["WEBHOOK_SECRET"])
        event = verifier.verify_and_parse(raw_body, request.headers)
    """

    DEFAULT_TOLERANCE_SECONDS = 300

    def __init__(
        self,
        secrets: Union[str, Sequence[str]],
        *,
        tolerance_seconds: float = DEFAULT_TOLERANCE_SECONDS,
        now: Callable[[], float] = time.time,
        schemes: Iterable[Union[Scheme, str]] = (Scheme.VERK_SIGNATURE, Scheme.STANDARD_WEBHOOKS),
    ) -> None:
        """
        :param secrets: the current secret, then any previous one still valid during a rotation;
            plain secrets and ``whsec_<base64>`` secrets are accepted
        :param tolerance_seconds: how far ``webhook-timestamp`` may be from now, both directions
        :param now: the current time in seconds since the epoch; tests pass a fixed one
        :param schemes: which signatures must be present and valid; ``VERK_SIGNATURE`` alone
            gives up replay protection
        """
        self._keys = _signing_keys([secrets] if isinstance(secrets, str) else list(secrets))
        if tolerance_seconds < 0:
            raise ValueError("tolerance_seconds must be zero or positive")
        self._tolerance = int(tolerance_seconds)
        self._now = now
        self._schemes = frozenset(Scheme(s) for s in schemes)
        if not self._schemes:
            raise ValueError("at least one scheme is required")

    def verify(self, body: RawBody, headers: Any) -> None:
        """Checks the signatures; raises :class:`WebhookVerificationError` when they do not hold."""
        data = raw_bytes(body)
        lookup = header_lookup(headers)
        if Scheme.VERK_SIGNATURE in self._schemes:
            self._verk_signature(data, lookup)
        if Scheme.STANDARD_WEBHOOKS in self._schemes:
            self._standard_webhooks(data, lookup)

    def verify_and_parse(self, body: RawBody, headers: Any) -> WebhookEvent:
        """Verifies, then parses the body into a typed :class:`WebhookEvent`."""
        self.verify(body, headers)
        return parse_event(raw_bytes(body))

    def _verk_signature(self, body: bytes, headers: Callable[[str], List[str]]) -> None:
        current = headers(VERK_SIGNATURE)
        if not current:
            raise WebhookVerificationError(
                FailureReason.MISSING_HEADER, "Missing header " + VERK_SIGNATURE
            )
        signatures = [_parse_verk_signature(VERK_SIGNATURE, current[0])]
        for previous in headers(VERK_SIGNATURE_PREVIOUS):
            signatures.append(_parse_verk_signature(VERK_SIGNATURE_PREVIOUS, previous))
        for key in self._keys:
            expected = hmac.new(key, body, hashlib.sha256).digest()
            if any(hmac.compare_digest(expected, s) for s in signatures):
                return
        raise WebhookVerificationError(
            FailureReason.MISMATCH,
            VERK_SIGNATURE
            + " does not match the body with any configured secret (check the secret, and that"
            " the raw body bytes are verified, not re-serialised JSON)",
        )

    def _standard_webhooks(self, body: bytes, headers: Callable[[str], List[str]]) -> None:
        webhook_id = _required(headers, WEBHOOK_ID)
        timestamp = _required(headers, WEBHOOK_TIMESTAMP)
        signature_header = " ".join(headers(WEBHOOK_SIGNATURE))
        if not signature_header:
            raise WebhookVerificationError(
                FailureReason.MISSING_HEADER, "Missing header " + WEBHOOK_SIGNATURE
            )
        if not _TIMESTAMP.fullmatch(timestamp):
            raise WebhookVerificationError(
                FailureReason.BAD_FORMAT, WEBHOOK_TIMESTAMP + " must be whole seconds since the epoch"
            )
        signatures = _parse_standard_signatures(signature_header)
        signed = (webhook_id + "." + timestamp + ".").encode("utf-8") + body
        matched = False
        for key in self._keys:
            expected = hmac.new(key, signed, hashlib.sha256).digest()
            for signature in signatures:
                # No early exit: the work done does not depend on which signature matched.
                matched = hmac.compare_digest(expected, signature) or matched
        if not matched:
            raise WebhookVerificationError(
                FailureReason.MISMATCH,
                WEBHOOK_SIGNATURE
                + " does not match webhook-id, webhook-timestamp and the body with any configured"
                " secret",
            )
        self._check_tolerance(int(timestamp))

    def _check_tolerance(self, seconds: int) -> None:
        now = int(self._now())
        allowed = self._tolerance
        if seconds < now - allowed:
            raise WebhookVerificationError(
                FailureReason.TIMESTAMP_TOO_OLD,
                "%s is %ds in the past, more than the tolerance of %ds (a replayed request, or a"
                " clock that is off)" % (WEBHOOK_TIMESTAMP, now - seconds, allowed),
            )
        if seconds > now + allowed:
            raise WebhookVerificationError(
                FailureReason.TIMESTAMP_TOO_NEW,
                "%s is %ds in the future, more than the tolerance of %ds (check this machine's"
                " clock)" % (WEBHOOK_TIMESTAMP, seconds - now, allowed),
            )


def raw_bytes(body: RawBody) -> bytes:
    """The body as bytes; refuses parsed JSON, which can no longer be verified."""
    if isinstance(body, bytes):
        return body
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    raise TypeError(
        "body must be the raw request body (bytes or str), not parsed JSON: in Flask use"
        " request.get_data(), in WSGI read environ['wsgi.input']"
    )


def _required(headers: Callable[[str], List[str]], name: str) -> str:
    values = headers(name)
    if not values:
        raise WebhookVerificationError(FailureReason.MISSING_HEADER, "Missing header " + name)
    return values[0]


def _parse_verk_signature(header: str, value: str) -> bytes:
    if not _HEX_SIGNATURE.fullmatch(value):
        raise WebhookVerificationError(
            FailureReason.BAD_FORMAT, header + " must look like sha256=<64 hex digits>"
        )
    return bytes.fromhex(value[len("sha256="):])


def _parse_standard_signatures(header: str) -> List[bytes]:
    signatures = []
    for entry in header.split():
        version, comma, encoded = entry.partition(",")
        if not comma:
            raise WebhookVerificationError(
                FailureReason.BAD_FORMAT, WEBHOOK_SIGNATURE + " entries must look like v1,<base64>"
            )
        # Other versions (e.g. asymmetric v1a) are for other verifiers; skip them.
        if version != "v1":
            continue
        decoded = _base64(encoded)
        if decoded is None:
            raise WebhookVerificationError(
                FailureReason.BAD_FORMAT, WEBHOOK_SIGNATURE + " has a v1 entry that is not base64"
            )
        signatures.append(decoded)
    if not signatures:
        raise WebhookVerificationError(
            FailureReason.BAD_FORMAT, WEBHOOK_SIGNATURE + " has no v1,<base64> entry"
        )
    return signatures


def _base64(text: str):
    if not _BASE64.fullmatch(text):
        return None
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def _signing_keys(secrets: List[str]) -> List[bytes]:
    """The HMAC keys the configured secrets stand for (see the Java SDK's ``SigningKeys``)."""
    if not secrets:
        raise ValueError("at least one webhook secret is required")
    keys = []
    for secret in secrets:
        if not isinstance(secret, str) or not secret:
            raise ValueError("a webhook secret must be a non-empty string")
        if secret.startswith(_WHSEC_PREFIX):
            decoded = _base64(secret[len(_WHSEC_PREFIX):])
            if decoded:
                keys.append(decoded)
        # Verk signs with the secret's UTF-8 bytes; a secret that merely looks like whsec_ must work.
        keys.append(secret.encode("utf-8"))
    return keys

