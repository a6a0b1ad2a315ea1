-- Documents attached to applications: what is known of each file, and its bytes in a table of their own so that
-- lists never read them. Each submitted version lists the documents it was submitted with.

CREATE TABLE "ApplicationDocuments" (
    "Id" uuid NOT NULL,
    "ApplicationId" uuid NOT NULL,
    "TypeCode" character varying(40) NOT NULL,
    "FileName" character varying(200) NOT NULL,
    "Kind" character varying(10) NOT NULL,
    "Size" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "UploadedAt" timestamp with time zone NOT NULL,
    "UploadedById" uuid NOT NULL,
    "RemovedAt" timestamp with time zone,
    CONSTRAINT "PK_ApplicationDocuments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ApplicationDocuments_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ApplicationDocuments_AspNetUsers_UploadedById" FOREIGN KEY ("UploadedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "CK_ApplicationDocuments_Size" CHECK ("Size" > 0)
);

CREATE TABLE "ApplicationDocumentContents" (
    "DocumentId" uuid NOT NULL,
    "Content" bytea NOT NULL,
    CONSTRAINT "PK_ApplicationDocumentContents" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "FK_ApplicationDocumentContents_ApplicationDocuments_DocumentId" FOREIGN KEY ("DocumentId") REFERENCES "ApplicationDocuments" ("Id") ON DELETE CASCADE
);

-- Files are already compressed (PDF, DOCX, XLSX, PNG, JPEG): PostgreSQL need not try again.
ALTER TABLE "ApplicationDocumentContents" ALTER COLUMN "Content" SET STORAGE EXTERNAL;

CREATE INDEX "IX_ApplicationDocuments_ApplicationId" ON "ApplicationDocuments" ("ApplicationId");
CREATE INDEX "IX_ApplicationDocuments_UploadedById" ON "ApplicationDocuments" ("UploadedById");

ALTER TABLE "ApplicationVersions" ADD COLUMN "Documents" jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE "ApplicationVersions" ALTER COLUMN "Documents" DROP DEFAULT;
