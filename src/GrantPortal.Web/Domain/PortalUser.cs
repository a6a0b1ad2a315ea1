using Microsoft.AspNetCore.Identity;

namespace GrantPortal.Web.Domain;

/// <summary>A person who signs in: an applicant's employee, an expert, an officer or an admin.</summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public string FullName { get; set; } = "";

    /// <summary>The company an applicant acts for; null for agency staff and experts.</summary>
    public Guid? CompanyId { get; set; }

    public Company? Company { get; set; }

    /// <summary>"ru" or "en": the language of e-mails sent to this user.</summary>
    public string PreferredCulture { get; set; } = "ru";

    /// <summary>Demo accounts are exempt from the two-factor requirement so that a demo can be tried at once.</summary>
    public bool IsDemoAccount { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <param name="roles">The user's roles, as loaded by the caller.</param>
    public bool MustUseTwoFactor(IEnumerable<string> roles) =>
        !IsDemoAccount && roles.Intersect(Roles.RequiringTwoFactor).Any();
}
