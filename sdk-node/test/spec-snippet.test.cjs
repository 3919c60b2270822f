// The library (its CommonJS build) agrees with the spec's own Node.js snippet on the same bodies.
const assert = require('node:assert/strict');
const { test } = require('node:test');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { WebhookVerifier, signWebhook, signedTestDelivery } = require('@verk/webhooks');
const { verifyWebhook } = require('./spec-snippet.cjs');

const fixture = JSON.parse(readFileSync(path.join(__dirname, '../../sdk-fixtures/deliveries.json'), 'utf8'));
const at = (delivery) => () => Number(delivery.headers['webhook-timestamp']) * 1000;

test('the CommonJS build is what require() loads', () => {
  assert.equal(require.resolve('@verk/webhooks'), path.join(__dirname, '../dist/cjs/index.js'));
  assert.equal(typeof WebhookVerifier, 'function');
});

test("the spec's snippet and the library both accept every captured delivery", () => {
  for (const delivery of fixture.deliveries) {
    // As the spec's Express example: payload = req.body.toString() of express.raw()'s Buffer.
    const payload = Buffer.from(delivery.body, 'utf8').toString();
    assert.equal(verifyWebhook(payload, delivery.headers['x-verk-signature'], fixture.secret), true);
    new WebhookVerifier(fixture.secret, { now: at(delivery) }).verify(Buffer.from(payload), delivery.headers);
  }
});

test("the spec's snippet and the library both reject tampered bodies and wrong secrets", () => {
  for (const delivery of fixture.deliveries) {
    const tampered = delivery.body.replace('"event":"', '"event":"x');
    const verifier = new WebhookVerifier(fixture.secret, { now: at(delivery) });
    assert.equal(verifyWebhook(tampered, delivery.headers['x-verk-signature'], fixture.secret), false);
    assert.throws(() => verifier.verify(tampered, delivery.headers), { reason: 'MISMATCH' });
    assert.equal(verifyWebhook(delivery.body, delivery.headers['x-verk-signature'], 'wrong_secret'), false);
    assert.throws(
      () => new WebhookVerifier('wrong_secret', { now: at(delivery) }).verify(delivery.body, delivery.headers),
      { reason: 'MISMATCH' },
    );
  }
});

test("the spec's snippet accepts what the library's signer produces, non-ASCII bodies included", () => {
  const { body, headers } = signedTestDelivery(
    'task.created',
    { id: 'task_1', title: 'Café ✓ 日本語' },
    { secret: 'your_webhook_secret_12345' },
  );
  assert.equal(verifyWebhook(body, headers['X-Verk-Signature'], 'your_webhook_secret_12345'), true);
  new WebhookVerifier('your_webhook_secret_12345').verify(body, headers);
  const bare = signWebhook('{"event":"task.created"}', { secret: 's3cret' });
  assert.equal(verifyWebhook('{"event":"task.created"}', bare['X-Verk-Signature'], 's3cret'), true);
});
