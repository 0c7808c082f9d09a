using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.ApiKeys;
using OpenDvc.Accounts.AuditLog;
using OpenDvc.Accounts.Users;
using OpenDvc.Awards.Campaigns;
using OpenDvc.Awards.Nominations;
using OpenDvc.Directives.Letters;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Web;
using static OpenDvc.Tests.Awards.AwardsData;

namespace OpenDvc.Tests.Platform.Audit;

/// <summary>The audit log names created rows by the key the database gave them, and is written with the change or not at all.</summary>
public abstract class AuditInterceptorTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> AdminAsync() => App.SignInAsync("audit-admin", Roles.Admin);

    private static async Task<AuditEntryView> CreationAsync(HttpClient admin, string entityType, string entityKey)
    {
        var page = await TestApp.ReadAsync<Page<AuditEntryView>>(
            await admin.GetAsync($"/api/v1/audit?EntityType={entityType}&EntityKey={Uri.EscapeDataString(entityKey)}", Ct));
        return Assert.Single(page.Items, e => e.Action == "create");
    }

    private static int IdIn(AuditEntryView entry, string property = "Id") => entry.After!.Value.GetProperty(property).GetInt32();

    [Fact]
    public async Task Issue_14_two_issued_api_keys_are_logged_with_their_own_real_ids()
    {
        using var admin = await AdminAsync();

        var first = await TestApp.ReadAsync<IssuedApiKey>(await admin.PostAsJsonAsync("/api/v1/units/01/keys", new NewApiKey("issue 14 first"), Ct));
        var second = await TestApp.ReadAsync<IssuedApiKey>(await admin.PostAsJsonAsync("/api/v1/units/02/keys", new NewApiKey("issue 14 second"), Ct));
        var firstLogged = await CreationAsync(admin, nameof(ApiKey), first.Id.ToString(CultureInfo.InvariantCulture));
        var secondLogged = await CreationAsync(admin, nameof(ApiKey), second.Id.ToString(CultureInfo.InvariantCulture));

        Assert.Equal("issue 14 first", firstLogged.After!.Value.GetProperty("Name").GetString());
        Assert.Equal("issue 14 second", secondLogged.After!.Value.GetProperty("Name").GetString());
        Assert.Equal(first.Id, IdIn(firstLogged));
        Assert.Equal(second.Id, IdIn(secondLogged));
        Assert.NotEqual(firstLogged.EntityKey, secondLogged.EntityKey);
        Assert.All([firstLogged, secondLogged], e => Assert.True(int.Parse(e.EntityKey, CultureInfo.InvariantCulture) > 0, e.EntityKey));
    }

    [Fact]
    public async Task Issue_14_a_new_directive_its_recipients_and_deliverable_are_logged_with_real_ids()
    {
        using var admin = await AdminAsync();

        var directive = await TestApp.ReadAsync<DirectiveView>(await admin.PostAsJsonAsync("/api/v1/directives",
            new DirectiveInput($"{Guid.NewGuid():N}"[..8] + "/BTTTT-CĐSQG", new DateOnly(2024, 6, 3), "Báo cáo quý II", "Cục trưởng", RecipientScope.ChosenUnits, ["01", "02"], false),
            Json.Options, Ct));
        var deliverable = await TestApp.ReadAsync<DeliverableView>(await admin.PostAsJsonAsync($"/api/v1/directives/{directive.Id}/deliverables",
            new DeliverableInput(DeliverableKind.Document, "Báo cáo", new DateOnly(2024, 7, 1), null, null), Json.Options, Ct));
        var extended = await admin.PostAsJsonAsync($"/api/v1/deliverables/{deliverable.Id}/extensions",
            new OpenDvc.Directives.Letters.DeliverableExtensionInput("02", new DateOnly(2024, 7, 15), "Sự cố hệ thống"), Json.Options, Ct);
        var directiveLogged = await CreationAsync(admin, nameof(Directive), $"{directive.Id}");
        var recipientLogged = await CreationAsync(admin, nameof(DirectiveRecipient), $"{directive.Id}|02");
        var deliverableLogged = await CreationAsync(admin, nameof(Deliverable), $"{deliverable.Id}");
        var extensions = await TestApp.ReadAsync<Page<AuditEntryView>>(await admin.GetAsync($"/api/v1/audit?EntityType={nameof(DeadlineExtension)}&Unit=02", Ct));
        var extensionLogged = Assert.Single(extensions.Items, e => IdIn(e, nameof(DeadlineExtension.DeliverableId)) == deliverable.Id);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, extended.StatusCode);
        Assert.Equal(directive.Id, IdIn(directiveLogged));
        Assert.Equal(directive.Id, IdIn(recipientLogged, nameof(DirectiveRecipient.DirectiveId)));
        Assert.Equal(deliverable.Id, IdIn(deliverableLogged));
        Assert.Equal(directive.Id, IdIn(deliverableLogged, nameof(Deliverable.DirectiveId)));
        Assert.Equal(extensionLogged.EntityKey, $"{IdIn(extensionLogged)}");
        Assert.True(IdIn(extensionLogged) > 0, extensionLogged.EntityKey);
    }

    [Fact]
    public async Task Issue_14_a_nomination_saved_in_its_own_transaction_is_logged_with_its_real_id()
    {
        const string unit = "30";
        var campaign = await CreateCampaignAsync(App, Campaign());
        var procedure = await SatisfyingServiceAsync(App, unit);
        using var focalPoint = await App.SignInAsync("audit-fp-30", Roles.FocalPoint, unit);
        using var admin = await AdminAsync();

        var nominated = await TestApp.ReadAsync<NominationView>(await focalPoint.PostAsJsonAsync($"/api/v1/awards/campaigns/{campaign}/nominations",
            new NominationInput(unit, procedure, NominationCategory.CitizenServices, "Dịch vụ được người dân dùng nhiều.", "Nguyễn Văn An", "an@example.gov.vn", "024 3000 0000"),
            Json.Options, Ct));
        var nominationLogged = await CreationAsync(admin, nameof(Nomination), $"{nominated.Id}");
        var campaignLogged = await CreationAsync(admin, nameof(AwardCampaign), $"{campaign}");

        Assert.Equal(nominated.Id, IdIn(nominationLogged));
        Assert.Equal(campaign, IdIn(nominationLogged, nameof(Nomination.CampaignId)));
        Assert.Equal(unit, nominationLogged.UnitCode);
        Assert.Equal(campaign, IdIn(campaignLogged));
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_the_change_nor_its_audit_row_and_the_next_save_is_logged()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var (taken, _) = ApiKey.Issue("01", "failed save: taken", "test", DateTimeOffset.UtcNow);
        db.Add(taken);
        await db.SaveChangesAsync(Ct);
        var (lost, _) = ApiKey.Issue("01", "failed save: lost", "test", DateTimeOffset.UtcNow);
        var (clash, _) = ApiKey.Issue("01", "failed save: clash", "test", DateTimeOffset.UtcNow);
        clash.Prefix = taken.Prefix;

        db.AddRange(lost, clash);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        db.ChangeTracker.Clear();
        var (next, _) = ApiKey.Issue("01", "failed save: next", "test", DateTimeOffset.UtcNow);
        db.Add(next);
        await db.SaveChangesAsync(Ct);

        await using var check = App.Services.CreateAsyncScope();
        var read = check.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var names = await read.Set<ApiKey>().Where(k => k.Name.StartsWith("failed save")).Select(k => k.Name).ToListAsync(Ct);
        var logged = await read.Set<AuditEntry>().Where(e => e.EntityType == nameof(ApiKey) && e.After!.Contains("failed save")).Select(e => e.EntityKey).ToListAsync(Ct);
        Assert.Equal(["failed save: next", "failed save: taken"], names.Order(StringComparer.Ordinal));
        Assert.Equal([taken.Id, next.Id], logged.Select(k => int.Parse(k, CultureInfo.InvariantCulture)).Order());
        Assert.Null(db.Database.CurrentTransaction);
    }

    [Fact]
    public async Task A_change_rolled_back_by_its_callers_transaction_leaves_no_audit_row()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var (key, _) = ApiKey.Issue("01", "rolled back", "test", DateTimeOffset.UtcNow);

        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Add(key);
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }

        await using var check = App.Services.CreateAsyncScope();
        var read = check.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        Assert.False(await read.Set<ApiKey>().AnyAsync(k => k.Name == "rolled back", Ct));
        Assert.False(await read.Set<AuditEntry>().AnyAsync(e => e.EntityType == nameof(ApiKey) && e.After!.Contains("rolled back"), Ct));
    }
}

public sealed class AuditInterceptorTestsOnSqlite(SqliteApp fixture) : AuditInterceptorTests<SqliteApp>(fixture);

public sealed class AuditInterceptorTestsOnPostgres(PostgresApp fixture) : AuditInterceptorTests<PostgresApp>(fixture);
