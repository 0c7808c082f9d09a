using System.Globalization;
using System.Resources;
using System.Text;
using OpenDvc.Platform.Refusals;
using OpenDvc.Resources;

namespace OpenDvc.Tests.Platform.Refusals;

/// <summary>
/// docs/refusal-codes.md, written from the one catalogue (<see cref="RefusalCatalog"/>) and the messages in
/// RefusalText.resx: run the tests with OPENDVC_WRITE_DOCS=1 to rewrite it after adding or changing a code.
/// </summary>
public static class RefusalCodesDoc
{
    public const string RelativePath = "docs/refusal-codes.md";

    private static readonly ResourceManager Texts = new(typeof(RefusalText));

    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("""
            # Refusal codes

            Every refusal the API, the pages and the CLI give has a stable code (a public contract: a unit's one-stop system
            acts on it), an HTTP status and a message in Vietnamese and English. The codes are constants of one `…Codes` class
            per capability (`src/OpenDvc/*/…Codes.cs`), the messages are in `src/OpenDvc/Resources/RefusalText.resx` (vi) and
            `RefusalText.en.resx` (en), keyed by code; `{0}`, `{1}` stand for the details filled in (a unit, a day, a number).
            An API answers with an RFC 9457 problem document: `code`, `message_vi`, `message_en`, the title in the reader's
            language. The ledger's sync reason codes (`PROCEDURE_UNKNOWN`, …) are the sync contract's (docs/sync-contract.md),
            not listed here.

            Changes: `OD-FILE-MISSING` (a missing upload of a directive's file or a nomination's attachment, issue 19) was the
            same refusal as the older `OD-IMPORT-NO-FILE`; it is now `OD-IMPORT-NO-FILE` everywhere.

            This page is generated from the code (tests/OpenDvc.Tests/Platform/Refusals/RefusalCodesDoc.cs); a test fails
            when they differ.

            """);
        foreach (var group in RefusalCatalog.All.GroupBy(c => c.DeclaredIn).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {group.Key}\n\n| code | status | tiếng Việt | English |\n|---|---|---|---|\n");
            foreach (var code in group)
            {
                text.Append(CultureInfo.InvariantCulture, $"| `{code.Code}` | {code.Status} | {Cell(code.Code, "vi")} | {Cell(code.Code, "en")} |\n");
            }
        }

        return text.ToString();
    }

    private static string Cell(string key, string language) =>
        (Texts.GetString(key, CultureInfo.GetCultureInfo(language)) ?? "").Replace("|", "\\|", StringComparison.Ordinal);
}
