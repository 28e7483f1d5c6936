namespace MiniOAuth.Server.Protocol;

/// <summary>The scopes MiniOAuth knows (RFC 6749 §3.3: a space-delimited, case-sensitive list).</summary>
internal static class Scopes
{
    public const string Profile = "profile";
    public const string Email = "email";
    public const string Roles = "roles";
    public const string UserData = "userdata";

    public static readonly IReadOnlyList<string> All = [Profile, Email, Roles, UserData];

    /// <summary>What an authorization request gets when it asks for no scope.</summary>
    public const string Default = Profile;

    /// <summary>The distinct scopes of a scope string, in the order given.</summary>
    public static string[] Parse(string? scope) =>
        string.IsNullOrEmpty(scope) ? [] : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();

    public static string Join(IEnumerable<string> scopes) => string.Join(' ', scopes);

    public static bool Contains(string scope, string wanted) => Parse(scope).Contains(wanted);
}
