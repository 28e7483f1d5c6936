using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MiniOAuth.Server.Html;
using MiniOAuth.Server.Options;
using MiniOAuth.Server.Protocol;

namespace MiniOAuth.Server.UserData;

/// <summary>
/// <c>/oauth/userdata/{userId}</c>: the JSON object a client keeps per user. GET reads, PUT replaces,
/// PATCH merges (RFC 7396), DELETE clears; ETags and If-Match follow RFC 9110 §8.8.3 and §13.
/// </summary>
internal static class UserDataEndpoints
{
    public static void MapUserData(this IEndpointRouteBuilder app)
    {
        var userData = app.MapGroup("/oauth/userdata/{userId}")
            .RequireRateLimiting(RateLimiting.PerApiKey)
            .RequireCors(Cors.PublicClients);
        userData.MapGet("", Get);
        userData.MapPut("", Put);
        userData.MapPatch("", Patch);
        userData.MapDelete("", Delete);
    }

    private static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Get(
        string userId, HttpContext context, UserDataAccess access, UserDataStore store)
    {
        var (owner, denied) = await access.AuthorizeAsync(context, userId);
        if (owner is null)
        {
            return denied!;
        }

        if (Preconditions.Read(context.Request) is not { } preconditions)
        {
            return UserDataProblems.BadPrecondition();
        }

        var stored = await store.GetAsync(owner, context.RequestAborted);
        if (!preconditions.IfMatchHolds(stored))
        {
            return UserDataProblems.PreconditionFailed();
        }

        // RFC 9110 §15.4.5: 304 carries the ETag that a 200 would have carried.
        var response = Represent(context, stored);
        return preconditions.IfNoneMatchHolds(stored) ? response : TypedResults.StatusCode(StatusCodes.Status304NotModified);
    }

    private static Task<Results<ContentHttpResult, ProblemHttpResult>> Put(
        string userId, HttpContext context, UserDataAccess access, UserDataStore store, IOptions<UserDataOptions> options) =>
        WriteAsync(userId, context, access, store, options.Value, JsonBody.Json, body => _ => body);

    private static Task<Results<ContentHttpResult, ProblemHttpResult>> Patch(
        string userId, HttpContext context, UserDataAccess access, UserDataStore store, IOptions<UserDataOptions> options) =>
        WriteAsync(userId, context, access, store, options.Value, JsonBody.JsonOrMergePatch, patch => current => MergePatch.Apply(current, patch));

    /// <summary>PUT and PATCH: the body read as <paramref name="mediaTypes"/> says how the stored object changes.</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> WriteAsync(
        string userId, HttpContext context, UserDataAccess access, UserDataStore store, UserDataOptions limits, string[] mediaTypes,
        Func<JsonObject, Func<JsonObject, JsonObject>> change)
    {
        var (owner, denied) = await access.AuthorizeAsync(context, userId);
        if (owner is null)
        {
            return denied!;
        }

        var (body, invalid) = await JsonBody.ReadAsync(context.Request, mediaTypes, limits);
        if (body is null)
        {
            return invalid!;
        }

        if (Preconditions.Read(context.Request) is not { } preconditions)
        {
            return UserDataProblems.BadPrecondition();
        }

        var result = await store.WriteAsync(owner, change(body), preconditions, context.RequestAborted);
        return result.Outcome switch
        {
            WriteOutcome.Written => Represent(context, result.Stored!),
            WriteOutcome.PreconditionFailed => UserDataProblems.PreconditionFailed(),
            WriteOutcome.Rejected => UserDataProblems.Rejected(result.Rejection!),
            _ => UserDataProblems.Contended(),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string userId, HttpContext context, UserDataAccess access, UserDataStore store)
    {
        var (owner, denied) = await access.AuthorizeAsync(context, userId);
        if (owner is null)
        {
            return denied!;
        }

        if (Preconditions.Read(context.Request) is not { } preconditions)
        {
            return UserDataProblems.BadPrecondition();
        }

        var result = await store.ClearAsync(owner, preconditions, context.RequestAborted);
        return result.Outcome switch
        {
            WriteOutcome.Written => TypedResults.NoContent(),
            WriteOutcome.PreconditionFailed => UserDataProblems.PreconditionFailed(),
            _ => UserDataProblems.Contended(),
        };
    }

    // Personal data: no shared cache may keep it, and a private cache must revalidate with the ETag.
    private static ContentHttpResult Represent(HttpContext context, StoredObject stored)
    {
        context.Response.Headers.ETag = stored.ETag;
        context.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Text(stored.Json, "application/json", Encoding.UTF8);
    }
}
