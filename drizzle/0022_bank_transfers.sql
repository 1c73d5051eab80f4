CREATE TABLE `bank_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_number` text NOT NULL,
	`format` text NOT NULL,
	`file_name` text NOT NULL,
	`lines_read` integer NOT NULL,
	`lines_new` integer NOT NULL,
	`lines_known` integer NOT NULL,
	`auto_credited` integer NOT NULL,
	`to_review` integer NOT NULL,
	`imported_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bank_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fingerprint` text NOT NULL,
	`import_id` integer NOT NULL,
	`account_number` text NOT NULL,
	`bank_date` text NOT NULL,
	`bank_time` text,
	`amount` integer NOT NULL,
	`description` text NOT NULL,
	`bank_reference` text,
	`state` text NOT NULL,
	`match_status` text NOT NULL,
	`suggestions` text DEFAULT '[]' NOT NULL,
	`customer_id` integer,
	`invoice_id` integer,
	`payment_id` integer,
	`note` text,
	`settled_by` integer,
	`settled_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `bank_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`settled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_lines_fingerprint_uq` ON `bank_lines` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `bank_lines_state_idx` ON `bank_lines` (`state`,`bank_date`);--> statement-breakpoint
CREATE INDEX `bank_lines_import_idx` ON `bank_lines` (`import_id`);--> statement-breakpoint
CREATE TABLE `bank_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`mapping` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_mappings_name_uq` ON `bank_mappings` (`name`);--> statement-breakpoint
CREATE TABLE `transfer_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_id` integer NOT NULL,
	`base_amount` integer NOT NULL,
	`code` integer NOT NULL,
	`payable` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`released_at` text,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_codes_payable_uq` ON `transfer_codes` (`payable`) WHERE active = 1;--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_codes_invoice_active_uq` ON `transfer_codes` (`invoice_id`) WHERE active = 1;--> statement-breakpoint
CREATE INDEX `transfer_codes_released_idx` ON `transfer_codes` (`released_at`);--> statement-breakpoint
-- Hand-written (re-append after regenerating): a paid or voided bill gives its kode unik back, so the
-- payable amount is unique among open bills only (transfer_codes_payable_uq is partial on active = 1).
CREATE TRIGGER `transfer_codes_release` AFTER UPDATE OF status ON `invoices` WHEN new.status IN ('paid', 'void') BEGIN
  UPDATE transfer_codes SET active = 0, released_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE invoice_id = new.id AND active = 1;
END;
