namespace OpenDvc.Platform.Cli;

/// <summary>
/// A generated section of a Markdown file, between two HTML comment markers: a report command rewrites only what lies
/// between its own markers, so text written by hand around them (and other commands' sections) survives a re-run.
/// </summary>
public static class GeneratedSection
{
    /// <summary>
    /// <paramref name="existing"/> with its section replaced; without the markers, the section is appended (a new file
    /// gets a title first).
    /// </summary>
    public static string Replace(string? existing, string begin, string end, string section)
    {
        var generated = $"{begin}\n{section}{end}\n";
        if (existing is null)
        {
            return "# Benchmarks\n\n" + generated;
        }

        var from = existing.IndexOf(begin, StringComparison.Ordinal);
        var to = from >= 0 ? existing.IndexOf(end, from, StringComparison.Ordinal) : -1;
        return from >= 0 && to > from
            ? existing[..from] + generated + existing[(to + end.Length)..].TrimStart('\n')
            : existing.TrimEnd('\n') + "\n\n" + generated;
    }

    /// <summary>Writes <paramref name="section"/> into <paramref name="path"/> between the markers.</summary>
    public static async Task WriteAsync(string path, string begin, string end, string section, CancellationToken cancellationToken)
    {
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, Replace(existing, begin, end, section), cancellationToken);
    }
}
