-- @title: Extratid
-- @description: Timmar utöver sysselsättningsgraden: mertid/fyllnadstid plus övertid, hittills i år och
-- @description: samma period förra året, och per månad.
-- @unit: h
-- @params: period, unit, division
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('mask_threshold')::INTEGER, 10) AS mask
),
months AS (SELECT unnest(generate_series(1, 12)) AS m),
sums AS (
    SELECT year(s.period) AS y, month(s.period) AS m, sum(s.extra_hours) AS extra, sum(s.overtime_hours) AS overtime
    FROM staff_base s, p
    WHERE (s.period BETWEEN p.year_start AND p.period
           OR year(s.period) = year(p.period) - 1)
      AND (p.unit IS NULL OR s.unit = p.unit)
      AND (p.division IS NULL OR s.division = p.division)
    GROUP BY ALL
)
SELECT months.m AS month,
       (c.extra + c.overtime)::DECIMAL(12,2)   AS current,
       (pr.extra + pr.overtime)::DECIMAL(12,2) AS previous,
       c.extra::DECIMAL(12,2)                  AS extra_current,
       c.overtime::DECIMAL(12,2)               AS overtime_current,
       sum(c.extra + c.overtime) OVER w::DECIMAL(12,2)   AS current_ytd,
       CASE WHEN months.m <= month(p.period) THEN sum(pr.extra + pr.overtime) OVER w END::DECIMAL(12,2) AS previous_ytd
FROM months
CROSS JOIN p
LEFT JOIN sums c  ON c.y = year(p.period) AND c.m = months.m
LEFT JOIN sums pr ON pr.y = year(p.period) - 1 AND pr.m = months.m
WINDOW w AS (ORDER BY months.m)
ORDER BY month;
