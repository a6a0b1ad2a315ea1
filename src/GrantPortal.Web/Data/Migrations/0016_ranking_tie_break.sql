-- The ranking breaks ties of score by the mean on the call's first criterion. It read that mean out of each score's
-- CriterionMeans (jsonb) while sorting every ranked application of the call, a third of the ranking's time in a call
-- of thousands. The mean is now a column, written with the score. Existing scores take it from their means, by the
-- code of their call's first criterion (0 where it has none, as the ranking counted it until now).

ALTER TABLE "ApplicationScores" ADD COLUMN "FirstCriterionMean" numeric NOT NULL DEFAULT 0;

UPDATE "ApplicationScores" AS s
SET "FirstCriterionMean" = coalesce((
    SELECT (e->>'Mean')::numeric
    FROM "Applications" AS a
    JOIN "Calls" AS c ON c."Id" = a."CallId"
    CROSS JOIN jsonb_array_elements(s."CriterionMeans") AS e
    WHERE a."Id" = s."ApplicationId" AND e->>'Code' = c."Criteria"->0->>'Code'
    LIMIT 1), 0);

ALTER TABLE "ApplicationScores" ALTER COLUMN "FirstCriterionMean" DROP DEFAULT;

-- The decision panel of an application's page reads its decisions of every status; the partial unique indexes (one
-- final, one proposal) serve only their own status, so it read the whole table.
CREATE INDEX "IX_Decisions_ApplicationId" ON "Decisions" ("ApplicationId");
