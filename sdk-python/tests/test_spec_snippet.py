"""The library agrees with the spec's own Python snippet on the same bodies."""

import unittest

from verk_webhooks import FailureReason, WebhookVerificationError, WebhookVerifier, signed_test_delivery

from .spec_snippet import verify_webhook
from .support import CAPTURED, at


class SpecSnippetTest(unittest.TestCase):
    def test_the_spec_snippet_and_the_library_both_accept_every_captured_delivery(self):
        for delivery in CAPTURED["deliveries"]:
            with self.subTest(delivery["headers"]["x-verk-event"]):
                self.assertTrue(verify_webhook(delivery["body"], delivery["headers"]["x-verk-signature"],
                                               CAPTURED["secret"]))
                WebhookVerifier(CAPTURED["secret"], now=at(delivery)).verify(
                    delivery["body"].encode("utf-8"), delivery["headers"])

    def test_the_spec_snippet_and_the_library_both_reject_tampered_bodies_and_wrong_secrets(self):
        for delivery in CAPTURED["deliveries"]:
            tampered = delivery["body"].replace('"event":"', '"event":"x')
            signature = delivery["headers"]["x-verk-signature"]
            self.assertFalse(verify_webhook(tampered, signature, CAPTURED["secret"]))
            self.assertFalse(verify_webhook(delivery["body"], signature, "wrong_secret"))
            for secret, body in ((CAPTURED["secret"], tampered), ("wrong_secret", delivery["body"])):
                with self.assertRaises(WebhookVerificationError) as caught:
                    WebhookVerifier(secret, now=at(delivery)).verify(body, delivery["headers"])
                self.assertEqual(caught.exception.reason, FailureReason.MISMATCH)

    def test_the_spec_snippet_accepts_what_the_signer_produces_for_non_ascii_bodies(self):
        delivery = signed_test_delivery("task.created", {"id": "task_1", "title": "Café ✓ 日本語"},
                                        "your_webhook_secret_12345")
        self.assertIn("日本語", delivery.body)
        self.assertTrue(verify_webhook(delivery.body, delivery.headers["X-Verk-Signature"],
                                       "your_webhook_secret_12345"))
        WebhookVerifier("your_webhook_secret_12345").verify(delivery.body, delivery.headers)


if __name__ == "__main__":
    unittest.main()
