using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;

namespace OpenDvc.Registry.Transfer;

/// <summary>
/// The registry's file layouts. Export columns are the import columns, with stable machine names (not translated)
/// and enum names as values, so an exported file imports back unchanged whatever the reader's language.
/// </summary>
public static class RegistryTables
{
    public static readonly IReadOnlyList<ExportColumn<Procedure>> ProcedureColumnList =
    [
        new(ProcedureColumns.Code, p => p.Code),
        new(ProcedureColumns.Name, p => p.Name),
        new(ProcedureColumns.Field, p => p.Field),
        new(ProcedureColumns.Audience, p => p.Audience),
        new(ProcedureColumns.Tier, p => p.Tier),
        new(ProcedureColumns.ManagingUnit, p => p.ManagingUnitCode),
        new(ProcedureColumns.StatutoryTime, p => p.StatutoryTime),
        new(ProcedureColumns.TimeUnit, p => p.TimeUnit),
        new(ProcedureColumns.Fee, p => p.Fee),
        new(ProcedureColumns.PaperResult, p => p.HasPaperResult),
        new(ProcedureColumns.EligibleForFullProcess, p => p.EligibleForFullProcess),
        new(ProcedureColumns.IneligibleReason, p => p.IneligibleReason),
    ];

    public static readonly IReadOnlyList<ExportColumn<OnlineService>> ServiceColumnList =
    [
        new(ServiceColumns.Unit, s => s.UnitCode),
        new(ServiceColumns.Procedure, s => s.ProcedureCode),
        new(ServiceColumns.Level, s => s.Level),
        new(ServiceColumns.LegacyLevel, s => s.LegacyLevel),
        new(ServiceColumns.OnlineSince, s => s.OnlineSince),
        new(ServiceColumns.FullProcessSince, s => s.FullProcessSince),
    ];

    public static readonly IReadOnlyList<ExportColumn<UnitView>> UnitColumnList =
    [
        new("code", u => u.Code),
        new("kind", u => u.Kind),
        new("name", u => u.Name),
        new("short_name", u => u.ShortName),
        new("region", u => u.Region),
        new("valid_from", u => u.ValidFrom),
        new("valid_to", u => u.ValidTo),
        new("successor", u => u.SuccessorCode),
        new("focal_point_agency", u => u.FocalPointAgency),
        new("contact_name", u => u.ContactName),
        new("contact_email", u => u.ContactEmail),
        new("contact_phone", u => u.ContactPhone),
    ];

    public static readonly IReadOnlyList<string> ProcedureHeaders = ProcedureColumnList.Select(c => c.Header).ToArray();

    public static readonly IReadOnlyList<string> ServiceHeaders = ServiceColumnList.Select(c => c.Header).ToArray();

    /// <summary>The names the CLI and the API accept for a table.</summary>
    public static readonly IReadOnlyList<string> Tables = ["procedures", "services", "units"];

    /// <summary>Procedures, services or units as a downloadable file, in key order, streamed.</summary>
    public static Task<IResult> ToFileAsync(IQueryable<Procedure> rows, string format, CancellationToken ct) =>
        TableExport.ToFileAsync(rows.AsNoTracking().OrderBy(p => p.Code).AsAsyncEnumerable(), ProcedureColumnList, format, "procedures", ct);

    public static Task<IResult> ToFileAsync(IQueryable<OnlineService> rows, string format, CancellationToken ct) =>
        TableExport.ToFileAsync(rows.AsNoTracking().OrderBy(s => s.UnitCode).ThenBy(s => s.ProcedureCode).AsAsyncEnumerable(), ServiceColumnList, format, "services", ct);

    public static Task<IResult> ToFileAsync(IEnumerable<UnitView> rows, string format, CancellationToken ct) =>
        TableExport.ToFileAsync(rows.ToAsyncEnumerable(), UnitColumnList, format, "units", ct);

    /// <summary>An export endpoint's answer: the file in the asked format (xlsx by default), or 400 for another format.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(string? format, Func<string, Task<IResult>> write)
    {
        format ??= "xlsx";
        return TableExport.IsSupported(format) ? (FileStreamHttpResult)await write(format) : TableExport.UnsupportedFormat();
    }

    /// <summary>Writes a whole table to a stream (the CLI's export).</summary>
    public static async Task WriteAsync(Platform.Database.OpenDvcDbContext db, string table, string format, Stream output, CancellationToken ct)
    {
        switch (table)
        {
            case "procedures":
                await WriteAsync(db.Set<Procedure>().AsNoTracking().OrderBy(p => p.Code).AsAsyncEnumerable(), ProcedureColumnList, format, output, ct);
                break;
            case "services":
                await WriteAsync(db.Set<OnlineService>().AsNoTracking().OrderBy(s => s.UnitCode).ThenBy(s => s.ProcedureCode).AsAsyncEnumerable(), ServiceColumnList, format, output, ct);
                break;
            default:
                var units = await db.Set<Unit>().AsNoTracking().OrderBy(u => u.Code).ToListAsync(ct);
                await WriteAsync(units.Select(u => UnitView.From(u, withContact: true)).ToAsyncEnumerable(), UnitColumnList, format, output, ct);
                break;
        }
    }

    private static Task WriteAsync<T>(IAsyncEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, string format, Stream output, CancellationToken ct) =>
        format == "csv" ? TableExport.WriteCsvAsync(rows, columns, output, ct) : TableExport.WriteXlsxAsync(rows, columns, output, ct);
}
