using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Ingest;
using OpenDvc.Platform.Cli;

namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// <c>opendvc simulate</c>: a deterministic file of dossier sync records of national shape, in the form its name says
/// (<see cref="RecordFileFormat"/>), so <c>opendvc ingest</c> reads it back by the same rule.
/// </summary>
public static class SimulationModule
{
    public static void AddSimulationCommands(this CliApp cli)
    {
        var dossiers = new Option<long>("--dossiers") { Description = "Records to write (new dossiers, their later versions, copies, malformed ones).", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed: the same seed and count give the same bytes.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output") { Description = "File to write; - writes to standard output (e.g. piped into opendvc ingest -).", Required = true };
        var format = new Option<string?>("--format") { Description = "ndjson or csv (default: from the file's extension, .csv or .ndjson/.jsonl; ndjson otherwise)." };
        format.AcceptOnlyFromAmong(RecordFileFormat.Names);
        var gzip = new Option<bool>("--gzip") { Description = "Compress the file with gzip (implied by a .gz extension)." };
        var malformed = new Option<double>("--malformed-share") { Description = "Share of records breaking one contract rule each, e.g. 0.01 (default 0)." };
        var from = new Option<string>("--from") { Description = "First day of the range, yyyy-MM-dd (default 2021-01-01).", DefaultValueFactory = _ => "2021-01-01" };
        var to = new Option<string>("--to") { Description = "Last day of the range, yyyy-MM-dd (default 2023-12-31).", DefaultValueFactory = _ => "2023-12-31" };
        var command = new Command("simulate", "Write a deterministic NDJSON or CSV file of simulated dossier sync records.")
        {
            dossiers, seed, output, format, gzip, malformed, from, to,
        };
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var path = parse.GetValue(output)!;
            var options = new SimulationOptions
            {
                Records = parse.GetValue(dossiers),
                Seed = parse.GetValue(seed),
                Format = RecordFileFormat.Choose(parse.GetValue(format), path) == DossierFormat.Csv ? SimulationFormat.Csv : SimulationFormat.Ndjson,
                MalformedShare = parse.GetValue(malformed),
                From = Day(parse.GetValue(from)!, "--from"),
                To = Day(parse.GetValue(to)!, "--to"),
            };
            if (options.Problem() is { } problem)
            {
                throw new CliException("simulate.invalid_options", $"Tham số không hợp lệ: {problem}", $"Invalid options: {problem}");
            }

            var vietnamToday = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
            if (options.To > vietnamToday)
            {
                throw new CliException("simulate.future_range", "Ngày kết thúc --to không được ở tương lai.", "The --to day must not be in the future.");
            }

            await Task.Run(() => Simulate(options, path, parse.GetValue(gzip) || RecordFileFormat.IsCompressed(path), ct), ct);
        }));
        cli.Add(command);
    }

    private static void Simulate(SimulationOptions options, string path, bool gzip, CancellationToken cancellationToken)
    {
        var simulator = DossierSimulator.ForDemoRegistry(options);
        var toStandardOutput = path == "-";
        var progress = new SimulationProgress(options.Records, toStandardOutput ? TextWriter.Null : Console.Error);
        SimulationSummary summary;
        using (var stream = toStandardOutput
            ? Console.OpenStandardOutput()
            : new FileStream(Path.GetFullPath(path), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
        {
            using var compressed = gzip ? new GZipStream(stream, CompressionLevel.Fastest) : null;
            summary = simulator.Write(compressed ?? (Stream)stream, progress.Report, cancellationToken: cancellationToken);
        }

        progress.Done();
        (toStandardOutput ? Console.Error : Console.Out).WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {summary.Records:N0} records to {(toStandardOutput ? "standard output" : Path.GetFullPath(path))} in {progress.Elapsed.TotalSeconds:F1} s ({summary.Records / Math.Max(progress.Elapsed.TotalSeconds, 0.001):N0} records/s): " +
            $"{summary.NewDossiers:N0} new dossiers, {summary.Updates:N0} updates, {summary.OutOfOrder:N0} out-of-order, " +
            $"{summary.InterAgencyCopies:N0} inter-agency copies, {summary.Malformed:N0} malformed"));
    }

    private static DateOnly Day(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CliException("simulate.bad_date", $"{option}: ngày phải có dạng yyyy-MM-dd", $"{option}: the day must be yyyy-MM-dd");
}
