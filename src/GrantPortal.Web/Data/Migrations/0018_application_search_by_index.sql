-- A search by part of the title counted its matches (up to 1,000) through the trigram index, whose posting lists hold
-- every call's titles: the more applications the programme has, the more it read, even for one call. The index the
-- list walks newest first now holds the lower-cased title and the number too, and a search is counted only up to 200
-- (CallApplicationList.SearchCountLimit): for a common word the planner counts by walking the call's entries of this
-- index alone and stops at the limit; for a rare one it still takes the trigram index.
DROP INDEX "IX_Applications_CallId_SubmittedAt_Id";
CREATE INDEX "IX_Applications_CallId_SubmittedAt_Id" ON "Applications" ("CallId", "SubmittedAt" DESC, "Id")
    INCLUDE ("State", "RegionCode", "Sector", "RequestedGrant", "TitleLowercase", "Number");
