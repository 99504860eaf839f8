-- The load's warnings in Swedish too. The report, written in Swedish for
-- economists, quoted them in the English the tool's log speaks; each
-- warning is now kept in both, and the report quotes the Swedish. Loads
-- made before this have only the English (message_sv NULL).
ALTER TABLE load_warnings ADD COLUMN message_sv VARCHAR;

COMMENT ON COLUMN load_warnings.message IS 'Varningen som inläsningen gav, på engelska som i loggen / the warning as the load gave it, in English as in the log';
COMMENT ON COLUMN load_warnings.message_sv IS 'Samma varning på svenska, som rapporten citerar; NULL för inläsningar före version 18 / the same warning in Swedish, which the report quotes';
