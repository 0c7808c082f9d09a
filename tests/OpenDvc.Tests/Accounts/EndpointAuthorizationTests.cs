using System.Net;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using OpenDvc.Accounts.Users;
using OpenDvc.Tests.Platform;

namespace OpenDvc.Tests.Accounts;

/// <summary>
/// Every endpoint of the running app, found through its <see cref="EndpointDataSource"/>, so endpoints added later
/// by any capability are checked without anyone remembering to: anonymous callers are refused everywhere except
/// on <see cref="PublicEndpoints"/>; every non-GET API endpoint refuses anonymous callers and viewers; every GET
/// endpoint with a unit in its route refuses a focal point of another unit.
/// </summary>
public sealed class EndpointAuthorizationTests(SqliteApp fixture) : AppTests<SqliteApp>(fixture)
{
    /// <summary>
    /// THE PUBLIC ALLOWLIST: what anyone may call without signing in. Keep it small and explicit; adding a line here
    /// is a decision to publish something. Templates as declared (leading slash, no trailing one); "*" ends a prefix.
    /// - the public registry, pages and GET APIs: units, procedures, online services and the calendar are open data
    ///   (focal point contacts are hidden from anonymous callers inside those endpoints);
    /// - signing in and out: the login and denied pages; GET /account/logout only redirects home (sign-out is a POST
    ///   with the anti-forgery token, see SecurityTests);
    /// - the language switch (GET /language: a cookie with the display language, then back to a local path; a link, not a
    ///   form, so public pages can be cached whole, see Indicators/PublicPageCache);
    /// - operations and documentation: /healthz, the OpenAPI document and the Scalar reference;
    /// - the programme's indicators (issue 4): the national dashboard, the methodology, each unit's and service's
    ///   indicator pages (with the unit's data-quality scorecard, docs/data-quality.md), their monthly report packs (PDF), rankings and the indicator API. They are aggregate counts from rollups (no dossier, no
    ///   person), the figures the national portal itself publishes, so they are open data by decision;
    /// - the published results of the excellent online services awards (published campaigns only: winners, their
    ///   frozen evidence and scores, the rubric and the rules; never nominations, drafts or scores in progress);
    /// - published directives, their signed letters and the targets they set for plans, as the agency publishes them (drafts answer 404 to the public
    ///   inside those endpoints; submissions are never public, see Directives/DirectivesAuthorizationTests);
    /// - the units' incentive policies in force on a day, as the agency's letters quote them (the public sees only those
    ///   in force, today unless it asks for a day; writing them needs a focal point or an admin, see
    ///   Directives/IncentivePoliciesTests);
    /// - a public survey's questionnaire and its answer form, found only through the survey's unguessable link (drafts
    ///   answer 404; one answer per token, rate-limited per address, see Surveys/SurveyAnswersTests).
    /// </summary>
    public static readonly (string Method, string Template)[] PublicEndpoints =
    [
        ("GET", "/"),
        ("GET", "/account/login"),
        ("GET", "/account/denied"),
        ("GET", "/account/logout"),
        ("GET", "/language"),
        ("GET", "/units"),
        ("GET", "/units/{code}"),
        ("GET", "/procedures"),
        ("GET", "/procedures/{code}"),
        ("GET", "/services"),
        ("GET", "/calendar"),
        ("GET", "/api/v1/units"),
        ("GET", "/api/v1/units/export"),
        ("GET", "/api/v1/units/{code}"),
        ("GET", "/api/v1/procedures"),
        ("GET", "/api/v1/procedures/export"),
        ("GET", "/api/v1/procedures/{code}"),
        ("GET", "/api/v1/services"),
        ("GET", "/api/v1/services/export"),
        ("GET", "/api/v1/calendar/{year:int}"),
        ("GET", "/api/v1/calendar/working-days"),
        ("GET", "/dashboard"),
        ("GET", "/indicators/methodology"),
        ("GET", "/indicators/units/{code}"),
        ("GET", "/indicators/units/{code}/services/{procedure}"),
        ("GET", "/indicators/units/{code}/report.pdf"),
        ("GET", "/indicators/report.pdf"),
        ("GET", "/api/v1/indicators"),
        ("GET", "/api/v1/indicators/trend"),
        ("GET", "/api/v1/indicators/definitions"),
        ("GET", "/api/v1/indicators/headline"),
        ("GET", "/api/v1/indicators/declared"),
        ("GET", "/api/v1/indicators/units/{unit}/services"),
        ("GET", "/api/v1/indicators/units/{unit}/quality"),
        ("GET", "/api/v1/indicators/rankings"),
        ("GET", "/api/v1/indicators/rankings/export"),
        ("GET", "/api/v1/indicators/savings"),
        ("GET", "/api/v1/indicators/editions"),
        ("GET", "/api/v1/indicators/editions/{id:int}"),
        ("GET", "/api/v1/indicators/editions/{id:int}/export"),
        ("GET", "/awards/winners"),
        ("GET", "/api/v1/awards/results"),
        ("GET", "/api/v1/awards/results/certificates/{id:int}"),
        ("GET", "/directives"),
        ("GET", "/directives/{id:int}"),
        ("GET", "/api/v1/directives"),
        ("GET", "/api/v1/directives/export"),
        ("GET", "/api/v1/directives/{id:int}"),
        ("GET", "/api/v1/directives/{id:int}/targets"),
        ("GET", "/api/v1/directives/{id:int}/letter"),
        ("GET", "/incentives"),
        ("GET", "/api/v1/incentive-policies"),
        ("GET", "/api/v1/incentive-policies/export"),
        ("GET", "/surveys/answer/{key}"),
        ("POST", "/surveys/answer/{key}"),
        ("GET", "/api/v1/surveys/public/{key}"),
        ("POST", "/api/v1/surveys/public/{key}/answers"),
        ("GET", "/healthz"),
        ("GET", "/openapi/*"),
        ("GET", "/scalar*"),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_app_has_the_endpoints_this_test_is_meant_to_cover()
    {
        var all = Endpoints(App).Select(e => $"{e.Method} {e.Template}").ToList();

        Assert.Contains("GET /admin/audit", all);
        Assert.Contains("POST /api/v1/admin/users", all);
        Assert.Contains("DELETE /api/v1/keys/{id:int}", all);
        Assert.Contains("GET /api/v1/units/{code}", all);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_everywhere_but_the_public_allowlist()
    {
        using var client = App.Anonymous();
        var failures = new List<string>();

        foreach (var endpoint in Endpoints(App).Where(e => !IsPublic(e)))
        {
            var response = await UnitScopeAssertions.SendAsync(client, new HttpMethod(endpoint.Method), endpoint.Path, endpoint.Method == "GET" ? null : "{}", endpoint.ContentType);
            var refused = endpoint.IsApi
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && TestApp.PathOf(response.Headers.Location) == "/account/login";
            if (!refused)
            {
                failures.Add($"{endpoint.Method} {endpoint.Template} ({endpoint.Path}): {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, "Open to anonymous callers but not in PublicEndpoints:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_api_write_refuses_anonymous_callers_and_viewers()
    {
        using var anonymous = App.Anonymous();
        using var viewer = await App.SignInAsync("endpoint-viewer", Roles.Viewer);
        var writes = Endpoints(App).Where(e => e.IsApi && e.Method != "GET" && !IsPublic(e)).ToList();
        var failures = new List<string>();

        foreach (var endpoint in writes)
        {
            var asAnonymous = await UnitScopeAssertions.SendAsync(anonymous, new HttpMethod(endpoint.Method), endpoint.Path, "{}", endpoint.ContentType);
            var asViewer = await UnitScopeAssertions.SendAsync(viewer, new HttpMethod(endpoint.Method), endpoint.Path, "{}", endpoint.ContentType);
            if (asAnonymous.StatusCode != HttpStatusCode.Unauthorized || asViewer.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized))
            {
                failures.Add($"{endpoint.Method} {endpoint.Template}: anonymous {(int)asAnonymous.StatusCode}, viewer {(int)asViewer.StatusCode}");
            }
        }

        Assert.NotEmpty(writes);
        Assert.True(failures.Count == 0, "API writes not refused before the body is read (use AccountsModule.EditPolicy or AdminPolicy):\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_unit_scoped_read_refuses_a_focal_point_of_another_unit()
    {
        var scoped = Endpoints(App).Where(e => e.Method == "GET" && !IsPublic(e) && e.HasUnit).ToList();

        foreach (var endpoint in scoped)
        {
            await UnitScopeAssertions.ForbidsOtherUnitAsync(App, HttpMethod.Get, endpoint.Template);
        }

        Assert.NotEmpty(scoped);
    }

    [Fact]
    public async Task Focal_point_lists_its_own_units_keys_only()
    {
        await UnitScopeAssertions.ConfinesFocalPointToOwnUnitAsync(App, HttpMethod.Get, "/api/v1/units/{unit}/keys");
    }

    [Fact]
    public async Task Admin_only_api_refuses_a_reviewer_and_a_focal_point()
    {
        using var reviewer = await App.SignInAsync("endpoint-reviewer", Roles.Reviewer);
        using var focalPoint = await UnitScopeAssertions.FocalPointAsync(App);

        foreach (var path in new[] { "/api/v1/audit", "/api/v1/admin/users", "/api/v1/keys" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(path, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await focalPoint.GetAsync(path, Ct)).StatusCode);
        }
    }

    private static bool IsPublic(EndpointUnderTest endpoint) =>
        PublicEndpoints.Any(p => p.Method == endpoint.Method
            && (p.Template.EndsWith('*') ? endpoint.Template.StartsWith(p.Template[..^1], StringComparison.Ordinal) : p.Template == endpoint.Template));

    /// <param name="ContentType">What the endpoint accepts (an upload takes multipart/form-data), so routing does not answer 415 before authorization is asked.</param>
    public sealed record EndpointUnderTest(string Method, string Template, string Path, bool IsApi, bool HasUnit, string ContentType);

    /// <summary>Every routed endpoint with each of its methods; Razor pages count as GET (their POST handlers are forms, see SecurityTests).</summary>
    public static IReadOnlyList<EndpointUnderTest> Endpoints(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var isPage = endpoint.Metadata.GetMetadata<ActionDescriptor>() is PageActionDescriptor;
                var methods = isPage ? ["GET"] : endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var template = RouteSamples.Normalize(endpoint.RoutePattern.RawText);
                return methods.Where(m => m is not ("HEAD" or "OPTIONS")).Select(method => new EndpointUnderTest(
                    method,
                    template,
                    RouteSamples.Fill(endpoint.RoutePattern, UnitScopeAssertions.UnitB),
                    template.StartsWith("/api/", StringComparison.Ordinal),
                    RouteSamples.HasUnitParameter(endpoint.RoutePattern),
                    endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is [var accepted, ..] ? accepted : "application/json"));
            })
            .DistinctBy(e => (e.Method, e.Template))
            .OrderBy(e => e.Template, StringComparer.Ordinal)
            .ToList();
}
