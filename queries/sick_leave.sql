-- @title: Sjukfrånvaro
-- @description: Sjukfrånvaro hittills i år och samma period förra året, i procent av gruppens egen
-- @description: ordinarie arbetstid (summa timmar januari till rapportmånaden, aldrig ett medel av månader):
-- @description: total, kort (dag 1-14), lång (dag 15-), andel av sjuktiden i perioder om 60 dagar eller
-- @description: mer, kvinnor, män och åldersgrupperna. Grupper med högst mask_threshold (10) anställda maskas;
-- @description: med mask_complements även så många grupper till som behövs för att ingen maskad grupp ska
-- @description: kunna räknas fram ur totalen och de grupper som visas (kvinnor/män, åldersgrupperna).
-- @unit: %
-- @params: period, unit, division, mask_threshold, mask_complements, short_days, long_spell_days
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('mask_threshold')::INTEGER, 10) AS mask,
           coalesce(getvariable('mask_complements')::BOOLEAN, false) AS complements,
           -- the thresholds are read by the view sick_hours_computed:
           coalesce(getvariable('short_days')::INTEGER, 14) AS short_days,
           coalesce(getvariable('long_spell_days')::INTEGER, 60) AS long_spell_days
),
scoped AS (
    SELECT CASE WHEN s.period >= p.year_start THEN 'current' ELSE 'previous' END AS yr, s.*
    FROM staff s, p
    WHERE (s.period BETWEEN p.year_start AND p.period
           OR s.period BETWEEN (p.year_start - INTERVAL 1 YEAR)::DATE AND (p.period - INTERVAL 1 YEAR)::DATE)
      AND (p.unit IS NULL OR s.unit = p.unit)
      AND (p.division IS NULL OR s.division = p.division)
),
groups AS (
    SELECT 'total' AS grp, * FROM scoped
    UNION ALL SELECT 'women', * FROM scoped WHERE gender = 'K'
    UNION ALL SELECT 'men', * FROM scoped WHERE gender = 'M'
    UNION ALL SELECT 'age_29', * FROM scoped WHERE age <= 29
    UNION ALL SELECT 'age_30_49', * FROM scoped WHERE age BETWEEN 30 AND 49
    UNION ALL SELECT 'age_50', * FROM scoped WHERE age >= 50
),
sums AS (
    SELECT grp, yr, count(DISTINCT person) AS n, sum(scheduled_hours) AS sched, sum(sick_hours) AS sick,
           sum(short_hours) AS short, sum(long_hours) AS long, sum(long60_hours) AS long60
    FROM groups GROUP BY ALL
),
-- Secondary masking, with mask_complements: women and men, and the three
-- age groups, each make up the total, which is shown. With one of them
-- masked, the total and the others would give it away (the rates weighted
-- by the head counts, which are shown); so within each year and partition
-- the masked groups are the smallest ones, as many as it takes for at
-- least two of them together to have more than mask employees — or all of
-- them. The law's rule, and the default, is the groups' own size alone.
parts AS (
    SELECT s.grp, s.yr, s.n, CASE WHEN s.grp IN ('women', 'men') THEN 'gender' ELSE 'age' END AS part, p.mask
    FROM sums s, p
    WHERE p.complements AND s.grp <> 'total' AND s.n > 0
),
ranked AS (
    SELECT *,
           row_number() OVER w AS rn,
           sum(n) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
           count(*) FILTER (WHERE n <= mask) OVER (PARTITION BY part, yr) AS primary_masked
    FROM parts
    WINDOW w AS (PARTITION BY part, yr ORDER BY n, grp)
),
masked_upto AS (
    SELECT part, yr, any_value(primary_masked) AS primary_masked,
           coalesce(min(rn) FILTER (WHERE rn >= greatest(primary_masked, 2) AND cum > mask), max(rn)) AS k
    FROM ranked GROUP BY ALL
),
secondary AS (
    SELECT r.grp, r.yr
    FROM ranked r JOIN masked_upto m USING (part, yr)
    WHERE m.primary_masked > 0 AND r.rn <= m.k AND r.n > r.mask
),
measures AS (
    SELECT grp AS measure, yr, n, CASE WHEN sched > 0 THEN sick / sched * 100 END AS pct FROM sums
    UNION ALL SELECT 'short', yr, n, CASE WHEN sched > 0 THEN short / sched * 100 END FROM sums WHERE grp = 'total'
    UNION ALL SELECT 'long', yr, n, CASE WHEN sched > 0 THEN long / sched * 100 END FROM sums WHERE grp = 'total'
    UNION ALL SELECT 'long_60_share', yr, n, CASE WHEN sick > 0 THEN long60 / sick * 100 END FROM sums WHERE grp = 'total'
),
names AS (
    SELECT * FROM (VALUES (1, 'total'), (2, 'short'), (3, 'long'), (4, 'long_60_share'), (5, 'women'), (6, 'men'),
                          (7, 'age_29'), (8, 'age_30_49'), (9, 'age_50')) v(ord, measure)
)
SELECT names.measure,
       CASE WHEN c.n > p.mask AND sc.grp IS NULL THEN round(c.pct, 2) END  AS current,
       CASE WHEN pr.n > p.mask AND sp.grp IS NULL THEN round(pr.pct, 2) END AS previous,
       coalesce(c.n, 0)  AS current_employees,
       coalesce(pr.n, 0) AS previous_employees,
       -- why a value is missing, for the year it is missing in: a group of at
       -- most mask employees is not shown (the law), a year without hours has none
       nullif(concat_ws('; ',
           CASE WHEN coalesce(c.n, 0) = 0 THEN 'inga anställda i gruppen i år'
                WHEN c.n <= p.mask THEN 'i år ' || c.n || ' anställda: grupp med högst ' || p.mask || ' anställda visas inte'
                WHEN sc.grp IS NOT NULL THEN 'i år visas inte: en grupp med högst ' || p.mask || ' anställda kunde annars räknas fram ur totalen' END,
           CASE WHEN coalesce(pr.n, 0) = 0 THEN 'inga anställda i gruppen förra året'
                WHEN pr.n <= p.mask THEN 'förra året ' || pr.n || ' anställda: grupp med högst ' || p.mask || ' anställda visas inte'
                WHEN sp.grp IS NOT NULL THEN 'förra året visas inte: en grupp med högst ' || p.mask || ' anställda kunde annars räknas fram ur totalen' END
       ), '') AS masked
FROM names
CROSS JOIN p
LEFT JOIN measures c  ON c.measure = names.measure AND c.yr = 'current'
LEFT JOIN measures pr ON pr.measure = names.measure AND pr.yr = 'previous'
LEFT JOIN secondary sc ON sc.grp = names.measure AND sc.yr = 'current'
LEFT JOIN secondary sp ON sp.grp = names.measure AND sp.yr = 'previous'
ORDER BY names.ord;
