using FluentValidation;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.Clients;

/// <summary>
/// What is needed to register a client, or to change one (its type, and whether it is a resource
/// server, then stay as they were).
/// </summary>
public sealed record NewClient(
    string? Name, IReadOnlyList<string> RedirectUris, bool IsPublic,
    IReadOnlyList<string>? Grants = null, IReadOnlyList<string>? Scopes = null, bool? RequirePkce = null,
    bool IsResourceServer = false);

internal sealed class NewClientValidator : AbstractValidator<NewClient>
{
    public const int MaxNameLength = 100;
    public const int MaxRedirectUris = 20;

    public NewClientValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Give the client a name.")
            .MaximumLength(MaxNameLength).WithMessage($"The name has at most {MaxNameLength} characters.");
        RuleFor(c => c.RedirectUris).NotEmpty().When(c => !c.IsResourceServer).WithMessage("At least one redirect URI is required.")
            .Must(uris => uris.Count <= MaxRedirectUris).WithMessage($"At most {MaxRedirectUris} redirect URIs.");
        RuleForEach(c => c.RedirectUris).Must(RedirectUris.IsAcceptable).WithMessage(RedirectUris.Rule);
        RuleFor(c => c.Grants).Must(g => g is null || g.Count > 0).When(c => !c.IsResourceServer).WithMessage("Choose at least one grant.");
        RuleForEach(c => c.Grants).Must(g => GrantTypes.All.Contains(g)).WithMessage("Unknown grant '{PropertyValue}'.");
        RuleForEach(c => c.Scopes).Must(s => Protocol.Scopes.All.Contains(s)).WithMessage("Unknown scope '{PropertyValue}'.");
        RuleFor(c => c.Grants).Must(g => g is null || !g.Contains(GrantTypes.ClientCredentials)).When(c => c.IsPublic)
            .WithMessage("A public client cannot use client_credentials.");
        RuleFor(c => c.RequirePkce).NotEqual(false).When(c => c.IsPublic)
            .WithMessage("A public client must use PKCE (RFC 9700 §2.1.1).");

        // A resource server is an API that checks tokens (RFC 7662 §2.1): it authenticates to introspect,
        // and signs in no users, so it has nowhere to redirect to and no user grant to use.
        RuleFor(c => c.IsPublic).Equal(false).When(c => c.IsResourceServer)
            .WithMessage("A resource server is a confidential client: it authenticates with its secret to introspect tokens.");
        RuleFor(c => c.RedirectUris).Empty().When(c => c.IsResourceServer)
            .WithMessage("A resource server has no redirect URIs: it signs in no users.");
        RuleForEach(c => c.Grants).Equal(GrantTypes.ClientCredentials).When(c => c.IsResourceServer)
            .WithMessage("A resource server has no user grants; it may only use client_credentials.");
    }
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
