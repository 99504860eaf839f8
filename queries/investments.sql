-- @title: Investeringar
-- @description: Per investeringskategori för rapportåret: beslutad ram, utfall hittills i år på beslut från
-- @description: tidigare år och på årets beslut, summa, och den senaste helårsprognosen lämnad till och med
-- @description: rapportmånaden. Raden med category NULL är totalen. Kronor, utgifter positiva. Inga rader
-- @description: (inte en total på 0) när registret inte har något för året i urvalet.
-- @unit: kr
-- @params: period, unit, division
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM investments))::DATE AS period,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division
),
rows AS (
    SELECT i.*
    FROM investments i
    LEFT JOIN cost_centers c USING (cost_center), p
    WHERE year(i.period) = year(p.period)
      AND i.period <= p.period
      AND (p.unit IS NULL OR c.unit = p.unit)
      AND (p.division IS NULL OR c.division = p.division OR i.division = p.division)
),
latest AS (
    SELECT category, max(period) AS made FROM rows WHERE kind = 'prognos' GROUP BY 1
),
per_category AS (
    SELECT r.category,
           coalesce(sum(r.amount) FILTER (WHERE r.kind = 'ram'), 0)                                          AS frame,
           coalesce(sum(r.amount) FILTER (WHERE r.kind = 'utfall' AND r.decision_year < year(p.period)), 0)  AS outcome_prior,
           coalesce(sum(r.amount) FILTER (WHERE r.kind = 'utfall' AND r.decision_year >= year(p.period)), 0) AS outcome,
           sum(r.amount) FILTER (WHERE r.kind = 'prognos' AND r.period = l.made)                            AS forecast
    FROM rows r
    CROSS JOIN p
    LEFT JOIN latest l USING (category)
    GROUP BY r.category
)
SELECT CASE WHEN grouping(category) = 0 THEN category END AS category,
       sum(frame)::DECIMAL(18,2)                   AS frame,
       sum(outcome_prior)::DECIMAL(18,2)           AS outcome_prior_decisions,
       sum(outcome)::DECIMAL(18,2)                 AS outcome,
       sum(outcome_prior + outcome)::DECIMAL(18,2) AS total,
       sum(forecast)::DECIMAL(18,2)                AS forecast
FROM per_category
GROUP BY GROUPING SETS ((), (category))
HAVING count(*) > 0
ORDER BY grouping(category) DESC, category;
