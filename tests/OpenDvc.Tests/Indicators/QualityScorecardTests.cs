using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Indicators.Quality;
using OpenDvc.Ledger.Quality;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Tests.Directives;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Ledger.Contract;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>
/// The data-quality scorecard (issue 4): counters collected at ingest per unit and arrival day equal a naive recount
/// of a hand-built set of records, whatever the batch size; the sync API counts too; who sees which scorecards.
/// </summary>
public abstract class QualityScorecardTests<TFixture>(TFixture fixture, Func<TFixture, FakeTimeProvider> clock) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider time = clock(fixture);

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>One hand-built record with what it must count: its unit, whether it is stored, which flaw it has, and its last change.</summary>
    private sealed record Labelled(string Line, string Unit, bool Accepted, bool Missing = false, bool Impossible = false, bool Absurd = false, DateTimeOffset? LastChange = null, bool Unchanged = false);

    private static string Time(DateTimeOffset t) => JsonSerializer.Serialize(t.ToOffset(TimeSpan.FromHours(7)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));

    private List<Labelled> Records(string prefix)
    {
        var list = new List<Labelled>();
        var lags = new[] { TimeSpan.FromMinutes(30), TimeSpan.FromHours(5), TimeSpan.FromDays(3), TimeSpan.FromDays(10), TimeSpan.FromDays(40), TimeSpan.FromDays(400) };
        for (var i = 0; i < lags.Length; i++)
        {
            var changed = Now - lags[i];
            var unit = i % 2 == 0 ? "01" : "79";
            list.Add(new(Line($"{prefix}lag{i}", unit, ("ThoiDiemCapNhat", Time(changed))), unit, Accepted: true, LastChange: changed));
        }

        // No ThoiDiemCapNhat: the lag runs from the latest event date, NgayTra of the example.
        var returned = new DateTimeOffset(2023, 3, 20, 16, 0, 0, TimeSpan.FromHours(7));
        list.Add(new(Line($"{prefix}noversion", "01", ("ThoiDiemCapNhat", null)), "01", Accepted: true, LastChange: returned));
        // The same record again: unchanged, no lag counted.
        list.Add(new(Line($"{prefix}noversion", "01", ("ThoiDiemCapNhat", null)), "01", Accepted: false, Unchanged: true));
        // Status 10 without NgayTra, and a received dossier without NgayTiepNhan: missing dates.
        list.Add(new(Line($"{prefix}noreturn", "01", ("NgayTra", null)), "01", Accepted: false, Missing: true));
        list.Add(new(Line($"{prefix}noreceived", "79", ("NgayTiepNhan", null)), "79", Accepted: false, Missing: true));
        // Finished before received; a date in the future: impossible.
        list.Add(new(Line($"{prefix}order", "01", ("NgayKetThucXuLy", "\"20230314080000\"")), "01", Accepted: false, Impossible: true));
        list.Add(new(Line($"{prefix}future", "79", ("NgayTra", Time(Now.AddDays(30))), ("ThoiDiemCapNhat", Time(Now.AddDays(30)))), "79", Accepted: false, Impossible: true));
        // Received in 2021, finished in 2023: stored, but an absurd processing time.
        var slowChanged = Now - TimeSpan.FromDays(2);
        list.Add(new(Line($"{prefix}slow", "01", ("NgayNopHoSo", "\"20210301080000\""), ("NgayTiepNhan", "\"20210301090000\""), ("ThoiDiemCapNhat", Time(slowChanged))), "01", Accepted: true, Absurd: true, Impossible: true, LastChange: slowChanged));
        // An unknown procedure: quarantined for another reason, neither missing nor impossible.
        list.Add(new(Line($"{prefix}proc", "79", ("MaTTHC", "\"9.999999\"")), "79", Accepted: false));
        // Not JSON at all: no unit to count it under.
        list.Add(new(LedgerFiles.Broken($"{prefix}broken"), "", Accepted: false));
        return list;
    }

    private static string Line(string code, string unit, params (string Field, string? Json)[] changes) =>
        SyncSamples.ExampleWith([("MaHoSo", JsonSerializer.Serialize(code)), ("MaDonVi", JsonSerializer.Serialize(unit)), ("MaTTHC", JsonSerializer.Serialize(LedgerFiles.Procedure)), .. changes]);

    /// <summary>The naive recount: every labelled record, one at a time, by the definitions of docs/data-quality.md.</summary>
    private LedgerQualityDay Naive(IEnumerable<Labelled> records, string unit)
    {
        var row = new LedgerQualityDay { UnitCode = unit };
        foreach (var r in records.Where(r => r.Unit == unit))
        {
            row.Read++;
            row.Accepted += r.Accepted ? 1 : 0;
            row.Unchanged += r.Unchanged ? 1 : 0;
            row.Quarantined += !r.Accepted && !r.Unchanged ? 1 : 0;
            row.MissingDates += r.Missing ? 1 : 0;
            row.ImpossibleDates += r.Impossible ? 1 : 0;
            row.AbsurdDurations += r.Absurd ? 1 : 0;
            if (r.LastChange is { } changed)
            {
                var lag = Now - changed;
                row.LagCount++;
                row.LagSeconds += (long)lag.TotalSeconds;
                row.LagOver1Hour += lag > TimeSpan.FromHours(1) ? 1 : 0;
                row.LagOver1Day += lag > TimeSpan.FromDays(1) ? 1 : 0;
                row.LagOver7Days += lag > TimeSpan.FromDays(7) ? 1 : 0;
                row.LagOver30Days += lag > TimeSpan.FromDays(30) ? 1 : 0;
            }
        }

        return row;
    }

    private async Task<Dictionary<string, LedgerQualityDay>> StoredAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return await db.Set<LedgerQualityDay>().AsNoTracking().ToDictionaryAsync(q => q.UnitCode, Ct);
    }

    private static object Counters(LedgerQualityDay q) => new
    {
        q.Read, q.Accepted, q.Unchanged, q.Stale, q.Quarantined, q.MissingDates, q.ImpossibleDates, q.AbsurdDurations,
        q.LagCount, q.LagSeconds, q.LagOver1Hour, q.LagOver1Day, q.LagOver7Days, q.LagOver30Days,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(1000)]
    public async Task Counters_collected_at_ingest_equal_a_naive_recount_of_the_records(int batchSize)
    {
        var before = await StoredAsync();
        var records = Records(LedgerFiles.Prefix());

        await LedgerFiles.IngestAsync(App, LedgerFiles.Ndjson(records.Select(r => r.Line)), batchSize);
        var after = await StoredAsync();

        var day = VietnamTime.DateOf(Now);
        foreach (var unit in new[] { "01", "79" })
        {
            var added = after[unit];
            added.Add(Negate(before.GetValueOrDefault(unit)));
            Assert.Equal(Counters(Naive(records, unit)), Counters(added));
            Assert.Equal(QualityQuery.DayKey(day), after[unit].Day);
        }

        Assert.Empty(after.Keys.Except(before.Keys).Except(["01", "79"]));
    }

    private static LedgerQualityDay Negate(LedgerQualityDay? q)
    {
        var negative = new LedgerQualityDay { UnitCode = q?.UnitCode ?? "" };
        if (q is not null)
        {
            foreach (var p in typeof(LedgerQualityDay).GetProperties().Where(p => p.PropertyType == typeof(long)))
            {
                p.SetValue(negative, -(long)p.GetValue(q)!);
            }
        }

        return negative;
    }

    [Fact]
    public async Task Records_synced_through_the_api_count_under_their_unit()
    {
        var before = (await StoredAsync()).GetValueOrDefault("79")?.Read ?? 0;
        var prefix = LedgerFiles.Prefix();
        using var key = await App.ApiKeyClientAsync("79");
        var body = string.Join('\n', [Line($"{prefix}a", "79"), Line($"{prefix}b", "79", ("NgayTra", null))]) + "\n";

        using var response = await key.PostAsync("/api/v1/dossiers/sync", new StringContent(body, Encoding.UTF8, "application/x-ndjson"), Ct);
        var after = (await StoredAsync())["79"];

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before + 2, after.Read);
    }

    [Fact]
    public async Task The_scorecards_list_only_units_of_the_registry_issue_17()
    {
        var prefix = LedgerFiles.Prefix();
        await LedgerFiles.IngestAsync(App, LedgerFiles.Ndjson([Line($"{prefix}real", "01"), Line($"{prefix}stray", "ZZ9"), "not json at all"]));
        using var admin = await App.SignInAsync($"qa-admin-{prefix}", "admin");

        var all = await admin.GetFromJsonAsync<List<QualityScorecard>>("/api/v1/indicators/quality", Json.Options, Ct);

        Assert.Contains(all!, s => s.UnitCode == "01");
        Assert.DoesNotContain(all!, s => s.UnitCode is "ZZ9" or "" || s.Name == s.UnitCode);
    }

    [Fact]
    public async Task A_focal_point_sees_only_their_unit_and_the_public_sees_one_units_scorecard()
    {
        var prefix = LedgerFiles.Prefix();
        await LedgerFiles.IngestAsync(App, LedgerFiles.Ndjson([Line($"{prefix}x", "01"), Line($"{prefix}y", "79", ("NgayTra", null))]));
        using var admin = await App.SignInAsync($"qa-admin-{prefix}", "admin");
        using var focal = await App.SignInAsync($"qa-focal-{prefix}", "focal_point", "79");
        using var anonymous = App.Anonymous();

        var all = await admin.GetFromJsonAsync<List<QualityScorecard>>("/api/v1/indicators/quality", Json.Options, Ct);
        var own = await focal.GetFromJsonAsync<List<QualityScorecard>>("/api/v1/indicators/quality", Json.Options, Ct);
        using var other = await focal.GetAsync("/api/v1/indicators/quality?unit=01", Ct);
        using var anonymousList = await anonymous.GetAsync("/api/v1/indicators/quality", Ct);
        var publicCard = await anonymous.GetFromJsonAsync<QualityScorecard>("/api/v1/indicators/units/79/quality", Json.Options, Ct);
        var focalPage = await focal.GetStringAsync("/indicators/quality", Ct);
        var unitPage = await anonymous.GetStringAsync("/indicators/units/79", Ct);
        var csv = await admin.GetStringAsync("/api/v1/indicators/quality/export?format=csv", Ct);

        Assert.Superset(new HashSet<string> { "01", "79" }, all!.Select(s => s.UnitCode).ToHashSet());
        Assert.NotNull(own);
        Assert.Equal(["79"], own.Select(s => s.UnitCode));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, anonymousList.StatusCode);
        Assert.Equal(own[0].Read, publicCard!.Read);
        Assert.True(publicCard.MissingDates >= 1);
        Assert.Contains("data-unit=\"79\"", focalPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-unit=\"01\"", focalPage, StringComparison.Ordinal);
        Assert.Contains("id=\"quality\"", unitPage, StringComparison.Ordinal);
        Assert.Contains("unit,name,read,", csv, StringComparison.Ordinal);
        Assert.Contains("\n79,", csv, StringComparison.Ordinal);
    }
}

public sealed class QualityScorecardTestsOnSqlite(ClockedSqliteApp fixture) : QualityScorecardTests<ClockedSqliteApp>(fixture, f => f.Clock);

public sealed class QualityScorecardTestsOnPostgres(ClockedPostgresApp fixture) : QualityScorecardTests<ClockedPostgresApp>(fixture, f => f.Clock);
