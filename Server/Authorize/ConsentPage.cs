using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Data.Entities;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Authorize;

internal static class ConsentPage
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["profile"] = "your username and display name",
        ["email"] = "your email address",
        ["roles"] = "your roles",
        ["userdata"] = "the data this app stores for you",
    };

    public static ContentHttpResult Render(HttpContext context, AuthorizeRequest request, Client client, User user, string[] scopes)
    {
        var hidden = string.Concat(request.Sent().Select(p => $"""<input type="hidden" name="{p.Key}" value="{E(p.Value)}">"""));
        var items = string.Concat(scopes.Select(s => $"<li><strong>{E(s)}</strong>: {E(Descriptions.GetValueOrDefault(s, s))}</li>"));
        return Page.Render("Allow access?", $"""
            <h1>Allow {E(client.Name)} to access your account?</h1>
            <p>Signed in as <strong>{E(user.Username)}</strong>. <strong>{E(client.Name)}</strong> asks for:</p>
            <ul class="scopes">{items}</ul>
            <form method="post" action="/oauth/authorize/">
              {Forms.AntiforgeryField(context)}
              {hidden}
              <button type="submit" name="decision" value="allow">Allow</button>
              <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
            </form>
            <p class="muted">You will be sent back to {E(request.RedirectUri)}.</p>
            """);
    }
}
