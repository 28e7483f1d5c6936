namespace MiniOAuth.Client.Http;

/// <summary>
/// The authorization server could not be reached or gave an answer this client cannot use.
/// The error pages turn it into a <c>502 Bad Gateway</c> page; its message is written for the user.
/// </summary>
internal sealed class UpstreamException(string message, Exception? inner = null) : Exception(message, inner);
