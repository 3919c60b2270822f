# The spec's "Verify signature (Python)" snippet, verbatim (verk-webhooks.txt, "Verifying
# Webhooks"); the spec's text lost the indentation, restored here.
import hmac
import hashlib
def verify_webhook(payload, signature, secret):
    expected = 'sha256=' + hmac.new(
        secret.encode(),
        payload.encode(),
        hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(signature, expected)
