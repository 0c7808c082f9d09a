using CsCheck;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Quarantine;
using OpenDvc.Ledger.Storage;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

public abstract class LedgerStoreTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static string NewProcedure() => "T" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task Rollups_equal_a_naive_recomputation_after_random_sequences_of_versions()
    {
        var app = App;
        var gen = Gen.Select(Gen.Int[0, int.MaxValue].Array[1, 40], Gen.Int[1, 8], Gen.Bool);

        // grouped: the batches go through one writer that commits them together (bulk ingest), else one writer each.
        await gen.SampleAsync(async (seeds, batches, grouped) =>
        {
            var procedure = NewProcedure();
            string[] codes = [.. Enumerable.Range(0, 6).Select(i => $"{procedure}-{i}")];
            var records = seeds.Select(s => LedgerData.Random(s, procedure, codes, ["01", "79"])).ToList();
            var expected = new Dictionary<string, Dossier>();
            var expectedOutcomes = records.Select(d => Apply(expected, d)).ToList();

            var outcomes = new List<LedgerOutcome>();
            var size = (records.Count + batches - 1) / batches;
            var chunks = records.Select((d, i) => LedgerData.Entry(d, i + 1)).Chunk(size).ToList();
            if (grouped)
            {
                outcomes.AddRange((await LedgerData.WriteGroupedAsync(app, chunks)).Select(r => r.Outcome));
            }
            else
            {
                foreach (var chunk in chunks)
                {
                    outcomes.AddRange((await LedgerData.WriteAsync(app, chunk)).Select(r => r.Outcome));
                }
            }

            Assert.Equal(expectedOutcomes, outcomes);
            var stored = await LedgerData.DossiersAsync(app, q => q.Where(d => d.ProcedureCode == procedure));
            Assert.Equal(expected.Values.Select(d => (d.Code, d.ContentHash)).Order(), stored.Select(d => (d.Code, d.ContentHash)).Order());
            var rollups = LedgerData.AsCounters(await LedgerData.RollupsAsync(app, q => q.Where(r => r.ProcedureCode == procedure)));
            var recomputed = LedgerData.Recompute(stored);
            Assert.Equal(recomputed.Keys.Select(k => k.ToString()).Order(), rollups.Keys.Select(k => k.ToString()).Order());
            Assert.All(recomputed, r => Assert.Equal(r.Value, rollups[r.Key]));
            Assert.Empty(await LedgerData.VerifyAsync(app));
        }, iter: 15, threads: 1);
    }

    /// <summary>The contract's rules, one record at a time: the model the writer must agree with.</summary>
    private static LedgerOutcome Apply(Dictionary<string, Dossier> state, Dossier dossier)
    {
        if (state.TryGetValue(dossier.Code, out var previous))
        {
            if (previous.UnitCode != dossier.UnitCode)
            {
                return LedgerOutcome.Quarantined;
            }

            if (previous.ContentHash == dossier.ContentHash)
            {
                return LedgerOutcome.Unchanged;
            }

            if (previous.UpdatedAt is not null && dossier.UpdatedAt is not null && dossier.UpdatedAt < previous.UpdatedAt)
            {
                return LedgerOutcome.Stale;
            }
        }

        state[dossier.Code] = dossier;
        return LedgerOutcome.Accepted;
    }

    private static Dossier Pending(string procedure, string code, DateTimeOffset version) => Build(procedure, code, version, d =>
    {
        d.Status = DossierStatus.Processing;
        d.Clock = ClockBucket.Pending;
        d.DueDate = 20230320;
    });

    private static Dossier Build(string procedure, string code, DateTimeOffset version, Action<Dossier> change)
    {
        var dossier = new Dossier
        {
            Code = code,
            UnitCode = "01",
            ProcedureCode = procedure,
            ReceivedMonth = 202303,
            Channel = DossierChannel.OnlineRemote,
            ApplicantType = ApplicantType.Citizen,
            Status = DossierStatus.Received,
            ReceivedAt = new DateTimeOffset(2023, 3, 10, 9, 0, 0, TimeSpan.FromHours(7)),
            UpdatedAt = version,
        };
        change(dossier);
        dossier.ContentHash = DossierColumns.Hash(dossier);
        return dossier;
    }

    private static readonly DateTimeOffset Monday = new(2023, 3, 13, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task Batches_of_a_grouped_commit_are_stored_on_flush_and_not_at_all_without_it()
    {
        var procedure = NewProcedure();
        var first = Pending(procedure, $"{procedure}-1", Monday);
        var second = Pending(procedure, $"{procedure}-2", Monday);
        var update = Build(procedure, $"{procedure}-1", Monday.AddHours(1), d => d.Status = DossierStatus.Returned);

        // The second batch sees the first one's row although nothing is committed yet: an update, not a new dossier.
        var abandoned = await LedgerData.WriteGroupedAsync(App, [[LedgerData.Entry(first)], [LedgerData.Entry(second), LedgerData.Entry(update)]], flush: false);

        Assert.Equal([LedgerOutcome.Accepted, LedgerOutcome.Accepted, LedgerOutcome.Accepted], abandoned.Select(r => r.Outcome));
        Assert.Empty(await LedgerData.DossiersAsync(App, q => q.Where(d => d.ProcedureCode == procedure)));
        Assert.Empty(await LedgerData.RollupsAsync(App, q => q.Where(r => r.ProcedureCode == procedure)));

        await LedgerData.WriteGroupedAsync(App, [[LedgerData.Entry(first)], [LedgerData.Entry(second), LedgerData.Entry(update)]]);

        var stored = await LedgerData.DossiersAsync(App, q => q.Where(d => d.ProcedureCode == procedure).OrderBy(d => d.Code));
        Assert.Equal([(first.Code, update.ContentHash), (second.Code, second.ContentHash)], stored.Select(d => (d.Code, d.ContentHash)));
        Assert.Equal(2, (await LedgerData.RollupsAsync(App, q => q.Where(r => r.ProcedureCode == procedure))).Sum(r => r.Dossiers));
        Assert.Empty(await LedgerData.VerifyAsync(App));
    }

    [Fact]
    public async Task Dossier_moving_from_pending_to_late_moves_between_counters_and_rows()
    {
        var procedure = NewProcedure();
        await LedgerData.WriteAsync(App, [LedgerData.Entry(Pending(procedure, $"{procedure}-1", Monday))]);
        var late = Build(procedure, $"{procedure}-1", Monday.AddDays(9), d =>
        {
            d.Status = DossierStatus.Returned;
            d.Clock = ClockBucket.Late;
            d.ProcessingMinutes = 9 * 24 * 60;
        });

        var results = await LedgerData.WriteAsync(App, [LedgerData.Entry(late)]);

        Assert.Equal(LedgerOutcome.Accepted, results.Single().Outcome);
        var rollups = await LedgerData.RollupsAsync(App, q => q.Where(r => r.ProcedureCode == procedure));
        Assert.Equal(0, rollups.Single(r => r.PendingDueDate == 20230320).Pending);
        Assert.Equal(0, rollups.Single(r => r.PendingDueDate == 20230320).Dossiers);
        var finished = rollups.Single(r => r.PendingDueDate == 0);
        Assert.Equal((1, 1, 0L), (finished.Dossiers, finished.FinishedLate, finished.Pending));
        Assert.Equal(9 * 24 * 60, finished.ProcessingMinutes);
        Assert.Empty(await LedgerData.VerifyAsync(App));
    }

    [Fact]
    public async Task Identical_resend_is_unchanged_and_an_older_version_is_stale()
    {
        var procedure = NewProcedure();
        var newer = Pending(procedure, $"{procedure}-1", Monday.AddHours(2));
        var older = Build(procedure, $"{procedure}-1", Monday, d => d.Status = DossierStatus.Received);
        await LedgerData.WriteAsync(App, [LedgerData.Entry(newer)]);

        var results = await LedgerData.WriteAsync(App, [LedgerData.Entry(newer), LedgerData.Entry(older)]);

        Assert.Equal([LedgerOutcome.Unchanged, LedgerOutcome.Stale], results.Select(r => r.Outcome));
        var stored = Assert.Single(await LedgerData.DossiersAsync(App, q => q.Where(d => d.ProcedureCode == procedure)));
        Assert.Equal(newer.ContentHash, stored.ContentHash);
        Assert.Equal(1, (await LedgerData.RollupsAsync(App, q => q.Where(r => r.ProcedureCode == procedure))).Sum(r => r.Dossiers));
    }

    [Fact]
    public async Task Inter_agency_copy_is_stored_but_never_counted()
    {
        var procedure = NewProcedure();
        var original = Pending(procedure, $"{procedure}-1", Monday);
        var copy = Build(procedure, $"{procedure}-1-LT", Monday, d => d.OriginalCode = original.Code);

        var results = await LedgerData.WriteAsync(App, [LedgerData.Entry(original), LedgerData.Entry(copy, 2)]);

        Assert.All(results, r => Assert.Equal(LedgerOutcome.Accepted, r.Outcome));
        Assert.Equal(2, (await LedgerData.DossiersAsync(App, q => q.Where(d => d.ProcedureCode == procedure))).Count);
        Assert.Equal(1, (await LedgerData.RollupsAsync(App, q => q.Where(r => r.ProcedureCode == procedure))).Sum(r => r.Dossiers));
    }

    [Fact]
    public async Task Dossier_code_owned_by_another_unit_is_quarantined_with_its_reason_and_changes_nothing()
    {
        var procedure = NewProcedure();
        var ours = Pending(procedure, $"{procedure}-1", Monday);
        var theirs = Build(procedure, ours.Code, Monday.AddDays(1), d => d.UnitCode = "79");
        await LedgerData.WriteAsync(App, [LedgerData.Entry(ours)]);

        var result = (await LedgerData.WriteAsync(App, [LedgerData.Entry(theirs)])).Single();

        Assert.Equal(LedgerOutcome.Quarantined, result.Outcome);
        Assert.Equal("DOSSIER_OWNED_BY_OTHER_UNIT:MaHoSo", Assert.Single(result.Reasons).Code);
        Assert.Equal("01", Assert.Single(await LedgerData.DossiersAsync(App, q => q.Where(d => d.ProcedureCode == procedure))).UnitCode);
        Assert.DoesNotContain(await LedgerData.RollupsAsync(App, q => q.Where(r => r.ProcedureCode == procedure)), r => r.UnitCode == "79");
    }

    [Fact]
    public async Task Verify_names_the_unit_procedure_month_and_counter_of_a_tampered_rollup()
    {
        var procedure = NewProcedure();
        await LedgerData.WriteAsync(App, [LedgerData.Entry(Pending(procedure, $"{procedure}-1", Monday))]);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvc.Platform.Database.OpenDvcDbContext>();
        await db.Database.ExecuteSqlAsync($"UPDATE dossier_rollups SET received = received + 2 WHERE procedure_code = {procedure}", TestContext.Current.CancellationToken);
        try
        {
            // The unit level now differs from the fine one summed too (RollupLevelsTests); this test is about the fine level.
            var difference = Assert.Single(await LedgerData.VerifyAsync(App), d => d.Level == "dossier_rollups");

            Assert.Equal(("01", procedure, 202303, "received", 3L, 1L), (difference.Key.UnitCode, difference.Key.ProcedureCode, difference.Key.Month, difference.Counter, difference.Stored, difference.Recomputed));
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"UPDATE dossier_rollups SET received = received - 2 WHERE procedure_code = {procedure}", TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task The_same_bad_record_sent_twice_is_quarantined_once()
    {
        var raw = "{\"MaHoSo\": broken " + Guid.NewGuid();
        var bad = LedgerEntry.Refused("test", 7, raw, [new QuarantineReason("JSON_MALFORMED", "vi", "en")], "01", null);

        var first = await LedgerData.WriteAsync(App, [bad]);
        var second = await LedgerData.WriteAsync(App, [bad, bad]);

        Assert.All(first.Concat(second), r => Assert.Equal(LedgerOutcome.Quarantined, r.Outcome));
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvc.Platform.Database.OpenDvcDbContext>();
        Assert.Equal(1, db.Set<QuarantinedRecord>().Count(q => q.RawText == raw));
    }
}

public sealed class LedgerStoreTestsOnSqlite(SqliteApp fixture) : LedgerStoreTests<SqliteApp>(fixture);

public sealed class LedgerStoreTestsOnPostgres(PostgresApp fixture) : LedgerStoreTests<PostgresApp>(fixture);
