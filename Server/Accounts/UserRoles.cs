namespace MiniOAuth.Server.Accounts;

/// <summary>The roles the server itself gives meaning to; others are free-form, for the apps.</summary>
internal static class UserRoles
{
    /// <summary>May use the admin console (<c>/oauth/admin/</c>).</summary>
    public const string Admin = "admin";

    /// <summary>What a new user gets.</summary>
    public const string User = "user";
}
