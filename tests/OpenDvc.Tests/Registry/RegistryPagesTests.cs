using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Registry;

public sealed partial class RegistryPagesTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/units?kind=Province", "Danh sách đơn vị")]
    [InlineData("/units/01", "Thành phố Hà Nội")]
    [InlineData("/procedures?q=khai%20sinh", "Đăng ký khai sinh")]
    [InlineData("/services?unit=01&level=FullProcess", "Toàn trình")]
    [InlineData("/calendar?year=2023", "Tết Nguyên đán")]
    public async Task Registry_pages_are_public_and_vietnamese_first(string path, string expected)
    {
        using var client = App.Anonymous();

        var html = await client.GetStringAsync(path, Ct);

        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("<caption>", html, StringComparison.Ordinal);
        Assert.Contains("scope=\"col\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Procedure_catalog_pages_by_next_links_without_repeats()
    {
        using var client = App.Anonymous();
        var seen = new List<string>();
        var path = "/procedures";

        while (path is not null)
        {
            var html = await client.GetStringAsync(path, Ct);
            seen.AddRange(ProcedureLink().Matches(html).Select(m => m.Groups[1].Value));
            var next = NextLink().Match(html);
            path = next.Success ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
        }

        Assert.True(seen.Count > 200, $"{seen.Count} procedures");
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Table_downloads_use_the_import_layout()
    {
        using var client = App.Anonymous();

        var csv = await client.GetAsync("/procedures?field=H%E1%BB%99%20t%E1%BB%8Bch&format=csv", Ct);
        var xlsx = await client.GetAsync("/units?format=xlsx", Ct);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,name,field,audience,tier,managing_unit,statutory_time,time_unit,fee,paper_result,eligible_full_process,ineligible_reason", lines[0].Trim('\uFEFF', '\r'));
        Assert.All(lines.Skip(1), l => Assert.Contains(",Hộ tịch,", l, StringComparison.Ordinal));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Calendar_year_downloads_as_csv()
    {
        using var client = App.Anonymous();

        var csv = await client.GetStringAsync("/calendar?year=2024&format=csv", Ct);

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,kind,name", lines[0].Trim('\uFEFF', '\r'));
        Assert.Contains(lines, l => l.StartsWith("2024-09-02,day_off,", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.StartsWith("2024-", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unit_page_shows_the_contact_only_to_those_who_may_read_it()
    {
        using var anonymous = App.Anonymous();
        using var viewer = await App.SignInAsync("pages-viewer", Roles.Viewer);

        var publicPage = await anonymous.GetStringAsync("/units/02", Ct);
        var staffPage = await viewer.GetStringAsync("/units/02", Ct);

        Assert.DoesNotContain("daumoi.02@example.gov.vn", publicPage, StringComparison.Ordinal);
        Assert.Contains("daumoi.02@example.gov.vn", staffPage, StringComparison.Ordinal);
        Assert.DoesNotContain("contact.ContactName", staffPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Focal_point_edits_its_own_contact_on_the_unit_page_and_is_refused_another_unit()
    {
        using var focal = await App.SignInAsync("pages-focal-04", Roles.FocalPoint, "04");

        var own = await TestApp.PostFormAsync(focal, "/units/04?handler=Contact", new() { ["contact.FocalPointAgency"] = "Sở TT&TT", ["contact.ContactName"] = "Trần Thị Trang" }, "/units/04");
        var other = await TestApp.PostFormAsync(focal, "/units/06?handler=Contact", new() { ["contact.ContactName"] = "Kẻ lạ" }, "/units/04");

        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Contains("Trần Thị Trang", await focal.GetStringAsync("/units/04", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal("/account/denied", other.Headers.Location?.AbsolutePath);
        Assert.DoesNotContain("Kẻ lạ", await focal.GetStringAsync("/units/06", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_page_shows_each_wrong_cell_and_writes_nothing()
    {
        using var admin = await App.SignInAsync("pages-admin", Roles.Admin);
        var form = await admin.GetStringAsync("/registry/import", Ct);
        var token = Token().Match(form).Groups[1].Value;
        var file = Encoding.UTF8.GetBytes("code,name,field,audience,tier,managing_unit,statutory_time,time_unit,fee,paper_result,eligible_full_process,ineligible_reason\n6.000001,X,Y,Citizens,Central,NOPE,1,Days,0,0,1,\n");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("procedures"), "table" },
            { new ByteArrayContent(file), "file", "p.csv" },
        };

        var response = await admin.PostAsync("/registry/import", content, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("OD-UNIT-UNKNOWN", html, StringComparison.Ordinal);
        Assert.Contains("NOPE", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/procedures/6.000001", Ct)).StatusCode);
    }

    [Fact]
    public async Task Import_page_refuses_a_post_without_the_anti_forgery_token_and_anonymous_callers()
    {
        using var admin = await App.SignInAsync("pages-admin", Roles.Admin);
        using var anonymous = App.Anonymous();
        using var content = new MultipartFormDataContent { { new StringContent("procedures"), "table" } };

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/registry/import", content, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/registry/import", Ct)).StatusCode);
    }

    [Fact]
    public async Task Admin_adds_and_removes_a_calendar_day_on_the_calendar_page()
    {
        using var admin = await App.SignInAsync("pages-admin", Roles.Admin);
        using var viewer = await App.SignInAsync("pages-viewer", Roles.Viewer);

        var added = await TestApp.PostFormAsync(admin, "/calendar?handler=Save", new() { ["date"] = "2025-12-24", ["kind"] = "DayOff", ["name"] = "Nghỉ thử nghiệm" }, "/calendar");
        var page = await admin.GetStringAsync("/calendar?year=2025", Ct);
        var refused = await TestApp.PostFormAsync(viewer, "/calendar?handler=Delete", new() { ["date"] = "2025-12-24" }, "/calendar");
        var removed = await TestApp.PostFormAsync(admin, "/calendar?handler=Delete", new() { ["date"] = "2025-12-24" }, "/calendar");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Nghỉ thử nghiệm", page, StringComparison.Ordinal);
        Assert.Equal("/account/denied", refused.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain("Nghỉ thử nghiệm", await admin.GetStringAsync("/calendar?year=2025", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_creates_a_procedure_with_the_edit_form()
    {
        using var admin = await App.SignInAsync("pages-admin", Roles.Admin);
        var fields = new Dictionary<string, string>
        {
            ["newCode"] = "5.000001", ["input.Name"] = "Thủ tục tạo bằng biểu mẫu", ["input.Field"] = "Thử nghiệm", ["input.Audience"] = "Both", ["input.Tier"] = "Provincial",
            ["input.ManagingUnitCode"] = "BTP", ["input.StatutoryTime"] = "7", ["input.TimeUnit"] = "WorkingDays", ["input.Fee"] = "0",
            ["input.HasPaperResult"] = "false", ["input.EligibleForFullProcess"] = "false", ["input.IneligibleReason"] = "",
        };

        var refused = await TestApp.PostFormAsync(admin, "/procedures/edit", new(fields));
        fields["input.IneligibleReason"] = "Phải có mặt";
        var created = await TestApp.PostFormAsync(admin, "/procedures/edit", new(fields));
        fields["input.Name"] = "Ghi đè";
        var again = await TestApp.PostFormAsync(admin, "/procedures/edit", new(fields));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Thủ tục không đủ điều kiện toàn trình phải nêu lý do.", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("Thủ tục tạo bằng biểu mẫu", await admin.GetStringAsync("/procedures/5.000001", Ct), StringComparison.Ordinal);
    }

    [GeneratedRegex("<td><a href=\"/procedures/([^\"]+)\">")]
    private static partial Regex ProcedureLink();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
