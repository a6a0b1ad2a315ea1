using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;

namespace GrantPortal.Web.Features.Calls;

public sealed record CallSaved(Guid? CallId, IReadOnlyList<FormError> Errors);

/// <summary>An officer creates a call; it shows publicly as upcoming until it opens.</summary>
public sealed class CreateCall(PortalDbContext db, CallFormReader reader, TimeProvider clock)
{
    public async Task<CallSaved> CreateAsync(CallForm form, Guid officerId, CancellationToken cancellationToken)
    {
        var call = new GrantCall { Id = Guid.CreateVersion7(), CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedById = officerId };
        var (errors, criterionRows) = reader.Read(form, call, keepMissing: false);
        if (errors.Count == 0)
        {
            errors.AddRange(reader.Explain(call.CheckRules(), call, criterionRows));
        }

        if (errors.Count > 0)
        {
            return new CallSaved(null, errors);
        }

        db.Calls.Add(call);
        await db.SaveChangesAsync(cancellationToken);
        return new CallSaved(call.Id, []);
    }
}
