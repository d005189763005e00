-- Tenants (issue 9, item 2): a tenant's ids are stored qualified, "tenant/id" (ContentGrains.Core.Tenants.TenantKeys),
-- so an id column holds up to 32 (tenant) + 1 + 128 (id) = 161 characters. The default tenant's ids are unchanged.
-- Widening a varchar rewrites neither the table nor its indexes; running this again changes nothing.
ALTER TABLE cg_events
    ALTER COLUMN event_id TYPE varchar(161),
    ALTER COLUMN user_id  TYPE varchar(161),
    ALTER COLUMN item_id  TYPE varchar(161);
ALTER TABLE cg_consent ALTER COLUMN user_id TYPE varchar(161);
