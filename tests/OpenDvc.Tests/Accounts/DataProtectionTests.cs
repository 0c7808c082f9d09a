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

/// <summary>With a certificate configured, the key ring is encrypted at rest: the database alone holds no usable key.</summary>
public sealed class DataProtectionCertificateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_are_stored_encrypted_with_the_configured_certificate_and_cookies_still_work()
    {
        var pfx = await TestCertificates.CreatePfxAsync("OpenDVC data protection (test)", "mat-khau-thu", Ct);
        try
        {
            await using var app = await TestApp.StartAsync(demo: false,
                configuration: [$"--DataProtection:CertificatePath={pfx}", "--DataProtection:CertificatePassword=mat-khau-thu"]);
            using var client = await app.SignInAsync("encrypted-keys", Roles.Reviewer);
            var account = await client.GetAsync("/account", Ct);
            await using var scope = app.Services.CreateAsyncScope();
            var keys = await scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync(Ct);

            Assert.Equal(HttpStatusCode.OK, account.StatusCode);
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal); // the plain master key's element
            });
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}
