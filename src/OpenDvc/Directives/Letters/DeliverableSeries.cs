using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;
using OpenDvc.Platform.Time;
using OpenDvc.Registry;

namespace OpenDvc.Directives.Letters;

/// <summary>
/// A recurring deliverable (báo cáo định kỳ), e.g. letter 2664's monthly report: each period, from the first to the
/// last (or for as long as the letter stands), it becomes a <see cref="Deliverable"/> of its own, due on day
/// <see cref="DueDay"/> of the next period, so the matrix shows the periods side by side.
/// </summary>
public sealed class DeliverableSeries : IAudited
{
    public int Id { get; set; }
    public int DirectiveId { get; set; }
    public DeliverableKind Kind { get; set; }

    /// <summary>The title each period's deliverable carries before its period, e.g. "Báo cáo tháng".</summary>
    public required string Title { get; set; }
    public string? Instructions { get; set; }
    public SeriesFrequency Frequency { get; set; }

    /// <summary>The day of the following period a period's deliverable is due (1–28, so every month has it).</summary>
    public int DueDay { get; set; }

    /// <summary>The first day of the first period reported on.</summary>
    public DateOnly FirstPeriod { get; set; }

    /// <summary>The first day of the last period, or null while the letter stands.</summary>
    public DateOnly? LastPeriod { get; set; }

    public DeliverableScope Scope { get; set; }
    public List<string>? ScopeUnits { get; set; }

    /// <summary>The first day of the period holding a day.</summary>
    public DateOnly PeriodOf(DateOnly day) => new(day.Year, day.Month - ((day.Month - 1) % (int)Frequency), 1);

    /// <summary>The periods started by a day (Vietnam calendar): a period's report is asked for from its first day.</summary>
    public IEnumerable<DateOnly> PeriodsStartedBy(DateOnly today)
    {
        var end = LastPeriod is { } last && last < today ? last : today;
        for (var period = PeriodOf(FirstPeriod); period <= end; period = period.AddMonths((int)Frequency))
        {
            yield return period;
        }
    }

    public DateOnly DueDateOf(DateOnly period) => period.AddMonths((int)Frequency).AddDays(DueDay - 1);

    public string TitleOf(DateOnly period) => Frequency == SeriesFrequency.Quarterly
        ? $"{Title}, quý {((period.Month - 1) / 3) + 1}/{period.Year}"
        : $"{Title}, tháng {period:MM/yyyy}";
}

/// <summary>How often a recurring deliverable is asked for; the value is the period's length in months.</summary>
public enum SeriesFrequency
{
    Monthly = 1,
    Quarterly = 3,
}

/// <summary>A recurring deliverable as an admin writes it.</summary>
/// <param name="FirstPeriod">Any day of the first period reported on.</param>
/// <param name="LastPeriod">Any day of the last period, or null while the letter stands.</param>
public sealed record DeliverableSeriesInput(
    DeliverableKind Kind,
    [property: Required, StringLength(400)] string Title,
    SeriesFrequency Frequency,
    [property: Range(1, 28)] int DueDay,
    DateOnly FirstPeriod,
    DateOnly? LastPeriod,
    [property: StringLength(4000)] string? Instructions,
    DeliverableScope Scope = DeliverableScope.AllRecipients,
    IReadOnlyList<string>? ScopeUnits = null);

public sealed record DeliverableSeriesView(int Id, DeliverableKind Kind, string Title, SeriesFrequency Frequency, int DueDay, DateOnly FirstPeriod, DateOnly? LastPeriod,
    DeliverableScope Scope, IReadOnlyList<string> ScopeUnits)
{
    public static DeliverableSeriesView From(DeliverableSeries s) => new(s.Id, s.Kind, s.Title, s.Frequency, s.DueDay, s.FirstPeriod, s.LastPeriod, s.Scope, s.ScopeUnits ?? []);
}

/// <summary>
/// Makes each started period's deliverable, once. Called before a directive, the matrix, a unit's list or the
/// reminders are read, on the injected clock: nothing to schedule, and tests move the clock. The unique index on
/// (series, period) keeps concurrent reads from making one twice: the loser of the race reads again.
/// </summary>
public sealed class RecurringDeliverables(OpenDvcDbContext db, TimeProvider time)
{
    public async Task CreateStartedPeriodsAsync(CancellationToken ct)
    {
        var today = VietnamTime.DateOf(time.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            var series = await db.Set<DeliverableSeries>().AsNoTracking().Where(s => s.FirstPeriod <= today).ToListAsync(ct);
            if (series.Count == 0)
            {
                return;
            }

            var made = (await db.Set<Deliverable>().Where(d => d.SeriesId != null).Select(d => new { d.SeriesId, d.ReportMonth }).ToListAsync(ct))
                .Select(d => (d.SeriesId!.Value, d.ReportMonth!.Value)).ToHashSet();
            var missing = series.SelectMany(s => s.PeriodsStartedBy(today).Where(p => !made.Contains((s.Id, p))).Select(p => new Deliverable
            {
                DirectiveId = s.DirectiveId, SeriesId = s.Id, ReportMonth = p, Kind = s.Kind, Title = s.TitleOf(p), DueDate = s.DueDateOf(p),
                Instructions = s.Instructions, Scope = s.Scope, ScopeUnits = s.ScopeUnits,
            })).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            db.Set<Deliverable>().AddRange(missing);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another request made some of them first: forget ours and look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Adds a recurring deliverable to a directive; its started periods are made at once.</summary>
    public async Task<(int? Id, IReadOnlyList<RuleViolation> Violations)> AddAsync(int directiveId, DeliverableSeriesInput input, CancellationToken ct)
    {
        if (!await db.Set<Directive>().AnyAsync(d => d.Id == directiveId, ct))
        {
            return (null, [new RuleViolation("directiveId", Refusal.Of(DirectiveCodes.DirectiveUnknown, directiveId))]);
        }

        var violations = new List<RuleViolation>();
        if (!Enum.IsDefined(input.Kind) || !Enum.IsDefined(input.Frequency))
        {
            violations.Add(new RuleViolation("frequency", Refusal.Of(DirectiveCodes.SeriesInvalid)));
        }

        if (input.DueDay is < 1 or > 28)
        {
            violations.Add(new RuleViolation("dueDay", Refusal.Of(DirectiveCodes.SeriesDueDay)));
        }

        if (input.LastPeriod is { } last && last < input.FirstPeriod)
        {
            violations.Add(new RuleViolation("lastPeriod", Refusal.Of(DirectiveCodes.SeriesPeriods)));
        }

        var scopeUnits = input.Scope == DeliverableScope.ChosenUnits ? DirectiveBook.CleanCodes(input.ScopeUnits) : null;
        violations.AddRange(await DirectiveBook.CheckScopeAsync(db, input.Scope, scopeUnits, ct));
        if (violations.Count > 0)
        {
            return (null, violations);
        }

        var series = new DeliverableSeries
        {
            DirectiveId = directiveId, Kind = input.Kind, Title = input.Title.Trim(), Frequency = input.Frequency, DueDay = input.DueDay,
            Instructions = string.IsNullOrWhiteSpace(input.Instructions) ? null : input.Instructions.Trim(), Scope = input.Scope, ScopeUnits = scopeUnits,
        };
        series.FirstPeriod = series.PeriodOf(input.FirstPeriod);
        series.LastPeriod = input.LastPeriod is { } end ? series.PeriodOf(end) : null;
        db.Set<DeliverableSeries>().Add(series);
        await db.SaveChangesAsync(ct);
        await CreateStartedPeriodsAsync(ct);
        return (series.Id, []);
    }
}

internal sealed class DeliverableSeriesConfiguration : IEntityTypeConfiguration<DeliverableSeries>
{
    public void Configure(EntityTypeBuilder<DeliverableSeries> builder)
    {
        builder.ToTable("deliverable_series");
        builder.Property(s => s.Title).HasMaxLength(400);
        builder.Property(s => s.Instructions).HasMaxLength(4000);
        builder.HasOne<Directive>().WithMany(d => d.Series).HasForeignKey(s => s.DirectiveId).OnDelete(DeleteBehavior.Restrict);
    }
}
