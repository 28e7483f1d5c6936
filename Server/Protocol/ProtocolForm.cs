using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Data.Entities;

namespace MiniOAuth.Server.Protocol;

/// <summary>
/// The shared front of the token, revocation and introspection endpoints: a form-encoded body
/// (RFC 6749 §3.2), client authentication (§2.3), and RFC 6749 §5.2 errors.
/// </summary>
internal static class ProtocolForm
{
    /// <summary>
    /// Reads a request of the token, revocation or introspection endpoint: the form, its parameters
    /// (checked by their validator), and the client's authentication, with the first failure as an
    /// RFC 6749 §5.2 error. RFC 7009 §2.1 and RFC 7662 §2.1 authenticate the client first
    /// (<paramref name="clientFirst"/>); the token endpoint checks its parameters first.
    /// <paramref name="mayCall"/> refuses an authenticated client that may not use the endpoint.
    /// </summary>
    public static async Task<(Client? Client, T? Request, OAuthError? Error)> ReadAsync<T>(
        HttpContext context, Func<IFormCollection, T> parse, IValidator<T> validator, bool clientFirst,
        Func<Client, OAuthError?>? mayCall = null)
    {
        if (!context.Request.HasFormContentType
            || !context.Request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, default, OAuthError.InvalidRequest("The body must be application/x-www-form-urlencoded."));
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or DecoderFallbackException)
        {
            return (null, default, OAuthError.InvalidRequest("The form body cannot be read: it is malformed or too large."));
        }

        var request = parse(form);
        var invalid = (await validator.ValidateAsync(request, context.RequestAborted)).Errors.FirstOrDefault() is { } failure
            ? OAuthError.InvalidRequest(failure.ErrorMessage)
            : null;
        if (invalid is not null && !clientFirst)
        {
            return (null, default, invalid);
        }

        var (client, error) = await ClientAuthentication.AuthenticateAsync(context, form);
        if (client is null)
        {
            return (null, default, error);
        }

        error = mayCall?.Invoke(client) ?? invalid;
        return error is null ? (client, request, null) : (null, default, error);
    }

    // RFC 6749 §3.2: parameters sent without a value are treated as omitted.
    public static string? Value(IFormCollection form, string name) => form[name].ToString() is { Length: > 0 } v ? v : null;

    /// <summary>RFC 6749 §5.2: 400, or 401 with a challenge when client authentication failed (429 at the rate limit).</summary>
    public static JsonHttpResult<OAuthError> Error(HttpContext context, OAuthError error)
    {
        if (error.Error == Errors.InvalidClient)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"MiniOAuth\"";
            return TypedResults.Json(error, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (error.Error == Errors.TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Json(error, statusCode: StatusCodes.Status429TooManyRequests);
        }

        return TypedResults.Json(error, statusCode: StatusCodes.Status400BadRequest);
    }
}
