using System.Xml.Linq;
using GrantPortal.Web.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace GrantPortal.Web.Infrastructure.Database;

/// <summary>
/// Keeps the Data Protection key ring in PostgreSQL so that every app instance can read the cookies and
/// anti-forgery tokens of the others (the EF Core package for this is not available to us).
/// </summary>
internal sealed class DataProtectionKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
