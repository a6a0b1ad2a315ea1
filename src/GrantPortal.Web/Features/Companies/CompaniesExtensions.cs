namespace GrantPortal.Web.Features.Companies;

public static class CompaniesExtensions
{
    public static void AddPortalCompanies(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CompanyProfileQuery>();
        builder.Services.AddScoped<CompanyFormReader>();
        builder.Services.AddScoped<CreateCompany>();
        builder.Services.AddScoped<EditCompany>();
        builder.Services.AddScoped<InviteColleague>();
    }
}
