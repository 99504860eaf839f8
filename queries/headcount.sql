-- @title: Antal anställda
-- @description: Personer (inte anställningar) i rapportmånaden och samma månad förra året, per
-- @description: anställningsform, kvinnor och män. Timavlönade redovisas för sig.
-- @unit: personer
-- @params: period, unit, division
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('mask_threshold')::INTEGER, 10) AS mask
),
scoped AS (
    SELECT CASE WHEN s.period = p.period THEN 'current' ELSE 'previous' END AS yr, s.person, s.gender,
           -- a person with several employments counts once, by the most permanent form
           min(CASE s.employment_type WHEN 'tillsvidare' THEN 1 WHEN 'visstid' THEN 2 ELSE 3 END) AS form
    FROM staff_base s, p
    WHERE s.period IN (p.period, (p.period - INTERVAL 1 YEAR)::DATE)
      AND (p.unit IS NULL OR s.unit = p.unit)
      AND (p.division IS NULL OR s.division = p.division)
    GROUP BY ALL
),
forms AS (SELECT * FROM (VALUES (1, 'tillsvidare'), (2, 'visstid'), (3, 'timavlönad')) v(form, employment_type))
SELECT f.employment_type,
       count(*) FILTER (WHERE yr = 'current' AND gender = 'K')  AS women,
       count(*) FILTER (WHERE yr = 'current' AND gender = 'M')  AS men,
       count(*) FILTER (WHERE yr = 'current')                   AS total,
       count(*) FILTER (WHERE yr = 'previous' AND gender = 'K') AS women_previous,
       count(*) FILTER (WHERE yr = 'previous' AND gender = 'M') AS men_previous,
       count(*) FILTER (WHERE yr = 'previous')                  AS total_previous
FROM forms f
LEFT JOIN scoped s USING (form)
GROUP BY f.form, f.employment_type
ORDER BY f.form;
