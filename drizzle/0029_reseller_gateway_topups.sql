PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_gateway_transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_ref` text NOT NULL,
	`provider` text NOT NULL,
	`provider_ref` text,
	`customer_id` integer,
	`reseller_id` integer,
	`amount` integer NOT NULL,
	`fee_customer` integer DEFAULT 0 NOT NULL,
	`method` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`credit_state` text DEFAULT 'none' NOT NULL,
	`expires_at` text NOT NULL,
	`va_number` text,
	`bank` text,
	`biller_code` text,
	`qr_string` text,
	`pay_code` text,
	`checkout_url` text,
	`paid_amount` integer,
	`paid_at` text,
	`raw_status` text,
	`raw_last` text,
	`last_checked_at` text,
	`consecutive_errors` integer DEFAULT 0 NOT NULL,
	`next_poll_at` text,
	`payment_id` integer,
	`created_by` integer,
	`cancelled_at` text,
	`cancel_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "gateway_tx_one_payer" CHECK((customer_id IS NULL) <> (reseller_id IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_gateway_transactions`("id", "merchant_ref", "provider", "provider_ref", "customer_id", "reseller_id", "amount", "fee_customer", "method", "status", "credit_state", "expires_at", "va_number", "bank", "biller_code", "qr_string", "pay_code", "checkout_url", "paid_amount", "paid_at", "raw_status", "raw_last", "last_checked_at", "consecutive_errors", "next_poll_at", "payment_id", "created_by", "cancelled_at", "cancel_reason", "created_at", "updated_at") SELECT "id", "merchant_ref", "provider", "provider_ref", "customer_id", NULL, "amount", "fee_customer", "method", "status", "credit_state", "expires_at", "va_number", "bank", "biller_code", "qr_string", "pay_code", "checkout_url", "paid_amount", "paid_at", "raw_status", "raw_last", "last_checked_at", "consecutive_errors", "next_poll_at", "payment_id", "created_by", "cancelled_at", "cancel_reason", "created_at", "updated_at" FROM `gateway_transactions`;--> statement-breakpoint
DROP TABLE `gateway_transactions`;--> statement-breakpoint
ALTER TABLE `__new_gateway_transactions` RENAME TO `gateway_transactions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `gateway_tx_ref_uq` ON `gateway_transactions` (`merchant_ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `gateway_tx_provider_ref_uq` ON `gateway_transactions` (`provider`,`provider_ref`) WHERE provider_ref IS NOT NULL;--> statement-breakpoint
CREATE INDEX `gateway_tx_poll_idx` ON `gateway_transactions` (`next_poll_at`) WHERE next_poll_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `gateway_tx_customer_idx` ON `gateway_transactions` (`customer_id`);--> statement-breakpoint
CREATE INDEX `gateway_tx_reseller_idx` ON `gateway_transactions` (`reseller_id`) WHERE reseller_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `gateway_tx_created_idx` ON `gateway_transactions` (`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `reseller_ledger_gateway_ref_uq` ON `reseller_ledger` (`reference_number`) WHERE method = 'gateway' AND kind = 'topup';