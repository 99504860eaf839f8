-- Units with a budget in a year but no ledger rows that year.
SELECT DISTINCT b.unit, year(b.period) AS year
FROM budget_report b
WHERE NOT EXISTS (SELECT 1 FROM ledger_report l WHERE l.unit = b.unit AND year(l.period) = year(b.period))
ORDER BY 1, 2
