-- The officers' list of a call's applications filters by state, region, sector and amount. State and region are
-- copied onto the application, so the list reads one table through its own indexes, without joining the workflow's
-- instances or the companies: the state is kept equal to the workflow instance's in the transaction of every
-- transition (the app's ApplicationListCopy observer); the region is the company's as at creation and at each
-- submission. Existing rows get both from where they live now; nothing else changes.

ALTER TABLE "Applications"
    ADD COLUMN "State" character varying(100),
    ADD COLUMN "RegionCode" character varying(2);

-- The state of the application's newest instance of the grant workflow (the one the application page shows).
UPDATE "Applications" AS a
SET "State" = i."State"
FROM (
    SELECT DISTINCT ON ("SubjectId") "SubjectId", "State"
    FROM "WorkflowInstances"
    WHERE "DefinitionId" = 'component-substitution-grant'
    ORDER BY "SubjectId", "StartedAt" DESC
) AS i
WHERE i."SubjectId" = a."Id"::text;

-- An application and its instance are created in one transaction, so this should find nothing; were there an
-- application without an instance, it was never submitted: a draft.
UPDATE "Applications" SET "State" = 'Draft' WHERE "State" IS NULL;

ALTER TABLE "Applications" ALTER COLUMN "State" SET NOT NULL;

-- Only the codes of the 89 subjects (RussianRegions on this version): a region the 0005 upgrade did not recognise
-- stays with the company and leaves the application without a region.
UPDATE "Applications" AS a
SET "RegionCode" = c."Region"
FROM "Companies" AS c
WHERE c."Id" = a."CompanyId" AND c."Region" IN (
    '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18',
    '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36',
    '37', '38', '39', '40', '41', '42', '43', '44', '45', '46', '47', '48', '49', '50', '51', '52', '53', '54',
    '55', '56', '57', '58', '59', '60', '61', '62', '63', '64', '65', '66', '67', '68', '69', '70', '71', '72',
    '73', '74', '75', '76', '77', '78', '79', '83', '86', '87', '89', '90', '91', '92', '93', '94', '95');

-- Submitted applications only (drafts are not in the officers' list): by state, newest first, and the counts per
-- state; by region, newest first; by amount, for its range and its order. With no filter, or by sector, the list
-- walks "IX_Applications_CallId_SubmittedAt" (0006) backwards.
CREATE INDEX "IX_Applications_CallId_State_SubmittedAt" ON "Applications" ("CallId", "State", "SubmittedAt") WHERE "SubmittedAt" IS NOT NULL;
CREATE INDEX "IX_Applications_CallId_RegionCode_SubmittedAt" ON "Applications" ("CallId", "RegionCode", "SubmittedAt") WHERE "SubmittedAt" IS NOT NULL;
CREATE INDEX "IX_Applications_CallId_RequestedGrant" ON "Applications" ("CallId", "RequestedGrant") WHERE "SubmittedAt" IS NOT NULL;
