CREATE INDEX `automation_account_idx` ON `automation_log` (`account_id`,`id`);--> statement-breakpoint
CREATE INDEX `automation_customer_idx` ON `automation_log` (`customer_id`,`id`);