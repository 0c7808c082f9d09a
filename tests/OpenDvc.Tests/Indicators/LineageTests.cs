using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Quality;
using OpenDvc.Ledger.Quality;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

/// <summary>
/// Issue 15, the figures: <c>lineage=successor</c> folds the units merged into a unit into its figures, and rankings
/// rank the units in force on the period's last day with their predecessors folded in (docs/decisions/009).
/// </summary>
public abstract class LineageTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private const int Seed = 15_2025;

    /// <summary>Successors of the 2025 reorganisations and the codes merged into them (units-2025.csv).</summary>
    private static readonly Dictionary<string, string[]> Merged = new()
    {
        ["79"] = ["74", "77"],      // Hồ Chí Minh City ← Bình Dương, Bà Rịa–Vũng Tàu, 1/7/2025
        ["25"] = ["26", "17"],      // Phú Thọ ← Vĩnh Phúc, Hòa Bình
        ["15"] = ["10"],            // Lào Cai (Yên Bái's code) ← the old Lào Cai
        ["BNNMT"] = ["BNNPTNT", "BTNMT"], // a new code from 1/3/2025
    };

    private static readonly string[] Periods = ["2023", "2024", "2025", "2025-Q3", "2026", "2023-01..2026-11"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Property_for_random_dossiers_over_2023_to_2026_a_successors_figures_with_its_lineage_are_the_sum_of_its_own_and_its_predecessors()
    {
        var written = await EnsureDossiersAsync(App);
        using var client = App.Anonymous();

        foreach (var (successor, predecessors) in Merged)
        {
            foreach (var period in Periods)
            {
                var folded = await TestApp.ReadAsync<IndicatorsView>(await client.GetAsync($"/api/v1/indicators?unit={successor}&period={period}&lineage=successor", Ct));
                var parts = new List<IndicatorsView>();
                foreach (var code in predecessors.Prepend(successor))
                {
                    parts.Add(await TestApp.ReadAsync<IndicatorsView>(await client.GetAsync($"/api/v1/indicators?unit={code}&period={period}", Ct)));
                }

                var because = $"seed {Seed}, unit {successor}, period {period}";
                Assert.Equal(UnitLineage.Successor, folded.Lineage);
                Assert.True(Figures(Totals.Sum(parts.Select(p => p.Totals))).SequenceEqual(Figures(folded.Totals)), because);
                Assert.True(Period.TryParse(period, out var p));
                var expected = written.Count(d => predecessors.Prepend(successor).Contains(d.UnitCode) && d.ReceivedMonth >= p.FromMonth && d.ReceivedMonth <= p.ToMonth);
                Assert.True(expected == folded.Totals.Dossiers, $"{because}: {expected} dossiers written, {folded.Totals.Dossiers} counted");
            }
        }
    }

    [Fact]
    public async Task A_successors_trend_with_its_lineage_is_one_continuous_line_summing_its_predecessors_month_by_month()
    {
        var written = await EnsureDossiersAsync(App);
        using var client = App.Anonymous();

        var line = await TestApp.ReadAsync<List<IndicatorsView>>(await client.GetAsync("/api/v1/indicators/trend?unit=79&period=2023-01..2026-11&lineage=successor", Ct));
        var own = await TestApp.ReadAsync<List<IndicatorsView>>(await client.GetAsync("/api/v1/indicators/trend?unit=79&period=2023-01..2026-11", Ct));

        Assert.Equal(47, line.Count);
        foreach (var month in line)
        {
            var number = int.Parse(month.Period.Replace("-", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(written.Count(d => d.UnitCode is "79" or "74" or "77" && d.ReceivedMonth == number), month.Totals.Dossiers);
        }

        // Before the merger the line holds more than old HCMC alone; the unit as it stood ends nowhere.
        Assert.True(line.Where(m => string.CompareOrdinal(m.Period, "2025-07") < 0).Sum(m => m.Totals.Dossiers) > own.Where(m => string.CompareOrdinal(m.Period, "2025-07") < 0).Sum(m => m.Totals.Dossiers));
        Assert.Equal(own.Where(m => string.CompareOrdinal(m.Period, "2025-07") >= 0).Select(m => m.Totals.Dossiers), line.Where(m => string.CompareOrdinal(m.Period, "2025-07") >= 0).Select(m => m.Totals.Dossiers));
    }

    [Fact]
    public async Task Rankings_of_2023_list_the_63_provinces_and_of_2026_the_34_with_their_names_then_and_predecessors_folded_in()
    {
        await EnsureDossiersAsync(App);
        using var client = App.Anonymous();
        var (provinces2023, ministries2023) = await InForceAsync(new DateOnly(2023, 12, 31));
        var (provinces2026, ministries2026) = await InForceAsync(new DateOnly(2026, 12, 31));

        using var y2023 = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators/rankings?period=2023", Ct));
        using var y2026 = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators/rankings?period=2026", Ct));

        Assert.Equal((63, 23), (provinces2023, ministries2023));
        Assert.Equal((34, 18), (provinces2026, ministries2026));
        Assert.Equal(63, Rows(y2023, "Provinces").Count);
        Assert.Equal(23, Rows(y2023, "Ministries").Count);
        Assert.Equal(34, Rows(y2026, "Provinces").Count);
        Assert.Equal(18, Rows(y2026, "Ministries").Count);
        Assert.Equal("Tỉnh Yên Bái", Row(y2023, "15").GetProperty("name").GetString());
        Assert.Equal("Tỉnh Lào Cai", Row(y2026, "15").GetProperty("name").GetString());
        Assert.Contains(Rows(y2023, "Provinces"), r => r.GetProperty("unit").GetString() == "74");
        Assert.DoesNotContain(Rows(y2026, "Provinces"), r => r.GetProperty("unit").GetString() == "74");
        var hcmc = Row(y2026, "79");
        Assert.Equal("2026-12-31", hcmc.GetProperty("unitsOn").GetString());
        Assert.Equal(["74", "77"], hcmc.GetProperty("predecessors").EnumerateArray().Select(c => c.GetString()).Order(StringComparer.Ordinal));
        Assert.Empty(Row(y2023, "79").GetProperty("predecessors").EnumerateArray());

        // 2025 spans the merger: the ranked figures of 79 are those of 79 with its lineage.
        using var y2025 = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators/rankings?period=2025", Ct));
        var folded = await TestApp.ReadAsync<IndicatorsView>(await client.GetAsync("/api/v1/indicators?unit=79&period=2025&lineage=successor", Ct));
        Assert.Equal(Math.Round(folded.Index.Points, 4), Math.Round(Row(y2025, "79").GetProperty("index").GetProperty("points").GetDecimal(), 4));
        Assert.True(folded.Totals.Dossiers > 0);
    }

    [Fact]
    public async Task The_dashboard_for_2023_lists_63_provinces_and_for_2026_34_and_says_which_units_it_ranks()
    {
        await EnsureDossiersAsync(App);
        using var client = App.Anonymous();

        var y2023 = await client.GetStringAsync("/dashboard?period=2023", Ct);
        var y2026 = await client.GetStringAsync("/dashboard?period=2026", Ct);

        Assert.Equal(63, ProvinceRows(y2023));
        Assert.Equal(34, ProvinceRows(y2026));
        Assert.Contains("id=\"ranking-units-on\"", y2026, StringComparison.Ordinal);
        Assert.Contains("31/12/2026", y2026, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unit_page_names_the_unit_as_it_was_and_with_its_lineage_says_which_units_it_includes()
    {
        await EnsureDossiersAsync(App);
        using var client = App.Anonymous();

        var asItStood = await client.GetStringAsync("/indicators/units/15?period=2023", Ct);
        var successor = await client.GetStringAsync("/indicators/units/79?period=2024&lineage=successor", Ct);
        var plain = await client.GetStringAsync("/indicators/units/79?period=2024", Ct);

        Assert.Contains("Tỉnh Yên Bái", asItStood, StringComparison.Ordinal);
        Assert.Contains("id=\"lineage-note\"", successor, StringComparison.Ordinal);
        Assert.Contains("data-codes=\"74,77\"", successor, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"lineage-note\"", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/indicators?unit=79&period=2024&lineage=ancestors")]
    [InlineData("/indicators/units/79/report.pdf?month=2024-06&lineage=ancestors")]
    [InlineData("/api/v1/indicators/units/79/quality?period=2024&lineage=ancestors")]
    public async Task A_lineage_other_than_successor_is_a_problem_with_a_stable_code(string url)
    {
        using var client = App.Anonymous();

        var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("OD-LINEAGE-INVALID", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains("ancestors", problem.RootElement.GetProperty("message_vi").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_successors_report_pack_with_its_lineage_prints_the_sum_of_its_own_and_its_predecessors_figures_and_names_them()
    {
        var written = await EnsureDossiersAsync(App);
        using var client = App.Anonymous();
        var month = FirstMonthWith(written, "74", 2024);

        var folded = await TestApp.ReadAsync<IndicatorsView>(await client.GetAsync($"/api/v1/indicators?unit=79&period={month}&lineage=successor", Ct));
        var parts = new List<IndicatorsView>();
        foreach (var code in new[] { "79", "74", "77" })
        {
            parts.Add(await TestApp.ReadAsync<IndicatorsView>(await client.GetAsync($"/api/v1/indicators?unit={code}&period={month}", Ct)));
        }

        var savings = await TestApp.ReadAsync<JsonElement>(await client.GetAsync($"/api/v1/indicators/savings?unit=79&period={month}&lineage=successor", Ct));
        var pack = string.Join(' ', PdfText.Pages(await client.GetByteArrayAsync($"/indicators/units/79/report.pdf?month={month}&lineage=successor", Ct)));
        var plain = string.Join(' ', PdfText.Pages(await client.GetByteArrayAsync($"/indicators/units/79/report.pdf?month={month}", Ct)));

        var sum = parts.Sum(p => p.Totals.Dossiers);
        Assert.Equal(sum, folded.Totals.Dossiers);
        Assert.True(sum > parts[0].Totals.Dossiers, $"{month}: the predecessors have dossiers");
        Assert.Contains($"Hồ sơ đồng bộ {sum.ToString("N0", Vi)}", pack, StringComparison.Ordinal);
        Assert.Contains($"Hồ sơ đồng bộ {parts[0].Totals.Dossiers.ToString("N0", Vi)}", plain, StringComparison.Ordinal);
        Assert.Contains("Bình Dương (74)", pack, StringComparison.Ordinal);
        Assert.DoesNotContain("Bình Dương (74)", plain, StringComparison.Ordinal);
        Assert.Equal(parts.Sum(p => p.Totals.OnlineRemote), savings.GetProperty("estimate").GetProperty("remoteOnlineDossiers").GetInt64());
        Assert.Equal("Successor", savings.GetProperty("lineage").GetString());
    }

    [Fact]
    public async Task A_successors_data_quality_scorecard_with_its_lineage_sums_its_own_and_its_predecessors_counters()
    {
        await EnsureQualityAsync(App);
        using var client = App.Anonymous();
        using var admin = await App.SignInAsync("lineage-quality-admin", "admin");

        var folded = await TestApp.ReadAsync<QualityScorecard>(await client.GetAsync($"/api/v1/indicators/units/79/quality?period={QualityPeriod}&lineage=successor", Ct));
        var parts = new List<QualityScorecard>();
        foreach (var code in new[] { "79", "74", "77" })
        {
            parts.Add(await TestApp.ReadAsync<QualityScorecard>(await client.GetAsync($"/api/v1/indicators/units/{code}/quality?period={QualityPeriod}", Ct)));
        }

        var list = await TestApp.ReadAsync<List<QualityScorecard>>(await admin.GetAsync($"/api/v1/indicators/quality?period={QualityPeriod}&lineage=successor", Ct));
        var asTheyStood = await TestApp.ReadAsync<List<QualityScorecard>>(await admin.GetAsync($"/api/v1/indicators/quality?period={QualityPeriod}", Ct));
        var page = await admin.GetStringAsync($"/indicators/quality?period={QualityPeriod}&lineage=successor", Ct);

        Assert.Equal(parts.Sum(p => p.Read), folded.Read);
        Assert.Equal(parts.Sum(p => p.Quarantined), folded.Quarantined);
        Assert.Equal(parts.Sum(p => p.LagCount), folded.LagCount);
        Assert.True(parts[1].Read >= 7 && parts[2].Read >= 5, "the predecessors' counters are there");
        // The list folds each ended unit into the unit in force on the period's last day (31/12/2025), as the rankings do.
        Assert.Equal(folded.Read, list.Single(s => s.UnitCode == "79").Read);
        Assert.DoesNotContain(list, s => s.UnitCode is "74" or "77" or "10");
        Assert.Contains(asTheyStood, s => s.UnitCode == "74");
        Assert.Equal("Tỉnh Lào Cai", list.Single(s => s.UnitCode == "15").Name);
        Assert.Contains("name=\"lineage\" value=\"successor\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains("lineage=successor&amp;format=csv", page, StringComparison.Ordinal);
    }

    /// <summary>The data-quality period of the lineage test: arrivals before and after the 1/7/2025 merger.</summary>
    private const string QualityPeriod = "2025-02..2025-12";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<TestApp, Lazy<Task>> QualityWritten = new();

    /// <summary>Data-quality counters of the merged units and their successors, arriving in 2025 on days no other test uses.</summary>
    private static Task EnsureQualityAsync(TestApp app) => QualityWritten.GetOrAdd(app, a => new Lazy<Task>(async () =>
    {
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        LedgerQualityDay Day(string unit, int day, long read) => new()
        {
            UnitCode = unit, Day = day, Read = read, Accepted = read - 2, Quarantined = 2, MissingDates = 1, LagCount = read - 2, LagSeconds = 3600 * read, LagOver1Hour = 1,
        };
        db.AddRange(Day("79", 20250211, 11), Day("74", 20250212, 7), Day("77", 20250213, 5), Day("10", 20250214, 3), Day("15", 20250215, 4), Day("79", 20250811, 13));
        await db.SaveChangesAsync(Ct);
    })).Value;

    private static string FirstMonthWith(List<Dossier> written, string unit, int year)
    {
        var month = written.Where(d => d.UnitCode == unit && d.ReceivedMonth / 100 == year).Min(d => d.ReceivedMonth);
        return $"{month / 100}-{month % 100:00}";
    }

    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    private static long[] Figures(Totals t) =>
    [
        t.Dossiers, t.Received, t.FinishedEarly, t.FinishedOnTime, t.FinishedLate, t.Pending, t.PendingWithinDeadline, t.OnlineRemote, t.Online,
        t.PaidOnline, t.RatedSatisfied, t.RatedNotSatisfied, t.ProcessingMinutes, t.Procedures, t.OnlineServices, t.OnlineServicesWithDossiers,
    ];

    private static List<JsonElement> Rows(JsonDocument ranking, string group) =>
        ranking.RootElement.EnumerateArray().Where(r => r.GetProperty("group").GetString() == group).ToList();

    private static JsonElement Row(JsonDocument ranking, string unit) =>
        ranking.RootElement.EnumerateArray().Single(r => r.GetProperty("unit").GetString() == unit);

    private static int ProvinceRows(string html)
    {
        var table = System.Text.RegularExpressions.Regex.Match(html, "<table class=\"ranking\" data-group=\"Provinces\">.*?</table>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(table.Success);
        return System.Text.RegularExpressions.Regex.Count(table.Value, "<tr[ >]") - 1; // an unranked row has a class
    }

    /// <summary>The units in force on a day, from the timeline's data (provinces and cities; the others).</summary>
    private async Task<(int Provinces, int Others)> InForceAsync(DateOnly day)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var versions = await db.Set<UnitVersion>().AsNoTracking().ToListAsync(Ct);
        var inForce = versions.Where(v => v.IsValidOn(day)).ToList();
        return (inForce.Count(v => v.Kind is UnitKind.Province or UnitKind.City), inForce.Count(v => v.Kind is not (UnitKind.Province or UnitKind.City)));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<TestApp, Lazy<Task<List<Dossier>>>> Written = new();

    /// <summary>Random dossiers (seeded) of the merged units and their successors over 2023–2026, each in a month its unit was in force.</summary>
    internal static Task<List<Dossier>> EnsureDossiersAsync(TestApp app) => Written.GetOrAdd(app, a => new Lazy<Task<List<Dossier>>>(() => WriteDossiersAsync(a))).Value;

    private static async Task<List<Dossier>> WriteDossiersAsync(TestApp app)
    {
        string procedure;
        List<Unit> units;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
            procedure = await db.Set<Procedure>().Where(p => p.Tier != ProcedureTier.Central).OrderBy(p => p.Code).Select(p => p.Code).FirstAsync();
            units = await db.Set<Unit>().AsNoTracking().ToListAsync();
        }

        var codes = Merged.SelectMany(m => m.Value.Prepend(m.Key)).ToList();
        var random = new Random(Seed);
        var dossiers = new List<Dossier>();
        for (var i = 0; i < 800; i++)
        {
            var code = codes[random.Next(codes.Count)];
            var unit = units.Single(u => u.Code == code);
            var day = new DateOnly(2023, 1, 1).AddDays(random.Next(1430));
            if (!unit.IsValidOn(day))
            {
                continue;
            }

            var dossier = LedgerData.Random(Seed + i, procedure, [$"LIN-{i}"], [unit.Code]);
            dossier.OriginalCode = null;
            dossier.ReceivedMonth = (day.Year * 100) + day.Month;
            dossier.ReceivedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7));
            dossier.DueDate = (day.Year * 10000) + (day.Month * 100) + 28;
            dossier.ContentHash = DossierColumns.Hash(dossier);
            dossiers.Add(dossier);
        }

        var results = await LedgerData.WriteAsync(app, dossiers.Select((d, i) => LedgerData.Entry(d, i + 1)).ToList());
        Assert.Equal(dossiers.Count, results.Count);
        Assert.True(dossiers.Count > 500, $"{dossiers.Count} dossiers");
        return dossiers;
    }
}

public sealed class LineageTestsOnSqlite(SqliteApp fixture) : LineageTests<SqliteApp>(fixture);

public sealed class LineageTestsOnPostgres(PostgresApp fixture) : LineageTests<PostgresApp>(fixture);

public sealed class LineageFoldTests
{
    [Fact]
    public void The_fold_follows_chains_of_mergers_and_leaves_out_moves_of_functions()
    {
        UnitVersion Version(string code) => new() { Code = code, ValidFrom = new DateOnly(2020, 1, 1), Name = code, ShortName = code };
        UnitSuccession Succession(string from, string to, SuccessionKind kind) => new() { PredecessorCode = from, SuccessorCode = to, Day = new DateOnly(2025, 7, 1), Kind = kind };
        var timeline = new UnitTimeline(
            "ABCD".Select(c => Version(c.ToString())),
            [Succession("A", "B", SuccessionKind.Merger), Succession("B", "C", SuccessionKind.Merger), Succession("D", "C", SuccessionKind.Functions)]);

        Assert.Equal(["C", "B", "A"], Lineage.FoldOf(timeline, "C"));
        Assert.Equal(["B", "A"], Lineage.FoldOf(timeline, "B"));
        Assert.Equal(["D"], Lineage.FoldOf(timeline, "D"));
    }
}
