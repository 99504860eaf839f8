-- Two budget sources of one version that share most of their rows (month,
-- account, cost center, project, amount): one budget loaded twice under
-- two names, counted twice. The share is of the smaller source's rows in
-- the months both have.
WITH multi AS (SELECT version, period FROM budget GROUP BY ALL HAVING count(DISTINCT source) > 1),
m AS (SELECT b.source, b.version, b.period, b.account, b.cost_center, b.project, b.amount
      FROM budget b JOIN multi USING (version, period)),
same AS (
    SELECT a.version, a.source AS source_a, b.source AS source_b, count(*) AS same_rows
    FROM m a JOIN m b
      ON a.version = b.version AND a.period = b.period AND a.account = b.account
     AND a.cost_center IS NOT DISTINCT FROM b.cost_center AND a.project IS NOT DISTINCT FROM b.project
     AND a.amount = b.amount AND a.source < b.source
    GROUP BY ALL
),
size AS (
    SELECT s.version, s.source_a, s.source_b,
           least((SELECT count(*) FROM m WHERE m.version = s.version AND m.source = s.source_a
                    AND m.period IN (SELECT period FROM m x WHERE x.version = s.version AND x.source = s.source_b)),
                 (SELECT count(*) FROM m WHERE m.version = s.version AND m.source = s.source_b
                    AND m.period IN (SELECT period FROM m x WHERE x.version = s.version AND x.source = s.source_a))) AS smaller
    FROM same s
)
SELECT same.version, same.source_a, same.source_b, same.same_rows, size.smaller AS rows_of_the_smaller
FROM same JOIN size USING (version, source_a, source_b)
WHERE same.same_rows * 2 >= size.smaller
ORDER BY 1, 2, 3
