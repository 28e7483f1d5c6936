namespace MiniOAuth.Client;

/// <summary>The user as the userinfo endpoint describes them; which members come depends on the provider and the scopes.</summary>
/// <param name="Sub">The user's id: <c>sub</c>, else <c>id</c> (GitHub's, a number); null when the provider names none.</param>
/// <param name="Others">The provider's other members, shown as they came.</param>
internal sealed record Profile(
    string? Sub, string Username, string? Name, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<(string Name, string Value)> Others)
{
    public static Profile? FromJson(string body)
    {
        if (AuthorizationServer.ParseObject(body) is not { } json)
        {
            return null;
        }

        string? Text(string name) =>
            json.TryGetProperty(name, out var member) && member.ValueKind is JsonValueKind.String or JsonValueKind.Number ? member.ToString() : null;
        // What names the user, the first present: OpenID Connect's member, MiniOAuth's, GitHub's, then any provider's.
        var nameMember = new[] { "preferred_username", "username", "login", "name", "sub" }.FirstOrDefault(member => Text(member) is not null);
        var roles = json.TryGetProperty("roles", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(role => role.ValueKind == JsonValueKind.String).Select(role => role.GetString()!).ToList()
            : [];
        string?[] shown = ["sub", nameMember, "name", "email", "roles"];
        var others = json.EnumerateObject().Where(member => !shown.Contains(member.Name))
            .Select(member => (member.Name, member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText())).ToList();
        return new Profile(Text("sub") ?? Text("id"), nameMember is null ? "someone unnamed" : Text(nameMember)!, Text("name"), Text("email"), roles, others);
    }
}

/// <summary>The userdata form as posted: the JSON text and the ETag of the version it was edited from.
/// Checked here so that nothing is sent to the server unless it is a JSON object.</summary>
internal sealed record UserDataForm(string Text, string? Json, string? ETag, string? Error)
{
    public static UserDataForm Read(string text, string? etag)
    {
        if (!EntityTagHeaderValue.TryParse(etag, out var parsed))
        {
            return new(text, null, null, "This form is missing the version it was edited from. Reload the page and try again.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new(text, null, parsed.ToString(), "Enter a JSON object, such as {\"theme\": \"dark\"}; {} stores an empty object.");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => new(text, text.Trim(), parsed.ToString(), null),
                var kind => new(text, null, parsed.ToString(), $"Userdata must be a JSON object in braces, not {kind switch
                {
                    JsonValueKind.Array => "an array",
                    JsonValueKind.String => "a string",
                    JsonValueKind.Number => "a number",
                    JsonValueKind.True or JsonValueKind.False => "true or false",
                    _ => "null",
                }}. Nothing was sent."),
            };
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, position {exception.BytePositionInLine + 1})" : string.Empty;
            return new(text, null, parsed.ToString(), $"That is not valid JSON{where}. Nothing was sent.");
        }
    }
}

/// <summary>The signed-in user's page: who they are (userinfo), their userdata with its editor, and the steps.</summary>
internal static class Dashboard
{
    /// <summary>GET /dashboard: no session goes home; a session that can no longer get a usable token signs in again.</summary>
    public static async Task<Results<ContentHttpResult, RedirectHttpResult>> ShowAsync(
        HttpContext context, SessionStore sessions, AuthorizationServer server, TimeProvider time, CancellationToken cancellationToken)
    {
        if (sessions.Find(context) is not { Tokens.Provider: { } provider } session)
        {
            return TypedResults.Redirect("/");
        }

        var metadata = await server.GetMetadataAsync(provider, cancellationToken);
        if (await LoadProfileAsync(session, provider, metadata, server, cancellationToken) is not { } profile)
        {
            sessions.End(context, session);
            return TypedResults.Redirect(provider.LoginPath);
        }

        var url = UserDataUrl(metadata, profile);
        var read = url is null ? default : await CallUserDataAsync(server, provider, url, session.Steps, cancellationToken);
        session.UserData = read.Data;
        return Render(session, profile, url, time,
            text: read.Data?.Json ?? string.Empty, read.Data?.ETag, notice: session.TakeNotice(), dataProblem: read.Problem);
    }

    /// <summary>POST /dashboard/userdata: the edited object, saved with If-Match; a refusal shows the page again with a message.</summary>
    public static async Task<Results<ContentHttpResult, RedirectHttpResult>> SaveAsync(
        HttpContext context, SessionStore sessions, AuthorizationServer server, TimeProvider time, CancellationToken cancellationToken)
    {
        if (sessions.Find(context) is not { Tokens.Provider: { } provider } session)
        {
            return TypedResults.Redirect("/");
        }

        if (session.Profile is not { } profile || UserDataUrl(await server.GetMetadataAsync(provider, cancellationToken), profile) is not { } url)
        {
            return TypedResults.Redirect("/dashboard");
        }

        IFormCollection? fields = null;
        try
        {
            fields = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : null;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A malformed or cut-off body: refused below like a form without its token.
        }

        // Only a form from this app's page is read: it carries this session's form token, compared in constant time.
        if (fields is null || !CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(fields["__RequestVerificationToken"].ToString()), Encoding.UTF8.GetBytes(session.FormToken)))
        {
            return Html.ErrorPage(StatusCodes.Status400BadRequest, "The form could not be accepted",
                "This form was not sent by this app's page, or it is too old. Go back to the dashboard and try again.");
        }

        var form = UserDataForm.Read(fields["userdata"].ToString(), fields["etag"].ToString());
        if (form.Error is not null)
        {
            return Render(session, profile, url, time, form.Text, form.ETag ?? session.UserData?.ETag, error: form.Error,
                status: StatusCodes.Status400BadRequest);
        }

        var saved = await CallUserDataAsync(server, provider, url, session.Steps, cancellationToken, form.Json, form.ETag);
        if (saved.Data is not null)
        {
            session.UserData = saved.Data;
            session.LeaveNotice("Saved.");
            // Straight to the newest step, the PUT just made, in the "How this worked" panel.
            return TypedResults.Redirect("/dashboard#newest");
        }

        // On 412 someone changed the data since it was read: the page shows the current data and keeps
        // the user's text, now tied to the new version, so saving again is a choice.
        var conflict = saved.Status == StatusCodes.Status412PreconditionFailed;
        var current = conflict ? await CallUserDataAsync(server, provider, url, session.Steps, cancellationToken) : default;
        session.UserData = current.Data ?? session.UserData;
        return Render(session, profile, url, time, form.Text, current.Data?.ETag ?? form.ETag,
            error: conflict
                ? "The userdata changed since this page was loaded, so nothing was saved. The stored version is shown above; "
                    + "your text is kept below. Save again to replace the stored version with it."
                : $"The server refused to save it ({saved.Problem}). Nothing was saved.",
            // 400 and 413 are about what the user typed; anything else is the server's failure.
            status: conflict ? StatusCodes.Status409Conflict
                : saved.Status is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge ? StatusCodes.Status400BadRequest
                : StatusCodes.Status502BadGateway);
    }

    /// <summary>Who is signed in, asked of userinfo with the access token as a Bearer token (RFC 6750 §2.1);
    /// null when the session can no longer get a usable token: it must sign in again.</summary>
    private static async Task<Profile?> LoadProfileAsync(
        ClientSession session, Provider provider, ServerMetadata metadata, AuthorizationServer server, CancellationToken cancellationToken)
    {
        if (metadata.UserInfoEndpoint is null)
        {
            return session.Profile = new Profile(null, $"someone ({provider.DisplayName} has no userinfo endpoint)", null, null, [], []);
        }

        // RFC 6750 §3.1 invalid_token (a 401): expired early or revoked. One refresh, then the session is over.
        string? rejected = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await server.GetUsableTokensAsync(session, metadata, rejected, cancellationToken) is not { } tokens)
            {
                return null;
            }

            // Another tab may have signed this session in elsewhere meanwhile: those tokens are never sent here.
            if (tokens.Provider is { } issuer && issuer.Key != provider.Key)
            {
                throw new UpstreamException($"This session has signed in with {issuer.DisplayName} meanwhile. Reload the page.");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, metadata.UserInfoEndpoint);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            var response = await server.SendAsync(provider, request, cancellationToken);
            session.Steps.Add(
                "Asked userinfo who signed in",
                "The access token goes in the Authorization header. Which members come back depends on the provider and the scopes granted.",
                ("Request", $"GET {metadata.UserInfoEndpoint}"),
                ("Authorization", $"Bearer {Mask.Secret(tokens.AccessToken)}"),
                ("Status", response.Status.ToString()),
                ("Response", Mask.Json(response.Body)));
            if (response.Status != StatusCodes.Status401Unauthorized)
            {
                return session.Profile = (response.Status == StatusCodes.Status200OK ? Profile.FromJson(response.Body) : null)
                    ?? throw new UpstreamException($"The userinfo endpoint of {provider.DisplayName} answered {response.Status} without a usable profile.");
            }

            rejected = tokens.AccessToken;
        }

        return null;
    }

    /// <summary>The user's userdata URL where the provider has a userdata endpoint (published or configured), else null: no request, no API key sent.</summary>
    private static string? UserDataUrl(ServerMetadata metadata, Profile profile) =>
        metadata.UserDataEndpoint is { } endpoint && profile.Sub is { } userId ? $"{endpoint.TrimEnd('/')}/{Uri.EscapeDataString(userId)}/" : null;

    /// <summary>The MiniOAuth userdata store, reached with this client's API key: a read, or with <paramref name="json"/>
    /// a full replacement, allowed only while the stored version is still the one read (If-Match, RFC 9110 §13.1.1).</summary>
    private static async Task<(int Status, (string Json, string? ETag)? Data, string? Problem)> CallUserDataAsync(
        AuthorizationServer server, Provider provider, string url, StepLog steps, CancellationToken cancellationToken, string? json = null, string? etag = null)
    {
        var apiKey = provider.Settings.ApiKey;
        using var request = new HttpRequestMessage(json is null ? HttpMethod.Get : HttpMethod.Put, url);
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag!));
        }

        var response = await server.SendAsync(provider, request, cancellationToken);
        steps.Add(
            json is null ? "Read the userdata with the API key" : "Saved the userdata with If-Match",
            json is null
                ? "A server-to-server call: the X-API-Key header names this client, the URL names the user. The ETag identifies this version."
                : "PUT replaces the object. If-Match carries the ETag read before: if someone changed the data since, the server answers 412.",
            ("Request", $"{request.Method} {url}"),
            ("X-API-Key", Mask.Secret(apiKey)),
            ("If-Match", etag ?? "(none)"),
            ("Status", response.Status.ToString()),
            ("ETag", response.ETag ?? "(none)"),
            ("Response", Mask.Json(response.Body)));
        var answer = AuthorizationServer.ParseObject(response.Body);
        // RFC 9457: the title and detail of a problem, or the status alone.
        var words = string.Join(": ", new[] { AuthorizationServer.Text(answer, "title"), AuthorizationServer.Text(answer, "detail") }
            .Where(text => !string.IsNullOrEmpty(text)));
        return response.Status == StatusCodes.Status200OK && answer is not null
            ? (response.Status, (Mask.Json(response.Body), response.ETag), null)
            : (response.Status, null, words.Length > 0 ? $"HTTP {response.Status}, {words}" : $"HTTP {response.Status}");
    }

    /// <summary>The page, from what the session last saw, with the editor's text, the version it edits, and any message.</summary>
    private static ContentHttpResult Render(
        ClientSession session, Profile profile, string? userDataUrl, TimeProvider time,
        string text, string? etag, string? notice = null, string? error = null, string? dataProblem = null, int status = StatusCodes.Status200OK)
    {
        var tokenSummary = session.Tokens switch
        {
            null => "(none)",
            { ExpiresAt: { } expiresAt } tokens => $"scope {tokens.Scope}; expires in {(long)Math.Floor((expiresAt - time.GetUtcNow()).TotalSeconds)} s, "
                + $"refreshed first when under {tokens.Margin.TotalSeconds:0} s",
            var tokens => $"scope {tokens.Scope}; the server gave no lifetime",
        };
        return Html.Page("Dashboard", Html.Of($"""
            <section class="card">
            <h1>Signed in as {profile.Username}</h1>
            <dl class="facts">
            <dt>Name</dt><dd>{profile.Name ?? "(not shared)"}</dd>
            <dt>Email</dt><dd>{profile.Email ?? "(not shared)"}</dd>
            <dt>Roles</dt><dd>{(profile.Roles.Count > 0 ? string.Join(", ", profile.Roles) : "(none shared)")}</dd>
            <dt>User id</dt><dd><code>{profile.Sub ?? "(not shared)"}</code></dd>
            <dt>Signed in with</dt><dd>{session.Tokens?.Provider?.DisplayName}</dd>
            <dt>Access token</dt><dd>{tokenSummary}</dd>
            </dl>
            {(profile.Others.Count > 0 ? Html.Of($"""
                <h2>More from userinfo</h2>
                <dl class="members">{Html.Join(profile.Others.Select(member => Html.Of($"<dt>{member.Name}</dt><dd>{member.Value}</dd>")))}</dl>
                """) : default)}
            </section>
            <section class="card">
            <h2>Your userdata</h2>
            {(userDataUrl is null ? Html.Of($"<p class=\"hint\">{session.Tokens?.Provider?.DisplayName} keeps no userdata: it publishes no userdata endpoint.</p>") : default)}
            {(notice is not null ? Html.Of($"<p class=\"notice\" role=\"status\">{notice}</p>") : default)}
            {(dataProblem is not null ? Html.Of($"<p class=\"problem\" role=\"alert\">The userdata could not be read: {dataProblem}</p>") : default)}
            {(session.UserData is { } data ? Html.Of($"<p class=\"hint\">Stored now (ETag <code>{data.ETag ?? "(none)"}</code>):</p><pre>{data.Json}</pre>") : default)}
            {(etag is not null ? Html.Of($"""
                <form method="post" action="/dashboard/userdata">
                <input type="hidden" name="__RequestVerificationToken" value="{session.FormToken}">
                <input type="hidden" name="etag" value="{etag}">
                <label for="userdata">Edit as a JSON object</label>
                {(error is not null ? Html.Of($"<p class=\"problem\" id=\"userdata-error\" role=\"alert\">{error}</p>") : default)}
                <textarea id="userdata" name="userdata" rows="10" spellcheck="false">{text}</textarea>
                <button type="submit">Save</button>
                </form>
                """) : default)}
            </section>
            {StepLog.Render(session.Steps.Snapshot())}
            """), signedIn: true, status);
    }
}
