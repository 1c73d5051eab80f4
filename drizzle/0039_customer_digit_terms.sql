-- A search for digits (a phone, an ID card number: "3200000000000", "81299887766") read every search text
-- (12–14 ms at 50,000 customers, issue 20): its trigrams ("000", "812") are in most rows, so the trigram index
-- would read most of its lists, and it was scanned instead. This table holds every suffix of 4+ digits of
-- each run of digits in a customer's search_text, once per customer: a needle of digits lies inside one run,
-- so the customers holding it are those with a suffix beginning with it, a range of the primary key
-- (data/customers-search.ts hitIndex). `shared` is how many leading digits a term shares with the customer's
-- term before it in term order: of a customer's terms beginning with the needle (neighbours in that order)
-- only the first shares fewer than the needle's length, so the range counts each customer once. `shared` is
-- found by a binary search of 5 prefix comparisons and stops at 31 (exact for needles of up to 31 digits).
-- The terms come from walking the text one run of digits at a time (ltrim by the text's own non-digits skips
-- to the next run). Kept by triggers, as customers_fts is: an erasure's update removes the old number's terms.
-- Costs ~17 rows (~330 bytes) a customer: 16.6 MB at 50,000 customers; ~80 µs CPU per insert in memory, and
-- on an encrypted file ~0.7–1 ms CPU more per customers.create (its terms dirty ~17 scattered pages).
CREATE TABLE `customer_digit_terms` (
	`term` text NOT NULL,
	`customer_id` integer NOT NULL,
	`shared` integer NOT NULL,
	PRIMARY KEY(`term`, `customer_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `customer_digit_terms_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO customer_digit_terms(term, customer_id, shared)
  SELECT term, new.id, CASE WHEN substr(term, 1, 16) = substr(prev, 1, 16)
      THEN CASE WHEN substr(term, 1, 24) = substr(prev, 1, 24)
        THEN CASE WHEN substr(term, 1, 28) = substr(prev, 1, 28)
          THEN CASE WHEN substr(term, 1, 30) = substr(prev, 1, 30)
            THEN CASE WHEN substr(term, 1, 31) = substr(prev, 1, 31)
              THEN 31
              ELSE 30 END
            ELSE CASE WHEN substr(term, 1, 29) = substr(prev, 1, 29)
              THEN 29
              ELSE 28 END END
          ELSE CASE WHEN substr(term, 1, 26) = substr(prev, 1, 26)
            THEN CASE WHEN substr(term, 1, 27) = substr(prev, 1, 27)
              THEN 27
              ELSE 26 END
            ELSE CASE WHEN substr(term, 1, 25) = substr(prev, 1, 25)
              THEN 25
              ELSE 24 END END END
        ELSE CASE WHEN substr(term, 1, 20) = substr(prev, 1, 20)
          THEN CASE WHEN substr(term, 1, 22) = substr(prev, 1, 22)
            THEN CASE WHEN substr(term, 1, 23) = substr(prev, 1, 23)
              THEN 23
              ELSE 22 END
            ELSE CASE WHEN substr(term, 1, 21) = substr(prev, 1, 21)
              THEN 21
              ELSE 20 END END
          ELSE CASE WHEN substr(term, 1, 18) = substr(prev, 1, 18)
            THEN CASE WHEN substr(term, 1, 19) = substr(prev, 1, 19)
              THEN 19
              ELSE 18 END
            ELSE CASE WHEN substr(term, 1, 17) = substr(prev, 1, 17)
              THEN 17
              ELSE 16 END END END END
      ELSE CASE WHEN substr(term, 1, 8) = substr(prev, 1, 8)
        THEN CASE WHEN substr(term, 1, 12) = substr(prev, 1, 12)
          THEN CASE WHEN substr(term, 1, 14) = substr(prev, 1, 14)
            THEN CASE WHEN substr(term, 1, 15) = substr(prev, 1, 15)
              THEN 15
              ELSE 14 END
            ELSE CASE WHEN substr(term, 1, 13) = substr(prev, 1, 13)
              THEN 13
              ELSE 12 END END
          ELSE CASE WHEN substr(term, 1, 10) = substr(prev, 1, 10)
            THEN CASE WHEN substr(term, 1, 11) = substr(prev, 1, 11)
              THEN 11
              ELSE 10 END
            ELSE CASE WHEN substr(term, 1, 9) = substr(prev, 1, 9)
              THEN 9
              ELSE 8 END END END
        ELSE CASE WHEN substr(term, 1, 4) = substr(prev, 1, 4)
          THEN CASE WHEN substr(term, 1, 6) = substr(prev, 1, 6)
            THEN CASE WHEN substr(term, 1, 7) = substr(prev, 1, 7)
              THEN 7
              ELSE 6 END
            ELSE CASE WHEN substr(term, 1, 5) = substr(prev, 1, 5)
              THEN 5
              ELSE 4 END END
          ELSE CASE WHEN substr(term, 1, 2) = substr(prev, 1, 2)
            THEN CASE WHEN substr(term, 1, 3) = substr(prev, 1, 3)
              THEN 3
              ELSE 2 END
            ELSE CASE WHEN substr(term, 1, 1) = substr(prev, 1, 1)
              THEN 1
              ELSE 0 END END END END END
  FROM (SELECT term, lag(term, 1, '') OVER (ORDER BY term) AS prev FROM (
      WITH RECURSIVE r(x, d, nd) AS (
        SELECT x, length(x) - length(ltrim(x, '0123456789')), nd FROM (SELECT ltrim(new.search_text, nd) AS x, nd FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.search_text, '0', ''), '1', ''), '2', ''), '3', ''), '4', ''), '5', ''), '6', ''), '7', ''), '8', ''), '9', '') AS nd))
        UNION ALL
        SELECT CASE WHEN d > 4 THEN substr(x, 2) ELSE ltrim(substr(x, d + 1), nd) END,
               CASE WHEN d > 4 THEN d - 1 ELSE length(ltrim(substr(x, d + 1), nd)) - length(ltrim(ltrim(substr(x, d + 1), nd), '0123456789')) END, nd
        FROM r WHERE d > 0)
      SELECT DISTINCT substr(x, 1, d) AS term FROM r WHERE d >= 4));
END;
--> statement-breakpoint
CREATE TRIGGER `customer_digit_terms_delete` AFTER DELETE ON `customers` BEGIN
  DELETE FROM customer_digit_terms WHERE customer_id = old.id AND term IN (
      WITH RECURSIVE r(x, d, nd) AS (
        SELECT x, length(x) - length(ltrim(x, '0123456789')), nd FROM (SELECT ltrim(old.search_text, nd) AS x, nd FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(old.search_text, '0', ''), '1', ''), '2', ''), '3', ''), '4', ''), '5', ''), '6', ''), '7', ''), '8', ''), '9', '') AS nd))
        UNION ALL
        SELECT CASE WHEN d > 4 THEN substr(x, 2) ELSE ltrim(substr(x, d + 1), nd) END,
               CASE WHEN d > 4 THEN d - 1 ELSE length(ltrim(substr(x, d + 1), nd)) - length(ltrim(ltrim(substr(x, d + 1), nd), '0123456789')) END, nd
        FROM r WHERE d > 0)
      SELECT DISTINCT substr(x, 1, d) AS term FROM r WHERE d >= 4);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_digit_terms_update` AFTER UPDATE ON `customers` WHEN old.search_text IS NOT new.search_text BEGIN
  DELETE FROM customer_digit_terms WHERE customer_id = old.id AND term IN (
      WITH RECURSIVE r(x, d, nd) AS (
        SELECT x, length(x) - length(ltrim(x, '0123456789')), nd FROM (SELECT ltrim(old.search_text, nd) AS x, nd FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(old.search_text, '0', ''), '1', ''), '2', ''), '3', ''), '4', ''), '5', ''), '6', ''), '7', ''), '8', ''), '9', '') AS nd))
        UNION ALL
        SELECT CASE WHEN d > 4 THEN substr(x, 2) ELSE ltrim(substr(x, d + 1), nd) END,
               CASE WHEN d > 4 THEN d - 1 ELSE length(ltrim(substr(x, d + 1), nd)) - length(ltrim(ltrim(substr(x, d + 1), nd), '0123456789')) END, nd
        FROM r WHERE d > 0)
      SELECT DISTINCT substr(x, 1, d) AS term FROM r WHERE d >= 4);
  INSERT INTO customer_digit_terms(term, customer_id, shared)
  SELECT term, new.id, CASE WHEN substr(term, 1, 16) = substr(prev, 1, 16)
      THEN CASE WHEN substr(term, 1, 24) = substr(prev, 1, 24)
        THEN CASE WHEN substr(term, 1, 28) = substr(prev, 1, 28)
          THEN CASE WHEN substr(term, 1, 30) = substr(prev, 1, 30)
            THEN CASE WHEN substr(term, 1, 31) = substr(prev, 1, 31)
              THEN 31
              ELSE 30 END
            ELSE CASE WHEN substr(term, 1, 29) = substr(prev, 1, 29)
              THEN 29
              ELSE 28 END END
          ELSE CASE WHEN substr(term, 1, 26) = substr(prev, 1, 26)
            THEN CASE WHEN substr(term, 1, 27) = substr(prev, 1, 27)
              THEN 27
              ELSE 26 END
            ELSE CASE WHEN substr(term, 1, 25) = substr(prev, 1, 25)
              THEN 25
              ELSE 24 END END END
        ELSE CASE WHEN substr(term, 1, 20) = substr(prev, 1, 20)
          THEN CASE WHEN substr(term, 1, 22) = substr(prev, 1, 22)
            THEN CASE WHEN substr(term, 1, 23) = substr(prev, 1, 23)
              THEN 23
              ELSE 22 END
            ELSE CASE WHEN substr(term, 1, 21) = substr(prev, 1, 21)
              THEN 21
              ELSE 20 END END
          ELSE CASE WHEN substr(term, 1, 18) = substr(prev, 1, 18)
            THEN CASE WHEN substr(term, 1, 19) = substr(prev, 1, 19)
              THEN 19
              ELSE 18 END
            ELSE CASE WHEN substr(term, 1, 17) = substr(prev, 1, 17)
              THEN 17
              ELSE 16 END END END END
      ELSE CASE WHEN substr(term, 1, 8) = substr(prev, 1, 8)
        THEN CASE WHEN substr(term, 1, 12) = substr(prev, 1, 12)
          THEN CASE WHEN substr(term, 1, 14) = substr(prev, 1, 14)
            THEN CASE WHEN substr(term, 1, 15) = substr(prev, 1, 15)
              THEN 15
              ELSE 14 END
            ELSE CASE WHEN substr(term, 1, 13) = substr(prev, 1, 13)
              THEN 13
              ELSE 12 END END
          ELSE CASE WHEN substr(term, 1, 10) = substr(prev, 1, 10)
            THEN CASE WHEN substr(term, 1, 11) = substr(prev, 1, 11)
              THEN 11
              ELSE 10 END
            ELSE CASE WHEN substr(term, 1, 9) = substr(prev, 1, 9)
              THEN 9
              ELSE 8 END END END
        ELSE CASE WHEN substr(term, 1, 4) = substr(prev, 1, 4)
          THEN CASE WHEN substr(term, 1, 6) = substr(prev, 1, 6)
            THEN CASE WHEN substr(term, 1, 7) = substr(prev, 1, 7)
              THEN 7
              ELSE 6 END
            ELSE CASE WHEN substr(term, 1, 5) = substr(prev, 1, 5)
              THEN 5
              ELSE 4 END END
          ELSE CASE WHEN substr(term, 1, 2) = substr(prev, 1, 2)
            THEN CASE WHEN substr(term, 1, 3) = substr(prev, 1, 3)
              THEN 3
              ELSE 2 END
            ELSE CASE WHEN substr(term, 1, 1) = substr(prev, 1, 1)
              THEN 1
              ELSE 0 END END END END END
  FROM (SELECT term, lag(term, 1, '') OVER (ORDER BY term) AS prev FROM (
      WITH RECURSIVE r(x, d, nd) AS (
        SELECT x, length(x) - length(ltrim(x, '0123456789')), nd FROM (SELECT ltrim(new.search_text, nd) AS x, nd FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.search_text, '0', ''), '1', ''), '2', ''), '3', ''), '4', ''), '5', ''), '6', ''), '7', ''), '8', ''), '9', '') AS nd))
        UNION ALL
        SELECT CASE WHEN d > 4 THEN substr(x, 2) ELSE ltrim(substr(x, d + 1), nd) END,
               CASE WHEN d > 4 THEN d - 1 ELSE length(ltrim(substr(x, d + 1), nd)) - length(ltrim(ltrim(substr(x, d + 1), nd), '0123456789')) END, nd
        FROM r WHERE d > 0)
      SELECT DISTINCT substr(x, 1, d) AS term FROM r WHERE d >= 4));
END;
--> statement-breakpoint
-- The customers already there: the same walk over every search text at once.
INSERT INTO customer_digit_terms(term, customer_id, shared)
SELECT term, id, CASE WHEN substr(term, 1, 16) = substr(prev, 1, 16)
    THEN CASE WHEN substr(term, 1, 24) = substr(prev, 1, 24)
      THEN CASE WHEN substr(term, 1, 28) = substr(prev, 1, 28)
        THEN CASE WHEN substr(term, 1, 30) = substr(prev, 1, 30)
          THEN CASE WHEN substr(term, 1, 31) = substr(prev, 1, 31)
            THEN 31
            ELSE 30 END
          ELSE CASE WHEN substr(term, 1, 29) = substr(prev, 1, 29)
            THEN 29
            ELSE 28 END END
        ELSE CASE WHEN substr(term, 1, 26) = substr(prev, 1, 26)
          THEN CASE WHEN substr(term, 1, 27) = substr(prev, 1, 27)
            THEN 27
            ELSE 26 END
          ELSE CASE WHEN substr(term, 1, 25) = substr(prev, 1, 25)
            THEN 25
            ELSE 24 END END END
      ELSE CASE WHEN substr(term, 1, 20) = substr(prev, 1, 20)
        THEN CASE WHEN substr(term, 1, 22) = substr(prev, 1, 22)
          THEN CASE WHEN substr(term, 1, 23) = substr(prev, 1, 23)
            THEN 23
            ELSE 22 END
          ELSE CASE WHEN substr(term, 1, 21) = substr(prev, 1, 21)
            THEN 21
            ELSE 20 END END
        ELSE CASE WHEN substr(term, 1, 18) = substr(prev, 1, 18)
          THEN CASE WHEN substr(term, 1, 19) = substr(prev, 1, 19)
            THEN 19
            ELSE 18 END
          ELSE CASE WHEN substr(term, 1, 17) = substr(prev, 1, 17)
            THEN 17
            ELSE 16 END END END END
    ELSE CASE WHEN substr(term, 1, 8) = substr(prev, 1, 8)
      THEN CASE WHEN substr(term, 1, 12) = substr(prev, 1, 12)
        THEN CASE WHEN substr(term, 1, 14) = substr(prev, 1, 14)
          THEN CASE WHEN substr(term, 1, 15) = substr(prev, 1, 15)
            THEN 15
            ELSE 14 END
          ELSE CASE WHEN substr(term, 1, 13) = substr(prev, 1, 13)
            THEN 13
            ELSE 12 END END
        ELSE CASE WHEN substr(term, 1, 10) = substr(prev, 1, 10)
          THEN CASE WHEN substr(term, 1, 11) = substr(prev, 1, 11)
            THEN 11
            ELSE 10 END
          ELSE CASE WHEN substr(term, 1, 9) = substr(prev, 1, 9)
            THEN 9
            ELSE 8 END END END
      ELSE CASE WHEN substr(term, 1, 4) = substr(prev, 1, 4)
        THEN CASE WHEN substr(term, 1, 6) = substr(prev, 1, 6)
          THEN CASE WHEN substr(term, 1, 7) = substr(prev, 1, 7)
            THEN 7
            ELSE 6 END
          ELSE CASE WHEN substr(term, 1, 5) = substr(prev, 1, 5)
            THEN 5
            ELSE 4 END END
        ELSE CASE WHEN substr(term, 1, 2) = substr(prev, 1, 2)
          THEN CASE WHEN substr(term, 1, 3) = substr(prev, 1, 3)
            THEN 3
            ELSE 2 END
          ELSE CASE WHEN substr(term, 1, 1) = substr(prev, 1, 1)
            THEN 1
            ELSE 0 END END END END END
FROM (SELECT term, id, lag(term, 1, '') OVER (PARTITION BY id ORDER BY term) AS prev FROM (
  WITH RECURSIVE r(id, x, d, nd) AS (
    SELECT id, x, length(x) - length(ltrim(x, '0123456789')), nd FROM (SELECT id, ltrim(search_text, nd) AS x, nd FROM (SELECT id, search_text, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(search_text, '0', ''), '1', ''), '2', ''), '3', ''), '4', ''), '5', ''), '6', ''), '7', ''), '8', ''), '9', '') AS nd FROM customers))
    UNION ALL
    SELECT id, CASE WHEN d > 4 THEN substr(x, 2) ELSE ltrim(substr(x, d + 1), nd) END,
           CASE WHEN d > 4 THEN d - 1 ELSE length(ltrim(substr(x, d + 1), nd)) - length(ltrim(ltrim(substr(x, d + 1), nd), '0123456789')) END, nd
    FROM r WHERE d > 0)
  SELECT DISTINCT id, substr(x, 1, d) AS term FROM r WHERE d >= 4));
