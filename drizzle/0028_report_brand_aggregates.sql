-- Issue 18: the report aggregates are kept per brand (the brand of the row's customer), so every report,
-- export and the dashboard can be read for one brand from the aggregates, and the consolidated figures are
-- the sum over brands. Hand-written: the old tables and their triggers are replaced, the new ones are
-- back-filled from the ledger itself (not from the old brand-less sums).
DROP TRIGGER IF EXISTS `report_inv_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_inv_au_old`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_inv_au_new`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_inv_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_pay_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_pay_au_old`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_pay_au_new`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_pay_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_refund_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_refund_au_old`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_refund_au_new`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_refund_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_csh_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_csh_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `report_csh_ad`;
--> statement-breakpoint
DROP TABLE `report_daily_invoices`;
--> statement-breakpoint
DROP TABLE `report_daily_payments`;
--> statement-breakpoint
DROP TABLE `report_daily_refunds`;
--> statement-breakpoint
DROP TABLE `report_monthly_customers`;
--> statement-breakpoint
CREATE TABLE `report_daily_invoices` (
	`day` text NOT NULL,
	`brand_id` integer NOT NULL,
	`invoices` integer DEFAULT 0 NOT NULL,
	`invoiced` integer DEFAULT 0 NOT NULL,
	`outstanding` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `brand_id`)
);
--> statement-breakpoint
CREATE TABLE `report_daily_payments` (
	`day` text NOT NULL,
	`method` text NOT NULL,
	`received_by` integer DEFAULT 0 NOT NULL,
	`brand_id` integer NOT NULL,
	`payments` integer DEFAULT 0 NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `method`, `received_by`, `brand_id`)
);
--> statement-breakpoint
CREATE TABLE `report_daily_refunds` (
	`day` text NOT NULL,
	`method` text NOT NULL,
	`refunded_by` integer DEFAULT 0 NOT NULL,
	`brand_id` integer NOT NULL,
	`refunds` integer DEFAULT 0 NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `method`, `refunded_by`, `brand_id`)
);
--> statement-breakpoint
CREATE TABLE `report_monthly_customers` (
	`month` text NOT NULL,
	`brand_id` integer NOT NULL,
	`active_delta` integer DEFAULT 0 NOT NULL,
	`churned` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `brand_id`)
);
--> statement-breakpoint
-- Invoices: a non-void invoice counts on its invoice_date in its customer's brand; every change moves its
-- old contribution out and its new one in (payments, voids, and a move to another customer).
CREATE TRIGGER `report_inv_ai` AFTER INSERT ON `invoices` WHEN new.status != 'void' BEGIN
  INSERT INTO report_daily_invoices(day, brand_id, invoices, invoiced, outstanding)
  VALUES (new.invoice_date, (SELECT brand_id FROM customers WHERE id = new.customer_id), 1, new.amount, new.amount - new.paid_amount)
  ON CONFLICT(day, brand_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced = invoiced + excluded.invoiced,
    outstanding = outstanding + excluded.outstanding;
END;
--> statement-breakpoint
CREATE TRIGGER `report_inv_au_old` AFTER UPDATE OF amount, paid_amount, status, invoice_date, customer_id ON `invoices` WHEN old.status != 'void' BEGIN
  UPDATE report_daily_invoices SET invoices = invoices - 1, invoiced = invoiced - old.amount,
    outstanding = outstanding - (old.amount - old.paid_amount)
  WHERE day = old.invoice_date AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_inv_au_new` AFTER UPDATE OF amount, paid_amount, status, invoice_date, customer_id ON `invoices` WHEN new.status != 'void' BEGIN
  INSERT INTO report_daily_invoices(day, brand_id, invoices, invoiced, outstanding)
  VALUES (new.invoice_date, (SELECT brand_id FROM customers WHERE id = new.customer_id), 1, new.amount, new.amount - new.paid_amount)
  ON CONFLICT(day, brand_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced = invoiced + excluded.invoiced,
    outstanding = outstanding + excluded.outstanding;
END;
--> statement-breakpoint
CREATE TRIGGER `report_inv_ad` AFTER DELETE ON `invoices` WHEN old.status != 'void' BEGIN
  UPDATE report_daily_invoices SET invoices = invoices - 1, invoiced = invoiced - old.amount,
    outstanding = outstanding - (old.amount - old.paid_amount)
  WHERE day = old.invoice_date AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_pay_ai` AFTER INSERT ON `payments` WHEN new.status = 'live' BEGIN
  INSERT INTO report_daily_payments(day, method, received_by, brand_id, payments, amount)
  VALUES (new.payment_date, new.method, coalesce(new.received_by, 0), (SELECT brand_id FROM customers WHERE id = new.customer_id), 1, new.amount)
  ON CONFLICT(day, method, received_by, brand_id) DO UPDATE SET payments = payments + excluded.payments,
    amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER `report_pay_au_old` AFTER UPDATE OF status, amount, payment_date, method, received_by, customer_id ON `payments` WHEN old.status = 'live' BEGIN
  UPDATE report_daily_payments SET payments = payments - 1, amount = amount - old.amount
  WHERE day = old.payment_date AND method = old.method AND received_by = coalesce(old.received_by, 0)
    AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_pay_au_new` AFTER UPDATE OF status, amount, payment_date, method, received_by, customer_id ON `payments` WHEN new.status = 'live' BEGIN
  INSERT INTO report_daily_payments(day, method, received_by, brand_id, payments, amount)
  VALUES (new.payment_date, new.method, coalesce(new.received_by, 0), (SELECT brand_id FROM customers WHERE id = new.customer_id), 1, new.amount)
  ON CONFLICT(day, method, received_by, brand_id) DO UPDATE SET payments = payments + excluded.payments,
    amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER `report_pay_ad` AFTER DELETE ON `payments` WHEN old.status = 'live' BEGIN
  UPDATE report_daily_payments SET payments = payments - 1, amount = amount - old.amount
  WHERE day = old.payment_date AND method = old.method AND received_by = coalesce(old.received_by, 0)
    AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_refund_ai` AFTER INSERT ON `deposit_refunds` WHEN new.status = 'live' BEGIN
  INSERT INTO report_daily_refunds(day, method, refunded_by, brand_id, refunds, amount)
  VALUES (new.refund_date, new.method, coalesce(new.refunded_by, 0), (SELECT brand_id FROM customers WHERE id = new.customer_id), 1, new.amount)
  ON CONFLICT(day, method, refunded_by, brand_id) DO UPDATE SET refunds = refunds + excluded.refunds,
    amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER `report_refund_au_old` AFTER UPDATE OF status, amount, refund_date, method, refunded_by, customer_id ON `deposit_refunds` WHEN old.status = 'live' BEGIN
  UPDATE report_daily_refunds SET refunds = refunds - 1, amount = amount - old.amount
  WHERE day = old.refund_date AND method = old.method AND refunded_by = coalesce(old.refunded_by, 0)
    AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_refund_au_new` AFTER UPDATE OF status, amount, refund_date, method, refunded_by, customer_id ON `deposit_refunds` WHEN new.status = 'live' BEGIN
  INSERT INTO report_daily_refunds(day, method, refunded_by, brand_id, refunds, amount)
  VALUES (new.refund_date, new.method, coalesce(new.refunded_by, 0), (SELECT brand_id FROM customers WHERE id = new.customer_id), 1, new.amount)
  ON CONFLICT(day, method, refunded_by, brand_id) DO UPDATE SET refunds = refunds + excluded.refunds,
    amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER `report_refund_ad` AFTER DELETE ON `deposit_refunds` WHEN old.status = 'live' BEGIN
  UPDATE report_daily_refunds SET refunds = refunds - 1, amount = amount - old.amount
  WHERE day = old.refund_date AND method = old.method AND refunded_by = coalesce(old.refunded_by, 0)
    AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_csh_ai` AFTER INSERT ON `customer_status_history` BEGIN
  INSERT INTO report_monthly_customers(month, brand_id, active_delta, churned)
  VALUES (substr(new.changed_on, 1, 7), (SELECT brand_id FROM customers WHERE id = new.customer_id), (new.to_status = 'active') - (coalesce(new.from_status, '') = 'active'), new.to_status = 'inactive' AND coalesce(new.from_status, '') != 'inactive')
  ON CONFLICT(month, brand_id) DO UPDATE SET active_delta = active_delta + excluded.active_delta,
    churned = churned + excluded.churned;
END;
--> statement-breakpoint
CREATE TRIGGER `report_csh_au` AFTER UPDATE OF changed_on, from_status, to_status, customer_id ON `customer_status_history` BEGIN
  UPDATE report_monthly_customers SET active_delta = active_delta - ((old.to_status = 'active') - (coalesce(old.from_status, '') = 'active')),
    churned = churned - (old.to_status = 'inactive' AND coalesce(old.from_status, '') != 'inactive')
  WHERE month = substr(old.changed_on, 1, 7) AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
  INSERT INTO report_monthly_customers(month, brand_id, active_delta, churned)
  VALUES (substr(new.changed_on, 1, 7), (SELECT brand_id FROM customers WHERE id = new.customer_id), (new.to_status = 'active') - (coalesce(new.from_status, '') = 'active'), new.to_status = 'inactive' AND coalesce(new.from_status, '') != 'inactive')
  ON CONFLICT(month, brand_id) DO UPDATE SET active_delta = active_delta + excluded.active_delta,
    churned = churned + excluded.churned;
END;
--> statement-breakpoint
CREATE TRIGGER `report_csh_ad` AFTER DELETE ON `customer_status_history` BEGIN
  UPDATE report_monthly_customers SET active_delta = active_delta - ((old.to_status = 'active') - (coalesce(old.from_status, '') = 'active')),
    churned = churned - (old.to_status = 'inactive' AND coalesce(old.from_status, '') != 'inactive')
  WHERE month = substr(old.changed_on, 1, 7) AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
END;
--> statement-breakpoint
-- A customer moved to another brand takes their invoices, payments, refunds and status history with them:
-- their rows' sums leave the old brand and join the new one (the app moves only customers without money,
-- but whoever writes the change, the aggregates stay right). Reads the customer's rows by index.
CREATE TRIGGER `report_cust_brand_invoices` AFTER UPDATE OF brand_id ON `customers` WHEN old.brand_id != new.brand_id BEGIN
  UPDATE report_daily_invoices SET
    invoices = invoices - (SELECT count(*) FROM invoices i WHERE i.customer_id = new.id AND i.status != 'void' AND i.invoice_date = report_daily_invoices.day),
    invoiced = invoiced - (SELECT coalesce(sum(i.amount), 0) FROM invoices i WHERE i.customer_id = new.id AND i.status != 'void' AND i.invoice_date = report_daily_invoices.day),
    outstanding = outstanding - (SELECT coalesce(sum(i.amount - i.paid_amount), 0) FROM invoices i WHERE i.customer_id = new.id AND i.status != 'void' AND i.invoice_date = report_daily_invoices.day)
  WHERE brand_id = old.brand_id AND day IN (SELECT invoice_date FROM invoices WHERE customer_id = new.id AND status != 'void');
  INSERT INTO report_daily_invoices(day, brand_id, invoices, invoiced, outstanding)
  SELECT invoice_date, new.brand_id, count(*), sum(amount), sum(amount - paid_amount) FROM invoices
  WHERE customer_id = new.id AND status != 'void' GROUP BY invoice_date
  ON CONFLICT(day, brand_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced = invoiced + excluded.invoiced,
    outstanding = outstanding + excluded.outstanding;
END;
--> statement-breakpoint
CREATE TRIGGER `report_cust_brand_payments` AFTER UPDATE OF brand_id ON `customers` WHEN old.brand_id != new.brand_id BEGIN
  UPDATE report_daily_payments SET
    payments = payments - (SELECT count(*) FROM payments p WHERE p.customer_id = new.id AND p.status = 'live' AND p.payment_date = report_daily_payments.day AND p.method = report_daily_payments.method AND coalesce(p.received_by, 0) = report_daily_payments.received_by),
    amount = amount - (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.customer_id = new.id AND p.status = 'live' AND p.payment_date = report_daily_payments.day AND p.method = report_daily_payments.method AND coalesce(p.received_by, 0) = report_daily_payments.received_by)
  WHERE brand_id = old.brand_id AND day IN (SELECT payment_date FROM payments WHERE customer_id = new.id AND status = 'live');
  INSERT INTO report_daily_payments(day, method, received_by, brand_id, payments, amount)
  SELECT payment_date, method, coalesce(received_by, 0), new.brand_id, count(*), sum(amount) FROM payments
  WHERE customer_id = new.id AND status = 'live' GROUP BY payment_date, method, coalesce(received_by, 0)
  ON CONFLICT(day, method, received_by, brand_id) DO UPDATE SET payments = payments + excluded.payments,
    amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER `report_cust_brand_refunds` AFTER UPDATE OF brand_id ON `customers` WHEN old.brand_id != new.brand_id BEGIN
  UPDATE report_daily_refunds SET
    refunds = refunds - (SELECT count(*) FROM deposit_refunds r WHERE r.customer_id = new.id AND r.status = 'live' AND r.refund_date = report_daily_refunds.day AND r.method = report_daily_refunds.method AND coalesce(r.refunded_by, 0) = report_daily_refunds.refunded_by),
    amount = amount - (SELECT coalesce(sum(r.amount), 0) FROM deposit_refunds r WHERE r.customer_id = new.id AND r.status = 'live' AND r.refund_date = report_daily_refunds.day AND r.method = report_daily_refunds.method AND coalesce(r.refunded_by, 0) = report_daily_refunds.refunded_by)
  WHERE brand_id = old.brand_id AND day IN (SELECT refund_date FROM deposit_refunds WHERE customer_id = new.id AND status = 'live');
  INSERT INTO report_daily_refunds(day, method, refunded_by, brand_id, refunds, amount)
  SELECT refund_date, method, coalesce(refunded_by, 0), new.brand_id, count(*), sum(amount) FROM deposit_refunds
  WHERE customer_id = new.id AND status = 'live' GROUP BY refund_date, method, coalesce(refunded_by, 0)
  ON CONFLICT(day, method, refunded_by, brand_id) DO UPDATE SET refunds = refunds + excluded.refunds,
    amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER `report_cust_brand_history` AFTER UPDATE OF brand_id ON `customers` WHEN old.brand_id != new.brand_id BEGIN
  UPDATE report_monthly_customers SET
    active_delta = active_delta - (SELECT coalesce(sum((h.to_status = 'active') - (coalesce(h.from_status, '') = 'active')), 0) FROM customer_status_history h WHERE h.customer_id = new.id AND substr(h.changed_on, 1, 7) = report_monthly_customers.month),
    churned = churned - (SELECT coalesce(sum(h.to_status = 'inactive' AND coalesce(h.from_status, '') != 'inactive'), 0) FROM customer_status_history h WHERE h.customer_id = new.id AND substr(h.changed_on, 1, 7) = report_monthly_customers.month)
  WHERE brand_id = old.brand_id AND month IN (SELECT substr(changed_on, 1, 7) FROM customer_status_history WHERE customer_id = new.id);
  INSERT INTO report_monthly_customers(month, brand_id, active_delta, churned)
  SELECT substr(h.changed_on, 1, 7), new.brand_id, sum((h.to_status = 'active') - (coalesce(h.from_status, '') = 'active')), sum(h.to_status = 'inactive' AND coalesce(h.from_status, '') != 'inactive')
  FROM customer_status_history h WHERE h.customer_id = new.id GROUP BY substr(h.changed_on, 1, 7)
  ON CONFLICT(month, brand_id) DO UPDATE SET active_delta = active_delta + excluded.active_delta,
    churned = churned + excluded.churned;
END;
--> statement-breakpoint
-- Back-fill from the ledger, each row in its customer's brand.
INSERT INTO report_daily_invoices(day, brand_id, invoices, invoiced, outstanding)
  SELECT i.invoice_date, c.brand_id, count(*), sum(i.amount), sum(i.amount - i.paid_amount)
  FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.status != 'void' GROUP BY i.invoice_date, c.brand_id;
--> statement-breakpoint
INSERT INTO report_daily_payments(day, method, received_by, brand_id, payments, amount)
  SELECT p.payment_date, p.method, coalesce(p.received_by, 0), c.brand_id, count(*), sum(p.amount)
  FROM payments p JOIN customers c ON c.id = p.customer_id WHERE p.status = 'live'
  GROUP BY p.payment_date, p.method, coalesce(p.received_by, 0), c.brand_id;
--> statement-breakpoint
INSERT INTO report_daily_refunds(day, method, refunded_by, brand_id, refunds, amount)
  SELECT r.refund_date, r.method, coalesce(r.refunded_by, 0), c.brand_id, count(*), sum(r.amount)
  FROM deposit_refunds r JOIN customers c ON c.id = r.customer_id WHERE r.status = 'live'
  GROUP BY r.refund_date, r.method, coalesce(r.refunded_by, 0), c.brand_id;
--> statement-breakpoint
INSERT INTO report_monthly_customers(month, brand_id, active_delta, churned)
  SELECT substr(h.changed_on, 1, 7), c.brand_id, sum((h.to_status = 'active') - (coalesce(h.from_status, '') = 'active')), sum(h.to_status = 'inactive' AND coalesce(h.from_status, '') != 'inactive')
  FROM customer_status_history h JOIN customers c ON c.id = h.customer_id GROUP BY substr(h.changed_on, 1, 7), c.brand_id;
