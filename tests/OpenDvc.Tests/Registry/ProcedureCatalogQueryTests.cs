using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using OpenDvc.Registry.Procedures;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Registry;

/// <summary>The catalog's pages stay one index walk at any size: SQLite's plan never sorts and never skips by offset.</summary>
public sealed class ProcedureCatalogQueryTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData("khai", null, null)]
    [InlineData(null, "Hộ tịch", null)]
    [InlineData(null, null, Audience.Businesses)]
    public async Task Catalog_page_is_ordered_by_an_index_and_never_by_offset(string? q, string? field, Audience? audience)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var sql = ProcedureCatalog.PageQuery(db, new ProcedureFilter(q, field, audience, null, null), Keyset.Encode("2.000000"), 50).ToQueryString();

        var plan = await PlanAsync(db, sql);

        Assert.DoesNotContain("OFFSET", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.Contains("INDEX", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_check_sees_a_sort_when_there_is_one()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();

        var plan = await PlanAsync(db, db.Set<Procedure>().OrderBy(p => p.Name).Take(51).ToQueryString());

        Assert.Contains("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    private static async Task<string> PlanAsync(OpenDvcDbContext db, string sql)
    {
        // ToQueryString declares the parameters first (".param set"), then the statement.
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        var lines = sql.Split('\n');
        foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var parts = line[".param set ".Length..].Split(' ', 2);
            var parameter = command.CreateParameter();
            parameter.ParameterName = parts[0];
            parameter.Value = parts[1].Trim().Trim('\'');
            command.Parameters.Add(parameter);
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var plan = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            plan.Add(reader.GetString(3));
        }

        return string.Join(" | ", plan);
    }
}
