-- Applications: the draft content as JSON, and each submitted version frozen as submitted.

CREATE SEQUENCE "ApplicationNumbers" START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE "Applications" (
    "Id" uuid NOT NULL,
    "CallId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "CreatedById" uuid NOT NULL,
    "Number" character varying(20),
    "Content" jsonb NOT NULL,
    "Title" character varying(300) NOT NULL,
    "Sector" character varying(20),
    "RequestedGrant" numeric(15,2) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "SubmittedAt" timestamp with time zone,
    CONSTRAINT "PK_Applications" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Applications_AspNetUsers_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Applications_Calls_CallId" FOREIGN KEY ("CallId") REFERENCES "Calls" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Applications_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ApplicationVersions" (
    "Id" uuid NOT NULL,
    "ApplicationId" uuid NOT NULL,
    "Number" integer NOT NULL,
    "Content" jsonb NOT NULL,
    "ContentHash" character varying(64) NOT NULL,
    "SubmittedAt" timestamp with time zone NOT NULL,
    "SubmittedById" uuid NOT NULL,
    CONSTRAINT "PK_ApplicationVersions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ApplicationVersions_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ApplicationVersions_AspNetUsers_SubmittedById" FOREIGN KEY ("SubmittedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Applications_CallId_SubmittedAt" ON "Applications" ("CallId", "SubmittedAt");
CREATE INDEX "IX_Applications_CompanyId_UpdatedAt" ON "Applications" ("CompanyId", "UpdatedAt");
CREATE INDEX "IX_Applications_CreatedById" ON "Applications" ("CreatedById");
CREATE UNIQUE INDEX "IX_Applications_Number" ON "Applications" ("Number");
CREATE UNIQUE INDEX "IX_ApplicationVersions_ApplicationId_Number" ON "ApplicationVersions" ("ApplicationId", "Number");
CREATE INDEX "IX_ApplicationVersions_SubmittedById" ON "ApplicationVersions" ("SubmittedById");
