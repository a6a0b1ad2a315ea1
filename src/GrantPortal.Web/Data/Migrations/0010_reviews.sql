-- Expert review: the expert pool, officers' formal checks, reviews (assignment, answer, scores) and each
-- application's aggregated score.

CREATE TABLE "ExpertProfiles" (
    "UserId" uuid NOT NULL,
    "Sectors" text[] NOT NULL,
    "Keywords" character varying(500) NOT NULL,
    "AffiliationInns" text[] NOT NULL,
    "MaxOpenReviews" integer NOT NULL,
    CONSTRAINT "PK_ExpertProfiles" PRIMARY KEY ("UserId"),
    CONSTRAINT "FK_ExpertProfiles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "CK_ExpertProfiles_MaxOpenReviews" CHECK ("MaxOpenReviews" BETWEEN 1 AND 100)
);

CREATE TABLE "FormalChecks" (
    "Id" uuid NOT NULL,
    "ApplicationId" uuid NOT NULL,
    "VersionNumber" integer NOT NULL,
    "CheckedById" uuid NOT NULL,
    "CheckedAt" timestamp with time zone NOT NULL,
    "Confirmed" text[] NOT NULL,
    "Passed" boolean NOT NULL,
    CONSTRAINT "PK_FormalChecks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_FormalChecks_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_FormalChecks_AspNetUsers_CheckedById" FOREIGN KEY ("CheckedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_FormalChecks_ApplicationId_VersionNumber" ON "FormalChecks" ("ApplicationId", "VersionNumber");
CREATE INDEX "IX_FormalChecks_CheckedById" ON "FormalChecks" ("CheckedById");

CREATE TABLE "Reviews" (
    "Id" uuid NOT NULL,
    "ApplicationId" uuid NOT NULL,
    "ExpertId" uuid NOT NULL,
    "VersionNumber" integer NOT NULL,
    "Status" character varying(20) NOT NULL,
    "AssignedAt" timestamp with time zone NOT NULL,
    "AssignedById" uuid NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    "AcceptedAt" timestamp with time zone,
    "DeclinedAt" timestamp with time zone,
    "DeclineReason" character varying(2000),
    "Scores" jsonb NOT NULL,
    "Recommendation" character varying(20),
    "Summary" character varying(8000) NOT NULL,
    "Total" numeric(5,2),
    "SubmittedAt" timestamp with time zone,
    "RemindersSent" text[] NOT NULL,
    CONSTRAINT "PK_Reviews" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Reviews_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Reviews_AspNetUsers_ExpertId" FOREIGN KEY ("ExpertId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Reviews_AspNetUsers_AssignedById" FOREIGN KEY ("AssignedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

-- One expert reviews an application once: a declined or replaced expert is not asked again.
CREATE UNIQUE INDEX "IX_Reviews_ApplicationId_ExpertId" ON "Reviews" ("ApplicationId", "ExpertId");
CREATE INDEX "IX_Reviews_ExpertId_Status" ON "Reviews" ("ExpertId", "Status");
CREATE INDEX "IX_Reviews_AssignedById" ON "Reviews" ("AssignedById");

CREATE TABLE "ApplicationScores" (
    "ApplicationId" uuid NOT NULL,
    "Score" numeric(5,2) NOT NULL,
    "CriterionMeans" jsonb NOT NULL,
    "BelowThreshold" boolean NOT NULL,
    "Divergent" boolean NOT NULL,
    "ReviewCount" integer NOT NULL,
    "ComputedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ApplicationScores" PRIMARY KEY ("ApplicationId"),
    CONSTRAINT "FK_ApplicationScores_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);
