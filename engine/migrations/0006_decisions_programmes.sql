-- Budget reallocation decisions, revised budget, and multi-year programmes.
ALTER TABLE forecast ADD COLUMN division VARCHAR;
COMMENT ON COLUMN forecast.division IS 'Division prognosen gäller (när den inte anges per kostnadsställe)';

CREATE TABLE budget_decisions (
    reference  VARCHAR       NOT NULL,
    decided    DATE          NOT NULL,
    decided_by VARCHAR,
    from_label VARCHAR,
    to_label   VARCHAR,
    amount     DECIMAL(18,2) NOT NULL,
    account    VARCHAR       NOT NULL,
    category   VARCHAR,
    effective  DATE          NOT NULL,
    profile    VARCHAR,
    text       VARCHAR,
    source     VARCHAR       NOT NULL,
    load_id    INTEGER       NOT NULL,
    line       INTEGER
);

-- The monthly budget changes a decision makes: minus on the giving cost
-- center, plus on the receiving one (ledger sign: a cost budget moved in is
-- a positive amount), from the effective month to December.
CREATE TABLE budget_decision_months (
    reference   VARCHAR       NOT NULL,
    period      DATE          NOT NULL,
    cost_center VARCHAR       NOT NULL,
    account     VARCHAR       NOT NULL,
    amount      DECIMAL(18,2) NOT NULL,
    load_id     INTEGER       NOT NULL,
    line        INTEGER
);

CREATE VIEW budget_original AS
SELECT version, period, account, cost_center, project, amount, source, load_id, line
FROM budget;

-- Revised budget = original + decisions in force, by month. Decisions apply
-- to the default budget version ('budget').
CREATE VIEW budget_revised AS
SELECT version, period, account, cost_center, project, amount, source, load_id, line, NULL::VARCHAR AS decision
FROM budget
UNION ALL
SELECT 'budget', d.period, d.account, d.cost_center, NULL, d.amount, 'beslut:' || d.reference, d.load_id, d.line, d.reference
FROM budget_decision_months d;

CREATE OR REPLACE VIEW budget_report AS
SELECT b.version,
       b.period,
       b.account,
       a.name                                   AS account_name,
       coalesce(a.kind, 'unmapped')             AS kind,
       coalesce(a.category, 'Ej mappat')        AS category,
       coalesce(a.subcategory, a.category, 'Ej mappat') AS subcategory,
       b.cost_center,
       coalesce(c.unit, 'Ej mappat')            AS unit,
       coalesce(c.division, 'Ej mappat')        AS division,
       b.project,
       b.amount,
       -b.amount                                AS report_amount,
       b.source,
       b.load_id,
       b.line,
       b.decision
FROM budget_revised b
LEFT JOIN accounts a USING (account)
LEFT JOIN cost_centers c USING (cost_center);

CREATE TABLE programmes (
    name         VARCHAR PRIMARY KEY,
    title        VARCHAR,
    owner        VARCHAR,
    first_year   INTEGER NOT NULL,
    last_year    INTEGER NOT NULL,
    project      VARCHAR,
    cost_centers VARCHAR[],
    accounts     VARCHAR[],
    load_id      INTEGER NOT NULL
);

CREATE TABLE programme_budget (
    name   VARCHAR       NOT NULL,
    year   INTEGER       NOT NULL,
    amount DECIMAL(18,2) NOT NULL
);

CREATE TABLE programme_forecasts (
    name        VARCHAR       NOT NULL,
    made        DATE          NOT NULL,
    year        INTEGER       NOT NULL,
    amount      DECIMAL(18,2) NOT NULL,
    contingency DECIMAL(18,2) NOT NULL
);

COMMENT ON TABLE budget_decisions IS 'Budgetbeslut (omfördelningar): referens, datum, från, till, belopp, konto/kategori, gäller från';
COMMENT ON TABLE budget_decision_months IS 'Budgetbeslutens månadsvisa effekt per kostnadsställe (minus hos givaren, plus hos mottagaren)';
COMMENT ON VIEW budget_original IS 'Budget som den lästes in / the original budget';
COMMENT ON VIEW budget_revised IS 'Reviderad budget = ursprunglig budget + beslut i kraft, per månad; decision = beslutets referens';
COMMENT ON VIEW budget_report IS 'Reviderad budget med rapportrad och organisation; decision IS NULL ger ursprunglig budget';
COMMENT ON TABLE programmes IS 'Fleråriga program: period, och hur utfallet hittas i huvudboken (projekt, kostnadsställen eller konton)';
COMMENT ON TABLE programme_budget IS 'Programmens budget per år (kostnad, kronor)';
COMMENT ON TABLE programme_forecasts IS 'Programmens prognoser per år, lämnade vid ett datum; contingency = oförutsett, en egen rad';
