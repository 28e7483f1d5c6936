using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniOAuth.Server.UserData;

/// <summary>
/// Every error of the userdata store, as RFC 9457 problem details that say what is wrong. They reveal
/// nothing about other clients' data or about which users exist.
/// </summary>
internal static class UserDataProblems
{
    public static ProblemHttpResult TwoCredentials() => Problem(StatusCodes.Status400BadRequest, "Two credentials",
        "Send either X-API-Key or Authorization: Bearer, not both.");

    public static ProblemHttpResult NoCredentials() => Problem(StatusCodes.Status401Unauthorized, "Credentials required",
        "Send the client's X-API-Key, or the user's access token as Authorization: Bearer.");

    public static ProblemHttpResult WrongApiKey() => Problem(StatusCodes.Status401Unauthorized, "Invalid API key",
        "The X-API-Key is missing, empty or not the key of any client.");

    public static ProblemHttpResult InvalidToken() => Problem(StatusCodes.Status401Unauthorized, "Invalid token",
        "The access token is malformed, expired or revoked.");

    public static ProblemHttpResult InsufficientScope() => Problem(StatusCodes.Status403Forbidden, "Insufficient scope",
        "The access token needs the scope 'userdata' and a user (a client-credentials token has none).");

    public static ProblemHttpResult OtherUser() => Problem(StatusCodes.Status403Forbidden, "Another user's data",
        "An access token reaches only the data of the user it was issued for.");

    // Same answer for a user who does not exist and one who has not consented: the key learns nothing.
    public static ProblemHttpResult UnknownUser() => Problem(StatusCodes.Status404NotFound, "No such user",
        "This client's API key reaches only users who have consented to the client.");

    public static ProblemHttpResult BadPrecondition() => Problem(StatusCodes.Status400BadRequest, "Invalid conditional header",
        "If-Match and If-None-Match must be * or a list of quoted entity tags.");

    public static ProblemHttpResult PreconditionFailed() => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed",
        "The stored object does not match If-Match (or matches If-None-Match); GET it again for its current ETag.");

    public static ProblemHttpResult UnsupportedMediaType(IEnumerable<string> accepted) => Problem(
        StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
        $"Send the body as {string.Join(" or ", accepted)}, in UTF-8.");

    public static ProblemHttpResult TooLarge(int maxBytes) => Problem(StatusCodes.Status413PayloadTooLarge, "Too large",
        $"The body is over {maxBytes} bytes.");

    public static ProblemHttpResult UnreadableBody(int statusCode) => Problem(statusCode, "Unreadable body",
        "The request body could not be read.");

    // A JSON rule broken by the body, or by the result of merging it into the stored object.
    public static ProblemHttpResult Rejected(JsonCheck check) => check.Fault switch
    {
        JsonFault.TooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "Too large", check.Detail),
        JsonFault.TooDeep => Problem(StatusCodes.Status400BadRequest, "Nested too deeply", check.Detail),
        JsonFault.NotAnObject => Problem(StatusCodes.Status400BadRequest, "Not a JSON object", check.Detail),
        JsonFault.DuplicateMember => Problem(StatusCodes.Status400BadRequest, "Duplicate member", check.Detail),
        _ => Problem(StatusCodes.Status400BadRequest, "Malformed JSON", check.Detail),
    };

    public static ProblemHttpResult Contended() => Problem(StatusCodes.Status409Conflict, "Too many concurrent writes",
        "Other writes to this object kept getting in first; nothing was written. Try again.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
