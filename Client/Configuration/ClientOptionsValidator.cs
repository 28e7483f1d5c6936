using Microsoft.Extensions.Options;

namespace MiniOAuth.Client.Configuration;

/// <summary>Refuses to start with a configuration that could not work, and says which key is wrong.</summary>
internal sealed class ClientOptionsValidator : IValidateOptions<ClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientOptions options)
    {
        var failures = new List<string>();
        RequireAbsolute(failures, nameof(options.Authority), options.Authority);
        RequireAbsolute(failures, nameof(options.RedirectUri), options.RedirectUri);
        RequireAbsolute(failures, nameof(options.PostLogoutRedirectUri), options.PostLogoutRedirectUri);
        RequireText(failures, nameof(options.ClientId), options.ClientId);
        RequireText(failures, nameof(options.ClientSecret), options.ClientSecret);
        RequireText(failures, nameof(options.ApiKey), options.ApiKey);
        RequireText(failures, nameof(options.Scopes), options.Scopes);
        foreach (var (key, value) in OptionalUrls(options))
        {
            if (value is not null)
            {
                RequireAbsolute(failures, key, value);
            }
        }

        if (options.SessionIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{ClientOptions.Section}:{nameof(options.SessionIdleTimeout)} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<(string Key, string? Value)> OptionalUrls(ClientOptions options) =>
    [
        (nameof(options.Issuer), options.Issuer),
        (nameof(options.AuthorizationEndpoint), options.AuthorizationEndpoint),
        (nameof(options.TokenEndpoint), options.TokenEndpoint),
        (nameof(options.UserInfoEndpoint), options.UserInfoEndpoint),
        (nameof(options.RevocationEndpoint), options.RevocationEndpoint),
        (nameof(options.LogoutEndpoint), options.LogoutEndpoint),
        (nameof(options.UserDataEndpoint), options.UserDataEndpoint),
    ];

    private static void RequireAbsolute(List<string> failures, string key, string? value)
    {
        var valid = Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        if (!valid)
        {
            failures.Add($"{ClientOptions.Section}:{key} must be an absolute http or https URL.");
        }
    }

    private static void RequireText(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{ClientOptions.Section}:{key} is required.");
        }
    }
}
