-- Views the queries and analysts share: ledger and budget with their report
-- line and organisation, amounts also in report sign (revenues +, costs -).
CREATE VIEW report_lines AS
SELECT kind, category, coalesce(subcategory, category) AS subcategory, min(first_account) AS sort_key
FROM account_map
GROUP BY ALL;

CREATE VIEW ledger_report AS
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
       l.project,
       l.activity,
       l.amount,
       -l.amount                                AS report_amount,
       l.text,
       l.source,
       l.load_id,
       l.line,
       l.voucher
FROM ledger l
LEFT JOIN accounts a USING (account)
LEFT JOIN cost_centers c USING (cost_center);

CREATE VIEW budget_report AS
SELECT b.version,
       b.period,
       b.account,
       a.name                                   AS account_name,
       coalesce(a.kind, 'unmapped')             AS kind,
       coalesce(a.category, 'Ej mappat')        AS category,
       coalesce(a.subcategory, a.category, 'Ej mappat') AS subcategory,
       b.cost_center,
       coalesce(c.unit, 'Ej mappat')            AS unit,
       coalesce(c.division, 'Ej mappat')        AS division,
       b.project,
       b.amount,
       -b.amount                                AS report_amount,
       b.source,
       b.load_id,
       b.line
FROM budget b
LEFT JOIN accounts a USING (account)
LEFT JOIN cost_centers c USING (cost_center);

COMMENT ON VIEW report_lines IS 'Rapportrader ur kontomappningen, i kontoordning / report lines from the account mapping, in account order';
COMMENT ON VIEW ledger_report IS 'Huvudbok med rapportrad och organisation; report_amount = -amount (intäkter +, kostnader -) / ledger with report line and organisation';
COMMENT ON VIEW budget_report IS 'Budget med rapportrad och organisation; report_amount = -amount / budget with report line and organisation';
