-- @title: Årsprognos
-- @description: Prognostiserad avvikelse mot årsbudget per kategori (positiv = bättre än budget), ur
-- @description: den senaste prognosen som lämnats under året till och med rapportmånaden. Raden med
-- @description: category NULL är summan, helårsprognosen för resultatet mot budget.
-- @unit: kr
-- @params: period, unit, division
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('budget_version')::VARCHAR, 'budget') AS version
),
f AS (
    SELECT f.period AS made, f.category, f.deviation
    FROM forecast f
    LEFT JOIN cost_centers c USING (cost_center), p
    WHERE year(f.period) = year(p.period)
      AND f.period <= p.period
      AND (p.unit IS NULL OR c.unit = p.unit)
      AND (p.division IS NULL OR c.division = p.division OR f.division = p.division)
),
latest AS (
    SELECT max(made) AS made FROM f
),
cat_order AS (SELECT category, min(sort_key) AS k FROM report_lines GROUP BY ALL)
SELECT strftime(l.made, '%Y-%m')             AS made,
       CASE WHEN grouping(f.category) = 0 THEN f.category END AS category,
       sum(f.deviation)::DECIMAL(18,2)      AS deviation
FROM f
JOIN latest l ON f.made = l.made
LEFT JOIN cat_order c ON c.category = f.category
GROUP BY GROUPING SETS ((l.made, f.category, c.k), (l.made))
ORDER BY grouping(f.category), c.k NULLS LAST, f.category;
