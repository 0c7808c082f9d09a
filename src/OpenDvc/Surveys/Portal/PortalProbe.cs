using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Time;

namespace OpenDvc.Surveys.Portal;

/// <summary>
/// Measures units' portals: one GET of the portal address, timed to the answer's headers (the body is never read),
/// with a timeout; the outcome is stored whatever happens. Never throws for a portal's failure.
/// </summary>
public sealed class PortalProber(IHttpClientFactory clients, IServiceScopeFactory scopes, IOptions<PortalOptions> options, TimeProvider time, ILogger<PortalProber> logger)
{
    public const string Client = "portal-probe";

    /// <summary>One request to <paramref name="url"/>: its outcome, status and milliseconds (not stored).</summary>
    public async Task<(ProbeOutcome Outcome, int? StatusCode, int Milliseconds)> MeasureAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.ProbeTimeout);
        var watch = Stopwatch.StartNew();
        ProbeOutcome outcome;
        int? status = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await clients.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            outcome = status < 400 ? ProbeOutcome.Up : ProbeOutcome.HttpError;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome = ProbeOutcome.Timeout;
        }
        catch (HttpRequestException e) when (e.InnerException is PrivateAddressException)
        {
            outcome = ProbeOutcome.Blocked;
        }
        catch (HttpRequestException)
        {
            outcome = ProbeOutcome.Unreachable;
        }

        return (outcome, status, (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds));
    }

    /// <summary>
    /// Probes every portal whose probe is on, one request per host (name and port) whose last probe is older than
    /// <paramref name="gap"/>; units sharing a host share the measurement. Returns the requests made.
    /// </summary>
    public async Task<int> ProbeDueAsync(TimeSpan gap, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        var portals = await db.Set<UnitPortal>().AsNoTracking().Where(p => p.Probe).ToListAsync(ct);
        var last = await db.Set<PortalProbeResult>().GroupBy(r => r.UnitCode).Select(g => new { Unit = g.Key, At = g.Max(r => r.At) }).ToListAsync(ct);
        var lastAt = last.ToDictionary(l => l.Unit, l => l.At);
        var now = time.GetUtcNow();
        var due = portals
            .Select(p => (Portal: p, Uri: Uri.TryCreate(p.Url, UriKind.Absolute, out var uri) ? uri : null))
            .Where(p => p.Uri is not null)
            .GroupBy(p => p.Uri!.Authority.ToUpperInvariant())
            .Where(g => g.All(p => !lastAt.TryGetValue(p.Portal.UnitCode, out var at) || now - at >= gap))
            .ToList();

        var results = new ConcurrentBag<PortalProbeResult>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ProbeParallel, CancellationToken = ct }, async (host, token) =>
        {
            var at = time.GetUtcNow();
            var (outcome, status, ms) = await MeasureAsync(host.First().Uri!, token);
            foreach (var (portal, _) in host)
            {
                results.Add(new PortalProbeResult { UnitCode = portal.UnitCode, At = at, Outcome = outcome, StatusCode = status, Milliseconds = ms });
            }
        });

        db.AddRange(results);
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    /// <summary>Probes one unit's portal now, whatever its schedule, and stores the result (tests; an admin's check).</summary>
    public async Task<PortalProbeResult?> ProbeUnitAsync(string unit, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDvcDbContext>();
        if (await db.Set<UnitPortal>().AsNoTracking().SingleOrDefaultAsync(p => p.UnitCode == unit, ct) is not { } portal
            || !Uri.TryCreate(portal.Url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var at = time.GetUtcNow();
        var (outcome, status, ms) = await MeasureAsync(uri, ct);
        var result = new PortalProbeResult { UnitCode = unit, At = at, Outcome = outcome, StatusCode = status, Milliseconds = ms };
        db.Add(result);
        await db.SaveChangesAsync(ct);
        logger.LogDebug("Probed {Unit}: {Outcome} {Status} in {Ms} ms", unit, outcome, status, ms);
        return result;
    }

    /// <summary>
    /// Opens the probe's connections: resolves the name and, unless private addresses are allowed, connects only to
    /// public ones, so a portal address cannot make the server reach into its own network (checked after resolution,
    /// so a name that changes its address between checks gains nothing).
    /// </summary>
    public static SocketsHttpHandler Handler(bool allowPrivateAddresses) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            var allowed = addresses.Where(a => allowPrivateAddresses || IsPublic(a)).ToArray();
            if (allowed.Length == 0)
            {
                throw new PrivateAddressException(context.DnsEndPoint.Host);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Whether an address is on the public internet: not loopback, private, link-local, shared or unique-local.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 || b[0] >= 224 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] is >= 64 and <= 127));
        }

        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC);
    }
}

/// <summary>The portal's name resolves only to addresses the probe may not reach.</summary>
public sealed class PrivateAddressException(string host) : IOException($"{host} resolves only to private addresses");

/// <summary>A unit's probe figures for a quarter: uptime, and latency percentiles of the answered (up) probes.</summary>
public sealed record ProbeStats(string Quarter, int Probes, int Up, decimal? Uptime, int? P50, int? P95, int? P99, IReadOnlyDictionary<ProbeOutcome, int> Outcomes)
{
    public static ProbeStats Of(string quarter, IReadOnlyCollection<(ProbeOutcome Outcome, int Milliseconds)> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var up = probes.Where(p => p.Outcome == ProbeOutcome.Up).Select(p => p.Milliseconds).Order().ToList();
        return new(quarter, probes.Count, up.Count, probes.Count == 0 ? null : Math.Round((decimal)up.Count / probes.Count, 4),
            Percentile(up, 0.50), Percentile(up, 0.95), Percentile(up, 0.99),
            probes.GroupBy(p => p.Outcome).ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static int? Percentile(IReadOnlyList<int> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>Reads the probe history: a quarter's figures per unit, and a unit's latest results.</summary>
public sealed class ProbeHistory(OpenDvcDbContext db)
{
    /// <summary>Each unit's figures for the quarter (Vietnam time), for the units that have probes in it.</summary>
    public async Task<IReadOnlyDictionary<string, ProbeStats>> QuarterAsync(Quarter quarter, string? unit, CancellationToken ct)
    {
        var (from, to) = Bounds(quarter);
        var rows = await db.Set<PortalProbeResult>().AsNoTracking().Where(r => r.At >= from && r.At < to && (unit == null || r.UnitCode == unit))
            .Select(r => new { r.UnitCode, r.Outcome, r.Milliseconds }).ToListAsync(ct);
        return rows.GroupBy(r => r.UnitCode).ToDictionary(g => g.Key, g => ProbeStats.Of(quarter.ToString(), g.Select(r => (r.Outcome, r.Milliseconds)).ToList()));
    }

    /// <summary>The quarter's first and last instants (Vietnam days), in UTC as PostgreSQL takes them.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Bounds(Quarter quarter) =>
        (VietnamTime.StartOfDay(quarter.FirstDay).ToUniversalTime(), VietnamTime.StartOfDay(quarter.LastDay.AddDays(1)).ToUniversalTime());

    public async Task<IReadOnlyList<PortalProbeResult>> LatestAsync(string unit, int count, CancellationToken ct) =>
        await db.Set<PortalProbeResult>().AsNoTracking().Where(r => r.UnitCode == unit).OrderByDescending(r => r.At).Take(count).ToListAsync(ct);
}

/// <summary>Runs the probe every <see cref="PortalOptions.ProbeEvery"/> (registered only when it is not zero).</summary>
internal sealed class PortalProbeService(PortalProber prober, IOptions<PortalOptions> options, TimeProvider time, ILogger<PortalProbeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.ProbeEvery;
        using var timer = new PeriodicTimer(every, time);
        do
        {
            try
            {
                var requests = await prober.ProbeDueAsync(every, stoppingToken);
                logger.LogInformation("Portal probe: {Requests} hosts measured", requests);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or IOException)
            {
                logger.LogWarning(e, "Portal probe run failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
