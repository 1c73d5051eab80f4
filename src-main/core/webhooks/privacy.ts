/**
 * The webhook outbox as a personal-data domain: an erasure also strips the customer's name, address,
 * phone, e-mail, PPPoE username and free-text references from stored events (a pending delivery then
 * sends the stripped event). Nothing to export: the events repeat what the other domains export.
 */
import { redactCustomerEvents } from '../../data/webhooks/webhooks.repository';
import { registerPrivacyDomain } from '../privacy/registry';

registerPrivacyDomain({
  id: 'webhooks',
  export: () => ({}),
  erase: (call, subject) => ({ webhookEvents: redactCustomerEvents(call.app.sqlite, subject.customerId) }),
});
