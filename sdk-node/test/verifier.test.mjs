// WebhookVerifier's contract, mirroring the Java SDK's WebhookVerifier and SignatureChecks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  FAILURE_REASONS,
  WebhookVerificationError,
  WebhookVerifier,
  signWebhook,
  signedTestDelivery,
} from '@verk/webhooks';

const SECRET = 'your_webhook_secret_12345';
const NOW = Date.UTC(2024, 0, 15, 10, 30, 0);
const fixed = () => NOW;
const delivery = signedTestDelivery('task.created', { id: 'task_1', title: 'Login' }, { secret: SECRET, timestamp: NOW });

function reasonOf(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof WebhookVerificationError, String(error));
    assert.ok(!error.message.includes(SECRET), 'the message never contains the secret');
    return error.reason;
  }
  assert.fail('verification did not fail');
}

describe('failure reasons', () => {
  test("are exactly the Java SDK's WebhookVerificationException.Reason constants", () => {
    const java = readFileSync(
      new URL('../../verk-sdk/src/main/java/com/verk/sdk/WebhookVerificationException.java', import.meta.url),
      'utf8',
    );
    const lines = java.slice(java.indexOf('enum Reason {')).split('\n');
    const body = lines.slice(1, lines.findIndex((line) => line === '  }'));
    const constants = body.map((line) => /^\s+([A-Z_]+),?$/.exec(line)?.[1]).filter(Boolean);
    assert.deepEqual([...FAILURE_REASONS], constants);
  });

  test('name a missing header of either scheme as MISSING_HEADER', () => {
    const verifier = new WebhookVerifier(SECRET, { now: fixed });
    for (const name of ['X-Verk-Signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const headers = { ...delivery.headers };
      delete headers[name];
      assert.equal(reasonOf(() => verifier.verify(delivery.body, headers)), 'MISSING_HEADER', name);
      assert.equal(reasonOf(() => verifier.verify(delivery.body, { ...delivery.headers, [name]: '  ' })), 'MISSING_HEADER');
    }
  });

  test('call malformed headers BAD_FORMAT', () => {
    const verifier = new WebhookVerifier(SECRET, { now: fixed });
    const cases = {
      'X-Verk-Signature': ['abc', 'sha256=xyz', `sha1=${'a'.repeat(64)}`, `sha256=${'g'.repeat(64)}`],
      'X-Verk-Signature-Previous': ['sha256=short'],
      'webhook-timestamp': ['soon', '-1', '1705314600.5', '1234567890123'],
      'webhook-signature': ['nocomma', 'v1,not-base64!', 'v2,abc='],
    };
    for (const [name, values] of Object.entries(cases)) {
      for (const value of values) {
        assert.equal(
          reasonOf(() => verifier.verify(delivery.body, { ...delivery.headers, [name]: value })),
          'BAD_FORMAT',
          `${name}: ${value}`,
        );
      }
    }
  });

  test('accept upper-case hex and skip signature versions other than v1', () => {
    const verifier = new WebhookVerifier(SECRET, { now: fixed });
    const headers = {
      ...delivery.headers,
      'X-Verk-Signature': delivery.headers['X-Verk-Signature'].replace(/^sha256=(.*)$/, (_, hex) => `sha256=${hex.toUpperCase()}`),
      'webhook-signature': `v1a,c29tZQ== ${delivery.headers['webhook-signature']}`,
    };
    verifier.verify(delivery.body, headers);
  });
});

describe('secrets', () => {
  test('a whsec_ secret works in base64 form and as its literal text', () => {
    const whsec = `whsec_${Buffer.from(SECRET, 'utf8').toString('base64')}`;
    new WebhookVerifier(whsec, { now: fixed }).verify(delivery.body, delivery.headers);
    const literal = signedTestDelivery('task.created', {}, { secret: 'whsec_notbase64!', timestamp: NOW });
    new WebhookVerifier('whsec_notbase64!', { now: fixed }).verify(literal.body, literal.headers);
  });

  test('several secrets verify what any of them signed, and nothing else', () => {
    const verifier = new WebhookVerifier(['new_secret', SECRET], { now: fixed });
    verifier.verify(delivery.body, delivery.headers);
    const other = signedTestDelivery('task.created', {}, { secret: 'third_secret', timestamp: NOW });
    assert.equal(reasonOf(() => verifier.verify(other.body, other.headers)), 'MISMATCH');
  });

  test('no secret, or an empty one, is refused when the verifier is made', () => {
    assert.throws(() => new WebhookVerifier([]), RangeError);
    assert.throws(() => new WebhookVerifier(''), RangeError);
    assert.throws(() => new WebhookVerifier(SECRET, { toleranceSeconds: -1 }), RangeError);
    assert.throws(() => new WebhookVerifier(SECRET, { schemes: [] }), RangeError);
  });
});

describe('inputs', () => {
  test('headers are found without regard to case in every shape frameworks use', () => {
    const verifier = new WebhookVerifier(SECRET, { now: fixed });
    const lower = Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const upper = Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k.toUpperCase(), [v]]));
    verifier.verify(delivery.body, lower);
    verifier.verify(delivery.body, upper);
    verifier.verify(delivery.body, new Headers(delivery.headers));
    verifier.verify(delivery.body, new Map(Object.entries(upper)));
    verifier.verify(delivery.body, (name) => lower[name]);
  });

  test('the body may be a Buffer, a Uint8Array, an ArrayBuffer or the exact text, never parsed JSON', () => {
    const verifier = new WebhookVerifier(SECRET, { now: fixed });
    const bytes = Buffer.from(delivery.body, 'utf8');
    verifier.verify(bytes, delivery.headers);
    verifier.verify(new Uint8Array(bytes), delivery.headers);
    verifier.verify(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), delivery.headers);
    verifier.verify(delivery.body, delivery.headers);
    assert.throws(() => verifier.verify(JSON.parse(delivery.body), delivery.headers), /express\.raw/);
  });

  test('verifyAndParse returns the envelope and refuses a verified body that is not one', () => {
    const event = new WebhookVerifier(SECRET, { now: fixed }).verifyAndParse(delivery.body, delivery.headers);
    assert.equal(event.event, 'task.created');
    assert.equal(event.data.title, 'Login');
    assert.equal(event.deliveryId, delivery.headers['webhook-id']);
    const notJson = signWebhook('not json', { secret: SECRET, timestamp: NOW });
    assert.throws(() => new WebhookVerifier(SECRET, { now: fixed }).verifyAndParse('not json', notJson), TypeError);
  });
});

describe('schemes and tolerance', () => {
  test('checking only X-Verk-Signature needs no Standard Webhooks headers and has no replay check', () => {
    const verifier = new WebhookVerifier(SECRET, { now: () => NOW + 86_400_000, schemes: ['VERK_SIGNATURE'] });
    verifier.verify(delivery.body, {
      'X-Verk-Signature': delivery.headers['X-Verk-Signature'],
    });
  });

  test('checking only Standard Webhooks needs no X-Verk-Signature', () => {
    const headers = { ...delivery.headers };
    delete headers['X-Verk-Signature'];
    new WebhookVerifier(SECRET, { now: fixed, schemes: ['STANDARD_WEBHOOKS'] }).verify(delivery.body, headers);
    assert.equal(reasonOf(() => new WebhookVerifier(SECRET, { now: fixed }).verify(delivery.body, headers)), 'MISSING_HEADER');
  });

  test('the tolerance is measured against the injected clock, a Date or epoch milliseconds', () => {
    const late = new WebhookVerifier(SECRET, { now: () => new Date(NOW + 301_000) });
    assert.equal(reasonOf(() => late.verify(delivery.body, delivery.headers)), 'TIMESTAMP_TOO_OLD');
    const early = new WebhookVerifier(SECRET, { now: () => NOW - 301_000 });
    assert.equal(reasonOf(() => early.verify(delivery.body, delivery.headers)), 'TIMESTAMP_TOO_NEW');
    new WebhookVerifier(SECRET, { now: () => NOW + 600_000, toleranceSeconds: 600 }).verify(delivery.body, delivery.headers);
  });

  test('a forged signature is a MISMATCH even when the timestamp is stale', () => {
    const verifier = new WebhookVerifier(SECRET, { now: () => NOW + 3_600_000, schemes: ['STANDARD_WEBHOOKS'] });
    const forged = { ...delivery.headers, 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}` };
    assert.equal(reasonOf(() => verifier.verify(delivery.body, forged)), 'MISMATCH');
  });
});
