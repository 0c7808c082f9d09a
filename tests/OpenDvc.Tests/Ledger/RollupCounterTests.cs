using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Rollups;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Ledger;

/// <summary>
/// Each rollup counter is one <see cref="DossierFact"/> stated twice (C# for the writers, SQL for verify): here every
/// counter's SQL is run on stored random dossiers and compared with its C# rule dossier by dossier, not only in sums.
/// </summary>
public abstract class RollupCounterTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    [Fact]
    public async Task Every_counter_SQL_gives_what_its_CSharp_rule_gives_on_each_random_stored_dossier()
    {
        var procedure = "RC" + Guid.NewGuid().ToString("N")[..12];
        var dossiers = Enumerable.Range(0, 300)
            .Select(seed => LedgerData.Random(seed, procedure, [$"{procedure}-{seed}"], ["01", "79"]))
            .ToList();
        await LedgerData.WriteAsync(App, dossiers.Select((d, i) => LedgerData.Entry(d, i + 1)).ToList());
        var stored = (await LedgerData.DossiersAsync(App, q => q.Where(d => d.ProcedureCode == procedure))).ToDictionary(d => d.Code);
        Assert.Equal(300, stored.Count);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var connection = db.Database.GetDbConnection();
        var ct = TestContext.Current.CancellationToken;
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT code, {string.Join(", ", RollupCounters.All.Select(c => c.Sql))}, {RollupCounters.PendingDueDateSql} "
            + $"FROM dossiers WHERE procedure_code = '{procedure}'";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var compared = 0;
        var nonZero = new HashSet<string>();
        while (await reader.ReadAsync(ct))
        {
            var dossier = stored[reader.GetString(0)];
            foreach (var counter in RollupCounters.All)
            {
                var sql = Convert.ToInt64(reader.GetValue(counter.Index + 1), CultureInfo.InvariantCulture);
                Assert.True(sql == counter.Of(dossier), $"{counter.Property} of {dossier.Code}: SQL {sql}, C# {counter.Of(dossier)}");
                if (sql != 0)
                {
                    nonZero.Add(counter.Property);
                }
            }

            var due = Convert.ToInt64(reader.GetValue(RollupCounters.Count + 1), CultureInfo.InvariantCulture);
            Assert.Equal(dossier.Clock == ClockBucket.Pending ? dossier.DueDate : 0, due);
            compared++;
        }

        Assert.Equal(300, compared);

        // The random rows reach every counter, so no counter passes by never being counted.
        Assert.Equal(RollupCounters.All.Select(c => c.Property).Order(), nonZero.Order());
    }

    [Fact]
    public void Refused_counts_the_contract_status_refused_at_reception()
    {
        // TrangThaiHoSo 3 is "không được tiếp nhận" (NgayTuChoi): the one status the Refused counter counts.
        var refused = RollupCounters.All.Single(c => c.Property == nameof(DossierRollup.Refused));
        Assert.Equal(3, (int)DossierStatus.Refused);
        Assert.Contains($"status = {(int)DossierStatus.Refused}", refused.Sql, StringComparison.Ordinal);
        foreach (var status in Enum.GetValues<DossierStatus>())
        {
            var dossier = LedgerData.Random(1, "P", ["A"], ["01"]);
            dossier.Status = status;
            Assert.Equal(status == DossierStatus.Refused ? 1 : 0, refused.Of(dossier));
        }
    }
}

public sealed class RollupCounterTestsOnSqlite(SqliteApp fixture) : RollupCounterTests<SqliteApp>(fixture);

public sealed class RollupCounterTestsOnPostgres(PostgresApp fixture) : RollupCounterTests<PostgresApp>(fixture);
