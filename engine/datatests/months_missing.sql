-- Months with no ledger rows between a source's first and last month.
-- (ledger_month has every month and source the ledger has, summed.)
WITH seen AS (SELECT DISTINCT source, period FROM ledger_month),
span AS (SELECT source, min(period) AS lo, max(period) AS hi FROM seen GROUP BY source),
months AS (SELECT s.source, m.period FROM span s JOIN months m ON m.period BETWEEN s.lo AND s.hi)
SELECT m.source, strftime(m.period, '%Y-%m') AS missing_month
FROM months m
WHERE NOT EXISTS (SELECT 1 FROM seen l WHERE l.source = m.source AND l.period = m.period)
ORDER BY 1, 2
