CREATE TABLE `deposit_refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`refund_number` text NOT NULL,
	`customer_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`method` text NOT NULL,
	`refund_date` text NOT NULL,
	`refunded_at` text NOT NULL,
	`reference_number` text,
	`reason` text NOT NULL,
	`notes` text,
	`refunded_by` integer,
	`shift_id` integer,
	`status` text DEFAULT 'live' NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`receipt_prints` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`refunded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_number_uq` ON `deposit_refunds` (`refund_number`);--> statement-breakpoint
CREATE INDEX `refunds_customer_idx` ON `deposit_refunds` (`customer_id`);--> statement-breakpoint
CREATE INDEX `refunds_date_idx` ON `deposit_refunds` (`refund_date`,`status`);--> statement-breakpoint
CREATE INDEX `refunds_shift_idx` ON `deposit_refunds` (`shift_id`);--> statement-breakpoint
CREATE TABLE `report_daily_refunds` (
	`day` text NOT NULL,
	`method` text NOT NULL,
	`refunded_by` integer DEFAULT 0 NOT NULL,
	`refunds` integer DEFAULT 0 NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `method`, `refunded_by`)
);
--> statement-breakpoint
ALTER TABLE `deposit_ledger` ADD `refund_id` integer REFERENCES deposit_refunds(id);--> statement-breakpoint
CREATE INDEX `subs_account_idx` ON `subscriptions` (`pppoe_account_id`);--> statement-breakpoint
-- Hand-written below (drizzle-kit does not generate triggers).
-- A refund never pays out more than the customer's deposit, whoever inserts it: the service refuses
-- first with a clear message inside its IMMEDIATE transaction; this is the last line of defence.
CREATE TRIGGER `deposit_refunds_within_deposit` BEFORE INSERT ON `deposit_refunds` WHEN new.status = 'live' AND (
  new.amount <= 0 OR new.amount > coalesce((SELECT deposit FROM customers WHERE id = new.customer_id), 0)) BEGIN
  SELECT RAISE(ABORT, 'A deposit refund must be more than 0 and at most the deposit');
END;
--> statement-breakpoint
-- Refunds: a live refund counts on its refund_date, moved out and back in on every change (void).
CREATE TRIGGER `report_refund_ai` AFTER INSERT ON `deposit_refunds` WHEN new.status = 'live' BEGIN
  INSERT INTO report_daily_refunds(day, method, refunded_by, refunds, amount)
  VALUES (new.refund_date, new.method, coalesce(new.refunded_by, 0), 1, new.amount)
  ON CONFLICT(day, method, refunded_by) DO UPDATE SET refunds = refunds + 1, amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER `report_refund_au_old` AFTER UPDATE OF status, amount, refund_date, method, refunded_by ON `deposit_refunds` WHEN old.status = 'live' BEGIN
  UPDATE report_daily_refunds SET refunds = refunds - 1, amount = amount - old.amount
  WHERE day = old.refund_date AND method = old.method AND refunded_by = coalesce(old.refunded_by, 0);
END;
--> statement-breakpoint
CREATE TRIGGER `report_refund_au_new` AFTER UPDATE OF status, amount, refund_date, method, refunded_by ON `deposit_refunds` WHEN new.status = 'live' BEGIN
  INSERT INTO report_daily_refunds(day, method, refunded_by, refunds, amount)
  VALUES (new.refund_date, new.method, coalesce(new.refunded_by, 0), 1, new.amount)
  ON CONFLICT(day, method, refunded_by) DO UPDATE SET refunds = refunds + 1, amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER `report_refund_ad` AFTER DELETE ON `deposit_refunds` WHEN old.status = 'live' BEGIN
  UPDATE report_daily_refunds SET refunds = refunds - 1, amount = amount - old.amount
  WHERE day = old.refund_date AND method = old.method AND refunded_by = coalesce(old.refunded_by, 0);
END;
