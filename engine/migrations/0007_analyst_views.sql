-- Helpers for analysts: a month table with tertials, the months behind
-- every year-to-date figure, and documentation on every view column.
CREATE VIEW months AS
WITH m AS (
    SELECT d::DATE AS period FROM range(DATE '1990-01-01', DATE '2061-01-01', INTERVAL 1 MONTH) t(d)
),
w AS (
    SELECT date_trunc('month', day)::DATE AS period, count(*) AS working_days
    FROM calendar WHERE working GROUP BY 1
)
SELECT m.period,
       year(m.period)                                   AS year,
       month(m.period)                                  AS month,
       'T' || ((month(m.period) - 1) // 4 + 1)          AS tertial,
       make_date(year(m.period), ((month(m.period) - 1) // 4 + 1) * 4, 1) AS tertial_end,
       date_trunc('year', m.period)::DATE               AS year_start,
       (m.period - INTERVAL 1 YEAR)::DATE               AS same_month_last_year,
       coalesce(w.working_days, 0)                      AS working_days
FROM m LEFT JOIN w USING (period);

-- For each report month, the months of its year to date (last_year false)
-- and the same months last year (last_year true): join on period and filter
-- on report_period.
CREATE VIEW ytd_months AS
SELECT r.period AS report_period, p.period, false AS last_year
FROM months r JOIN months p ON p.year = r.year AND p.month <= r.month
UNION ALL
SELECT r.period, p.period, true
FROM months r JOIN months p ON p.year = r.year - 1 AND p.month <= r.month;

COMMENT ON VIEW months IS 'Månader 1990-2060 med tertial, årets början, samma månad förra året och antal arbetsdagar / months with tertial and working days';
COMMENT ON VIEW ytd_months IS 'Månaderna bakom varje ackumulerad siffra: report_period -> månaderna jan..rapportmånaden i år och förra året / the months behind year-to-date figures';

COMMENT ON COLUMN ledger_report.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN ledger_report.account IS 'Konto / account';
COMMENT ON COLUMN ledger_report.account_name IS 'Kontonamn / account name';
COMMENT ON COLUMN ledger_report.kind IS 'Kontoslag: revenue, cost, financial, balance (unmapped = saknar mappning)';
COMMENT ON COLUMN ledger_report.category IS 'Rapportrad / report line (Ej mappat = no mapping)';
COMMENT ON COLUMN ledger_report.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN ledger_report.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN ledger_report.cost_center_name IS 'Kostnadsställets namn / cost center name';
COMMENT ON COLUMN ledger_report.unit IS 'Enhet / unit (Ej mappat = not in the organisation)';
COMMENT ON COLUMN ledger_report.division IS 'Division';
COMMENT ON COLUMN ledger_report.project IS 'Projekt / project';
COMMENT ON COLUMN ledger_report.activity IS 'Verksamhet / activity';
COMMENT ON COLUMN ledger_report.amount IS 'Belopp, debet positivt (kostnader +) / amount, debit positive';
COMMENT ON COLUMN ledger_report.report_amount IS 'Belopp i rapportens tecken: intäkter +, kostnader - / amount in report sign';
COMMENT ON COLUMN ledger_report.text IS 'Text';
COMMENT ON COLUMN ledger_report.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN ledger_report.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN ledger_report.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN ledger_report.voucher IS 'Verifikation / voucher';
COMMENT ON COLUMN budget_report.version IS 'Budgetversion / budget version';
COMMENT ON COLUMN budget_report.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN budget_report.account IS 'Konto / account';
COMMENT ON COLUMN budget_report.account_name IS 'Kontonamn / account name';
COMMENT ON COLUMN budget_report.kind IS 'Kontoslag: revenue, cost, financial, balance (unmapped = saknar mappning)';
COMMENT ON COLUMN budget_report.category IS 'Rapportrad / report line (Ej mappat = no mapping)';
COMMENT ON COLUMN budget_report.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN budget_report.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN budget_report.unit IS 'Enhet / unit (Ej mappat = not in the organisation)';
COMMENT ON COLUMN budget_report.division IS 'Division';
COMMENT ON COLUMN budget_report.project IS 'Projekt / project';
COMMENT ON COLUMN budget_report.amount IS 'Belopp, debet positivt (kostnader +) / amount, debit positive';
COMMENT ON COLUMN budget_report.report_amount IS 'Belopp i rapportens tecken: intäkter +, kostnader - / amount in report sign';
COMMENT ON COLUMN budget_report.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN budget_report.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN budget_report.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN budget_report.decision IS 'Budgetbeslutets referens; NULL = ursprunglig budget / decision reference; NULL = original budget';
COMMENT ON COLUMN budget_revised.version IS 'Budgetversion / budget version';
COMMENT ON COLUMN budget_revised.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN budget_revised.account IS 'Konto / account';
COMMENT ON COLUMN budget_revised.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN budget_revised.project IS 'Projekt / project';
COMMENT ON COLUMN budget_revised.amount IS 'Belopp, debet positivt (kostnader +) / amount, debit positive';
COMMENT ON COLUMN budget_revised.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN budget_revised.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN budget_revised.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN budget_revised.decision IS 'Budgetbeslutets referens; NULL = ursprunglig budget / decision reference; NULL = original budget';
COMMENT ON COLUMN budget_original.version IS 'Budgetversion / budget version';
COMMENT ON COLUMN budget_original.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN budget_original.account IS 'Konto / account';
COMMENT ON COLUMN budget_original.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN budget_original.project IS 'Projekt / project';
COMMENT ON COLUMN budget_original.amount IS 'Belopp, debet positivt (kostnader +) / amount, debit positive';
COMMENT ON COLUMN budget_original.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN budget_original.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN budget_original.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN accounts.account IS 'Konto / account';
COMMENT ON COLUMN accounts.name IS 'Namn / name';
COMMENT ON COLUMN accounts.category IS 'Rapportrad / report line (Ej mappat = no mapping)';
COMMENT ON COLUMN accounts.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN accounts.kind IS 'Kontoslag: revenue, cost, financial, balance (unmapped = saknar mappning)';
COMMENT ON COLUMN report_lines.kind IS 'Kontoslag: revenue, cost, financial, balance (unmapped = saknar mappning)';
COMMENT ON COLUMN report_lines.category IS 'Rapportrad / report line (Ej mappat = no mapping)';
COMMENT ON COLUMN report_lines.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN report_lines.sort_key IS 'Sorteringsnyckel (första kontot) / sort key (first account)';
COMMENT ON COLUMN staff.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN staff.person IS 'Nyckelhash av person-id (aldrig i klartext) / keyed hash of the person id';
COMMENT ON COLUMN staff.gender IS 'Kön: K = kvinna, M = man';
COMMENT ON COLUMN staff.birth_year IS 'Födelseår / birth year';
COMMENT ON COLUMN staff.age IS 'Ålder under året / age during the year';
COMMENT ON COLUMN staff.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN staff.unit IS 'Enhet / unit (Ej mappat = not in the organisation)';
COMMENT ON COLUMN staff.division IS 'Division';
COMMENT ON COLUMN staff.employment_type IS 'Anställningsform: tillsvidare, visstid, timavlönad';
COMMENT ON COLUMN staff.employment_rate IS 'Sysselsättningsgrad i procent / employment rate, percent';
COMMENT ON COLUMN staff.scheduled_hours IS 'Ordinarie arbetstid, timmar / scheduled hours';
COMMENT ON COLUMN staff.worked_hours IS 'Arbetad tid, timmar / worked hours';
COMMENT ON COLUMN staff.extra_hours IS 'Mertid/fyllnadstid, timmar / extra hours';
COMMENT ON COLUMN staff.overtime_hours IS 'Övertid, timmar / overtime hours';
COMMENT ON COLUMN staff.manager IS 'Närmaste chefs nyckelhash / manager (keyed hash)';
COMMENT ON COLUMN staff.sick_hours IS 'Sjuktimmar / sick hours';
COMMENT ON COLUMN staff.short_hours IS 'Sjuktimmar dag 1-14 / sick hours, day 1-14';
COMMENT ON COLUMN staff.long_hours IS 'Sjuktimmar dag 15- / sick hours, day 15 on';
COMMENT ON COLUMN staff.long60_hours IS 'Sjuktimmar i perioder om 60 dagar eller mer / sick hours in spells of 60+ days';
COMMENT ON COLUMN sick_hours_computed.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN sick_hours_computed.person IS 'Nyckelhash av person-id (aldrig i klartext) / keyed hash of the person id';
COMMENT ON COLUMN sick_hours_computed.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN sick_hours_computed.sick_hours IS 'Sjuktimmar / sick hours';
COMMENT ON COLUMN sick_hours_computed.short_hours IS 'Sjuktimmar dag 1-14 / sick hours, day 1-14';
COMMENT ON COLUMN sick_hours_computed.long_hours IS 'Sjuktimmar dag 15- / sick hours, day 15 on';
COMMENT ON COLUMN sick_hours_computed.long60_hours IS 'Sjuktimmar i perioder om 60 dagar eller mer / sick hours in spells of 60+ days';
COMMENT ON COLUMN months.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN months.year IS 'År / year';
COMMENT ON COLUMN months.month IS 'Månad 1-12 / month 1-12';
COMMENT ON COLUMN months.tertial IS 'Tertial: T1 jan-apr, T2 maj-aug, T3 sep-dec';
COMMENT ON COLUMN months.tertial_end IS 'Tertialens sista månad / last month of the tertial';
COMMENT ON COLUMN months.year_start IS 'Årets första månad / first month of the year';
COMMENT ON COLUMN months.same_month_last_year IS 'Samma månad förra året / same month last year';
COMMENT ON COLUMN months.working_days IS 'Arbetsdagar i månaden / working days in the month';
COMMENT ON COLUMN ytd_months.report_period IS 'Rapportmånad / report month';
COMMENT ON COLUMN ytd_months.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN ytd_months.last_year IS 'true = samma period förra året / true = the same period last year';
COMMENT ON COLUMN absence_spells.person IS 'Nyckelhash av person-id / keyed hash of the person id';
COMMENT ON COLUMN absence_spells.cause IS 'Frånvaroorsak / absence cause';
COMMENT ON COLUMN absence_spells.sick IS 'true = sjukfrånvaro / sick leave';
COMMENT ON COLUMN absence_spells.first_day IS 'Första dagen / first day';
COMMENT ON COLUMN absence_spells.last_day IS 'Sista dagen; NULL = pågående / last day; NULL = ongoing';
COMMENT ON COLUMN absence_spells.extent IS 'Omfattning i procent (25/50/75/100) / extent, percent';
COMMENT ON COLUMN absence_spells.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN absence_spells.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN absence_spells.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN account_map.first_account IS 'Intervallets första konto(prefix) / first account (prefix) of the range';
COMMENT ON COLUMN account_map.last_account IS 'Intervallets sista konto(prefix) / last account (prefix)';
COMMENT ON COLUMN account_map.kind IS 'revenue, cost, financial eller balance';
COMMENT ON COLUMN account_map.category IS 'Rapportrad / report line';
COMMENT ON COLUMN account_map.subcategory IS 'Underrad / report subline';
COMMENT ON COLUMN account_map.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN account_map.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN account_names.account IS 'Konto / account';
COMMENT ON COLUMN account_names.name IS 'Namn / name';
COMMENT ON COLUMN account_names.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN budget.account IS 'Konto / account';
COMMENT ON COLUMN budget.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN budget.project IS 'Projekt / project';
COMMENT ON COLUMN budget.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN budget.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN budget.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN budget_decision_months.reference IS 'Beslutets referens (diarienummer) / decision reference';
COMMENT ON COLUMN budget_decision_months.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN budget_decision_months.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN budget_decision_months.account IS 'Konto / account';
COMMENT ON COLUMN budget_decision_months.amount IS 'Belopp i kronor / amount in SEK';
COMMENT ON COLUMN budget_decision_months.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN budget_decision_months.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN budget_decisions.reference IS 'Beslutets referens (diarienummer) / decision reference';
COMMENT ON COLUMN budget_decisions.decided IS 'Beslutsdatum / decision date';
COMMENT ON COLUMN budget_decisions.decided_by IS 'Beslutsfattare / decided by';
COMMENT ON COLUMN budget_decisions.from_label IS 'Från (kostnadsställe, enhet eller division) / from';
COMMENT ON COLUMN budget_decisions.to_label IS 'Till (kostnadsställe, enhet eller division) / to';
COMMENT ON COLUMN budget_decisions.amount IS 'Belopp i kronor / amount in SEK';
COMMENT ON COLUMN budget_decisions.account IS 'Konto / account';
COMMENT ON COLUMN budget_decisions.category IS 'Rapportrad / report line';
COMMENT ON COLUMN budget_decisions.effective IS 'Första månaden beslutet gäller / first month in force';
COMMENT ON COLUMN budget_decisions.profile IS 'Periodisering: tom = jämnt, annars tolv vikter / month profile';
COMMENT ON COLUMN budget_decisions.text IS 'Text';
COMMENT ON COLUMN budget_decisions.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN budget_decisions.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN budget_decisions.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN calendar.day IS 'Dag / day';
COMMENT ON COLUMN calendar.working IS 'Arbetsdag / working day';
COMMENT ON COLUMN calendar.holiday IS 'Helgdagens namn / name of the holiday';
COMMENT ON COLUMN cost_centers.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN cost_centers.name IS 'Namn / name';
COMMENT ON COLUMN cost_centers.unit IS 'Enhet / unit';
COMMENT ON COLUMN cost_centers.division IS 'Division';
COMMENT ON COLUMN cost_centers.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN cost_centers.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN forecast.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN forecast.category IS 'Rapportrad / report line';
COMMENT ON COLUMN forecast.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN forecast.deviation IS 'Avvikelse mot årsbudget, positiv = bättre / deviation against the annual budget';
COMMENT ON COLUMN forecast.comment IS 'Kommentar / comment';
COMMENT ON COLUMN forecast.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN forecast.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN forecast.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN hr_key.fingerprint IS 'Fingeravtryck av HR-nyckeln (inte nyckeln) / fingerprint of the HR key';
COMMENT ON COLUMN loads.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN loads.kind IS 'Extraktets typ / kind of extract';
COMMENT ON COLUMN loads.file IS 'Filnamn / file name';
COMMENT ON COLUMN loads.sha256 IS 'SHA-256 av filens innehåll / of the file content';
COMMENT ON COLUMN loads.rows IS 'Inlästa rader / rows loaded';
COMMENT ON COLUMN loads.loaded_at IS 'När (UTC) / when (UTC)';
COMMENT ON COLUMN loads.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN loads.version IS 'Budgetversion / budget version';
COMMENT ON COLUMN loads.first_period IS 'Första månaden i extraktet / first month';
COMMENT ON COLUMN loads.last_period IS 'Sista månaden / last month';
COMMENT ON COLUMN loads.replaced IS 'Rader från tidigare inläsningar som ersattes / rows of earlier loads replaced';
COMMENT ON COLUMN person_months.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN person_months.birth_year IS 'Födelseår / birth year';
COMMENT ON COLUMN person_months.cost_center IS 'Ansvar/kostnadsställe / cost center';
COMMENT ON COLUMN person_months.employment_type IS 'tillsvidare, visstid eller timavlönad';
COMMENT ON COLUMN person_months.employment_rate IS 'Sysselsättningsgrad i procent / employment rate';
COMMENT ON COLUMN person_months.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN person_months.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN person_months.line IS 'Rad i källfilen / line in the source file';
COMMENT ON COLUMN programme_budget.name IS 'Namn / name';
COMMENT ON COLUMN programme_budget.year IS 'År / year';
COMMENT ON COLUMN programme_budget.amount IS 'Belopp i kronor / amount in SEK';
COMMENT ON COLUMN programme_forecasts.name IS 'Namn / name';
COMMENT ON COLUMN programme_forecasts.made IS 'Månaden prognosen lämnades / month the forecast was made';
COMMENT ON COLUMN programme_forecasts.year IS 'År / year';
COMMENT ON COLUMN programme_forecasts.amount IS 'Belopp i kronor / amount in SEK';
COMMENT ON COLUMN programme_forecasts.contingency IS 'Oförutsett / contingency';
COMMENT ON COLUMN programmes.name IS 'Namn / name';
COMMENT ON COLUMN programmes.title IS 'Programmets namn / title';
COMMENT ON COLUMN programmes.owner IS 'Ägare / owner';
COMMENT ON COLUMN programmes.first_year IS 'Första året / first year';
COMMENT ON COLUMN programmes.last_year IS 'Sista året / last year';
COMMENT ON COLUMN programmes.project IS 'Projekt / project';
COMMENT ON COLUMN programmes.cost_centers IS 'Kostnadsställen som utgör programmet / cost centers';
COMMENT ON COLUMN programmes.accounts IS 'Konton som utgör programmet / accounts';
COMMENT ON COLUMN programmes.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN sick_hours_reported.period IS 'Månad (första dagen) / month (first day)';
COMMENT ON COLUMN sick_hours_reported.person IS 'Nyckelhash av person-id / keyed hash of the person id';
COMMENT ON COLUMN sick_hours_reported.sick_hours IS 'Sjuktimmar / sick hours';
COMMENT ON COLUMN sick_hours_reported.short_hours IS 'Dag 1-14 / day 1-14';
COMMENT ON COLUMN sick_hours_reported.long_hours IS 'Dag 15- / day 15 on';
COMMENT ON COLUMN sick_hours_reported.long60_hours IS 'I perioder om 60 dagar eller mer / in spells of 60+ days';
COMMENT ON COLUMN sick_hours_reported.source IS 'Extraktets källa / extract source';
COMMENT ON COLUMN sick_hours_reported.load_id IS 'Inläsningen raden kom från (loads) / the load that brought the row';
COMMENT ON COLUMN sick_hours_reported.line IS 'Rad i källfilen / line in the source file';
