using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace MiniOAuth.Client.Pages;

/// <summary>
/// Markup that is safe to write. It is only made by <see cref="Of"/>, whose template HTML-encodes
/// every interpolated value that is not itself <see cref="Html"/>: a page cannot forget to encode.
/// </summary>
internal readonly struct Html
{
    private readonly string? value;

    private Html(string value) => this.value = value;

    public static Html Empty => default;

    public string Value => value ?? string.Empty;

    public static Html Of(ref HtmlTemplate template) => new(template.Build());

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(part => part.Value)));

    /// <summary>Either the markup or nothing, for optional parts of a page.</summary>
    public static Html When(bool condition, Func<Html> part) => condition ? part() : Empty;

    public override string ToString() => Value;
}

/// <summary>The interpolated string handler behind <see cref="Html.Of"/>.</summary>
[InterpolatedStringHandler]
internal readonly ref struct HtmlTemplate(int literalLength, int formattedCount)
{
    // Encodes the characters that matter in HTML (<, >, &, quotes) and leaves other letters readable.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder builder = new(literalLength + (formattedCount * 16));

    public void AppendLiteral(string literal) => builder.Append(literal);

    public void AppendFormatted(Html markup) => builder.Append(markup.Value);

    public void AppendFormatted(string? text) => builder.Append(Encoder.Encode(text ?? string.Empty));

    public void AppendFormatted<T>(T value, string? format = null)
    {
        var text = value is IFormattable formattable
            ? formattable.ToString(format, CultureInfo.InvariantCulture)
            : value?.ToString();
        builder.Append(Encoder.Encode(text ?? string.Empty));
    }

    public string Build() => builder.ToString();
}
