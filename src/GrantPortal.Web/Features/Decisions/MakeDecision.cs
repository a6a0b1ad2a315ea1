using System.Globalization;
using System.Security.Claims;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;
using GrantPortal.Web.Infrastructure.Localization;
using GrantPortal.Workflows.Persistence;
using GrantPortal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Features.Decisions;

/// <summary>The decision part of an application's page, for officers.</summary>
public sealed record DecisionPanel(
    GrantApplication Application, string State, int Sequence, decimal FourEyesThreshold, Decision? Proposal, string? ProposedBy, Decision? Final,
    IReadOnlyList<string> DecidedBy)
{
    public bool CanDecide => State == "Decision";
}

/// <summary>
/// Officers decide: approve an amount with conditions, or reject with reasons. An approval above the four-eyes amount
/// is first proposed and then confirmed by a different officer; everything else goes straight to the workflow, whose
/// guards check the amount, the call's budget (under a lock per call) and the four eyes again inside the transition.
/// </summary>
public sealed class MakeDecision(
    PortalDbContext db, ApplicationAccess access, WorkflowRuntime workflows, IOptions<DecisionOptions> options, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public Task<GrantApplication?> FindAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken) =>
        access.FindForStaffAsync(user, id, cancellationToken);

    /// <param name="instance">The application's workflow instance, as its page has read it.</param>
    /// <param name="decisions">The application's decisions but the withdrawn ones, as its page has read them.</param>
    public async Task<DecisionPanel> LoadAsync(
        GrantApplication application, WorkflowInstance instance, IReadOnlyList<Decision> decisions, CancellationToken cancellationToken)
    {
        var proposal = decisions.FirstOrDefault(d => d.Status == DecisionStatus.Proposed);
        var final = decisions.FirstOrDefault(d => d.Status == DecisionStatus.Final);
        var people = decisions.SelectMany(d => new[] { (Guid?)d.ProposedById, d.ConfirmedById }).OfType<Guid>().Distinct().ToList();
        // The names alone: ToDictionaryAsync's selectors run after whole user rows (password hashes included) are read.
        var names = people.Count == 0
            ? []
            : await db.Users.Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.FullName })
                .ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        return new DecisionPanel(
            application, instance.State, instance.Sequence, options.Value.FourEyesThreshold, proposal,
            proposal is null ? null : names.GetValueOrDefault(proposal.ProposedById),
            final,
            final is null ? [] : new[] { (Guid?)final.ProposedById, final.ConfirmedById }.OfType<Guid>().Select(id => names.GetValueOrDefault(id) ?? "").ToList());
    }

    /// <returns>Whether it worked, and what to tell the officer.</returns>
    public async Task<(bool Done, string Message)> ApproveAsync(
        ClaimsPrincipal user, GrantApplication application, string? amountText, string? conditions, int sequence, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (!Money.TryParse(amountText, out var money) || money.Amount <= 0 || money.Amount > application.RequestedGrant)
        {
            return (false, l["Give an amount above zero, in kopecks, and at most the requested grant."]);
        }

        if (money.Amount <= options.Value.FourEyesThreshold)
        {
            return await FireAsync(user, application, "approve", sequence, idempotencyKey, conditions,
                new() { [DecisionWorkflowSteps.AmountPayload] = money.Amount.ToString(CultureInfo.InvariantCulture) }, l["Approved."], cancellationToken);
        }

        var state = await db.WorkflowOf(application.Id).Select(i => i.State).FirstAsync(cancellationToken);
        if (state != "Decision")
        {
            return (false, l["This action is not possible now."]);
        }

        db.Decisions.Add(new Decision
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = application.Id,
            CallId = application.CallId,
            Kind = DecisionKind.Approve,
            Amount = money.Amount,
            Text = conditions?.Trim() ?? "",
            Status = DecisionStatus.Proposed,
            ProposedById = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
            ProposedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (true, l["Proposed. An approval above {0} needs a second officer to confirm it.", Formats.Roubles(options.Value.FourEyesThreshold)]);
        }
        catch (DbUpdateException)
        {
            // The unique index on open proposals: another officer proposed at the same moment.
            return (false, l["Another officer has just proposed a decision on this application. Reload the page."]);
        }
    }

    public async Task<(bool Done, string Message)> ConfirmAsync(
        ClaimsPrincipal user, GrantApplication application, Guid proposalId, int sequence, string idempotencyKey, CancellationToken cancellationToken)
    {
        var proposal = await db.Decisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == proposalId && d.ApplicationId == application.Id, cancellationToken);
        return proposal is null
            ? (false, l["This action is not possible now."])
            : await FireAsync(user, application, "approve", sequence, idempotencyKey, proposal.Text,
                new() { [DecisionWorkflowSteps.ProposalPayload] = proposalId.ToString() }, l["Approved."], cancellationToken);
    }

    public async Task<(bool Done, string Message)> WithdrawProposalAsync(GrantApplication application, Guid proposalId, CancellationToken cancellationToken)
    {
        var withdrawn = await db.Decisions
            .Where(d => d.Id == proposalId && d.ApplicationId == application.Id && d.Status == DecisionStatus.Proposed)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DecisionStatus.Withdrawn), cancellationToken);
        return withdrawn == 1 ? (true, l["The proposal is withdrawn."]) : (false, l["This action is not possible now."]);
    }

    public Task<(bool Done, string Message)> RejectAsync(
        ClaimsPrincipal user, GrantApplication application, string? reasons, int sequence, string idempotencyKey, CancellationToken cancellationToken) =>
        FireAsync(user, application, "reject", sequence, idempotencyKey, reasons, [], l["Rejected."], cancellationToken);

    private async Task<(bool Done, string Message)> FireAsync(
        ClaimsPrincipal user, GrantApplication application, string trigger, int sequence, string idempotencyKey, string? comment,
        Dictionary<string, string> payload, string done, CancellationToken cancellationToken)
    {
        var result = await workflows.FireAsync(
            await db.WorkflowOf(application.Id).Select(i => i.Id).FirstAsync(cancellationToken),
            new WorkflowSignal(trigger, $"{user.FindFirstValue(ClaimTypes.NameIdentifier)}:{idempotencyKey}", sequence,
                string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), payload),
            ApplicationAccess.Actor(user),
            cancellationToken);
        return result.Succeeded ? (true, done) : (false, string.Join(" ", result.Reasons.Select(r => l[r].Value)));
    }
}
