using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Localization;
using Scalar.AspNetCore;

namespace OpenDvc.Platform.Web;

/// <summary>The web host's shared plumbing: pages, problem details, OpenAPI, localisation, health, security headers.</summary>
public static class WebModule
{
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => sp.GetService<AppSettings>()?.Time ?? TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpOrCliActor>();
        services.AddRazorPages(options => options.RootDirectory = "/");

        // Over HTTPS (Kestrel's own, or a proxy's X-Forwarded-Proto) the token cookie is Secure.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        // Vietnamese text is written as text, not as &#x...; entities: smaller pages, readable source.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<UnexpectedExceptionHandler>();
        services.AddValidation();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OpenDVC API";
            document.Info.Description = "Registry, dossier ledger and indicators of Vietnam's online public services programme.";
            return Task.CompletedTask;
        }));
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        // Capabilities name the pages they let it keep (Indicators/PublicPageCache).
        services.AddOutputCache();
        builder.AddLocalizationSupport();
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // Headers set as the response starts, so every answer has them, errors too: the exception handler clears the
        // headers before it writes its problem, and status-code pages and short-circuiting middleware never run what
        // follows them. Server-Timing (W3C): the time from the request entering the app to its headers leaving, so a
        // browser's developer tools, a load test or the `dashboard` benchmark sees server time apart from the network.
        var hsts = !app.Environment.IsDevelopment();
        app.Use((context, next) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            context.Response.OnStarting(() =>
            {
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                context.Response.Headers["Server-Timing"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"app;dur={elapsed:F2}");
                AddSecurityHeaders(context, hsts);
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // After localisation (the language is part of a cached page's key) and authentication (signed-in users are
        // never served from the cache).
        app.UseOutputCache();
        return app;
    }

    private static void AddSecurityHeaders(HttpContext context, bool hsts)
    {
        var headers = context.Response.Headers;

        // RFC 6797: only on HTTPS answers (after forwarded headers, so a TLS proxy counts); a year, without subdomains,
        // which the programme's other hosts under gov.vn may not all serve over HTTPS. Not in Development, where
        // https://localhost would remember it for every local app.
        if (hsts && context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }

        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        if (!context.Request.Path.StartsWithSegments("/scalar"))
        {
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
        }
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar", options => options.WithTitle("OpenDVC API"));
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString().ToLowerInvariant(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description }),
                });
            },
        });
        app.MapLanguageSwitch();
        app.MapRazorPages();
        return app;
    }
}
