"""The library against deliveries captured from the real server (sdk-fixtures/deliveries.json)."""

import dataclasses
import json
import unittest

from verk_webhooks import (
    DATA_CLASSES,
    EVENT_TYPES,
    FailureReason,
    Scheme,
    WebhookVerificationError,
    WebhookVerifier,
    sign_webhook,
)

from .support import CATALOG, at, capture_files, json_type

SCHEMAS = {entry["name"]: entry["schema"] for entry in CATALOG["data"]}


class CapturedDeliveriesTest(unittest.TestCase):
    def assert_reason(self, reason, verify):
        with self.assertRaises(WebhookVerificationError) as caught:
            verify()
        self.assertEqual(caught.exception.reason, reason)

    def test_captured_deliveries_cover_every_event_type_of_the_catalog(self):
        for name, fixture in capture_files():
            with self.subTest(name):
                delivered = {d["headers"]["x-verk-event"] for d in fixture["deliveries"]}
                self.assertEqual([t for t in SCHEMAS if t not in delivered], [])

    def test_every_delivery_verifies_with_both_schemes_and_parses_into_its_data_class(self):
        for name, fixture in capture_files():
            for delivery in fixture["deliveries"]:
                with self.subTest(name, event=delivery["headers"]["x-verk-event"]):
                    verifier = WebhookVerifier(fixture["secret"], now=at(delivery))
                    event = verifier.verify_and_parse(delivery["body"].encode("utf-8"), delivery["headers"])
                    self.assertTrue(event.known)
                    self.assertEqual(event.event, delivery["headers"]["x-verk-event"])
                    self.assertEqual(event.delivery_id, delivery["headers"]["webhook-id"])
                    self.assertIsInstance(event.data, DATA_CLASSES[event.event])
                    self.assertEqual(event.data.EVENT_TYPE, event.event)
                    raw = json.loads(delivery["body"])["data"]
                    json_names = [f.metadata["json"] for f in dataclasses.fields(event.data)]
                    self.assertEqual(sorted(json_names), sorted(raw))
                    for f in dataclasses.fields(event.data):
                        if f.name != "changes":
                            self.assertEqual(getattr(event.data, f.name), raw[f.metadata["json"]])

    def test_every_data_value_has_the_type_its_json_schema_declares(self):
        for name, fixture in capture_files():
            for delivery in fixture["deliveries"]:
                payload = json.loads(delivery["body"])
                for field, schema in SCHEMAS[payload["event"]]["properties"].items():
                    with self.subTest(name, field="%s.%s" % (payload["event"], field)):
                        declared = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
                        value = payload["data"][field]
                        self.assertIn(json_type(value), declared)
                        if "enum" in schema and value is not None:
                            self.assertIn(value, schema["enum"])

    def test_task_updated_changes_are_typed_entries_with_from_and_to(self):
        updates = [d for d in capture_files()[0][1]["deliveries"] if d["headers"]["x-verk-event"] == "task.updated"]
        self.assertTrue(updates)
        delivery = next(d for d in updates if '"priority":{"from":"medium","to":"high"}' in d["body"])
        event = WebhookVerifier(CapturedDeliveriesTest.secret(), now=at(delivery)).verify_and_parse(
            delivery["body"], delivery["headers"])
        self.assertEqual(event.data.changes["priority"].from_, "medium")
        self.assertEqual(event.data.changes["priority"].to, "high")

    def test_the_public_signer_reproduces_the_servers_signature_headers_exactly(self):
        for name, fixture in capture_files():
            for delivery in fixture["deliveries"]:
                with self.subTest(name, event=delivery["headers"]["x-verk-event"]):
                    headers = sign_webhook(delivery["body"], fixture["secret"],
                                           timestamp=int(delivery["headers"]["webhook-timestamp"]))
                    self.assertEqual(headers["X-Verk-Signature"], delivery["headers"]["x-verk-signature"])
                    self.assertEqual(headers["webhook-id"], delivery["headers"]["webhook-id"])
                    self.assertEqual(headers["webhook-signature"], delivery["headers"]["webhook-signature"])
                    self.assertEqual(headers["X-Verk-Event"], delivery["headers"]["x-verk-event"])

    def test_a_delivery_during_a_rotation_overlap_verifies_with_the_new_the_old_or_both_secrets(self):
        for name, fixture in capture_files():
            rotation = fixture["rotation"]
            new, old, delivery = rotation["secret"], rotation["previousSecret"], rotation["delivery"]
            for secrets in ([new], [old], [new, old], [old, new]):
                with self.subTest(name, secrets=len(secrets)):
                    WebhookVerifier(secrets, now=at(delivery)).verify(delivery["body"], delivery["headers"])
            self.assertEqual(len(delivery["headers"]["webhook-signature"].split(" ")), 2)
            self.assert_reason(FailureReason.MISMATCH, lambda: WebhookVerifier(
                "another_secret", now=at(delivery)).verify(delivery["body"], delivery["headers"]))
            signed = sign_webhook(delivery["body"], new, previous_secret=old,
                                  timestamp=int(delivery["headers"]["webhook-timestamp"]))
            self.assertEqual(signed["X-Verk-Signature-Previous"], delivery["headers"]["x-verk-signature-previous"])
            self.assertEqual(signed["webhook-signature"], delivery["headers"]["webhook-signature"])

    def test_the_previous_secret_alone_fails_once_its_signatures_are_gone(self):
        rotation = capture_files()[0][1]["rotation"]
        delivery = rotation["delivery"]
        headers = dict(delivery["headers"])
        del headers["x-verk-signature-previous"]
        headers["webhook-signature"] = headers["webhook-signature"].split(" ")[0]
        self.assert_reason(FailureReason.MISMATCH, lambda: WebhookVerifier(
            rotation["previousSecret"], now=at(delivery)).verify(delivery["body"], headers))

    def test_a_tampered_body_id_or_timestamp_is_a_mismatch(self):
        delivery = capture_files()[0][1]["deliveries"][0]
        secret = CapturedDeliveriesTest.secret()
        verifier = WebhookVerifier(secret, now=at(delivery))
        tampered = delivery["body"].replace('"data":{', '"data":{"x":1,')
        self.assertNotEqual(tampered, delivery["body"])
        self.assert_reason(FailureReason.MISMATCH, lambda: verifier.verify(tampered, delivery["headers"]))
        reserialised = json.dumps(json.loads(delivery["body"]), indent=2)
        self.assert_reason(FailureReason.MISMATCH, lambda: verifier.verify(reserialised, delivery["headers"]))
        standard = WebhookVerifier(secret, now=at(delivery), schemes=[Scheme.STANDARD_WEBHOOKS])
        other_id = dict(delivery["headers"], **{"webhook-id": "delivery_other"})
        self.assert_reason(FailureReason.MISMATCH, lambda: standard.verify(delivery["body"], other_id))
        later = str(int(delivery["headers"]["webhook-timestamp"]) + 1)
        other_time = dict(delivery["headers"], **{"webhook-timestamp": later})
        self.assert_reason(FailureReason.MISMATCH, lambda: standard.verify(delivery["body"], other_time))

    def test_a_stale_delivery_is_too_old_and_one_from_the_future_too_new(self):
        delivery = capture_files()[0][1]["deliveries"][0]

        def verify(offset, tolerance=300):
            WebhookVerifier(CapturedDeliveriesTest.secret(), now=at(delivery, offset),
                            tolerance_seconds=tolerance).verify(delivery["body"], delivery["headers"])

        verify(300)
        verify(-300)
        self.assert_reason(FailureReason.TIMESTAMP_TOO_OLD, lambda: verify(301))
        self.assert_reason(FailureReason.TIMESTAMP_TOO_NEW, lambda: verify(-301))
        self.assert_reason(FailureReason.TIMESTAMP_TOO_OLD, lambda: verify(3600))
        verify(3600, tolerance=3600)

    def test_the_generated_event_types_are_the_catalog_types_in_catalog_order(self):
        self.assertEqual(list(EVENT_TYPES), [entry["name"] for entry in CATALOG["data"]])

    @staticmethod
    def secret():
        return capture_files()[0][1]["secret"]


if __name__ == "__main__":
    unittest.main()
