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

    /// <summary>
    /// The repository stands alone (issue 19): a clone has no documents beside it, so code and docs cite the project's own
    /// (docs/domain.md, docs/sync-contract.md), never a path out of the repository or the upper-case names of the
    /// documents they were written from.
    /// </summary>
    [Fact]
    public void Code_and_docs_cite_no_document_outside_the_repository()
    {
        var offences = RepositoryLines()
            .Where(l => OutsideDocument().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offences.Count == 0, $"cite docs/domain.md or docs/sync-contract.md instead:\n{string.Join('\n', offences)}");
    }

    [Fact]
    public void Every_document_cited_in_code_exists()
    {
        var missing = RepositoryLines()
            .Where(l => !l.File.EndsWith(".md", StringComparison.Ordinal))
            .SelectMany(l => CitedDocument().Matches(l.Text).Select(m => (l.File, l.Line, Path: m.Value)))
            .Where(c => !File.Exists(Path.Combine(RepositoryRoot(), c.Path)))
            .Select(c => $"{c.File}:{c.Line}: {c.Path}")
            .ToList();

        Assert.True(missing.Count == 0, $"cited documents that do not exist:\n{string.Join('\n', missing)}");
    }

    [Fact]
    public void The_document_checks_find_what_they_look_for()
    {
        Assert.Matches(OutsideDocument(), "(`../shared/docs/SYNC-CONTRACT.md`)");
        Assert.Matches(OutsideDocument(), "/// (DOMAIN.md, Indicators)");
        Assert.DoesNotMatch(OutsideDocument(), "/// (docs/domain.md, Indicators)");
        Assert.Equal("docs/decisions/ledger-rollups.md", CitedDocument().Match("/// See docs/decisions/ledger-rollups.md.").Value);
    }

    [GeneratedRegex(@"\.\./shared|\b(DOMAIN|SYNC-CONTRACT|CONVENTIONS)\.md", RegexOptions.CultureInvariant)]
    private static partial Regex OutsideDocument();

    [GeneratedRegex(@"\bdocs/[\w./-]+\.md\b", RegexOptions.CultureInvariant)]
    private static partial Regex CitedDocument();

    private static readonly string[] DocumentFolders = ["src", "bench", "docs"];
    private static readonly string[] TextExtensions = [".cs", ".cshtml", ".csproj", ".json", ".http", ".md", ".txt", ".props"];

    /// <summary>Every line of README.md and of the text files under src/, bench/ and docs/ (build output left out).</summary>
    private static IEnumerable<(string File, int Line, string Text)> RepositoryLines()
    {
        var root = RepositoryRoot();
        var files = DocumentFolders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            .Where(f => TextExtensions.Contains(Path.GetExtension(f), StringComparer.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Path.Combine(root, "README.md"));
        return files.SelectMany(f => File.ReadLines(f).Select((line, i) => (Path.GetRelativePath(root, f), i + 1, line)));
    }

    private static Regex Reference(string capability) => new($@"\bOpenDvc\.{capability}\b", RegexOptions.CultureInvariant);

    private static string SourceRoot() => Path.Combine(RepositoryRoot(), "src", "OpenDvc");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenDvc.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
