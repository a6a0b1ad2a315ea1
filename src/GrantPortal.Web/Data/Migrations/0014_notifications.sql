-- Notifications (the bell, and what e-mails them), each person's choices per kind, and the outbox's lease.

CREATE TABLE "Notifications" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Kind" character varying(30) NOT NULL,
    "Subject" character varying(500) NOT NULL,
    "Text" character varying(4000) NOT NULL,
    "Link" character varying(500),
    "CreatedAt" timestamp with time zone NOT NULL,
    "ReadAt" timestamp with time zone,
    "Channel" character varying(10) NOT NULL,
    "EmailedAt" timestamp with time zone,
    CONSTRAINT "PK_Notifications" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Notifications_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
-- The bell counts a person's unread rows on every page; the list shows them newest first.
CREATE INDEX "IX_Notifications_UserId_ReadAt" ON "Notifications" ("UserId", "ReadAt");
CREATE INDEX "IX_Notifications_UserId_CreatedAt" ON "Notifications" ("UserId", "CreatedAt");
-- The daily digest looks only for unread rows it has still to e-mail.
CREATE INDEX "IX_Notifications_DigestPending" ON "Notifications" ("UserId")
    WHERE "Channel" = 'Digest' AND "EmailedAt" IS NULL AND "ReadAt" IS NULL;

CREATE TABLE "NotificationPreferences" (
    "UserId" uuid NOT NULL,
    "Kind" character varying(30) NOT NULL,
    "Channel" character varying(10) NOT NULL,
    CONSTRAINT "PK_NotificationPreferences" PRIMARY KEY ("UserId", "Kind"),
    CONSTRAINT "FK_NotificationPreferences_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

-- A sender claims an e-mail by moving its next attempt past a lease before sending; a failure moves it by the back-off.
ALTER TABLE "OutboxEmails" ADD COLUMN "NextAttemptAt" timestamp with time zone;
