namespace MiniOAuth.Server.Data.Entities;

/// <summary>The scopes a user has allowed a client, remembered so that the consent page is shown once.</summary>
public sealed class Consent
{
    public required string UserId { get; init; }
    public required string ClientId { get; init; }
    public List<string> Scopes { get; set; } = [];
    public DateTime GrantedAt { get; set; }
}
