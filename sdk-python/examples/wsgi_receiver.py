"""A complete Verk receiver on plain WSGI (standard library only), as the spec advises:
verify the raw body (401 otherwise), answer 200 at once, process on a thread pool, skip
duplicate deliveries.

    cd sdk-python
    WEBHOOK_SECRET=your_webhook_secret_12345 PORT=8000 python3 examples/wsgi_receiver.py

During a secret rotation also set WEBHOOK_SECRET_PREVIOUS. In production run ``app`` under
gunicorn or uWSGI (``gunicorn 'examples.wsgi_receiver:app'``) instead of wsgiref.
"""

import os
import sys
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from verk_webhooks import InMemoryDeliveryDeduplicator, TaskCreatedData, TaskUpdatedData, WebhookApp  # noqa: E402


def process_webhook(event):
    """Runs on the app's thread pool, after Verk already has its 200."""
    if isinstance(event.data, TaskCreatedData):
        print("processed task.created %s: %s" % (event.data.id, event.data.title), flush=True)
    elif isinstance(event.data, TaskUpdatedData):
        print("processed task.updated %s: %s" % (event.data.id, ", ".join(event.data.changes)), flush=True)
    elif not event.known:
        print("unknown event type %s: upgrade verk-webhooks" % event.event, flush=True)
    else:
        print("processed %s %s" % (event.event, event.delivery_id), flush=True)


secrets = [s for s in (os.environ.get("WEBHOOK_SECRET"), os.environ.get("WEBHOOK_SECRET_PREVIOUS")) if s]
app = WebhookApp(
    secrets or ["unset"],
    process_webhook,
    deduplicator=InMemoryDeliveryDeduplicator(100_000),
    on_rejected=lambda e: print("rejected: %s: %s" % (e.reason.value, e), file=sys.stderr, flush=True),
    on_duplicate=lambda event: print("duplicate %s skipped" % event.delivery_id, flush=True),
)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # access logs to stderr only
        sys.stderr.write("%s\n" % (format % args))


if __name__ == "__main__":
    if not secrets:
        sys.exit("Set WEBHOOK_SECRET")
    with make_server("127.0.0.1", int(os.environ.get("PORT", "8000")), app, handler_class=QuietHandler) as server:
        print("listening on http://127.0.0.1:%d/webhook" % server.server_port, flush=True)
        try:
            server.serve_forever()
        finally:
            app.shutdown()
