-- Units with a budget in a year but no ledger rows that year.
-- (ledger_month_report has every account, month and cost center the ledger has, summed.)
WITH ledger_years AS (SELECT DISTINCT unit, year(period) AS year FROM ledger_month_report)
SELECT DISTINCT b.unit, year(b.period) AS year
FROM budget_report b
WHERE NOT EXISTS (SELECT 1 FROM ledger_years l WHERE l.unit = b.unit AND l.year = year(b.period))
ORDER BY 1, 2
