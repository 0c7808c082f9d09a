using System.Collections;
using System.Globalization;
using System.Resources;
using OpenDvc.Platform.Refusals;
using OpenDvc.Resources;

namespace OpenDvc.Tests.Platform.Refusals;

/// <summary>The one catalogue of refusal codes (issue 19): each code declared once, with messages in both languages and in the doc.</summary>
public sealed class RefusalTests
{
    [Fact]
    public void Every_code_has_a_vietnamese_and_an_english_message()
    {
        var vietnamese = Keys("vi");
        var english = Keys("en");

        var missing = RefusalCatalog.All.Select(c => c.Code)
            .Where(code => !vietnamese.ContainsKey(code) || !english.ContainsKey(code))
            .ToList();

        Assert.NotEmpty(RefusalCatalog.All);
        Assert.True(missing.Count == 0, $"add the message to RefusalText.resx and RefusalText.en.resx: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_message_belongs_to_a_code_and_exists_in_both_languages()
    {
        var codes = RefusalCatalog.All.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var vietnamese = Keys("vi");
        var english = Keys("en");

        var strays = vietnamese.Keys.Union(english.Keys).Where(key => !codes.Contains(key.Split('.')[0])).ToList();
        var unpaired = vietnamese.Keys.Except(english.Keys).Union(english.Keys.Except(vietnamese.Keys)).ToList();
        var untranslated = vietnamese.Where(m => english.GetValueOrDefault(m.Key) == m.Value && m.Value.Any(c => c > 127)).Select(m => m.Key).ToList();

        Assert.True(strays.Count == 0, $"messages of no catalogued code: {string.Join(", ", strays)}");
        Assert.True(unpaired.Count == 0, $"messages in one language only: {string.Join(", ", unpaired)}");
        Assert.True(untranslated.Count == 0, $"English messages left in Vietnamese: {string.Join(", ", untranslated)}");
    }

    [Fact]
    public void Each_code_is_declared_once()
    {
        var twice = RefusalCatalog.All.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => $"{c.DeclaredIn}.{c.Name}"))}").ToList();

        Assert.True(twice.Count == 0, string.Join('\n', twice));
    }

    [Fact]
    public void A_refusal_reads_its_status_and_both_messages_with_the_details_filled_in()
    {
        var refusal = Refusal.Of(PlatformCodes.FileTooLarge, 10.0);
        var file = Refusal.Of(PlatformCodes.NoFile, "/tmp/units.csv").Saying("Path");

        Assert.Equal(413, refusal.Status);
        Assert.Equal("The file is too large (at most 10 MB).", refusal.English);
        Assert.Equal("Tệp quá lớn (tối đa 10 MB).", refusal.Vietnamese);
        Assert.Equal("No file '/tmp/units.csv'.", file.English);
        Assert.Equal("OD-IMPORT-NO-FILE", file.Code);
        Assert.Throws<ArgumentException>(() => Refusal.Of("OD-NOT-CATALOGUED"));
    }

    [Fact]
    public void A_refusal_is_a_problem_document_with_its_code_and_both_messages()
    {
        var problem = Refusal.Of(PlatformCodes.Forbidden).With("unit", "01").ToProblem().ProblemDetails;

        Assert.Equal(403, problem.Status);
        Assert.Equal("https://opendvc.gov.vn/problems/OD-FORBIDDEN", problem.Type);
        Assert.Equal("OD-FORBIDDEN", problem.Extensions["code"]);
        Assert.Equal("Bạn không có quyền với dữ liệu của đơn vị này.", problem.Extensions["message_vi"]);
        Assert.Equal("You may not access this unit's data.", problem.Extensions["message_en"]);
        Assert.Equal("01", problem.Extensions["unit"]);
    }

    [Fact]
    public void The_refusal_codes_doc_lists_every_code_as_the_catalogue_has_it()
    {
        var path = Path.Combine(ArchitectureTests.RepositoryRoot(), RefusalCodesDoc.RelativePath);
        var expected = RefusalCodesDoc.Render();
        if (Environment.GetEnvironmentVariable("OPENDVC_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        var actual = File.Exists(path) ? File.ReadAllText(path) : "";

        Assert.True(actual == expected, $"{RefusalCodesDoc.RelativePath} differs from the codes: run the tests with OPENDVC_WRITE_DOCS=1 to rewrite it");
        Assert.All(RefusalCatalog.All, c => Assert.Contains($"| `{c.Code}` | {c.Status} |", actual, StringComparison.Ordinal));
    }

    /// <summary>The messages of one language as its own resource file has them (no fallback to the other).</summary>
    private static Dictionary<string, string> Keys(string language)
    {
        var set = new ResourceManager(typeof(RefusalText)).GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false);
        return set is null ? [] : set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }
}
