-- A call's ranking sorts and totals every ranked application of the call: about 30 ms for the 5,000 of a large call,
-- on every view of the ranking's pages. The app now keeps a call's order in memory, for as long as nothing that ranks
-- it has changed. What ranks it is spread over three tables written from several places (scores when reviews end,
-- final decisions and their withdrawal, an application's state), so the triggers below, not the app's code, say when
-- it changed: no writer can forget to. Each change raises the call's version; the ranking compares it with the
-- version it ranked at.
--
-- The triggers are deferred to the commit. By then the transaction has taken every other lock it needs, so waiting
-- for the call's version row (held by another commit for an instant) cannot close a cycle of waits with the locks of
-- the application, its workflow and its state counts taken in a different order by another transaction.

CREATE TABLE "CallRankingVersions" (
    "CallId" uuid NOT NULL,
    "Version" bigint NOT NULL,
    CONSTRAINT "PK_CallRankingVersions" PRIMARY KEY ("CallId"),
    CONSTRAINT "FK_CallRankingVersions_Calls_CallId" FOREIGN KEY ("CallId") REFERENCES "Calls" ("Id") ON DELETE RESTRICT
);

CREATE FUNCTION "RaiseCallRankingVersion"(call_id uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "CallRankingVersions" AS v ("CallId", "Version") VALUES (call_id, 1)
    ON CONFLICT ("CallId") DO UPDATE SET "Version" = v."Version" + 1;
$$;

-- An application without a score is in no ranking, before the change or after it.
CREATE FUNCTION "ApplicationChangesRanking"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM "RaiseCallRankingVersion"(OLD."CallId");
    ELSIF EXISTS (SELECT 1 FROM "ApplicationScores" WHERE "ApplicationId" = NEW."Id") THEN
        PERFORM "RaiseCallRankingVersion"(NEW."CallId");
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "Applications_ChangeRanking"
AFTER DELETE OR UPDATE OF "State", "RequestedGrant", "SubmittedAt" ON "Applications"
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION "ApplicationChangesRanking"();

-- A score deleted with its application finds no application: the application's own trigger has raised its call.
CREATE FUNCTION "ScoreChangesRanking"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    application_id uuid := CASE TG_OP WHEN 'DELETE' THEN OLD."ApplicationId" ELSE NEW."ApplicationId" END;
BEGIN
    PERFORM "RaiseCallRankingVersion"(a."CallId") FROM "Applications" AS a WHERE a."Id" = application_id;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "ApplicationScores_ChangeRanking"
AFTER INSERT OR UPDATE OR DELETE ON "ApplicationScores"
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION "ScoreChangesRanking"();

-- Only a final decision counts in the ranking: a proposal, its confirmation's other columns and the issued PDF do not.
CREATE FUNCTION "DecisionChangesRanking"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD."Status" = 'Final' THEN
        PERFORM "RaiseCallRankingVersion"(OLD."CallId");
    END IF;
    IF TG_OP <> 'DELETE' AND NEW."Status" = 'Final' THEN
        PERFORM "RaiseCallRankingVersion"(NEW."CallId");
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "Decisions_ChangeRanking"
AFTER INSERT OR DELETE OR UPDATE OF "Status", "Kind", "Amount", "ApplicationId", "CallId" ON "Decisions"
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION "DecisionChangesRanking"();
