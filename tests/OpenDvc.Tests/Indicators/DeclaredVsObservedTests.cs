using Microsoft.EntityFrameworkCore;
using OpenDvc.Indicators.Calculation;
using OpenDvc.Indicators.Checks;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Indicators;

public sealed class DeclaredVsObservedTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Full_process_service_with_counter_dossiers_fees_and_slow_processing_is_flagged_and_a_clean_one_is_not()
    {
        var (suspect, clean) = await TwoFreeFullProcessServicesAsync("01");
        var statutoryDays = DeclaredVsObserved.StatutoryDays(suspect);
        var rows = Enumerable.Range(0, 12).Select(i => Row(suspect.Code, $"DVO-A-{i}", DossierChannel.Direct, fee: 10_000, days: (statutoryDays * 3) + 1))
            .Concat(Enumerable.Range(0, 12).Select(i => Row(clean.Code, $"DVO-B-{i}", DossierChannel.OnlineRemote, fee: 0, days: 0.5m)))
            .ToList();
        await LedgerData.WriteAsync(App, rows.Select((d, i) => LedgerData.Entry(d, i + 1)).ToList());
        await using var scope = App.Services.CreateAsyncScope();

        var findings = await scope.ServiceProvider.GetRequiredService<DeclaredVsObserved>().FindAsync("01", Period.Month(2020, 5), Ct);
        using var client = App.Anonymous();
        var page = await client.GetStringAsync("/indicators/units/01?period=2020-05", Ct);

        Assert.Equal(
            [(FindingKind.FullProcessMostlyOffline, suspect.Code), (FindingKind.NoFeeWithPayments, suspect.Code), (FindingKind.SlowerThanStatutory, suspect.Code)],
            findings.Select(f => (f.Kind, f.ProcedureCode)));
        Assert.Equal(1m, findings[0].Observed);
        Assert.Equal(12m, findings[1].Observed);
        Assert.Contains("data-kind=\"SlowerThanStatutory\"", page, StringComparison.Ordinal);
    }

    private async Task<(Procedure Suspect, Procedure Clean)> TwoFreeFullProcessServicesAsync(string unit)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var fullProcess = await db.Set<OnlineService>().Where(s => s.UnitCode == unit && s.Level == ServiceLevel.FullProcess).Select(s => s.ProcedureCode).ToListAsync(Ct);
        var free = await db.Set<Procedure>().Where(p => fullProcess.Contains(p.Code) && p.Fee == 0 && p.StatutoryTime > 0).OrderBy(p => p.Code).Take(2).ToListAsync(Ct);
        Assert.Equal(2, free.Count);
        return (free[0], free[1]);
    }

    private static Dossier Row(string procedure, string code, DossierChannel channel, long fee, decimal days)
    {
        var dossier = new Dossier
        {
            Code = code,
            UnitCode = "01",
            ProcedureCode = procedure,
            ReceivedMonth = 202005,
            Channel = channel,
            ApplicantType = ApplicantType.Citizen,
            Status = DossierStatus.Returned,
            Clock = ClockBucket.OnTime,
            Fee = fee,
            ProcessingMinutes = (int)(days * 1440),
            ReceivedAt = new DateTimeOffset(2020, 5, 4, 9, 0, 0, TimeSpan.FromHours(7)),
            UpdatedAt = new DateTimeOffset(2020, 8, 4, 9, 0, 0, TimeSpan.FromHours(7)),
        };
        dossier.ContentHash = DossierColumns.Hash(dossier);
        return dossier;
    }
}
