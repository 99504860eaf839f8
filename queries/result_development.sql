-- @title: Resultatutveckling
-- @description: Ackumulerat resultat per månad i år (till och med rapportmånaden), ackumulerad
-- @description: periodbudget för hela året och ackumulerat utfall samma månader förra året.
-- @description: Utfallet är NULL för en rapportmånad som ingen av urvalets källor i huvudboken har rader för (inte inläst);
-- @description: budgeten är NULL när budgetversionen saknar rader för urvalet under året.
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
-- no budget of the version for the scope's year: no budget line (decisions alone are not one)
budgeted AS (
    SELECT EXISTS (SELECT 1 FROM budget_report r, p
                   WHERE r.version = p.version
                     AND r.decision IS NULL
                     AND year(r.period) = year(p.period)
                     AND (p.unit IS NULL OR r.unit = p.unit)
                     AND (p.division IS NULL OR r.division = p.division)) AS yes
),
months AS (
    SELECT unnest(generate_series(1, 12)) AS m
),
outcome AS (
    SELECT month(r.period) AS m, sum(r.report_amount) AS v
    FROM ledger_month_report r, p
    WHERE r.kind <> 'balance'
      AND r.period BETWEEN p.year_start AND p.period
      AND (p.unit IS NULL OR r.unit = p.unit)
      AND (p.division IS NULL OR r.division = p.division)
    GROUP BY 1
),
budget AS (
    SELECT month(r.period) AS m, sum(r.report_amount) AS v
    FROM budget_report r, p
    WHERE r.version = p.version
      AND (p.basis = 'revised' OR r.decision IS NULL)
      AND r.kind <> 'balance'
      AND year(r.period) = year(p.period)
      AND (p.unit IS NULL OR r.unit = p.unit)
      AND (p.division IS NULL OR r.division = p.division)
    GROUP BY 1
),
last_year AS (
    SELECT month(r.period) AS m, sum(r.report_amount) AS v
    FROM ledger_month_report r, p
    WHERE r.kind <> 'balance'
      AND year(r.period) = year(p.period) - 1
      AND (p.unit IS NULL OR r.unit = p.unit)
      AND (p.division IS NULL OR r.division = p.division)
    GROUP BY 1
)
SELECT months.m AS month,
       CASE WHEN months.m <= month(p.period) AND l.yes
            THEN sum(coalesce(o.v, 0)) OVER w END::DECIMAL(18,2)  AS outcome_cum,
       CASE WHEN bu.yes
            THEN sum(coalesce(b.v, 0)) OVER w END::DECIMAL(18,2)  AS budget_cum,
       CASE WHEN (SELECT count(*) FROM last_year) > 0
            THEN sum(coalesce(ly.v, 0)) OVER w END::DECIMAL(18,2) AS last_year_cum
FROM months
CROSS JOIN p
CROSS JOIN loaded l
CROSS JOIN budgeted bu
LEFT JOIN outcome o ON o.m = months.m
LEFT JOIN budget b ON b.m = months.m
LEFT JOIN last_year ly ON ly.m = months.m
WINDOW w AS (ORDER BY months.m)
ORDER BY month;
