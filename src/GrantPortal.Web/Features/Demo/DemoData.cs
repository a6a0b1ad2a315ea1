using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Features.Demo;

/// <summary>
/// Fills a demo (<c>--seed-demo</c>): one open call with the programme's usual rules and one account per role, all with <see cref="Password"/>.
/// Running it again changes nothing. Refused outside Development, so it can never create known passwords in production.
/// </summary>
public static class DemoData
{
    public const string Switch = "--seed-demo";
    public const string Password = "Demo-Grant-2026!";

    public static readonly Guid CallId = Guid.Parse("c0000000-0000-0000-0000-000000000001");

    private static readonly Company CompanyA = new()
    {
        Id = Guid.Parse("b0000000-0000-0000-0000-00000000000a"),
        LegalName = "ООО «Уральские подшипники»",
        Inn = Inn.Parse("6671000017"),
        Ogrn = Ogrn.Parse("1026605000014"),
        Kpp = Kpp.Parse("667101001"),
        Region = "66",
        Address = "620014, г. Екатеринбург, ул. Малышева, д. 1",
        ContactPerson = "Алексей Заявителев",
        ContactPhone = "+7 343 000-00-01",
        ContactEmail = "applicant1@grantportal.test",
        IsSme = true,
    };

    private static readonly Company CompanyB = new()
    {
        Id = Guid.Parse("b0000000-0000-0000-0000-00000000000b"),
        LegalName = "АО «Волжские композиты»",
        Inn = Inn.Parse("6315000012"),
        Ogrn = Ogrn.Parse("1026300000011"),
        Kpp = Kpp.Parse("631501001"),
        Region = "63",
        Address = "443001, г. Самара, ул. Куйбышева, д. 1",
        ContactPerson = "Мария Заявителева",
        ContactPhone = "+7 846 000-00-02",
        ContactEmail = "applicant2@grantportal.test",
    };

    public static readonly IReadOnlyList<(string Email, string FullName, string Role, Company? Company)> Accounts =
    [
        ("admin@grantportal.test", "Анна Администраторова", Roles.Admin, null),
        ("officer1@grantportal.test", "Олег Первый", Roles.Officer, null),
        ("officer2@grantportal.test", "Ольга Вторая", Roles.Officer, null),
        ("expert1@grantportal.test", "Эдуард Экспертов", Roles.Expert, null),
        ("expert2@grantportal.test", "Елена Оценщикова", Roles.Expert, null),
        ("expert3@grantportal.test", "Евгений Рецензентов", Roles.Expert, null),
        ("applicant1@grantportal.test", "Алексей Заявителев", Roles.Applicant, CompanyA),
        ("applicant2@grantportal.test", "Мария Заявителева", Roles.Applicant, CompanyB),
    ];

    /// <returns>False when refused (outside Development).</returns>
    public static async Task<bool> SeedDemoDataAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Straight to the console: the process ends at once, before the logger's queue would be written out.
            Console.Error.WriteLine($"{Switch} is refused outside Development: it creates accounts with a published password.");
            return false;
        }

        using var scope = app.Services.CreateScope();
        await SeedAsync(scope.ServiceProvider);
        app.Logger.LogInformation("Demo data is ready: sign in as any demo account with the password {Password}", Password);
        return true;
    }

    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        foreach (var company in new[] { CompanyA, CompanyB })
        {
            if (!await db.Companies.AnyAsync(c => c.Id == company.Id))
            {
                db.Companies.Add(new Company
                {
                    Id = company.Id, LegalName = company.LegalName, Inn = company.Inn, Ogrn = company.Ogrn,
                    Kpp = company.Kpp, Region = company.Region, Address = company.Address,
                    ContactPerson = company.ContactPerson, ContactPhone = company.ContactPhone,
                    ContactEmail = company.ContactEmail, IsSme = company.IsSme, CreatedAt = now, UpdatedAt = now,
                });
            }
        }

        if (!await db.Calls.AnyAsync(c => c.Id == CallId))
        {
            db.Calls.Add(new GrantCall
            {
                Id = CallId,
                TitleRu = "Компонентозамещение 2026: разработка и запуск производства комплектующих",
                TitleEn = "Component substitution 2026: developing and launching production of components",
                DescriptionRu = "Гранты до 100 млн рублей на разработку опытных образцов, проведение испытаний и запуск производства отечественных комплектующих взамен импортных.",
                DescriptionEn = "Grants of up to 100 million roubles for prototypes, tests and production launch of domestic components replacing imported ones.",
                MaxGrant = GrantCall.GrantCeiling,
                TotalBudget = 1_500_000_000.00m,
                MinCoFinancingShare = 0.2m,
                OpensAt = now.AddDays(-7),
                // 18:00 Moscow time, sixty days on: deadlines are set on the hour, as the agency does.
                ClosesAt = now.Date.AddDays(60).AddHours(15),
                AllowedStageKinds = [StageKind.Prototype, StageKind.Tests, StageKind.ProductionLaunch],
                Sectors = [Sector.Industry, Sector.Transport, Sector.Energy, Sector.Infrastructure],
                RequiredDocumentTypes =
                [
                    new() { Code = "business-plan", NameRu = "Бизнес-план", NameEn = "Business plan" },
                    new() { Code = "feasibility-study", NameRu = "Технико-экономическое обоснование", NameEn = "Feasibility study" },
                    new() { Code = "letters-of-intent", NameRu = "Письма о намерениях покупателей", NameEn = "Buyers' letters of intent" },
                    new() { Code = "financial-statements", NameRu = "Бухгалтерская отчётность за последний год", NameEn = "Financial statements for the last year" },
                ],
                Criteria =
                [
                    new() { Code = "technology", NameRu = "Технологический уровень и новизна", NameEn = "Technological level and novelty", Weight = 25m, MaxScore = 10, Threshold = 5m },
                    new() { Code = "import-substitution", NameRu = "Значимость для импортозамещения", NameEn = "Significance for import substitution", Weight = 25m, MaxScore = 10, Threshold = 5m },
                    new() { Code = "demand", NameRu = "Подтверждённый спрос и рынок", NameEn = "Confirmed demand and market", Weight = 20m, MaxScore = 10, Threshold = 4m },
                    new() { Code = "capacity", NameRu = "Производственный и кадровый потенциал", NameEn = "Production and team capacity", Weight = 15m, MaxScore = 10, Threshold = 4m },
                    new() { Code = "budget", NameRu = "Обоснованность бюджета и софинансирование", NameEn = "Budget justification and co-financing", Weight = 15m, MaxScore = 10, Threshold = 3m },
                ],
                ExpertsPerApplication = 2,
                ReviewPeriodDays = 14,
                DivergenceLimit = 20m,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync();

        foreach (var (email, fullName, role, company) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new PortalUser
            {
                UserName = email, Email = email, EmailConfirmed = true, FullName = fullName,
                CompanyId = company?.Id, IsDemoAccount = true, CreatedAt = now,
            };
            Check(await users.CreateAsync(user, Password), email);
            Check(await users.AddToRoleAsync(user, role), email);
        }

        foreach (var (email, profile) in ExpertProfiles)
        {
            var expert = await users.FindByEmailAsync(email);
            if (!await db.ExpertProfiles.AnyAsync(p => p.UserId == expert!.Id))
            {
                db.ExpertProfiles.Add(new ExpertProfile
                {
                    UserId = expert!.Id, Sectors = profile.Sectors, Keywords = profile.Keywords, AffiliationInns = profile.AffiliationInns,
                    MaxOpenReviews = profile.MaxOpenReviews,
                });
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The demo experts' fields; the third is tied to company A (its INN), so is never offered A's applications.</summary>
    private static readonly IReadOnlyList<(string Email, ExpertProfile Profile)> ExpertProfiles =
    [
        ("expert1@grantportal.test", new() { Sectors = [Sector.Transport, Sector.Industry], Keywords = "подшипники, вагоны, металлообработка", MaxOpenReviews = 5 }),
        ("expert2@grantportal.test", new() { Sectors = [Sector.Transport, Sector.Energy], Keywords = "композиты, испытания", MaxOpenReviews = 5 }),
        ("expert3@grantportal.test", new() { Sectors = [Sector.Industry], Keywords = "подшипники", AffiliationInns = ["6671000017"], MaxOpenReviews = 3 }),
    ];

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
