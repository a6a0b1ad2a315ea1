-- The officers' list of a call's applications filters by state, region, sector and amount. State and region are
-- copied onto the application, so the list reads one table through its own indexes, without joining the workflow's
-- instances or the companies: the state is kept equal to the workflow instance's in the transaction of every
-- transition (the app's ApplicationListCopy observer); the region is the company's as at creation and at each
-- submission. The list's counts per state are kept in ApplicationStateCounts by a trigger, so showing them does not
-- mean counting a call's applications. Existing rows get all of it from where it lives now; nothing else changes.

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
-- state; by region, newest first; by amount, for its range and its order. Each index holds the other filters' columns,
-- so that counting the applications of any mix of filters reads the index alone. With no filter, or by sector, the
-- page walks "IX_Applications_CallId_SubmittedAt" (0006) backwards and stops after fifty.
CREATE INDEX "IX_Applications_CallId_State_SubmittedAt" ON "Applications" ("CallId", "State", "SubmittedAt")
    INCLUDE ("RegionCode", "Sector", "RequestedGrant") WHERE "SubmittedAt" IS NOT NULL;
CREATE INDEX "IX_Applications_CallId_RegionCode_SubmittedAt" ON "Applications" ("CallId", "RegionCode", "SubmittedAt")
    INCLUDE ("State", "Sector", "RequestedGrant") WHERE "SubmittedAt" IS NOT NULL;
CREATE INDEX "IX_Applications_CallId_RequestedGrant" ON "Applications" ("CallId", "RequestedGrant")
    INCLUDE ("State", "RegionCode", "Sector") WHERE "SubmittedAt" IS NOT NULL;

-- How many of each call's submitted applications are in each state. A trigger keeps it in the transaction of every
-- insert, delete or change of an application's call, state or submission, whoever writes the row (the workflow's
-- observer, a script): a count can never drift from the rows. Both rows a change touches are updated by one
-- statement in (call, state) order, so two transitions crossing each other's states wait for each other rather than
-- deadlock.
CREATE TABLE "ApplicationStateCounts" (
    "CallId" uuid NOT NULL,
    "State" character varying(100) NOT NULL,
    "Count" integer NOT NULL,
    CONSTRAINT "PK_ApplicationStateCounts" PRIMARY KEY ("CallId", "State"),
    CONSTRAINT "FK_ApplicationStateCounts_Calls_CallId" FOREIGN KEY ("CallId") REFERENCES "Calls" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ApplicationStateCounts" ("CallId", "State", "Count")
SELECT "CallId", "State", count(*) FROM "Applications" WHERE "SubmittedAt" IS NOT NULL GROUP BY "CallId", "State";

CREATE FUNCTION "CountApplicationStates"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "ApplicationStateCounts" AS counts ("CallId", "State", "Count")
    SELECT change.call_id, change.state, sum(change.delta)
    FROM (
        SELECT OLD."CallId", OLD."State", -1 WHERE TG_OP <> 'INSERT' AND OLD."SubmittedAt" IS NOT NULL
        UNION ALL
        SELECT NEW."CallId", NEW."State", 1 WHERE TG_OP <> 'DELETE' AND NEW."SubmittedAt" IS NOT NULL
    ) AS change (call_id, state, delta)
    GROUP BY change.call_id, change.state
    HAVING sum(change.delta) <> 0
    ORDER BY change.call_id, change.state
    ON CONFLICT ("CallId", "State") DO UPDATE SET "Count" = counts."Count" + EXCLUDED."Count";
    RETURN NULL;
END
$$;

CREATE TRIGGER "Applications_CountStates"
AFTER INSERT OR DELETE OR UPDATE OF "CallId", "State", "SubmittedAt" ON "Applications"
FOR EACH ROW EXECUTE FUNCTION "CountApplicationStates"();
