using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GrantPortal.Web.Domain;
using GrantPortal.Workflows.Runtime;
using Npgsql;

namespace GrantPortal.Testing.Seeding;

/// <summary>
/// What the grant workflow and the experts leave behind for applications seeded by <see cref="ApplicationSeed"/>,
/// written by the server in set-based statements (INSERT ... SELECT over the applications, generate_series), so
/// each application is as the app would have it in its state:
/// <list type="bullet">
/// <item>its workflow instance (state, sequence, finished or not), the journal of the path that led to the state
/// (start, submit, formal check, experts assigned, reviews complete, decision...), the bookmark of the role it waits
/// for;</item>
/// <item>submitted ones: their submitted version 1, frozen from the content;</item>
/// <item>from expert review on: 4 to 8 reviews by distinct experts of the pool (about 3 per application overall),
/// scored on the call's five criteria as the review form stores them (code, score, reason), with the weighted total
/// and the recommendation; in expert review some are still offered or being written, some declined or replaced;</item>
/// <item>from "reviews complete" on: the application's score (mean total, criterion means, flags) computed from
/// its submitted reviews, as the "computeScores" step does;</item>
/// <item>approved, rejected or issued: the final decision (issued ones with their PDF's hash; the PDF itself is not
/// stored).</item>
/// </list>
/// Only applications that have no workflow instance yet are touched, so the database can grow in steps.
/// </summary>
public static class ReviewSeed
{
    /// <summary>Experts in the pool; reviews are spread evenly over them.</summary>
    public const int Experts = 200;

    private const string WorkflowId = "component-substitution-grant";

    /// <summary>The newest grant workflow as the engine records it: its version (the hash of its file) and the file.</summary>
    public static (string Version, string Content) GrantWorkflow(WorkflowCatalog catalog)
    {
        var version = catalog.LatestOf(WorkflowId).Version;
        var content = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", $"{WorkflowId}.json"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))) == version
            ? (version, content)
            : throw new InvalidOperationException("The workflow file next to this program is not the version the app loaded.");
    }

    /// <summary>The pool of experts: <paramref name="experts"/> − 1 seeded ones besides those the app created (the measured one).</summary>
    public static async Task SeedExpertsAsync(NpgsqlConnection connection, int experts, Action<string> progress, CancellationToken cancellationToken)
    {
        var expertId = ExpertIdSql("k");
        await TestSql.ExecuteAsync(connection, $"""
            INSERT INTO "AspNetUsers" ("Id", "FullName", "PreferredCulture", "CreatedAt", "UserName", "NormalizedUserName", "Email",
                "NormalizedEmail", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "IsDemoAccount")
            SELECT {expertId}, 'Эксперт ' || k, 'ru', now() - interval '3 years', 'expert' || k || '@seed.test', 'EXPERT' || k || '@SEED.TEST',
                'expert' || k || '@seed.test', 'EXPERT' || k || '@SEED.TEST', TRUE, FALSE, FALSE, TRUE, 0, FALSE
            FROM generate_series(1, {experts - 1}) AS k;
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
            SELECT {expertId}, (SELECT "Id" FROM "AspNetRoles" WHERE "NormalizedName" = '{Roles.Expert.ToUpperInvariant()}')
            FROM generate_series(1, {experts - 1}) AS k;
            INSERT INTO "ExpertProfiles" ("UserId", "Sectors", "Keywords", "AffiliationInns", "MaxOpenReviews")
            SELECT ur."UserId", ARRAY['Industry', 'Energy'], 'подшипники, редукторы, датчики', ARRAY[]::text[], 100
            FROM "AspNetUserRoles" AS ur JOIN "AspNetRoles" AS r ON r."Id" = ur."RoleId" AND r."NormalizedName" = '{Roles.Expert.ToUpperInvariant()}'
            ON CONFLICT DO NOTHING;
            """, cancellationToken);
        progress($"seeded {experts - 1} experts");
    }

    /// <param name="version">The version of the grant workflow the instances run (the app's newest).</param>
    /// <param name="content">That version's definition, recorded as the engine records it.</param>
    /// <param name="officerId">Who did the officers' steps and assigned the experts.</param>
    public static async Task SeedAsync(
        NpgsqlConnection connection, string version, string content, Guid officerId, Action<string> progress, CancellationToken cancellationToken)
    {
        var steps = new (string Name, string Sql)[]
        {
            ("the applications still without a workflow", NewApplications()),
            ("workflow instances", Instances(version, content)),
            ("workflow journals", Journal(officerId)),
            ("bookmarks", Bookmarks()),
            ("submitted versions", Versions()),
            ("reviews", Reviews(officerId)),
            ("application scores", Scores()),
            ("decisions", Decisions(officerId)),
        };
        await TestSql.ExecuteAsync(connection, "SELECT setseed(0.7)", cancellationToken);
        for (var i = 0; i < steps.Length; i++)
        {
            await TestSql.ExecuteAsync(connection, steps[i].Sql, cancellationToken);
            progress(string.Create(CultureInfo.InvariantCulture, $"seeded {steps[i].Name} ({100 * (i + 1) / steps.Length} % of the workflow and review steps)"));
        }

        await TestSql.ExecuteAsync(connection, "DROP TABLE seed_new", cancellationToken);
    }

    private static string ExpertIdSql(string number) => $"('e0000000-0000-0000-0000-' || lpad(to_hex({number}), 12, '0'))::uuid";

    // The path each state is reached by; a decision issued went through approval or rejection, as "approve" says.
    private static string NewApplications() => $$"""
        CREATE TEMP TABLE seed_new AS
        SELECT a."Id", a."CallId", a."State", a."CreatedAt", a."SubmittedAt", a."RequestedGrant", gen_random_uuid() AS instance_id, x.approve,
            CASE
                WHEN a."State" = 'Draft' THEN ARRAY['Draft']
                WHEN a."State" = 'Withdrawn' AND a."SubmittedAt" IS NULL THEN ARRAY['Draft', 'Withdrawn']
                WHEN a."State" = 'Withdrawn' THEN ARRAY['Draft', 'Submitted', 'FormalCheck', 'Withdrawn']
                WHEN a."State" = 'Submitted' THEN ARRAY['Draft', 'Submitted']
                WHEN a."State" = 'FormalCheck' THEN ARRAY['Draft', 'Submitted', 'FormalCheck']
                WHEN a."State" = 'RevisionRequested' THEN ARRAY['Draft', 'Submitted', 'FormalCheck', 'RevisionRequested']
                WHEN a."State" = 'ExpertReview' THEN ARRAY['Draft', 'Submitted', 'FormalCheck', 'ExpertReview']
                WHEN a."State" = 'ReviewsComplete' THEN ARRAY['Draft', 'Submitted', 'FormalCheck', 'ExpertReview', 'ReviewsComplete']
                WHEN a."State" = 'Decision' THEN ARRAY['Draft', 'Submitted', 'FormalCheck', 'ExpertReview', 'ReviewsComplete', 'Decision']
                WHEN a."State" IN ('Approved', 'Rejected') THEN ARRAY['Draft', 'Submitted', 'FormalCheck', 'ExpertReview', 'ReviewsComplete', 'Decision', a."State"]
                ELSE ARRAY['Draft', 'Submitted', 'FormalCheck', 'ExpertReview', 'ReviewsComplete', 'Decision',
                    CASE WHEN x.approve THEN 'Approved' ELSE 'Rejected' END, 'DecisionIssued']
            END AS path,
            -- Reviewed: 4 to 8 experts, taken from the pool at a stride that never meets the same expert twice.
            CASE WHEN a."State" IN ('ExpertReview', 'ReviewsComplete', 'Decision', 'Approved', 'Rejected', 'DecisionIssued')
                THEN 4 + floor(x.reviews * 5)::int ELSE 0 END AS review_count,
            floor(x.expert * {{Experts}})::int AS first_expert,
            -- How good the project is: the experts' scores scatter around it.
            2 + x.quality * 7 AS quality
        FROM "Applications" AS a,
        LATERAL (SELECT CASE a."State" WHEN 'Approved' THEN TRUE WHEN 'Rejected' THEN FALSE ELSE random() < 0.5 END AS approve,
            random() AS reviews, random() AS expert, random() AS quality WHERE a."Id" IS NOT NULL) AS x
        WHERE NOT EXISTS (SELECT FROM "WorkflowInstances" AS i WHERE i."DefinitionId" = '{{WorkflowId}}' AND i."SubjectId" = a."Id"::text);
        CREATE INDEX ON seed_new ("Id");
        ANALYZE seed_new;
        """;

    private static string Instances(string version, string content) => $"""
        INSERT INTO "WorkflowDefinitions" ("DefinitionId", "Version", "Content", "FirstSeenAt")
        VALUES ('{WorkflowId}', '{version}', '{content.Replace("'", "''", StringComparison.Ordinal)}', now() - interval '4 years')
        ON CONFLICT DO NOTHING;
        INSERT INTO "WorkflowInstances" ("Id", "DefinitionId", "Version", "SubjectId", "State", "Sequence", "IsFinished", "StartedAt", "UpdatedAt")
        SELECT instance_id, '{WorkflowId}', '{version}', "Id"::text, "State", cardinality(path), "State" IN ('DecisionIssued', 'Withdrawn'),
            "CreatedAt", "CreatedAt" + (cardinality(path) - 1) * interval '7 days'
        FROM seed_new;
        """;

    private static string Journal(Guid officerId) => $"""
        INSERT INTO "WorkflowJournal" ("InstanceId", "Sequence", "At", "ActorId", "ActorName", "FromState", "ToState", "Trigger", "Comment", "IdempotencyKey")
        SELECT n.instance_id, s.i, n."CreatedAt" + (s.i - 1) * interval '7 days', actor.id, actor.name, n.path[s.i - 1], n.path[s.i], t.trigger,
            CASE WHEN t.trigger = 'returnForRevision' THEN 'Приложите смету с расшифровкой по этапам.' END,
            CASE WHEN s.i = 1 THEN 'start' ELSE t.trigger || ':' || s.i END
        FROM seed_new AS n,
        LATERAL generate_subscripts(n.path, 1) AS s (i),
        LATERAL (SELECT CASE
            WHEN s.i = 1 THEN 'start'
            WHEN n.path[s.i] = 'Withdrawn' AND n.path[s.i - 1] = 'Draft' THEN 'callClosed'
            WHEN n.path[s.i] = 'Withdrawn' THEN 'withdraw'
            WHEN n.path[s.i] = 'Submitted' THEN 'submit'
            WHEN n.path[s.i] = 'FormalCheck' THEN 'startFormalCheck'
            WHEN n.path[s.i] = 'RevisionRequested' THEN 'returnForRevision'
            WHEN n.path[s.i] = 'ExpertReview' THEN 'assignExperts'
            WHEN n.path[s.i] = 'ReviewsComplete' THEN 'completeReviews'
            WHEN n.path[s.i] = 'Decision' THEN 'startDecision'
            WHEN n.path[s.i] = 'Approved' THEN 'approve'
            WHEN n.path[s.i] = 'Rejected' THEN 'reject'
            ELSE 'issueDecision' END AS trigger) AS t,
        LATERAL (SELECT CASE
            WHEN t.trigger IN ('start', 'submit', 'withdraw') THEN 'applicant'
            WHEN t.trigger IN ('callClosed', 'completeReviews', 'issueDecision') THEN 'system'
            ELSE 'officer' END AS kind) AS w,
        LATERAL (SELECT
            CASE w.kind WHEN 'applicant' THEN '{ApplicationSeed.AuthorId}' WHEN 'system' THEN 'system' ELSE '{officerId}' END AS id,
            CASE w.kind WHEN 'applicant' THEN 'Автор заявок' WHEN 'system' THEN 'System' ELSE 'Сотрудник агентства' END AS name) AS actor;
        """;

    private static string Bookmarks() => """
        INSERT INTO "WorkflowBookmarks" ("Id", "InstanceId", "State", "Role", "AssigneeId", "DueAt", "CreatedAt")
        SELECT gen_random_uuid(), n.instance_id, n."State", r.role, NULL, NULL, n."CreatedAt" + (cardinality(n.path) - 1) * interval '7 days'
        FROM seed_new AS n
        JOIN (VALUES ('Draft', 'Applicant'), ('Submitted', 'Officer'), ('FormalCheck', 'Officer'), ('RevisionRequested', 'Applicant'),
            ('ExpertReview', 'Expert'), ('ReviewsComplete', 'Officer'), ('Decision', 'Officer')) AS r (state, role) ON r.state = n."State";
        """;

    private static string Versions() => $"""
        INSERT INTO "ApplicationVersions" ("Id", "ApplicationId", "Number", "Content", "ContentHash", "SubmittedAt", "SubmittedById", "Documents")
        SELECT gen_random_uuid(), a."Id", 1, a."Content", encode(sha256(convert_to(a."Content"::text, 'UTF8')), 'hex'), a."SubmittedAt",
            '{ApplicationSeed.AuthorId}', '[]'
        FROM seed_new AS n JOIN "Applications" AS a ON a."Id" = n."Id"
        WHERE n."SubmittedAt" IS NOT NULL;
        """;

    // Each review: its status (the first of a finished review is always submitted, so every ranked application has a
    // score), then for submitted ones five scores near the project's quality, their reasons, the weighted total.
    private static string Reviews(Guid officerId)
    {
        var criteria = ApplicationSeed.Criteria;
        var scores = string.Join(", ", criteria.Select((c, i) =>
            $"jsonb_build_object('Code', '{c.Code}', 'Score', sc.s[{i + 1}], 'Reason', 'Оценка по критерию «{c.Code}»: ' || sc.s[{i + 1}] || ' из 10, обоснование приведено в заключении эксперта.')"));
        var total = string.Join(" + ", criteria.Select((c, i) => $"sc.s[{i + 1}] * {c.Weight}"));
        return $"""
            WITH pool AS (SELECT array_agg("UserId" ORDER BY "UserId") AS experts FROM "ExpertProfiles")
            INSERT INTO "Reviews" ("Id", "ApplicationId", "ExpertId", "VersionNumber", "Status", "AssignedAt", "AssignedById", "DueAt", "AcceptedAt",
                "DeclinedAt", "DeclineReason", "Scores", "Recommendation", "Summary", "Total", "SubmittedAt", "RemindersSent")
            SELECT gen_random_uuid(), n."Id", pool.experts[1 + (n.first_expert + j * 37) % cardinality(pool.experts)], 1, st.status,
                at.assigned, '{officerId}', at.assigned + interval '14 days',
                CASE WHEN st.status IN ('Accepted', 'Submitted', 'Replaced') THEN at.assigned + interval '1 day' END,
                CASE WHEN st.status = 'Declined' THEN at.assigned + interval '2 days' END,
                CASE WHEN st.status = 'Declined' THEN 'Конфликт интересов: консультировал заявителя в прошлом году.' END,
                CASE WHEN st.status = 'Submitted' THEN jsonb_build_array({scores}) ELSE '[]'::jsonb END,
                CASE WHEN st.status <> 'Submitted' THEN NULL WHEN tt.total >= 70 THEN 'Fund' WHEN tt.total >= 50 THEN 'FundWithChanges' ELSE 'DoNotFund' END,
                CASE WHEN st.status = 'Submitted'
                    THEN 'Проект технически обоснован, команда имеет опыт серийного производства; риски сроков умеренные. Итоговая оценка ' || tt.total || '.'
                    ELSE '' END,
                CASE WHEN st.status = 'Submitted' THEN tt.total END,
                CASE WHEN st.status = 'Submitted' THEN at.assigned + interval '10 days' END,
                ARRAY[]::text[]
            FROM seed_new AS n
            CROSS JOIN pool
            CROSS JOIN LATERAL generate_series(1, n.review_count) AS j
            CROSS JOIN LATERAL (SELECT random() + j * 0 AS r, random() AS due) AS x
            CROSS JOIN LATERAL (SELECT CASE
                WHEN n."State" <> 'ExpertReview' AND j = 1 THEN 'Submitted'
                WHEN x.r < 0.08 THEN 'Declined'
                WHEN x.r < 0.12 THEN 'Replaced'
                WHEN n."State" = 'ExpertReview' AND x.r < 0.17 THEN 'Offered'
                WHEN n."State" = 'ExpertReview' AND x.r < 0.24 THEN 'Accepted'
                ELSE 'Submitted' END AS status) AS st
            -- Open reviews were assigned in the last three weeks (some due soon, some overdue); the rest after submission.
            CROSS JOIN LATERAL (SELECT CASE WHEN st.status IN ('Offered', 'Accepted') THEN now() - x.due * interval '21 days'
                ELSE n."SubmittedAt" + interval '5 days' END AS assigned) AS at
            CROSS JOIN LATERAL (SELECT ARRAY(SELECT greatest(0, least(10, round(n.quality + (random() - 0.5) * 4 + k * 0)))::int
                FROM generate_series(1, {criteria.Count}) AS k) AS s) AS sc
            CROSS JOIN LATERAL (SELECT round(({total}) / 10.0, 2) AS total) AS tt
            WHERE n.review_count > 0;
            """;
    }

    // As computeScores: the mean of the submitted totals, the criterion means, a criterion mean under its threshold (4),
    // totals further apart than the call's divergence limit (20 points).
    private static string Scores()
    {
        var order = string.Join(", ", ApplicationSeed.Criteria.Select(c => $"'{c.Code}'"));
        return $"""
            WITH reviewed AS (
                SELECT r."ApplicationId", r."Total", r."Scores"
                FROM seed_new AS n JOIN "Reviews" AS r ON r."ApplicationId" = n."Id"
                WHERE n."State" IN ('ReviewsComplete', 'Decision', 'Approved', 'Rejected', 'DecisionIssued') AND r."Status" = 'Submitted'),
            means AS (
                SELECT "ApplicationId", jsonb_agg(jsonb_build_object('Code', code, 'Mean', round(mean, 2), 'BelowThreshold', mean < 4)
                    ORDER BY array_position(ARRAY[{order}], code)) AS means, bool_or(mean < 4) AS below,
                    round(avg(mean) FILTER (WHERE code = '{ApplicationSeed.Criteria[0].Code}'), 2) AS first
                FROM (SELECT "ApplicationId", e->>'Code' AS code, avg((e->>'Score')::int) AS mean
                    FROM reviewed, jsonb_array_elements("Scores") AS e GROUP BY 1, 2) AS c
                GROUP BY "ApplicationId")
            INSERT INTO "ApplicationScores" ("ApplicationId", "Score", "CriterionMeans", "BelowThreshold", "Divergent", "ReviewCount", "ComputedAt", "FirstCriterionMean")
            SELECT t."ApplicationId", round(t.score, 2), m.means, m.below, t.spread > 20, t.count, now() - interval '30 days', m.first
            FROM (SELECT "ApplicationId", avg("Total") AS score, max("Total") - min("Total") AS spread, count(*) AS count
                FROM reviewed GROUP BY "ApplicationId") AS t
            JOIN means AS m ON m."ApplicationId" = t."ApplicationId";
            """;
    }

    private static string Decisions(Guid officerId) => $"""
        INSERT INTO "Decisions" ("Id", "ApplicationId", "CallId", "Kind", "Amount", "Text", "Status", "ProposedById", "ProposedAt", "ConfirmedById",
            "DecidedAt", "Number", "VerificationCode", "PdfRequestedAt", "PdfIssuedAt", "PdfSha256")
        SELECT gen_random_uuid(), n."Id", n."CallId", CASE WHEN n.approve THEN 'Approve' ELSE 'Reject' END,
            CASE WHEN n.approve THEN n."RequestedGrant" END,
            CASE WHEN n.approve THEN 'Предоставить грант в запрошенном размере.' ELSE 'Отказать: оценка ниже проходного уровня конкурса.' END,
            'Final', '{officerId}', d.at, '{officerId}', d.at,
            'РЕШ-' || extract(year FROM d.at) || '-' || lpad(nextval('"DecisionNumbers"')::text, 6, '0'),
            upper(substr(md5(n."Id"::text), 1, 12)), d.at,
            CASE WHEN n."State" = 'DecisionIssued' THEN d.at + interval '1 minute' END,
            CASE WHEN n."State" = 'DecisionIssued' THEN encode(sha256(convert_to(n."Id"::text, 'UTF8')), 'hex') END
        FROM seed_new AS n
        CROSS JOIN LATERAL (SELECT n."CreatedAt" + 6 * interval '7 days' AS at) AS d
        WHERE n."State" IN ('Approved', 'Rejected', 'DecisionIssued');
        """;
}
