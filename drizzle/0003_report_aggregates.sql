CREATE TABLE `report_daily_invoices` (
	`day` text PRIMARY KEY NOT NULL,
	`invoices` integer DEFAULT 0 NOT NULL,
	`invoiced` integer DEFAULT 0 NOT NULL,
	`outstanding` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_daily_payments` (
	`day` text NOT NULL,
	`method` text NOT NULL,
	`received_by` integer DEFAULT 0 NOT NULL,
	`payments` integer DEFAULT 0 NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `method`, `received_by`)
);
--> statement-breakpoint
-- Invoices: a non-void invoice counts on its invoice_date; every change moves its old contribution out
-- and its new one in, so the aggregates stay exact through payments (paid_amount) and voids.
CREATE TRIGGER `report_inv_ai` AFTER INSERT ON `invoices` WHEN new.status != 'void' BEGIN
  INSERT INTO report_daily_invoices(day, invoices, invoiced, outstanding)
  VALUES (new.invoice_date, 1, new.amount, new.amount - new.paid_amount)
  ON CONFLICT(day) DO UPDATE SET invoices = invoices + 1, invoiced = invoiced + excluded.invoiced,
    outstanding = outstanding + excluded.outstanding;
END;
--> statement-breakpoint
CREATE TRIGGER `report_inv_au_old` AFTER UPDATE OF amount, paid_amount, status, invoice_date ON `invoices` WHEN old.status != 'void' BEGIN
  UPDATE report_daily_invoices SET invoices = invoices - 1, invoiced = invoiced - old.amount,
    outstanding = outstanding - (old.amount - old.paid_amount) WHERE day = old.invoice_date;
END;
--> statement-breakpoint
CREATE TRIGGER `report_inv_au_new` AFTER UPDATE OF amount, paid_amount, status, invoice_date ON `invoices` WHEN new.status != 'void' BEGIN
  INSERT INTO report_daily_invoices(day, invoices, invoiced, outstanding)
  VALUES (new.invoice_date, 1, new.amount, new.amount - new.paid_amount)
  ON CONFLICT(day) DO UPDATE SET invoices = invoices + 1, invoiced = invoiced + excluded.invoiced,
    outstanding = outstanding + excluded.outstanding;
END;
--> statement-breakpoint
CREATE TRIGGER `report_inv_ad` AFTER DELETE ON `invoices` WHEN old.status != 'void' BEGIN
  UPDATE report_daily_invoices SET invoices = invoices - 1, invoiced = invoiced - old.amount,
    outstanding = outstanding - (old.amount - old.paid_amount) WHERE day = old.invoice_date;
END;
--> statement-breakpoint
CREATE TRIGGER `report_pay_ai` AFTER INSERT ON `payments` WHEN new.status = 'live' BEGIN
  INSERT INTO report_daily_payments(day, method, received_by, payments, amount)
  VALUES (new.payment_date, new.method, coalesce(new.received_by, 0), 1, new.amount)
  ON CONFLICT(day, method, received_by) DO UPDATE SET payments = payments + 1, amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER `report_pay_au_old` AFTER UPDATE OF status, amount, payment_date, method, received_by ON `payments` WHEN old.status = 'live' BEGIN
  UPDATE report_daily_payments SET payments = payments - 1, amount = amount - old.amount
  WHERE day = old.payment_date AND method = old.method AND received_by = coalesce(old.received_by, 0);
END;
--> statement-breakpoint
CREATE TRIGGER `report_pay_au_new` AFTER UPDATE OF status, amount, payment_date, method, received_by ON `payments` WHEN new.status = 'live' BEGIN
  INSERT INTO report_daily_payments(day, method, received_by, payments, amount)
  VALUES (new.payment_date, new.method, coalesce(new.received_by, 0), 1, new.amount)
  ON CONFLICT(day, method, received_by) DO UPDATE SET payments = payments + 1, amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER `report_pay_ad` AFTER DELETE ON `payments` WHEN old.status = 'live' BEGIN
  UPDATE report_daily_payments SET payments = payments - 1, amount = amount - old.amount
  WHERE day = old.payment_date AND method = old.method AND received_by = coalesce(old.received_by, 0);
END;
--> statement-breakpoint
-- Open invoices only (a small partial index): overdue totals and the aging report read just this.
CREATE INDEX `invoices_open_idx` ON `invoices` (due_date, customer_id, amount, paid_amount, invoice_date, status) WHERE status IN ('unpaid', 'partial', 'overdue');
--> statement-breakpoint
INSERT INTO report_daily_invoices(day, invoices, invoiced, outstanding)
  SELECT invoice_date, count(*), sum(amount), sum(amount - paid_amount) FROM invoices WHERE status != 'void' GROUP BY invoice_date;
--> statement-breakpoint
INSERT INTO report_daily_payments(day, method, received_by, payments, amount)
  SELECT payment_date, method, coalesce(received_by, 0), count(*), sum(amount) FROM payments WHERE status = 'live'
  GROUP BY payment_date, method, coalesce(received_by, 0);
--> statement-breakpoint
-- Every customer starts its status history on its join date, whoever inserts it (the app, an import,
-- a restore of old data), so growth and churn can be replayed from customer_status_history alone.
CREATE TRIGGER `customers_initial_status` AFTER INSERT ON `customers` BEGIN
  INSERT INTO customer_status_history(customer_id, from_status, to_status, changed_on, at)
  VALUES (new.id, NULL, new.status, new.join_date, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
INSERT INTO customer_status_history(customer_id, from_status, to_status, changed_on, at)
  SELECT c.id, NULL, c.status, c.join_date, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM customers c
  WHERE NOT EXISTS (SELECT 1 FROM customer_status_history h WHERE h.customer_id = c.id);
