using Microsoft.EntityFrameworkCore;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Tables;
using OpenDvc.Registry.Units.Timeline;

namespace OpenDvc.Directives.Compliance;

/// <summary>Which recipients a compliance view shows.</summary>
public enum UnitGroup
{
    Ministries = 1,
    Provinces = 2,
}

/// <summary>Filters of the matrix, shared by the page, the API and the export.</summary>
public sealed record ComplianceFilter(DateOnly? Date, int? Directive, DeliverableKind? Kind, UnitGroup? Units, ComplianceStatus? Status);

/// <summary>A deliverable of the matrix; <paramref name="Period"/> is the period reported on (a recurring one's periods stand side by side).</summary>
public sealed record MatrixColumn(int DeliverableId, string DirectiveNumber, string Title, DeliverableKind Kind, DateOnly DueDate, DateOnly? Period);

/// <summary>
/// A unit's row: <paramref name="UnitName"/> as the version in force on the matrix's day names it (15 is Yên Bái on
/// 20/6/2025, Lào Cai from 1/7/2025); <paramref name="CellNames"/> each cell's unit as on its deliverable's due date.
/// </summary>
public sealed record MatrixRow(string UnitCode, string UnitName, bool IsProvince, IReadOnlyList<ComplianceCell?> Cells, IReadOnlyList<string?> CellNames);

/// <summary>Units × deliverables on a day: on time, late, missing, returned (or not yet due); a blank where the letter did not go to the unit.</summary>
public sealed record Matrix(DateOnly Day, IReadOnlyList<MatrixColumn> Columns, IReadOnlyList<MatrixRow> Rows);

/// <summary>One line of the matrix export: one unit on one deliverable.</summary>
public sealed record MatrixLine(string Unit, string UnitName, string Directive, string Deliverable, DateOnly DueDate, bool Extended, ComplianceStatus Status, DateTimeOffset? SubmittedAt, bool Accepted);

public sealed class ComplianceMatrix(OpenDvcDbContext db, ComplianceQuery query)
{
    public async Task<Matrix> BuildAsync(ComplianceFilter filter, DateOnly today, CancellationToken ct)
    {
        var day = filter.Date ?? today;
        await query.CreateStartedPeriodsAsync(ct);
        var ids = await db.Set<Deliverable>().Where(d => (filter.Directive == null || d.DirectiveId == filter.Directive) && (filter.Kind == null || d.Kind == filter.Kind))
            .Select(d => d.Id).ToListAsync(ct);
        var evaluated = await query.EvaluateAsync(ids, day, ct);
        var columns = evaluated.Select(e => new MatrixColumn(e.Deliverable.Id, e.Deliverable.Directive!.Number, e.Deliverable.Title, e.Deliverable.Kind, e.Deliverable.DueDate, e.Deliverable.ReportMonth)).ToList();
        var units = evaluated.SelectMany(e => e.Cells.Select(c => c.Unit)).DistinctBy(u => u.Code)
            .Where(u => filter.Units is null || (filter.Units == UnitGroup.Provinces) == u.IsProvince)
            .OrderBy(u => u.IsProvince).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
        var cells = evaluated.SelectMany(e => e.Cells).ToDictionary(c => (c.Cell.UnitCode, c.Cell.DeliverableId));
        var timeline = await UnitTimeline.LoadAsync(db, ct);
        var rows = units.Select(u => new MatrixRow(u.Code, ComplianceQuery.Named(timeline.VersionAsOf(u.Code, day), u), u.IsProvince,
                columns.Select(c => cells.GetValueOrDefault((u.Code, c.DeliverableId)).Cell).ToList(),
                columns.Select(c => cells.TryGetValue((u.Code, c.DeliverableId), out var owing) ? ComplianceQuery.Named(null, owing.Unit) : null).ToList()))
            .Where(r => filter.Status is null || r.Cells.Any(c => c?.Status == filter.Status))
            .ToList();
        return new Matrix(day, columns, rows);
    }

    public static IEnumerable<MatrixLine> Lines(Matrix matrix) =>
        matrix.Rows.SelectMany(r => r.Cells.Select((cell, i) => (cell, i, column: matrix.Columns[i]))
            .Where(x => x.cell is not null)
            .Select(x => new MatrixLine(r.UnitCode, r.CellNames[x.i]!, x.column.DirectiveNumber, x.column.Title, x.cell!.DueDate, x.cell.Extended, x.cell.Status, x.cell.SubmittedAt, x.cell.Accepted)));

    public static readonly IReadOnlyList<ExportColumn<MatrixLine>> LineColumns =
    [
        new("unit", l => l.Unit),
        new("unit_name", l => l.UnitName),
        new("directive", l => l.Directive),
        new("deliverable", l => l.Deliverable),
        new("due_date", l => l.DueDate),
        new("extended", l => l.Extended),
        new("status", l => l.Status),
        new("submitted_at", l => l.SubmittedAt),
        new("accepted", l => l.Accepted),
    ];

    public static readonly IReadOnlyList<ExportColumn<NotSubmittedUnit>> NotSubmittedColumns =
    [
        new("group", u => u.IsProvince ? "province" : "ministry"),
        new("unit", u => u.Code),
        new("name", u => u.Name),
        new("short_name", u => u.ShortName),
        new("status", u => u.Status),
        new("due_date", u => u.DueDate),
        new("extended", u => u.Extended),
    ];
}
