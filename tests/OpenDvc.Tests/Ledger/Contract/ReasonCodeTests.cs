using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OpenDvc.Ledger.Quarantine;

namespace OpenDvc.Tests.Ledger.Contract;

public sealed partial class ReasonCodeTests
{
    [Fact]
    public void Every_code_has_a_unique_stable_name_and_both_messages()
    {
        var codes = Enum.GetValues<ReasonCode>().Where(c => c != ReasonCode.None).ToList();

        Assert.Equal(codes.Order(), ReasonCodes.All.Select(r => r.Code).Order());
        Assert.Equal(ReasonCodes.All.Count, ReasonCodes.All.Select(r => r.Name).Distinct().Count());
        Assert.All(ReasonCodes.All, r =>
        {
            Assert.Matches(StableName(), r.Name);
            Assert.False(string.IsNullOrWhiteSpace(r.Vietnamese));
            Assert.False(string.IsNullOrWhiteSpace(r.English));
            Assert.NotEqual(r.Vietnamese, r.English);
            Assert.True(ReasonCodes.TryParse(r.Name, out var parsed));
            Assert.Equal(r.Code, parsed);
        });
    }

    [Fact]
    public void Describes_an_issue_by_its_code_and_field()
    {
        Assert.Equal("DATE_ORDER:NgayTra", new DossierIssue(ReasonCode.DateOrder, "NgayTra").ToString());
        Assert.Equal("JSON_MALFORMED", new DossierIssue(ReasonCode.JsonMalformed).ToString());
        Assert.False(ReasonCodes.TryParse("NO_SUCH_CODE", out _));
    }

    [Fact]
    public void The_sync_validation_doc_lists_every_code_with_its_messages()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "sync-validation.md"));
        var expected = new StringBuilder("| code | n° | tiếng Việt | English |\n|---|---|---|---|\n");
        foreach (var r in ReasonCodes.All)
        {
            expected.Append(CultureInfo.InvariantCulture, $"| `{r.Name}` | {(int)r.Code} | {r.Vietnamese} | {r.English} |\n");
        }

        Assert.True(doc.Contains(expected.ToString(), StringComparison.Ordinal),
            "docs/sync-validation.md is out of date; its table of codes should read:\n" + expected);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenDvc.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex StableName();
}
