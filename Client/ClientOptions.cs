namespace MiniOAuth.Client;

/// <summary>One OAuth 2.0 provider this app signs in with. The <c>Client</c> section is the default provider; each
/// <c>Client:Providers:&lt;key&gt;</c> section adds one with these keys and inherits nothing from it. Every value can
/// also be set by an environment variable such as <c>Client__Providers__hub__ClientId</c>.</summary>
internal class ProviderOptions
{
    /// <summary>The name on the "Sign in with …" button; default <c>MiniOAuth</c> for the default provider, else the key.</summary>
    public string? DisplayName { get; set; }
    /// <summary>The issuer URL whose RFC 8414 metadata names the endpoints; default <c>http://localhost:8000</c> for the default provider.</summary>
    public string? Authority { get; set; }
    /// <summary>The issuer expected in <c>iss</c> when no metadata is fetched; default the <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }
    /// <summary>Authorization endpoint URL; default from the metadata. With the token endpoint too, no metadata is fetched.</summary>
    public string? AuthorizationEndpoint { get; set; }
    /// <summary>Token endpoint URL; default from the metadata.</summary>
    public string? TokenEndpoint { get; set; }
    /// <summary>Userinfo endpoint URL; default from the metadata.</summary>
    public string? UserInfoEndpoint { get; set; }
    /// <summary>RFC 7009 revocation endpoint URL; default from the metadata.</summary>
    public string? RevocationEndpoint { get; set; }
    /// <summary>Where the browser signs out of the provider; default the metadata's <c>end_session_endpoint</c>.</summary>
    public string? EndSessionEndpoint { get; set; }
    /// <summary>MiniOAuth's userdata store, to which the user's id and <c>/</c> are added; default the metadata's <c>userdata_endpoint</c>.</summary>
    public string? UserDataEndpoint { get; set; }
    /// <summary>This client's id at the provider; default the demo client <c>23423423</c> for the default provider.</summary>
    public string? ClientId { get; set; }
    /// <summary>This client's secret, sent with HTTP Basic (RFC 6749 §2.3.1); none makes a public client; default the demo secret.</summary>
    public string? ClientSecret { get; set; }
    /// <summary>The API key sent to the userdata endpoint alone (<c>X-API-Key</c>); default the demo key for the default provider.</summary>
    public string? ApiKey { get; set; }
    /// <summary>The scopes asked for, space-separated; default <c>profile email roles userdata</c> for the default provider.</summary>
    public string? Scopes { get; set; }
    /// <summary>Where the provider sends the browser back; default <c>http://localhost:5000/callback</c>, with <c>/&lt;key&gt;</c> for the others.</summary>
    public string? RedirectUri { get; set; }

    /// <summary>True for an absolute http or https URL, the only kind of endpoint this app calls or sends a browser to.</summary>
    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>The <c>Client</c> section: the default provider (the demo client of the MiniOAuth server) and the others.</summary>
internal sealed class ClientOptions : ProviderOptions
{
    public const string Section = "Client";

    public ClientOptions()
    {
        DisplayName = "MiniOAuth";
        Authority = "http://localhost:8000";
        ClientId = "23423423";
        ClientSecret = "Ov23lipRJArXBVcwaV9zOv23lipRJArXBVcwaV9z";
        ApiKey = "232l4kj23l4j2l34j23l42l34242";
        Scopes = "profile email roles userdata";
        RedirectUri = "http://localhost:5000/callback";
    }

    /// <summary>Where the browser comes back after signing out of any provider; default <c>http://localhost:5000/</c>.</summary>
    public string PostLogoutRedirectUri { get; set; } = "http://localhost:5000/";
    /// <summary>How long an unused session is kept in memory; default <c>08:00:00</c>.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
    /// <summary>More providers, by the key of their section; default none.</summary>
    public Dictionary<string, ProviderOptions> Providers { get; } = [];

    /// <summary>The default provider for no key, the configured one for its key, or null: a key names nothing else.</summary>
    public Provider? FindProvider(string? key) => key is null ? new Provider("", this, RedirectUri!)
        : Providers.TryGetValue(key, out var settings) ? new Provider(key, settings, settings.RedirectUri ?? $"{RedirectUri}/{Uri.EscapeDataString(key)}")
        : null;

    /// <summary>The default provider first, then the others by key.</summary>
    public IEnumerable<Provider> AllProviders() => [FindProvider(null)!, .. Providers.Keys.Select(key => FindProvider(key)!)];
}

/// <summary>A provider as the routes use it: its key (empty for the default), its settings, its redirect URI.</summary>
internal sealed record Provider(string Key, ProviderOptions Settings, string RedirectUri)
{
    public string DisplayName => Settings.DisplayName ?? Key;

    public string LoginPath => Key.Length == 0 ? "/login" : $"/login?provider={Uri.EscapeDataString(Key)}";

    /// <summary>The configuration key of one of its settings, as messages name it.</summary>
    public string Setting(string name) => Key.Length == 0 ? $"{ClientOptions.Section}:{name}" : $"{ClientOptions.Section}:Providers:{Key}:{name}";
}

/// <summary>Refuses to start with a configuration that could not work, and says which key is wrong.</summary>
internal sealed class ClientOptionsValidator : IValidateOptions<ClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientOptions options)
    {
        var rules = new List<(bool Wrong, string Failure)>();
        foreach (var provider in options.AllProviders())
        {
            var settings = provider.Settings;
            rules.AddRange(new (string Key, string? Url)[]
            {
                ("Authority", settings.Authority), ("Issuer", settings.Issuer), ("AuthorizationEndpoint", settings.AuthorizationEndpoint),
                ("TokenEndpoint", settings.TokenEndpoint), ("UserInfoEndpoint", settings.UserInfoEndpoint), ("RevocationEndpoint", settings.RevocationEndpoint),
                ("EndSessionEndpoint", settings.EndSessionEndpoint), ("UserDataEndpoint", settings.UserDataEndpoint), ("RedirectUri", provider.RedirectUri),
            }.Select(setting => (setting.Url is not null && !ProviderOptions.IsHttpUrl(setting.Url), $"{provider.Setting(setting.Key)} must be an absolute http or https URL.")));
            rules.AddRange(
            [
                (string.IsNullOrWhiteSpace(settings.ClientId), $"{provider.Setting("ClientId")} is required."),
                // An empty secret means none (a public client); one of spaces is a mistake.
                (settings.ClientSecret is { Length: > 0 } secret && string.IsNullOrWhiteSpace(secret), $"{provider.Setting("ClientSecret")} is blank."),
                (settings.Authority is null && (settings.AuthorizationEndpoint is null || settings.TokenEndpoint is null),
                    $"{provider.Setting("Authority")} is required, unless both AuthorizationEndpoint and TokenEndpoint are set."),
            ]);
        }

        rules.Add((!ProviderOptions.IsHttpUrl(options.PostLogoutRedirectUri), $"{ClientOptions.Section}:PostLogoutRedirectUri must be an absolute http or https URL."));
        rules.Add((options.SessionIdleTimeout <= TimeSpan.Zero, $"{ClientOptions.Section}:SessionIdleTimeout must be positive."));
        var failures = rules.Where(rule => rule.Wrong).Select(rule => rule.Failure).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
