-- The role the application runs its queries as (SET ROLE on each pooled connection), so that
-- what the application may do is decided by grants, not by trust in its code. Its grants are
-- (re)applied by the migration runner after every run (db/grants.ts), so later tables get them.
-- Creating a role needs CREATEROLE; on a managed server without it, the trigger in 0001 still
-- keeps the audit trail append-only, and the server says at start that it runs without the role.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clinicops_app') THEN
    BEGIN
      CREATE ROLE clinicops_app NOLOGIN;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'clinicops_app role not created: insufficient privilege';
    END;
  END IF;
END
$$;
