namespace MiniOAuth.Client;

/// <summary>One login attempt waiting for its callback, kept in the session and handed out once: the <c>state</c> that binds
/// the answer to this browser (RFC 6749 §10.12) and to the provider asked, and the PKCE verifier that binds the code to this client (RFC 7636).</summary>
internal sealed record PendingAuthorization(string State, string CodeVerifier, DateTimeOffset CreatedAt, Provider Provider);

/// <summary>The authorization code flow with PKCE: <c>/login</c> starts it, <c>/callback</c> finishes it.</summary>
internal static class Login
{
    /// <summary>How long a login attempt may take before its callback is refused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>GET /login?provider=: a fresh state and PKCE verifier kept here, then the browser goes to the authorize
    /// endpoint of that provider, or of the default one.</summary>
    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> StartAsync(
        HttpContext context, string? provider, SessionStore sessions, AuthorizationServer server, IOptions<ClientOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.Value.FindProvider(provider) is not { } chosen)
        {
            return Html.NoSuchProvider(provider);
        }

        var metadata = await server.GetMetadataAsync(chosen, cancellationToken);
        var session = sessions.FindOrStart(context);

        // 256-bit state and verifier, far over the 128 bits RFC 9700 §4.7.1 asks. RFC 7636 §4.1: the
        // verifier is 43 to 128 unreserved characters; 32 random bytes in base64url give 43.
        var attempt = new PendingAuthorization(State: RandomToken.Create(), CodeVerifier: RandomToken.Create(), time.GetUtcNow(), chosen);
        session.BeginLogin(attempt);

        // RFC 6749 §4.1.1, with the PKCE challenge of RFC 7636 §4.3. S256 only: RFC 9700 §2.1.1 advises against "plain".
        // Each provider has its own redirect URI, so an answer shows which provider it claims to come from (RFC 9700 §4.4.2).
        KeyValuePair<string, string?>[] parameters =
        [
            new("response_type", "code"),
            new("client_id", chosen.Settings.ClientId),
            new("redirect_uri", chosen.RedirectUri),
            new("scope", string.IsNullOrWhiteSpace(chosen.Settings.Scopes) ? null : chosen.Settings.Scopes),
            new("state", attempt.State),
            new("code_challenge", CodeChallenge(attempt.CodeVerifier)),
            new("code_challenge_method", "S256"),
        ];
        var authorizeUrl = QueryHelpers.AddQueryString(metadata.AuthorizationEndpoint, parameters);

        session.Steps.Add(
            $"Found the endpoints of {chosen.DisplayName}",
            "RFC 8414 discovery: a provider describes itself in a JSON document at a well-known URL; endpoints in this app's configuration win.",
            ("Source", metadata.Source),
            ("Issuer", metadata.Issuer ?? "(none known)"),
            ("Authorization endpoint", metadata.AuthorizationEndpoint),
            ("Token endpoint", metadata.TokenEndpoint),
            ("Sends iss in responses (RFC 9207)", metadata.IssParameterSupported ? "yes" : "no"));
        session.Steps.Add(
            "Sent the browser to the authorization endpoint",
            "GET /login made a fresh state and PKCE verifier, kept them in this app's memory, and redirected the "
                + "browser to the server. Only the SHA-256 hash of the verifier (the challenge) travels through the browser.",
            ("Authorize URL", authorizeUrl.Replace(attempt.State, Mask.Secret(attempt.State), StringComparison.Ordinal)),
            ("Parameters", Mask.FormFields(parameters, "state")),
            ("PKCE code_verifier (kept here)", Mask.Secret(attempt.CodeVerifier)));
        return TypedResults.Redirect(authorizeUrl);
    }

    /// <summary>GET /callback/{provider?}: the answer (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207 §2) is checked, then the code is
    /// exchanged for tokens that stay in this app's memory. Each refusal is a 400 page.</summary>
    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> FinishAsync(
        HttpContext context, string? provider, SessionStore sessions, AuthorizationServer server, IOptions<ClientOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.Value.FindProvider(provider) is not { } arrivedAt)
        {
            return Html.NoSuchProvider(provider);
        }

        // A parameter sent twice is as good as absent (RFC 6749 §3.1: parameters must not repeat).
        string? Single(string name) => context.Request.Query.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
        var code = Single("code");
        var state = Single("state");
        var issuer = Single("iss");
        var error = Single("error");
        var errorDescription = Single("error_description");
        var session = sessions.Find(context);
        var attempt = session?.TakePendingLogin();

        // RFC 6749 §10.12: nothing in the answer is trusted, nor any request made, before the state matches.
        if (session is null || attempt is null)
        {
            return Refused("No sign-in in progress",
                "This browser has no sign-in waiting for an answer, or its answer was already used. Sign in again.");
        }

        if (string.IsNullOrEmpty(state))
        {
            return Refused("The answer had no state",
                "The server's answer did not carry the state this app sent, so it cannot be tied to this browser. Nothing was exchanged.");
        }

        // Compared in constant time, so response times teach an attacker nothing about the state.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(attempt.State), Encoding.UTF8.GetBytes(state)))
        {
            return Refused("The answer does not belong to this sign-in",
                "The state in the answer is not the one this browser was given: it may have been forged (a CSRF attempt). Nothing was exchanged.");
        }

        // RFC 9700 §4.4.2, mix-up: the state binds the answer to the provider this sign-in was started with, and an
        // answer at another provider's callback may carry a code an attacker wants exchanged there. Even without iss.
        if (attempt.Provider.Key != arrivedAt.Key)
        {
            return Refused("The answer came to another provider's callback",
                $"This sign-in was started with {attempt.Provider.DisplayName}, but the answer arrived at the callback of {arrivedAt.DisplayName} "
                    + "(a mix-up attack, RFC 9700 §4.4.2). Nothing was exchanged.");
        }

        if (time.GetUtcNow() >= attempt.CreatedAt + Lifetime)
        {
            return Refused("The sign-in took too long",
                $"A sign-in must finish within {Lifetime.TotalMinutes:0} minutes. Nothing was exchanged; sign in again.");
        }

        session.Steps.Add(
            $"{arrivedAt.DisplayName} sent the browser back to {context.Request.Path}",
            "Between the last step and this one the browser was at the provider, out of this app's sight: its login and "
                + "consent pages. The query carries either a one-time code or an error, the state this app sent, and (RFC 9207) "
                + "the issuer that answered.",
            ("code", Mask.Secret(code)),
            ("state", Mask.Secret(state)),
            ("iss", issuer ?? "(none)"),
            ("error", error is null ? "(none)" : $"{error}: {errorDescription}"));
        var metadata = await server.GetMetadataAsync(arrivedAt, cancellationToken);

        // RFC 9207 §2.4: the iss of the answer must be the issuer this flow started with, which stops a
        // mix-up attack (one server's answer sent to another). A server whose metadata promises iss must send it.
        if (string.IsNullOrEmpty(issuer) && metadata.IssParameterSupported)
        {
            return Refused("The answer did not name its issuer",
                $"{metadata.Issuer} promises to name itself in every answer (RFC 9207), and this one did not. Nothing was exchanged.");
        }

        // RFC 9207 §2.4: simple string comparison, no normalization.
        if (!string.IsNullOrEmpty(issuer) && !string.Equals(issuer, metadata.Issuer, StringComparison.Ordinal))
        {
            return Refused("The answer came from another server",
                $"The answer names another issuer than {arrivedAt.DisplayName} (a mix-up attack, RFC 9207), so nothing was exchanged. "
                    + $"This app expects the issuer in the metadata, else the setting {arrivedAt.Setting(nameof(ProviderOptions.Issuer))}: "
                    + "if the received value is the provider's real issuer, set it there.",
                $"expected iss: {metadata.Issuer ?? "(none known)"}; received iss: {issuer}");
        }

        session.Steps.Add(
            "Checked state and iss: both match",
            "The state is the one this sign-in kept (CSRF, RFC 6749 §10.12); the answer came to this provider's own callback, "
                + "and its iss, when sent, is the expected issuer, compared as plain strings (mix-up, RFC 9207 §2.4).",
            ("state", $"received = kept ({Mask.Secret(state)})"),
            ("iss", string.IsNullOrEmpty(issuer) ? "not sent; the per-provider callback is the defence" : $"received = expected ({issuer})"));

        // RFC 6749 §4.1.2.1: the server refused, for example access_denied when the user said no.
        if (error is not null)
        {
            var detail = $"error={error}{(errorDescription is null ? string.Empty : $": {errorDescription}")}";
            var steps = StepLog.Render(session.Steps.Snapshot());
            return error == "access_denied"
                ? Refused("Access was not granted", "You (or the server) declined to let this app sign you in. Nothing was shared with it.", detail, steps)
                : Refused("The server refused the sign-in", "The authorization server answered with an error instead of a code.", detail, steps);
        }

        if (code is null)
        {
            return Refused("The answer had no code", "The server's answer carried neither a code nor an error.");
        }

        // RFC 6749 §4.1.3, with the PKCE verifier of RFC 7636 §4.5: a back-channel POST the browser never sees.
        var exchange = await server.RequestTokensAsync(
            arrivedAt,
            metadata,
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", arrivedAt.RedirectUri),
                new("code_verifier", attempt.CodeVerifier),
            ],
            session.Steps,
            "Exchanged the code for tokens",
            "A back-channel POST from this app to the server: the browser never sees the tokens. The client "
                + "authenticates with HTTP Basic and proves, with the PKCE verifier, that it started this login.",
            cancellationToken);
        if (exchange.Tokens is null)
        {
            // RFC 6749 §5.2 invalid_client: signing in again cannot help; this app's configuration is wrong.
            var wrongClient = exchange.Error == "invalid_client";
            return Html.ErrorPage(StatusCodes.Status502BadGateway,
                wrongClient ? "This app's client credentials are wrong" : "The code could not be exchanged",
                wrongClient
                    ? $"{arrivedAt.DisplayName} does not accept this app's client id and secret. Check the settings "
                        + $"{arrivedAt.Setting("ClientId")} and {arrivedAt.Setting("ClientSecret")}, then restart the app."
                    : $"{arrivedAt.DisplayName} refused to give tokens for this sign-in. Sign in again.",
                $"HTTP {exchange.Status}, error={exchange.Error}{(exchange.Description is null ? string.Empty : $": {exchange.Description}")}",
                StepLog.Render(session.Steps.Snapshot()));
        }

        // A new session id before the tokens arrive: an id planted in the browser before (session fixation) leads nowhere.
        sessions.Renew(context, session);
        // These tokens replace any earlier ones, and what was known of the user is read anew.
        session.Tokens = exchange.Tokens with { Provider = arrivedAt };
        session.Profile = null;
        session.UserData = null;
        session.Steps.AddAccessToken(exchange.Tokens.AccessToken);
        session.Steps.FinishSignIn();
        return TypedResults.Redirect("/dashboard");
    }

    /// <summary>RFC 7636 §4.2: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))).</summary>
    public static string CodeChallenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static ContentHttpResult Refused(string title, string message, string? detail = null, Html steps = default) =>
        Html.ErrorPage(StatusCodes.Status400BadRequest, title, message, detail, steps);
}
