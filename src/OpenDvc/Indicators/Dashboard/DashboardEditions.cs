using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Editions;
using OpenDvc.Indicators.Rankings;
using OpenDvc.Platform.Database;

namespace OpenDvc.Indicators.Dashboard;

/// <summary>Which rankings the dashboard shows: a published edition (with its rows), or live figures, and the editions to choose from.</summary>
public sealed record EditionChoice(RankingEdition? Edition, IReadOnlyList<RankingRow> Rows, IReadOnlyList<RankingEdition> Published, bool CanSeeLive)
{
    public bool Live => Edition is null;
}

/// <summary>
/// Issue 4: "the public sees published editions, not moving numbers". The asked edition; else, for an asked period,
/// that period's latest edition; else the latest edition of the audience. Live figures only when no edition
/// matches (labelled "live / not published"), or when a signed-in user asks for them.
/// </summary>
public static class DashboardEditions
{
    public static async Task<EditionChoice> ChooseAsync(OpenDvcDbContext db, ClaimsPrincipal user, int? editionId, bool live, Period? askedPeriod, AudienceFilter audience, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var published = await EditionPublisher.HeadersAsync(db, ct);
        var canSeeLive = user.Identity?.IsAuthenticated == true;
        if (live && canSeeLive)
        {
            return new(null, [], published, canSeeLive);
        }

        var header = (editionId is { } id ? published.FirstOrDefault(e => e.Id == id) : null)
            ?? (askedPeriod is { } period
                ? published.FirstOrDefault(e => e.Period == period.ToString() && e.Audience == audience)
                : published.FirstOrDefault(e => e.Audience == audience));
        if (header is null)
        {
            return new(null, [], published, canSeeLive);
        }

        var edition = await db.Set<RankingEdition>().AsNoTracking().SingleAsync(e => e.Id == header.Id, ct);
        return new(header, EditionView.From(edition, withRows: true).Rows ?? [], published, canSeeLive);
    }
}
