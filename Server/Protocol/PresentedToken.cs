using FluentValidation;

namespace MiniOAuth.Server.Protocol;

/// <summary>
/// The token a client presents for revocation (RFC 7009 §2.1) or introspection (RFC 7662 §2.1), with
/// its optional <c>token_type_hint</c>.
/// </summary>
public sealed record PresentedToken(string? Token, string? TypeHint)
{
    private static readonly string[] Names = ["token", "token_type_hint", "client_id", "client_secret"];

    /// <summary>The first parameter sent more than once (RFC 6749 §3.2 forbids it), or null.</summary>
    public string? Repeated { get; init; }

    /// <summary>
    /// RFC 7009 §2.1: the hint only says where to look first; a token not found as the hinted type is
    /// looked up as the other. An unknown hint is ignored, as the server tells the types apart itself.
    /// </summary>
    public bool AccessTokenFirst => TypeHint == "access_token";

    public static PresentedToken From(IFormCollection form) =>
        new(ProtocolForm.Value(form, "token"), ProtocolForm.Value(form, "token_type_hint"))
        {
            Repeated = Names.FirstOrDefault(name => form[name].Count > 1),
        };
}

internal sealed class PresentedTokenValidator : AbstractValidator<PresentedToken>
{
    public PresentedTokenValidator()
    {
        RuleFor(r => r.Repeated).Null().WithMessage(r => $"{r.Repeated} is sent more than once (RFC 6749 §3.2).");
        // No length limit on the token: an over-long one is merely not a token of ours (RFC 7009 §2.2: 200).
        RuleFor(r => r.Token).NotNull().WithMessage("token is required.");
    }
}
