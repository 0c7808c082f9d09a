using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Ledger.Ingest;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Platform;
using OpenDvc.Platform.Database;

namespace OpenDvc.Ledger.Demo;

/// <summary>
/// The demo ledger: when a run asks for demo data and the ledger is empty, <see cref="DossierSimulator"/> writes
/// <see cref="LedgerOptions.DemoDossiers"/> records of national shape (January 2021 to today by the app's clock, every
/// unit in force on each record's received date: the old codes before 1/3/2025 and 1/7/2025, the new ones after) into an in-memory pipe
/// and the real ingest reads them from the other end: validation, the clock, rollups, and quarantine for the
/// malformed share. Deterministic (seed and size), so every demo database holds the same figures.
/// Runs after the registry's seeder, which loads the demo catalog the records refer to.
/// </summary>
internal sealed class DemoLedger(IServiceScopeFactory scopes, DossierIngest ingest, IOptions<LedgerOptions> options, TimeProvider time, ILogger<DemoLedger> logger)
    : IDatabaseSeeder
{
    public const string Source = "demo-ledger.ndjson";

    public async Task SeedAsync(AppSettings settings, CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!settings.Demo || demo.DemoDossiers == 0 || !await IsEmptyAsync(cancellationToken))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var summary = await LoadAsync(demo, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        logger.LogInformation(
            "Demo ledger loaded in {Seconds:F1} s ({Rate:N0} records/s): {Summary}",
            elapsed.TotalSeconds, summary.Read / Math.Max(elapsed.TotalSeconds, 0.001), summary);
    }

    private async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return !await db.Set<Dossier>().AnyAsync(cancellationToken)
            && !await db.Set<Quarantine.QuarantinedRecord>().AnyAsync(cancellationToken);
    }

    /// <summary>Simulates into a pipe on one thread while the ingest reads, validates and writes on the others.</summary>
    private async Task<IngestSummary> LoadAsync(LedgerOptions demo, CancellationToken cancellationToken)
    {
        var simulator = DossierSimulator.ForDemoRegistry(demo.DemoSimulation(Platform.Time.VietnamTime.DateOf(time.GetUtcNow())));
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writing = Task.Run(() =>
        {
            try
            {
                using var output = pipe.Writer.AsStream();
                simulator.Write(output, cancellationToken: stop.Token);
                pipe.Writer.Complete();
            }
            catch (Exception error)
            {
                pipe.Writer.Complete(error);
                throw;
            }
        }, stop.Token);

        try
        {
            await using var input = pipe.Reader.AsStream();
            return await ingest.IngestAsync(input, new IngestOptions(Source), stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await writing;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The ingest failed or the start was cancelled; its exception is the one to see.
            }
        }
    }
}
