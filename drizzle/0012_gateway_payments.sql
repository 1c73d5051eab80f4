CREATE TABLE `gateway_credits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`merchant_ref` text NOT NULL,
	`provider_ref` text,
	`transaction_id` integer,
	`amount` integer NOT NULL,
	`outcome` text NOT NULL,
	`payment_id` integer,
	`via` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`transaction_id`) REFERENCES `gateway_transactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gateway_credits_ref_uq` ON `gateway_credits` (`provider`,`merchant_ref`);--> statement-breakpoint
CREATE TABLE `gateway_settings` (
	`provider` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`mode` text DEFAULT 'sandbox' NOT NULL,
	`credentials_enc` text,
	`methods` text DEFAULT '[]' NOT NULL,
	`fee_payer` text DEFAULT 'isp' NOT NULL,
	`base_url` text,
	`rate_per_second` integer DEFAULT 5 NOT NULL,
	`alert_after_minutes` integer DEFAULT 30 NOT NULL,
	`expiry_hours` integer DEFAULT 24 NOT NULL,
	`callbacks_enabled` integer DEFAULT false NOT NULL,
	`last_success_at` text,
	`last_error_at` text,
	`last_error` text,
	`failing_since` text,
	`updated_by` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `gateway_transaction_invoices` (
	`transaction_id` integer NOT NULL,
	`invoice_id` integer NOT NULL,
	`amount` integer NOT NULL,
	PRIMARY KEY(`transaction_id`, `invoice_id`),
	FOREIGN KEY (`transaction_id`) REFERENCES `gateway_transactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `gateway_tx_inv_idx` ON `gateway_transaction_invoices` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `gateway_transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_ref` text NOT NULL,
	`provider` text NOT NULL,
	`provider_ref` text,
	`customer_id` integer NOT NULL,
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
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gateway_tx_ref_uq` ON `gateway_transactions` (`merchant_ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `gateway_tx_provider_ref_uq` ON `gateway_transactions` (`provider`,`provider_ref`) WHERE provider_ref IS NOT NULL;--> statement-breakpoint
CREATE INDEX `gateway_tx_poll_idx` ON `gateway_transactions` (`next_poll_at`) WHERE next_poll_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `gateway_tx_customer_idx` ON `gateway_transactions` (`customer_id`);--> statement-breakpoint
CREATE INDEX `gateway_tx_created_idx` ON `gateway_transactions` (`created_at`);--> statement-breakpoint
CREATE TABLE `payment_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`provider` text,
	`reference` text NOT NULL,
	`transaction_id` integer,
	`customer_id` integer,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`detail` text,
	`status` text DEFAULT 'open' NOT NULL,
	`resolution` text,
	`payment_id` integer,
	`resolved_by` integer,
	`resolved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`transaction_id`) REFERENCES `gateway_transactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_reviews_ref_uq` ON `payment_reviews` (`source`,`provider`,`reference`);--> statement-breakpoint
CREATE INDEX `payment_reviews_status_idx` ON `payment_reviews` (`status`);