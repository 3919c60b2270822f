// The middleware in a real Express app and a plain node:http server, fed captured deliveries.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { isEvent, verkWebhookMiddleware } from '@verk/webhooks';
import { at, captured } from './support.mjs';

const delivery = captured.deliveries.find((d) => d.headers['x-verk-event'] === 'task.created');
const SECRET = captured.secret;

/** A promise with its resolve function, to await callbacks without sleeping. */
function signal() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

function listen(handler) {
  return new Promise((resolve) => {
    const server = createServer(handler).listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function post(server, body, headers) {
  const { port } = server.address();
  const response = await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', body, headers });
  return { status: response.status, text: await response.text() };
}

describe('verkWebhookMiddleware in Express', () => {
  let server;
  const handled = [];
  let started = signal();
  let finish = signal();
  const duplicate = signal();
  const rejected = [];

  before(async () => {
    const app = express();
    app.post(
      '/webhook',
      verkWebhookMiddleware({
        secret: SECRET,
        now: at(delivery),
        handler: async (event) => {
          handled.push(event);
          started.resolve(event);
          await finish.promise;
        },
        onDuplicate: (event) => duplicate.resolve(event),
        onRejected: (error) => rejected.push(error.reason),
      }),
    );
    server = await listen(app);
  });

  after(() => server.close());

  test('answers 200 before the handler has finished, then hands it the typed event', async () => {
    const response = await post(server, delivery.body, delivery.headers);
    assert.deepEqual(response, { status: 200, text: 'OK' });
    const event = await started.promise; // the handler is still running: finish is not resolved
    assert.ok(isEvent(event, 'task.created'));
    assert.equal(event.data.title, JSON.parse(delivery.body).data.title);
    finish.resolve();
  });

  test('acknowledges a duplicate delivery and does not process it again', async () => {
    const response = await post(server, delivery.body, delivery.headers);
    assert.equal(response.status, 200);
    const event = await duplicate.promise;
    assert.equal(event.deliveryId, delivery.headers['webhook-id']);
    assert.equal(handled.length, 1);
  });

  test('answers 401 to a tampered body and never calls the handler', async () => {
    const response = await post(server, delivery.body.replace('"data":{', '"data":{"x":1,'), delivery.headers);
    assert.deepEqual(response, { status: 401, text: 'Invalid signature' });
    assert.deepEqual(rejected, ['MISMATCH']);
    assert.equal(handled.length, 1);
  });
});

describe('verkWebhookMiddleware behind body parsers and without Express', () => {
  test("works behind express.raw({ type: 'application/json' })", async () => {
    const got = signal();
    const app = express();
    app.post(
      '/webhook',
      express.raw({ type: 'application/json' }),
      verkWebhookMiddleware({ secret: SECRET, now: at(delivery), handler: (event) => got.resolve(event) }),
    );
    const server = await listen(app);
    try {
      assert.equal((await post(server, delivery.body, delivery.headers)).status, 200);
      assert.equal((await got.promise).deliveryId, delivery.headers['webhook-id']);
    } finally {
      server.close();
    }
  });

  test('fails loudly behind express.json(), which leaves nothing to verify', async () => {
    const calls = [];
    const app = express();
    app.use(express.json());
    app.post('/webhook', verkWebhookMiddleware({ secret: SECRET, now: at(delivery), handler: (e) => calls.push(e) }));
    app.use((error, _req, res, _next) => res.status(500).send(error.message));
    const server = await listen(app);
    try {
      const response = await post(server, delivery.body, delivery.headers);
      assert.equal(response.status, 500);
      assert.match(response.text, /express\.raw/);
      assert.equal(calls.length, 0);
    } finally {
      server.close();
    }
  });

  test('works as a plain node:http handler and reports a failing handler to onError', async () => {
    const failed = signal();
    const server = await listen(
      verkWebhookMiddleware({
        secret: SECRET,
        now: at(delivery),
        handler: () => {
          throw new Error('Slack is down');
        },
        onError: (error, event) => failed.resolve({ error, event }),
      }),
    );
    try {
      assert.equal((await post(server, delivery.body, delivery.headers)).status, 200);
      const { error, event } = await failed.promise;
      assert.equal(error.message, 'Slack is down');
      assert.equal(event.event, 'task.created');
    } finally {
      server.close();
    }
  });

  test('refuses a body above maxBodyBytes with 413', async () => {
    const server = await listen(
      verkWebhookMiddleware({ secret: SECRET, now: at(delivery), maxBodyBytes: 100, handler: () => undefined }),
    );
    try {
      assert.equal((await post(server, delivery.body, delivery.headers)).status, 413);
    } finally {
      server.close();
    }
  });
});
