-- The officers' list finds applications by any part of their title or number (ILIKE '%text%'), which no b-tree
-- helps with: the list read every submitted application of the call to count the matches. Trigram indexes let
-- PostgreSQL read only the rows that contain the text. pg_trgm is part of PostgreSQL's contrib (in Debian's
-- postgresql package) and a trusted extension: the database's owner may create it. Existing rows are indexed as
-- they are; nothing else changes.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "IX_Applications_Title_Trigram" ON "Applications" USING gin ("Title" gin_trgm_ops);
CREATE INDEX "IX_Applications_Number_Trigram" ON "Applications" USING gin ("Number" gin_trgm_ops);
