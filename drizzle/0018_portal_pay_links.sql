CREATE TABLE `portal_pay_links` (
	`token` text PRIMARY KEY NOT NULL,
	`invoice_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portal_pay_links_invoice_uq` ON `portal_pay_links` (`invoice_id`);