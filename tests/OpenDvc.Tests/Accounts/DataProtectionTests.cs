using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform.Database;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Accounts;

public abstract class DataProtectionTests<TFixture>(TFixture fixture) : AppTests<TFixture>(fixture)
    where TFixture : AppFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cookie_issued_by_one_instance_is_accepted_by_another_on_the_same_database_only()
    {
        await App.CreateUserAsync("roaming", Roles.Reviewer);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = App.BaseAddress };
        var login = await TestApp.PostFormAsync(client, "/account/login", new() { ["UserName"] = "roaming", ["Password"] = TestApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        await using var second = await App.StartAnotherInstanceAsync();
        var onSecond = await client.GetAsync(new Uri(second.BaseAddress, "/account"), Ct);
        await using var elsewhere = await TestApp.StartAsync(demo: false);
        var onOtherDatabase = await client.GetAsync(new Uri(elsewhere.BaseAddress, "/account"), Ct);
        await using var scope = App.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().DataProtectionKeys.CountAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains("roaming", await onSecond.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, onOtherDatabase.StatusCode);
        Assert.Equal("/account/login", TestApp.PathOf(onOtherDatabase.Headers.Location));
        Assert.True(keys >= 1);
    }
}

public sealed class DataProtectionTestsOnSqlite(SqliteApp fixture) : DataProtectionTests<SqliteApp>(fixture);

public sealed class DataProtectionTestsOnPostgres(PostgresApp fixture) : DataProtectionTests<PostgresApp>(fixture);
