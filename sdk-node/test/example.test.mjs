// examples/express-receiver.mjs, run as a user would, receives a signed delivery.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { signedTestDelivery } from '@verk/webhooks';

test('the Express example acknowledges a signed delivery and then processes it', async (t) => {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../examples/express-receiver.mjs', import.meta.url))], {
    env: { ...process.env, WEBHOOK_SECRET: 'example_secret', PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => child.kill());
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const listening = (await lines.next()).value;
  const url = /listening on (\S+)/.exec(listening)?.[1];
  assert.ok(url, listening);

  const { body, headers } = signedTestDelivery('task.created', { id: 'task_42', title: 'Ship it' }, { secret: 'example_secret' });
  const response = await fetch(url, { method: 'POST', body, headers });
  assert.equal(response.status, 200);
  assert.equal((await lines.next()).value, 'processed task.created task_42: Ship it');

  const forged = await fetch(url, { method: 'POST', body, headers: { ...headers, 'X-Verk-Signature': `sha256=${'0'.repeat(64)}` } });
  assert.equal(forged.status, 401);
});
