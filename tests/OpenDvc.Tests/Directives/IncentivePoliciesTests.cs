using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using OpenDvc.Accounts.Users;
using OpenDvc.Directives.Incentives;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// The register of incentive policies (issue 18): a unit's focal point records its own unit's policies only, the list
/// answers "in force on a day", its export opens with Vietnamese headers, and the demo says what the 2023 letter says.
/// </summary>
public abstract class IncentivePoliciesTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private const string Api = "/api/v1/incentive-policies";

    /// <summary>The 2023 letter's date (3179/BTTTT-CĐSQG, 7/8/2023): the demo's policies are those in force then.</summary>
    private const string LetterDay = "2023-08-07";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IncentivePolicyInput Policy(string unit, DateOnly since, DateOnly? until = null, string issuer = "UBND") =>
        new(unit, IncentiveKind.FeeReduction, 50, "Giảm 50% lệ phí hồ sơ nộp trực tuyến", since, until,
            $"{Guid.NewGuid():N}"[..6] + "/2024/NQ-HĐND", since.AddDays(-20), issuer, IncentiveIssuer.TheUnit, "https://vbpl.vn/example");

    [Fact]
    public async Task A_focal_point_records_its_own_units_policy_and_is_refused_for_another_unit()
    {
        using var focal = await App.SignInAsync("incent-fp-01", Roles.FocalPoint, "01");
        using var admin = await App.SignInAsync("incent-admin", Roles.Admin);

        var own = await DirectivesData.PostJsonAsync(focal, Api, Policy("01", new DateOnly(2024, 1, 1), issuer: "HĐND thành phố Hà Nội"));
        var other = await DirectivesData.PostJsonAsync(focal, Api, Policy("79", new DateOnly(2024, 1, 1)));
        var byAdmin = await TestApp.ReadAsync<IncentivePolicyView>(await DirectivesData.PostJsonAsync(admin, Api, Policy("79", new DateOnly(2024, 2, 1))));
        var changeOther = await DirectivesData.PutJsonAsync(focal, $"{Api}/{byAdmin.Id}", Policy("79", new DateOnly(2024, 2, 1)));
        var endOther = await DirectivesData.PostJsonAsync(focal, $"{Api}/{byAdmin.Id}/end", new EndIncentivePolicyInput(new DateOnly(2024, 12, 31)));
        var moveToOwn = await DirectivesData.PutJsonAsync(focal, $"{Api}/{byAdmin.Id}", Policy("01", new DateOnly(2024, 2, 1)));
        var created = await TestApp.ReadAsync<IncentivePolicyView>(own);
        var ended = await TestApp.ReadAsync<IncentivePolicyView>(await DirectivesData.PostJsonAsync(focal, $"{Api}/{created.Id}/end", new EndIncentivePolicyInput(new DateOnly(2024, 12, 31))));
        var endBeforeStart = await DirectivesData.PostJsonAsync(focal, $"{Api}/{created.Id}/end", new EndIncentivePolicyInput(new DateOnly(2023, 12, 31)));
        var empty = await DirectivesData.PostJsonAsync(focal, Api, Policy("01", new DateOnly(2024, 1, 1)) with { Percent = null, Description = " " });
        var script = await DirectivesData.PostJsonAsync(focal, Api, Policy("01", new DateOnly(2024, 1, 1)) with { Link = "javascript:alert(1)" });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(("01", "Thành phố Hà Nội"), (created.Unit, created.UnitName));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, changeOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, endOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, moveToOwn.StatusCode);
        Assert.Equal(new DateOnly(2024, 12, 31), ended.Until);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, endBeforeStart.StatusCode);
        Assert.Contains("OD-INCENTIVE-DATES", await endBeforeStart.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("OD-INCENTIVE-BENEFIT-EMPTY", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("OD-INCENTIVE-LINK", await script.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(["create", "update"], await AuditActionsAsync(created.Id));
    }

    [Fact]
    public async Task A_focal_point_records_a_policy_through_the_form_and_not_for_another_unit()
    {
        using var focal = await App.SignInAsync("incent-fp-60", Roles.FocalPoint, "60");
        Dictionary<string, string> Form(string unit) => new()
        {
            ["Unit"] = unit, ["Kind"] = "FasterProcessing", ["Description"] = "Trả kết quả trước hạn 1 ngày", ["Since"] = "2024-03-01",
            ["DocumentNumber"] = "15/QĐ-UBND", ["DocumentDate"] = "2024-02-20", ["DocumentIssuer"] = "UBND tỉnh Bình Thuận", ["IssuedBy"] = "TheUnit",
        };

        var saved = await TestApp.PostFormAsync(focal, "/incentives/edit", Form("60"));
        var refused = await TestApp.PostFormAsync(focal, "/incentives/edit", Form("79"));
        var list = await TestApp.ReadAsync<IncentivePolicyList>(await focal.GetAsync($"{Api}?unit=60&on=2024-03-01", Ct));
        var page = await focal.GetStringAsync("/incentives?unit=60&on=2024-03-01", Ct);
        var anothersEdit = await focal.GetAsync($"/incentives/edit/{(await TestApp.ReadAsync<IncentivePolicyList>(await focal.GetAsync($"{Api}?unit=22&on=2023-08-07", Ct))).Items[0].Id}", Ct);

        Assert.Equal("/incentives", TestApp.PathOf(saved.Headers.Location));
        Assert.True(UnitScopeAssertions.IsForbidden(refused));
        Assert.Contains(list.Items, p => p.Unit == "60" && p.Kind == IncentiveKind.FasterProcessing && p.DocumentNumber == "15/QĐ-UBND");
        Assert.Contains($"/incentives/edit/{list.Items.Single(p => p.DocumentNumber == "15/QĐ-UBND").Id}", page, StringComparison.Ordinal);
        Assert.True(UnitScopeAssertions.IsForbidden(anothersEdit));
    }

    [Fact]
    public async Task The_list_holds_the_policies_in_force_on_the_day_asked()
    {
        using var admin = await App.SignInAsync("incent-admin", Roles.Admin);
        using var anonymous = App.Anonymous();
        var mine = await TestApp.ReadAsync<IncentivePolicyView>(await DirectivesData.PostJsonAsync(admin, Api, Policy("02", new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 31))));

        async Task<List<int>> IdsOn(HttpClient client, string query) =>
            [.. (await TestApp.ReadAsync<IncentivePolicyList>(await client.GetAsync($"{Api}{query}", Ct))).Items.Select(p => p.Id)];
        async Task<List<string>> UnitsOn(string day) =>
            [.. (await TestApp.ReadAsync<IncentivePolicyList>(await anonymous.GetAsync($"{Api}?on={day}", Ct))).Items.Select(p => p.Unit)];

        Assert.DoesNotContain(mine.Id, await IdsOn(anonymous, "?on=2024-04-30"));
        Assert.Contains(mine.Id, await IdsOn(anonymous, "?on=2024-05-01"));
        Assert.Contains(mine.Id, await IdsOn(anonymous, "?on=2024-05-31"));
        Assert.DoesNotContain(mine.Id, await IdsOn(anonymous, "?on=2024-06-01"));
        Assert.DoesNotContain(mine.Id, await IdsOn(anonymous, ""));
        Assert.Contains(mine.Id, await IdsOn(admin, ""));
        Assert.Contains(mine.Id, await IdsOn(anonymous, "?on=2024-05-15&unit=02&kind=FeeReduction"));
        Assert.DoesNotContain(mine.Id, await IdsOn(anonymous, "?on=2024-05-15&kind=FasterProcessing"));

        // Demo: Quảng Ninh's resolution ran until 30/6/2025, Bắc Ninh's began on 1/1/2023.
        Assert.Contains("22", await UnitsOn("2022-06-01"));
        Assert.DoesNotContain("27", await UnitsOn("2022-06-01"));
        Assert.Contains("27", await UnitsOn(LetterDay));
        Assert.Contains("22", await UnitsOn("2025-06-30"));
        Assert.DoesNotContain("22", await UnitsOn("2025-07-01"));
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"{Api}?on=7/8/2023", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_export_opens_with_vietnamese_headers()
    {
        using var anonymous = App.Anonymous();

        var xlsx = await anonymous.GetAsync($"{Api}/export?format=xlsx&on={LetterDay}", Ct);
        var csv = await anonymous.GetStringAsync($"{Api}/export?format=csv&on={LetterDay}", Ct);
        var pdf = await anonymous.GetAsync($"{Api}/export?format=pdf&on={LetterDay}", Ct);
        await using var file = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        var rows = MiniExcel.Query(file, useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(v => v?.ToString()).ToList()).ToList();
        var header = rows.FindIndex(r => r.Contains("Số hiệu văn bản"));

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("Chính sách khuyến khích sử dụng dịch vụ công trực tuyến", rows[0][0]);
        Assert.Contains("8 tỉnh, thành phố và 1 đơn vị khác có chính sách khuyến khích", rows[1][0], StringComparison.Ordinal);
        Assert.True(header > 0, "no header row");
        Assert.Equal(["Mã đơn vị", "Đơn vị", "Hình thức khuyến khích", "Tỷ lệ (%)", "Nội dung khuyến khích", "Hiệu lực từ ngày", "Hiệu lực đến ngày",
            "Số hiệu văn bản", "Ngày ban hành", "Cơ quan ban hành", "Đường dẫn văn bản", "Ghi chú"], rows[header]);
        Assert.Contains(rows.Skip(header + 1), r => r[0] == "48" && r[9] == "Sở Khoa học và Công nghệ thành phố Đà Nẵng" && r[2] == "Rút ngắn thời gian giải quyết");
        Assert.Contains("Mã đơn vị,Đơn vị,Hình thức khuyến khích", csv, StringComparison.Ordinal);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_demo_says_what_the_2023_letter_says_eight_provinces_and_one_other_unit()
    {
        using var anonymous = App.Anonymous();

        var list = await TestApp.ReadAsync<IncentivePolicyList>(await anonymous.GetAsync($"{Api}?on={LetterDay}", Ct));
        var page = await anonymous.GetStringAsync($"/incentives?on={LetterDay}", Ct);
        var pageInEnglish = await anonymous.GetStringAsync($"/incentives?on={LetterDay}&culture=en-GB", Ct);

        Assert.Equal((8, 1), (list.Summary.Provinces, list.Summary.OtherUnits));
        Assert.Contains(list.Items, p => p.Unit == "48" && p.IssuedBy == IncentiveIssuer.UnitAgency && p.DocumentIssuer.StartsWith("Sở Khoa học và Công nghệ", StringComparison.Ordinal));
        Assert.Contains("8 tỉnh, thành phố và 1 đơn vị khác có chính sách khuyến khích", page, StringComparison.Ordinal);
        Assert.Contains("Sở Khoa học và Công nghệ thành phố Đà Nẵng", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/incentives/edit", page, StringComparison.Ordinal);
        Assert.Contains("8 provinces and cities and 1 other units have an incentive policy", pageInEnglish, StringComparison.Ordinal);
    }

    private async Task<List<string>> AuditActionsAsync(int id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.Set<AuditEntry>().Where(e => e.EntityType == nameof(IncentivePolicy) && e.EntityKey == key && e.UnitCode == "01")
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct);
    }
}

public sealed class IncentivePoliciesTestsOnSqlite(SqliteApp fixture) : IncentivePoliciesTests<SqliteApp>(fixture);

public sealed class IncentivePoliciesTestsOnPostgres(PostgresApp fixture) : IncentivePoliciesTests<PostgresApp>(fixture);
