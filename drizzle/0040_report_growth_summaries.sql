-- Issue 20: what still grew with the data in the dashboard, the forecast and the bandwidth report (profile at
-- 5,000 and 50,000 customers): the forecast grouped every active subscription by its billing terms, the
-- dashboard counted each router's accounts in pppoe_router_idx, and the top users summed every account's week.
-- Now two summaries kept by the triggers below in the same transaction as every change, whoever writes it
-- (back-filled at the end), and each day's usage ordered by total for the top users.
CREATE TABLE `report_router_accounts` (
	`router_id` integer PRIMARY KEY NOT NULL,
	`accounts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_subscription_terms` (
	`brand_id` integer NOT NULL,
	`package_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text DEFAULT '' NOT NULL,
	`auto_renew` integer NOT NULL,
	`billing_day` integer NOT NULL,
	`prorate_first` integer NOT NULL,
	`monthly_fee` integer NOT NULL,
	`subscriptions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`brand_id`, `package_id`, `start_date`, `end_date`, `auto_renew`, `billing_day`, `prorate_first`, `monthly_fee`)
);
--> statement-breakpoint
-- Replaces (day, account, bytes): the same columns plus the day's total second, so one index serves both the
-- top users' largest-first walk of a day and the per-account sums of a range (no extra index to keep on writes).
DROP INDEX `usage_daily_day_account_idx`;--> statement-breakpoint
CREATE INDEX `usage_daily_day_total_idx` ON `usage_daily` (`day`,"bytes_in" + "bytes_out",`account_id`,`bytes_in`,`bytes_out`);--> statement-breakpoint
-- Accounts per router: a move between routers (or to/from none) moves the count.
CREATE TRIGGER `report_router_accounts_ai` AFTER INSERT ON `pppoe_accounts` WHEN new.router_id IS NOT NULL BEGIN
  INSERT INTO report_router_accounts(router_id, accounts) VALUES (new.router_id, 1)
  ON CONFLICT(router_id) DO UPDATE SET accounts = accounts + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_router_accounts_au` AFTER UPDATE OF router_id ON `pppoe_accounts` WHEN old.router_id IS NOT new.router_id BEGIN
  UPDATE report_router_accounts SET accounts = accounts - 1 WHERE router_id = old.router_id;
  INSERT INTO report_router_accounts(router_id, accounts) SELECT new.router_id, 1 WHERE new.router_id IS NOT NULL
  ON CONFLICT(router_id) DO UPDATE SET accounts = accounts + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_router_accounts_ad` AFTER DELETE ON `pppoe_accounts` WHEN old.router_id IS NOT NULL BEGIN
  UPDATE report_router_accounts SET accounts = accounts - 1 WHERE router_id = old.router_id;
END;
--> statement-breakpoint
-- Active subscriptions per set of terms: a change of status or of any term moves the old one out and the new
-- one in; a set of terms with none left is deleted (start dates differ per subscriber, so they would pile up).
CREATE TRIGGER `report_terms_ai` AFTER INSERT ON `subscriptions` WHEN new.status = 'active' BEGIN
  INSERT INTO report_subscription_terms(brand_id, package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee, subscriptions)
  VALUES ((SELECT brand_id FROM customers WHERE id = new.customer_id), new.internet_package_id, new.start_date, coalesce(new.end_date, ''),
    new.auto_renew, new.billing_day, new.prorate_first, new.monthly_fee, 1)
  ON CONFLICT(brand_id, package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee)
  DO UPDATE SET subscriptions = subscriptions + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_terms_au_old` AFTER UPDATE OF status, customer_id, internet_package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee ON `subscriptions`
WHEN old.status = 'active' BEGIN
  UPDATE report_subscription_terms SET subscriptions = subscriptions - 1
  WHERE brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id) AND package_id = old.internet_package_id
    AND start_date = old.start_date AND end_date = coalesce(old.end_date, '') AND auto_renew = old.auto_renew
    AND billing_day = old.billing_day AND prorate_first = old.prorate_first AND monthly_fee = old.monthly_fee;
  DELETE FROM report_subscription_terms
  WHERE brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id) AND package_id = old.internet_package_id
    AND start_date = old.start_date AND end_date = coalesce(old.end_date, '') AND auto_renew = old.auto_renew
    AND billing_day = old.billing_day AND prorate_first = old.prorate_first AND monthly_fee = old.monthly_fee AND subscriptions = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `report_terms_au_new` AFTER UPDATE OF status, customer_id, internet_package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee ON `subscriptions`
WHEN new.status = 'active' BEGIN
  INSERT INTO report_subscription_terms(brand_id, package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee, subscriptions)
  VALUES ((SELECT brand_id FROM customers WHERE id = new.customer_id), new.internet_package_id, new.start_date, coalesce(new.end_date, ''),
    new.auto_renew, new.billing_day, new.prorate_first, new.monthly_fee, 1)
  ON CONFLICT(brand_id, package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee)
  DO UPDATE SET subscriptions = subscriptions + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_terms_ad` AFTER DELETE ON `subscriptions` WHEN old.status = 'active' BEGIN
  UPDATE report_subscription_terms SET subscriptions = subscriptions - 1
  WHERE brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id) AND package_id = old.internet_package_id
    AND start_date = old.start_date AND end_date = coalesce(old.end_date, '') AND auto_renew = old.auto_renew
    AND billing_day = old.billing_day AND prorate_first = old.prorate_first AND monthly_fee = old.monthly_fee;
  DELETE FROM report_subscription_terms
  WHERE brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id) AND package_id = old.internet_package_id
    AND start_date = old.start_date AND end_date = coalesce(old.end_date, '') AND auto_renew = old.auto_renew
    AND billing_day = old.billing_day AND prorate_first = old.prorate_first AND monthly_fee = old.monthly_fee AND subscriptions = 0;
END;
--> statement-breakpoint
-- A customer moved to another brand takes their active subscriptions along (read by subs_customer_idx).
CREATE TRIGGER `report_terms_cust_brand` AFTER UPDATE OF brand_id ON `customers` WHEN old.brand_id != new.brand_id BEGIN
  INSERT INTO report_subscription_terms(brand_id, package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee, subscriptions)
  SELECT old.brand_id, internet_package_id, start_date, coalesce(end_date, ''), auto_renew, billing_day, prorate_first, monthly_fee, -count(*)
  FROM subscriptions WHERE customer_id = new.id AND status = 'active' GROUP BY 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT(brand_id, package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee)
  DO UPDATE SET subscriptions = subscriptions + excluded.subscriptions;
  INSERT INTO report_subscription_terms(brand_id, package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee, subscriptions)
  SELECT new.brand_id, internet_package_id, start_date, coalesce(end_date, ''), auto_renew, billing_day, prorate_first, monthly_fee, count(*)
  FROM subscriptions WHERE customer_id = new.id AND status = 'active' GROUP BY 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT(brand_id, package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee)
  DO UPDATE SET subscriptions = subscriptions + excluded.subscriptions;
  DELETE FROM report_subscription_terms WHERE brand_id = old.brand_id AND subscriptions = 0;
END;
--> statement-breakpoint
-- Back-fill from the accounts and subscriptions already recorded.
INSERT INTO report_router_accounts(router_id, accounts)
SELECT router_id, count(*) FROM pppoe_accounts WHERE router_id IS NOT NULL GROUP BY router_id;
--> statement-breakpoint
INSERT INTO report_subscription_terms(brand_id, package_id, start_date, end_date, auto_renew, billing_day, prorate_first, monthly_fee, subscriptions)
SELECT c.brand_id, s.internet_package_id, s.start_date, coalesce(s.end_date, ''), s.auto_renew, s.billing_day, s.prorate_first, s.monthly_fee, count(*)
FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE s.status = 'active'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
