using OpenDvc.Accounts.Users;
using OpenDvc.Directives.Compliance;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>
/// The list that ends the agency's letters, on the demo directives' declared history (DemoDirectives): a unit is
/// listed when it had not submitted by the end of the day, a returned submission does not count until sent again,
/// and a unit whose extension still runs is shown apart, not listed.
/// </summary>
public abstract class NotSubmittedListTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(DemoCatalogHistory.Days), MemberType = typeof(DemoCatalogHistory))]
    public async Task Lists_the_units_that_had_not_submitted_the_2023_catalog_by_the_end_of_the_day(string day, string[] submitted, string[] extended)
    {
        using var staff = await App.SignInAsync("notsub-viewer", Roles.Viewer);
        var deliverable = await DirectivesData.DemoCatalogAsync(App);
        var recipients = await DirectivesData.UnitsValidOnAsync(App, new DateOnly(2023, 4, 7));

        var answer = await TestApp.ReadAsync<NotSubmittedAnswer>(await staff.GetAsync($"/api/v1/deliverables/{deliverable}/not-submitted?date={day}", Ct));

        var expected = recipients.Except(submitted).Except(extended).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, answer.List.All.Select(u => u.Code).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(extended.Order(StringComparer.Ordinal), answer.List.ExtensionRunning.Select(u => u.Code).Order(StringComparer.Ordinal));
        Assert.Equal(recipients.Count, answer.List.Recipients);
        Assert.All(answer.List.Ministries, u => Assert.False(u.IsProvince));
        Assert.All(answer.List.Provinces, u => Assert.True(u.IsProvince));
        Assert.Contains($"({answer.List.Provinces.Count}): ", answer.TextVi, StringComparison.Ordinal);
        Assert.Contains(answer.List.Ministries[0].Name, answer.TextVi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Returned_and_late_submissions_show_in_the_matrix_as_such()
    {
        using var staff = await App.SignInAsync("notsub-viewer", Roles.Viewer);
        var deliverable = await DirectivesData.DemoCatalogAsync(App);

        var matrix = await TestApp.ReadAsync<Matrix>(await staff.GetAsync($"/api/v1/compliance?date=2023-04-24&units=Provinces", Ct));

        var column = matrix.Columns.Select((c, i) => (c, i)).Single(x => x.c.DeliverableId == deliverable).i;
        ComplianceStatus StatusOf(string unit) => matrix.Rows.Single(r => r.UnitCode == unit).Cells[column]!.Status;
        Assert.Equal(ComplianceStatus.Returned, StatusOf("01"));
        Assert.Equal(ComplianceStatus.Missing, StatusOf("79"));
        Assert.Equal(ComplianceStatus.NotDue, StatusOf("48"));
        Assert.All(matrix.Rows, r => Assert.Matches("^[0-9]+$", r.UnitCode));

        var later = await TestApp.ReadAsync<Matrix>(await staff.GetAsync($"/api/v1/compliance?date=2023-04-27&units=Provinces", Ct));

        Assert.Equal(ComplianceStatus.Late, later.Rows.Single(r => r.UnitCode == "01").Cells[column]!.Status);
        Assert.Equal(ComplianceStatus.Late, later.Rows.Single(r => r.UnitCode == "79").Cells[column]!.Status);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task The_list_exports_one_line_per_unit(string format)
    {
        using var staff = await App.SignInAsync("notsub-viewer", Roles.Viewer);
        var deliverable = await DirectivesData.DemoCatalogAsync(App);
        var answer = await TestApp.ReadAsync<NotSubmittedAnswer>(await staff.GetAsync($"/api/v1/deliverables/{deliverable}/not-submitted?date=2023-04-22", Ct));

        var response = await staff.GetAsync($"/api/v1/deliverables/{deliverable}/not-submitted/export?date=2023-04-22&format={format}", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.True(response.IsSuccessStatusCode);
        var (file, error) = OpenDvc.Registry.Transfer.TableFile.Read(new MemoryStream(bytes), $"list.{format}");
        Assert.Null(error);
        Assert.Equal(answer.List.All.Select(u => u.Code), file!.Rows.Select(r => r.Cells[1]));
    }

    [Fact]
    public async Task The_page_links_the_pdf_and_no_longer_says_there_is_none_issue_18()
    {
        using var staff = await App.SignInAsync("notsub-viewer", Roles.Viewer);
        var deliverable = await DirectivesData.DemoCatalogAsync(App);

        var vietnamese = await staff.GetStringAsync($"/compliance/not-submitted?deliverable={deliverable}&date=2023-04-22", Ct);
        var english = await staff.GetStringAsync($"/compliance/not-submitted?deliverable={deliverable}&date=2023-04-22&culture=en-GB", Ct);

        Assert.Contains($"/api/v1/deliverables/{deliverable}/not-submitted/export?date=2023-04-22&amp;format=pdf", vietnamese, StringComparison.Ordinal);
        Assert.DoesNotContain("Bản PDF: chưa có", vietnamese, StringComparison.Ordinal);
        Assert.DoesNotContain("PDF: not available", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_prints_as_the_letters_annex_with_numbered_groups_and_their_counts()
    {
        using var staff = await App.SignInAsync("notsub-viewer", Roles.Viewer);
        var deliverable = await DirectivesData.DemoCatalogAsync(App);
        var answer = await TestApp.ReadAsync<NotSubmittedAnswer>(await staff.GetAsync($"/api/v1/deliverables/{deliverable}/not-submitted?date=2023-04-22", Ct));

        var response = await staff.GetAsync($"/api/v1/deliverables/{deliverable}/not-submitted/export?date=2023-04-22&format=pdf", Ct);
        var pages = PdfText.Pages(await response.Content.ReadAsByteArrayAsync(Ct));
        var text = string.Join(' ', pages);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"Công văn số {answer.List.DirectiveNumber}", pages[0], StringComparison.Ordinal);
        Assert.Contains("22/04/2023", pages[0], StringComparison.Ordinal);
        Assert.Contains($"I. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ ({answer.List.Ministries.Count})", text, StringComparison.Ordinal);
        Assert.Contains($"II. Các tỉnh, thành phố trực thuộc Trung ương ({answer.List.Provinces.Count})", text, StringComparison.Ordinal);
        var ministries = text.IndexOf("I. Các bộ", StringComparison.Ordinal);
        var provinces = text.IndexOf("II. Các tỉnh", StringComparison.Ordinal);
        Assert.All(answer.List.Ministries, u => Assert.InRange(text.IndexOf($" {u.Code} ", ministries, StringComparison.Ordinal), ministries, provinces));
        Assert.All(answer.List.Provinces, u => Assert.True(text.IndexOf($" {u.Code} ", provinces, StringComparison.Ordinal) > provinces, u.Code));
        Assert.Contains($" {answer.List.Provinces.Count} {answer.List.Provinces[^1].Code} ", text, StringComparison.Ordinal);
        if (answer.List.ExtensionRunning.Count > 0)
        {
            Assert.Contains($"Extension still running, not listed", text, StringComparison.Ordinal);
            Assert.Contains("Extended to", text, StringComparison.Ordinal);
        }
    }
}

/// <summary>Who had sent the 2023 catalog by the end of a day, and who held a running extension, by the demo's declared history.</summary>
public static class DemoCatalogHistory
{
    public static TheoryData<string, string[], string[]> Days => new()
    {
        // Before the due date (21/4/2023): BTP, Hà Nội and BYT have sent theirs; Đà Nẵng and Hải Phòng hold extensions.
        { "2023-04-20", ["BTP", "01", "BYT"], ["48", "31"] },

        // Hà Nội's was returned on the 22nd: listed again. BYT's return comes on the 23rd.
        { "2023-04-22", ["BTP", "BCA", "BYT"], ["48", "31"] },
        { "2023-04-24", ["BTP", "BCA"], ["48", "31"] },

        // Hà Nội resubmitted on the 26th, HCMC sent late on the 25th; Hải Phòng's extension ran out on the 28th.
        { "2023-04-30", ["BTP", "BCA", "01", "79"], ["48"] },

        // Đà Nẵng sent on 3/5, within its extension.
        { "2023-05-06", ["BTP", "BCA", "01", "79", "48"], [] },
    };
}

public sealed class NotSubmittedListTestsOnSqlite(SqliteApp fixture) : NotSubmittedListTests<SqliteApp>(fixture);

public sealed class NotSubmittedListTestsOnPostgres(PostgresApp fixture) : NotSubmittedListTests<PostgresApp>(fixture);
