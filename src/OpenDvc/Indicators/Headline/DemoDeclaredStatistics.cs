using Microsoft.EntityFrameworkCore;
using OpenDvc.Platform;
using OpenDvc.Platform.Database;

namespace OpenDvc.Indicators.Headline;

/// <summary>
/// A plausible declared series for the demo, January 2021 to the current month: accounts growing from 3 to about 15
/// million (8.5 million in August 2023, as the press reported), monthly utility-service uses, call-centre calls and,
/// from 2023, VNeID sign-ins. Marked in its source as illustrative. Loaded only with the demo data, into an empty table.
/// </summary>
internal sealed class DemoDeclaredStatistics(IServiceScopeFactory scopes, TimeProvider time) : IDatabaseSeeder
{
    public const string Source = "Cổng Dịch vụ công quốc gia, báo cáo tháng (số liệu minh họa)";

    public static IEnumerable<DeclaredStatistic> Series(DateOnly until)
    {
        var month = new DateOnly(2021, 1, 1);
        for (var i = 0; month <= until; i++, month = month.AddMonths(1))
        {
            var key = (month.Year * 100) + month.Month;
            var reported = month.AddMonths(1).AddDays(4);
            DeclaredStatistic Row(DeclaredMetric metric, long value) => new() { Month = key, Metric = metric, Value = value, Source = Source, SourceDate = reported };

            // 3.0 M in January 2021, +0.17 M a month: 8.5 M by August 2023.
            yield return Row(DeclaredMetric.Accounts, 3_000_000 + (i * 170_000));
            yield return Row(DeclaredMetric.UtilityUses, 450_000 + (i * 9_000) + ((i % 12) * 11_000));
            yield return Row(DeclaredMetric.CallCentreCalls, 8_000 + (i * 120) + ((i % 3) * 700));
            if (month.Year >= 2023)
            {
                yield return Row(DeclaredMetric.VneidSignIns, 200_000 + ((i - 24) * 45_000));
            }
        }
    }

    public async Task SeedAsync(AppSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.Demo)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        if (await db.Set<DeclaredStatistic>().AnyAsync(cancellationToken))
        {
            return;
        }

        var today = Platform.Time.VietnamTime.DateOf(time.GetUtcNow());
        db.AddRange(Series(new DateOnly(today.Year, today.Month, 1)));
        await db.SaveChangesAsync(cancellationToken);
    }
}
