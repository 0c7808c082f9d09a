using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Ingest;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Time;

namespace OpenDvc.Ledger.Simulation;

/// <summary>
/// <c>opendvc simulate</c>: a deterministic file of dossier sync records of national shape, in the form its name says
/// (<see cref="RecordFileFormat"/>), so <c>opendvc ingest</c> reads it back by the same rule.
/// </summary>
public static class SimulationModule
{
    public static void AddSimulationCommands(this CliApp cli)
    {
        var dossiers = cli.Describe(
            new Option<long>("--dossiers") { Description = "Records to write (new dossiers, their later versions, copies, malformed ones).", Required = true },
            "Số bản ghi cần ghi (hồ sơ mới, các phiên bản sau, bản sao liên thông, bản ghi lỗi).");
        var seed = cli.Describe(
            new Option<long>("--seed") { Description = "Seed: the same seed and count give the same bytes.", DefaultValueFactory = _ => 1 },
            "Hạt giống ngẫu nhiên: cùng hạt giống và số lượng cho cùng một tệp.");
        var output = cli.Describe(
            new Option<string>("--output") { Description = "File to write, in the form its extension says (.csv, .ndjson or .jsonl, .gz compresses); - writes NDJSON to standard output (e.g. piped into opendvc ingest -).", Required = true },
            "Tệp cần ghi, theo định dạng phần mở rộng cho biết (.csv, .ndjson hoặc .jsonl, .gz để nén); - ghi NDJSON ra đầu ra chuẩn (ví dụ chuyển thẳng vào opendvc ingest -).");
        var format = cli.Describe(
            new Option<string?>("--format") { Description = "ndjson or csv (default: from the file's extension; ndjson otherwise)." },
            "ndjson hoặc csv (mặc định: theo phần mở rộng của tệp; nếu không thì ndjson).");
        format.AcceptOnlyFromAmong(RecordFileFormat.Names);
        var gzip = cli.Describe(
            new Option<bool>("--gzip") { Description = "Compress the file with gzip (implied by a .gz extension)." },
            "Nén tệp bằng gzip (mặc nhiên với phần mở rộng .gz).");
        var malformed = cli.Describe(
            new Option<double>("--malformed-share") { Description = "Share of records breaking one contract rule each, e.g. 0.01 (default 0)." },
            "Tỷ lệ bản ghi vi phạm một quy tắc của đặc tả, ví dụ 0.01 (mặc định 0).");
        var from = cli.Describe(
            new Option<string>("--from") { Description = "First day of the range, yyyy-MM-dd (default 2021-01-01).", DefaultValueFactory = _ => "2021-01-01" },
            "Ngày đầu của khoảng thời gian, yyyy-MM-dd (mặc định 2021-01-01).");
        var to = cli.Describe(
            new Option<string>("--to") { Description = "Last day of the range, yyyy-MM-dd (default 2023-12-31).", DefaultValueFactory = _ => "2023-12-31" },
            "Ngày cuối của khoảng thời gian, yyyy-MM-dd (mặc định 2023-12-31).");
        var command = cli.Describe(
            new Command("simulate", "Write a deterministic NDJSON or CSV file of simulated dossier sync records.")
            {
                dossiers, seed, output, format, gzip, malformed, from, to,
            },
            "Ghi một tệp NDJSON hoặc CSV tất định gồm các bản ghi đồng bộ hồ sơ mô phỏng.");
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

            var vietnamToday = VietnamTime.DateOf(TimeProvider.System.GetUtcNow());
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
