-- Two ledger sources that share most of their month sums (month, account,
-- cost center, amount, lines): one ledger loaded twice under two names,
-- counted twice in every figure. The share is of the smaller source's sums
-- in the months both have. Ledgers of several companies for the same
-- months share few sums.
WITH multi AS (SELECT period FROM ledger_month GROUP BY period HAVING count(DISTINCT source) > 1),
m AS (SELECT source, period, account, cost_center, amount, lines FROM ledger_month WHERE period IN (SELECT period FROM multi)),
same AS (
    SELECT a.source AS source_a, b.source AS source_b, count(*) AS same_sums
    FROM m a JOIN m b
      ON a.period = b.period AND a.account = b.account AND a.cost_center IS NOT DISTINCT FROM b.cost_center
     AND a.amount = b.amount AND a.lines = b.lines AND a.source < b.source
    GROUP BY ALL
),
size AS (
    SELECT s.source_a, s.source_b,
           least((SELECT count(*) FROM m WHERE m.source = s.source_a AND m.period IN (SELECT period FROM m WHERE source = s.source_b)),
                 (SELECT count(*) FROM m WHERE m.source = s.source_b AND m.period IN (SELECT period FROM m WHERE source = s.source_a))) AS smaller
    FROM same s
)
SELECT same.source_a, same.source_b, same.same_sums, size.smaller AS sums_of_the_smaller
FROM same JOIN size USING (source_a, source_b)
WHERE same.same_sums * 2 >= size.smaller
ORDER BY 1, 2
