using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Calls;

public enum CallStatus
{
    Upcoming,
    Open,
    Closed,
}

/// <summary>Calls as the lists show them: open ones by nearest deadline, upcoming by opening, closed latest first.</summary>
public sealed record CallsByStatus(IReadOnlyList<GrantCall> Open, IReadOnlyList<GrantCall> Upcoming, IReadOnlyList<GrantCall> Closed);

/// <summary>One call for its page, with its status now and (for officers) who created it.</summary>
public sealed record CallPage(GrantCall Call, CallStatus Status, bool RulesFrozen, string? CreatedBy);

/// <summary>The calls for the public pages, the front page and the officers' list: one query serves them all.</summary>
public sealed class CallList(PortalDbContext db, TimeProvider clock)
{
    public async Task<CallsByStatus> LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The programme runs a handful of calls a year: loading them all is simpler than three queries.
        var calls = await db.Calls.AsNoTracking().ToListAsync(cancellationToken);
        return new CallsByStatus(
            [.. calls.Where(c => c.IsOpenAt(now)).OrderBy(c => c.ClosesAt)],
            [.. calls.Where(c => c.IsUpcomingAt(now)).OrderBy(c => c.OpensAt)],
            [.. calls.Where(c => c.IsClosedAt(now)).OrderByDescending(c => c.ClosesAt)]);
    }

    public async Task<CallPage?> LoadOneAsync(Guid id, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (call is null)
        {
            return null;
        }

        var createdBy = call.CreatedById is { } userId
            ? await db.Users.Where(u => u.Id == userId).Select(u => u.FullName).SingleOrDefaultAsync(cancellationToken)
            : null;
        var now = clock.GetUtcNow().UtcDateTime;
        return new CallPage(call, StatusOf(call, now), call.RulesAreFrozen(now), createdBy);
    }

    public static CallStatus StatusOf(GrantCall call, DateTime utcNow) =>
        call.IsUpcomingAt(utcNow) ? CallStatus.Upcoming : call.IsOpenAt(utcNow) ? CallStatus.Open : CallStatus.Closed;
}

/// <summary>A call in a list of cards (the front page, the public list).</summary>
public sealed record CallCard(GrantCall Call, CallStatus Status);
