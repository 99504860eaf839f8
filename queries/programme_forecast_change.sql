-- @title: Programprognosens förändring
-- @description: Per program och år: den senaste prognosen (med oförutsett) mot den närmast föregående, och
-- @description: förändringen i kronor (positiv = högre kostnad än i förra prognosen).
-- @unit: kr
-- @params: period, programme
WITH p AS (
    SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger))::DATE AS period,
           getvariable('programme')::VARCHAR AS programme
),
made AS (
    SELECT name, made, dense_rank() OVER (PARTITION BY name ORDER BY made DESC) AS rk
    FROM (SELECT DISTINCT f.name, f.made FROM programme_forecasts f, p
          WHERE f.made <= p.period AND (p.programme IS NULL OR f.name = p.programme))
),
fc AS (
    SELECT f.name, f.year, m.rk, f.made, f.amount + f.contingency AS total
    FROM programme_forecasts f JOIN made m USING (name, made)
    WHERE m.rk <= 2
)
SELECT coalesce(l.name, pr.name)                 AS name,
       coalesce(l.year, pr.year)                 AS year,
       strftime(l.made, '%Y-%m')                 AS latest_made,
       l.total::DECIMAL(18,2)                    AS latest,
       strftime(pr.made, '%Y-%m')                AS previous_made,
       pr.total::DECIMAL(18,2)                   AS previous,
       (coalesce(l.total, 0) - coalesce(pr.total, 0))::DECIMAL(18,2) AS change
FROM (SELECT * FROM fc WHERE rk = 1) l
FULL JOIN (SELECT * FROM fc WHERE rk = 2) pr USING (name, year)
ORDER BY name, year;
