namespace MiniOAuth.Server.Data.Entities;

/// <summary>An ASP.NET Core data-protection key (antiforgery tokens), shared by every instance.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; init; }
    public required string FriendlyName { get; init; }
    public required string Xml { get; init; }
}
