using System.Security.Cryptography;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Web.Infrastructure.Web;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>
/// Makes the PDF of each final decision that asked for one and issues it: the bytes, their SHA-256 and the workflow's
/// issueDecision transition (which tells the applicant) commit in one transaction, so a decision is issued exactly
/// once — if the process dies half-way nothing is kept and the next run does it again. The decision row is claimed
/// with SKIP LOCKED, so two app instances never make the same PDF. A failure puts the decision off for a minute.
/// </summary>
public sealed class IssueDecisionPdfs(
    PortalDbContext db, WorkflowRuntime workflows, DecisionPdf renderer, IOptions<DecisionOptions> decisions, IOptions<PortalOptions> portal,
    TimeProvider clock, IStringLocalizer<SharedResource> l, ILogger<IssueDecisionPdfs> logger)
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    /// <returns>How many decisions were issued.</returns>
    public async Task<int> IssueDueAsync(int batchSize = 20, CancellationToken cancellationToken = default)
    {
        var issued = 0;
        for (var i = 0; i < batchSize; i++)
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow().UtcDateTime;
            Guid? failed = null;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var decision = await db.Decisions
                    .FromSqlInterpolated($"""
                        SELECT *, xmin FROM "Decisions" WHERE "PdfRequestedAt" <= {now} AND "PdfSha256" IS NULL
                        ORDER BY "PdfRequestedAt" LIMIT 1 FOR UPDATE SKIP LOCKED
                        """)
                    .SingleOrDefaultAsync(cancellationToken);
                if (decision is null)
                {
                    break;
                }

                try
                {
                    await IssueAsync(decision, now, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    issued++;
                    continue;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Issuing the PDF of decision {DecisionId} failed; retrying in {Delay}", decision.Id, RetryDelay);
                    failed = decision.Id;
                }
            }

            db.ChangeTracker.Clear();
            var retryAt = now + RetryDelay;
            await db.Decisions.Where(d => d.Id == failed).ExecuteUpdateAsync(u => u.SetProperty(d => d.PdfRequestedAt, retryAt), cancellationToken);
        }

        return issued;
    }

    private async Task IssueAsync(Decision decision, DateTime now, CancellationToken cancellationToken)
    {
        var bytes = renderer.Render(await ComposeAsync(decision, cancellationToken));
        db.Set<DecisionPdfFile>().Add(new DecisionPdfFile { DecisionId = decision.Id, Content = bytes });
        decision.PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        decision.PdfIssuedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        var instance = await db.WorkflowOf(decision.ApplicationId).Select(i => i.Id).FirstAsync(cancellationToken);
        var result = await workflows.FireAsync(instance, new WorkflowSignal("issueDecision", $"issue-decision:{decision.Id}"), WorkflowActor.System, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The workflow refused to issue decision {decision.Id}: {result.Outcome} {string.Join("; ", result.Reasons)}");
        }
    }

    /// <summary>Everything the letter shows, from the decision, the submitted version it was made on and the reviews.</summary>
    private async Task<DecisionDocument> ComposeAsync(Decision decision, CancellationToken cancellationToken)
    {
        using var _ = new CultureScope("ru");
        var application = await db.Applications.AsNoTracking().Include(a => a.Company).Include(a => a.Call)
            .SingleAsync(a => a.Id == decision.ApplicationId, cancellationToken);
        var version = await SubmittedVersions.Of(db, application.Id).LastAsync(cancellationToken);
        var score = await db.ApplicationScores.AsNoTracking().SingleOrDefaultAsync(s => s.ApplicationId == application.Id, cancellationToken);
        var recommendations = await db.Reviews.AsNoTracking()
            .Where(r => r.ApplicationId == application.Id && r.Status == ReviewStatus.Submitted && r.Recommendation != null)
            .OrderBy(r => r.SubmittedAt).Select(r => r.Recommendation!.Value).ToListAsync(cancellationToken);
        var officers = await db.Users.AsNoTracking()
            .Where(u => u.Id == decision.ProposedById || u.Id == decision.ConfirmedById)
            .ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var company = application.Company!;
        var content = version.Content;
        return new DecisionDocument
        {
            AgencyName = decisions.Value.AgencyName,
            Number = decision.Number!,
            DecidedAtUtc = decision.DecidedAt!.Value,
            Applicant = new DecisionApplicant(company.LegalName, company.Inn.ToString(), company.Ogrn.ToString(), company.KnownRegion?.Name("ru") ?? company.Region ?? ""),
            ProjectTitle = application.Title,
            ImportedItem = content.Item.Name,
            TnVedCode = content.Item.TnVedCode,
            Kind = decision.Kind,
            Amount = decision.Amount,
            ConditionsOrReasons = decision.Text,
            Stages = decision.Kind == DecisionKind.Approve
                ? [.. content.Stages.Where(s => s.Start is not null && s.End is not null).Select(s => new DecisionStage(
                    s.Kind, s.Start!.Value, s.End!.Value, s.Budget.Sum(b => b.GrantAmount), s.Budget.Sum(b => b.CoFinancingAmount)))]
                : [],
            Scores = score is null ? null : new DecisionScores(
                score.Score,
                [.. application.Call!.Criteria.Select(c => new DecisionCriterion(
                    c.Name("ru"), score.CriterionMeans.FirstOrDefault(m => m.Code == c.Code)?.Mean ?? 0, c.MaxScore))],
                recommendations),
            Officers = decision.ConfirmedById is { } confirmedBy
                ? [new DecisionOfficer(l["Proposed"], officers.GetValueOrDefault(decision.ProposedById) ?? ""), new DecisionOfficer(l["Confirmed"], officers.GetValueOrDefault(confirmedBy) ?? "")]
                : [new DecisionOfficer(l["Decided"], officers.GetValueOrDefault(decision.ProposedById) ?? "")],
            VerificationUrl = $"{portal.Value.PublicBaseUrl.TrimEnd('/')}/verify/{decision.VerificationCode}",
            VerificationCode = decision.VerificationCode!,
        };
    }
}
