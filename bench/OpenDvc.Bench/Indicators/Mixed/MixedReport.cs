using System.Globalization;
using System.Text;

namespace OpenDvc.Bench.Indicators.Mixed;

/// <summary>The Markdown section of <c>dashboard --mixed</c>, with issue 20's targets beside the measured numbers.</summary>
internal static class MixedReport
{
    public const string Begin = "<!-- opendvc bench dashboard --mixed: begin (generated, do not edit) -->";
    public const string End = "<!-- opendvc bench dashboard --mixed: end -->";

    // Issue 20, part 3.
    private const double UncachedTargetMs = 100;
    private const double ReadP99TargetMs = 50;
    private const double SlowdownTargetPercent = 10;
    private const long TargetSize = 10_000_000;

    private static readonly string[] NationalPages = ["national dashboard", "API national"];
    private static readonly string[] UnitPages = ["unit page", "API unit"];

    public static string Write(MixedBenchResult result, DateTimeOffset started, string loadAverage, string commandLine)
    {
        var c = CultureInfo.InvariantCulture;
        var o = result.Options;
        var text = new StringBuilder();
        text.AppendLine("### Figures under continuous change (`dashboard --mixed`)");
        text.AppendLine();
        DashboardBenchCommand.RunHeader(text, started, loadAverage, commandLine);
        text.AppendLine(c, $"- Sync: one client, {o.SyncRate:N0} simulated records a second to `POST /api/v1/dossiers/sync` (NDJSON), one request per unit among each {SyncClient.Window.TotalSeconds:F0} s of records (units sync a batch every few seconds) with that unit's API key, four at a time; records/s = records the server answered for ÷ wall time. First alone for {o.Seconds} s, then {o.Seconds} s with the readers (the next records of the same simulation)");
        text.AppendLine(c, $"- Readers: {o.Readers} clients, each asking one page after another: `/dashboard`, a unit's page, the rankings API (provinces or ministries), the national and a unit's `/api/v1/indicators`, for a random unit with dossiers and a random month, quarter or year of the loaded span; anonymous as the public. Round trip on loopback (body read) and server time (the Server-Timing header)");
        text.AppendLine("- Sync and readers run on an in-process Kestrel with the production's cache settings (ingest batches renew figures at most every 30 s; the dashboard warmer on)");
        text.AppendLine(c, $"- Uncached: each page asked for {o.Period} right after a small sync (40 records) committed and threw the cached figures away, median of {o.UncachedRuns} after one unmeasured; on a Kestrel whose batches renew figures at once and with no warmer");
        text.AppendLine(c, $"- Projection to {o.ProjectTo:N0} dossiers: rows of every table named `…rollups` or `service_months` in the database's catalog; with two sizes or more, the power law through the last two (rows ∝ dossiers^b: b < 1 when a table saturates, its key's combinations filling up), with one size rows per dossier × {o.ProjectTo:N0} (an upper bound); the uncached cost projected linearly in rows read, taken as all those tables' rows (an upper bound for a page that reads only a coarser one)");
        foreach (var (provider, why) in result.Skipped)
        {
            text.AppendLine(c, $"- {Name(provider)} not run: {why}");
        }

        text.AppendLine();
        foreach (var size in result.Sizes)
        {
            WriteSize(text, size, result);
        }

        return text.ToString();
    }

    private static void WriteSize(StringBuilder text, MixedSize size, MixedBenchResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var o = result.Options;
        text.AppendLine(c, $"#### {Name(size.Provider)}, {size.Records:N0} records ({size.Dossiers:N0} dossiers in rollups)");
        text.AppendLine();
        text.AppendLine(c, $"- Dossiers in the ledger: {size.DossiersBeforeSync:N0} before the sync, {size.DossiersAfterAlone:N0} after it ran alone, {size.DossiersAfterMixed:N0} after it ran with the readers");
        text.AppendLine(c, $"- Sync alone: {Sync(size.Alone)}");
        text.AppendLine(c, $"- Sync with {o.Readers} readers: {Sync(size.WithReaders)}");
        text.AppendLine();
        var slowdown = (1 - (size.WithReaders.RecordsPerSecond / Math.Max(size.Alone.RecordsPerSecond, 1e-9))) * 100;
        var r = size.Reads;
        text.AppendLine("| reads under the sync | requests | errors | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine(c, $"| round trip | {r.Reads:N0} | {r.Errors:N0} | {r.ClientP50:F1} | {r.ClientP99:F1} | {r.ClientMax:F1} |");
        text.AppendLine(c, $"| server (Server-Timing) | {r.Reads:N0} | {r.Errors:N0} | {r.ServerP50:F1} | {r.ServerP99:F1} | {r.ServerMax:F1} |");
        text.AppendLine();

        // Rows, and their projection from this provider's sizes up to this one.
        var sizes = result.Sizes.Where(s => s.Provider == size.Provider && s.Records <= size.Records).ToList();
        text.AppendLine(c, $"| rollup table | rows | rows per dossier | growth exponent b | projected rows at {o.ProjectTo:N0} |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        double measuredRows = 0, projectedRows = 0;
        foreach (var table in size.Rollups)
        {
            var history = sizes.Select(s => (s.Dossiers, s.Rollups.FirstOrDefault(t => t.Table == table.Table)?.Rows ?? 0)).ToList();
            var (projected, exponent) = RollupTables.Project(history, o.ProjectTo);
            measuredRows += table.Rows;
            projectedRows += projected;
            var note = exponent is { } b ? b.ToString("F2", c) + (b < 0.9 ? " (saturating)" : "") : "— (one size: linear)";
            text.AppendLine(c, $"| `{table.Table}` | {table.Rows:N0} | {table.Rows / (double)Math.Max(size.Dossiers, 1):F4} | {note} | {projected:N0} |");
        }

        var factor = projectedRows / Math.Max(measuredRows, 1);
        text.AppendLine();
        text.AppendLine(c, $"| uncached page (`{o.Period}`) | server median ms | round trip median ms | projected server ms at {o.ProjectTo:N0} (× {factor:F1}) |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var page in size.Uncached)
        {
            text.AppendLine(c, $"| {page.Name} (`{page.Path}`) | {page.ServerMedian:F1} | {page.RoundTripMedian:F1} | {page.ServerMedian * factor:N0} |");
        }

        text.AppendLine();
        var at = size.Records == TargetSize ? "" : $" (measured at {size.Records:N0}, the target is at {TargetSize:N0})";
        var national = size.Uncached.Where(p => NationalPages.Contains(p.Name)).Max(p => p.ServerMedian);
        var unit = size.Uncached.Where(p => UnitPages.Contains(p.Name)).Max(p => p.ServerMedian);
        text.AppendLine("| target (issue 20) | measured | |");
        text.AppendLine("|---|---:|---|");
        text.AppendLine(c, $"| uncached national views ≤ {UncachedTargetMs} ms at 10 M | {national:F1} ms | {Met(national <= UncachedTargetMs)}{at} |");
        text.AppendLine(c, $"| uncached unit views ≤ {UncachedTargetMs} ms at 10 M | {unit:F1} ms | {Met(unit <= UncachedTargetMs)}{at} |");
        text.AppendLine(c, $"| reads p99 ≤ {ReadP99TargetMs} ms under the sync (round trip) | {r.ClientP99:F1} ms | {Met(r.ClientP99 <= ReadP99TargetMs && r.Errors == 0)} |");
        text.AppendLine(c, $"| sync slowed ≤ {SlowdownTargetPercent} % by the readers | {slowdown:F1} % | {Met(slowdown <= SlowdownTargetPercent)} |");
        text.AppendLine(c, $"| sync at {o.SyncRate:N0} records/s (alone) | {size.Alone.RecordsPerSecond:N0} records/s | {Met(size.Alone.RecordsPerSecond >= o.SyncRate * 0.99)} |");
        text.AppendLine();
    }

    private static string Sync(SyncRun run) => string.Create(CultureInfo.InvariantCulture,
        $"**{run.RecordsPerSecond:N0} records/s** ({run.Read:N0} records answered, {run.Accepted:N0} accepted, in {run.Requests:N0} requests over {run.Elapsed.TotalSeconds:F1} s; {run.Refused:N0} requests refused; {run.Sent - run.Read:N0} records sent but not answered)");

    private static string Met(bool met) => met ? "met" : "**not met**";

    private static string Name(string provider) => provider == "postgres" ? "PostgreSQL" : "SQLite";
}
