using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenDvc.Accounts.ApiKeys;
using OpenDvc.Accounts.Users;
using OpenDvc.Platform;
using OpenDvc.Platform.Cli;
using OpenDvc.Platform.Database;

namespace OpenDvc.Tests.Platform;

/// <summary>
/// The real app on a real database and a real loopback port: the same composition as <c>opendvc serve</c>.
/// Tests talk to it over HTTP, as users and one-stop systems do.
/// </summary>
public sealed partial class TestApp : IAsyncDisposable
{
    public const string Password = "Correct-Horse-42";

    private readonly string? sqliteDirectory;

    private TestApp(WebApplication app, string? sqliteDirectory)
    {
        App = app;
        this.sqliteDirectory = sqliteDirectory;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    public DatabaseProvider Provider => Services.GetRequiredService<DatabaseSettings>().Provider;

    /// <summary>
    /// Starts the app on a fresh SQLite file, or on a fresh PostgreSQL database when given its connection string.
    /// The demo registry is loaded unless <paramref name="demo"/> is false; the demo ledger only when a test asks
    /// for <paramref name="demoDossiers"/> (the app's default is a few hundred thousand); on a given clock when told;
    /// with extra <paramref name="configuration"/> (<c>--Section:Key=value</c>) and <paramref name="services"/> when given.
    /// </summary>
    public static async Task<TestApp> StartAsync(string? postgresConnectionString = null, bool demo = true, int demoDossiers = 0, TimeProvider? time = null, string[]? configuration = null, Action<IServiceCollection>? services = null)
    {
        string? directory = null;
        DatabaseSettings database;
        if (postgresConnectionString is null)
        {
            directory = Path.Combine(Path.GetTempPath(), $"opendvc-test-{Guid.NewGuid():N}");
            Directory.CreateDirectory(directory);
            database = DatabaseSettings.Resolve(Path.Combine(directory, "opendvc.db"));
        }
        else
        {
            database = DatabaseSettings.Resolve(postgresConnectionString);
        }

        var settings = new AppSettings(database, [.. Configuration(demoDossiers), .. configuration ?? []]) { Demo = demo, Urls = "http://127.0.0.1:0", EnvironmentName = "Testing", Time = time, Services = services };
        var app = Program.Compose(settings);
        await CliApp.PrepareDatabaseAsync(app, settings, CancellationToken.None);
        await app.StartAsync();
        return new TestApp(app, directory);
    }

    /// <summary>Another instance on this app's database (no demo load unless asked, no listening port shared): a restart, or a second server.</summary>
    public async Task<TestApp> StartAnotherInstanceAsync(bool demo = false, int demoDossiers = 0)
    {
        var settings = new AppSettings(Services.GetRequiredService<DatabaseSettings>(), Configuration(demoDossiers))
        {
            Demo = demo,
            Urls = "http://127.0.0.1:0",
            EnvironmentName = "Testing",
        };
        var app = Program.Compose(settings);
        await CliApp.PrepareDatabaseAsync(app, settings, CancellationToken.None);
        await app.StartAsync();
        return new TestApp(app, null);
    }

    // Every ingest batch renews cached figures at once, so a test reads what it has just written.
    private static string[] Configuration(int demoDossiers) => [$"--Ledger:DemoDossiers={demoDossiers}", "--DataChanges:BatchInterval=00:00:00"];

    /// <summary>A client with no credentials: what the public sees.</summary>
    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>
    /// A client with no credentials at another address: the app trusts X-Forwarded-For from loopback (a reverse proxy on
    /// the same host), as ASP.NET Core's forwarded headers do by default.
    /// </summary>
    public HttpClient Anonymous(string clientAddress)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }

    /// <summary>Creates the user with <see cref="Password"/>, unless a test sharing this app already did.</summary>
    public async Task CreateUserAsync(string userName, string role, string? unitCode = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var error = await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(userName, userName, role, unitCode, Password, CancellationToken.None);
        Assert.True(error is null or { Code: "OD-USER-EXISTS" }, error?.English);
    }

    /// <summary>Creates the user if needed and returns a client signed in through the real login form.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string role, string? unitCode = null)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                await CreateUserAsync(userName, role, unitCode);
            }
        }

        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        var response = await PostFormAsync(client, "/account/login", new() { ["UserName"] = userName, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts a form the way a browser does: first GET the page for its anti-forgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path);
        var token = AntiForgeryToken().Match(page);
        Assert.True(token.Success, $"no anti-forgery token on {formPage ?? path}");
        fields["__RequestVerificationToken"] = token.Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Issues a sync key for a unit and returns a client that presents it.</summary>
    public async Task<HttpClient> ApiKeyClientAsync(string unitCode)
    {
        await using var scope = Services.CreateAsyncScope();
        var (issued, refusal) = await scope.ServiceProvider.GetRequiredService<ApiKeyAdministration>().IssueAsync(unitCode, "test", CancellationToken.None);
        Assert.Null(refusal);
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", issued!.PlainText);
        return client;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    /// <summary>The path of a redirect's target, whether the app wrote it absolute or relative.</summary>
    public static string? PathOf(Uri? location) =>
        location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (sqliteDirectory is not null)
        {
            Directory.Delete(sqliteDirectory, recursive: true);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgeryToken();
}

public static class Json
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
