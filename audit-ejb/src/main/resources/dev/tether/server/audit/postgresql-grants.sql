-- Tether audit store, PostgreSQL: least privilege for the application role.
-- Run as the tables' owner (not the application role), after the schema exists; replace
-- tether_app with the role the server's datasource logs in as. Statements separated by ';;'.
REVOKE ALL ON tether_audit_record, tether_audit_checkpoint, tether_audit_stream,
  tether_audit_publish_cursor, tether_audit_chain_head, tether_audit_chain_break,
  tether_audit_log_head FROM tether_app
;;
GRANT SELECT, INSERT ON tether_audit_record, tether_audit_checkpoint, tether_audit_chain_break
  TO tether_app
;;
GRANT SELECT, INSERT, UPDATE ON tether_audit_stream, tether_audit_log_head,
  tether_audit_publish_cursor, tether_audit_chain_head TO tether_app
