CREATE TABLE `report_customer_status` (
	`brand_id` integer NOT NULL,
	`status` text NOT NULL,
	`customers` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`brand_id`, `status`)
);
--> statement-breakpoint
CREATE TABLE `report_monthly_customers` (
	`month` text PRIMARY KEY NOT NULL,
	`active_delta` integer DEFAULT 0 NOT NULL,
	`churned` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Hand-written (issue 20): the summaries are kept exact by triggers in the same transaction as every
-- change, whoever writes it; each change moves the old row's contribution out and the new one's in.
CREATE TRIGGER `report_csh_ai` AFTER INSERT ON `customer_status_history` BEGIN
  INSERT INTO report_monthly_customers(month, active_delta, churned)
  VALUES (substr(new.changed_on, 1, 7), (new.to_status = 'active') - (coalesce(new.from_status, '') = 'active'),
    new.to_status = 'inactive' AND coalesce(new.from_status, '') != 'inactive')
  ON CONFLICT(month) DO UPDATE SET active_delta = active_delta + excluded.active_delta, churned = churned + excluded.churned;
END;
--> statement-breakpoint
CREATE TRIGGER `report_csh_au` AFTER UPDATE OF changed_on, from_status, to_status ON `customer_status_history` BEGIN
  UPDATE report_monthly_customers SET
    active_delta = active_delta - ((old.to_status = 'active') - (coalesce(old.from_status, '') = 'active')),
    churned = churned - (old.to_status = 'inactive' AND coalesce(old.from_status, '') != 'inactive')
  WHERE month = substr(old.changed_on, 1, 7);
  INSERT INTO report_monthly_customers(month, active_delta, churned)
  VALUES (substr(new.changed_on, 1, 7), (new.to_status = 'active') - (coalesce(new.from_status, '') = 'active'),
    new.to_status = 'inactive' AND coalesce(new.from_status, '') != 'inactive')
  ON CONFLICT(month) DO UPDATE SET active_delta = active_delta + excluded.active_delta, churned = churned + excluded.churned;
END;
--> statement-breakpoint
CREATE TRIGGER `report_csh_ad` AFTER DELETE ON `customer_status_history` BEGIN
  UPDATE report_monthly_customers SET
    active_delta = active_delta - ((old.to_status = 'active') - (coalesce(old.from_status, '') = 'active')),
    churned = churned - (old.to_status = 'inactive' AND coalesce(old.from_status, '') != 'inactive')
  WHERE month = substr(old.changed_on, 1, 7);
END;
--> statement-breakpoint
CREATE TRIGGER `report_cust_status_ai` AFTER INSERT ON `customers` BEGIN
  INSERT INTO report_customer_status(brand_id, status, customers) VALUES (new.brand_id, new.status, 1)
  ON CONFLICT(brand_id, status) DO UPDATE SET customers = customers + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_cust_status_au` AFTER UPDATE OF status, brand_id ON `customers` BEGIN
  UPDATE report_customer_status SET customers = customers - 1 WHERE brand_id = old.brand_id AND status = old.status;
  INSERT INTO report_customer_status(brand_id, status, customers) VALUES (new.brand_id, new.status, 1)
  ON CONFLICT(brand_id, status) DO UPDATE SET customers = customers + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_cust_status_ad` AFTER DELETE ON `customers` BEGIN
  UPDATE report_customer_status SET customers = customers - 1 WHERE brand_id = old.brand_id AND status = old.status;
END;
--> statement-breakpoint
INSERT INTO report_monthly_customers(month, active_delta, churned)
  SELECT substr(changed_on, 1, 7), sum((to_status = 'active') - (coalesce(from_status, '') = 'active')),
    sum(to_status = 'inactive' AND coalesce(from_status, '') != 'inactive')
  FROM customer_status_history GROUP BY substr(changed_on, 1, 7);
--> statement-breakpoint
INSERT INTO report_customer_status(brand_id, status, customers)
  SELECT brand_id, status, count(*) FROM customers GROUP BY brand_id, status;
--> statement-breakpoint
-- Open invoices by customer (partial, covering): the dashboard counts overdue customers by grouping in
-- index order instead of a count(DISTINCT) temp b-tree over every open invoice.
CREATE INDEX `invoices_open_customer_idx` ON `invoices` (customer_id, due_date, amount, paid_amount, status) WHERE status IN ('unpaid', 'partial', 'overdue');
