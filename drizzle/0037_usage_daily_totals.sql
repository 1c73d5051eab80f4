CREATE TABLE `usage_daily_totals` (
	`day` text NOT NULL,
	`brand_id` integer NOT NULL,
	`package_id` integer NOT NULL,
	`router_id` integer DEFAULT 0 NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`bytes_in` integer DEFAULT 0 NOT NULL,
	`bytes_out` integer DEFAULT 0 NOT NULL,
	`samples` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `brand_id`, `package_id`, `router_id`)
);
--> statement-breakpoint
DROP INDEX `usage_daily_day_idx`;--> statement-breakpoint
CREATE INDEX `usage_daily_day_account_idx` ON `usage_daily` (`day`,`account_id`,`bytes_in`,`bytes_out`);--> statement-breakpoint
-- Issue 20: usage_daily summed per day x brand x package x router for the bandwidth report. A usage row
-- counts under its account's current package and its customer's current brand (what the raw report joined);
-- every change moves the old contribution out and the new one in, whoever writes it.
CREATE TRIGGER `usage_totals_ai` AFTER INSERT ON `usage_daily` BEGIN
  INSERT INTO usage_daily_totals(day, brand_id, package_id, router_id, rows, bytes_in, bytes_out, samples)
  SELECT new.day, c.brand_id, a.internet_package_id, coalesce(new.router_id, 0), 1, new.bytes_in, new.bytes_out, new.samples
  FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = new.account_id
  ON CONFLICT(day, brand_id, package_id, router_id) DO UPDATE SET rows = rows + excluded.rows,
    bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + excluded.samples;
END;
--> statement-breakpoint
-- The sampler's upsert of a day's totals (same account, day and router): one upsert of the difference.
CREATE TRIGGER `usage_totals_au_same` AFTER UPDATE ON `usage_daily`
WHEN old.account_id = new.account_id AND old.day = new.day AND old.router_id IS new.router_id BEGIN
  INSERT INTO usage_daily_totals(day, brand_id, package_id, router_id, rows, bytes_in, bytes_out, samples)
  SELECT new.day, c.brand_id, a.internet_package_id, coalesce(new.router_id, 0), 0, new.bytes_in - old.bytes_in,
    new.bytes_out - old.bytes_out, new.samples - old.samples
  FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = new.account_id
  ON CONFLICT(day, brand_id, package_id, router_id) DO UPDATE SET rows = rows + excluded.rows,
    bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + excluded.samples;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_totals_au_moved` AFTER UPDATE ON `usage_daily`
WHEN NOT (old.account_id = new.account_id AND old.day = new.day AND old.router_id IS new.router_id) BEGIN
  INSERT INTO usage_daily_totals(day, brand_id, package_id, router_id, rows, bytes_in, bytes_out, samples)
  SELECT old.day, c.brand_id, a.internet_package_id, coalesce(old.router_id, 0), -1, -old.bytes_in, -old.bytes_out, -old.samples
  FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = old.account_id
  ON CONFLICT(day, brand_id, package_id, router_id) DO UPDATE SET rows = rows + excluded.rows,
    bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + excluded.samples;
  INSERT INTO usage_daily_totals(day, brand_id, package_id, router_id, rows, bytes_in, bytes_out, samples)
  SELECT new.day, c.brand_id, a.internet_package_id, coalesce(new.router_id, 0), 1, new.bytes_in, new.bytes_out, new.samples
  FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = new.account_id
  ON CONFLICT(day, brand_id, package_id, router_id) DO UPDATE SET rows = rows + excluded.rows,
    bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + excluded.samples;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_totals_ad` AFTER DELETE ON `usage_daily` BEGIN
  INSERT INTO usage_daily_totals(day, brand_id, package_id, router_id, rows, bytes_in, bytes_out, samples)
  SELECT old.day, c.brand_id, a.internet_package_id, coalesce(old.router_id, 0), -1, -old.bytes_in, -old.bytes_out, -old.samples
  FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = old.account_id
  ON CONFLICT(day, brand_id, package_id, router_id) DO UPDATE SET rows = rows + excluded.rows,
    bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + excluded.samples;
END;
--> statement-breakpoint
-- An account moved to another package or customer takes its usage days with it (read by the primary key).
CREATE TRIGGER `usage_totals_account_moved` AFTER UPDATE OF internet_package_id, customer_id ON `pppoe_accounts`
WHEN old.internet_package_id != new.internet_package_id OR old.customer_id != new.customer_id BEGIN
  INSERT INTO usage_daily_totals(day, brand_id, package_id, router_id, rows, bytes_in, bytes_out, samples)
  SELECT u.day, (SELECT brand_id FROM customers WHERE id = old.customer_id), old.internet_package_id, coalesce(u.router_id, 0),
    -count(*), -sum(u.bytes_in), -sum(u.bytes_out), -sum(u.samples)
  FROM usage_daily u WHERE u.account_id = new.id GROUP BY u.day, coalesce(u.router_id, 0)
  ON CONFLICT(day, brand_id, package_id, router_id) DO UPDATE SET rows = rows + excluded.rows,
    bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + excluded.samples;
  INSERT INTO usage_daily_totals(day, brand_id, package_id, router_id, rows, bytes_in, bytes_out, samples)
  SELECT u.day, (SELECT brand_id FROM customers WHERE id = new.customer_id), new.internet_package_id, coalesce(u.router_id, 0),
    count(*), sum(u.bytes_in), sum(u.bytes_out), sum(u.samples)
  FROM usage_daily u WHERE u.account_id = new.id GROUP BY u.day, coalesce(u.router_id, 0)
  ON CONFLICT(day, brand_id, package_id, router_id) DO UPDATE SET rows = rows + excluded.rows,
    bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + excluded.samples;
END;
--> statement-breakpoint
-- A customer moved to another brand takes their accounts' usage with them.
CREATE TRIGGER `usage_totals_customer_brand` AFTER UPDATE OF brand_id ON `customers` WHEN old.brand_id != new.brand_id BEGIN
  INSERT INTO usage_daily_totals(day, brand_id, package_id, router_id, rows, bytes_in, bytes_out, samples)
  SELECT u.day, old.brand_id, a.internet_package_id, coalesce(u.router_id, 0), -count(*), -sum(u.bytes_in), -sum(u.bytes_out), -sum(u.samples)
  FROM pppoe_accounts a JOIN usage_daily u ON u.account_id = a.id WHERE a.customer_id = new.id
  GROUP BY u.day, a.internet_package_id, coalesce(u.router_id, 0)
  ON CONFLICT(day, brand_id, package_id, router_id) DO UPDATE SET rows = rows + excluded.rows,
    bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + excluded.samples;
  INSERT INTO usage_daily_totals(day, brand_id, package_id, router_id, rows, bytes_in, bytes_out, samples)
  SELECT u.day, new.brand_id, a.internet_package_id, coalesce(u.router_id, 0), count(*), sum(u.bytes_in), sum(u.bytes_out), sum(u.samples)
  FROM pppoe_accounts a JOIN usage_daily u ON u.account_id = a.id WHERE a.customer_id = new.id
  GROUP BY u.day, a.internet_package_id, coalesce(u.router_id, 0)
  ON CONFLICT(day, brand_id, package_id, router_id) DO UPDATE SET rows = rows + excluded.rows,
    bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out, samples = samples + excluded.samples;
END;
--> statement-breakpoint
-- Back-fill from the usage already recorded.
INSERT INTO usage_daily_totals(day, brand_id, package_id, router_id, rows, bytes_in, bytes_out, samples)
SELECT u.day, c.brand_id, a.internet_package_id, coalesce(u.router_id, 0), count(*), sum(u.bytes_in), sum(u.bytes_out), sum(u.samples)
FROM usage_daily u JOIN pppoe_accounts a ON a.id = u.account_id JOIN customers c ON c.id = a.customer_id
GROUP BY u.day, c.brand_id, a.internet_package_id, coalesce(u.router_id, 0);
