-- The ledger summed per month, account, cost center and load: what the
-- report's economy figures read. At region scale (10 M lines a year) a
-- figure scanned every line of two years through the account mapping; the
-- month sums are a fifth of the rows and narrow. Every load that changes
-- ledger rows recomputes the months it touched in the same transaction,
-- and the report checks the sums against the ledger before it uses them.
CREATE TABLE ledger_month (
    period      DATE          NOT NULL,
    account     VARCHAR       NOT NULL,
    cost_center VARCHAR,
    source      VARCHAR       NOT NULL,
    load_id     INTEGER       NOT NULL,
    amount      DECIMAL(18,2) NOT NULL,
    lines       BIGINT        NOT NULL
);

INSERT INTO ledger_month
SELECT period, account, cost_center, source, load_id, sum(amount), count(*)
FROM ledger
GROUP BY period, account, cost_center, source, load_id
ORDER BY period;

-- Every account seen: ledger_month has the ledger's accounts at a fraction
-- of the rows.
CREATE OR REPLACE VIEW accounts AS
WITH seen AS (
    SELECT account FROM ledger_month
    UNION SELECT account FROM budget
    UNION SELECT account FROM budget_decision_months
    UNION SELECT account FROM account_names
),
ranked AS (
    SELECT s.account, m.kind, m.category, m.subcategory,
           row_number() OVER (PARTITION BY s.account
                              ORDER BY length(m.first_account) DESC,
                                       try_cast(m.last_account AS HUGEINT) - try_cast(m.first_account AS HUGEINT),
                                       m.first_account) AS rn
    FROM seen s
    LEFT JOIN account_map m
      ON left(s.account, length(m.first_account)) BETWEEN m.first_account AND m.last_account
)
SELECT r.account, n.name, r.category, r.subcategory, r.kind
FROM ranked r
LEFT JOIN account_names n USING (account)
WHERE r.rn = 1;

CREATE VIEW ledger_month_report AS
SELECT l.period,
       l.account,
       a.name                                   AS account_name,
       coalesce(a.kind, 'unmapped')             AS kind,
       coalesce(a.category, 'Ej mappat')        AS category,
       coalesce(a.subcategory, a.category, 'Ej mappat') AS subcategory,
       l.cost_center,
       c.name                                   AS cost_center_name,
       coalesce(c.unit, 'Ej mappat')            AS unit,
       coalesce(c.division, 'Ej mappat')        AS division,
       l.amount,
       -l.amount                                AS report_amount,
       l.lines,
       l.source,
       l.load_id
FROM ledger_month l
LEFT JOIN accounts a USING (account)
LEFT JOIN cost_centers c USING (cost_center);

COMMENT ON TABLE ledger_month IS 'Huvudboken summerad per månad, konto, kostnadsställe och inläsning; hålls i takt med ledger av varje inläsning / the ledger summed per month, account, cost center and load, kept in step with ledger by every load';
COMMENT ON COLUMN ledger_month.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN ledger_month.account IS 'Konto / account';
COMMENT ON COLUMN ledger_month.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN ledger_month.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN ledger_month.load_id IS 'Inläsningen raderna kom från (loads) / the load that brought the rows';
COMMENT ON COLUMN ledger_month.amount IS 'Summa belopp, debet positivt / sum of amounts, debit positive';
COMMENT ON COLUMN ledger_month.lines IS 'Antal huvudboksrader i summan / ledger rows in the sum';
COMMENT ON VIEW accounts IS 'Alla konton med sin rapportrad (smalaste intervallet vinner); category NULL = ej mappat / every account with its report line';
COMMENT ON COLUMN accounts.account IS 'Konto / account';
COMMENT ON COLUMN accounts.name IS 'Kontonamn / account name';
COMMENT ON COLUMN accounts.category IS 'Rapportrad / report line (NULL = no mapping)';
COMMENT ON COLUMN accounts.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN accounts.kind IS 'revenue, cost, financial eller balance';
COMMENT ON VIEW ledger_month_report IS 'ledger_month med rapportrad och organisation, som ledger_report; report_amount = -amount / ledger_month with report line and organisation';
COMMENT ON COLUMN ledger_month_report.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN ledger_month_report.account IS 'Konto / account';
COMMENT ON COLUMN ledger_month_report.account_name IS 'Kontonamn / account name';
COMMENT ON COLUMN ledger_month_report.kind IS 'Kontoslag: revenue, cost, financial, balance (unmapped = saknar mappning)';
COMMENT ON COLUMN ledger_month_report.category IS 'Rapportrad / report line (Ej mappat = no mapping)';
COMMENT ON COLUMN ledger_month_report.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN ledger_month_report.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN ledger_month_report.cost_center_name IS 'Kostnadsställets namn / cost center name';
COMMENT ON COLUMN ledger_month_report.unit IS 'Enhet / unit (Ej mappat = not in the organisation)';
COMMENT ON COLUMN ledger_month_report.division IS 'Division';
COMMENT ON COLUMN ledger_month_report.amount IS 'Belopp, debet positivt (kostnader +) / amount, debit positive';
COMMENT ON COLUMN ledger_month_report.report_amount IS 'Belopp i rapportens tecken: intäkter +, kostnader - / amount in report sign';
COMMENT ON COLUMN ledger_month_report.lines IS 'Antal huvudboksrader i summan / ledger rows in the sum';
COMMENT ON COLUMN ledger_month_report.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN ledger_month_report.load_id IS 'Inläsningen raderna kom från (loads) / the load that brought the rows';
