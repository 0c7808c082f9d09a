using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace OpenDvc.Registry;

/// <summary>What the registry's pages share: links that keep the filters, file downloads, messages in the reader's language.</summary>
public static class RegistryPages
{
    /// <summary>The current page's address with one query value set (or removed when null); paging and format are reset.</summary>
    public static string Link(HttpRequest request, string key, string? value)
    {
        var items = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => kv.Key is not ("after" or "format") && kv.Key != key)
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .ToList();
        if (value is not null)
        {
            items.Add(new(key, value));
        }

        return request.Path + QueryString.Create(items).ToUriComponent();
    }

    /// <summary>Sends a table file from a page handler (the export is a minimal-API result).</summary>
    public static async Task<IActionResult> SendAsync(HttpContext http, Task<IResult> file)
    {
        await (await file).ExecuteAsync(http);
        return new EmptyResult();
    }

    public static bool IsVietnamese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";

    public static string Message(RuleViolation v) => IsVietnamese ? v.Vietnamese : v.English;

    public static string Message(Transfer.ImportError e) => IsVietnamese ? e.MessageVi : e.MessageEn;
}
