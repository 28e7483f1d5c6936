using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Protocol;
using MiniOAuth.Server.Token.Grants;

namespace MiniOAuth.Server.Token;

/// <summary>The token endpoint, RFC 6749 §3.2: authenticate the client, then run its grant.</summary>
internal static class TokenEndpoints
{
    public static void MapToken(this IEndpointRouteBuilder app) =>
        app.MapPost("/oauth/token", Token).RequireRateLimiting(RateLimiting.PerClient).RequireCors(Cors.PublicClients);

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> Token(
        HttpContext context, IValidator<TokenRequest> validator, AuthorizationCodeGrant authorizationCode,
        RefreshTokenGrant refreshToken, ClientCredentialsGrant clientCredentials)
    {
        // RFC 6749 §5.1: token responses must not be cached. Errors neither: they may name a code.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";

        var (client, request, error) = await ProtocolForm.ReadAsync(context, TokenRequest.From, validator, clientFirst: false);
        if (client is null)
        {
            return ProtocolForm.Error(context, error!);
        }

        // RFC 6749 §5.2: a grant type we do not know, or that this client was not given.
        if (!GrantTypes.All.Contains(request!.GrantType))
        {
            return ProtocolForm.Error(context, new OAuthError(Errors.UnsupportedGrantType, $"grant_type '{request.GrantType}' is not supported."));
        }

        if (!client.AllowedGrants.Contains(request.GrantType!))
        {
            return ProtocolForm.Error(context, OAuthError.UnauthorizedClient($"This client may not use grant_type '{request.GrantType}'."));
        }

        var ct = context.RequestAborted;
        var result = request.GrantType switch
        {
            GrantTypes.AuthorizationCode => await authorizationCode.HandleAsync(request, client, ct),
            GrantTypes.RefreshToken => await refreshToken.HandleAsync(request, client, ct),
            _ => await clientCredentials.HandleAsync(request, client, ct),
        };
        return result.Tokens is { } tokens ? TypedResults.Ok(tokens) : ProtocolForm.Error(context, result.Error!);
    }
}

/// <summary>The parameters of a token request (RFC 6749 §4.1.3, §4.4.2, §6; RFC 7636 §4.5).</summary>
public sealed record TokenRequest(
    string? GrantType, string? Code, string? RedirectUri, string? CodeVerifier, string? RefreshToken, string? Scope)
{
    /// <summary>The first parameter sent more than once (RFC 6749 §3.2 forbids it), or null.</summary>
    public string? Repeated { get; init; }

    private static readonly string[] Names =
        ["grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "scope", "client_id", "client_secret"];

    public static TokenRequest From(IFormCollection form) =>
        new(ProtocolForm.Value(form, "grant_type"), ProtocolForm.Value(form, "code"), ProtocolForm.Value(form, "redirect_uri"),
            ProtocolForm.Value(form, "code_verifier"), ProtocolForm.Value(form, "refresh_token"), ProtocolForm.Value(form, "scope"))
        {
            Repeated = Names.FirstOrDefault(name => form[name].Count > 1),
        };
}

internal sealed class TokenRequestValidator : AbstractValidator<TokenRequest>
{
    public TokenRequestValidator()
    {
        RuleFor(r => r.Repeated).Null().WithMessage(r => $"{r.Repeated} is sent more than once (RFC 6749 §3.2).");
        RuleFor(r => r.GrantType).NotNull().WithMessage("grant_type is required.").MaximumLength(64);
        RuleFor(r => r.Code).MaximumLength(128);
        RuleFor(r => r.RedirectUri).MaximumLength(2048);
        RuleFor(r => r.CodeVerifier).MaximumLength(128);
        RuleFor(r => r.RefreshToken).MaximumLength(128);
        RuleFor(r => r.Scope).MaximumLength(512);
    }
}

/// <summary>A successful token response, RFC 6749 §5.1.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("scope")] string? Scope)
{
    [JsonPropertyName("token_type")]
    public string TokenType => "Bearer";
}

/// <summary>What a grant answers: tokens, or an RFC 6749 §5.2 error.</summary>
internal sealed record GrantResult(TokenResponse? Tokens, OAuthError? Error)
{
    public static implicit operator GrantResult(TokenResponse tokens) => new(tokens, null);
    public static implicit operator GrantResult(OAuthError error) => new(null, error);
}
