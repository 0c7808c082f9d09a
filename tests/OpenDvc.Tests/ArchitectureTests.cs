using System.Text.RegularExpressions;

namespace OpenDvc.Tests;

/// <summary>
/// The arrows between capabilities go one way (docs/architecture.md) and only Ledger and Indicators read the rollups.
/// Checked on the source's syntax (<see cref="SourceReferences"/>): a folder may not name a capability that comes
/// after it, however partly the name is written.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Each capability and the capabilities it must not depend on.</summary>
    private static readonly Dictionary<string, string[]> Forbidden = new(StringComparer.Ordinal)
    {
        ["Platform"] = ["Accounts", "Registry", "Ledger", "Indicators", "Directives", "Surveys", "Awards"],
        ["Accounts"] = ["Registry", "Ledger", "Indicators", "Directives", "Surveys", "Awards"],
        ["Registry"] = ["Ledger", "Indicators", "Directives", "Surveys", "Awards"],
        ["Ledger"] = ["Indicators", "Directives", "Surveys", "Awards"],
        ["Indicators"] = ["Directives", "Surveys", "Awards"],
        ["Directives"] = ["Surveys", "Awards"],
    };

    /// <summary>The capabilities that may read the ledger's rollups: Ledger keeps them, Indicators is their one reader (issue 19).</summary>
    private static readonly string[] RollupReaders = ["Ledger", "Indicators"];

    [Fact]
    public void Capabilities_do_not_depend_on_later_ones()
    {
        var offences = ArrowOffences(SourceFiles()).ToList();

        Assert.True(offences.Count == 0, $"a capability names one that comes after it (docs/architecture.md):\n{string.Join('\n', offences)}");
    }

    [Fact]
    public void Only_Ledger_and_Indicators_name_the_rollups()
    {
        var offences = RollupOffences(SourceFiles()).ToList();

        Assert.True(offences.Count == 0, $"ask IndicatorCalculator instead of reading DossierRollup:\n{string.Join('\n', offences)}");
    }

    [Fact]
    public void The_checks_find_planted_offences_however_the_name_is_written_issue_19()
    {
        const string ledger = """
            namespace OpenDvc.Ledger.Sync;

            public sealed class Planted
            {
                public Registry.Units.Unit? Unit { get; set; }
                public object Other => new OpenDvc.Indicators.Calculation.Totals();
                public object Global => global::OpenDvc.Awards.AwardsModule.Name;
                public Task<object> Timeline(object db) => Directives.Letters.Loader.LoadAsync(db);
            }
            """;
        const string awards = """
            using OpenDvc.Ledger.Rollups;
            namespace OpenDvc.Awards.Evidence;

            public sealed class Planted(OpenDvc.Platform.Database.OpenDvcDbContext db)
            {
                public IQueryable<Ledger.Rollups.DossierRollup> Rows => db.Set<Ledger.Rollups.DossierRollup>();
                public int Count => db.Set<DossierRollup>().Count();
                public string Sql => "SELECT count(*) FROM dossier_rollups";
                public UnitRollup? Coarse { get; set; }
                public string Services => "SELECT count(*) FROM service_months";
            }
            """;

        var arrows = ArrowOffences([("Ledger/Sync/Planted.cs", ledger)]).ToList();
        var accounts = ArrowOffences([("Accounts/Users/Planted.cs", ledger.Replace("OpenDvc.Ledger.Sync", "OpenDvc.Accounts.Users", StringComparison.Ordinal))]).ToList();
        var rollups = RollupOffences([("Awards/Evidence/Planted.cs", awards), ("Indicators/Planted.cs", awards)]).ToList();
        var razor = ArrowOffences([("Registry/Pages/Planted.cshtml", "@using OpenDvc.Ledger\n<p>@Ledger.Rollups.RollupCounters.All.Count</p>\n<p>@L[\"Ledger.Title\"]</p>")]).ToList();

        // Ledger may name Registry (the arrow points that way): the partly written name is seen, and is no offence there.
        Assert.Equal([5], SourceReferences.LinesNamingCapability("Ledger/Sync/Planted.cs", ledger, "Registry"));
        Assert.Equal(["Ledger/Sync/Planted.cs:6", "Ledger/Sync/Planted.cs:7", "Ledger/Sync/Planted.cs:8"], arrows.Select(Where));
        Assert.Contains("Accounts/Users/Planted.cs:5: public Registry.Units.Unit? Unit { get; set; }", accounts);
        Assert.Equal(4, accounts.Count);
        Assert.Equal(["Awards/Evidence/Planted.cs:6", "Awards/Evidence/Planted.cs:7", "Awards/Evidence/Planted.cs:8", "Awards/Evidence/Planted.cs:9", "Awards/Evidence/Planted.cs:10"], rollups.Select(Where));
        Assert.Equal(["Registry/Pages/Planted.cshtml:1", "Registry/Pages/Planted.cshtml:2"], razor.Select(Where));
    }

    [Fact]
    public void The_checks_leave_comments_strings_and_other_names_alone()
    {
        const string ledger = """
            namespace OpenDvc.Ledger.Sync;

            // The Registry.Units.Unit of a dossier comes later; DossierRollup is Ledger's own.
            public sealed class Planted(object registry)
            {
                public string Text => "Registry.Units.Unit";
                public object Units => registry;
                public string RegistryName => nameof(Planted);
            }
            """;

        Assert.Empty(ArrowOffences([("Ledger/Sync/Planted.cs", ledger)]));
        Assert.Empty(RollupOffences([("Awards/Planted.cs", ledger.Replace("OpenDvc.Ledger.Sync", "OpenDvc.Awards", StringComparison.Ordinal))]));
    }

    private static string Where(string offence) => offence[..offence.IndexOf(':', offence.IndexOf(':', StringComparison.Ordinal) + 1)];

    /// <summary>Each use of a later capability, as "path:line: text", path relative to src/OpenDvc (its first folder is the capability).</summary>
    private static IEnumerable<string> ArrowOffences(IEnumerable<(string Path, string Text)> files) =>
        from file in files
        let capability = file.Path.Split('/')[0]
        from later in Forbidden.GetValueOrDefault(capability) ?? []
        from line in SourceReferences.LinesNamingCapability(file.Path, file.Text, later)
        orderby file.Path, line
        select Offence(file, line);

    /// <summary>Every level of the rollups: its entity type and its table.</summary>
    private static readonly (string Type, string Table)[] RollupTypes =
        [("DossierRollup", "dossier_rollups"), ("UnitRollup", "dossier_unit_rollups"), ("ServiceMonth", "service_months")];

    /// <summary>Each use of the rollups (the type, or its table in SQL) outside <see cref="RollupReaders"/>.</summary>
    private static IEnumerable<string> RollupOffences(IEnumerable<(string Path, string Text)> files) =>
        from file in files
        where !RollupReaders.Contains(file.Path.Split('/')[0], StringComparer.Ordinal)
        from level in RollupTypes
        from line in SourceReferences.LinesNamingType(file.Path, file.Text, level.Type, level.Table)
        select Offence(file, line);

    private static string Offence((string Path, string Text) file, int line) => $"{file.Path}:{line}: {file.Text.Split('\n')[line - 1].Trim()}";

    /// <summary>The C# and Razor files of src/OpenDvc, paths relative to it with '/', migrations (generated) left out.</summary>
    /// <summary>Every hand-written source file: migrations and compiled models are generated from the entity configurations.</summary>
    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        Directory.EnumerateFiles(SourceRoot(), "*.*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Path: Path.GetRelativePath(SourceRoot(), f).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(f => (f.Path.EndsWith(".cs", StringComparison.Ordinal) || f.Path.EndsWith(".cshtml", StringComparison.Ordinal))
                && !f.Path.Contains("/Migrations/", StringComparison.Ordinal) && !f.Path.Contains("/CompiledModels/", StringComparison.Ordinal)
                && !f.Path.StartsWith("bin/", StringComparison.Ordinal) && !f.Path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(f => (f.Path, File.ReadAllText(f.Full)));

    /// <summary>
    /// One catalogue of refusal codes (issue 19): a code is written once, as a constant of its capability's <c>…Codes</c>
    /// class; the ledger's sync reason codes (PROCEDURE_UNKNOWN, …) are the sync contract's, not refusals.
    /// </summary>
    [Fact]
    public void Refusal_codes_are_written_only_in_the_codes_classes_issue_19()
    {
        var offences = InlineCodeOffences(SourceFiles()).ToList();

        Assert.True(offences.Count == 0, $"name the code's constant (e.g. AwardCodes.Published) instead:\n{string.Join('\n', offences)}");
    }

    [Fact]
    public void The_code_check_finds_a_planted_inline_code_and_leaves_comments_and_constants_alone()
    {
        const string awards = """
            namespace OpenDvc.Awards.Results;

            // OD-AWARD-PUBLISHED is refused when the results are out.
            public sealed class Planted
            {
                public string Code => "OD-AWARD-PUBLISHED";
                public string Text => $"error OD-AWARD-QUOTA: {1}";
                public string Prefix => "OD-";
                public string Named => AwardCodes.Published;
            }
            """;

        var offences = InlineCodeOffences([("Awards/Results/Planted.cs", awards), ("Awards/AwardCodes.cs", awards), ("Awards/Pages/Planted.cshtml", "<p>OD-AWARD-QUOTA</p>")]).ToList();

        Assert.Equal(["Awards/Pages/Planted.cshtml:1", "Awards/Results/Planted.cs:6", "Awards/Results/Planted.cs:7"], offences.Select(Where));
    }

    /// <summary>Each refusal code written in a string outside a capability's <c>…Codes.cs</c> (where the constants are).</summary>
    private static IEnumerable<string> InlineCodeOffences(IEnumerable<(string Path, string Text)> files) =>
        from file in files
        where !file.Path.EndsWith("Codes.cs", StringComparison.Ordinal)
        from line in SourceReferences.LinesWritingText(file.Path, file.Text, RefusalCode())
        orderby file.Path, line
        select Offence(file, line);

    [GeneratedRegex(@"\bOD-[A-Z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex RefusalCode();

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

    private static string SourceRoot() => Path.Combine(RepositoryRoot(), "src", "OpenDvc");

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenDvc.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
