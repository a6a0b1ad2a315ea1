using System.Security.Claims;
using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GrantPortal.Web.Features.Account;

/// <summary>Adds the claims the UI needs on every request, so that no page has to load the user again.</summary>
internal sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string FullNameClaim = "grantportal:full-name";

    /// <summary>Present while an officer or admin has not yet set up an authenticator app.</summary>
    public const string TwoFactorSetupRequiredClaim = "grantportal:2fa-setup-required";

    /// <summary>The id of the applicant's company, present once the applicant belongs to one. For the UI only: pages
    /// that show or change company data read the membership from the database.</summary>
    public const string CompanyClaim = "grantportal:company";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(FullNameClaim, user.FullName));
        if (user.CompanyId is { } companyId)
        {
            identity.AddClaim(new Claim(CompanyClaim, companyId.ToString()));
        }

        // The base class has already added the role claims, so the roles need not be loaded again.
        var userRoles = identity.FindAll(identity.RoleClaimType).Select(c => c.Value);
        if (!user.TwoFactorEnabled && user.MustUseTwoFactor(userRoles))
        {
            identity.AddClaim(new Claim(TwoFactorSetupRequiredClaim, "true"));
        }

        return identity;
    }
}
