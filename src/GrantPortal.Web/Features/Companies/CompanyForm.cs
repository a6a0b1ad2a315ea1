using System.ComponentModel.DataAnnotations;
using System.Globalization;
using GrantPortal.Web.Domain;
using GrantPortal.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace GrantPortal.Web.Features.Companies;

/// <summary>
/// The company profile as a form, for creating a company and for editing it. The INN, OGRN and KPP are checked by
/// their value types (<see cref="CompanyFormReader"/>), not by attributes, so that their rules live in one place.
/// </summary>
public sealed class CompanyForm
{
    [Required(ErrorMessage = "Enter the company's full legal name.")]
    [StringLength(500, ErrorMessage = "The legal name is too long: at most 500 characters.")]
    [Display(Name = "Legal name")]
    public string? LegalName { get; set; }

    /// <summary>Typed when the company is created; on editing it can only be shown, and a changed one is refused.</summary>
    [Display(Name = "INN")]
    public string? Inn { get; set; }

    /// <summary>As <see cref="Inn"/>.</summary>
    [Display(Name = "OGRN")]
    public string? Ogrn { get; set; }

    [Display(Name = "KPP")]
    public string? Kpp { get; set; }

    /// <summary>A code of <see cref="RussianRegions"/>.</summary>
    [Display(Name = "Region")]
    public string? Region { get; set; }

    [Required(ErrorMessage = "Enter the legal address.")]
    [StringLength(500, ErrorMessage = "The address is too long: at most 500 characters.")]
    [Display(Name = "Legal address")]
    public string? Address { get; set; }

    [Required(ErrorMessage = "Enter the contact person.")]
    [StringLength(200, ErrorMessage = "The name is too long.")]
    [Display(Name = "Contact person")]
    public string? ContactPerson { get; set; }

    [Required(ErrorMessage = "Enter the contact phone number.")]
    [RegularExpression(@"^\+?[0-9][0-9 ()\-]{4,49}$", ErrorMessage = "Enter the phone number in digits, for example +7 495 123-45-67.")]
    [Display(Name = "Contact phone")]
    public string? ContactPhone { get; set; }

    [Required(ErrorMessage = "Enter the contact e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(256, ErrorMessage = "The e-mail address is too long.")]
    [Display(Name = "Contact e-mail")]
    public string? ContactEmail { get; set; }

    [Display(Name = "The company is a small or medium-sized enterprise (listed in the SME register)")]
    public bool IsSme { get; set; }

    /// <summary>The row version the form was filled from; a save over a newer version is refused.</summary>
    public uint Version { get; set; }

    public static CompanyForm FromCompany(Company company) => new()
    {
        LegalName = company.LegalName,
        Inn = company.Inn.ToString(),
        Ogrn = company.Ogrn.ToString(),
        Kpp = company.Kpp?.ToString(),
        // A region kept from before the codes shows as not chosen, so that saving asks for one from the list.
        Region = company.KnownRegion?.Code,
        Address = company.Address,
        ContactPerson = company.ContactPerson,
        ContactPhone = company.ContactPhone,
        ContactEmail = company.ContactEmail,
        IsSme = company.IsSme,
        Version = company.Version,
    };

    /// <summary>The 89 subjects named in <paramref name="language"/>, in alphabetical order.</summary>
    public static IEnumerable<SelectListItem> RegionOptions(string language)
    {
        var comparer = StringComparer.Create(CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "ru-RU"), ignoreCase: true);
        return RussianRegions.All
            .Select(r => new SelectListItem(r.Name(language), r.Code))
            .OrderBy(item => item.Text, comparer);
    }
}

/// <summary>Reads a <see cref="CompanyForm"/> onto a company, explaining in the user's language what it refused.</summary>
public sealed class CompanyFormReader(IStringLocalizer<SharedResource> l)
{
    /// <summary>The INN and OGRN of a new company; errors are added for what the value types refuse.</summary>
    public (Inn? Inn, Ogrn? Ogrn) ReadNumbers(CompanyForm form, List<FormError> errors)
    {
        if (!Domain.Inn.TryParse(form.Inn, out var inn))
        {
            errors.Add(new FormError(nameof(form.Inn), ExplainInn(l, form.Inn?.Trim() ?? "")));
        }

        if (!Domain.Ogrn.TryParse(form.Ogrn, out var ogrn))
        {
            errors.Add(new FormError(nameof(form.Ogrn), ExplainOgrn(form.Ogrn?.Trim() ?? "")));
        }

        return (inn, ogrn);
    }

    /// <summary>
    /// What the value types refuse, for a form that the attributes have refused already: so that the person sees every
    /// mistake at once, not the INN's only after fixing the address.
    /// </summary>
    public List<FormError> Explain(CompanyForm form, bool isNew)
    {
        var errors = new List<FormError>();
        if (isNew)
        {
            ReadNumbers(form, errors);
        }

        CheckDetails(form, errors);
        return errors;
    }

    /// <summary>Checks the fields that may change after creation and, when all are valid, copies them onto <paramref name="company"/>.</summary>
    public void ReadDetails(CompanyForm form, Company company, List<FormError> errors, DateTime now)
    {
        var before = errors.Count;
        var (kpp, region) = CheckDetails(form, errors);
        if (errors.Count > before)
        {
            return;
        }

        company.LegalName = form.LegalName!.Trim();
        company.Kpp = kpp;
        company.Region = region!.Code;
        company.Address = form.Address!.Trim();
        company.ContactPerson = form.ContactPerson!.Trim();
        company.ContactPhone = form.ContactPhone!.Trim();
        company.ContactEmail = form.ContactEmail!.Trim();
        company.IsSme = form.IsSme;
        company.UpdatedAt = now;
    }

    private (Kpp? Kpp, RussianRegion? Region) CheckDetails(CompanyForm form, List<FormError> errors)
    {
        if (!Domain.Kpp.TryParse(form.Kpp, out var kpp))
        {
            errors.Add(new FormError(nameof(form.Kpp), string.IsNullOrWhiteSpace(form.Kpp)
                ? l["Enter the KPP."]
                : l["A KPP has 9 characters: 4 digits, then 2 digits or capital Latin letters, then 3 digits."]));
        }

        var region = RussianRegions.Find(form.Region);
        if (region is null)
        {
            errors.Add(new FormError(nameof(form.Region), l["Choose the region from the list."]));
        }

        return (kpp, region);
    }

    // The value type has already refused the number; these only choose the most helpful message. The INN's is also
    // the experts' pool's, for the organisations an expert is tied to.
    internal static string ExplainInn(IStringLocalizer l, string input) => input switch
    {
        "" => l["Enter the INN."],
        _ when input.AsSpan().ContainsAnyExceptInRange('0', '9') => l["An INN has digits only."],
        { Length: 12 } => l["This is a 12-digit INN of an individual; a company's INN has 10 digits."],
        { Length: not 10 } => l["A company's INN has 10 digits."],
        _ => l["This INN is not valid: its check digit does not match. Check the number."],
    };

    private string ExplainOgrn(string input) => input switch
    {
        "" => l["Enter the OGRN."],
        _ when input.AsSpan().ContainsAnyExceptInRange('0', '9') => l["An OGRN has digits only."],
        { Length: 15 } => l["This is a 15-digit OGRNIP of an individual entrepreneur; a company's OGRN has 13 digits."],
        { Length: not 13 } => l["A company's OGRN has 13 digits."],
        _ => l["This OGRN is not valid: it starts with 1 or 5 and ends with a check digit. Check the number."],
    };
}
