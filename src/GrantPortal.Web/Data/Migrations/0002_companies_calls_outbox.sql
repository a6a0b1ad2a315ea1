-- Companies (applicants' legal entities), calls for applications, and the e-mail outbox.

CREATE TABLE "Companies" (
    "Id" uuid NOT NULL,
    "LegalName" character varying(500) NOT NULL,
    "Inn" character varying(10) NOT NULL,
    "Ogrn" character varying(13) NOT NULL,
    "Kpp" character varying(9),
    "Region" character varying(100),
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Companies" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_Companies_Inn" ON "Companies" ("Inn");

-- Existing accounts keep their rows: the new columns are nullable or have a default.
ALTER TABLE "AspNetUsers"
    ADD COLUMN "CompanyId" uuid,
    ADD COLUMN "IsDemoAccount" boolean NOT NULL DEFAULT FALSE,
    ADD CONSTRAINT "FK_AspNetUsers_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE RESTRICT;
CREATE INDEX "IX_AspNetUsers_CompanyId" ON "AspNetUsers" ("CompanyId");

CREATE TABLE "Calls" (
    "Id" uuid NOT NULL,
    "TitleRu" character varying(300) NOT NULL,
    "TitleEn" character varying(300) NOT NULL,
    "DescriptionRu" text NOT NULL,
    "DescriptionEn" text NOT NULL,
    "MaxGrant" numeric(15,2) NOT NULL CHECK ("MaxGrant" > 0 AND "MaxGrant" <= 100000000.00),
    "TotalBudget" numeric(15,2) NOT NULL CHECK ("TotalBudget" >= 0),
    "MinCoFinancingShare" numeric(5,4) NOT NULL CHECK ("MinCoFinancingShare" >= 0 AND "MinCoFinancingShare" < 1),
    "OpensAt" timestamp with time zone NOT NULL,
    "ClosesAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Calls" PRIMARY KEY ("Id"),
    CONSTRAINT "CK_Calls_Period" CHECK ("OpensAt" < "ClosesAt")
);
CREATE INDEX "IX_Calls_ClosesAt" ON "Calls" ("ClosesAt");

CREATE TABLE "OutboxEmails" (
    "Id" uuid NOT NULL,
    "To" character varying(256) NOT NULL,
    "Subject" character varying(500) NOT NULL,
    "HtmlBody" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "SentAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_OutboxEmails" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_OutboxEmails_CreatedAt" ON "OutboxEmails" ("CreatedAt") WHERE "SentAt" IS NULL;
