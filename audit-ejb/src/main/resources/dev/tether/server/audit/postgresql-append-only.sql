-- Tether audit store, PostgreSQL: stored events and signed checkpoints are append-only.
-- Applied by the server at start (idempotent); a DBA may also run it by hand.
-- Statements are separated by lines holding only ';;'.
CREATE OR REPLACE FUNCTION tether_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'tether audit: % on % refused: audit records are append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$
;;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tether_audit_record', 'tether_audit_checkpoint',
                          'tether_audit_chain_break'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = t || '_no_rewrite') THEN
      EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW'
                     ' EXECUTE FUNCTION tether_audit_append_only()', t || '_no_rewrite', t);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = t || '_no_truncate') THEN
      EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT'
                     ' EXECUTE FUNCTION tether_audit_append_only()', t || '_no_truncate', t);
    END IF;
  END LOOP;
END
$$
