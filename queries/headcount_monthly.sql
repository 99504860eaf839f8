-- @title: Antal anställda per månad
-- @description: Personer per månad i år och förra året, tillsvidare och visstid (timavlönade ingår inte).
-- @unit: personer
-- @params: period, unit, division
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('mask_threshold')::INTEGER, 10) AS mask
),
months AS (SELECT unnest(generate_series(1, 12)) AS m),
counts AS (
    SELECT year(s.period) AS y, month(s.period) AS m, count(DISTINCT s.person) AS n
    FROM staff_base s, p
    WHERE year(s.period) IN (year(p.period), year(p.period) - 1)
      AND s.period <= p.period
      AND s.employment_type <> 'timavlönad'
      AND (p.unit IS NULL OR s.unit = p.unit)
      AND (p.division IS NULL OR s.division = p.division)
    GROUP BY ALL
)
SELECT months.m AS month, c.n AS current, pr.n AS previous
FROM months
CROSS JOIN p
LEFT JOIN counts c  ON c.y = year(p.period) AND c.m = months.m
LEFT JOIN counts pr ON pr.y = year(p.period) - 1 AND pr.m = months.m
ORDER BY month;
