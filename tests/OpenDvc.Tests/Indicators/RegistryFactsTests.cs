using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>
/// The registry behind the figures is read once per registry stamp (the audit trail's last id): a ledger batch
/// renews the figures without reading it again, an edit by another process is seen at the next computation.
/// </summary>
public abstract class RegistryFactsTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ledger_batch_renews_the_figures_without_reading_the_registry_and_another_process_s_registry_edit_changes_them()
    {
        using var hanoi = await App.ApiKeyClientAsync("01");
        var registry = App.Services.GetRequiredService<RegistryFacts>();
        var changes = App.Services.GetRequiredService<DataChanges>();
        var query = new IndicatorQuery(await InScopeAsync(s => IndicatorRequest.DefaultPeriodAsync(s.GetRequiredService<OpenDvcDbContext>(), s.GetRequiredService<TimeProvider>(), Ct)));
        var before = await NationalAsync(query);
        var readsBefore = registry.Reads;

        await LedgerFiles.SyncOneAsync(hanoi, LedgerFiles.Prefix() + "1", Ct);
        var droppedByBatch = !await InScopeAsync(s => Task.FromResult(s.GetRequiredService<IndicatorCalculator>().HasComputed(query)));
        var afterBatch = await NationalAsync(query);
        var readsAfterBatch = registry.Reads;

        // Another instance on the same database takes one counted online service offline until after the period,
        // an audited edit this instance hears of only as the change feed would tell it: as a batch.
        await using (var other = await App.StartAnotherInstanceAsync())
        {
            await using var scope = other.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            var day = query.Period.LastDay;
            var units = await db.Set<Unit>().ToDictionaryAsync(u => u.Code, Ct);
            var procedures = await db.Set<Procedure>().ToDictionaryAsync(p => p.Code, Ct);
            var counted = (await db.Set<OnlineService>().Where(s => s.OnlineSince <= day).OrderBy(s => s.UnitCode).ThenBy(s => s.ProcedureCode).ToListAsync(Ct))
                .First(s => units[s.UnitCode].IsValidOn(day) && procedures[s.ProcedureCode].IsCarriedOutBy(units[s.UnitCode]));
            counted.OnlineSince = day.AddDays(1);
            await db.SaveChangesAsync(Ct);
        }

        changes.BatchCommitted();
        var afterEdit = await NationalAsync(query);

        Assert.True(droppedByBatch);
        Assert.Equal(readsBefore, readsAfterBatch);
        Assert.Equal(before.OnlineServices, afterBatch.OnlineServices);
        Assert.Equal(readsAfterBatch + 1, registry.Reads);
        Assert.Equal(afterBatch.OnlineServices - 1, afterEdit.OnlineServices);
        Assert.Equal(afterBatch.ProceduresOnline - 1, afterEdit.ProceduresOnline);
    }

    private Task<Totals> NationalAsync(IndicatorQuery query) =>
        InScopeAsync(async s => (await s.GetRequiredService<IndicatorCalculator>().ComputeAsync(query, Ct)).Totals);

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> read)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider);
    }
}

public sealed class RegistryCatalogTests
{
    [Fact]
    public void Each_day_s_unit_facts_are_folded_once_and_the_days_kept_stay_bounded_whatever_days_are_asked()
    {
        var catalog = new RegistryCatalog(1, DateTimeOffset.UnixEpoch, [], [], []);
        var first = catalog.UnitFacts(new DateOnly(2021, 12, 31), AudienceFilter.Both);

        Assert.Same(first, catalog.UnitFacts(new DateOnly(2021, 12, 31), AudienceFilter.Both));

        var kept = new List<int>();
        for (var day = 0; day < 1000; day++)
        {
            catalog.UnitFacts(new DateOnly(2021, 1, 1).AddDays(day), AudienceFilter.Citizens);
            kept.Add(catalog.DaysKept);
        }

        Assert.InRange(kept.Max(), 1, 400);
        Assert.Contains(400, kept);
    }
}

public sealed class RegistryFactsTestsOnSqlite(SqliteApp fixture) : RegistryFactsTests<SqliteApp>(fixture);

public sealed class RegistryFactsTestsOnPostgres(PostgresApp fixture) : RegistryFactsTests<PostgresApp>(fixture);
