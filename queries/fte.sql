-- @title: Arbetad tid omvandlat till årsarbetare
-- @description: Arbetad tid (inklusive mertid och övertid, exklusive all frånvaro) delad med årsarbetstiden
-- @description: fte_hours (inställning, standard 1720): per månad (månadens timmar / (fte_hours / 12)) och
-- @description: rullande 12 (de 12 månaderna till och med månaden / fte_hours), i år och förra året.
-- @description: Rullande 12 saknas där det inte finns tolv månaders data.
-- @unit: årsarbetare
-- @params: period, unit, division, fte_hours
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months))::DATE AS period,
           date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM person_months)))::DATE AS year_start,
           getvariable('unit')::VARCHAR AS unit,
           getvariable('division')::VARCHAR AS division,
           coalesce(getvariable('mask_threshold')::INTEGER, 10) AS mask
),
settings AS (SELECT coalesce(getvariable('fte_hours')::DOUBLE, 1720) AS fte_hours),
data_months AS (SELECT DISTINCT period FROM person_months),
monthly AS (
    SELECT d.period, coalesce(sum(s.worked_hours), 0) AS worked
    FROM data_months d
    CROSS JOIN p
    LEFT JOIN staff_base s ON s.period = d.period
        AND (p.unit IS NULL OR s.unit = p.unit)
        AND (p.division IS NULL OR s.division = p.division)
    GROUP BY ALL
),
rolling AS (
    SELECT period, worked,
           sum(worked) OVER w AS worked_12,
           count(*) OVER w    AS months_12
    FROM monthly
    WINDOW w AS (ORDER BY period RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW)
),
months AS (SELECT unnest(generate_series(1, 12)) AS m)
SELECT months.m AS month,
       round(c.worked / (settings.fte_hours / 12), 1)                                    AS month_current,
       round(pr.worked / (settings.fte_hours / 12), 1)                                   AS month_previous,
       CASE WHEN c.months_12 = 12 THEN round(c.worked_12 / settings.fte_hours, 1) END   AS rolling12_current,
       CASE WHEN pr.months_12 = 12 THEN round(pr.worked_12 / settings.fte_hours, 1) END AS rolling12_previous,
       settings.fte_hours
FROM months
CROSS JOIN p
CROSS JOIN settings
LEFT JOIN rolling c  ON c.period = make_date(year(p.period), months.m, 1) AND c.period <= p.period
LEFT JOIN rolling pr ON pr.period = make_date(year(p.period) - 1, months.m, 1)
ORDER BY month;
