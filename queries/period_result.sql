-- @title: Periodens resultat
-- @description: Resultatet hittills i år (januari till rapportmånaden) mot periodbudget, och avvikelsen
-- @description: (positiv = bättre än budget). Intäkter +, kostnader -; balanskonton räknas inte.
-- @description: Budgeten är den reviderade (ursprunglig + budgetbeslut i kraft) om inte budget_basis = 'original'.
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
SELECT strftime(p.period, '%Y-%m')                         AS period,
       coalesce(o.v, 0)::DECIMAL(18,2)                     AS outcome,
       coalesce(b.v, 0)::DECIMAL(18,2)                     AS budget,
       (coalesce(o.v, 0) - coalesce(b.v, 0))::DECIMAL(18,2) AS deviation
FROM p, outcome o, budget b;
