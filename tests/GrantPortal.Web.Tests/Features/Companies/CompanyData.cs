using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Companies;

/// <summary>Valid, unique company numbers and companies arranged straight in the database.</summary>
internal static class CompanyData
{
    private static readonly int[] InnWeights = [2, 4, 10, 3, 5, 9, 4, 6, 8];

    /// <summary>A random INN with a correct check digit (clashes between tests are as unlikely as one in 10⁹).</summary>
    public static string NewInn()
    {
        var digits = string.Concat(Enumerable.Range(0, 9).Select(i => i == 0 ? Random.Shared.Next(1, 10) : Random.Shared.Next(10)));
        var sum = digits.Select((d, i) => InnWeights[i] * (d - '0')).Sum();
        return digits + sum % 11 % 10;
    }

    public static string NewOgrn()
    {
        var first12 = "1" + string.Concat(Enumerable.Range(0, 11).Select(_ => Random.Shared.Next(10)));
        return first12 + long.Parse(first12) % 11 % 10;
    }

    /// <summary>Every field of the creation form, valid.</summary>
    public static Dictionary<string, string> ValidForm(string legalName, string? inn = null) => new()
    {
        ["LegalName"] = legalName,
        ["Inn"] = inn ?? NewInn(),
        ["Ogrn"] = NewOgrn(),
        ["Kpp"] = "667101001",
        ["Region"] = "66",
        ["Address"] = "620014, г. Екатеринбург, ул. Малышева, д. 1",
        ["ContactPerson"] = "Пётр Контактов",
        ["ContactPhone"] = "+7 (343) 123-45-67",
        ["ContactEmail"] = "contact@example.test",
        ["IsSme"] = "true",
    };

    public static string UniqueName() => $"ООО «Тест {Guid.NewGuid():N}»";

    public static async Task<Company> AddCompanyAsync(this PortalAppFactory app, string? legalName = null)
    {
        var company = new Company
        {
            Id = Guid.NewGuid(),
            LegalName = legalName ?? UniqueName(),
            Inn = Inn.Parse(NewInn()),
            Ogrn = Ogrn.Parse(NewOgrn()),
            Kpp = Kpp.Parse("631501001"),
            Region = "63",
            Address = "443001, г. Самара, ул. Куйбышева, д. 1",
            ContactPerson = "Мария Контактова",
            ContactPhone = "+7 846 000-00-02",
            ContactEmail = "b@example.test",
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        await app.WithDbAsync(async db =>
        {
            db.Companies.Add(company);
            return await db.SaveChangesAsync();
        });
        return company;
    }

    /// <summary>A signed-in applicant who is a member of <paramref name="company"/> (or of none).</summary>
    public static async Task<(HttpClient Client, PortalUser User)> ApplicantClientAsync(this PortalAppFactory app, Company? company = null)
    {
        var user = await app.CreateUserAsync(Roles.Applicant);
        if (company is not null)
        {
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.CompanyId, company.Id)));
        }

        var client = app.CreatePortalClient();
        await client.LoginAsync(user.Email!);
        return (client, user);
    }
}
