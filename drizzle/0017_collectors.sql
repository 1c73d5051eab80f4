CREATE TABLE `collector_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`collector_id` integer NOT NULL,
	`kind` text NOT NULL,
	`area` text,
	`router_id` integer,
	`customer_id` integer,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`collector_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`router_id`) REFERENCES `routers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "collector_assign_shape" CHECK(("collector_assignments"."kind" = 'area' AND "collector_assignments"."area" IS NOT NULL) OR ("collector_assignments"."kind" = 'router' AND "collector_assignments"."router_id" IS NOT NULL) OR ("collector_assignments"."kind" = 'customer' AND "collector_assignments"."customer_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `collector_assign_area_uq` ON `collector_assignments` (`collector_id`,lower("area")) WHERE "collector_assignments"."kind" = 'area';--> statement-breakpoint
CREATE UNIQUE INDEX `collector_assign_router_uq` ON `collector_assignments` (`collector_id`,`router_id`) WHERE "collector_assignments"."kind" = 'router';--> statement-breakpoint
CREATE UNIQUE INDEX `collector_assign_customer_uq` ON `collector_assignments` (`collector_id`,`customer_id`) WHERE "collector_assignments"."kind" = 'customer';--> statement-breakpoint
CREATE TABLE `collector_collections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`collector_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`invoice_id` integer,
	`payment_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`outcome` text NOT NULL,
	`commission` integer NOT NULL,
	`collected_at` text NOT NULL,
	`received_at` text NOT NULL,
	`received_on` text NOT NULL,
	`settlement_id` integer,
	FOREIGN KEY (`collector_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`settlement_id`) REFERENCES `collector_settlements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `collector_collections_key_uq` ON `collector_collections` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `collector_collections_open_idx` ON `collector_collections` (`collector_id`,`settlement_id`);--> statement-breakpoint
CREATE INDEX `collector_collections_month_idx` ON `collector_collections` (`received_on`,`collector_id`);--> statement-breakpoint
CREATE TABLE `collector_commissions` (
	`collector_id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`updated_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`collector_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `collector_settlements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`collector_id` integer NOT NULL,
	`expected` integer NOT NULL,
	`counted` integer NOT NULL,
	`variance` integer NOT NULL,
	`collections` integer NOT NULL,
	`note` text,
	`cashier_id` integer,
	`settled_on` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`collector_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cashier_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `collector_settlements_idx` ON `collector_settlements` (`collector_id`,`at`);--> statement-breakpoint
CREATE TABLE `collector_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`collector_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`promised_on` text,
	`note` text,
	`at` text NOT NULL,
	FOREIGN KEY (`collector_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `collector_visits_customer_idx` ON `collector_visits` (`customer_id`,`at`);