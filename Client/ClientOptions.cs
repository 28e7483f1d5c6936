namespace MiniOAuth.Client;

/// <summary>How the client app reaches its authorization server. Bound from the <c>Client</c> section;
/// every value can also be set by an environment variable such as <c>Client__Authority</c>.
/// The defaults are the demo client of the MiniOAuth server.</summary>
internal sealed class ClientOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Client";

    /// <summary>The authorization server's issuer URL; default <c>http://localhost:8000</c>.</summary>
    public string Authority { get; set; } = "http://localhost:8000";
    /// <summary>This client's id at the server; default the demo client <c>23423423</c>.</summary>
    public string ClientId { get; set; } = "23423423";
    /// <summary>This client's secret, sent with HTTP Basic (RFC 6749 §2.3.1); default the demo secret.</summary>
    public string ClientSecret { get; set; } = "Ov23lipRJArXBVcwaV9zOv23lipRJArXBVcwaV9z";
    /// <summary>The API key for the userdata endpoint (<c>X-API-Key</c>); default the demo key.</summary>
    public string ApiKey { get; set; } = "232l4kj23l4j2l34j23l42l34242";
    /// <summary>Where the server sends the browser back; default <c>http://localhost:5000/callback</c>.</summary>
    public string RedirectUri { get; set; } = "http://localhost:5000/callback";
    /// <summary>Where the server's logout page sends the browser at the end; default <c>http://localhost:5000/</c>.</summary>
    public string PostLogoutRedirectUri { get; set; } = "http://localhost:5000/";
    /// <summary>The scopes asked for, space-separated; default <c>profile email roles userdata</c>.</summary>
    public string Scopes { get; set; } = "profile email roles userdata";
    /// <summary>Optional expected issuer when all three endpoints below are configured and discovery is
    /// skipped; default the <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }
    /// <summary>Optional authorization endpoint URL; default from RFC 8414 discovery.</summary>
    public string? AuthorizationEndpoint { get; set; }
    /// <summary>Optional token endpoint URL; default from RFC 8414 discovery.</summary>
    public string? TokenEndpoint { get; set; }
    /// <summary>Optional userinfo endpoint URL; default from RFC 8414 discovery.</summary>
    public string? UserInfoEndpoint { get; set; }
    /// <summary>Optional RFC 7009 revocation endpoint URL; default from RFC 8414 discovery.</summary>
    public string? RevocationEndpoint { get; set; }
    /// <summary>Optional logout endpoint URL (POST with a bearer token, GET for browsers); default <c>{Authority}/oauth/logout/</c>.</summary>
    public string? LogoutEndpoint { get; set; }
    /// <summary>Optional userdata base URL, to which <c>{user_id}/</c> is added; default <c>{Authority}/oauth/userdata/</c>.</summary>
    public string? UserDataEndpoint { get; set; }
    /// <summary>How long an unused session is kept in memory; default <c>08:00:00</c>.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
    /// <summary>The logout endpoint as configured or by default.</summary>
    public string LogoutUrl => LogoutEndpoint ?? $"{Authority.TrimEnd('/')}/oauth/logout/";
    /// <summary>The userdata base URL as configured or by default.</summary>
    public string UserDataUrl => UserDataEndpoint ?? $"{Authority.TrimEnd('/')}/oauth/userdata/";
}

/// <summary>Refuses to start with a configuration that could not work, and says which key is wrong.</summary>
internal sealed class ClientOptionsValidator : IValidateOptions<ClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientOptions options)
    {
        var failures = new List<string>();
        void Url(string key, string? value, bool required = false)
        {
            var valid = Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
            if (!valid && (required || value is not null))
            {
                failures.Add($"{ClientOptions.Section}:{key} must be an absolute http or https URL.");
            }
        }

        void Text(string key, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{ClientOptions.Section}:{key} is required.");
            }
        }

        Url(nameof(options.Authority), options.Authority, required: true);
        Url(nameof(options.RedirectUri), options.RedirectUri, required: true);
        Url(nameof(options.PostLogoutRedirectUri), options.PostLogoutRedirectUri, required: true);
        Text(nameof(options.ClientId), options.ClientId);
        Text(nameof(options.ClientSecret), options.ClientSecret);
        Text(nameof(options.ApiKey), options.ApiKey);
        Text(nameof(options.Scopes), options.Scopes);
        // The endpoints are optional, but a given one must be a URL.
        Url(nameof(options.Issuer), options.Issuer);
        Url(nameof(options.AuthorizationEndpoint), options.AuthorizationEndpoint);
        Url(nameof(options.TokenEndpoint), options.TokenEndpoint);
        Url(nameof(options.UserInfoEndpoint), options.UserInfoEndpoint);
        Url(nameof(options.RevocationEndpoint), options.RevocationEndpoint);
        Url(nameof(options.LogoutEndpoint), options.LogoutEndpoint);
        Url(nameof(options.UserDataEndpoint), options.UserDataEndpoint);
        if (options.SessionIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{ClientOptions.Section}:{nameof(options.SessionIdleTimeout)} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
