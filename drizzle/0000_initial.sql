CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`username` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`transport` text DEFAULT 'http' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `auth_sessions_token_uq` ON `auth_sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `auth_sessions_user_idx` ON `auth_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`run_key` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`result` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_uq` ON `job_runs` (`job`,`run_key`);--> statement-breakpoint
CREATE TABLE `sequences` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`full_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`must_change_password` integer DEFAULT false NOT NULL,
	`last_login_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` ("username" COLLATE NOCASE);--> statement-breakpoint
CREATE TABLE `customer_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`changed_on` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `csh_customer_idx` ON `customer_status_history` (`customer_id`);--> statement-breakpoint
CREATE INDEX `csh_changed_on_idx` ON `customer_status_history` (`changed_on`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_code` text NOT NULL,
	`name` text NOT NULL,
	`address` text,
	`phone` text,
	`email` text,
	`id_card` text,
	`status` text DEFAULT 'active' NOT NULL,
	`join_date` text NOT NULL,
	`deposit` integer DEFAULT 0 NOT NULL,
	`notes` text,
	`never_isolate` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`search_text` text GENERATED ALWAYS AS (lower(customer_code || ' ' || name || ' ' || coalesce(phone, '') || ' ' || replace(replace(coalesce(phone, ''), ' ', ''), '-', '') || ' ' || coalesce(email, '') || ' ' || coalesce(id_card, ''))) STORED,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_code_uq` ON `customers` (`customer_code`);--> statement-breakpoint
CREATE INDEX `customers_name_idx` ON `customers` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `customers_status_idx` ON `customers` (`status`);--> statement-breakpoint
CREATE INDEX `customers_join_date_idx` ON `customers` (`join_date`);--> statement-breakpoint
CREATE TABLE `internet_packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`bandwidth_up` integer NOT NULL,
	`bandwidth_down` integer NOT NULL,
	`price` integer DEFAULT 0 NOT NULL,
	`billing_cycle` text NOT NULL,
	`duration_days` integer NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`ip_pool` text,
	`profile_name` text NOT NULL,
	`features` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packages_name_uq` ON `internet_packages` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE UNIQUE INDEX `packages_profile_uq` ON `internet_packages` ("profile_name" COLLATE NOCASE);--> statement-breakpoint
CREATE TABLE `pppoe_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`internet_package_id` integer NOT NULL,
	`router_id` integer,
	`username` text NOT NULL,
	`password_enc` text NOT NULL,
	`static_ip` text,
	`profile_name` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`isolated_from_profile` text,
	`isolated_at` text,
	`caller_id` text,
	`last_login` text,
	`last_ip` text,
	`bytes_in` integer DEFAULT 0 NOT NULL,
	`bytes_out` integer DEFAULT 0 NOT NULL,
	`expires_at` text,
	`notes` text,
	`router_secret_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`internet_package_id`) REFERENCES `internet_packages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`router_id`) REFERENCES `routers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pppoe_username_uq` ON `pppoe_accounts` ("username" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `pppoe_customer_idx` ON `pppoe_accounts` (`customer_id`);--> statement-breakpoint
CREATE INDEX `pppoe_package_idx` ON `pppoe_accounts` (`internet_package_id`);--> statement-breakpoint
CREATE INDEX `pppoe_router_idx` ON `pppoe_accounts` (`router_id`);--> statement-breakpoint
CREATE INDEX `pppoe_status_idx` ON `pppoe_accounts` (`status`);--> statement-breakpoint
CREATE TABLE `routers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`host` text NOT NULL,
	`port` integer DEFAULT 8728 NOT NULL,
	`use_tls` integer DEFAULT false NOT NULL,
	`username` text NOT NULL,
	`password_enc` text,
	`isolir_profile` text DEFAULT 'ISOLIR' NOT NULL,
	`notes` text,
	`is_active` integer DEFAULT true NOT NULL,
	`state` text DEFAULT 'unknown' NOT NULL,
	`identity` text,
	`version` text,
	`uptime` text,
	`last_seen_at` text,
	`last_error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `routers_name_uq` ON `routers` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE TABLE `sync_ops` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`router_id` integer NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`payload` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`router_id`) REFERENCES `routers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sync_ops_router_status_idx` ON `sync_ops` (`router_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `traffic_samples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`router_id` integer,
	`at` text NOT NULL,
	`day` text NOT NULL,
	`bytes_in` integer NOT NULL,
	`bytes_out` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `pppoe_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`router_id`) REFERENCES `routers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `traffic_account_day_idx` ON `traffic_samples` (`account_id`,`day`);--> statement-breakpoint
CREATE INDEX `traffic_day_idx` ON `traffic_samples` (`day`);--> statement-breakpoint
CREATE TABLE `automation_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`action` text NOT NULL,
	`customer_id` integer,
	`account_id` integer,
	`invoice_id` integer,
	`detail` text,
	`result` text DEFAULT 'ok' NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `pppoe_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `automation_at_idx` ON `automation_log` (`at`);--> statement-breakpoint
CREATE TABLE `deposit_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`kind` text NOT NULL,
	`payment_id` integer,
	`invoice_id` integer,
	`user_id` integer,
	`note` text,
	`at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deposit_customer_idx` ON `deposit_ledger` (`customer_id`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_number` text NOT NULL,
	`customer_id` integer NOT NULL,
	`subscription_id` integer,
	`period` text NOT NULL,
	`invoice_date` text NOT NULL,
	`due_date` text NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	`paid_amount` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'unpaid' NOT NULL,
	`description` text,
	`notes` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number_uq` ON `invoices` (`invoice_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_sub_period_uq` ON `invoices` (`subscription_id`,`period`);--> statement-breakpoint
CREATE INDEX `invoices_customer_idx` ON `invoices` (`customer_id`,`status`);--> statement-breakpoint
CREATE INDEX `invoices_status_due_idx` ON `invoices` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `invoices_date_idx` ON `invoices` (`invoice_date`);--> statement-breakpoint
CREATE TABLE `payment_allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`invoice_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`source` text DEFAULT 'payment' NOT NULL,
	`is_live` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `alloc_invoice_idx` ON `payment_allocations` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `alloc_payment_idx` ON `payment_allocations` (`payment_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_number` text NOT NULL,
	`customer_id` integer NOT NULL,
	`invoice_id` integer,
	`amount` integer DEFAULT 0 NOT NULL,
	`method` text NOT NULL,
	`payment_date` text NOT NULL,
	`paid_at` text NOT NULL,
	`reference_number` text,
	`notes` text,
	`received_by` integer,
	`shift_id` integer,
	`tendered` integer,
	`status` text DEFAULT 'live' NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`receipt_prints` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`received_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_number_uq` ON `payments` (`payment_number`);--> statement-breakpoint
CREATE INDEX `payments_customer_idx` ON `payments` (`customer_id`);--> statement-breakpoint
CREATE INDEX `payments_date_idx` ON `payments` (`payment_date`,`status`);--> statement-breakpoint
CREATE INDEX `payments_shift_idx` ON `payments` (`shift_id`);--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`opened_at` text NOT NULL,
	`closed_at` text,
	`opening_cash` integer DEFAULT 0 NOT NULL,
	`counted_cash` integer,
	`expected_cash` integer,
	`variance` integer,
	`notes` text,
	`status` text DEFAULT 'open' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shifts_user_idx` ON `shifts` (`user_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `shifts_one_open_uq` ON `shifts` (`user_id`) WHERE status = 'open';--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`internet_package_id` integer NOT NULL,
	`pppoe_account_id` integer,
	`start_date` text NOT NULL,
	`end_date` text,
	`monthly_fee` integer DEFAULT 0 NOT NULL,
	`fee_note` text,
	`status` text DEFAULT 'active' NOT NULL,
	`auto_renew` integer DEFAULT true NOT NULL,
	`billing_day` integer DEFAULT 1 NOT NULL,
	`prorate_first` integer DEFAULT false NOT NULL,
	`notes` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`internet_package_id`) REFERENCES `internet_packages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pppoe_account_id`) REFERENCES `pppoe_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subs_customer_idx` ON `subscriptions` (`customer_id`);--> statement-breakpoint
CREATE INDEX `subs_status_idx` ON `subscriptions` (`status`);