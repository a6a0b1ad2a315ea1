-- The officers' list found a filtered page by walking the call's applications in submission order and reading each
-- row from the table to test the filter: with an amount range or a sector that skips most rows, hundreds of table
-- reads for a page of fifty, more the larger the call. The list now picks the page's ids from an index alone and
-- reads just those fifty rows. For that every index it walks holds the id and every filtered column:
-- (call, submission newest first, id) gains the filters' columns, the three indexes of 0008 gain the id.

DROP INDEX "IX_Applications_CallId_SubmittedAt";
CREATE INDEX "IX_Applications_CallId_SubmittedAt_Id" ON "Applications" ("CallId", "SubmittedAt" DESC, "Id")
    INCLUDE ("State", "RegionCode", "Sector", "RequestedGrant");

DROP INDEX "IX_Applications_CallId_State_SubmittedAt";
CREATE INDEX "IX_Applications_CallId_State_SubmittedAt" ON "Applications" ("CallId", "State", "SubmittedAt")
    INCLUDE ("RegionCode", "Sector", "RequestedGrant", "Id") WHERE "SubmittedAt" IS NOT NULL;
DROP INDEX "IX_Applications_CallId_RegionCode_SubmittedAt";
CREATE INDEX "IX_Applications_CallId_RegionCode_SubmittedAt" ON "Applications" ("CallId", "RegionCode", "SubmittedAt")
    INCLUDE ("State", "Sector", "RequestedGrant", "Id") WHERE "SubmittedAt" IS NOT NULL;
DROP INDEX "IX_Applications_CallId_RequestedGrant";
CREATE INDEX "IX_Applications_CallId_RequestedGrant" ON "Applications" ("CallId", "RequestedGrant")
    INCLUDE ("State", "RegionCode", "Sector", "Id") WHERE "SubmittedAt" IS NOT NULL;

-- The search by part of the title found its matches in every call (0015), then threw away those of the other calls
-- row by row, reading the table; and each row it read was tested by ILIKE, which lower-cases the whole title first
-- (about 10 microseconds for a Cyrillic title). The title is now kept lower-cased beside it, and searched with LIKE;
-- with btree_gin (PostgreSQL's contrib, a trusted extension like pg_trgm) its trigram index holds the call too, so it
-- finds the call's matches only.
ALTER TABLE "Applications" ADD COLUMN "TitleLowercase" character varying(300) NOT NULL GENERATED ALWAYS AS (lower("Title")) STORED;
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX "IX_Applications_Title_Trigram";
CREATE INDEX "IX_Applications_CallId_TitleLowercase_Trigram" ON "Applications" USING gin ("CallId", "TitleLowercase" gin_trgm_ops);
