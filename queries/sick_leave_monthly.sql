-- @title: Sjukfrånvaro per månad
-- @description: Total sjukfrånvaro per månad i år och förra året, i procent av ordinarie arbetstid.
-- @description: Månader där gruppen har högst mask_threshold (10) anställda maskas.
-- @unit: %
-- @params: period, unit, division, mask_threshold
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('mask_threshold')::INTEGER, 10) AS mask
),
months AS (SELECT unnest(generate_series(1, 12)) AS m),
sums AS (
    SELECT year(s.period) AS y, month(s.period) AS m, count(DISTINCT s.person) AS n,
           sum(s.sick_hours) AS sick, sum(s.scheduled_hours) AS sched
    FROM staff s, p
    WHERE year(s.period) IN (year(p.period), year(p.period) - 1)
      AND s.period <= p.period
      AND (p.unit IS NULL OR s.unit = p.unit)
      AND (p.division IS NULL OR s.division = p.division)
    GROUP BY ALL
)
SELECT months.m AS month,
       CASE WHEN c.n > p.mask AND c.sched > 0 THEN round(c.sick / c.sched * 100, 2) END   AS current,
       CASE WHEN pr.n > p.mask AND pr.sched > 0 THEN round(pr.sick / pr.sched * 100, 2) END AS previous
FROM months
CROSS JOIN p
LEFT JOIN sums c  ON c.y = year(p.period) AND c.m = months.m
LEFT JOIN sums pr ON pr.y = year(p.period) - 1 AND pr.m = months.m
ORDER BY month;
