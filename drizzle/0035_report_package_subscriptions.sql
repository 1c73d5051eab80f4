-- Issue 18/20: the customers report's "by package" table read every active subscription (a scan of
-- subs_status_idx joined to the packages, and with a brand filter to the customers too: 25–50 ms at 50,000
-- subscriptions). Now a row per package × the subscriber's brand, kept by the triggers below in the same
-- transaction as every change, whoever writes it; back-filled from the subscriptions at the end.
CREATE TABLE `report_package_subscriptions` (
	`package_id` integer NOT NULL,
	`brand_id` integer NOT NULL,
	`subscriptions` integer DEFAULT 0 NOT NULL,
	`fees` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`package_id`, `brand_id`)
);
--> statement-breakpoint
CREATE TRIGGER `report_sub_ai` AFTER INSERT ON `subscriptions` WHEN new.status = 'active' BEGIN
  INSERT INTO report_package_subscriptions(package_id, brand_id, subscriptions, fees)
  VALUES (new.internet_package_id, (SELECT brand_id FROM customers WHERE id = new.customer_id), 1, new.monthly_fee)
  ON CONFLICT(package_id, brand_id) DO UPDATE SET subscriptions = subscriptions + 1, fees = fees + excluded.fees;
END;
--> statement-breakpoint
CREATE TRIGGER `report_sub_au_old` AFTER UPDATE OF status, internet_package_id, monthly_fee, customer_id ON `subscriptions` WHEN old.status = 'active' BEGIN
  UPDATE report_package_subscriptions SET subscriptions = subscriptions - 1, fees = fees - old.monthly_fee
  WHERE package_id = old.internet_package_id AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_sub_au_new` AFTER UPDATE OF status, internet_package_id, monthly_fee, customer_id ON `subscriptions` WHEN new.status = 'active' BEGIN
  INSERT INTO report_package_subscriptions(package_id, brand_id, subscriptions, fees)
  VALUES (new.internet_package_id, (SELECT brand_id FROM customers WHERE id = new.customer_id), 1, new.monthly_fee)
  ON CONFLICT(package_id, brand_id) DO UPDATE SET subscriptions = subscriptions + 1, fees = fees + excluded.fees;
END;
--> statement-breakpoint
CREATE TRIGGER `report_sub_ad` AFTER DELETE ON `subscriptions` WHEN old.status = 'active' BEGIN
  UPDATE report_package_subscriptions SET subscriptions = subscriptions - 1, fees = fees - old.monthly_fee
  WHERE package_id = old.internet_package_id AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
END;
--> statement-breakpoint
-- A customer moved to another brand takes their active subscriptions along (read by subs_customer_idx).
CREATE TRIGGER `report_cust_brand_subscriptions` AFTER UPDATE OF brand_id ON `customers` WHEN old.brand_id != new.brand_id BEGIN
  UPDATE report_package_subscriptions SET
    subscriptions = subscriptions - (SELECT count(*) FROM subscriptions s WHERE s.customer_id = new.id AND s.status = 'active' AND s.internet_package_id = report_package_subscriptions.package_id),
    fees = fees - (SELECT coalesce(sum(s.monthly_fee), 0) FROM subscriptions s WHERE s.customer_id = new.id AND s.status = 'active' AND s.internet_package_id = report_package_subscriptions.package_id)
  WHERE brand_id = old.brand_id AND package_id IN (SELECT internet_package_id FROM subscriptions WHERE customer_id = new.id AND status = 'active');
  INSERT INTO report_package_subscriptions(package_id, brand_id, subscriptions, fees)
  SELECT internet_package_id, new.brand_id, count(*), sum(monthly_fee) FROM subscriptions
  WHERE customer_id = new.id AND status = 'active' GROUP BY internet_package_id
  ON CONFLICT(package_id, brand_id) DO UPDATE SET subscriptions = subscriptions + excluded.subscriptions, fees = fees + excluded.fees;
END;
--> statement-breakpoint
INSERT INTO report_package_subscriptions(package_id, brand_id, subscriptions, fees)
  SELECT s.internet_package_id, c.brand_id, count(*), sum(s.monthly_fee)
  FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE s.status = 'active'
  GROUP BY s.internet_package_id, c.brand_id;
