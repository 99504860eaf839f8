-- @title: Periodens resultat
-- @description: Resultatet hittills i år (januari till rapportmånaden) mot periodbudget, och avvikelsen
-- @description: (positiv = bättre än budget). Intäkter +, kostnader -; balanskonton räknas inte.
-- @description: Budgeten är den reviderade (ursprunglig + budgetbeslut i kraft) om inte budget_basis = 'original'.
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
    SELECT sum(r.report_amount) AS v
    FROM ledger_month_report r, p
    WHERE r.kind <> 'balance'
      AND r.period BETWEEN p.year_start AND p.period
      AND (p.unit IS NULL OR r.unit = p.unit)
      AND (p.division IS NULL OR r.division = p.division)
),
budget AS (
    SELECT sum(r.report_amount) AS v
    FROM budget_report r, p
    WHERE r.version = p.version
      AND (p.basis = 'revised' OR r.decision IS NULL)
      AND r.kind <> 'balance'
      AND r.period BETWEEN p.year_start AND p.period
      AND (p.unit IS NULL OR r.unit = p.unit)
      AND (p.division IS NULL OR r.division = p.division)
)
SELECT strftime(p.period, '%Y-%m')                                          AS period,
       CASE WHEN l.yes THEN coalesce(o.v, 0) END::DECIMAL(18,2)                     AS outcome,
       CASE WHEN bu.yes THEN coalesce(b.v, 0) END::DECIMAL(18,2)                    AS budget,
       CASE WHEN l.yes AND bu.yes THEN coalesce(o.v, 0) - coalesce(b.v, 0) END::DECIMAL(18,2) AS deviation
FROM p, loaded l, budgeted bu, outcome o, budget b;
