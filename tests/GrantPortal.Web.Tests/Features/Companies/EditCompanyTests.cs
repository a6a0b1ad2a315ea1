using System.Net;
using GrantPortal.Testing;
using GrantPortal.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantPortal.Web.Tests.Features.Companies;

public sealed class EditCompanyTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string EditPage = "/company/edit";

    private PortalAppFactory App => fixture.App;

    [Fact]
    public async Task Member_EditsTheProfile_AndTheInnAndOgrnAreShownReadOnly()
    {
        var company = await App.AddCompanyAsync();
        var (client, _) = await App.ApplicantClientAsync(company);

        var page = await client.GetDocumentAsync(EditPage);
        Assert.Null(page.QuerySelector("main form input[name=Inn]"));
        Assert.Null(page.QuerySelector("main form input[name=Ogrn]"));
        Assert.Equal(company.Inn.ToString(), page.QuerySelector("#company-inn")!.TextContent);
        Assert.Equal("63", page.QuerySelector("select[name=Region] option[selected]")!.GetAttribute("value"));

        var response = await client.SubmitFormAsync(page, new Dictionary<string, string>
        {
            ["Region"] = "77", ["Kpp"] = "7701AB001", ["ContactPhone"] = "8 495 000-00-00", ["IsSme"] = "true",
        }, "main form", EditPage);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await ReloadAsync(company.Id);
        Assert.Equal("77", stored.Region);
        Assert.Equal("7701AB001", stored.Kpp?.ToString());
        Assert.Equal("8 495 000-00-00", stored.ContactPhone);
        Assert.True(stored.IsSme);
        Assert.True(stored.UpdatedAt > company.UpdatedAt);
        Assert.Contains("г. Москва", await client.GetStringAsync("/company"));
    }

    [Theory]
    [InlineData("Inn")]
    [InlineData("Ogrn")]
    public async Task Edit_IsRefused_WhenTheRequestChangesTheInnOrOgrn(string field)
    {
        var company = await App.AddCompanyAsync();
        var (client, _) = await App.ApplicantClientAsync(company);

        var response = await client.SubmitFormAsync(EditPage, new Dictionary<string, string>
        {
            ["Region"] = "63", ["LegalName"] = company.LegalName + " (изменено)",
            [field] = field == "Inn" ? CompanyData.NewInn() : CompanyData.NewOgrn(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("ИНН и ОГРН нельзя изменить после регистрации компании. Если они указаны неверно, напишите в агентство.", page.Body!.TextContent);
        Assert.Equal(company.Inn.ToString(), page.QuerySelector("#company-inn")!.TextContent);
        var stored = await ReloadAsync(company.Id);
        Assert.Equal(company.Inn, stored.Inn);
        Assert.Equal(company.Ogrn, stored.Ogrn);
        Assert.Equal(company.LegalName, stored.LegalName);
    }

    [Fact]
    public async Task Edit_WithAnInvalidKpp_IsRefused_AndSavesNothing()
    {
        var company = await App.AddCompanyAsync();
        var (client, _) = await App.ApplicantClientAsync(company);

        var response = await client.SubmitFormAsync(EditPage, new Dictionary<string, string>
        {
            ["Region"] = "63", ["Kpp"] = "6315-0100", ["LegalName"] = company.LegalName + " (изменено)",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("КПП состоит из 9 знаков", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(company.LegalName, (await ReloadAsync(company.Id)).LegalName);
    }

    [Fact]
    public async Task TwoMembersSavingAtOnce_TheSecondIsToldOfTheConflict_AndTheFirstChangeStays()
    {
        var company = await App.AddCompanyAsync();
        var (first, _) = await App.ApplicantClientAsync(company);
        var (second, _) = await App.ApplicantClientAsync(company);
        var firstPage = await first.GetDocumentAsync(EditPage);
        var secondPage = await second.GetDocumentAsync(EditPage);

        var firstSave = await first.SubmitFormAsync(firstPage, new Dictionary<string, string>
        {
            ["Region"] = "63", ["ContactPerson"] = "Первый Сотрудник",
        }, "main form", EditPage);
        var secondSave = await second.SubmitFormAsync(secondPage, new Dictionary<string, string>
        {
            ["Region"] = "63", ["ContactPerson"] = "Второй Сотрудник",
        }, "main form", EditPage);

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondSave.StatusCode);
        var conflict = await secondSave.ParseAsync();
        Assert.Contains("Пока вы редактировали профиль компании, его сохранил коллега, поэтому ваши изменения не сохранены.", conflict.Body!.TextContent);
        Assert.Equal("Первый Сотрудник", conflict.QuerySelector("input[name=ContactPerson]")!.GetAttribute("value"));
        Assert.Equal("Первый Сотрудник", (await ReloadAsync(company.Id)).ContactPerson);

        // The conflict page carries the new version: saving from it now works.
        var retry = await second.SubmitFormAsync(conflict, new Dictionary<string, string>
        {
            ["Region"] = "63", ["ContactPerson"] = "Второй Сотрудник",
        }, "main form", EditPage);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal("Второй Сотрудник", (await ReloadAsync(company.Id)).ContactPerson);
    }

    [Fact]
    public async Task CompanyFromBeforeTheProfile_ShowsAnUnknownRegionAsNotGiven()
    {
        var company = await App.AddCompanyAsync();
        await App.WithDbAsync(db => db.Companies.Where(c => c.Id == company.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Region, "Марс").SetProperty(c => c.Address, "")));
        var (client, _) = await App.ApplicantClientAsync(company);

        var profile = await client.GetStringAsync("/company");
        var edit = await client.GetDocumentAsync(EditPage);

        Assert.DoesNotContain("Марс", profile);
        Assert.Contains("не указано", profile);
        Assert.Null(edit.QuerySelector("select[name=Region] option[selected][value='63']"));
        Assert.Equal("", edit.QuerySelector("select[name=Region]") is AngleSharp.Html.Dom.IHtmlSelectElement select ? select.Value : null);
    }

    private Task<Company> ReloadAsync(Guid id) => App.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == id));
}
