-- Decisions on applications (with four-eyes proposals) and their issued PDFs.

CREATE SEQUENCE "DecisionNumbers" START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE "Decisions" (
    "Id" uuid NOT NULL,
    "ApplicationId" uuid NOT NULL,
    "CallId" uuid NOT NULL,
    "Kind" character varying(10) NOT NULL,
    "Amount" numeric(15,2),
    "Text" character varying(8000) NOT NULL,
    "Status" character varying(10) NOT NULL,
    "ProposedById" uuid NOT NULL,
    "ProposedAt" timestamp with time zone NOT NULL,
    "ConfirmedById" uuid,
    "DecidedAt" timestamp with time zone,
    "Number" character varying(20),
    "VerificationCode" character varying(20),
    "PdfRequestedAt" timestamp with time zone,
    "PdfIssuedAt" timestamp with time zone,
    "PdfSha256" character varying(64),
    CONSTRAINT "PK_Decisions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Decisions_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Decisions_Calls_CallId" FOREIGN KEY ("CallId") REFERENCES "Calls" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Decisions_AspNetUsers_ProposedById" FOREIGN KEY ("ProposedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Decisions_AspNetUsers_ConfirmedById" FOREIGN KEY ("ConfirmedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "CK_Decisions_Amount" CHECK (("Kind" = 'Approve' AND "Amount" > 0) OR ("Kind" = 'Reject' AND "Amount" IS NULL))
);

-- One final decision per application, one open proposal at a time.
CREATE UNIQUE INDEX "IX_Decisions_ApplicationId_Final" ON "Decisions" ("ApplicationId") WHERE "Status" = 'Final';
CREATE UNIQUE INDEX "IX_Decisions_ApplicationId_Proposed" ON "Decisions" ("ApplicationId") WHERE "Status" = 'Proposed';
-- The budget check sums a call's final approvals.
CREATE INDEX "IX_Decisions_CallId_Status" ON "Decisions" ("CallId", "Status");
CREATE UNIQUE INDEX "IX_Decisions_Number" ON "Decisions" ("Number");
CREATE UNIQUE INDEX "IX_Decisions_VerificationCode" ON "Decisions" ("VerificationCode");
-- The PDF job looks only for final decisions still without their PDF.
CREATE INDEX "IX_Decisions_PdfRequestedAt" ON "Decisions" ("PdfRequestedAt") WHERE "PdfSha256" IS NULL;
CREATE INDEX "IX_Decisions_ProposedById" ON "Decisions" ("ProposedById");
CREATE INDEX "IX_Decisions_ConfirmedById" ON "Decisions" ("ConfirmedById");

CREATE TABLE "DecisionPdfs" (
    "DecisionId" uuid NOT NULL,
    "Content" bytea NOT NULL,
    CONSTRAINT "PK_DecisionPdfs" PRIMARY KEY ("DecisionId"),
    CONSTRAINT "FK_DecisionPdfs_Decisions_DecisionId" FOREIGN KEY ("DecisionId") REFERENCES "Decisions" ("Id") ON DELETE RESTRICT
);
