"""WebhookVerifier's contract, mirroring the Java SDK's WebhookVerifier and SignatureChecks."""

import base64
import email.message
import re
import unittest

from verk_webhooks import (
    FailureReason,
    Scheme,
    WebhookVerificationError,
    WebhookVerifier,
    headers_from_environ,
    sign_webhook,
    signed_test_delivery,
)

from .support import REPOSITORY

SECRET = "your_webhook_secret_12345"
NOW = 1705314600  # 2024-01-15T10:30:00Z
DELIVERY = signed_test_delivery("task.created", {"id": "task_1", "title": "Login"}, SECRET, timestamp=NOW)


def fixed():
    return NOW


class VerifierTest(unittest.TestCase):
    def reason_of(self, verify):
        with self.assertRaises(WebhookVerificationError) as caught:
            verify()
        self.assertNotIn(SECRET, str(caught.exception))
        return caught.exception.reason

    def test_failure_reasons_are_exactly_the_java_sdks_reason_constants(self):
        java = (REPOSITORY / "verk-sdk/src/main/java/com/verk/sdk/WebhookVerificationException.java").read_text()
        lines = java[java.index("enum Reason {"):].split("\n")[1:]
        body = lines[: lines.index("  }")]
        constants = [m.group(1) for m in (re.fullmatch(r"\s+([A-Z_]+),?", line) for line in body) if m]
        self.assertEqual([r.value for r in FailureReason], constants)

    def test_a_missing_or_blank_header_of_either_scheme_is_missing_header(self):
        verifier = WebhookVerifier(SECRET, now=fixed)
        for name in ("X-Verk-Signature", "webhook-id", "webhook-timestamp", "webhook-signature"):
            with self.subTest(name):
                headers = dict(DELIVERY.headers)
                del headers[name]
                self.assertEqual(self.reason_of(lambda: verifier.verify(DELIVERY.body, headers)),
                                 FailureReason.MISSING_HEADER)
                blank = dict(DELIVERY.headers, **{name: "  "})
                self.assertEqual(self.reason_of(lambda: verifier.verify(DELIVERY.body, blank)),
                                 FailureReason.MISSING_HEADER)

    def test_malformed_headers_are_bad_format(self):
        verifier = WebhookVerifier(SECRET, now=fixed)
        cases = {
            "X-Verk-Signature": ["abc", "sha256=xyz", "sha1=" + "a" * 64, "sha256=" + "g" * 64],
            "X-Verk-Signature-Previous": ["sha256=short"],
            "webhook-timestamp": ["soon", "-1", "1705314600.5", "1234567890123"],
            "webhook-signature": ["nocomma", "v1,not-base64!", "v2,abc="],
        }
        for name, values in cases.items():
            for value in values:
                with self.subTest(name=name, value=value):
                    headers = dict(DELIVERY.headers, **{name: value})
                    self.assertEqual(self.reason_of(lambda: verifier.verify(DELIVERY.body, headers)),
                                     FailureReason.BAD_FORMAT)

    def test_upper_case_hex_is_accepted_and_other_signature_versions_are_skipped(self):
        headers = dict(DELIVERY.headers)
        headers["X-Verk-Signature"] = "sha256=" + headers["X-Verk-Signature"][7:].upper()
        headers["webhook-signature"] = "v1a,c29tZQ== " + headers["webhook-signature"]
        WebhookVerifier(SECRET, now=fixed).verify(DELIVERY.body, headers)

    def test_a_whsec_secret_works_in_base64_form_and_as_its_literal_text(self):
        whsec = "whsec_" + base64.b64encode(SECRET.encode()).decode()
        WebhookVerifier(whsec, now=fixed).verify(DELIVERY.body, DELIVERY.headers)
        literal = signed_test_delivery("task.created", {}, "whsec_notbase64!", timestamp=NOW)
        WebhookVerifier("whsec_notbase64!", now=fixed).verify(literal.body, literal.headers)

    def test_several_secrets_verify_what_any_of_them_signed_and_nothing_else(self):
        verifier = WebhookVerifier(["new_secret", SECRET], now=fixed)
        verifier.verify(DELIVERY.body, DELIVERY.headers)
        other = signed_test_delivery("task.created", {}, "third_secret", timestamp=NOW)
        self.assertEqual(self.reason_of(lambda: verifier.verify(other.body, other.headers)),
                         FailureReason.MISMATCH)

    def test_no_secret_an_empty_one_or_bad_settings_are_refused_when_the_verifier_is_made(self):
        for make in (lambda: WebhookVerifier([]), lambda: WebhookVerifier(""),
                     lambda: WebhookVerifier(SECRET, tolerance_seconds=-1),
                     lambda: WebhookVerifier(SECRET, schemes=[])):
            with self.assertRaises(ValueError):
                make()

    def test_headers_are_found_without_regard_to_case_in_every_shape_frameworks_use(self):
        verifier = WebhookVerifier(SECRET, now=fixed)
        lower = {k.lower(): v for k, v in DELIVERY.headers.items()}
        upper = {k.upper(): [v] for k, v in DELIVERY.headers.items()}
        message = email.message.Message()
        for k, v in DELIVERY.headers.items():
            message[k] = v
        environ = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in DELIVERY.headers.items()}
        for headers in (lower, upper, message, lower.get, headers_from_environ(environ)):
            with self.subTest(type(headers).__name__):
                verifier.verify(DELIVERY.body, headers)

    def test_the_body_may_be_bytes_bytearray_memoryview_or_the_exact_text_never_parsed_json(self):
        verifier = WebhookVerifier(SECRET, now=fixed)
        raw = DELIVERY.body.encode("utf-8")
        for body in (raw, bytearray(raw), memoryview(raw), DELIVERY.body):
            verifier.verify(body, DELIVERY.headers)
        with self.assertRaisesRegex(TypeError, "get_data"):
            verifier.verify({"event": "task.created"}, DELIVERY.headers)

    def test_verify_and_parse_returns_the_envelope_and_refuses_a_verified_body_that_is_not_one(self):
        event = WebhookVerifier(SECRET, now=fixed).verify_and_parse(DELIVERY.body, DELIVERY.headers)
        self.assertEqual(event.event, "task.created")
        self.assertEqual(event.data.title, "Login")
        self.assertEqual(event.organization.id, "org_test")
        headers = sign_webhook("not json", SECRET, timestamp=NOW)
        with self.assertRaises(ValueError):
            WebhookVerifier(SECRET, now=fixed).verify_and_parse("not json", headers)

    def test_an_unknown_event_type_parses_with_its_data_as_a_dict(self):
        delivery = signed_test_delivery("sprint.started", {"id": "sprint_1"}, SECRET, timestamp=NOW)
        event = WebhookVerifier(SECRET, now=fixed).verify_and_parse(delivery.body, delivery.headers)
        self.assertFalse(event.known)
        self.assertEqual(event.data, {"id": "sprint_1"})

    def test_checking_only_x_verk_signature_needs_no_standard_headers_and_has_no_replay_check(self):
        verifier = WebhookVerifier(SECRET, now=lambda: NOW + 86400, schemes=[Scheme.VERK_SIGNATURE])
        verifier.verify(DELIVERY.body, {"X-Verk-Signature": DELIVERY.headers["X-Verk-Signature"]})

    def test_checking_only_standard_webhooks_needs_no_x_verk_signature(self):
        headers = dict(DELIVERY.headers)
        del headers["X-Verk-Signature"]
        WebhookVerifier(SECRET, now=fixed, schemes=["STANDARD_WEBHOOKS"]).verify(DELIVERY.body, headers)
        self.assertEqual(self.reason_of(lambda: WebhookVerifier(SECRET, now=fixed).verify(DELIVERY.body, headers)),
                         FailureReason.MISSING_HEADER)

    def test_the_tolerance_is_measured_against_the_injected_clock(self):
        late = WebhookVerifier(SECRET, now=lambda: NOW + 301)
        self.assertEqual(self.reason_of(lambda: late.verify(DELIVERY.body, DELIVERY.headers)),
                         FailureReason.TIMESTAMP_TOO_OLD)
        early = WebhookVerifier(SECRET, now=lambda: NOW - 301)
        self.assertEqual(self.reason_of(lambda: early.verify(DELIVERY.body, DELIVERY.headers)),
                         FailureReason.TIMESTAMP_TOO_NEW)
        WebhookVerifier(SECRET, now=lambda: NOW + 600, tolerance_seconds=600).verify(DELIVERY.body, DELIVERY.headers)

    def test_a_forged_signature_is_a_mismatch_even_when_the_timestamp_is_stale(self):
        verifier = WebhookVerifier(SECRET, now=lambda: NOW + 3600, schemes=[Scheme.STANDARD_WEBHOOKS])
        forged = dict(DELIVERY.headers, **{"webhook-signature": "v1," + base64.b64encode(bytes(32)).decode()})
        self.assertEqual(self.reason_of(lambda: verifier.verify(DELIVERY.body, forged)), FailureReason.MISMATCH)


if __name__ == "__main__":
    unittest.main()
