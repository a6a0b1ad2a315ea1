using GrantPortal.Web.Data;
using GrantPortal.Web.Domain;

namespace GrantPortal.Web.Features.Documents;

public static class DocumentsExtensions
{
    public static void AddPortalDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DocumentOptions>(builder.Configuration.GetSection(DocumentOptions.Section));
        builder.Services.AddScoped<UploadDocument>();
        builder.Services.AddScoped<RemoveDocument>();
        builder.Services.AddScoped<DownloadDocument>();
    }

    /// <summary>The documents attached to the application now (not removed), oldest first.</summary>
    public static IQueryable<ApplicationDocument> CurrentDocuments(this PortalDbContext db, Guid applicationId) =>
        db.ApplicationDocuments.Where(d => d.ApplicationId == applicationId && d.RemovedAt == null).OrderBy(d => d.UploadedAt);
}
