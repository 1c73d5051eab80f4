CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_row_id` integer NOT NULL,
	`endpoint_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_attempt_at` text,
	`last_status` integer,
	`last_error` text,
	`delivered_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`event_row_id`) REFERENCES `webhook_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint_idx` ON `webhook_deliveries` (`endpoint_id`,`id`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`description` text,
	`events` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`secret_enc` text NOT NULL,
	`secret_hint` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_event_id_uq` ON `webhook_events` (`event_id`);
--> statement-breakpoint
-- Hand-written (re-append after regenerating): the webhook outbox. Each trigger writes the event and one
-- delivery per enabled endpoint that wants it, in the transaction of the change itself (a rolled-back
-- payment leaves no event), whichever path made the change (desk, API, gateway, bank import, reseller…).
-- With no endpoint wanting the type, the WHEN clause is one look at an (almost always tiny) table.
-- The event row is the newest one (max(id)) in this single-writer transaction.
CREATE TRIGGER `webhook_payment_created` AFTER INSERT ON `payments`
WHEN EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = 'payment.created')
BEGIN
  INSERT INTO webhook_events(event_id, type, data)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'payment.created', json_object('id', NEW.id, 'paymentNumber', NEW.payment_number, 'customerId', NEW.customer_id, 'customerCode', (SELECT customer_code FROM customers WHERE id = NEW.customer_id), 'invoiceId', NEW.invoice_id, 'amount', NEW.amount, 'method', NEW.method, 'paymentDate', NEW.payment_date, 'paidAt', NEW.paid_at, 'referenceNumber', NEW.reference_number, 'status', NEW.status, 'voidedAt', NEW.voided_at, 'voidReason', NEW.void_reason));
  INSERT INTO webhook_deliveries(event_row_id, endpoint_id)
  SELECT (SELECT max(id) FROM webhook_events), e.id FROM webhook_endpoints e, json_each(e.events) j
  WHERE e.enabled = 1 AND j.value = 'payment.created';
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_payment_voided` AFTER UPDATE OF `status` ON `payments`
WHEN (NEW.status = 'void' AND OLD.status IS NOT 'void') AND EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = 'payment.voided')
BEGIN
  INSERT INTO webhook_events(event_id, type, data)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'payment.voided', json_object('id', NEW.id, 'paymentNumber', NEW.payment_number, 'customerId', NEW.customer_id, 'customerCode', (SELECT customer_code FROM customers WHERE id = NEW.customer_id), 'invoiceId', NEW.invoice_id, 'amount', NEW.amount, 'method', NEW.method, 'paymentDate', NEW.payment_date, 'paidAt', NEW.paid_at, 'referenceNumber', NEW.reference_number, 'status', NEW.status, 'voidedAt', NEW.voided_at, 'voidReason', NEW.void_reason));
  INSERT INTO webhook_deliveries(event_row_id, endpoint_id)
  SELECT (SELECT max(id) FROM webhook_events), e.id FROM webhook_endpoints e, json_each(e.events) j
  WHERE e.enabled = 1 AND j.value = 'payment.voided';
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_invoice_issued` AFTER INSERT ON `invoices`
WHEN EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = 'invoice.issued')
BEGIN
  INSERT INTO webhook_events(event_id, type, data)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'invoice.issued', json_object('id', NEW.id, 'invoiceNumber', NEW.invoice_number, 'customerId', NEW.customer_id, 'customerCode', (SELECT customer_code FROM customers WHERE id = NEW.customer_id), 'period', NEW.period, 'invoiceDate', NEW.invoice_date, 'dueDate', NEW.due_date, 'amount', NEW.amount, 'paidAmount', NEW.paid_amount, 'status', NEW.status));
  INSERT INTO webhook_deliveries(event_row_id, endpoint_id)
  SELECT (SELECT max(id) FROM webhook_events), e.id FROM webhook_endpoints e, json_each(e.events) j
  WHERE e.enabled = 1 AND j.value = 'invoice.issued';
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_invoice_paid` AFTER UPDATE OF `status` ON `invoices`
WHEN (NEW.status = 'paid' AND OLD.status IS NOT 'paid') AND EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = 'invoice.paid')
BEGIN
  INSERT INTO webhook_events(event_id, type, data)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'invoice.paid', json_object('id', NEW.id, 'invoiceNumber', NEW.invoice_number, 'customerId', NEW.customer_id, 'customerCode', (SELECT customer_code FROM customers WHERE id = NEW.customer_id), 'period', NEW.period, 'invoiceDate', NEW.invoice_date, 'dueDate', NEW.due_date, 'amount', NEW.amount, 'paidAmount', NEW.paid_amount, 'status', NEW.status));
  INSERT INTO webhook_deliveries(event_row_id, endpoint_id)
  SELECT (SELECT max(id) FROM webhook_events), e.id FROM webhook_endpoints e, json_each(e.events) j
  WHERE e.enabled = 1 AND j.value = 'invoice.paid';
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_invoice_voided` AFTER UPDATE OF `status` ON `invoices`
WHEN (NEW.status = 'void' AND OLD.status IS NOT 'void') AND EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = 'invoice.voided')
BEGIN
  INSERT INTO webhook_events(event_id, type, data)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'invoice.voided', json_object('id', NEW.id, 'invoiceNumber', NEW.invoice_number, 'customerId', NEW.customer_id, 'customerCode', (SELECT customer_code FROM customers WHERE id = NEW.customer_id), 'period', NEW.period, 'invoiceDate', NEW.invoice_date, 'dueDate', NEW.due_date, 'amount', NEW.amount, 'paidAmount', NEW.paid_amount, 'status', NEW.status));
  INSERT INTO webhook_deliveries(event_row_id, endpoint_id)
  SELECT (SELECT max(id) FROM webhook_events), e.id FROM webhook_endpoints e, json_each(e.events) j
  WHERE e.enabled = 1 AND j.value = 'invoice.voided';
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_customer_created` AFTER INSERT ON `customers`
WHEN EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = 'customer.created')
BEGIN
  INSERT INTO webhook_events(event_id, type, data)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'customer.created', json_object('id', NEW.id, 'customerCode', NEW.customer_code, 'name', NEW.name, 'address', NEW.address, 'phone', NEW.phone, 'email', NEW.email, 'status', NEW.status, 'joinDate', NEW.join_date, 'brandId', NEW.brand_id));
  INSERT INTO webhook_deliveries(event_row_id, endpoint_id)
  SELECT (SELECT max(id) FROM webhook_events), e.id FROM webhook_endpoints e, json_each(e.events) j
  WHERE e.enabled = 1 AND j.value = 'customer.created';
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_customer_updated` AFTER UPDATE OF `name`, `address`, `phone`, `email`, `status`, `brand_id` ON `customers`
WHEN (OLD.name IS NOT NEW.name OR OLD.address IS NOT NEW.address OR OLD.phone IS NOT NEW.phone OR OLD.email IS NOT NEW.email OR OLD.status IS NOT NEW.status OR OLD.brand_id IS NOT NEW.brand_id) AND EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = 'customer.updated')
BEGIN
  INSERT INTO webhook_events(event_id, type, data)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'customer.updated', json_object('id', NEW.id, 'customerCode', NEW.customer_code, 'name', NEW.name, 'address', NEW.address, 'phone', NEW.phone, 'email', NEW.email, 'status', NEW.status, 'joinDate', NEW.join_date, 'brandId', NEW.brand_id));
  INSERT INTO webhook_deliveries(event_row_id, endpoint_id)
  SELECT (SELECT max(id) FROM webhook_events), e.id FROM webhook_endpoints e, json_each(e.events) j
  WHERE e.enabled = 1 AND j.value = 'customer.updated';
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_account_isolated` AFTER UPDATE OF `isolated_at` ON `pppoe_accounts`
WHEN (OLD.isolated_at IS NULL AND NEW.isolated_at IS NOT NULL) AND EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = 'account.isolated')
BEGIN
  INSERT INTO webhook_events(event_id, type, data)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'account.isolated', json_object('id', NEW.id, 'customerId', NEW.customer_id, 'customerCode', (SELECT customer_code FROM customers WHERE id = NEW.customer_id), 'username', NEW.username, 'internetPackageId', NEW.internet_package_id, 'routerId', NEW.router_id, 'status', NEW.status, 'isolatedAt', NEW.isolated_at));
  INSERT INTO webhook_deliveries(event_row_id, endpoint_id)
  SELECT (SELECT max(id) FROM webhook_events), e.id FROM webhook_endpoints e, json_each(e.events) j
  WHERE e.enabled = 1 AND j.value = 'account.isolated';
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_account_restored` AFTER UPDATE OF `isolated_at` ON `pppoe_accounts`
WHEN (OLD.isolated_at IS NOT NULL AND NEW.isolated_at IS NULL AND NEW.status = 'active') AND EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = 'account.restored')
BEGIN
  INSERT INTO webhook_events(event_id, type, data)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'account.restored', json_object('id', NEW.id, 'customerId', NEW.customer_id, 'customerCode', (SELECT customer_code FROM customers WHERE id = NEW.customer_id), 'username', NEW.username, 'internetPackageId', NEW.internet_package_id, 'routerId', NEW.router_id, 'status', NEW.status, 'isolatedAt', NEW.isolated_at));
  INSERT INTO webhook_deliveries(event_row_id, endpoint_id)
  SELECT (SELECT max(id) FROM webhook_events), e.id FROM webhook_endpoints e, json_each(e.events) j
  WHERE e.enabled = 1 AND j.value = 'account.restored';
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_ticket_opened` AFTER INSERT ON `tickets`
WHEN EXISTS (SELECT 1 FROM webhook_endpoints e, json_each(e.events) j WHERE e.enabled = 1 AND j.value = 'ticket.opened')
BEGIN
  INSERT INTO webhook_events(event_id, type, data)
  VALUES ('evt_' || lower(hex(randomblob(16))), 'ticket.opened', json_object('id', NEW.id, 'customerId', NEW.customer_id, 'customerCode', (SELECT customer_code FROM customers WHERE id = NEW.customer_id), 'category', NEW.category, 'status', NEW.status, 'createdAt', NEW.created_at));
  INSERT INTO webhook_deliveries(event_row_id, endpoint_id)
  SELECT (SELECT max(id) FROM webhook_events), e.id FROM webhook_endpoints e, json_each(e.events) j
  WHERE e.enabled = 1 AND j.value = 'ticket.opened';
END;
