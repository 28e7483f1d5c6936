using Microsoft.Extensions.Options;
using MiniOAuth.Server.Data;
using MiniOAuth.Server.Options;

namespace MiniOAuth.Server.Cli;

/// <summary>What the server prints in a terminal when it starts serving, or cannot (Shared/ConsoleStart.cs).</summary>
internal static class StartLines
{
    public static string Listening(WebApplication app, string urls) => app.Environment.IsDevelopment()
        ? $"MiniOAuth server on {urls} — open {DemoData.ClientAppUrl} to try the flow"
        : $"MiniOAuth server on {urls}, issuer {app.Services.GetRequiredService<IOptions<OAuthOptions>>().Value.Issuer} ({app.Environment.EnvironmentName})";

    public static string PortTaken(string url) =>
        $"error: {url} is in use by another program (a MiniOAuth server already running?). Stop it, or move this server: "
        + "--urls http://localhost:8080 --OAuth:Issuer=http://localhost:8080 (the Urls and OAuth:Issuer settings; README, \"Other ports\")";
}
