using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace GrantPortal.Web.Features.Admin;

/// <summary>Lifts a lockout after too many wrong passwords, and gives the person a full set of attempts again.</summary>
public sealed class UnlockUser(UserManager<PortalUser> users)
{
    /// <returns>False when there is no such account.</returns>
    public async Task<bool> UnlockAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return false;
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return true;
    }
}
