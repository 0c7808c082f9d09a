using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;

namespace OpenDvc.Indicators;

/// <summary>
/// Public pages of figures (the national dashboard, the methodology, each unit's and service's indicators) and the
/// public indicator API's GET answers (values, trend, services, savings, rankings, editions) are kept whole, as
/// rendered, for anonymous visitors: the same page for everyone who asks the same question in the same
/// language, so a crowd on results day costs one rendering. Signed-in users are never served from it (the output
/// cache's default policy skips authenticated requests; their pages carry live figures and anti-forgery tokens).
/// The key holds the path, every query value, the display language and <see cref="DataChanges.Generation"/>: an
/// ingest batch, a published edition or a registry edit starts a new generation, so nothing computed before it is
/// served after it; a page that was being rendered while the data changed is stored under the old generation, which
/// nobody asks for again. Vietnam's date is in the key too (pending dossiers fall overdue at midnight); entries expire
/// after five minutes, and the cache's own size limit bounds its memory.
/// </summary>
public static class PublicPageCache
{
    public const string Policy = "public-figures";

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services)
    {
        // The output cache itself is Platform's (Platform/Web/WebModule); this capability names what it may keep.
        services.AddOutputCache(options => options.AddPolicy(Policy, policy => policy
            .Expire(TimeSpan.FromMinutes(5))
            .SetVaryByQuery("*")
            .VaryByValue(context => new("culture", CultureInfo.CurrentUICulture.Name))
            .VaryByValue(context => new("data", DataVersion(context.RequestServices)))));
        return services;
    }

    // The generation of the data and Vietnam's date: pending dossiers fall overdue when the day changes.
    private static string DataVersion(IServiceProvider services) =>
        string.Create(CultureInfo.InvariantCulture, $"{services.GetRequiredService<DataChanges>().Generation}@{VietnamTime.DateOf(services.GetRequiredService<TimeProvider>().GetUtcNow()):yyyy-MM-dd}");
}
