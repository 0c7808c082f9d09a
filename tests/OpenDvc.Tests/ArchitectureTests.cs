using System.Text.RegularExpressions;

namespace OpenDvc.Tests;

/// <summary>
/// The arrows between capabilities go one way (docs/architecture.md). Checked on the source: a folder may not
/// name a capability that comes after it.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Each capability and the capabilities it must not depend on.</summary>
    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "Platform", ["Accounts", "Registry", "Ledger", "Indicators", "Directives", "Surveys", "Awards"] },
        { "Accounts", ["Registry", "Ledger", "Indicators", "Directives", "Surveys", "Awards"] },
        { "Registry", ["Ledger", "Indicators", "Directives", "Surveys", "Awards"] },
        { "Ledger", ["Indicators", "Directives", "Surveys", "Awards"] },
        { "Indicators", ["Directives", "Surveys", "Awards"] },
        { "Directives", ["Surveys", "Awards"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Capability_does_not_depend_on_later_ones(string capability, string[] later)
    {
        var folder = Path.Combine(SourceRoot(), capability);
        if (!Directory.Exists(folder))
        {
            return;
        }

        var offences = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => later.Any(c => Reference(c).IsMatch(l.Text)))
            .Select(l => $"{Path.GetRelativePath(SourceRoot(), l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offences.Count == 0, $"{capability} must not depend on {string.Join(", ", later)}:\n{string.Join('\n', offences)}");
    }

    [Fact]
    public void The_check_finds_a_forbidden_reference()
    {
        Assert.Matches(Reference("Registry"), "using OpenDvc.Registry.Units;");
        Assert.Matches(Reference("Registry"), "var x = new OpenDvc.Registry.Units.Unit();");
        Assert.DoesNotMatch(Reference("Registry"), "// the registry comes later");
    }

    private static Regex Reference(string capability) => new($@"\bOpenDvc\.{capability}\b", RegexOptions.CultureInvariant);

    private static string SourceRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenDvc.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "src", "OpenDvc");
    }
}
