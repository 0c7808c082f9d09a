using System.Net;
using System.Text;
using OpenDvc.Accounts.Users;

namespace OpenDvc.Tests.Platform;

/// <summary>
/// Unit scoping, checked from outside: a focal point of unit A is refused (403, or the denied page) on unit B's
/// data, and, where the endpoint is meant for focal points, let through on unit A's own. Give it a route template
/// with <c>{unit}</c> or <c>{unitCode}</c>; other parameters get <see cref="RouteSamples"/> values.
/// </summary>
public static class UnitScopeAssertions
{
    public const string UnitA = "01";
    public const string UnitB = "79";

    /// <summary>A focal point of <see cref="UnitA"/> is refused on <see cref="UnitB"/>.</summary>
    public static async Task ForbidsOtherUnitAsync(TestApp app, HttpMethod method, string template, string? jsonBody = null)
    {
        using var client = await FocalPointAsync(app);

        var response = await SendAsync(client, method, RouteSamples.Fill(template, UnitB), jsonBody);

        Assert.True(IsForbidden(response), $"{method} {template} as a focal point of {UnitA} on {UnitB}: {(int)response.StatusCode}, expected 403");
    }

    /// <summary>Both halves: refused on another unit, and not refused on its own (so the 403 is the unit's doing, not the role's).</summary>
    public static async Task ConfinesFocalPointToOwnUnitAsync(TestApp app, HttpMethod method, string template, string? jsonBody = null)
    {
        await ForbidsOtherUnitAsync(app, method, template, jsonBody);
        using var client = await FocalPointAsync(app);

        var own = await SendAsync(client, method, RouteSamples.Fill(template, UnitA), jsonBody);

        Assert.True(own.IsSuccessStatusCode, $"{method} {template} as a focal point of {UnitA} on its own unit: {(int)own.StatusCode}");
    }

    public static bool IsForbidden(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && TestApp.PathOf(response.Headers.Location) == "/account/denied");

    public static Task<HttpClient> FocalPointAsync(TestApp app) => app.SignInAsync($"scope-fp-{UnitA}", Roles.FocalPoint, UnitA);

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        return client.SendAsync(request);
    }
}
