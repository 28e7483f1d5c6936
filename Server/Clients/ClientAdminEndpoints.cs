using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Html;

namespace MiniOAuth.Server.Clients;

/// <summary>
/// The admin pages for clients: list, register, change, rotate credentials, delete. Mapped inside the
/// admin group (<see cref="Admin.AdminEndpoints"/>), which lets only administrators through.
/// </summary>
internal static class ClientAdminEndpoints
{
    public const string ListPath = "/oauth/admin/clients/";

    public static string ClientPath(string clientId) => "/oauth/admin/clients/" + Uri.EscapeDataString(clientId);

    public static void MapClientAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/clients", List);
        admin.MapGet("/clients/new", ShowNew);
        admin.MapPost("/clients", Create);
        admin.MapGet("/clients/{id:maxlength(200)}", Show);
        admin.MapPost("/clients/{id:maxlength(200)}", Update);
        admin.MapPost("/clients/{id:maxlength(200)}/rotate-secret", RotateSecret);
        admin.MapPost("/clients/{id:maxlength(200)}/rotate-api-key", RotateApiKey);
        admin.MapGet("/clients/{id:maxlength(200)}/delete", ConfirmDelete);
        admin.MapPost("/clients/{id:maxlength(200)}/delete", Delete);
    }

    private static async Task<ContentHttpResult> List(HttpContext context, ClientRegistration clients, string? notice) =>
        ClientPages.List(await clients.ListAsync(context.RequestAborted), notice);

    private static ContentHttpResult ShowNew(HttpContext context) => ClientPages.New(context, ClientPages.BlankForm, FormErrors.None);

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> Create(
        HttpContext context, ClientRegistration clients, IValidator<NewClient> validator, ShownOnceCredentials shownOnce)
    {
        var request = ClientPages.ReadForm(context.Request.Form, existing: null);
        var validation = await validator.ValidateAsync(request, context.RequestAborted);
        if (!validation.IsValid)
        {
            return ClientPages.New(context, request, new FormErrors(validation.Errors), StatusCodes.Status400BadRequest);
        }

        var registered = await clients.CreateAsync(request, context.RequestAborted);
        shownOnce.Keep(context, registered.Client.Id, registered.Secret, registered.ApiKey);
        return new BrowserRedirect(ClientPath(registered.Client.Id) + "/", afterPost: true);
    }

    private static async Task<ContentHttpResult> Show(
        HttpContext context, ClientRegistration clients, ShownOnceCredentials shownOnce, string id, string? notice) =>
        await clients.FindAsync(id, context.RequestAborted) is { } client
            ? ClientPages.Detail(context, client, ClientPages.FormOf(client), shownOnce.Take(context, id), FormErrors.None, notice)
            : PageParts.NotFound("No such client.", ListPath);

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> Update(
        HttpContext context, ClientRegistration clients, IValidator<NewClient> validator, string id)
    {
        if (await clients.FindAsync(id, context.RequestAborted) is not { } client)
        {
            return PageParts.NotFound("No such client.", ListPath);
        }

        var request = ClientPages.ReadForm(context.Request.Form, client);
        var validation = await validator.ValidateAsync(request, context.RequestAborted);
        if (!validation.IsValid)
        {
            return ClientPages.Detail(context, client, request, null, new FormErrors(validation.Errors), null, StatusCodes.Status400BadRequest);
        }

        return await clients.UpdateAsync(id, request, context.RequestAborted)
            ? new BrowserRedirect(ClientPath(id) + "/?notice=saved", afterPost: true)
            : PageParts.NotFound("No such client.", ListPath);
    }

    private static Task<Results<ContentHttpResult, BrowserRedirect>> RotateSecret(
        HttpContext context, ClientRegistration clients, ShownOnceCredentials shownOnce, string id) =>
        RotateAsync(context, id, clients.RotateSecretAsync, secret => shownOnce.Keep(context, id, secret, apiKey: null));

    private static Task<Results<ContentHttpResult, BrowserRedirect>> RotateApiKey(
        HttpContext context, ClientRegistration clients, ShownOnceCredentials shownOnce, string id) =>
        RotateAsync(context, id, clients.RotateApiKeyAsync, apiKey => shownOnce.Keep(context, id, secret: null, apiKey));

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> RotateAsync(
        HttpContext context, string id, Func<string, CancellationToken, Task<Rotation>> rotate, Action<string> keep)
    {
        var rotation = await rotate(id, context.RequestAborted);
        if (rotation.Credential is null)
        {
            return rotation.NoSuchClient ? PageParts.NotFound(rotation.Error!, ListPath) : PageParts.NotPossible(rotation.Error!, ClientPath(id) + "/");
        }

        keep(rotation.Credential);
        return new BrowserRedirect(ClientPath(id) + "/", afterPost: true);
    }

    // Deleting ends every user's tokens and data for this client: the client's page links here, and only this page's form deletes.
    private static async Task<ContentHttpResult> ConfirmDelete(HttpContext context, ClientRegistration clients, string id) =>
        await clients.FindAsync(id, context.RequestAborted) is { } client
            ? ClientPages.ConfirmDelete(context, client, await clients.FootprintAsync(id, context.RequestAborted))
            : PageParts.NotFound("No such client.", ListPath);

    private static async Task<Results<ContentHttpResult, BrowserRedirect>> Delete(HttpContext context, ClientRegistration clients, string id) =>
        await clients.DeleteAsync(id, context.RequestAborted)
            ? new BrowserRedirect(ListPath + "?notice=deleted", afterPost: true)
            : PageParts.NotFound("No such client.", ListPath);
}
