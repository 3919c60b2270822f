// The library against deliveries captured from the real server (sdk-fixtures/deliveries.json).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  EVENT_DATA_FIELDS,
  EVENT_TYPES,
  WebhookVerifier,
  isKnownEvent,
  signWebhook,
} from '@verk/webhooks';
import { at, captureFiles, catalog, jsonType } from './support.mjs';

const schemas = new Map(catalog.data.map((entry) => [entry.name, entry.schema]));

for (const { name, fixture } of captureFiles()) {
  describe(`deliveries captured from the real server (${name})`, () => {
    test('cover every event type of the catalog', () => {
      const delivered = new Set(fixture.deliveries.map((d) => d.headers['x-verk-event']));
      assert.deepEqual([...catalog.data.map((e) => e.name)].filter((t) => !delivered.has(t)), []);
      assert.ok(fixture.deliveries.length >= catalog.data.length);
    });

    test('every delivery verifies with both schemes and parses into its typed event', () => {
      for (const delivery of fixture.deliveries) {
        const verifier = new WebhookVerifier(fixture.secret, { now: at(delivery) });
        const event = verifier.verifyAndParse(Buffer.from(delivery.body, 'utf8'), delivery.headers);
        assert.ok(isKnownEvent(event), event.event);
        assert.equal(event.event, delivery.headers['x-verk-event']);
        assert.equal(event.deliveryId, delivery.headers['webhook-id']);
        assert.deepEqual(Object.keys(event.data).sort(), [...EVENT_DATA_FIELDS[event.event]].sort(), event.event);
      }
    });

    test('every data value has the type its JSON Schema declares', () => {
      for (const delivery of fixture.deliveries) {
        const event = JSON.parse(delivery.body);
        const { properties } = schemas.get(event.event);
        for (const [field, schema] of Object.entries(properties)) {
          const declared = [schema.type].flat();
          assert.ok(declared.includes(jsonType(event.data[field])), `${event.event}.${field}`);
          if (schema.enum && event.data[field] !== null) {
            assert.ok(schema.enum.includes(event.data[field]), `${event.event}.${field}`);
          }
        }
      }
    });

    test("the public signer reproduces the server's signature headers exactly", () => {
      for (const delivery of fixture.deliveries) {
        const headers = signWebhook(delivery.body, {
          secret: fixture.secret,
          timestamp: Number(delivery.headers['webhook-timestamp']) * 1000,
        });
        assert.equal(headers['X-Verk-Signature'], delivery.headers['x-verk-signature']);
        assert.equal(headers['webhook-id'], delivery.headers['webhook-id']);
        assert.equal(headers['webhook-signature'], delivery.headers['webhook-signature']);
        assert.equal(headers['X-Verk-Event'], delivery.headers['x-verk-event']);
      }
    });

    test('a delivery during a rotation overlap verifies with the new, the old or both secrets', () => {
      const { secret, previousSecret, delivery } = fixture.rotation;
      for (const secrets of [[secret], [previousSecret], [secret, previousSecret], [previousSecret, secret]]) {
        new WebhookVerifier(secrets, { now: at(delivery) }).verify(delivery.body, delivery.headers);
      }
      assert.equal(delivery.headers['webhook-signature'].split(' ').length, 2);
      assert.throws(
        () => new WebhookVerifier('another_secret', { now: at(delivery) }).verify(delivery.body, delivery.headers),
        { reason: 'MISMATCH' },
      );
      const signed = signWebhook(delivery.body, {
        secret,
        previousSecret,
        timestamp: Number(delivery.headers['webhook-timestamp']) * 1000,
      });
      assert.equal(signed['X-Verk-Signature-Previous'], delivery.headers['x-verk-signature-previous']);
      assert.equal(signed['webhook-signature'], delivery.headers['webhook-signature']);
    });

    test('only the previous secret no longer verifies once its signatures are gone', () => {
      const { previousSecret, delivery } = fixture.rotation;
      const headers = { ...delivery.headers };
      delete headers['x-verk-signature-previous'];
      headers['webhook-signature'] = headers['webhook-signature'].split(' ')[0];
      assert.throws(
        () => new WebhookVerifier(previousSecret, { now: at(delivery) }).verify(delivery.body, headers),
        { reason: 'MISMATCH' },
      );
    });

    test('a tampered body, id or timestamp is a MISMATCH', () => {
      const delivery = fixture.deliveries[0];
      const tampered = delivery.body.replace('"data":{', '"data":{"x":1,');
      assert.notEqual(tampered, delivery.body);
      const verifier = new WebhookVerifier(fixture.secret, { now: at(delivery) });
      assert.throws(() => verifier.verify(tampered, delivery.headers), { reason: 'MISMATCH' });
      const standardOnly = new WebhookVerifier(fixture.secret, { now: at(delivery), schemes: ['STANDARD_WEBHOOKS'] });
      assert.throws(() => standardOnly.verify(delivery.body, { ...delivery.headers, 'webhook-id': 'delivery_other' }), {
        reason: 'MISMATCH',
      });
      const oneSecondLater = String(Number(delivery.headers['webhook-timestamp']) + 1);
      assert.throws(
        () => standardOnly.verify(delivery.body, { ...delivery.headers, 'webhook-timestamp': oneSecondLater }),
        { reason: 'MISMATCH' },
      );
      const reserialised = JSON.stringify(JSON.parse(delivery.body), null, 2);
      assert.throws(() => verifier.verify(reserialised, delivery.headers), { reason: 'MISMATCH' });
    });

    test('a stale delivery is TIMESTAMP_TOO_OLD and one from the future TIMESTAMP_TOO_NEW', () => {
      const delivery = fixture.deliveries[0];
      const verify = (offset, toleranceSeconds) =>
        new WebhookVerifier(fixture.secret, { now: at(delivery, offset), toleranceSeconds }).verify(
          delivery.body,
          delivery.headers,
        );
      verify(300);
      verify(-300);
      assert.throws(() => verify(301), { reason: 'TIMESTAMP_TOO_OLD' });
      assert.throws(() => verify(-301), { reason: 'TIMESTAMP_TOO_NEW' });
      assert.throws(() => verify(3600), { reason: 'TIMESTAMP_TOO_OLD' });
      verify(3600, 3600);
    });
  });
}

test('the generated EVENT_TYPES are the catalog types in catalog order', () => {
  assert.deepEqual([...EVENT_TYPES], catalog.data.map((entry) => entry.name));
});
