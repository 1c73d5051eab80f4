CREATE TABLE `usage_counters` (
	`account_id` integer PRIMARY KEY NOT NULL,
	`router_id` integer,
	`iface_id` text NOT NULL,
	`rx_bytes` integer NOT NULL,
	`tx_bytes` integer NOT NULL,
	`at` text NOT NULL,
	`bps_in` integer DEFAULT 0 NOT NULL,
	`bps_out` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `pppoe_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`router_id`) REFERENCES `routers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `usage_daily` (
	`account_id` integer NOT NULL,
	`day` text NOT NULL,
	`router_id` integer,
	`bytes_in` integer DEFAULT 0 NOT NULL,
	`bytes_out` integer DEFAULT 0 NOT NULL,
	`samples` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `day`),
	FOREIGN KEY (`account_id`) REFERENCES `pppoe_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`router_id`) REFERENCES `routers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `usage_daily_day_idx` ON `usage_daily` (`day`);--> statement-breakpoint
-- Earlier per-sample rows become daily totals (traffic_samples stays as it was; nothing writes it any more).
INSERT INTO `usage_daily` (`account_id`, `day`, `router_id`, `bytes_in`, `bytes_out`, `samples`)
SELECT `account_id`, `day`, max(`router_id`), sum(`bytes_in`), sum(`bytes_out`), count(*)
FROM `traffic_samples` GROUP BY `account_id`, `day`;
