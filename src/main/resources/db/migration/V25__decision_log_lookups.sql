-- The ledger and subject access reports look a person up by case reference, and the DPO's pack
-- view and the tests by pack: with a log of millions of rows neither may walk the whole table.
create index decision_log_case_ref on decision_log (case_ref);
create index decision_log_pack_id on decision_log (pack_id);
