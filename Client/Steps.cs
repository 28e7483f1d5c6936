// Not needed to understand OAuth: the "How this worked" panel that shows learners each step, with secrets masked.
using System.Text.Json.Nodes;

namespace MiniOAuth.Client;

/// <summary>One thing the client did, as shown in the "How this worked" panel, with labelled values (a URL, a header, a JSON body).</summary>
internal sealed record Step(int Number, DateTimeOffset At, string Title, string Explanation, IReadOnlyList<(string Label, string Value)> Details);

/// <summary>The steps of one session, in order: the sign-in steps are all kept; of the calls made after
/// sign-in (page loads, refreshes, saves) only the latest are kept, so memory stays bounded.
/// Page loads may run at once, so every access takes the lock.</summary>
internal sealed class StepLog(TimeProvider time)
{
    /// <summary>How many steps after sign-in are kept.</summary>
    public const int RecentLimit = 24;

    /// <summary>More than a sign-in takes; an attempt left unfinished cannot grow the log without bound.</summary>
    public const int SignInLimit = 12;

    private readonly Lock gate = new();
    private readonly List<Step> steps = [];
    // The first steps, never dropped: up to SignInLimit while a sign-in runs, then those it took.
    private int signInSteps;

    /// <summary>A new login attempt: forget everything and collect sign-in steps.</summary>
    public void StartSignIn()
    {
        using var scope = gate.EnterScope();
        steps.Clear();
        signInSteps = SignInLimit;
    }

    /// <summary>The login is complete: later steps are kept only while they are recent.</summary>
    public void FinishSignIn()
    {
        using var scope = gate.EnterScope();
        signInSteps = Math.Min(steps.Count, SignInLimit);
    }

    public void Add(string title, string explanation, params (string Label, string Value)[] details)
    {
        using var scope = gate.EnterScope();
        // The newest step is never dropped, so numbers keep counting up from it.
        steps.Add(new Step(steps.Count == 0 ? 1 : steps[^1].Number + 1, time.GetUtcNow(), title, explanation, details));
        if (steps.Count > signInSteps + RecentLimit)
        {
            steps.RemoveAt(signInSteps);
        }
    }

    public IReadOnlyList<Step> Snapshot()
    {
        using var scope = gate.EnterScope();
        return [.. steps];
    }

    /// <summary>Decodes the access token for learners when it is a JWT (RFC 9068), without verifying it: a
    /// client treats the access token as opaque (RFC 9068 §6) and decides nothing from it.</summary>
    public void AddAccessToken(string accessToken)
    {
        if (Mask.TryDecodeJwt(accessToken) is not { } jwt)
        {
            Add("Looked at the access token",
                "This access token is not a JWT: to this client it is an opaque string, which is all a client needs.",
                ("Access token", Mask.Secret(accessToken)));
            return;
        }

        Add("Decoded the access token (a JWT, RFC 9068)",
            "Decoded here only to show what is inside; the signature is not checked. A client treats the access token as "
                + "opaque and decides nothing from it; the resource server validates it against the server's JWKS.",
            ("Access token", Mask.Secret(accessToken)),
            ("Header", jwt.Header),
            ("Claims", jwt.Claims),
            ("Issued at (iat)", jwt.IssuedAt?.ToString("u") ?? "(none)"),
            ("Expires at (exp)", jwt.ExpiresAt?.ToString("u") ?? "(none)"));
    }

    /// <summary>The panel: every step of the session, in order. Steps are numbered as they happen, so a
    /// jump in numbers means older calls were dropped from the log.</summary>
    public static Html Render(IReadOnlyList<Step> steps) => Html.Of($"""
        <section class="card steps" id="how-this-worked">
        <h2>How this worked</h2>
        <p class="hint">The steps this app took for you, in order. Secrets and tokens show only their first characters.</p>
        <ol>
        {Html.Join(steps.Select((step, index) => Html.Of($"""
            <li value="{step.Number}"{(index == steps.Count - 1 ? Html.Of($" id=\"newest\"") : default)}>
            {(index > 0 && step.Number != steps[index - 1].Number + 1 ? Html.Of($"<p class=\"hint\">(Older calls are no longer shown.)</p>") : default)}
            <h3>{step.Title} <time>{step.At:HH:mm:ss}</time></h3>
            <p>{step.Explanation}</p>
            <dl>
            {Html.Join(step.Details.Select(detail => detail.Value.Contains('\n')
                ? Html.Of($"<dt>{detail.Label}</dt><dd><pre>{detail.Value}</pre></dd>")
                : Html.Of($"<dt>{detail.Label}</dt><dd><code>{detail.Value}</code></dd>")))}
            </dl>
            </li>
            """)))}
        </ol>
        </section>
        """);
}

/// <summary>Hides secrets and tokens in the panel, keeping the first characters; writes JSON for people.</summary>
internal static class Mask
{
    public const int VisibleCharacters = 6;

    // Indented, with characters left as they are (pages HTML-encode it).
    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The secret's first characters and an ellipsis; a short secret is hidden entirely.</summary>
    public static string Secret(string? value) => value switch
    {
        null or "" => "(none)",
        { Length: <= VisibleCharacters * 2 } => new string('•', value.Length),
        _ => $"{value[..VisibleCharacters]}… ({value.Length} characters)",
    };

    /// <summary>A body indented when it is JSON, with the named members masked; other text is shown as it came.</summary>
    public static string Json(string body, params string[] secretMembers)
    {
        try
        {
            var node = JsonNode.Parse(body);
            foreach (var member in secretMembers)
            {
                if (node is JsonObject json && json[member] is JsonValue value && value.TryGetValue<string>(out var secret))
                {
                    json[member] = Secret(secret);
                }
            }

            return node is null ? body : node.ToJsonString(Readable);
        }
        // JsonObject refuses a member named twice only when it is read.
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            return body;
        }
    }

    /// <summary>A form body as one <c>name=value</c> line per field, with the named fields masked.</summary>
    public static string FormFields(IEnumerable<KeyValuePair<string, string?>> fields, params string[] secretFields) =>
        string.Join('\n', fields.Select(field =>
            $"{field.Key}={(secretFields.Contains(field.Key) ? Secret(field.Value) : field.Value)}"));

    /// <summary>The decoded header and claims of a JWT, for learners to read; null for anything else.</summary>
    public static (string Header, string Claims, DateTimeOffset? IssuedAt, DateTimeOffset? ExpiresAt)? TryDecodeJwt(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]));
            var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]));
            DateTimeOffset? UnixTime(string name) =>
                claims is JsonObject json && json[name] is JsonValue value && value.TryGetValue<long>(out var seconds)
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null;
            return (header?.ToJsonString(Readable) ?? "null", claims?.ToJsonString(Readable) ?? "null", UnixTime("iat"), UnixTime("exp"));
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
