using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace MiniOAuth.Client.Protocol;

/// <summary>Client authentication with HTTP Basic, the <c>client_secret_basic</c> method.</summary>
internal static class ClientSecretBasic
{
    /// <summary>
    /// RFC 6749 §2.3.1: the id and the secret are each form-urlencoded (Appendix B) before they are
    /// joined with a colon and base64-encoded; a colon or space in either would break otherwise.
    /// </summary>
    public static AuthenticationHeaderValue Header(string clientId, string clientSecret)
    {
        var credentials = $"{WebUtility.UrlEncode(clientId)}:{WebUtility.UrlEncode(clientSecret)}";
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }
}
