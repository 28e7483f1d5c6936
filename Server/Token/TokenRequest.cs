using FluentValidation;

namespace MiniOAuth.Server.Token;

/// <summary>The parameters of a token request (RFC 6749 §4.1.3, §4.4.2, §6; RFC 7636 §4.5).</summary>
public sealed record TokenRequest(
    string? GrantType, string? Code, string? RedirectUri, string? CodeVerifier, string? RefreshToken, string? Scope)
{
    /// <summary>The first parameter sent more than once (RFC 6749 §3.2 forbids it), or null.</summary>
    public string? Repeated { get; init; }

    private static readonly string[] Names =
        ["grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "scope", "client_id", "client_secret"];

    public static TokenRequest From(IFormCollection form) =>
        new(Value(form, "grant_type"), Value(form, "code"), Value(form, "redirect_uri"),
            Value(form, "code_verifier"), Value(form, "refresh_token"), Value(form, "scope"))
        {
            Repeated = Names.FirstOrDefault(name => form[name].Count > 1),
        };

    // RFC 6749 §3.2: parameters sent without a value are treated as omitted.
    private static string? Value(IFormCollection form, string name) => form[name].ToString() is { Length: > 0 } v ? v : null;
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
