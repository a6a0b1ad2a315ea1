using System.ComponentModel.DataAnnotations;
using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Companies;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace GrantPortal.Web.Features.Reviews;

/// <summary>An expert's profile as a form, the same for an officer and for the expert.</summary>
public sealed class ExpertProfileForm
{
    public const int MaxKeywordsLength = 500;
    public const int MaxAffiliations = 100;

    public List<Sector> Sectors { get; set; } = [];

    /// <summary>Separated by commas.</summary>
    [Display(Name = "Keywords")]
    public string? Keywords { get; set; }

    /// <summary>One INN a line (commas and spaces also separate them).</summary>
    [Display(Name = "Organisations tied to the expert (INN)")]
    public string? Affiliations { get; set; }

    /// <summary>Only officers set it; what the expert's own form sends here is ignored.</summary>
    [Display(Name = "Open reviews at most")]
    public int? MaxOpenReviews { get; set; }

    /// <summary>The row version the form was filled from, 0 when there was no profile yet; a save over another version is refused.</summary>
    public uint Version { get; set; }

    public static ExpertProfileForm From(ExpertProfile? profile) => profile is null
        ? new ExpertProfileForm { MaxOpenReviews = ExpertProfile.DefaultMaxOpenReviews }
        : new ExpertProfileForm
        {
            Sectors = [.. profile.Sectors],
            Keywords = profile.Keywords,
            Affiliations = string.Join('\n', profile.AffiliationInns),
            MaxOpenReviews = profile.MaxOpenReviews,
            Version = profile.Version,
        };
}

/// <param name="ByOfficer">An officer edits someone's profile (and sets the load limit); else the expert edits their own.</param>
/// <param name="MaxOpenReviews">As stored: the expert sees it but does not set it.</param>
/// <param name="KnownCompanies">The form's affiliations that are companies registered on the portal, with their names.</param>
public sealed record ExpertProfilePage(
    Guid ExpertId, string FullName, string Email, bool ByOfficer, ExpertProfileForm Form, int MaxOpenReviews, ExpertLoad Load,
    IReadOnlyList<Affiliation> KnownCompanies);

/// <param name="Stored">After a conflict: the form as the profile now stands, to show instead of the posted one.</param>
public sealed record EditExpertProfileResult(IReadOnlyList<FormError> Errors, ExpertProfileForm? Stored = null);

/// <summary>
/// Edits an expert's profile: their fields (sectors and keywords), the organisations they are tied to by INN (an
/// application from one of them is a conflict of interest, so the expert is never offered it), and, for officers
/// only, how many open reviews the expert takes at once. Officers edit anyone in the expert role and experts their
/// own profile, through this one class; a missing profile is created. Two people saving at once cannot overwrite each
/// other: the second save is refused (the row version no longer matches) and shown the profile as it now stands.
/// </summary>
public sealed class EditExpertProfile(
    PortalDbContext db, UserManager<PortalUser> users, ExpertPoolList pool, IStringLocalizer<SharedResource> l)
{
    /// <param name="posted">The form to show instead of the stored profile (after a refusal).</param>
    /// <returns>Null when <paramref name="expertId"/> is not an expert.</returns>
    public async Task<ExpertProfilePage?> LoadAsync(Guid expertId, bool byOfficer, ExpertProfileForm? posted, CancellationToken cancellationToken)
    {
        if (await FindExpertAsync(expertId) is not { } expert)
        {
            return null;
        }

        var profile = await db.ExpertProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == expertId, cancellationToken);
        var form = posted ?? ExpertProfileForm.From(profile);
        var loads = await db.LoadOfAsync([expertId], cancellationToken);
        var inns = SplitInns(form.Affiliations).Distinct().ToList();
        var names = await pool.CompanyNamesAsync(inns, cancellationToken);
        return new ExpertProfilePage(
            expertId, expert.FullName, expert.Email ?? "", byOfficer, form, profile?.MaxOpenReviews ?? ExpertProfile.DefaultMaxOpenReviews,
            loads.GetValueOrDefault(expertId, ExpertLoad.None), [.. inns.Where(names.ContainsKey).Select(i => new Affiliation(i, names[i]))]);
    }

    /// <summary>What is wrong with the form, every mistake at once; also for a form that model binding has refused already.</summary>
    public IReadOnlyList<FormError> Check(ExpertProfileForm form, bool byOfficer) => Read(form, byOfficer).Errors;

    /// <returns>Null when <paramref name="expertId"/> is not an expert; otherwise why the change was refused (nothing saved), empty when saved.</returns>
    public async Task<EditExpertProfileResult?> SaveAsync(Guid expertId, bool byOfficer, ExpertProfileForm form, CancellationToken cancellationToken)
    {
        if (await FindExpertAsync(expertId) is null)
        {
            return null;
        }

        var (errors, values) = Read(form, byOfficer);
        if (errors.Count > 0)
        {
            return new EditExpertProfileResult(errors);
        }

        var profile = await db.ExpertProfiles.SingleOrDefaultAsync(p => p.UserId == expertId, cancellationToken);
        if (profile is null)
        {
            profile = new ExpertProfile { UserId = expertId };
            db.ExpertProfiles.Add(profile);
        }
        else if (form.Version == 0)
        {
            // The form was filled before anyone created the profile; someone has since.
            return await ConflictAsync(expertId, cancellationToken);
        }
        else
        {
            // The version the form was filled from, not the one just read: that is what makes the check mean something.
            db.Entry(profile).Property(p => p.Version).OriginalValue = form.Version;
        }

        profile.Sectors = values.Sectors;
        profile.Keywords = values.Keywords;
        profile.AffiliationInns = values.Inns;
        if (byOfficer)
        {
            profile.MaxOpenReviews = values.MaxOpenReviews;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(expertId, cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "PK_ExpertProfiles" })
        {
            // Two first saves at once: the other one created the profile.
            return await ConflictAsync(expertId, cancellationToken);
        }

        return new EditExpertProfileResult([]);
    }

    private async Task<PortalUser?> FindExpertAsync(Guid id) =>
        await users.FindByIdAsync(id.ToString()) is { } user && await users.IsInRoleAsync(user, Roles.Expert) ? user : null;

    private async Task<EditExpertProfileResult> ConflictAsync(Guid expertId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var stored = await db.ExpertProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == expertId, cancellationToken);
        return new EditExpertProfileResult(
            [FormError.ForForm(l["Someone else saved this expert profile while you were editing it, so your changes were not saved. The form now shows the profile as it stands: make your changes again and save."])],
            ExpertProfileForm.From(stored));
    }

    private sealed record Values(List<Sector> Sectors, string Keywords, List<string> Inns, int MaxOpenReviews);

    private (List<FormError> Errors, Values Values) Read(ExpertProfileForm form, bool byOfficer)
    {
        var errors = new List<FormError>();
        if (form.Sectors.Any(s => !Enum.IsDefined(s)))
        {
            errors.Add(new FormError(nameof(form.Sectors), l["Choose the sectors from the list."]));
        }

        var keywords = string.Join(", ", (form.Keywords ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase));
        if (keywords.Length > ExpertProfileForm.MaxKeywordsLength)
        {
            errors.Add(new FormError(nameof(form.Keywords), l["The keywords are too long: at most {0} characters, these have {1}.", ExpertProfileForm.MaxKeywordsLength, keywords.Length]));
        }

        var inns = SplitInns(form.Affiliations).Distinct().ToList();
        if (inns.Count > ExpertProfileForm.MaxAffiliations)
        {
            errors.Add(new FormError(nameof(form.Affiliations), l["At most {0} organisations can be listed.", ExpertProfileForm.MaxAffiliations]));
        }
        else
        {
            foreach (var text in inns.Where(i => !Inn.TryParse(i, out _)))
            {
                var shown = text.Length > 30 ? $"{text[..30]}…" : text;
                errors.Add(new FormError(nameof(form.Affiliations), l["Organisation «{0}»: {1}", shown, CompanyFormReader.ExplainInn(l, text)]));
            }
        }

        if (byOfficer && form.MaxOpenReviews is not (>= 1 and <= 100))
        {
            errors.Add(new FormError(nameof(form.MaxOpenReviews), l["Enter how many open reviews the expert takes at once: from 1 to 100."]));
        }

        return (errors, new Values([.. form.Sectors.Distinct().Order()], keywords, inns, form.MaxOpenReviews ?? ExpertProfile.DefaultMaxOpenReviews));
    }

    private static IEnumerable<string> SplitInns(string? text) =>
        (text ?? "").Split(['\r', '\n', ',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
