// The spec's "Verify signature (Node.js)" snippet, verbatim (verk-webhooks.txt, "Verifying Webhooks").
const crypto = require('crypto')
function verifyWebhook(payload, signature, secret) {
const expectedSignature =
'sha256=' +
crypto.createHmac('sha256', secret).update(payload).digest('hex')
return crypto.timingSafeEqual(
Buffer.from(signature),
Buffer.from(expectedSignature)
)
}

module.exports = { verifyWebhook }
