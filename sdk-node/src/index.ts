export {
  FAILURE_REASONS,
  VERK_SIGNATURE,
  VERK_SIGNATURE_PREVIOUS,
  WEBHOOK_ID,
  WEBHOOK_SIGNATURE,
  WEBHOOK_TIMESTAMP,
  WebhookVerificationError,
  WebhookVerifier,
  type FailureReason,
  type RawBody,
  type Scheme,
  type VerifierOptions,
} from './verifier.js';
export type { HeadersInput } from './headers.js';
export type { Organization, WebhookEnvelope } from './envelope.js';
export {
  isEvent,
  isEventType,
  isKnownEvent,
  parseEvent,
  type EventOf,
  type UnknownEvent,
  type WebhookEvent,
} from './events.js';
export * from './events.generated.js';
export {
  InMemoryDeliveryDeduplicator,
  firstTime,
  processOnce,
  type DeliveryDeduplicator,
  type InMemoryOptions,
} from './dedup.js';
export { signWebhook, signedTestDelivery, type SignOptions, type TestDelivery } from './signer.js';
export { verkWebhookMiddleware, type MiddlewareOptions, type WebhookRequest } from './middleware.js';
