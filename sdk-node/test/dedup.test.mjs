// Deduplication by deliveryId: the in-memory store and the interface for the user's own store.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InMemoryDeliveryDeduplicator, firstTime, processOnce } from '@verk/webhooks';

describe('InMemoryDeliveryDeduplicator', () => {
  test('a completed delivery is never claimed again', () => {
    const dedup = new InMemoryDeliveryDeduplicator();
    assert.equal(dedup.tryClaim('delivery_1'), true);
    assert.equal(dedup.tryClaim('delivery_1'), false);
    dedup.complete('delivery_1');
    dedup.release('delivery_1');
    assert.equal(dedup.tryClaim('delivery_1'), false);
    assert.equal(dedup.tryClaim('delivery_2'), true);
  });

  test('a released claim can be claimed again', () => {
    const dedup = new InMemoryDeliveryDeduplicator();
    assert.equal(dedup.tryClaim('delivery_1'), true);
    dedup.release('delivery_1');
    assert.equal(dedup.tryClaim('delivery_1'), true);
  });

  test('an abandoned claim expires after the claim timeout on the injected clock', () => {
    let now = 1_000_000;
    const dedup = new InMemoryDeliveryDeduplicator({ claimTimeoutSeconds: 60, now: () => now });
    assert.equal(dedup.tryClaim('delivery_1'), true);
    now += 59_999;
    assert.equal(dedup.tryClaim('delivery_1'), false);
    now += 1;
    assert.equal(dedup.tryClaim('delivery_1'), true);
  });

  test('the least recently used ids are forgotten beyond the bound', () => {
    const dedup = new InMemoryDeliveryDeduplicator({ maxEntries: 2 });
    for (const id of ['a', 'b']) {
      dedup.tryClaim(id);
      dedup.complete(id);
    }
    assert.equal(dedup.tryClaim('a'), false); // touches a: b is now the eldest
    dedup.tryClaim('c');
    assert.equal(dedup.size, 2);
    assert.equal(dedup.tryClaim('a'), false);
    assert.equal(dedup.tryClaim('b'), true);
  });

  test('blank ids and bad settings are refused', () => {
    assert.throws(() => new InMemoryDeliveryDeduplicator().tryClaim(' '), TypeError);
    assert.throws(() => new InMemoryDeliveryDeduplicator({ maxEntries: 0 }), RangeError);
    assert.throws(() => new InMemoryDeliveryDeduplicator({ claimTimeoutSeconds: 0 }), RangeError);
  });
});

describe('processOnce and firstTime', () => {
  test('processOnce runs the work once and skips the duplicate', async () => {
    const dedup = new InMemoryDeliveryDeduplicator();
    const runs = [];
    assert.equal(await processOnce(dedup, 'delivery_1', () => runs.push(1)), true);
    assert.equal(await processOnce(dedup, 'delivery_1', () => runs.push(2)), false);
    assert.deepEqual(runs, [1]);
  });

  test('processOnce releases a delivery whose work failed, so a retry runs it', async () => {
    const dedup = new InMemoryDeliveryDeduplicator();
    await assert.rejects(
      processOnce(dedup, 'delivery_1', async () => {
        throw new Error('database down');
      }),
      /database down/,
    );
    assert.equal(await processOnce(dedup, 'delivery_1', () => undefined), true);
  });

  test("firstTime is the spec's seen-before check", async () => {
    const dedup = new InMemoryDeliveryDeduplicator();
    assert.equal(await firstTime(dedup, 'delivery_1'), true);
    assert.equal(await firstTime(dedup, 'delivery_1'), false);
  });

  test("a user's asynchronous store implementing the interface works with processOnce", async () => {
    // Stands for Redis SET NX or a table with a primary key: every call is a promise.
    const rows = new Map();
    const store = {
      async tryClaim(id) {
        if (rows.has(id)) return false;
        rows.set(id, 'claimed');
        return true;
      },
      async complete(id) {
        rows.set(id, 'done');
      },
      async release(id) {
        if (rows.get(id) !== 'done') rows.delete(id);
      },
    };
    const runs = [];
    assert.equal(await processOnce(store, 'delivery_1', async () => runs.push('a')), true);
    assert.equal(await processOnce(store, 'delivery_1', async () => runs.push('b')), false);
    assert.deepEqual(runs, ['a']);
    assert.equal(rows.get('delivery_1'), 'done');
  });
});
