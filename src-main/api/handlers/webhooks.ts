import type { webhooksContract } from '../../../src-shared/contract/webhooks';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '../../core/webhooks/endpoints';
import { resendNow, sendTestWebhook } from '../../core/webhooks/send-now';
import type { HandlersFor } from '../handler';
// Registers the outbox's part of a personal-data erasure.
import '../../core/webhooks/privacy';

export const webhooksHandlers: HandlersFor<typeof webhooksContract> = {
  'webhooks.list': (_input, call) => listWebhookEndpoints(call),
  'webhooks.create': (input, call) => createWebhookEndpoint(call, input),
  'webhooks.update': (input, call) => updateWebhookEndpoint(call, input),
  'webhooks.rotateSecret': (input, call) => rotateWebhookSecret(call, input),
  'webhooks.delete': (input, call) => deleteWebhookEndpoint(call, input.id),
  'webhooks.test': (input, call) => sendTestWebhook(call, input.id),
  'webhooks.deliveries': (input, call) => listWebhookDeliveries(call, input),
  'webhooks.resend': (input, call) => resendNow(call, input.deliveryId),
};
