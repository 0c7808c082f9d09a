using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Ingest;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;
using OpenDvc.Platform.Web;

namespace OpenDvc.Ledger.Quarantine;

/// <summary>A quarantined record as listed and exported: the raw text whole, and every reason in both languages.</summary>
public sealed record QuarantineView(
    long Id, string? UnitCode, string? DossierCode, string Source, long Line, string RawText,
    IReadOnlyList<QuarantineReason> Reasons, DateTimeOffset ReceivedAt, QuarantineStatus Status)
{
    public static QuarantineView From(QuarantinedRecord q) => new(
        q.Id, q.UnitCode, q.DossierCode, q.Source, q.Line, q.RawText,
        JsonSerializer.Deserialize<QuarantineReason[]>(q.Reasons) ?? [], q.ReceivedAt, q.Status);
}

/// <summary>What a replay did: records now stored (accepted, unchanged or stale) and records still refused.</summary>
public sealed record ReplaySummary(int Replayed, int StillRefused);

/// <summary>
/// Whose quarantine a caller sees (UnitAccess is the rule): agency staff every unit, or one unit when they ask;
/// a focal point or an API key only its own unit. Null when the caller may not see the unit asked for.
/// </summary>
public sealed record QuarantineScope(string? Unit)
{
    public static QuarantineScope? For(ClaimsPrincipal user, string? requestedUnit)
    {
        if (UnitAccess.IsStaff(user))
        {
            return new QuarantineScope(requestedUnit);
        }

        var own = UnitAccess.UnitOf(user);
        return own is not null && (requestedUnit is null || requestedUnit == own) ? new QuarantineScope(own) : null;
    }

    /// <summary>Replay re-submits records, which is a change: admins, or the unit's own focal point or API key.</summary>
    public static QuarantineScope? ForReplay(ClaimsPrincipal user, string? requestedUnit)
    {
        if (user.IsInRole(Accounts.Users.Roles.Admin))
        {
            return new QuarantineScope(requestedUnit);
        }

        var own = UnitAccess.UnitOf(user);
        var mayChange = own is not null && (UnitAccess.CanEdit(user, own) || user.IsInRole(Accounts.ApiKeys.ApiKeyAuthenticationHandler.SyncRole));
        return mayChange && (requestedUnit is null || requestedUnit == own) ? new QuarantineScope(own) : null;
    }
}

/// <summary>Lists, exports and replays quarantined records; the API, the CLI and the page all go through here.</summary>
public sealed class QuarantineStore(OpenDvcDbContext db, TimeProvider time)
{
    /// <summary>Records kept in quarantine for <paramref name="unit"/> since the start of today, Vietnam time (its quota's use).</summary>
    public Task<int> KeptTodayAsync(string unit, CancellationToken cancellationToken)
    {
        // In UTC: PostgreSQL takes only UTC instants, and SQLite compares stored instants by their ticks in their own offset.
        var since = VietnamTime.StartOfDay(VietnamTime.DateOf(time.GetUtcNow())).ToUniversalTime();
        return db.Set<QuarantinedRecord>().CountAsync(q => q.UnitCode == unit && q.ReceivedAt >= since, cancellationToken);
    }

    private const int ReplayBatch = 500;

    private IQueryable<QuarantinedRecord> Query(QuarantineScope scope, QuarantineStatus? status)
    {
        var query = db.Set<QuarantinedRecord>().AsNoTracking();
        if (scope.Unit is { } unit)
        {
            query = query.Where(q => q.UnitCode == unit);
        }

        return status is null ? query : query.Where(q => q.Status == status);
    }

    public async Task<Page<QuarantineView>> ListAsync(QuarantineScope scope, QuarantineStatus? status, string? after, int? limit, CancellationToken cancellationToken)
    {
        var take = Keyset.Limit(limit);
        var query = Query(scope, status);
        if (Keyset.Decode(after, 1) is [var last] && long.TryParse(last, System.Globalization.CultureInfo.InvariantCulture, out var afterId))
        {
            query = query.Where(q => q.Id > afterId);
        }

        var rows = await query.OrderBy(q => q.Id).Take(take + 1).ToListAsync(cancellationToken);
        return Keyset.ToPage(rows.Select(QuarantineView.From).ToList(), take, v => [v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    public async Task<int> CountAsync(QuarantineScope scope, QuarantineStatus? status, CancellationToken cancellationToken) =>
        await Query(scope, status).CountAsync(cancellationToken);

    /// <summary>Every record in scope, in id order, one at a time (for exports of any size).</summary>
    public async IAsyncEnumerable<QuarantineView> StreamAsync(QuarantineScope scope, QuarantineStatus? status, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Query(scope, status).OrderBy(q => q.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return QuarantineView.From(row);
        }
    }

    public static IReadOnlyList<Platform.Tables.ExportColumn<QuarantineView>> ExportColumns { get; } =
    [
        new("id", q => q.Id),
        new("unit", q => q.UnitCode),
        new("MaHoSo", q => q.DossierCode),
        new("source", q => q.Source),
        new("line", q => q.Line),
        new("status", q => q.Status.ToString()),
        new("received_at", q => q.ReceivedAt),
        new("codes", q => string.Join(' ', q.Reasons.Select(r => r.Code))),
        new("message_vi", q => string.Join(" | ", q.Reasons.Select(r => r.MessageVi))),
        new("message_en", q => string.Join(" | ", q.Reasons.Select(r => r.MessageEn))),
        new("raw", q => q.RawText),
    ];

    /// <summary>
    /// Re-validates every open record in scope against the current catalog (e.g. after a missing procedure was
    /// added) and writes those that now pass through the ordinary writer, so rollups and staleness rules apply.
    /// Those marked replayed are closed after their batch commits; a crash in between only means the next replay
    /// finds them unchanged and closes them then.
    /// </summary>
    public async Task<ReplaySummary> ReplayAsync(QuarantineScope scope, CancellationToken cancellationToken)
    {
        var validator = new DossierValidator(await CatalogSnapshot.LoadAsync(db, cancellationToken), time);
        await using var writer = await DossierWriter.OpenAsync(db, time, cancellationToken);
        int replayed = 0, refused = 0;
        long after = 0;
        while (true)
        {
            var page = await Query(scope, QuarantineStatus.Open).Where(q => q.Id > after).OrderBy(q => q.Id).Take(ReplayBatch).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return new ReplaySummary(replayed, refused);
            }

            after = page[^1].Id;
            var entries = page.Select(q => Reread(q, validator)).ToList();
            var results = (await writer.WriteAsync(entries, cancellationToken)).Results;
            var closed = new List<long>();
            for (var i = 0; i < page.Count; i++)
            {
                if (results[i].Outcome != LedgerOutcome.Quarantined)
                {
                    closed.Add(page[i].Id);
                    continue;
                }

                refused++;
                var reasons = JsonSerializer.Serialize(results[i].Reasons);
                if (reasons != page[i].Reasons)
                {
                    var id = page[i].Id;
                    await db.Set<QuarantinedRecord>().Where(q => q.Id == id).ExecuteUpdateAsync(s => s.SetProperty(q => q.Reasons, reasons), cancellationToken);
                }
            }

            var now = time.GetUtcNow();
            replayed += await db.Set<QuarantinedRecord>().Where(q => closed.Contains(q.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.Status, QuarantineStatus.Replayed).SetProperty(q => q.ClosedAt, now), cancellationToken);
        }
    }

    /// <summary>
    /// Reads a quarantined record again as its own one-record input: a CSV line behind its file's header, a JSON
    /// record on one line (an envelope element may span lines). The entry keeps the raw text as first received,
    /// so a record refused again matches its quarantine row and is not kept twice.
    /// </summary>
    private static LedgerEntry Reread(QuarantinedRecord q, DossierValidator validator)
    {
        var csv = q.CsvHeader is not null;
        var text = csv ? q.CsvHeader + "\n" + q.RawText : q.RawText.Replace('\r', ' ').Replace('\n', ' ');
        using var reader = new DossierReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), csv ? DossierFormat.Csv : DossierFormat.Ndjson);
        var callerUnit = q.Source.StartsWith("api:", StringComparison.Ordinal) ? q.UnitCode : null;
        var entries = new LedgerEntries(validator, q.Source, callerUnit);
        var line = reader.Read().FirstOrDefault();
        var entry = line.Raw.IsEmpty && line.Record is null && line.Error is null
            ? LedgerEntry.Refused(q.Source, q.Line, q.RawText, [LedgerReasons.From(new DossierIssue(ReasonCode.JsonMalformed))], q.UnitCode, q.DossierCode)
            : entries.From(line, q.CsvHeader);
        return entry.WithRawText(q.RawText) with { Line = q.Line };
    }
}
