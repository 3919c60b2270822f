"""WebhookApp in a real WSGI server, fed captured deliveries, and the runnable example."""

import io
import os
import subprocess
import sys
import threading
import unittest
import urllib.error
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from verk_webhooks import (
    FailureReason,
    InMemoryDeliveryDeduplicator,
    TaskCreatedData,
    WebhookApp,
    WebhookVerifier,
    signed_test_delivery,
)

from .support import CAPTURED, at

DELIVERY = next(d for d in CAPTURED["deliveries"] if d["headers"]["x-verk-event"] == "task.created")
WAIT = 30  # seconds; an upper bound for events that are expected, never a sleep


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class _ThreadingServer(WSGIServer):
    daemon_threads = True


def post(url, body, headers):
    request = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=WAIT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


class WebhookAppTest(unittest.TestCase):
    def serve(self, app):
        server = make_server("127.0.0.1", 0, app, server_class=_ThreadingServer, handler_class=_Quiet)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(thread.join)
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        if isinstance(app, WebhookApp):
            self.addCleanup(app.shutdown)
        return "http://127.0.0.1:%d/webhook" % server.server_port

    def verifier(self):
        return WebhookVerifier(CAPTURED["secret"], now=at(DELIVERY))

    def test_answers_200_before_the_handler_has_finished_then_hands_it_the_typed_event(self):
        started, finish, handled = threading.Event(), threading.Event(), []

        def handler(event):
            handled.append(event)
            started.set()
            finish.wait(WAIT)

        url = self.serve(WebhookApp(self.verifier(), handler))
        self.addCleanup(finish.set)
        self.assertEqual(post(url, DELIVERY["body"], DELIVERY["headers"]), (200, "OK"))
        self.assertTrue(started.wait(WAIT))
        self.assertFalse(finish.is_set())  # the handler is still running: the 200 did not wait for it
        self.assertIsInstance(handled[0].data, TaskCreatedData)
        self.assertEqual(handled[0].delivery_id, DELIVERY["headers"]["webhook-id"])

    def test_acknowledges_a_duplicate_delivery_and_does_not_process_it_again(self):
        processed, duplicate, handled = threading.Event(), threading.Event(), []
        dedup = InMemoryDeliveryDeduplicator()

        def handler(event):
            handled.append(event)
            processed.set()

        url = self.serve(WebhookApp(self.verifier(), handler, deduplicator=dedup,
                                    on_duplicate=lambda event: duplicate.set()))
        self.assertEqual(post(url, DELIVERY["body"], DELIVERY["headers"])[0], 200)
        self.assertTrue(processed.wait(WAIT))
        self.assertEqual(post(url, DELIVERY["body"], DELIVERY["headers"])[0], 200)
        self.assertTrue(duplicate.wait(WAIT))
        self.assertEqual(len(handled), 1)

    def test_answers_401_to_a_tampered_body_and_never_calls_the_handler(self):
        rejected, handled = [], []
        url = self.serve(WebhookApp(self.verifier(), handled.append, on_rejected=lambda e: rejected.append(e.reason)))
        tampered = DELIVERY["body"].replace('"data":{', '"data":{"x":1,')
        self.assertEqual(post(url, tampered, DELIVERY["headers"]), (401, "Invalid signature"))
        self.assertEqual(rejected, [FailureReason.MISMATCH])
        self.assertEqual(handled, [])

    def test_reports_a_failing_handler_to_on_error_after_answering_200(self):
        failed = threading.Event()
        errors = []

        def handler(event):
            raise RuntimeError("Slack is down")

        def on_error(error, event):
            errors.append((str(error), event.event))
            failed.set()

        url = self.serve(WebhookApp(self.verifier(), handler, on_error=on_error))
        self.assertEqual(post(url, DELIVERY["body"], DELIVERY["headers"])[0], 200)
        self.assertTrue(failed.wait(WAIT))
        self.assertEqual(errors, [("Slack is down", "task.created")])

    def test_refuses_bodies_above_the_limit_and_methods_other_than_post(self):
        url = self.serve(WebhookApp(self.verifier(), lambda event: None, max_body_bytes=100))
        self.assertEqual(post(url, DELIVERY["body"], DELIVERY["headers"])[0], 413)
        with self.assertRaises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(url, timeout=WAIT)
        self.assertEqual(caught.exception.code, 405)


class WebhookAppWithoutServerTest(unittest.TestCase):
    def test_reads_a_chunked_body_when_the_server_marks_the_end_of_the_input(self):
        handled = threading.Event()
        app = WebhookApp(WebhookVerifier(CAPTURED["secret"], now=at(DELIVERY)), lambda event: handled.set())
        self.addCleanup(app.shutdown)
        environ = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in DELIVERY["headers"].items()}
        environ.update({"REQUEST_METHOD": "POST", "wsgi.input_terminated": True,
                        "wsgi.input": io.BytesIO(DELIVERY["body"].encode("utf-8"))})
        statuses = []
        body = app(environ, lambda status, headers: statuses.append(status))
        self.assertEqual((statuses, body), (["200 OK"], [b"OK"]))
        self.assertTrue(handled.wait(WAIT))


class ExampleTest(unittest.TestCase):
    def test_the_wsgi_example_acknowledges_a_signed_delivery_and_then_processes_it(self):
        example = Path(__file__).resolve().parents[1] / "examples" / "wsgi_receiver.py"
        env = dict(os.environ, WEBHOOK_SECRET="example_secret", PORT="0")
        child = subprocess.Popen([sys.executable, str(example)], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
        self.addCleanup(child.wait, WAIT)
        self.addCleanup(child.stdout.close)
        self.addCleanup(child.terminate)
        listening = child.stdout.readline().strip()
        self.assertTrue(listening.startswith("listening on http://127.0.0.1:"), listening)
        url = listening[len("listening on "):]

        delivery = signed_test_delivery("task.created", {"id": "task_42", "title": "Ship it"}, "example_secret")
        self.assertEqual(post(url, delivery.body, delivery.headers), (200, "OK"))
        self.assertEqual(child.stdout.readline().strip(), "processed task.created task_42: Ship it")
        forged = dict(delivery.headers, **{"X-Verk-Signature": "sha256=" + "0" * 64})
        self.assertEqual(post(url, delivery.body, forged)[0], 401)


if __name__ == "__main__":
    unittest.main()
