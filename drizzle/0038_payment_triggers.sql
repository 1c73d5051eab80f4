-- Issue 14 / 20: a cheaper payments.create. Profile (node --cpu-prof, 5,000 customers, encrypted): of the
-- payment's SQL, the UPDATE of each paid invoice cost most (~170 µs), and of that the aging trigger ~60%:
-- report_aging_inv_au deleted every aging row of the customer and re-read all their open invoices to insert
-- them again, so report_aging_ad/ai ran per row and report_aging_overdue was rewritten (one page more in
-- the commit's WAL) although nothing about the customer's overdue state changed. A payment changes neither
-- the invoice's customer nor its dates, so its bucket row is known: the invoice's owed moves in place, the
-- row loses the invoice when it is paid off, or gets it back when a void reopens it. Only a change of
-- customer or dates still re-reads the customer's open invoices (as before). The rows kept are the same.
DROP TRIGGER `report_aging_inv_au`;
--> statement-breakpoint
-- An open invoice stays open with another amount owed (a partial payment, its void, a new amount).
CREATE TRIGGER `report_aging_inv_au_owed` AFTER UPDATE OF amount, paid_amount, status, invoice_date, due_date, customer_id ON `invoices`
WHEN old.customer_id = new.customer_id AND old.due_date = new.due_date AND old.invoice_date = new.invoice_date
  AND old.status IN ('unpaid', 'partial', 'overdue') AND old.amount > old.paid_amount
  AND new.status IN ('unpaid', 'partial', 'overdue') AND new.amount > new.paid_amount
  AND old.amount - old.paid_amount != new.amount - new.paid_amount BEGIN
  UPDATE report_aging_customers SET owed = owed - (old.amount - old.paid_amount) + (new.amount - new.paid_amount)
  WHERE customer_id = new.customer_id AND (bucket, issued) = (
    SELECT CASE WHEN new.due_date >= s.as_of THEN 0 WHEN new.due_date >= date(s.as_of, '-30 days') THEN 1
      WHEN new.due_date >= date(s.as_of, '-60 days') THEN 2 WHEN new.due_date >= date(s.as_of, '-90 days') THEN 3 ELSE 4 END,
      new.invoice_date <= s.as_of FROM report_aging_state s WHERE s.id = 1);
END;
--> statement-breakpoint
-- An open invoice is paid off or voided: its row loses it (and goes when it was the row's last invoice); the
-- oldest due date is re-read only when it was this invoice's.
CREATE TRIGGER `report_aging_inv_au_closed` AFTER UPDATE OF amount, paid_amount, status, invoice_date, due_date, customer_id ON `invoices`
WHEN old.customer_id = new.customer_id AND old.due_date = new.due_date AND old.invoice_date = new.invoice_date
  AND old.status IN ('unpaid', 'partial', 'overdue') AND old.amount > old.paid_amount
  AND NOT (new.status IN ('unpaid', 'partial', 'overdue') AND new.amount > new.paid_amount) BEGIN
  DELETE FROM report_aging_customers WHERE customer_id = old.customer_id AND invoices = 1 AND (bucket, issued) = (
    SELECT CASE WHEN old.due_date >= s.as_of THEN 0 WHEN old.due_date >= date(s.as_of, '-30 days') THEN 1
      WHEN old.due_date >= date(s.as_of, '-60 days') THEN 2 WHEN old.due_date >= date(s.as_of, '-90 days') THEN 3 ELSE 4 END,
      old.invoice_date <= s.as_of FROM report_aging_state s WHERE s.id = 1);
  UPDATE report_aging_customers SET invoices = invoices - 1, owed = owed - (old.amount - old.paid_amount),
    oldest_due = CASE WHEN oldest_due < old.due_date THEN oldest_due ELSE (
      SELECT min(i.due_date) FROM invoices i JOIN report_aging_state s ON s.id = 1
      WHERE i.customer_id = old.customer_id AND i.status IN ('unpaid', 'partial', 'overdue') AND i.amount > i.paid_amount
        AND CASE WHEN i.due_date >= s.as_of THEN 0 WHEN i.due_date >= date(s.as_of, '-30 days') THEN 1
          WHEN i.due_date >= date(s.as_of, '-60 days') THEN 2 WHEN i.due_date >= date(s.as_of, '-90 days') THEN 3 ELSE 4 END
          = report_aging_customers.bucket
        AND (i.invoice_date <= s.as_of) = report_aging_customers.issued) END
  WHERE customer_id = old.customer_id AND (bucket, issued) = (
    SELECT CASE WHEN old.due_date >= s.as_of THEN 0 WHEN old.due_date >= date(s.as_of, '-30 days') THEN 1
      WHEN old.due_date >= date(s.as_of, '-60 days') THEN 2 WHEN old.due_date >= date(s.as_of, '-90 days') THEN 3 ELSE 4 END,
      old.invoice_date <= s.as_of FROM report_aging_state s WHERE s.id = 1);
END;
--> statement-breakpoint
-- A paid or void invoice is open again (its payment was voided): added as a new open invoice is.
CREATE TRIGGER `report_aging_inv_au_reopened` AFTER UPDATE OF amount, paid_amount, status, invoice_date, due_date, customer_id ON `invoices`
WHEN old.customer_id = new.customer_id AND old.due_date = new.due_date AND old.invoice_date = new.invoice_date
  AND NOT (old.status IN ('unpaid', 'partial', 'overdue') AND old.amount > old.paid_amount)
  AND new.status IN ('unpaid', 'partial', 'overdue') AND new.amount > new.paid_amount BEGIN
  INSERT INTO report_aging_customers(customer_id, bucket, issued, brand_id, invoices, owed, oldest_due)
  SELECT new.customer_id, CASE WHEN new.due_date >= s.as_of THEN 0 WHEN new.due_date >= date(s.as_of, '-30 days') THEN 1
      WHEN new.due_date >= date(s.as_of, '-60 days') THEN 2 WHEN new.due_date >= date(s.as_of, '-90 days') THEN 3 ELSE 4 END,
    new.invoice_date <= s.as_of, (SELECT brand_id FROM customers WHERE id = new.customer_id), 1, new.amount - new.paid_amount, new.due_date
  FROM report_aging_state s WHERE s.id = 1
  ON CONFLICT(customer_id, bucket, issued) DO UPDATE SET invoices = invoices + 1, owed = owed + excluded.owed,
    oldest_due = min(oldest_due, excluded.oldest_due);
END;
--> statement-breakpoint
-- A move to another customer or new dates: the customers' open invoices are re-read, as 0031 did for every change.
CREATE TRIGGER `report_aging_inv_au` AFTER UPDATE OF amount, paid_amount, status, invoice_date, due_date, customer_id ON `invoices`
WHEN NOT (old.customer_id = new.customer_id AND old.due_date = new.due_date AND old.invoice_date = new.invoice_date)
  AND ((old.status IN ('unpaid', 'partial', 'overdue') AND old.amount > old.paid_amount) OR (new.status IN ('unpaid', 'partial', 'overdue') AND new.amount > new.paid_amount)) BEGIN
  DELETE FROM report_aging_customers WHERE customer_id = old.customer_id;
  INSERT INTO report_aging_customers(customer_id, bucket, issued, brand_id, invoices, owed, oldest_due)
  SELECT i.customer_id, CASE WHEN i.due_date >= s.as_of THEN 0 WHEN i.due_date >= date(s.as_of, '-30 days') THEN 1 WHEN i.due_date >= date(s.as_of, '-60 days') THEN 2 WHEN i.due_date >= date(s.as_of, '-90 days') THEN 3 ELSE 4 END AS b, i.invoice_date <= s.as_of AS iss, c.brand_id, count(*), sum(i.amount - i.paid_amount), min(i.due_date)
  FROM invoices i JOIN customers c ON c.id = i.customer_id JOIN report_aging_state s ON s.id = 1
  WHERE i.customer_id = old.customer_id AND i.status IN ('unpaid', 'partial', 'overdue') AND i.amount > i.paid_amount GROUP BY b, iss;
  DELETE FROM report_aging_customers WHERE customer_id = new.customer_id AND new.customer_id != old.customer_id;
  INSERT INTO report_aging_customers(customer_id, bucket, issued, brand_id, invoices, owed, oldest_due)
  SELECT i.customer_id, CASE WHEN i.due_date >= s.as_of THEN 0 WHEN i.due_date >= date(s.as_of, '-30 days') THEN 1 WHEN i.due_date >= date(s.as_of, '-60 days') THEN 2 WHEN i.due_date >= date(s.as_of, '-90 days') THEN 3 ELSE 4 END AS b, i.invoice_date <= s.as_of AS iss, c.brand_id, count(*), sum(i.amount - i.paid_amount), min(i.due_date)
  FROM invoices i JOIN customers c ON c.id = i.customer_id JOIN report_aging_state s ON s.id = 1
  WHERE i.customer_id = new.customer_id AND i.status IN ('unpaid', 'partial', 'overdue') AND i.amount > i.paid_amount AND new.customer_id != old.customer_id GROUP BY b, iss;
END;
--> statement-breakpoint
-- report_daily_invoices (0028): a payment took the invoice's day row out (report_inv_au_old) and put it back
-- (report_inv_au_new), two statements and two brand look-ups on the same row. When the invoice stays on its
-- day and customer and is not voided, one UPDATE by the difference does it; a move or a void keeps the pair.
DROP TRIGGER `report_inv_au_old`;
--> statement-breakpoint
DROP TRIGGER `report_inv_au_new`;
--> statement-breakpoint
CREATE TRIGGER `report_inv_au_same` AFTER UPDATE OF amount, paid_amount, status, invoice_date, customer_id ON `invoices`
WHEN old.status != 'void' AND new.status != 'void' AND old.invoice_date = new.invoice_date AND old.customer_id = new.customer_id
  AND (old.amount != new.amount OR old.paid_amount != new.paid_amount) BEGIN
  UPDATE report_daily_invoices SET invoiced = invoiced - old.amount + new.amount,
    outstanding = outstanding - (old.amount - old.paid_amount) + (new.amount - new.paid_amount)
  WHERE day = new.invoice_date AND brand_id = (SELECT brand_id FROM customers WHERE id = new.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_inv_au_old` AFTER UPDATE OF amount, paid_amount, status, invoice_date, customer_id ON `invoices`
WHEN old.status != 'void' AND NOT (new.status != 'void' AND old.invoice_date = new.invoice_date AND old.customer_id = new.customer_id) BEGIN
  UPDATE report_daily_invoices SET invoices = invoices - 1, invoiced = invoiced - old.amount,
    outstanding = outstanding - (old.amount - old.paid_amount)
  WHERE day = old.invoice_date AND brand_id = (SELECT brand_id FROM customers WHERE id = old.customer_id);
END;
--> statement-breakpoint
CREATE TRIGGER `report_inv_au_new` AFTER UPDATE OF amount, paid_amount, status, invoice_date, customer_id ON `invoices`
WHEN new.status != 'void' AND NOT (old.status != 'void' AND old.invoice_date = new.invoice_date AND old.customer_id = new.customer_id) BEGIN
  INSERT INTO report_daily_invoices(day, brand_id, invoices, invoiced, outstanding)
  VALUES (new.invoice_date, (SELECT brand_id FROM customers WHERE id = new.customer_id), 1, new.amount, new.amount - new.paid_amount)
  ON CONFLICT(day, brand_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced = invoiced + excluded.invoiced,
    outstanding = outstanding + excluded.outstanding;
END;
