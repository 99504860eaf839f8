-- @title: Verksamhetens kostnader
-- @description: Kostnader hittills i år mot periodbudget per kategori och underkategori, och avvikelsen
-- @description: (positiv = överskott mot budget). Rader med subcategory NULL är kategorins summa.
-- @description: Utfall och avvikelse är NULL för en rapportmånad som ingen av urvalets källor i huvudboken har rader för (inte inläst);
-- @description: periodbudget och avvikelse är NULL när budgetversionen saknar rader för urvalet hittills i år.
-- @unit: kr
-- @params: period, unit, division, budget_version, budget_basis
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('budget_version')::VARCHAR, 'budget') AS version,
           coalesce(getvariable('budget_basis')::VARCHAR, 'revised') AS basis
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
-- no budget of the version for the scope's year to date: no period budget and no deviation
-- (NULL, not 0 and the whole outcome as the deviation)
budgeted AS (
    SELECT EXISTS (SELECT 1 FROM budget_report r, p
                   WHERE r.version = p.version
                     AND r.decision IS NULL -- the budget itself, not decisions alone
                     AND r.period BETWEEN p.year_start AND p.period
                     AND (p.unit IS NULL OR r.unit = p.unit)
                     AND (p.division IS NULL OR r.division = p.division)) AS yes
),
outcome AS (
    SELECT r.category, r.subcategory, sum(r.report_amount) AS v
    FROM ledger_month_report r, p
    WHERE r.kind = 'cost'
      AND r.period BETWEEN p.year_start AND p.period
      AND (p.unit IS NULL OR r.unit = p.unit)
      AND (p.division IS NULL OR r.division = p.division)
    GROUP BY ALL
),
budget AS (
    SELECT r.category, r.subcategory, sum(r.report_amount) AS v
    FROM budget_report r, p
    WHERE r.version = p.version
      AND (p.basis = 'revised' OR r.decision IS NULL)
      AND r.kind = 'cost'
      AND r.period BETWEEN p.year_start AND p.period
      AND (p.unit IS NULL OR r.unit = p.unit)
      AND (p.division IS NULL OR r.division = p.division)
    GROUP BY ALL
),
joined AS (
    SELECT category, subcategory, CASE WHEN l.yes THEN coalesce(o.v, 0) END AS outcome,
           CASE WHEN bu.yes THEN coalesce(b.v, 0) END AS budget
    FROM outcome o
    FULL JOIN budget b USING (category, subcategory)
    CROSS JOIN loaded l
    CROSS JOIN budgeted bu
),
grouped AS (
    SELECT category,
           CASE WHEN grouping(subcategory) = 0 THEN subcategory END AS subcategory,
           sum(outcome) AS outcome,
           sum(budget)  AS budget
    FROM joined
    GROUP BY GROUPING SETS ((category), (category, subcategory))
),
cat_order AS (SELECT category, min(sort_key) AS k FROM report_lines GROUP BY ALL),
sub_order AS (SELECT category, subcategory, min(sort_key) AS k FROM report_lines GROUP BY ALL)
SELECT g.category,
       g.subcategory,
       g.outcome::DECIMAL(18,2)              AS outcome,
       g.budget::DECIMAL(18,2)               AS budget,
       (g.outcome - g.budget)::DECIMAL(18,2) AS deviation
FROM grouped g
LEFT JOIN cat_order c ON c.category = g.category
LEFT JOIN sub_order s ON s.category = g.category AND s.subcategory = g.subcategory
ORDER BY c.k NULLS LAST, g.category, g.subcategory IS NOT NULL, s.k NULLS LAST, g.subcategory;
