using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Ledger;
using OpenDvc.Ledger.Contract;
using OpenDvc.Ledger.Storage;
using OpenDvc.Platform.Database;
using OpenDvc.Registry.Procedures;
using OpenDvc.Registry.Services;
using OpenDvc.Tests.Ledger;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Awards;

/// <summary>Builders for awards tests: campaigns through the admin API, hand-built ledgers through the app's dossier writer.</summary>
public static class AwardsData
{
    private static int serial;

    /// <summary>A campaign over 2022–2023 whose settings a test may change; deadline a year from now unless given.</summary>
    public static CampaignInput Campaign(Func<CampaignInput, CampaignInput>? change = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var input = CampaignInput.From(Campaign2023.Create()) with
        {
            Name = "Test campaign " + Interlocked.Increment(ref serial),
            NominationDeadline = today.AddYears(1),
            AnnouncementDate = today.AddYears(1).AddDays(40),
        };
        return change is null ? input : change(input);
    }

    public static async Task<int> CreateCampaignAsync(TestApp app, CampaignInput input)
    {
        using var admin = await app.SignInAsync("awards-admin", OpenDvc.Accounts.Users.Roles.Admin);
        var created = await TestApp.ReadAsync<CampaignView>(await admin.PostAsJsonAsync("/api/v1/awards/campaigns", input, Json.Options));
        return created.Id;
    }

    /// <summary>A unit's full-process services for citizens (the demo registry gives every province dozens).</summary>
    public static async Task<List<string>> FullProcessServicesAsync(TestApp app, string unit, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var services = await (from s in db.Set<OnlineService>()
                              join p in db.Set<Procedure>() on s.ProcedureCode equals p.Code
                              where s.UnitCode == unit && s.Level == ServiceLevel.FullProcess && p.Audience != Audience.Businesses
                              orderby s.ProcedureCode
                              select s.ProcedureCode).Take(count).ToListAsync();
        Assert.Equal(count, services.Count);
        return services;
    }

    /// <summary>A unit's full-process service that meets the criteria by satisfaction alone: 40 ratings in February 2023, all satisfied.</summary>
    public static async Task<string> SatisfyingServiceAsync(TestApp app, string unit)
    {
        var procedure = (await FullProcessServicesAsync(app, unit, 1))[0];
        await WriteAsync(app, Many(40, _ => Dossier(unit, procedure, 202302, DossierChannel.Direct, rating: 1)));
        return procedure;
    }

    /// <summary>One stored dossier of a hand-built ledger.</summary>
    public static Dossier Dossier(string unit, string procedure, int month, DossierChannel channel, short rating = 0,
        ClockBucket clock = ClockBucket.None, long fee = 0, short paidOnline = 0, int? processingMinutes = null)
    {
        var dossier = new Dossier
        {
            Code = $"AW-{Guid.NewGuid():N}",
            UnitCode = unit,
            ProcedureCode = procedure,
            ReceivedMonth = month,
            Channel = channel,
            ApplicantType = ApplicantType.Citizen,
            Status = DossierStatus.Returned,
            ReceivedAt = new DateTimeOffset(month / 100, month % 100, 5, 9, 0, 0, TimeSpan.FromHours(7)),
            Clock = clock,
            Rating = (Satisfaction)rating,
            Fee = fee,
            PaidOnline = (OnlinePayment)paidOnline,
            ProcessingMinutes = processingMinutes,
        };
        dossier.ContentHash = DossierColumns.Hash(dossier);
        return dossier;
    }

    /// <summary>Writes dossiers through the ledger's own writer, which keeps the rollups in the same transaction.</summary>
    public static async Task WriteAsync(TestApp app, IEnumerable<Dossier> dossiers)
    {
        var entries = dossiers.Select((d, i) => LedgerData.Entry(d, i + 1)).ToList();
        foreach (var batch in entries.Chunk(500))
        {
            await LedgerData.WriteAsync(app, batch);
        }
    }

    public static IEnumerable<Dossier> Many(int count, Func<int, Dossier> make) => Enumerable.Range(0, count).Select(make);
}
