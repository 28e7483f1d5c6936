using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Client.Discovery;
using MiniOAuth.Client.Sessions;

namespace MiniOAuth.Client.Dashboard;

/// <summary>The parts of saving userdata that are about the HTML form rather than the store.</summary>
internal static class UserDataPost
{
    /// <summary>The posted form, or null when it is not a form or lacks a valid antiforgery token.</summary>
    public static async Task<UserDataForm?> ReadAsync(HttpContext context, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return null;
            }

            var fields = await context.Request.ReadFormAsync(cancellationToken);
            return UserDataForm.Read(fields["userdata"].ToString(), fields["etag"].ToString());
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or AntiforgeryValidationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The server refused the save. On 412 someone changed the data since it was read: the page shows
    /// the current data and keeps the user's text, now tied to the new version, so saving again is a choice.
    /// </summary>
    public static async Task<ContentHttpResult> RenderRefusalAsync(
        HttpContext context, ClientSession session, Profile profile, UserDataForm form, UserDataAnswer saved,
        AuthorizationServerMetadata server, UserDataApi userData, IAntiforgery antiforgery, TimeProvider time, CancellationToken cancellationToken)
    {
        if (saved.Status == StatusCodes.Status412PreconditionFailed)
        {
            var current = await userData.ReadAsync(server, profile.Sub, session.Steps, cancellationToken);
            session.UserData = current.Data ?? session.UserData;
            var conflict = new UserDataEditor(form.Text, current.Data?.ETag ?? form.ETag, Notice: null,
                "The userdata changed since this page was loaded, so nothing was saved. The stored version is shown above; "
                + "your text is kept below. Save again to replace the stored version with it.");
            return DashboardEndpoints.Render(context, session, profile, conflict, antiforgery, time, StatusCodes.Status409Conflict);
        }

        // 400 and 413 are about what the user typed; anything else is the server's failure.
        var status = saved.Status is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status502BadGateway;
        var refused = new UserDataEditor(form.Text, form.ETag, Notice: null, $"The server refused to save it ({saved.Problem}). Nothing was saved.");
        return DashboardEndpoints.Render(context, session, profile, refused, antiforgery, time, status);
    }
}
