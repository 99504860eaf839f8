-- @title: Programuppföljning
-- @description: Per program och år: budget, utfall ur huvudboken (programmets projekt, kostnadsställen
-- @description: eller konton), prognos (den senaste som lämnats till och med rapportmånaden) och oförutsett
-- @description: som egen rad, avvikelse (budget - utfall eller prognos; positiv = under budget) och
-- @description: ackumulerad avvikelse. Avslutade år visar utfall, kommande år prognos. Kostnader i kronor.
-- @unit: kr
-- @params: period, programme
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger))::DATE AS period,
           getvariable('programme')::VARCHAR AS programme
),
prog AS (
    SELECT g.* FROM programmes g, p WHERE p.programme IS NULL OR g.name = p.programme
),
years AS (
    SELECT g.name, b.year, b.amount AS budget
    FROM prog g JOIN programme_budget b USING (name)
),
outcome AS (
    SELECT g.name, year(l.period) AS year, sum(l.amount) AS outcome
    FROM prog g
    JOIN ledger l
      ON (g.project IS NULL OR l.project = g.project)
     AND (g.cost_centers IS NULL OR list_contains(g.cost_centers, l.cost_center))
     AND (g.accounts IS NULL OR list_contains(g.accounts, l.account)), p
    WHERE l.period <= p.period
    GROUP BY ALL
),
latest AS (
    SELECT f.name, max(f.made) AS made
    FROM programme_forecasts f, p
    WHERE f.made <= p.period
    GROUP BY f.name
),
forecast AS (
    SELECT f.name, f.year, f.amount, f.contingency, f.made
    FROM programme_forecasts f JOIN latest USING (name, made)
),
rows AS (
    SELECT y.name, y.year, y.budget, o.outcome, fc.amount AS forecast, fc.contingency, fc.made,
           -- closed years (and the current year in December) count their outcome; later years,
           -- and the current year where a forecast exists, the forecast plus contingency
           CASE WHEN y.year < year(p.period) OR (y.year = year(p.period) AND (month(p.period) = 12 OR fc.amount IS NULL))
                THEN 'utfall' ELSE 'prognos' END AS basis
    FROM years y
    CROSS JOIN p
    LEFT JOIN outcome o USING (name, year)
    LEFT JOIN forecast fc USING (name, year)
)
SELECT name,
       year,
       budget::DECIMAL(18,2)                    AS budget,
       outcome::DECIMAL(18,2)                   AS outcome,
       forecast::DECIMAL(18,2)                  AS forecast,
       contingency::DECIMAL(18,2)               AS contingency,
       basis,
       CASE WHEN basis = 'utfall' THEN coalesce(outcome, 0) ELSE forecast + coalesce(contingency, 0) END::DECIMAL(18,2) AS total,
       (budget - CASE WHEN basis = 'utfall' THEN coalesce(outcome, 0) ELSE forecast + coalesce(contingency, 0) END)::DECIMAL(18,2) AS deviation,
       sum(budget - CASE WHEN basis = 'utfall' THEN coalesce(outcome, 0) ELSE forecast + coalesce(contingency, 0) END)
           OVER (PARTITION BY name ORDER BY year)::DECIMAL(18,2) AS accumulated_deviation,
       strftime(made, '%Y-%m') AS forecast_made
FROM rows
ORDER BY name, year;
