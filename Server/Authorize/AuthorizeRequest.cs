using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.Primitives;

namespace MiniOAuth.Server.Authorize;

/// <summary>The parameters of an authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3).</summary>
public sealed record AuthorizeRequest(
    string? ResponseType,
    string? ClientId,
    string? RedirectUri,
    string? Scope,
    string? State,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? Prompt)
{
    /// <summary>The first parameter sent more than once (RFC 6749 §3.1 forbids it), or null.</summary>
    public string? Repeated { get; init; }

    // client_id and redirect_uri first: when one of them is repeated, that is the one Repeated names,
    // and the error is shown rather than redirected (AuthorizeRules).
    public static readonly string[] Names =
        ["client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method", "prompt"];

    public static AuthorizeRequest From(Func<string, StringValues> read) =>
        new(First(read, "response_type"), First(read, "client_id"), First(read, "redirect_uri"), First(read, "scope"),
            First(read, "state"), First(read, "code_challenge"), First(read, "code_challenge_method"), First(read, "prompt"))
        {
            Repeated = Names.FirstOrDefault(name => read(name).Count > 1),
        };

    /// <summary>Reads the JSON object of a scripted consent; only string values count.</summary>
    public static AuthorizeRequest From(JsonElement json) => From(name =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? new StringValues(value.GetString())
            : StringValues.Empty);

    // RFC 6749 §3.1: parameters sent without a value are treated as omitted.
    private static string? First(Func<string, StringValues> read, string name) =>
        read(name) is { Count: > 0 } values && values[0] is { Length: > 0 } value ? value : null;

    /// <summary>The parameters that were sent, to send this request again after login or from the consent form.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Sent() => new Dictionary<string, string?>
    {
        ["response_type"] = ResponseType, ["client_id"] = ClientId, ["redirect_uri"] = RedirectUri, ["scope"] = Scope,
        ["state"] = State, ["code_challenge"] = CodeChallenge, ["code_challenge_method"] = CodeChallengeMethod, ["prompt"] = Prompt,
    }.Where(p => !string.IsNullOrEmpty(p.Value));
}

/// <summary>Lengths and character sets; the protocol rules come after, in <see cref="AuthorizeRules"/>.</summary>
internal sealed class AuthorizeRequestValidator : AbstractValidator<AuthorizeRequest>
{
    public AuthorizeRequestValidator()
    {
        RuleFor(r => r.ResponseType).MaximumLength(64);
        RuleFor(r => r.ClientId).MaximumLength(200);
        RuleFor(r => r.RedirectUri).MaximumLength(2048);
        RuleFor(r => r.Scope).MaximumLength(512)
            .Matches("^[\\x21\\x23-\\x5B\\x5D-\\x7E ]*$").WithMessage("scope has characters RFC 6749 §3.3 does not allow.");
        RuleFor(r => r.State).MaximumLength(1024);
        RuleFor(r => r.CodeChallenge).MaximumLength(128);
        RuleFor(r => r.CodeChallengeMethod).MaximumLength(16);
        RuleFor(r => r.Prompt).MaximumLength(64);
        RuleFor(r => r.Repeated).Null().WithMessage(r => $"{r.Repeated} is sent more than once (RFC 6749 §3.1).");
    }
}
