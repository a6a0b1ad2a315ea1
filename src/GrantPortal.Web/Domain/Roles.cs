namespace GrantPortal.Web.Domain;

public static class Roles
{
    public const string Applicant = "Applicant";
    public const string Expert = "Expert";
    public const string Officer = "Officer";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Applicant, Expert, Officer, Admin];

    /// <summary>Roles that decide on money or manage people: their accounts must use two-factor sign-in.</summary>
    public static readonly IReadOnlyList<string> RequiringTwoFactor = [Officer, Admin];

    /// <summary>Roles an admin gives by invitation; applicants register themselves.</summary>
    public static readonly IReadOnlyList<string> Invitable = [Expert, Officer, Admin];
}
