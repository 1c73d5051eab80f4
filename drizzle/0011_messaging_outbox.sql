CREATE TABLE `customer_message_prefs` (
	`customer_id` integer PRIMARY KEY NOT NULL,
	`channel` text,
	`opt_out` text DEFAULT '[]' NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `message_broadcasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body` text NOT NULL,
	`router_id` integer,
	`expires_on` text,
	`queued` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `message_channels` (
	`channel` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`config` text DEFAULT '{}' NOT NULL,
	`secret` text,
	`min_gap_ms` integer NOT NULL,
	`max_gap_ms` integer NOT NULL,
	`daily_cap` integer,
	`quiet_start` text,
	`quiet_end` text,
	`not_before` integer DEFAULT 0 NOT NULL,
	`counter_day` text,
	`sent_today` integer DEFAULT 0 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `message_kinds` (
	`kind` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`days` integer,
	`texts` text DEFAULT '{}' NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `message_link_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`customer_id` integer NOT NULL,
	`invoice_id` integer,
	`user_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `message_link_offers_customer_idx` ON `message_link_offers` (`customer_id`);--> statement-breakpoint
CREATE TABLE `message_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`customer_id` integer NOT NULL,
	`invoice_id` integer,
	`payment_id` integer,
	`broadcast_id` integer,
	`status` text DEFAULT 'queued' NOT NULL,
	`next_attempt_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_attempt_at` text,
	`provider` text,
	`recipient` text,
	`body` text,
	`provider_message_id` text,
	`provider_status` text,
	`reason` text,
	`detail` text,
	`sent_at` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_outbox_dedupe_uq` ON `message_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `message_outbox_due_idx` ON `message_outbox` (`channel`,`next_attempt_at`,`id`) WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX `message_outbox_status_idx` ON `message_outbox` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `message_outbox_customer_idx` ON `message_outbox` (`customer_id`,`id`);--> statement-breakpoint
CREATE INDEX `message_outbox_invoice_idx` ON `message_outbox` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `message_outbox_broadcast_idx` ON `message_outbox` (`broadcast_id`);