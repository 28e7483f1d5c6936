using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Data;

/// <summary>
/// Keeps ASP.NET Core data-protection keys in the database, so that an antiforgery token made by one
/// server instance is accepted by another.
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniOAuthDb>();
        return db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniOAuthDb>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
