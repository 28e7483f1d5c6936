using System.ComponentModel.DataAnnotations;

namespace MiniOAuth.Server.Options;

/// <summary>Limits of the userdata store, section <c>UserData</c>.</summary>
public sealed class UserDataOptions
{
    public const string Section = "UserData";

    /// <summary>Largest request body and stored object, in bytes. Default 65536.</summary>
    [Range(2, 16 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 65536;

    /// <summary>Deepest nesting of a stored object; the top object is depth 1. Default 32.</summary>
    [Range(1, 256)]
    public int MaxDepth { get; set; } = 32;
}
