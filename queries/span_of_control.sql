-- @title: Andel chefer med högst 25 underställda
-- @description: Chefer i rapportmånaden och samma månad förra året, och andelen av dem som har högst 25
-- @description: direkt underställda medarbetare (personer med chefen som närmaste chef).
-- @unit: %
-- @params: period, unit, division
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('mask_threshold')::INTEGER, 10) AS mask
),
reports AS (
    SELECT s.period, s.manager, count(DISTINCT s.person) AS n
    FROM staff_base s, p
    WHERE s.period IN (p.period, (p.period - INTERVAL 1 YEAR)::DATE)
      AND s.manager IS NOT NULL
      AND (p.unit IS NULL OR s.unit = p.unit)
      AND (p.division IS NULL OR s.division = p.division)
    GROUP BY ALL
)
SELECT CASE WHEN r.period = p.period THEN 'current' ELSE 'previous' END AS year,
       count(*)                                            AS managers,
       count(*) FILTER (WHERE r.n > 25)                   AS over_25,
       max(r.n)                                            AS max_reports,
       round(count(*) FILTER (WHERE r.n <= 25) * 100.0 / count(*), 1) AS share_pct
FROM reports r, p
GROUP BY ALL
ORDER BY year;
