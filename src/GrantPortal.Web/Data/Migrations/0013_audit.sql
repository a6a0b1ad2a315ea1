-- The audit trail: an append-only hash chain of state changes, decisions, role changes and staff downloads.

CREATE TABLE "AuditEntries" (
    "Sequence" bigint NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ActorId" character varying(64) NOT NULL,
    "ActorName" character varying(256) NOT NULL,
    "ActorEmail" character varying(256),
    "Kind" character varying(40) NOT NULL,
    "SubjectId" character varying(64) NOT NULL,
    "Details" character varying(4000) NOT NULL,
    "PreviousHash" character varying(64) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    CONSTRAINT "PK_AuditEntries" PRIMARY KEY ("Sequence"),
    CONSTRAINT "CK_AuditEntries_Sequence" CHECK ("Sequence" > 0)
);

CREATE INDEX "IX_AuditEntries_Kind_Sequence" ON "AuditEntries" ("Kind", "Sequence");
CREATE INDEX "IX_AuditEntries_SubjectId_Sequence" ON "AuditEntries" ("SubjectId", "Sequence");
CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

-- Append-only for everyone, the table's owner and superusers included: a row can be changed or removed only by
-- someone who first disables these triggers (which needs the table's owner), and the hash chain shows it.
CREATE FUNCTION "AuditEntries_Refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on "AuditEntries" is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "AuditEntries_NoUpdateOrDelete" BEFORE UPDATE OR DELETE ON "AuditEntries"
    FOR EACH ROW EXECUTE FUNCTION "AuditEntries_Refuse"();
CREATE TRIGGER "AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries"
    FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntries_Refuse"();

-- Without effect for a superuser, but an app that connects as an ordinary role keeps only INSERT and SELECT.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries" FROM PUBLIC, CURRENT_USER;
