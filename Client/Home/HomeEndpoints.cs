using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Pages;
using MiniOAuth.Client.Sessions;

namespace MiniOAuth.Client.Home;

/// <summary>The home page: a way to sign in, or who is signed in.</summary>
internal static class HomeEndpoints
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ShowHome);
        return app;
    }

    private static ContentHttpResult ShowHome(HttpContext context, SessionStore sessions, IOptions<ClientOptions> options)
    {
        var session = context.FindClientSession(sessions);
        var body = session?.Tokens is null ? SignedOut(options.Value) : SignedIn(session.Profile?.Username);
        return Layout.Page("Home", body, signedIn: session?.Tokens is not null);
    }

    private static Html SignedOut(ClientOptions options) => Html.Of($"""
        <section class="card">
        <h1>Sign in with MiniOAuth</h1>
        <p>This app is an OAuth 2.0 client. It sends you to the authorization server at <code>{options.Authority}</code>
        to sign in and to allow it the scopes <code>{options.Scopes}</code>, then shows what it may read, and every step it took.</p>
        <p class="actions"><a class="button" href="/login">Sign in</a></p>
        </section>
        """);

    private static Html SignedIn(string? username) => Html.Of($"""
        <section class="card">
        <h1>Signed in{(username is null ? string.Empty : $" as {username}")}</h1>
        <p class="actions"><a class="button" href="/dashboard">Open the dashboard</a> <a href="/logout">Sign out</a></p>
        </section>
        """);
}
