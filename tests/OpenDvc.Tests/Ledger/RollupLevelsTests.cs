using CsCheck;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Database.Migrations;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

/// <summary>The coarse rollup levels (issue 20, part 3): each equals the fine level summed, and verify checks them.</summary>
public abstract class RollupLevelsTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static string NewCode(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Each_coarse_level_equals_the_fine_one_summed_after_random_versions_moving_dossiers_between_rows_procedures_and_units()
    {
        var app = App;
        var gen = Gen.Select(Gen.Int[0, int.MaxValue].Array[1, 40], Gen.Int[1, 6], Gen.Bool);

        // A dossier's later versions land on other rows (status, channel, due date, month), other procedures, or
        // another unit (which the ledger refuses); some commits are grouped (bulk ingest), some one batch each.
        await gen.SampleAsync(async (seeds, batches, grouped) =>
        {
            string[] units = [NewCode("U"), NewCode("U")];
            string[] procedures = [NewCode("P"), NewCode("P")];
            string[] codes = [.. Enumerable.Range(0, 6).Select(i => $"{procedures[0]}-{i}")];
            var records = seeds.Select(s => LedgerData.Random(s, procedures[s % 2], codes, units)).ToList();
            var chunks = records.Select((d, i) => LedgerData.Entry(d, i + 1)).Chunk((records.Count + batches - 1) / batches).ToList();
            if (grouped)
            {
                await LedgerData.WriteGroupedAsync(app, chunks);
            }
            else
            {
                foreach (var chunk in chunks)
                {
                    await LedgerData.WriteAsync(app, chunk);
                }
            }

            var levels = await LevelsAsync(app, units);
            Assert.Equal(Sum(levels.Fine, RollupLevel.Units), levels.Units);
            Assert.Equal(Sum(levels.Fine, RollupLevel.ServiceMonths), levels.ServiceMonths);
        }, iter: 12, threads: 1);

        Assert.Empty(await LedgerData.VerifyAsync(app));
    }

    [Fact]
    public async Task Verify_names_the_level_unit_month_and_counter_of_a_drift_in_each_coarse_level()
    {
        var unit = NewCode("U");
        var procedure = NewCode("P");
        var dossier = LedgerData.Random(7, procedure, [$"{procedure}-1"], [unit]);
        dossier.OriginalCode = null;
        dossier.ContentHash = OpenDvc.Ledger.Storage.DossierColumns.Hash(dossier);
        await LedgerData.WriteAsync(App, [LedgerData.Entry(dossier)]);
        var ct = TestContext.Current.CancellationToken;
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();

        await db.Database.ExecuteSqlAsync($"UPDATE dossier_unit_rollups SET fee_amount = fee_amount + 5 WHERE unit_code = {unit}", ct);
        await db.Database.ExecuteSqlAsync($"UPDATE service_months SET dossiers = dossiers + 2 WHERE unit_code = {unit}", ct);
        IReadOnlyList<OpenDvc.Ledger.Verify.RollupDifference> differences;
        try
        {
            differences = await LedgerData.VerifyAsync(App);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"UPDATE dossier_unit_rollups SET fee_amount = fee_amount - 5 WHERE unit_code = {unit}", ct);
            await db.Database.ExecuteSqlAsync($"UPDATE service_months SET dossiers = dossiers - 2 WHERE unit_code = {unit}", ct);
        }

        Assert.Equal(
            [
                ("dossier_unit_rollups", unit, "", dossier.ReceivedMonth, "fee_amount", dossier.Fee + 5, dossier.Fee),
                ("service_months", unit, procedure, dossier.ReceivedMonth, "dossiers", 3L, 1L),
            ],
            differences.Select(d => (d.Level, d.Key.UnitCode, d.Key.ProcedureCode, d.Key.Month, d.Counter, d.Stored, d.Recomputed)));
        Assert.StartsWith($"dossier_unit_rollups: unit {unit}, month {dossier.ReceivedMonth}, channel", differences[0].ToString(), StringComparison.Ordinal);
        Assert.Empty(await LedgerData.VerifyAsync(App));
    }

    [Fact]
    public async Task The_migrations_back_fill_sums_an_upgraded_databases_fine_rollups_into_both_coarse_levels()
    {
        string[] units = [NewCode("U"), NewCode("U")];
        var procedure = NewCode("P");
        string[] codes = [.. Enumerable.Range(0, 8).Select(i => $"{procedure}-{i}")];
        await LedgerData.WriteAsync(App, [.. Enumerable.Range(0, 30).Select(s => LedgerData.Entry(LedgerData.Random(s, procedure, codes, units), s + 1))]);
        var ct = TestContext.Current.CancellationToken;
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var before = await LevelsAsync(App, units);

        // A database as the migration finds it: fine rollups, empty coarse tables.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM dossier_unit_rollups; DELETE FROM service_months;", ct);
        Assert.NotEmpty(await LedgerData.VerifyAsync(App));
        await db.Database.ExecuteSqlRawAsync(RollupsBackfill.UnitRollups, ct);
        await db.Database.ExecuteSqlRawAsync(RollupsBackfill.ServiceMonths, ct);

        var after = await LevelsAsync(App, units);
        Assert.NotEmpty(before.Units);
        Assert.Equal(before.Units, after.Units);
        Assert.Equal(before.ServiceMonths, after.ServiceMonths);
        Assert.Empty(await LedgerData.VerifyAsync(App));
    }

    /// <summary>The three levels' non-zero rows of <paramref name="units"/>, each as a sorted list of key and counters.</summary>
    private static async Task<(List<(RollupKey Key, long[] Values)> Fine, List<string> Units, List<string> ServiceMonths)> LevelsAsync(TestApp app, string[] units)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var fine = await db.Set<DossierRollup>().AsNoTracking().Where(r => units.Contains(r.UnitCode)).ToListAsync();
        var unitRows = await db.Set<UnitRollup>().AsNoTracking().Where(r => units.Contains(r.UnitCode)).ToListAsync();
        var serviceRows = await db.Set<ServiceMonth>().AsNoTracking().Where(r => units.Contains(r.UnitCode)).ToListAsync();
        return (
            [.. fine.Select(r => (FineKey(r), Counters(r)))],
            Rows(unitRows.Select(r => (FineKey(r, ""), Counters(r)))),
            Rows(serviceRows.Select(r => (new RollupKey(r.UnitCode, r.ProcedureCode, r.Month, 0, r.ApplicantType, 0), new[] { r.Dossiers }))));
    }

    /// <summary>The naive sum: each fine row's counters under the level's key, in C#, independent of the SQL and the writers' sums.</summary>
    private static List<string> Sum(List<(RollupKey Key, long[] Values)> fine, RollupLevel level) => Rows(fine
        .GroupBy(r => level.Coarsen(r.Key))
        .Select(g => (g.Key, level.Counters.Select(c => g.Sum(r => r.Values[c.Index])).ToArray())));

    private static RollupKey FineKey(RollupRow r, string? procedure = null) =>
        new(r.UnitCode, procedure ?? ((DossierRollup)r).ProcedureCode, r.Month, r.Channel, r.ApplicantType, r.PendingDueDate);

    private static long[] Counters(RollupRow r) => [.. RollupCounters.All.Select(c => (long)typeof(RollupRow).GetProperty(c.Property)!.GetValue(r)!)];

    /// <summary>Rows as text ("key|c1,c2,…"), all-zero rows dropped (equal to absent ones), sorted.</summary>
    private static List<string> Rows(IEnumerable<(RollupKey Key, long[] Values)> rows) => rows
        .Where(r => r.Values.Any(v => v != 0))
        .Select(r => $"{r.Key.UnitCode}/{r.Key.ProcedureCode}/{r.Key.Month}/{(short)r.Key.Channel}/{(short)r.Key.ApplicantType}/{r.Key.PendingDueDate}|{string.Join(',', r.Values)}")
        .Order(StringComparer.Ordinal)
        .ToList();
}

public sealed class RollupLevelsTestsOnSqlite(SqliteApp fixture) : RollupLevelsTests<SqliteApp>(fixture);

public sealed class RollupLevelsTestsOnPostgres(PostgresApp fixture) : RollupLevelsTests<PostgresApp>(fixture);
