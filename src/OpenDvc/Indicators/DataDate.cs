using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using OpenDvc.Ledger.Quality;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;

namespace OpenDvc.Indicators;

/// <summary>
/// Up to when the figures' data runs: the ledger's last committed batch (<see cref="LedgerWatermark"/>). Every
/// indicator answer carries it (the <see cref="Header"/> header of the API, the line on the pages, the heading of the
/// exports). Kept until the data changes and at most 30 seconds, so dating an answer costs no query.
/// </summary>
public sealed class DataDate(OpenDvcDbContext db, IMemoryCache cache, DataChanges changes)
{
    /// <summary>The response header of every indicator API answer: ISO 8601 in Vietnam time, absent while the ledger is empty.</summary>
    public const string Header = "Data-As-Of";

    public async Task<DateTimeOffset?> LatestAsync(CancellationToken ct) =>
        await cache.GetOrCreateAsync((typeof(DataDate), "latest"), entry =>
        {
            entry.AddExpirationToken(changes.Token);
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return LedgerWatermark.LatestAsync(db, ct);
        });

    public static string HeaderValue(DateTimeOffset at) =>
        at.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>Dates each answer of the indicator API with <see cref="DataDate.Header"/> (cached answers keep the header they were computed with).</summary>
internal sealed class DataDateFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (await http.RequestServices.GetRequiredService<DataDate>().LatestAsync(http.RequestAborted) is { } at)
        {
            http.Response.Headers[DataDate.Header] = DataDate.HeaderValue(at);
        }

        return await next(context);
    }
}
