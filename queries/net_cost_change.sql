-- @title: Nettokostnadsutveckling
-- @description: Kostnader hittills i år mot samma månader förra året, per kategori och underkategori:
-- @description: förändring i kronor och i procent av förra året (positiv procent = kostnadsökning).
-- @description: Rader med subcategory NULL är kategorins summa. I år (och förändringen) är NULL för en månad som
-- @description: ingen av urvalets källor i huvudboken har rader för (inte inläst).
-- @unit: kr
-- @params: period, unit, division
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('budget_version')::VARCHAR, 'budget') AS version
),
-- the report month is loaded for the scope when a source that has ledger rows for the scope
-- this year has rows in that month (a month without bookings of a small unit is 0); a month that no
-- source of the scope has (not yet loaded) has no outcome: NULL, not 0, as the report refuses it
loaded AS (
    SELECT EXISTS (SELECT 1 FROM ledger_month m, p
                   WHERE m.period = p.period
                     AND m.source IN (SELECT DISTINCT l.source
                                      FROM ledger_month l LEFT JOIN cost_centers c USING (cost_center), p
                                      WHERE l.period BETWEEN p.year_start AND p.period
                                        AND (p.unit IS NULL OR coalesce(c.unit, 'Ej mappat') = p.unit)
                                        AND (p.division IS NULL OR coalesce(c.division, 'Ej mappat') = p.division))) AS yes
),
cur AS (
    SELECT r.category, r.subcategory, sum(r.report_amount) AS v
    FROM ledger_month_report r, p
    WHERE r.kind = 'cost'
      AND r.period BETWEEN p.year_start AND p.period
      AND (p.unit IS NULL OR r.unit = p.unit)
      AND (p.division IS NULL OR r.division = p.division)
    GROUP BY ALL
),
prev AS (
    SELECT r.category, r.subcategory, sum(r.report_amount) AS v
    FROM ledger_month_report r, p
    WHERE r.kind = 'cost'
      AND r.period BETWEEN (p.year_start - INTERVAL 1 YEAR)::DATE AND (p.period - INTERVAL 1 YEAR)::DATE
      AND (p.unit IS NULL OR r.unit = p.unit)
      AND (p.division IS NULL OR r.division = p.division)
    GROUP BY ALL
),
-- a ledger without last year's months has no comparison: NULL, not 0
has_prev AS (SELECT count(*) > 0 AS yes FROM prev),
joined AS (
    SELECT category, subcategory, CASE WHEN l.yes THEN coalesce(c.v, 0) END AS cur,
           CASE WHEN h.yes THEN coalesce(pr.v, 0) END AS prev
    FROM cur c
    FULL JOIN prev pr USING (category, subcategory)
    CROSS JOIN has_prev h
    CROSS JOIN loaded l
),
grouped AS (
    SELECT category,
           CASE WHEN grouping(subcategory) = 0 THEN subcategory END AS subcategory,
           sum(cur)  AS cur,
           sum(prev) AS prev
    FROM joined
    GROUP BY GROUPING SETS ((category), (category, subcategory))
),
cat_order AS (SELECT category, min(sort_key) AS k FROM report_lines GROUP BY ALL),
sub_order AS (SELECT category, subcategory, min(sort_key) AS k FROM report_lines GROUP BY ALL)
SELECT g.category,
       g.subcategory,
       g.cur::DECIMAL(18,2)            AS current,
       g.prev::DECIMAL(18,2)           AS previous,
       (g.cur - g.prev)::DECIMAL(18,2) AS change,
       CASE WHEN g.prev <> 0 THEN round(((g.cur - g.prev) / g.prev * 100)::DOUBLE, 2) END AS change_pct
FROM grouped g
LEFT JOIN cat_order c ON c.category = g.category
LEFT JOIN sub_order s ON s.category = g.category AND s.subcategory = g.subcategory
ORDER BY c.k NULLS LAST, g.category, g.subcategory IS NOT NULL, s.k NULLS LAST, g.subcategory;
