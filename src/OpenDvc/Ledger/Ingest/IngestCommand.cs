using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry.Procedures;

namespace OpenDvc.Ledger.Ingest;

/// <summary>
/// <c>opendvc ingest FILE...</c>: NDJSON or CSV, gzip-compressed or not, streamed in batches. Exits non-zero when
/// every record read was refused (nothing stored), naming the likely cause.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(CliApp cli)
    {
        var files = cli.Describe(
            new Argument<string[]>("files") { Description = "NDJSON or CSV files (.gz too); - reads standard input.", Arity = ArgumentArity.OneOrMore },
            "Các tệp NDJSON hoặc CSV (cả .gz); - đọc từ đầu vào chuẩn.");
        var batchSize = cli.Describe(
            new Option<int>("--batch-size") { Description = "Records per transaction.", DefaultValueFactory = _ => Storage.DossierWriter.BulkBatchSize },
            "Số bản ghi mỗi giao dịch.");
        var format = cli.Describe(
            new Option<string?>("--format") { Description = "ndjson or csv (default: from each file's extension, .csv, .ndjson or .jsonl, .gz too; else from its content)." },
            "ndjson hoặc csv (mặc định: theo phần mở rộng của từng tệp, .csv, .ndjson hoặc .jsonl, cả .gz; nếu không thì theo nội dung).");
        format.AcceptOnlyFromAmong(RecordFileFormat.Names);
        var command = cli.Describe(
            new Command("ingest", "Load synced dossier files into the ledger; bad records go to quarantine; exits 1 when every record is refused.") { files, batchSize, format },
            "Nạp các tệp hồ sơ đồng bộ vào sổ cái; bản ghi lỗi vào khu cách ly; thoát với mã 1 khi mọi bản ghi đều bị từ chối.");
        command.SetAction((parse, ct) => CliApp.Run(async () =>
        {
            var inputs = parse.GetValue(files)!;
            foreach (var missing in inputs.Where(f => f != "-" && !File.Exists(f)))
            {
                throw new CliException(Refusal.Of(LedgerCodes.IngestNoFile, missing));
            }

            await using var app = await cli.OpenAsync(parse, ct);
            var ingest = app.Services.GetRequiredService<DossierIngest>();
            var time = app.Services.GetRequiredService<TimeProvider>();
            var total = new IngestSummary();
            foreach (var file in inputs)
            {
                var name = file == "-" ? "stdin" : Path.GetFileName(file);
                await using var stream = file == "-"
                    ? Console.OpenStandardInput()
                    : new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
                var progress = new IngestProgress(name, () => stream.CanSeek ? (stream.Position, stream.Length) : (0, 0), time, Console.Out, !Console.IsOutputRedirected);
                var running = new IngestSummary();
                var started = time.GetTimestamp();
                var summary = await ingest.IngestAsync(stream, new IngestOptions(name)
                {
                    Format = RecordFileFormat.Choose(parse.GetValue(format), file),
                    BatchSize = Math.Max(1, parse.GetValue(batchSize)),
                    OnBatch = (_, batch) =>
                    {
                        running.Add(batch);
                        progress.Report(running);
                    },
                }, ct);
                progress.Finish();
                var seconds = time.GetElapsedTime(started).TotalSeconds;
                using var self = System.Diagnostics.Process.GetCurrentProcess();
                Console.WriteLine($"{name}: {summary}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {seconds:F1} s, {summary.Read / Math.Max(seconds, 0.001):N0} records/s, peak working set {self.PeakWorkingSet64 >> 20:N0} MiB"));
                total.Add(summary);
            }

            if (inputs.Length > 1)
            {
                Console.WriteLine($"total: {total}");
            }

            await using var scope = app.Services.CreateAsyncScope();
            var catalogIsEmpty = !await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().Set<Procedure>().AnyAsync(ct);
            IngestReport.Write(total, catalogIsEmpty, Console.Out);
            if (total.RefusedEverything)
            {
                throw IngestReport.RefusedEverything(total, catalogIsEmpty);
            }
        }));
        return command;
    }
}
