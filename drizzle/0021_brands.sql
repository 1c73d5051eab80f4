CREATE TABLE `brands` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`logo` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`tax_id` text DEFAULT '' NOT NULL,
	`invoice_prefix` text NOT NULL,
	`bank_accounts` text DEFAULT '[]' NOT NULL,
	`qris` text DEFAULT '' NOT NULL,
	`receipt_header` text DEFAULT '' NOT NULL,
	`reminder_sender` text DEFAULT '' NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
-- Hand-written (issue 18): the default brand is the ISP as Settings describe it today, so every router,
-- package and customer (brand_id DEFAULT 1) keeps the same name, address, logo and invoice numbering.
INSERT INTO `brands`(`id`, `name`, `logo`, `address`, `phone`, `invoice_prefix`, `bank_accounts`, `reminder_sender`)
  SELECT 1,
    coalesce((SELECT json_extract(value, '$') FROM settings WHERE key = 'ispName'), 'PPPoE Desk ISP'),
    coalesce((SELECT json_extract(value, '$') FROM settings WHERE key = 'ispLogo'), ''),
    coalesce((SELECT json_extract(value, '$') FROM settings WHERE key = 'ispAddress'), ''),
    coalesce((SELECT json_extract(value, '$') FROM settings WHERE key = 'ispPhone'), ''),
    coalesce((SELECT json_extract(value, '$') FROM settings WHERE key = 'invoicePrefix'), 'INV'),
    coalesce((SELECT json(value) FROM settings WHERE key = 'bankAccounts'), '[]'),
    coalesce((SELECT json_extract(value, '$') FROM settings WHERE key = 'ispName'), 'PPPoE Desk ISP');
--> statement-breakpoint
CREATE UNIQUE INDEX `brands_name_uq` ON `brands` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE UNIQUE INDEX `brands_invoice_prefix_uq` ON `brands` (`invoice_prefix`);--> statement-breakpoint
CREATE TABLE `user_brands` (
	`user_id` integer NOT NULL,
	`brand_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `brand_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `customers` ADD `brand_id` integer DEFAULT 1 NOT NULL REFERENCES brands(id);--> statement-breakpoint
CREATE INDEX `customers_brand_idx` ON `customers` (`brand_id`,`status`);--> statement-breakpoint
ALTER TABLE `internet_packages` ADD `brand_id` integer DEFAULT 1 NOT NULL REFERENCES brands(id);--> statement-breakpoint
CREATE INDEX `packages_brand_idx` ON `internet_packages` (`brand_id`);--> statement-breakpoint
ALTER TABLE `routers` ADD `brand_id` integer DEFAULT 1 NOT NULL REFERENCES brands(id);--> statement-breakpoint
CREATE INDEX `routers_brand_idx` ON `routers` (`brand_id`);