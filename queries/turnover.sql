-- @title: Personalomsättning
-- @description: Tillsvidareanställda som slutat hittills i år, i procent av genomsnittligt antal
-- @description: tillsvidareanställda: externt (finns inte längre i HR-extraktet, pensioneringar ingår) och
-- @description: internt (finns kvar men i en annan enhet). Samma period förra året som jämförelse.
-- @unit: %
-- @params: period, unit, division
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('mask_threshold')::INTEGER, 10) AS mask
),
pm AS (SELECT period, person, unit, division, employment_type FROM staff_base),
next_month AS (
    SELECT person, (period - INTERVAL 1 MONTH)::DATE AS period, list(DISTINCT unit) AS units
    FROM pm GROUP BY ALL
),
moves AS (
    SELECT CASE WHEN a.period >= (p.year_start - INTERVAL 1 MONTH)::DATE THEN 'current' ELSE 'previous' END AS yr,
           a.person,
           n.person IS NULL                                          AS left_employer,
           n.person IS NOT NULL AND NOT list_contains(n.units, a.unit) AS moved
    FROM pm a
    CROSS JOIN p
    LEFT JOIN next_month n ON n.person = a.person AND n.period = a.period
    WHERE a.employment_type = 'tillsvidare'
      AND (a.period BETWEEN (p.year_start - INTERVAL 1 MONTH)::DATE AND (p.period - INTERVAL 1 MONTH)::DATE
           OR a.period BETWEEN (p.year_start - INTERVAL 13 MONTH)::DATE AND (p.period - INTERVAL 13 MONTH)::DATE)
      AND (p.unit IS NULL OR a.unit = p.unit)
      AND (p.division IS NULL OR a.division = p.division)
      AND (SELECT max(period) FROM person_months) > a.period
),
heads AS (
    SELECT CASE WHEN a.period >= p.year_start THEN 'current' ELSE 'previous' END AS yr, a.period, count(DISTINCT a.person) AS n
    FROM pm a, p
    WHERE a.employment_type = 'tillsvidare'
      AND (a.period BETWEEN p.year_start AND p.period
           OR a.period BETWEEN (p.year_start - INTERVAL 1 YEAR)::DATE AND (p.period - INTERVAL 1 YEAR)::DATE)
      AND (p.unit IS NULL OR a.unit = p.unit)
      AND (p.division IS NULL OR a.division = p.division)
    GROUP BY ALL
),
agg AS (
    SELECT y.yr,
           (SELECT count(*) FROM moves m WHERE m.yr = y.yr AND m.left_employer) AS external,
           (SELECT count(*) FROM moves m WHERE m.yr = y.yr AND m.moved)         AS internal,
           (SELECT avg(n) FROM heads h WHERE h.yr = y.yr)                        AS avg_headcount
    FROM (VALUES ('current'), ('previous')) y(yr)
)
SELECT yr AS year,
       external,
       internal,
       round(avg_headcount, 1) AS avg_headcount,
       CASE WHEN avg_headcount > 0 THEN round(external / avg_headcount * 100, 2) END AS external_pct,
       CASE WHEN avg_headcount > 0 THEN round(internal / avg_headcount * 100, 2) END AS internal_pct
FROM agg
ORDER BY yr;
