using Microsoft.EntityFrameworkCore;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Ledger.Storage;
using OpenDvc.Ledger.Verify;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

/// <summary>Builders and probes for ledger tests: stored dossier rows straight from a seed, and the app's own writer and verifier.</summary>
public static class LedgerData
{
    private static readonly DateTimeOffset Base = new(2023, 3, 1, 8, 0, 0, TimeSpan.FromHours(7));

    /// <summary>A dossier row whose every countable field comes from <paramref name="seed"/>, within small pools so codes and versions collide.</summary>
    public static Dossier Random(int seed, string procedureCode, string[] codes, string[] units)
    {
        var random = new Random(seed);
        var received = random.Next(4) == 0 ? (DateTimeOffset?)null : Base.AddDays(random.Next(60));
        var dossier = new Dossier
        {
            Code = codes[random.Next(codes.Length)],
            UnitCode = units[random.Next(units.Length)],
            ProcedureCode = procedureCode,
            OriginalCode = random.Next(6) == 0 ? "GOC-" + random.Next(3) : null,
            ReceivedMonth = 202303 + random.Next(2),
            Channel = (DossierChannel)random.Next(1, 5),
            ApplicantType = (ApplicantType)random.Next(1, 3),
            Status = (DossierStatus)random.Next(1, 11),
            ReceivedAt = received,
            Clock = (ClockBucket)random.Next(0, 5),
            DueDate = 20230300 + random.Next(1, 4),
            SupplementCount = random.Next(3),
            Fee = random.Next(2) * 50_000,
            PaidOnline = (OnlinePayment)random.Next(3),
            Flags = (DossierTraits)random.Next(64),
            Rating = (Satisfaction)random.Next(4),
            ProcessingMinutes = random.Next(2) == 0 ? null : random.Next(10_000),
            UpdatedAt = random.Next(5) == 0 ? null : Base.AddHours(random.Next(6)),
        };
        dossier.ContentHash = DossierColumns.Hash(dossier);
        return dossier;
    }

    public static async Task<IReadOnlyList<EntryResult>> WriteAsync(TestApp app, IReadOnlyList<LedgerEntry> batch)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        await using var writer = await DossierWriter.OpenAsync(db, TimeProvider.System, CancellationToken.None);
        return (await writer.WriteAsync(batch, CancellationToken.None)).Results;
    }

    /// <summary>
    /// Writes the batches through one writer that groups commits (as bulk ingest opens it), then flushes it, or
    /// disposes it without flushing when <paramref name="flush"/> is false.
    /// </summary>
    public static async Task<IReadOnlyList<EntryResult>> WriteGroupedAsync(TestApp app, IEnumerable<IReadOnlyList<LedgerEntry>> batches, bool flush = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        await using var writer = await DossierWriter.OpenAsync(db, TimeProvider.System, CancellationToken.None, groupCommits: true);
        var results = new List<EntryResult>();
        foreach (var batch in batches)
        {
            results.AddRange((await writer.WriteAsync(batch, CancellationToken.None)).Results);
        }

        if (flush)
        {
            await writer.FlushAsync(CancellationToken.None);
        }

        return results;
    }

    public static LedgerEntry Entry(Dossier dossier, long line = 1) => LedgerEntry.Valid("test", line, $"{{\"MaHoSo\":\"{dossier.Code}\",\"v\":{dossier.ContentHash}}}", dossier);

    public static async Task<IReadOnlyList<RollupDifference>> VerifyAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RollupVerifier>().FindDifferencesAsync();
    }

    public static async Task<List<Dossier>> DossiersAsync(TestApp app, Func<IQueryable<Dossier>, IQueryable<Dossier>> filter)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return await filter(db.Set<Dossier>().AsNoTracking()).ToListAsync();
    }

    public static async Task<List<DossierRollup>> RollupsAsync(TestApp app, Func<IQueryable<DossierRollup>, IQueryable<DossierRollup>> filter)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return await filter(db.Set<DossierRollup>().AsNoTracking()).ToListAsync();
    }

    /// <summary>The naive recomputation: group the stored dossiers in memory; all-zero rollup rows equal absent ones.</summary>
    public static Dictionary<RollupKey, long[]> Recompute(IEnumerable<Dossier> dossiers)
    {
        var result = new Dictionary<RollupKey, long[]>();
        foreach (var dossier in dossiers)
        {
            if (RollupCounters.KeyOf(dossier) is not { } key)
            {
                continue;
            }

            if (!result.TryGetValue(key, out var values))
            {
                result[key] = values = new long[RollupCounters.Count];
            }

            foreach (var counter in RollupCounters.All)
            {
                values[counter.Index] += counter.Of(dossier);
            }
        }

        return result;
    }

    public static Dictionary<RollupKey, long[]> AsCounters(IEnumerable<DossierRollup> rollups) => rollups
        .Select(r => (Key: new RollupKey(r.UnitCode, r.ProcedureCode, r.Month, r.Channel, r.ApplicantType, r.PendingDueDate),
            Values: RollupCounters.All.Select(c => (long)typeof(DossierRollup).GetProperty(c.Property)!.GetValue(r)!).ToArray()))
        .Where(r => r.Values.Any(v => v != 0))
        .ToDictionary(r => r.Key, r => r.Values);
}
