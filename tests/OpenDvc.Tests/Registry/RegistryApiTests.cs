using System.Net;
using System.Text.Json;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;
using OpenDvc.Platform.Web;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Registry;

public abstract class RegistryApiTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    [Fact]
    public async Task Lists_the_86_units_of_2023_page_by_page_without_repeats()
    {
        using var client = App.Anonymous();
        var seen = new List<string>();
        string? next = null;

        do
        {
            var page = await TestApp.ReadAsync<Page<UnitView>>(await client.GetAsync($"/api/v1/units?on=2023-12-31&limit=20&after={next}", TestContext.Current.CancellationToken));
            seen.AddRange(page.Items.Select(u => u.Code));
            next = page.Next;
        }
        while (next is not null);

        Assert.Equal(86, seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(63, (await TestApp.ReadAsync<Page<UnitView>>(await client.GetAsync("/api/v1/units?on=2023-12-31&limit=500&kind=Province", TestContext.Current.CancellationToken))).Items.Count
            + (await TestApp.ReadAsync<Page<UnitView>>(await client.GetAsync("/api/v1/units?on=2023-12-31&limit=500&kind=City", TestContext.Current.CancellationToken))).Items.Count);
    }

    [Fact]
    public async Task Unknown_unit_is_a_problem_with_a_stable_code_in_both_languages()
    {
        using var client = App.Anonymous();

        var response = await client.GetAsync("/api/v1/units/ZZ", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("OD-UNIT-UNKNOWN", problem.GetProperty("code").GetString());
        Assert.Contains("ZZ", problem.GetProperty("message_vi").GetString(), StringComparison.Ordinal);
        Assert.Contains("No unit", problem.GetProperty("message_en").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_do_not_see_focal_point_contacts()
    {
        using var client = App.Anonymous();

        var unit = await TestApp.ReadAsync<UnitView>(await client.GetAsync("/api/v1/units/01", TestContext.Current.CancellationToken));

        Assert.NotNull(unit.FocalPointAgency);
        Assert.Null(unit.ContactEmail);
    }

    [Fact]
    public async Task Services_page_by_unit_and_procedure_keys()
    {
        using var client = App.Anonymous();

        var first = await TestApp.ReadAsync<Page<OnlineService>>(await client.GetAsync("/api/v1/services?unit=01&limit=10", TestContext.Current.CancellationToken));
        var second = await TestApp.ReadAsync<Page<OnlineService>>(await client.GetAsync($"/api/v1/services?unit=01&limit=10&after={first.Next}", TestContext.Current.CancellationToken));

        Assert.Equal(10, first.Items.Count);
        Assert.All(first.Items.Concat(second.Items), s => Assert.Equal("01", s.UnitCode));
        Assert.True(string.CompareOrdinal(first.Items[^1].ProcedureCode, second.Items[0].ProcedureCode) < 0);
    }

    [Fact]
    public async Task Procedure_filter_by_audience_returns_only_that_audience()
    {
        using var client = App.Anonymous();

        var page = await TestApp.ReadAsync<Page<Procedure>>(await client.GetAsync("/api/v1/procedures?audience=Businesses&limit=500", TestContext.Current.CancellationToken));

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, p => Assert.Equal(Audience.Businesses, p.Audience));
    }

    [Fact]
    public async Task Health_reports_the_database_reachable_and_migrated()
    {
        using var client = App.Anonymous();

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("migrations applied", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_registry()
    {
        using var client = App.Anonymous();

        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Contains("/api/v1/units", document, StringComparison.Ordinal);
        Assert.Contains("ListProcedures", document, StringComparison.Ordinal);
    }
}

public sealed class RegistryApiTestsOnSqlite(SqliteApp fixture) : RegistryApiTests<SqliteApp>(fixture);

public sealed class RegistryApiTestsOnPostgres(PostgresApp fixture) : RegistryApiTests<PostgresApp>(fixture);
