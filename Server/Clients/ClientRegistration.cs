using FluentValidation;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Clients;

/// <summary>What is needed to register a client.</summary>
public sealed record NewClient(
    string? Name, IReadOnlyList<string> RedirectUris, bool IsPublic,
    IReadOnlyList<string>? Grants = null, IReadOnlyList<string>? Scopes = null, bool? RequirePkce = null);

/// <summary>A registered client with its secrets, which are shown this once and stored only as hashes.</summary>
public sealed record RegisteredClient(Client Client, string? Secret, string? ApiKey);

internal sealed class NewClientValidator : AbstractValidator<NewClient>
{
    public NewClientValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.RedirectUris).NotEmpty().WithMessage("At least one redirect URI is required.");
        RuleForEach(c => c.RedirectUris).Must(RedirectUris.IsAcceptable).WithMessage(RedirectUris.Rule);
        RuleForEach(c => c.Grants).Must(g => GrantTypes.All.Contains(g)).WithMessage("Unknown grant '{PropertyValue}'.");
        RuleForEach(c => c.Scopes).Must(s => Protocol.Scopes.All.Contains(s)).WithMessage("Unknown scope '{PropertyValue}'.");
        RuleFor(c => c.Grants).Must(g => g is null || !g.Contains(GrantTypes.ClientCredentials)).When(c => c.IsPublic)
            .WithMessage("A public client cannot use client_credentials.");
        RuleFor(c => c.RequirePkce).NotEqual(false).When(c => c.IsPublic)
            .WithMessage("A public client must use PKCE (RFC 9700 §2.1.1).");
    }
}

/// <summary>Registers clients and rotates their credentials.</summary>
internal sealed class ClientRegistration(MiniOAuthDb db, TimeProvider clock)
{
    public async Task<RegisteredClient> CreateAsync(NewClient request, CancellationToken ct = default)
    {
        var secret = request.IsPublic ? null : Secrets.New();
        var apiKey = Secrets.New();
        var client = new Client
        {
            Id = Secrets.New()[..22],
            Name = request.Name!,
            IsConfidential = !request.IsPublic,
            SecretHash = secret is null ? null : Secrets.Sha256(secret),
            ApiKeyHash = Secrets.Sha256(apiKey),
            RedirectUris = [.. request.RedirectUris],
            AllowedGrants = [.. request.Grants ?? DefaultGrants(request.IsPublic)],
            AllowedScopes = [.. request.Scopes ?? Protocol.Scopes.All],
            RequirePkce = request.RequirePkce ?? true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        return new RegisteredClient(client, secret, apiKey);
    }

    private static string[] DefaultGrants(bool isPublic) => isPublic
        ? [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken]
        : [.. GrantTypes.All];
}

/// <summary>What a redirect URI may be (RFC 6749 §3.1.2, RFC 9700 §2.1, §4.1).</summary>
internal static class RedirectUris
{
    public const string Rule =
        "'{PropertyValue}' is not an acceptable redirect URI: absolute, no fragment, https (http only for localhost).";

    public static bool IsAcceptable(string uri) =>
        uri.Length <= 2048
        && Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Fragment.Length == 0
        && !uri.Contains('#')
        && (parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback));
}
