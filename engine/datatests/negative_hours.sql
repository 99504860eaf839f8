-- Person-months with negative hours.
SELECT strftime(period, '%Y-%m') AS period, cost_center, scheduled_hours, worked_hours, extra_hours, overtime_hours
FROM person_months
WHERE scheduled_hours < 0 OR worked_hours < 0 OR extra_hours < 0 OR overtime_hours < 0
ORDER BY period, cost_center, scheduled_hours, worked_hours, extra_hours, overtime_hours
