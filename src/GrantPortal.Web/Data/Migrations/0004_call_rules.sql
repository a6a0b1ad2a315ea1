-- The rules of a call: stage kinds and sectors it funds, required documents, scoring criteria, review settings,
-- and who created it. Existing calls keep working: they get every stage kind and sector, no required documents,
-- the programme's five standard criteria, two experts, fourteen days of review and a divergence limit of 20 points.
-- The defaults of the lists and of "CreatedAt" are dropped afterwards: new calls always state them.

ALTER TABLE "Calls"
    ADD COLUMN "AllowedStageKinds" text[] NOT NULL DEFAULT ARRAY['Prototype', 'Tests', 'ProductionLaunch'],
    ADD COLUMN "Sectors" text[] NOT NULL DEFAULT ARRAY['Industry', 'Transport', 'Energy', 'Infrastructure'],
    ADD COLUMN "ExpertsPerApplication" integer NOT NULL DEFAULT 2,
    ADD COLUMN "ReviewPeriodDays" integer NOT NULL DEFAULT 14,
    -- Points of the 0..100 scale of weighted totals (criterion weights are percentages adding up to 100).
    ADD COLUMN "DivergenceLimit" numeric(5,2) NOT NULL DEFAULT 20,
    ADD COLUMN "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    ADD COLUMN "CreatedById" uuid,
    ADD COLUMN "Criteria" jsonb NOT NULL DEFAULT '[
        {"Code": "technology", "NameRu": "Технологический уровень и новизна", "NameEn": "Technological level and novelty", "Weight": 25, "MaxScore": 10, "Threshold": 4},
        {"Code": "import-substitution", "NameRu": "Значимость для импортозамещения", "NameEn": "Significance for import substitution", "Weight": 25, "MaxScore": 10, "Threshold": 4},
        {"Code": "demand", "NameRu": "Подтверждённый спрос и рынок", "NameEn": "Confirmed demand and market", "Weight": 20, "MaxScore": 10, "Threshold": 4},
        {"Code": "capacity", "NameRu": "Производственный и кадровый потенциал", "NameEn": "Production and team capacity", "Weight": 15, "MaxScore": 10, "Threshold": 4},
        {"Code": "budget", "NameRu": "Обоснованность бюджета и софинансирование", "NameEn": "Budget justification and co-financing", "Weight": 15, "MaxScore": 10, "Threshold": 4}
    ]'::jsonb,
    ADD COLUMN "RequiredDocumentTypes" jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD CONSTRAINT "FK_Calls_AspNetUsers_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    ADD CONSTRAINT "CK_Calls_ExpertsPerApplication" CHECK ("ExpertsPerApplication" BETWEEN 1 AND 5),
    ADD CONSTRAINT "CK_Calls_ReviewPeriodDays" CHECK ("ReviewPeriodDays" BETWEEN 1 AND 365),
    ADD CONSTRAINT "CK_Calls_DivergenceLimit" CHECK ("DivergenceLimit" > 0 AND "DivergenceLimit" <= 100),
    ADD CONSTRAINT "CK_Calls_StageKinds" CHECK (cardinality("AllowedStageKinds") > 0),
    ADD CONSTRAINT "CK_Calls_Sectors" CHECK (cardinality("Sectors") > 0),
    ADD CONSTRAINT "CK_Calls_Criteria" CHECK (jsonb_typeof("Criteria") = 'array' AND jsonb_array_length("Criteria") > 0),
    ADD CONSTRAINT "CK_Calls_RequiredDocumentTypes" CHECK (jsonb_typeof("RequiredDocumentTypes") = 'array');

-- NOT VALID: an older call whose budget is below its grant limit stays readable; every new or edited row is checked.
ALTER TABLE "Calls" ADD CONSTRAINT "CK_Calls_Budget" CHECK ("TotalBudget" >= "MaxGrant") NOT VALID;

ALTER TABLE "Calls"
    ALTER COLUMN "AllowedStageKinds" DROP DEFAULT,
    ALTER COLUMN "Sectors" DROP DEFAULT,
    ALTER COLUMN "CreatedAt" DROP DEFAULT,
    ALTER COLUMN "Criteria" DROP DEFAULT,
    ALTER COLUMN "RequiredDocumentTypes" DROP DEFAULT;

CREATE INDEX "IX_Calls_CreatedById" ON "Calls" ("CreatedById");
