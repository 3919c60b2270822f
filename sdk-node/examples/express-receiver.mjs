// A complete Verk receiver on Express, as the spec advises: verify the raw body (401 otherwise),
// answer 200 at once, process asynchronously, skip duplicate deliveries.
//
//   cd sdk-node && npm ci && npm run build
//   WEBHOOK_SECRET=your_webhook_secret_12345 PORT=3000 node examples/express-receiver.mjs
//
// During a secret rotation also set WEBHOOK_SECRET_PREVIOUS. Express is only a devDependency of
// the library: the middleware itself needs nothing but Node.
import express from 'express';
import { InMemoryDeliveryDeduplicator, isKnownEvent, verkWebhookMiddleware } from '@verk/webhooks';

const secrets = [process.env.WEBHOOK_SECRET, process.env.WEBHOOK_SECRET_PREVIOUS].filter(Boolean);
if (secrets.length === 0) {
  console.error('Set WEBHOOK_SECRET');
  process.exit(2);
}

const app = express();
app.post(
  '/webhook',
  verkWebhookMiddleware({
    secret: secrets,
    deduplicator: new InMemoryDeliveryDeduplicator({ maxEntries: 100_000 }),
    handler: processWebhookAsync,
    onRejected: (error) => console.warn(`rejected: ${error.reason}: ${error.message}`),
    onDuplicate: (event) => console.log(`duplicate ${event.deliveryId} skipped`),
    onError: (error, event) => console.error(`processing ${event.deliveryId} failed:`, error),
  }),
);

async function processWebhookAsync(event) {
  if (!isKnownEvent(event)) {
    console.log(`unknown event type ${event.event}: upgrade @verk/webhooks`);
    return;
  }
  switch (event.event) {
    case 'task.created':
      console.log(`processed task.created ${event.data.id}: ${event.data.title}`);
      break;
    case 'task.updated':
      console.log(`processed task.updated ${event.data.id}: ${Object.keys(event.data.changes).join(', ')}`);
      break;
    default:
      console.log(`processed ${event.event} ${event.deliveryId}`);
  }
}

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/webhook`);
});
process.on('SIGTERM', () => server.close());
