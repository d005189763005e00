-- when-column-missing: cg_privacy_audit.tenant
-- Tenants (issue 9, item 2): whose privacy action an audit entry records, so that each tenant reads only its own
-- entries. Rows written before tenants are the default tenant's (''). SQLite has no ADD COLUMN IF NOT EXISTS, so the
-- installer runs this script only while the column named on the first line is missing.
ALTER TABLE cg_privacy_audit ADD COLUMN tenant TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS cg_privacy_audit_tenant ON cg_privacy_audit (tenant, id);
