using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Surveys;

/// <summary>Settings of the surveys, section <c>Surveys</c>.</summary>
public sealed class SurveysOptions
{
    public const string Section = "Surveys";

    /// <summary>Public answers taken from one client address (IPv6: one /64) per window.</summary>
    [Range(1, 100_000)]
    public int PublicAnswersPerClient { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan PublicAnswerWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Client addresses remembered by the limit (the oldest are dropped first).</summary>
    [Range(100, 1_000_000)]
    public int TrackedClients { get; set; } = 10_000;
}
