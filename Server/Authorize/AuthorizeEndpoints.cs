using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;

namespace MiniOAuth.Server.Authorize;

/// <summary>The authorization endpoint, RFC 6749 §3.1: GET starts a request, POST answers the consent page.</summary>
internal static class AuthorizeEndpoints
{
    public static void MapAuthorize(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/authorize", Get);
        app.MapPost("/oauth/authorize", Post);
    }

    private static Task<Results<ContentHttpResult, JsonHttpResult<AuthorizeJson>, BrowserRedirect, ProblemHttpResult>> Get(
        HttpContext context, AuthorizeFlow flow)
    {
        // Browsers ask for text/html; scripts that ask for JSON get JSON (the contract's JSON mode).
        var accept = context.Request.Headers.Accept.ToString();
        var json = accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
        var request = AuthorizeRequest.From(name => context.Request.Query[name]);
        return flow.RunAsync(context, request, decision: null, new AuthorizeMode(json, AfterPost: false));
    }

    private static async Task<Results<ContentHttpResult, JsonHttpResult<AuthorizeJson>, BrowserRedirect, ProblemHttpResult>> Post(
        HttpContext context, AuthorizeFlow flow)
    {
        if (Forms.IsJson(context.Request))
        {
            if (await ReadJsonObjectAsync(context) is not { } json)
            {
                return TypedResults.Json(new AuthorizeJson { Error = "invalid_request", ErrorDescription = "The body must be a JSON object." }, statusCode: 400);
            }

            var decision = json.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : "";
            return await flow.RunAsync(context, AuthorizeRequest.From(json), decision, new AuthorizeMode(Json: true, AfterPost: true));
        }

        if (!Forms.IsForm(context.Request))
        {
            return TypedResults.Problem(statusCode: 415, title: "Unsupported media type",
                detail: "Post the consent form, or JSON with Content-Type: application/json.");
        }

        if (await Forms.ReadCheckedFormAsync(context) is not { } form)
        {
            return Page.Error("Consent form refused", "The form expired or was not sent by this site. Start the sign-in again from the application.");
        }

        var request = AuthorizeRequest.From(name => form[name]);
        return await flow.RunAsync(context, request, form["decision"].ToString(), new AuthorizeMode(Json: false, AfterPost: true));
    }

    private static async Task<JsonElement?> ReadJsonObjectAsync(HttpContext context)
    {
        if (context.Request.ContentLength > 16 * 1024)
        {
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The JSON answers of the authorization endpoint, for scripts and <c>.http</c> files.</summary>
public sealed record AuthorizeJson
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("error_description")] public string? ErrorDescription { get; init; }
    [JsonPropertyName("scope")] public string? Scope { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("iss")] public string? Issuer { get; init; }
    [JsonPropertyName("redirect_to")] public string? RedirectTo { get; init; }
}
