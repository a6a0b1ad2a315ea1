using System.Globalization;
using System.Security.Cryptography;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Features.Audit;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>
/// The grant workflow's decision steps. An approval's signal carries either the amount (at most the four-eyes amount)
/// or the proposal a second officer confirms; the conditions or reasons are the signal's comment, so they are
/// journaled with the transition.
/// </summary>
internal static class DecisionWorkflowSteps
{
    public const string AmountPayload = "amount";

    public const string ProposalPayload = "proposal";

    public static Task<Decision?> ProposalAsync(this WorkflowContext context, CancellationToken cancellationToken)
    {
        var id = Guid.TryParse(context.Payload.GetValueOrDefault(ProposalPayload), out var proposal) ? proposal : Guid.Empty;
        var subject = Guid.Parse(context.SubjectId);
        return context.Db().Decisions.SingleOrDefaultAsync(d => d.Id == id && d.ApplicationId == subject && d.Status == DecisionStatus.Proposed, cancellationToken);
    }

    /// <summary>The amount being approved: the confirmed proposal's, or the one in the signal.</summary>
    public static async Task<decimal?> AmountAsync(this WorkflowContext context, CancellationToken cancellationToken) =>
        (await context.ProposalAsync(cancellationToken))?.Amount
        ?? (decimal.TryParse(context.Payload.GetValueOrDefault(AmountPayload), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null);
}

internal sealed class AmountWithinRequest : IWorkflowGuard
{
    public string Name => "amountWithinRequest";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var amount = await context.AmountAsync(cancellationToken);
        var application = await context.ApplicationAsync(cancellationToken);
        return amount is > 0 && amount <= application.RequestedGrant && decimal.Round(amount.Value, 2) == amount
            ? GuardResult.Pass
            : GuardResult.Fail("Give an amount above zero, in kopecks, and at most the requested grant.");
    }
}

/// <summary>
/// The call's final approvals with this one stay within its budget. The check takes a lock per call for the rest of
/// the transition's transaction, so approvals in one call are counted one after another: of two at the same moment
/// that together would pass the budget, the second is refused.
/// </summary>
internal sealed class WithinCallBudget : IWorkflowGuard
{
    public string Name => "withinCallBudget";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var db = context.Db();
        var application = await context.ApplicationAsync(cancellationToken);
        var amount = await context.AmountAsync(cancellationToken) ?? 0;
        if (db.Database.CurrentTransaction is not null)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"call-budget:" + application.CallId}, 0))", cancellationToken);
        }

        var approved = await db.Decisions
            .Where(d => d.CallId == application.CallId && d.Status == DecisionStatus.Final && d.Kind == DecisionKind.Approve)
            .SumAsync(d => d.Amount ?? 0, cancellationToken);
        return approved + amount <= application.Call!.TotalBudget
            ? GuardResult.Pass
            : GuardResult.Fail("The call's budget has no room left for this amount: other approvals took it. Reload the ranking.");
    }
}

internal sealed class FourEyes(IOptions<DecisionOptions> options) : IWorkflowGuard
{
    public string Name => "fourEyes";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var proposal = await context.ProposalAsync(cancellationToken);
        if (proposal is null)
        {
            return await context.AmountAsync(cancellationToken) is { } amount && amount > options.Value.FourEyesThreshold
                ? GuardResult.Fail("An approval of this size needs a second officer: propose it, and another officer confirms.")
                : GuardResult.Pass;
        }

        return proposal.ProposedById.ToString() != context.Actor.Id
            ? GuardResult.Pass
            : GuardResult.Fail("You proposed this approval: a different officer must confirm it.");
    }
}

internal sealed class ReasonsGiven : IWorkflowGuard
{
    public const int MinLength = 20;

    public string Name => "reasonsGiven";

    public Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        Task.FromResult((context.Comment?.Trim().Length ?? 0) >= MinLength
            ? GuardResult.Pass
            : GuardResult.Fail("Give the reasons for the rejection: at least 20 characters."));
}

internal sealed class DecisionPdfStored : IWorkflowGuard
{
    public string Name => "decisionPdfStored";

    public async Task<GuardResult> CheckAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var subject = Guid.Parse(context.SubjectId);
        return await context.Db().Decisions.AnyAsync(d => d.ApplicationId == subject && d.Status == DecisionStatus.Final && d.PdfSha256 != null, cancellationToken)
            ? GuardResult.Pass
            : GuardResult.Fail("The decision's PDF is not made yet.");
    }
}

/// <summary>Makes the decision final: numbered, with a verification code, the PDF asked for.</summary>
internal sealed class RecordDecision(TimeProvider clock) : IWorkflowEffect
{
    public string Name => "recordDecision";

    public async Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var db = context.Db();
        var application = await context.ApplicationAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = Guid.Parse(context.Actor.Id);
        var decision = await context.ProposalAsync(cancellationToken);
        if (decision is null)
        {
            decision = new Decision
            {
                Id = Guid.CreateVersion7(),
                ApplicationId = application.Id,
                CallId = application.CallId,
                Kind = context.Trigger == "reject" ? DecisionKind.Reject : DecisionKind.Approve,
                Amount = context.Trigger == "reject" ? null : await context.AmountAsync(cancellationToken),
                Text = context.Comment?.Trim() ?? "",
                ProposedById = actor,
                ProposedAt = now,
            };
            db.Decisions.Add(decision);
        }
        else
        {
            decision.ConfirmedById = actor;
        }

        var next = await db.Database
            .SqlQueryRaw<long>($"SELECT nextval('\"{PortalDbContext.DecisionNumberSequence}\"') AS \"Value\"")
            .SingleAsync(cancellationToken);
        decision.Status = DecisionStatus.Final;
        decision.DecidedAt = now;
        decision.Number = $"РЕШ-{Formats.ToMoscow(now).Year}-{next:D6}";
        decision.VerificationCode = VerificationCode();
        await context.Services.GetRequiredService<AuditLog>().DecisionMadeAsync(context, decision, cancellationToken);
    }

    // 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L): 31^12 ≈ 8·10^17, not guessable.
    private static string VerificationCode()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        return new string(RandomNumberGenerator.GetItems<char>(alphabet, 12));
    }
}

/// <summary>Asks for the decision's PDF: the background job (DecisionPdfJob) makes and issues it from then on.</summary>
internal sealed class IssueDecisionPdf(TimeProvider clock) : IWorkflowEffect
{
    public string Name => "issueDecisionPdf";

    public Task RunAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var subject = Guid.Parse(context.SubjectId);
        var decision = context.Db().Decisions.Local.Single(d => d.ApplicationId == subject && d.Status == DecisionStatus.Final);
        decision.PdfRequestedAt = clock.GetUtcNow().UtcDateTime;
        return Task.CompletedTask;
    }
}
