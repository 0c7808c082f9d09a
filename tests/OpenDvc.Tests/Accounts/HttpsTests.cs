using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Accounts;

/// <summary>The app serving HTTPS itself (Kestrel with a certificate) and plain HTTP side by side (issue 14).</summary>
public sealed class HttpsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Issue_14_https_answers_send_hsts_and_secure_cookies_and_http_answers_do_not_send_hsts()
    {
        var pfx = await TestCertificates.CreatePfxAsync("127.0.0.1", "mat-khau-thu", Ct);
        try
        {
            await using var app = await TestApp.StartAsync(demo: false, configuration:
            [
                "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
                "--Kestrel:Endpoints:Https:Url=https://127.0.0.1:0",
                $"--Kestrel:Endpoints:Https:Certificate:Path={pfx}",
                "--Kestrel:Endpoints:Https:Certificate:Password=mat-khau-thu",
            ]);
            await app.CreateUserAsync("https-viewer", Roles.Viewer);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
            using var https = Client(addresses.Single(a => a.Scheme == "https"));
            using var http = Client(addresses.Single(a => a.Scheme == "http"));

            var overHttps = await https.GetAsync("/account/login", Ct);
            var errorOverHttps = await https.GetAsync("/api/v1/calendar/99999", Ct);
            var signedIn = await TestApp.PostFormAsync(https, "/account/login", new() { ["UserName"] = "https-viewer", ["Password"] = TestApp.Password });
            var overHttp = await http.GetAsync("/account/login", Ct);

            Assert.Equal("max-age=31536000", Assert.Single(overHttps.Headers.GetValues("Strict-Transport-Security")));
            Assert.True(errorOverHttps.Headers.Contains("Strict-Transport-Security"));
            Assert.Contains("secure", Cookie(overHttps, ".AspNetCore.Antiforgery."), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Contains("secure", Cookie(signedIn, "opendvc.auth="), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
            Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
            Assert.DoesNotContain("secure", Cookie(overHttp, ".AspNetCore.Antiforgery."), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    // Kestrel presents the test's self-signed certificate, which no chain vouches for.
    private static HttpClient Client(Uri address) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = new CookieContainer(),
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    }) { BaseAddress = address };

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? Assert.Single(cookies, c => c.StartsWith(name, StringComparison.Ordinal)) : "";
}
