using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Surveys.Portal;

/// <summary>Settings of the portal probe, section <c>Surveys:Portal</c>.</summary>
public sealed class PortalOptions : IValidatableObject
{
    public const string Section = "Surveys:Portal";

    /// <summary>How often the probe measures each portal; zero (the default) leaves the probe off.</summary>
    public TimeSpan ProbeEvery { get; set; } = TimeSpan.Zero;

    /// <summary>How long one request may take before it counts as a timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Hosts probed at the same time.</summary>
    [Range(1, 32)]
    public int ProbeParallel { get; set; } = 4;

    /// <summary>Whether portal addresses on loopback or private networks may be probed (tests; never in production).</summary>
    public bool AllowPrivateAddresses { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ProbeEvery != TimeSpan.Zero && (ProbeEvery < TimeSpan.FromMinutes(1) || ProbeEvery > TimeSpan.FromDays(7)))
        {
            yield return new ValidationResult("Surveys:Portal:ProbeEvery must be 00:00:00 (off) or between 00:01:00 and 7.00:00:00.", [nameof(ProbeEvery)]);
        }
    }
}
