using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Companies;

public sealed class CreateCompanyTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string NewCompany = "/company/new";

    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task ApplicantWithoutACompany_IsPromptedToRegisterOne()
    {
        var (client, _) = await App.ApplicantClientAsync();

        var home = await client.GetDocumentAsync("/");
        Assert.NotNull(home.QuerySelector("#company-prompt a[href='/company/new']"));
        Assert.NotNull(home.QuerySelector("nav a[href='/company']"));
        var profile = await client.GetAsync("/company");
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.Equal("/company/new", profile.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Create_WithValidData_RegistersTheCompany_AndMakesTheApplicantItsMember()
    {
        var (client, user) = await App.ApplicantClientAsync();
        var name = CompanyData.UniqueName();
        var form = CompanyData.ValidForm(name);

        var response = await client.SubmitFormAsync(NewCompany, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/company", response.Headers.Location!.OriginalString);
        var company = await App.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.LegalName == name));
        Assert.Equal(form["Inn"], company.Inn.ToString());
        Assert.Equal(form["Ogrn"], company.Ogrn.ToString());
        Assert.Equal("667101001", company.Kpp?.ToString());
        Assert.Equal("66", company.Region);
        Assert.Equal("Пётр Контактов", company.ContactPerson);
        Assert.Equal("+7 (343) 123-45-67", company.ContactPhone);
        Assert.Equal("contact@example.test", company.ContactEmail);
        Assert.True(company.IsSme);
        Assert.Equal(company.Id, (await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id))).CompanyId);

        // The refreshed sign-in carries the membership at once: no prompt any more.
        var home = await client.GetDocumentAsync("/");
        Assert.Null(home.QuerySelector("#company-prompt"));
        var profile = WebUtility.HtmlDecode(await client.GetStringAsync("/company"));
        Assert.Contains(name, profile);
        Assert.Contains("Свердловская область", profile);
        Assert.Contains(user.Email!, profile);
    }

    [Fact]
    public async Task RegionSelect_ListsThe89Subjects_InTheUsersLanguage()
    {
        var (client, _) = await App.ApplicantClientAsync();

        var page = await client.GetDocumentAsync(NewCompany);

        var options = page.QuerySelectorAll("select[name=Region] option[value]").Where(o => o.GetAttribute("value") != "").ToList();
        Assert.Equal(89, options.Count);
        Assert.Contains(options, o => o.GetAttribute("value") == "66" && o.TextContent == "Свердловская область");
    }

    public static TheoryData<string, string, string> RefusedValues => new()
    {
        { "Inn", "6671000018", "Такого ИНН не бывает: не сходится контрольная цифра. Проверьте номер." },
        { "Inn", "500100732259", "Это 12-значный ИНН физического лица; ИНН компании состоит из 10 цифр." },
        { "Inn", "", "Укажите ИНН." },
        { "Ogrn", "1026605000015", "Такого ОГРН не бывает: он начинается с 1 или 5 и заканчивается контрольной цифрой. Проверьте номер." },
        { "Ogrn", "102660500001", "ОГРН компании состоит из 13 цифр." },
        { "Kpp", "66710100", "КПП состоит из 9 знаков: 4 цифры, затем 2 цифры или заглавные латинские буквы, затем 3 цифры." },
        { "Region", "99", "Выберите регион из списка." },
        { "Region", "Свердловская область", "Выберите регион из списка." },
        { "ContactPhone", "звоните", "Введите номер телефона цифрами, например +7 495 123-45-67." },
        { "ContactEmail", "not-an-address", "Введите правильный адрес электронной почты." },
        { "LegalName", "", "Укажите полное наименование компании." },
    };

    [Theory]
    [MemberData(nameof(RefusedValues))]
    public async Task Create_IsRefused_WithARussianMessage_AndSavesNothing(string field, string value, string message)
    {
        var (client, user) = await App.ApplicantClientAsync();
        var form = CompanyData.ValidForm(CompanyData.UniqueName());
        form[field] = value;
        var companies = await CountCompaniesAsync();

        var response = await client.SubmitFormAsync(NewCompany, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(companies, await CountCompaniesAsync());
        Assert.Null((await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id))).CompanyId);
    }

    [Fact]
    public async Task Create_ShowsEveryMistakeAtOnce()
    {
        var (client, _) = await App.ApplicantClientAsync();
        var form = CompanyData.ValidForm(CompanyData.UniqueName());
        form["Address"] = "";
        form["Inn"] = "6671000018";
        form["Region"] = "";

        var response = await client.SubmitFormAsync(NewCompany, form);

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Укажите юридический адрес.", page);
        Assert.Contains("Такого ИНН не бывает: не сходится контрольная цифра. Проверьте номер.", page);
        Assert.Contains("Выберите регион из списка.", page);
    }

    [Fact]
    public async Task Create_WithARegisteredInn_IsRefused_WithoutShowingTheOtherCompany()
    {
        var existing = await App.AddCompanyAsync();
        var (client, user) = await App.ApplicantClientAsync();
        var form = CompanyData.ValidForm(CompanyData.UniqueName(), existing.Inn.ToString());

        var response = await client.SubmitFormAsync(NewCompany, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Компания с таким ИНН уже зарегистрирована на портале. Попросите коллегу, который работает с ней на портале, пригласить вас.", page);
        Assert.DoesNotContain(existing.LegalName, page);
        Assert.DoesNotContain(existing.Ogrn.ToString(), page);
        Assert.DoesNotContain(existing.Address, page);
        Assert.False(await App.WithDbAsync(db => db.Companies.AnyAsync(c => c.LegalName == form["LegalName"])));
        Assert.Null((await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id))).CompanyId);
    }

    [Fact]
    public async Task Member_CannotRegisterASecondCompany()
    {
        var company = await App.AddCompanyAsync();
        var (client, _) = await App.ApplicantClientAsync(company);

        var page = await client.GetAsync(NewCompany);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/company", page.Headers.Location!.OriginalString);

        // A crafted post with a token from another page.
        var form = CompanyData.ValidForm(CompanyData.UniqueName());
        var token = (await client.GetDocumentAsync("/company/edit")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync(NewCompany, new FormUrlEncodedContent([.. form, new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ваша учётная запись уже связана с компанией.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await App.WithDbAsync(db => db.Companies.AnyAsync(c => c.LegalName == form["LegalName"])));
    }

    private Task<int> CountCompaniesAsync() => App.WithDbAsync(db => db.Companies.CountAsync());
}
