import type { WebhookDelivery } from '../../../src-shared/contract/webhooks';
import type { CallContext } from '../context';
import { webhookWorkerOf } from './background';
import { enqueueTestDelivery, findWebhookDelivery, resendWebhookDelivery } from './endpoints';
import { WebhookWorker } from './worker';

/**
 * "Kirim uji": writes a test event for the endpoint and sends it at once, through the running worker
 * (so it is not sent twice) or, without background work (CLI, tests), a worker of its own. The answer is
 * the delivery after that attempt: delivered, or the status/error and the next try.
 */
export async function sendTestWebhook(call: CallContext, endpointId: number): Promise<WebhookDelivery> {
  const id = enqueueTestDelivery(call, endpointId);
  await (webhookWorkerOf(call.app) ?? new WebhookWorker(call.app)).deliverNow(id);
  return findWebhookDelivery(call, id);
}

/** "Kirim ulang": a new delivery of the same event, sent at once like the test. */
export async function resendNow(call: CallContext, deliveryId: number): Promise<WebhookDelivery> {
  const id = resendWebhookDelivery(call, deliveryId);
  await (webhookWorkerOf(call.app) ?? new WebhookWorker(call.app)).deliverNow(id);
  return findWebhookDelivery(call, id);
}
