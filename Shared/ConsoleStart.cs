using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Connections;

namespace MiniOAuth.Hosting;

/// <summary>
/// What both apps say in a terminal (this file is compiled into each, see Directory.Build.props): one
/// line with the app's address once it listens, instead of ASP.NET Core's five status lines; and, when
/// the port is taken, one line that names the port and the setting that moves it, then exit code 1,
/// instead of Kestrel's two stack traces.
/// </summary>
internal static class ConsoleStart
{
    /// <summary>Turns off ASP.NET Core's "Now listening on", "Application started", … lines: the app prints its own.</summary>
    public static void PrintOwnStartLine(this WebApplicationBuilder builder) =>
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

    /// <summary>Runs the app until it stops: 0, or 1 when its port is taken.</summary>
    /// <param name="startLine">The line printed once listening, from the addresses listened on.</param>
    /// <param name="portTaken">The line printed on stderr when an address (such as http://localhost:8000) is taken.</param>
    public static async Task<int> ServeAsync(this WebApplication app, Func<string, string> startLine, Func<string, string> portTaken)
    {
        // Kestrel listens on "Urls" (appsettings.json, ASPNETCORE_URLS, --urls). Checked only when this app
        // is the process: inside a test host the server listens wherever the test says.
        var urls = app.Configuration["urls"] ?? "http://localhost:5000";
        if (Assembly.GetEntryAssembly() == typeof(ConsoleStart).Assembly && TakenAddress(urls) is { } taken)
        {
            Console.Error.WriteLine(portTaken(taken));
            return 1;
        }

        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(startLine(string.Join(", ", app.Urls))));
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            // Taken in the moment between the check and Kestrel's bind: the host has logged it already.
            Console.Error.WriteLine(portTaken(urls));
            return 1;
        }
    }

    /// <summary>The first of the addresses whose port another program holds, binding them as Kestrel would.</summary>
    private static string? TakenAddress(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = BindingAddress.Parse(url);
            // "localhost" is both loopbacks; a name other than localhost, "*" or "+" is every interface.
            IPAddress[] ips = address.Host == "localhost" ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
                : IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) ? [ip] : [IPAddress.Any];
            if (!address.IsUnixPipe && address.Port > 0 && ips.Any(ip => IsTaken(new IPEndPoint(ip, address.Port))))
            {
                return url;
            }
        }

        return null;
    }

    private static bool IsTaken(IPEndPoint endpoint)
    {
        try
        {
            var listener = new TcpListener(endpoint);
            listener.Start();
            listener.Stop();
            return false;
        }
        catch (SocketException e)
        {
            // Any other failure (no IPv6 here, say) is Kestrel's to report, as it would without this check.
            return e.SocketErrorCode == SocketError.AddressAlreadyInUse;
        }
    }
}
