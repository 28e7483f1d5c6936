namespace MiniOAuth.Server.Html;

/// <summary>
/// The names of the server's cookies. Outside Development they carry a prefix the browser enforces
/// (RFC 6265bis §4.1.3): a <c>__Host-</c> cookie is kept only when it is Secure, has <c>Path=/</c> and
/// no Domain, so a sibling site on the same host name (another port, a subdomain) can neither set nor
/// overwrite it. Development runs on plain http://localhost, where a prefixed cookie would be dropped.
/// </summary>
internal static class ServerCookies
{
    public static string Session(IHostEnvironment env) => HostPrefixed(env, "minioauth_server_session");

    public static string Antiforgery(IHostEnvironment env) => HostPrefixed(env, "minioauth_server_antiforgery");

    /// <summary><c>__Secure-</c> only: this cookie is limited to the client pages' path, which <c>__Host-</c> forbids.</summary>
    public static string NewCredentials(IHostEnvironment env) =>
        env.IsDevelopment() ? "minioauth_server_new_credentials" : "__Secure-minioauth_server_new_credentials";

    private static string HostPrefixed(IHostEnvironment env, string name) => env.IsDevelopment() ? name : "__Host-" + name;
}
