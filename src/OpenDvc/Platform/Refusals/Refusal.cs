using System.Collections.Immutable;
using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenDvc.Platform.Web;
using OpenDvc.Resources;

namespace OpenDvc.Platform.Refusals;

/// <summary>
/// An expected refusal of an operation: its stable code (a constant of a capability's <c>…Codes</c> class), the HTTP
/// status, and the message, kept in Resources/RefusalText.resx (vi) and .en.resx under the code (or the code and a
/// variant, for another wording of the same refusal) with the arguments formatted in. The API sends it as a problem
/// document (<see cref="ToProblem"/>), pages and the CLI show <see cref="Code"/> and <see cref="Message"/>.
/// </summary>
public sealed record Refusal(string Code, int Status, string MessageKey, ImmutableArray<object?> Arguments)
{
    private static readonly ResourceManager Texts = new(typeof(RefusalText));
    private static readonly CultureInfo VietnameseCulture = CultureInfo.GetCultureInfo("vi");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en");

    /// <summary>Extra members of the problem document (a verdict, the violations), beside code and messages.</summary>
    public ImmutableDictionary<string, object?> Extensions { get; init; } = ImmutableDictionary<string, object?>.Empty;

    /// <summary>The refusal <paramref name="code"/> with its catalogued status (<see cref="RefusalCatalog"/>) and message.</summary>
    public static Refusal Of(string code, params object?[] arguments) => new(code, RefusalCatalog.StatusOf(code), code, [.. arguments]);

    /// <summary>The same refusal worded otherwise: the message under "code.variant".</summary>
    public Refusal Saying(string variant) => this with { MessageKey = $"{Code}.{variant}" };

    /// <summary>The same refusal with one more member in its problem document.</summary>
    public Refusal With(string member, object? value) => this with { Extensions = Extensions.SetItem(member, value) };

    public string Vietnamese => Text(VietnameseCulture);

    public string English => Text(EnglishCulture);

    /// <summary>The message in the reader's language (Vietnamese unless the UI culture is English).</summary>
    public string Message => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? English : Vietnamese;

    /// <summary>RFC 9457: status, code and both messages, for the API.</summary>
    public ProblemHttpResult ToProblem() => Problems.Create(Status, Code, Vietnamese, English, Extensions.IsEmpty ? null : Extensions);

    /// <summary>The message template in <paramref name="language"/>, numbers and dates formatted as the request's culture writes them.</summary>
    private string Text(CultureInfo language)
    {
        var template = Texts.GetString(MessageKey, language) ?? MessageKey;
        var english = language.TwoLetterISOLanguageName == "en";
        return Arguments.IsEmpty
            ? template
            : string.Format(CultureInfo.CurrentCulture, template, [.. Arguments.Select(a => a is Bilingual text ? (english ? text.English : text.Vietnamese) : a)]);
    }
}
