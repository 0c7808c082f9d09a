using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Simulation;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>
/// A ledger for indicator tests, loaded once per app: simulated national dossiers through the real ingest, plus
/// hand-made services for the edge cases (all late, supplements, inter-agency copies, unrated, no fees, pending).
/// </summary>
public static class IndicatorData
{
    public const string Unit = "01";
    public const string AllLate = "EDGE-ALL-LATE";
    public const string NoFeesUnrated = "EDGE-NO-FEES";
    public const string WithCopies = "EDGE-COPIES";
    public const string PendingWithin = "EDGE-PENDING";

    private static readonly ConcurrentDictionary<TestApp, Lazy<Task>> Loaded = new();
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static readonly SimulationOptions Simulation = new() { Records = 4_000, Seed = 7, From = new DateOnly(2022, 7, 1), To = new DateOnly(2023, 12, 31) };

    public static async Task EnsureAsync(TestApp app)
    {
        await Gate.WaitAsync();
        try
        {
            await Loaded.GetOrAdd(app, a => new Lazy<Task>(() => LoadAsync(a))).Value;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task LoadAsync(TestApp app)
    {
        using var file = new MemoryStream();
        DossierSimulator.ForDemoRegistry(Simulation).Write(file);
        var summary = await LedgerFiles.IngestAsync(app, file.ToArray(), batchSize: 500, source: "simulated.ndjson");
        Assert.True(summary.Accepted > 3_000, summary.ToString());
        await LedgerData.WriteAsync(app, EdgeCases().Select((d, i) => LedgerData.Entry(d, i + 1)).ToList());
    }

    /// <summary>Hand-made rows for the cases a simulation may miss, in March 2023 of unit 01.</summary>
    public static IEnumerable<Dossier> EdgeCases()
    {
        // Every dossier finished late, one after two supplement requests (late whatever the dates).
        for (var i = 0; i < 5; i++)
        {
            yield return Row(AllLate, $"{AllLate}-{i}", d =>
            {
                d.Status = DossierStatus.Returned;
                d.Clock = ClockBucket.Late;
                d.SupplementCount = i == 0 ? 2 : 0;
                d.ProcessingMinutes = 20 * 1440;
                d.Fee = 50_000;
                d.PaidOnline = (OnlinePayment)(i % 2);
                d.Rating = Satisfaction.NotSatisfied;
            });
        }

        // No fee and never rated: 3.6, satisfaction and 5.4 have no data.
        for (var i = 0; i < 4; i++)
        {
            yield return Row(NoFeesUnrated, $"{NoFeesUnrated}-{i}", d =>
            {
                d.Status = DossierStatus.Returned;
                d.Clock = ClockBucket.OnTime;
                d.ProcessingMinutes = 3 * 1440;
                d.Flags = DossierTraits.Digitised | DossierTraits.PaperResult;
            });
        }

        // Inter-agency copies are stored but counted once, on the original.
        yield return Row(WithCopies, $"{WithCopies}-1", d => d.Flags = DossierTraits.ElectronicResult | DossierTraits.PaperResult);
        for (var i = 0; i < 3; i++)
        {
            yield return Row(WithCopies, $"{WithCopies}-1-LT{i}", d => d.OriginalCode = $"{WithCopies}-1");
        }

        // Pending: one due far ahead (within deadline), one paused on a supplement (never overdue), one overdue.
        yield return Row(PendingWithin, $"{PendingWithin}-1", d => { d.Status = DossierStatus.Processing; d.Clock = ClockBucket.Pending; d.DueDate = 20991231; });
        yield return Row(PendingWithin, $"{PendingWithin}-2", d => { d.Status = DossierStatus.SupplementRequested; d.Clock = ClockBucket.Pending; d.DueDate = Dossier.NeverOverdue; d.SupplementCount = 1; });
        yield return Row(PendingWithin, $"{PendingWithin}-3", d => { d.Status = DossierStatus.Processing; d.Clock = ClockBucket.Pending; d.DueDate = 20230320; d.Rating = Satisfaction.VerySatisfied; });
    }

    private static Dossier Row(string procedure, string code, Action<Dossier> change)
    {
        var dossier = new Dossier
        {
            Code = code,
            UnitCode = Unit,
            ProcedureCode = procedure,
            ReceivedMonth = 202303,
            Channel = DossierChannel.OnlineRemote,
            ApplicantType = ApplicantType.Citizen,
            Status = DossierStatus.Received,
            ReceivedAt = new DateTimeOffset(2023, 3, 10, 9, 0, 0, TimeSpan.FromHours(7)),
            UpdatedAt = new DateTimeOffset(2023, 4, 10, 9, 0, 0, TimeSpan.FromHours(7)),
        };
        change(dossier);
        dossier.ContentHash = DossierColumns.Hash(dossier);
        return dossier;
    }

    public sealed record Registry(List<Unit> Units, List<Procedure> Procedures, List<OnlineService> Services);

    public static async Task<Registry> RegistryAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return new(
            await db.Set<Unit>().AsNoTracking().ToListAsync(),
            await db.Set<Procedure>().AsNoTracking().ToListAsync(),
            await db.Set<OnlineService>().AsNoTracking().ToListAsync());
    }

    /// <summary>The rows of a downloaded Excel file, by header, after checking the download succeeded.</summary>
    public static async Task<List<IDictionary<string, object>>> XlsxRowsAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
    }

    public static int Today => VietnamTime.DateOf(TimeProvider.System.GetUtcNow()) is var d ? (d.Year * 10000) + (d.Month * 100) + d.Day : 0;
}
