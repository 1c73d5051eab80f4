CREATE TABLE `reseller_customers` (
	`customer_id` integer PRIMARY KEY NOT NULL,
	`reseller_id` integer NOT NULL,
	`assigned_at` text NOT NULL,
	`assigned_by` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reseller_customers_reseller_idx` ON `reseller_customers` (`reseller_id`);--> statement-breakpoint
CREATE TABLE `reseller_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`method` text,
	`reference_number` text,
	`payment_id` integer,
	`invoice_id` integer,
	`customer_id` integer,
	`bill_amount` integer,
	`share` integer,
	`reverses_id` integer,
	`note` text,
	`user_id` integer,
	`business_date` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reseller_ledger_reseller_idx` ON `reseller_ledger` (`reseller_id`,`business_date`,`amount`);--> statement-breakpoint
CREATE INDEX `reseller_ledger_payment_idx` ON `reseller_ledger` (`payment_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reseller_ledger_reverses_uq` ON `reseller_ledger` (`reverses_id`) WHERE reverses_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `reseller_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`internet_package_id` integer NOT NULL,
	`kind` text NOT NULL,
	`mode` text NOT NULL,
	`value` integer NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`internet_package_id`) REFERENCES `internet_packages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reseller_rules_uq` ON `reseller_rules` (`reseller_id`,`internet_package_id`);--> statement-breakpoint
CREATE TABLE `resellers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`address` text,
	`status` text DEFAULT 'active' NOT NULL,
	`can_create_customers` integer DEFAULT false NOT NULL,
	`router_id` integer,
	`user_id` integer,
	`notes` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`router_id`) REFERENCES `routers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resellers_code_uq` ON `resellers` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `resellers_user_uq` ON `resellers` (`user_id`) WHERE user_id IS NOT NULL;--> statement-breakpoint
-- Hand-written (re-append after regenerating): the reseller ledger is append-only and its sum per
-- reseller never goes below zero, whoever writes it. The service checks first (a clear message); this
-- is the database's own guarantee. The sum is read through reseller_ledger_reseller_idx (covering).
CREATE TRIGGER `reseller_ledger_no_update` BEFORE UPDATE ON `reseller_ledger`
BEGIN
  SELECT RAISE(ABORT, 'reseller_ledger is append-only: rows cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `reseller_ledger_no_delete` BEFORE DELETE ON `reseller_ledger`
BEGIN
  SELECT RAISE(ABORT, 'reseller_ledger is append-only: rows cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `reseller_ledger_not_negative` BEFORE INSERT ON `reseller_ledger`
WHEN NEW.`amount` < 0 AND (SELECT coalesce(sum(`amount`), 0) FROM `reseller_ledger` WHERE `reseller_id` = NEW.`reseller_id`) + NEW.`amount` < 0
BEGIN
  SELECT RAISE(ABORT, 'reseller balance cannot go below zero');
END;
