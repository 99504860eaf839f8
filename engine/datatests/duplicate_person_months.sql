-- The same person, month and cost center more than once (across extracts).
SELECT strftime(period, '%Y-%m') AS period, cost_center, count(*) AS rows
FROM person_months
GROUP BY period, person, cost_center HAVING count(*) > 1
ORDER BY 1, 2
