using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Registry.Units;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Registry.Transfer;

/// <summary>
/// Imports procedures or online services from an Excel or CSV file laid out as the export writes it. Every row is
/// checked first against the same rules as the API; a file with any wrong cell writes nothing and reports each
/// one. A good file is written in one transaction (existing rows are updated by key, new ones added), audited.
/// </summary>
public sealed class RegistryImport(OpenDvcDbContext db, UnitChanges unitChanges)
{
    public const string ProceduresTable = "procedures";
    public const string ServicesTable = "services";
    public const string UnitChangesTable = "unit-changes";

    public async Task<ImportReport> ImportProceduresAsync(Stream content, string fileName, bool dryRun, CancellationToken ct)
    {
        var (rows, failure) = Open(ProceduresTable, RegistryTables.ProcedureHeaders, content, fileName);
        if (failure is not null)
        {
            return failure;
        }

        var unitCodes = await db.Set<Unit>().Select(u => u.Code).ToHashSetAsync(StringComparer.Ordinal, ct);
        var existing = await db.Set<Procedure>().ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var offeredFullProcess = await db.Set<OnlineService>().Where(s => s.Level == ServiceLevel.FullProcess)
            .Select(s => s.ProcedureCode).Distinct().ToHashSetAsync(StringComparer.Ordinal, ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var parsed = new List<(string Code, ProcedureInput Input)>();
        foreach (var row in rows.Rows)
        {
            var code = row.Text(ProcedureColumns.Code, 32);
            var name = row.Text(ProcedureColumns.Name, 512);
            var field = row.Text(ProcedureColumns.Field, 128);
            var audience = row.Enum<Audience>(ProcedureColumns.Audience);
            var tier = row.Enum<ProcedureTier>(ProcedureColumns.Tier);
            var managingUnit = row.Text(ProcedureColumns.ManagingUnit, 16);
            var time = row.Number(ProcedureColumns.StatutoryTime, 0, 100_000);
            var timeUnit = row.Enum<ProcessingTimeUnit>(ProcedureColumns.TimeUnit);
            var fee = row.Number(ProcedureColumns.Fee, 0, long.MaxValue);
            var paper = row.Bool(ProcedureColumns.PaperResult);
            var eligible = row.Bool(ProcedureColumns.EligibleForFullProcess);
            var reason = row.Text(ProcedureColumns.IneligibleReason, 512, required: false);
            if (code is null)
            {
                continue;
            }

            row.Unique(ProcedureColumns.Code, code, seen);

            // The rules run on what could be read, so a row reports every wrong cell at once.
            var input = new ProcedureInput(name ?? "", field ?? "", audience ?? default, tier ?? default, managingUnit ?? "", (int)(time ?? 0),
                timeUnit ?? default, fee ?? 0, paper ?? false, eligible ?? true, reason);
            row.Report(ProcedureRules.Check(code, input, c => managingUnit is null || unitCodes.Contains(c), offeredFullProcess.Contains(code)));
            parsed.Add((code, input));
        }

        if (rows.Errors.Count > 0)
        {
            return ImportReport.Failed(ProceduresTable, rows.Rows.Count, rows.Errors);
        }

        foreach (var (code, input) in parsed)
        {
            if (existing.TryGetValue(code, out var procedure))
            {
                input.ApplyTo(procedure);
            }
            else
            {
                db.Set<Procedure>().Add(input.ToProcedure(code));
            }
        }

        return await FinishAsync(ProceduresTable, rows.Rows.Count, dryRun, ct);
    }

    /// <param name="content">The file.</param>
    /// <param name="fileName">Its name, as uploaded.</param>
    /// <param name="dryRun">Check only.</param>
    /// <param name="mayEdit">Whether the caller may change a unit's services (a focal point only its own unit's).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ImportReport> ImportServicesAsync(Stream content, string fileName, bool dryRun, Func<string, bool> mayEdit, CancellationToken ct)
    {
        var (rows, failure) = Open(ServicesTable, RegistryTables.ServiceHeaders, content, fileName);
        if (failure is not null)
        {
            return failure;
        }

        var units = await db.Set<Unit>().AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var procedures = await db.Set<Procedure>().AsNoTracking().ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var existing = await db.Set<OnlineService>().ToDictionaryAsync(s => (s.UnitCode, s.ProcedureCode), ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var parsed = new List<(string Unit, string Procedure, ServiceInput Input)>();
        foreach (var row in rows.Rows)
        {
            var unitCode = row.Text(ServiceColumns.Unit, 16);
            var procedureCode = row.Text(ServiceColumns.Procedure, 32);
            var level = row.Enum<ServiceLevel>(ServiceColumns.Level);
            var legacy = row.Number(ServiceColumns.LegacyLevel, 1, 4, required: false);
            var online = row.Date(ServiceColumns.OnlineSince);
            var fullSince = row.Date(ServiceColumns.FullProcessSince, required: false);
            if (unitCode is not null && !mayEdit(unitCode))
            {
                row.Fail(ServiceColumns.Unit, Refusal.Of(PlatformCodes.Forbidden).Saying("Change"));
                continue;
            }

            if (unitCode is null || procedureCode is null)
            {
                continue;
            }

            row.Unique(ServiceColumns.Procedure, $"{unitCode} × {procedureCode}", seen);

            var input = new ServiceInput(level ?? ServiceLevel.Partial, (int?)legacy, online ?? DateOnly.MinValue, fullSince);
            row.Report(ServiceRules.Check(unitCode, procedureCode, input, units.GetValueOrDefault(unitCode), procedures.GetValueOrDefault(procedureCode)));
            parsed.Add((unitCode, procedureCode, input));
        }

        if (rows.Errors.Count > 0)
        {
            return ImportReport.Failed(ServicesTable, rows.Rows.Count, rows.Errors);
        }

        foreach (var (unit, procedure, input) in parsed)
        {
            if (!existing.TryGetValue((unit, procedure), out var service))
            {
                service = new OnlineService { UnitCode = unit, ProcedureCode = procedure };
                db.Set<OnlineService>().Add(service);
            }

            input.ApplyTo(service);
        }

        return await FinishAsync(ServicesTable, rows.Rows.Count, dryRun, ct);
    }

    /// <summary>A timeline file (one change a row, <see cref="UnitChangeColumns"/>): all changes recorded, or none and the report.</summary>
    public async Task<ImportReport> ImportUnitChangesAsync(Stream content, string fileName, bool dryRun, CancellationToken ct)
    {
        var (rows, failure) = Open(UnitChangesTable, UnitChangeColumns.All, content, fileName);
        if (failure is not null)
        {
            return failure;
        }

        var parsed = new List<(ImportRow Row, UnitChange Change)>();
        foreach (var row in rows.Rows)
        {
            var day = row.Date(UnitChangeColumns.Day);
            var change = row.Enum<UnitChangeKind>(UnitChangeColumns.Change);
            var code = row.Text(UnitChangeColumns.Code, 16);
            var successor = row.Text(UnitChangeColumns.Successor, 16, required: false);
            var kind = row.Enum<UnitKind>(UnitChangeColumns.Kind, required: false);
            var name = row.Text(UnitChangeColumns.Name, 256, required: false);
            var shortName = row.Text(UnitChangeColumns.ShortName, 128, required: false);
            var region = row.Text(UnitChangeColumns.Region, 128, required: false);
            var focalPoint = row.Text(UnitChangeColumns.FocalPointAgency, 256, required: false);
            var note = row.Text(UnitChangeColumns.Note, 512, required: false);
            if (day is not null && change is not null && code is not null)
            {
                parsed.Add((row, new UnitChange(day.Value, change.Value, code, successor, kind, name, shortName, region, focalPoint, note)));
            }
        }

        // The timeline's rules run only on a file whose every cell reads, over all of its rows at once.
        if (rows.Errors.Count > 0)
        {
            return ImportReport.Failed(UnitChangesTable, rows.Rows.Count, rows.Errors);
        }

        var result = await unitChanges.RecordAsync(parsed.Select(p => p.Change).ToList(), dryRun, ct);
        foreach (var group in result.Violations.GroupBy(v => v.Index))
        {
            parsed[group.Key].Row.Report(group.Select(v => v.Violation));
        }

        return rows.Errors.Count > 0
            ? ImportReport.Failed(UnitChangesTable, rows.Rows.Count, rows.Errors.OrderBy(e => e.Row).ToList())
            : new ImportReport(UnitChangesTable, rows.Rows.Count, result.Created, result.Updated, Math.Max(0, rows.Rows.Count - result.Created - result.Updated), dryRun, []);
    }

    internal static (ImportRows Rows, ImportReport? Failure) Open(string table, IReadOnlyList<string> headers, Stream content, string fileName)
    {
        var (file, error) = TableFile.Read(content, fileName);
        var rows = new ImportRows();
        if (file is null)
        {
            rows.Errors.Add(error!);
            return (rows, ImportReport.Failed(table, 0, rows.Errors));
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < file.Header.Count; i++)
        {
            var header = file.Header[i].ToLowerInvariant();
            if (!headers.Contains(header))
            {
                rows.Errors.Add(ImportError.Of(1, header, file.Header[i], Refusal.Of(RegistryCodes.ImportHeaderUnknown, file.Header[i], string.Join(", ", headers))));
            }
            else if (!columns.TryAdd(header, i))
            {
                rows.Errors.Add(ImportError.Of(1, header, file.Header[i], Refusal.Of(RegistryCodes.ImportHeaderDuplicate, header)));
            }
        }

        foreach (var missing in headers.Where(h => !columns.ContainsKey(h)))
        {
            rows.Errors.Add(ImportError.Of(1, missing, null, Refusal.Of(RegistryCodes.ImportHeaderMissing, missing)));
        }

        if (rows.Errors.Count == 0 && file.Rows.Count == 0)
        {
            rows.Errors.Add(ImportError.Of(0, "", fileName, Refusal.Of(RegistryCodes.ImportEmpty)));
        }

        if (rows.Errors.Count > 0)
        {
            return (rows, ImportReport.Failed(table, file.Rows.Count, rows.Errors));
        }

        rows.Rows.AddRange(file.Rows.Select(r => new ImportRow(r.Number, columns, r.Cells, rows.Errors)));
        return (rows, null);
    }

    private async Task<ImportReport> FinishAsync(string table, int rowCount, bool dryRun, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var changes = db.ChangeTracker.Entries().Where(e => e.Entity is IAudited).ToList();
        var created = changes.Count(e => e.State == EntityState.Added);
        var updated = changes.Count(e => e.State == EntityState.Modified);
        if (dryRun)
        {
            db.ChangeTracker.Clear();
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }

        return new ImportReport(table, rowCount, created, updated, rowCount - created - updated, dryRun, []);
    }

    internal sealed class ImportRows
    {
        public List<ImportRow> Rows { get; } = [];

        public List<ImportError> Errors { get; } = [];
    }
}
