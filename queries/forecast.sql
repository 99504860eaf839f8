-- @title: Årsprognos
-- @description: Prognostiserad avvikelse mot årsbudget per kategori (positiv = bättre än budget). Ur den
-- @description: senaste prognosen som lämnats under året till och med rapportmånaden (forecast), eller,
-- @description: med forecast_version, ur en budgetversion med helårsprognosen per konto: den versionens
-- @description: helår mot årsbudgetens. Raden med category NULL är summan, helårsprognosen för resultatet.
-- @unit: kr
-- @params: period, unit, division, budget_version, budget_basis, forecast_version
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('budget_version')::VARCHAR, 'budget') AS version,
           coalesce(getvariable('budget_basis')::VARCHAR, 'revised') AS basis,
           getvariable('forecast_version')::VARCHAR AS forecast_version
),
-- deviations per category, as the forecast extract gives them
reported AS (
    SELECT f.period AS made, f.category, f.deviation
    FROM forecast f
    LEFT JOIN cost_centers c USING (cost_center), p
    WHERE p.forecast_version IS NULL
      AND year(f.period) = year(p.period)
      AND f.period <= p.period
      AND (p.unit IS NULL OR c.unit = p.unit)
      AND (p.division IS NULL OR c.division = p.division OR f.division = p.division)
),
latest AS (
    SELECT max(made) AS made FROM reported
),
-- or a forecast version: its full year against the annual budget's, per
-- category, in report sign (revenues +, costs -), so positive = better
versioned AS (
    SELECT r.category,
           coalesce(sum(r.report_amount) FILTER (WHERE r.version = p.forecast_version), 0)
         - coalesce(sum(r.report_amount) FILTER (WHERE r.version = p.version AND (p.basis = 'revised' OR r.decision IS NULL)), 0) AS deviation
    FROM budget_report r, p
    WHERE p.forecast_version IS NOT NULL
      AND r.version IN (p.forecast_version, p.version)
      -- no annual budget in the scope: no deviation, rather than the forecast itself
      AND EXISTS (SELECT 1 FROM budget_report b
                  WHERE b.version = p.version
                    AND b.decision IS NULL
                    AND year(b.period) = year(p.period)
                    AND (p.unit IS NULL OR b.unit = p.unit)
                    AND (p.division IS NULL OR b.division = p.division))
      AND r.kind <> 'balance'
      AND year(r.period) = year(p.period)
      AND (p.unit IS NULL OR r.unit = p.unit)
      AND (p.division IS NULL OR r.division = p.division)
    GROUP BY r.category
    -- no forecast for the year: no figure, rather than the budget negated
    HAVING bool_or(r.version = p.forecast_version)
),
f AS (
    SELECT strftime(r.made, '%Y-%m') AS made, NULL::VARCHAR AS version, r.category, r.deviation
    FROM reported r JOIN latest l ON r.made = l.made
    UNION ALL
    SELECT NULL, p.forecast_version, v.category, v.deviation FROM versioned v, p
),
cat_order AS (SELECT category, min(sort_key) AS k FROM report_lines GROUP BY ALL)
SELECT f.made,
       CASE WHEN grouping(f.category) = 0 THEN f.category END AS category,
       sum(f.deviation)::DECIMAL(18,2)      AS deviation,
       f.version
FROM f
LEFT JOIN cat_order c ON c.category = f.category
GROUP BY GROUPING SETS ((f.made, f.version, f.category, c.k), (f.made, f.version))
ORDER BY grouping(f.category), c.k NULLS LAST, f.category;
