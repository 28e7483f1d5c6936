using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Accounts;

/// <summary>Pieces shared by the account and admin pages.</summary>
internal static class PageParts
{
    public static ContentHttpResult Forbidden() => Message(
        "Not allowed", "This page is for administrators only.", "/oauth/account/", "Back to my account", StatusCodes.Status403Forbidden);

    public static ContentHttpResult NotFound(string what, string back) => Message("Not found", what, back, "Back", StatusCodes.Status404NotFound);

    public static ContentHttpResult NotPossible(string why, string back) => Message("Not possible", why, back, "Back", StatusCodes.Status400BadRequest);

    private static ContentHttpResult Message(string title, string message, string back, string link, int status) => Page.Render(title, $"""
        <h1>{title}</h1>
        {Error(message)}
        <p><a href="{E(back)}">{link}</a></p>
        """, status);

    /// <summary>A confirmation after a redirect; only known keys are shown, never text from the URL.</summary>
    public static string Notice(IReadOnlyDictionary<string, string> notices, string? key) =>
        key is not null && notices.TryGetValue(key, out var text) ? $"""<p class="notice" role="status">{E(text)}</p>""" : "";

    public static string Error(string? message) =>
        message is null ? "" : $"""<p class="error" role="alert">{E(message)}</p>""";
}

/// <summary>The validation messages of a form, by field, shown beside the field they are about.</summary>
internal sealed class FormErrors(IEnumerable<ValidationFailure> failures)
{
    private readonly ILookup<string, string> _messages = failures.ToLookup(f => Field(f.PropertyName), f => f.ErrorMessage);

    public static FormErrors None { get; } = new([]);

    public static FormErrors One(string field, string message) => new([new ValidationFailure(field, message)]);

    /// <summary>The messages of one field (a list's items count as the list), as HTML.</summary>
    public string For(string field) => string.Concat(_messages[field].Distinct().Select(PageParts.Error));

    // "RedirectUris[2]" is about the field "RedirectUris".
    private static string Field(string propertyName) => propertyName.Split('[')[0];
}
