-- Tenants (issue 9, item 2): whose privacy action an audit entry records, so that each tenant reads only its own
-- entries. Rows written before tenants are the default tenant's (''). Running this again changes nothing.
ALTER TABLE cg_privacy_audit ADD COLUMN IF NOT EXISTS tenant varchar(32) NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS cg_privacy_audit_tenant ON cg_privacy_audit (tenant, id);
