namespace MiniOAuth.Server.Cli;

/// <summary>The <c>--name value</c> and <c>--flag</c> options of one command.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> _values = [];
    private readonly HashSet<string> _flags = [];

    /// <summary>Parses <paramref name="args"/>; an option that the command does not know is an error.</summary>
    public static (CommandArguments? Arguments, string? Error) Parse(IEnumerable<string> args, string[] valueOptions, string[] flags)
    {
        var parsed = new CommandArguments();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (flags.Contains(arg))
            {
                parsed._flags.Add(arg);
            }
            else if (valueOptions.Contains(arg))
            {
                if (!e.MoveNext() || e.Current.StartsWith("--", StringComparison.Ordinal))
                {
                    return (null, $"{arg} needs a value.");
                }

                parsed._values.TryAdd(arg, []);
                parsed._values[arg].Add(e.Current);
            }
            else
            {
                return (null, $"Unknown argument '{arg}'.");
            }
        }

        return (parsed, null);
    }

    public bool Has(string flag) => _flags.Contains(flag);
    public string? Value(string option) => _values.GetValueOrDefault(option)?.LastOrDefault();
    public IReadOnlyList<string> Values(string option) => _values.GetValueOrDefault(option) ?? [];
}
