using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OpenDvc.Directives.Demo;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Units;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Directives;

/// <summary>The app on SQLite with a clock the test moves: "now" is 10:00 in Hà Nội on 14 March 2024 until a test says otherwise.</summary>
public sealed class ClockedSqliteApp : SqliteApp
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 3, 14, 3, 0, 0, TimeSpan.Zero));

    protected override TimeProvider? Time => Clock;
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class ClockedPostgresApp(PostgresCluster cluster) : PostgresApp(cluster)
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 3, 14, 3, 0, 0, TimeSpan.Zero));

    protected override TimeProvider? Time => Clock;
}

/// <summary>What the directives tests share: finding demo deliverables, the units, JSON calls.</summary>
public static class DirectivesData
{
    public static async Task<int> DeliverableAsync(TestApp app, string directiveNumber, DeliverableKind kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        return await db.Set<Deliverable>().Where(d => d.Directive!.Number == directiveNumber && d.Kind == kind).Select(d => d.Id).SingleAsync();
    }

    public static Task<int> DemoCatalogAsync(TestApp app) => DeliverableAsync(app, DemoDirectives.CatalogAndPlan2023, DeliverableKind.ProcedureCatalog);

    /// <summary>Every unit valid on a day, by code.</summary>
    public static async Task<IReadOnlyList<string>> UnitsValidOnAsync(TestApp app, DateOnly day)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var units = await db.Set<Unit>().AsNoTracking().ToListAsync();
        return units.Where(u => u.IsValidOn(day)).Select(u => u.Code).ToList();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, Json.Options);

    public static Task<HttpResponseMessage> PutJsonAsync(HttpClient client, string path, object body) =>
        client.PutAsJsonAsync(path, body, Json.Options);

    public static string Submission(int deliverable, string unit) => $"/api/v1/deliverables/{deliverable}/units/{Uri.EscapeDataString(unit)}/submission";
}
