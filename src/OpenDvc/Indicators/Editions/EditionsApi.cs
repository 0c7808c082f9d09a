using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Rankings;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Tables;
using OpenDvc.Platform.Web;

namespace OpenDvc.Indicators.Editions;

/// <summary>What an admin asks to publish.</summary>
public sealed record PublishEditionInput(string? Period, AudienceFilter? Audience);

/// <summary>An edition as read back: its header and, for one edition, its rows.</summary>
public sealed record EditionView(int Id, string Period, AudienceFilter Audience, DateTimeOffset PublishedAt, string PublishedBy, string DefinitionVersions, IReadOnlyList<RankingRow>? Rows)
{
    public static EditionView From(RankingEdition e, bool withRows) => new(
        e.Id, e.Period, e.Audience, e.PublishedAt, e.PublishedBy, e.DefinitionVersions,
        withRows ? JsonSerializer.Deserialize<List<RankingRow>>(e.Rows, EditionsApi.Json) : null);
}

/// <summary>
/// /api/v1/indicators/editions: admins publish (POST); anyone reads the published editions, which never change.
/// </summary>
public static class EditionsApi
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static void MapEditionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/indicators/editions").WithTags("Indicators").CacheOutput(PublicPageCache.Policy);
        group.MapGet("/", ListEditions).WithName(nameof(ListEditions)).WithSummary("Published ranking editions, newest first (without their rows).");
        group.MapGet("/{id:int}", GetEdition).WithName(nameof(GetEdition)).WithSummary("One published edition with its rows, exactly as published.");
        group.MapPost("/", PublishEdition).RequireAuthorization(AccountsModule.AdminPolicy).WithName(nameof(PublishEdition))
            .WithSummary("Publish an immutable, dated edition of the rankings for a period (admin).");
        group.MapGet("/{id:int}/export", ExportEdition).WithName(nameof(ExportEdition))
            .WithSummary("One published edition's rows as an Excel, CSV or PDF file (format=xlsx|csv|pdf, optional group), for readers (dated by its publication) or, with headers=codes, for machines.");
    }

    public static async Task<Ok<List<EditionView>>> ListEditions(OpenDvcDbContext db, CancellationToken ct)
    {
        var editions = await EditionPublisher.HeadersAsync(db, ct);
        return TypedResults.Ok(editions.Select(e => EditionView.From(e, withRows: false)).ToList());
    }

    public static async Task<Results<Ok<EditionView>, ProblemHttpResult>> GetEdition(int id, OpenDvcDbContext db, CancellationToken ct)
    {
        var edition = await db.Set<RankingEdition>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        return edition is null ? UnknownEdition(id) : TypedResults.Ok(EditionView.From(edition, withRows: true));
    }

    public static async Task<Results<Created<EditionView>, ProblemHttpResult>> PublishEdition(PublishEditionInput input, ClaimsPrincipal user, EditionPublisher publisher, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var (edition, problem) = await publisher.PublishAsync(input, user.Identity?.Name ?? "?", ct);
        return edition is null ? problem! : TypedResults.Created($"/api/v1/indicators/editions/{edition.Id}", EditionView.From(edition, withRows: true));
    }

    /// <param name="headers"><c>codes</c> for the machine layout; by default the reader's, dated by the edition's publication.</param>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportEdition(int id, PeerGroup? group, string? format, string? headers, OpenDvcDbContext db, IndicatorExport export, CancellationToken ct)
    {
        var edition = await db.Set<RankingEdition>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (edition is null)
        {
            return UnknownEdition(id);
        }

        format ??= "xlsx";
        if (!TableExport.IsSupported(format))
        {
            return TableExport.UnsupportedFormat();
        }

        var rows = EditionView.From(edition, withRows: true).Rows!.Where(r => group is null || r.Group == group).ToList();
        var stem = $"rankings-edition-{edition.Id}-{edition.Period}";
        if (IndicatorExport.ForMachines(headers) || !Period.TryParse(edition.Period, out var period))
        {
            return (FileStreamHttpResult)await RankingTable.ToFileAsync(rows, format, stem, ct);
        }

        var heading = export.EditionHeading(export.Text("Export.RankingsTitle"), period, edition.Id, edition.PublishedAt);
        var indicators = await export.ColumnsOfAsync(edition.DefinitionVersions, ct);
        return (FileStreamHttpResult)await RankingTable.ToReaderFileAsync(rows, indicators, export, heading, format, stem, ct);
    }

    internal static ProblemHttpResult UnknownEdition(int id) =>
        Refusal.Of(IndicatorCodes.EditionUnknown, id).ToProblem();
}

/// <summary>Publishes an edition: the rankings of a period as computed now, with the definition versions in force; audited like every change.</summary>
public sealed class EditionPublisher(OpenDvcDbContext db, IndicatorCalculator calculator, RankingQuery rankings, TimeProvider time)
{
    public async Task<(RankingEdition? Edition, ProblemHttpResult? Problem)> PublishAsync(PublishEditionInput input, string publishedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (query, problem) = await new IndicatorRequest(input.Period, null, null, input.Audience).ResolveAsync(db, time, ct);
        if (query is null)
        {
            return (null, problem);
        }

        var ranked = await rankings.RankAsync(query.Period, query.Audience, ct);
        var definitions = await calculator.DefinitionsAsync(query.Period, ct);
        var edition = new RankingEdition
        {
            Period = query.Period.ToString(),
            Audience = query.Audience,
            PublishedAt = time.GetUtcNow(),
            PublishedBy = publishedBy,
            DefinitionVersions = string.Join(", ", definitions.Select(d => $"{d.Code} v{d.Version}")),
            Rows = JsonSerializer.Serialize(ranked.Select(RankingRow.From).ToList(), EditionsApi.Json),
        };
        db.Set<RankingEdition>().Add(edition);
        await db.SaveChangesAsync(ct);
        return (edition, null);
    }

    /// <summary>Edition headers (no rows), newest first.</summary>
    public static Task<List<RankingEdition>> HeadersAsync(OpenDvcDbContext db, CancellationToken ct) =>
        db.Set<RankingEdition>().AsNoTracking().OrderByDescending(e => e.Id)
            .Select(e => new RankingEdition { Id = e.Id, Period = e.Period, Audience = e.Audience, PublishedAt = e.PublishedAt, PublishedBy = e.PublishedBy, DefinitionVersions = e.DefinitionVersions, Rows = "" })
            .ToListAsync(ct);
}
