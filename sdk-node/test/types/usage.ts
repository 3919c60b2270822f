// Compiled (not run) by generated-types.test.mjs: the generated types narrow as documented.
import {
  WebhookVerifier,
  isEvent,
  isKnownEvent,
  type EventDataMap,
  type FailureReason,
  type TaskUpdatedData,
  type WebhookEvent,
} from '@verk/webhooks';

declare const body: Buffer;
declare const headers: Record<string, string | string[] | undefined>;
declare const request: import('node:http').IncomingMessage;
new WebhookVerifier('secret').verify(body, request.headers);
new WebhookVerifier('secret').verify('{"raw":"text"}', new Headers());

const event: WebhookEvent = new WebhookVerifier(['new', 'old']).verifyAndParse(body, headers);

if (isKnownEvent(event)) {
  switch (event.event) {
    case 'task.created': {
      const title: string = event.data.title;
      const status: 'todo' | 'in_progress' | 'done' = event.data.status;
      const due: string | null = event.data.dueDate;
      // @ts-expect-error task.created carries no changes
      void event.data.changes;
      void [title, status, due];
      break;
    }
    case 'task.updated': {
      const changes: TaskUpdatedData['changes'] = event.data.changes;
      void changes;
      break;
    }
    case 'member.role_changed': {
      const previous: 'owner' | 'admin' | 'member' = event.data.previousRole;
      void previous;
      break;
    }
    case 'file.uploaded': {
      const size: number = event.data.size;
      void size;
      break;
    }
    default:
      break;
  }
}

if (isEvent(event, 'project.deleted')) {
  const deletedAt: string = event.data.deletedAt;
  void deletedAt;
}

// @ts-expect-error not an event type of the catalog
const unknown: keyof EventDataMap = 'task.archived';
void unknown;

const reason: FailureReason = 'TIMESTAMP_TOO_OLD';
// @ts-expect-error not a failure reason
const wrong: FailureReason = 'EXPIRED';
void [reason, wrong];
