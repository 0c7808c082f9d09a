using System.Text;
using System.Text.Json;
using OpenDvc.Ledger.Sync;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Ledger.Contract;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Registry.Units;

/// <summary>The 2025 reorganisations as the reference data loads them (issue 15), read through the API, the pages and the ledger.</summary>
public abstract class UnitTimelineTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_code_names_two_versions_before_and_after_its_change()
    {
        using var client = App.Anonymous();

        var before = await TestApp.ReadAsync<UnitView>(await client.GetAsync("/api/v1/units/15?on=2025-06-30", Ct));
        var after = await TestApp.ReadAsync<UnitView>(await client.GetAsync("/api/v1/units/15?on=2025-07-01", Ct));
        var oldLaoCai = await TestApp.ReadAsync<UnitView>(await client.GetAsync("/api/v1/units/10", Ct));

        Assert.Equal(("Tỉnh Yên Bái", new DateOnly(2025, 6, 30)), (before.Name, before.ValidTo!.Value));
        Assert.Equal(("Tỉnh Lào Cai", new DateOnly(2025, 7, 1), (DateOnly?)null), (after.Name, after.ValidFrom, after.ValidTo));
        Assert.Equal(["Tỉnh Yên Bái", "Tỉnh Lào Cai"], after.Versions!.Select(v => v.Name));
        var absorbed = Assert.Single(after.Predecessors!);
        Assert.Equal(("10", "Tỉnh Lào Cai", new DateOnly(2025, 7, 1), SuccessionKind.Merger), (absorbed.Code, absorbed.Name, absorbed.Day, absorbed.Kind));
        Assert.Equal(("15", new DateOnly(2025, 6, 30)), (oldLaoCai.SuccessorCode, oldLaoCai.ValidTo!.Value));
        Assert.Equal("15", Assert.Single(oldLaoCai.Successors!).Code);
    }

    [Fact]
    public async Task Lists_the_units_in_force_on_a_day()
    {
        using var client = App.Anonymous();

        var in2023 = await TestApp.ReadAsync<Page<UnitView>>(await client.GetAsync("/api/v1/units?on=2023-12-31&limit=500", Ct));
        var march2025 = await TestApp.ReadAsync<Page<UnitView>>(await client.GetAsync("/api/v1/units?on=2025-03-01&limit=500", Ct));
        var july2025 = await TestApp.ReadAsync<Page<UnitView>>(await client.GetAsync("/api/v1/units?on=2025-07-01&limit=500", Ct));

        Assert.Equal(86, in2023.Items.Count);
        Assert.Equal(63 + 18, march2025.Items.Count);
        Assert.Equal(52, july2025.Items.Count);
        Assert.Equal(34, july2025.Items.Count(u => u.Kind is UnitKind.Province or UnitKind.City));
        Assert.Contains(july2025.Items, u => u.Code == "BNNMT" && u.Name == "Bộ Nông nghiệp và Môi trường");
        Assert.DoesNotContain(march2025.Items, u => u.Code is "BKHDT" or "BNNPTNT" or "UBDT");
        Assert.Equal(UnitKind.City, march2025.Items.Single(u => u.Code == "46").Kind);
        Assert.Equal(UnitKind.Province, in2023.Items.Single(u => u.Code == "46").Kind);
    }

    [Fact]
    public async Task Unit_pages_say_what_merged_into_what_and_the_list_has_a_day()
    {
        using var client = App.Anonymous();

        var ended = await client.GetStringAsync("/units/10", Ct);
        var merged = await client.GetStringAsync("/units/15", Ct);
        var list = await client.GetStringAsync("/units?on=2023-12-31", Ct);

        Assert.Matches("Sáp nhập vào\\s*<a href=\"/units/15\\?on=2025-07-01\">Tỉnh Lào Cai</a>\\s*từ 01/07/2025", ended);
        Assert.Matches("Gồm:\\s*<a href=\"/units/10\\?on=2025-06-30\">Tỉnh Lào Cai</a>\\s*từ 01/07/2025", merged);
        Assert.Contains("Tỉnh Yên Bái", merged, StringComparison.Ordinal);
        Assert.Contains("value=\"2023-12-31\"", list, StringComparison.Ordinal);
        Assert.Contains("(86)", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dossiers_received_on_30_june_and_1_july_2025_land_on_the_unit_of_their_day_and_verify_holds()
    {
        var prefix = LedgerFiles.Prefix();
        using var yenBai = await App.ApiKeyClientAsync("15");
        using var laoCai = await App.ApiKeyClientAsync("10");

        var fifteen = await SyncAsync(yenBai, Received($"{prefix}a", "15", new DateOnly(2025, 6, 30)), Received($"{prefix}b", "15", new DateOnly(2025, 7, 1)));
        var ten = await SyncAsync(laoCai, Received($"{prefix}c", "10", new DateOnly(2025, 6, 30)), Received($"{prefix}d", "10", new DateOnly(2025, 7, 1)));

        Assert.Equal((2L, 0L), (fifteen.Accepted, fifteen.Rejected));
        Assert.Equal((1L, 1L), (ten.Accepted, ten.Rejected));
        var refused = Assert.Single(ten.Results);
        Assert.Equal(($"{prefix}d", "UNIT_NOT_IN_FORCE:MaDonVi"), (refused.DossierCode, Assert.Single(refused.Reasons).Code));
        var stored = await LedgerData.DossiersAsync(App, q => q.Where(d => d.Code.StartsWith(prefix)));
        Assert.Equal([("15", 202506), ("15", 202507), ("10", 202506)], stored.OrderBy(d => d.Code).Select(d => (d.UnitCode, d.ReceivedMonth)));
        using var client = App.Anonymous();
        Assert.Equal("Tỉnh Yên Bái", (await TestApp.ReadAsync<UnitView>(await client.GetAsync("/api/v1/units/15?on=2025-06-30", Ct))).Name);
        Assert.Equal("Tỉnh Lào Cai", (await TestApp.ReadAsync<UnitView>(await client.GetAsync("/api/v1/units/15?on=2025-07-01", Ct))).Name);
        Assert.Empty(await LedgerData.VerifyAsync(App));
    }

    /// <summary>A dossier received (status 2) at 09:00 Vietnam time on the day, pending.</summary>
    internal static string Received(string code, string unit, DateOnly day)
    {
        string At(DateOnly d, string time) => JsonSerializer.Serialize($"{d:yyyyMMdd}{time}");
        return SyncSamples.ExampleWith(
            ("MaHoSo", JsonSerializer.Serialize(code)), ("MaDonVi", JsonSerializer.Serialize(unit)), ("MaTTHC", JsonSerializer.Serialize(LedgerFiles.Procedure)),
            ("TrangThaiHoSo", "2"), ("NgayNopHoSo", At(day, "080000")), ("NgayTiepNhan", At(day, "090000")), ("NgayHenTra", At(day.AddDays(10), "170000")),
            ("ThoiDiemCapNhat", At(day, "100000")), ("NgayKetThucXuLy", null), ("NgayTra", null), ("DanhSachHoSoBoSung", null), ("DanhGia", null));
    }

    internal static async Task<SyncAnswer> SyncAsync(HttpClient unit, params string[] records) =>
        await TestApp.ReadAsync<SyncAnswer>(await unit.PostAsync("/api/v1/dossiers/sync", new StringContent(string.Join('\n', records) + "\n", Encoding.UTF8, "application/x-ndjson"), Ct));
}

public sealed class UnitTimelineTestsOnSqlite(SqliteApp fixture) : UnitTimelineTests<SqliteApp>(fixture);

public sealed class UnitTimelineTestsOnPostgres(PostgresApp fixture) : UnitTimelineTests<PostgresApp>(fixture);
