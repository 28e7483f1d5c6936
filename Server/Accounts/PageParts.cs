using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniOAuth.Server.Html;
using static MiniOAuth.Server.Html.Page;

namespace MiniOAuth.Server.Accounts;

/// <summary>Pieces shared by the account and admin pages.</summary>
internal static class PageParts
{
    public static ContentHttpResult Forbidden() => Page.Render("Not allowed", """
        <h1>Not allowed</h1>
        <p class="error" role="alert">This page is for administrators only.</p>
        <p><a href="/oauth/account/">Back to my account</a></p>
        """, StatusCodes.Status403Forbidden);

    public static ContentHttpResult NotFound(string what, string back) => Page.Render("Not found", $"""
        <h1>Not found</h1>
        <p class="error" role="alert">{E(what)}</p>
        <p><a href="{E(back)}">Back</a></p>
        """, StatusCodes.Status404NotFound);

    public static ContentHttpResult NotPossible(string why, string back) => Page.Render("Not possible", $"""
        <h1>Not possible</h1>
        <p class="error" role="alert">{E(why)}</p>
        <p><a href="{E(back)}">Back</a></p>
        """, StatusCodes.Status400BadRequest);

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
