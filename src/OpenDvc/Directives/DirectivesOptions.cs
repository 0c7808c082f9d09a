using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Directives;

/// <summary>Settings of the directives capability, section <c>Directives</c> (SMTP secrets from the environment or user-secrets).</summary>
public sealed class DirectivesOptions
{
    public const string Section = "Directives";

    /// <summary>Largest uploaded file (letters, documents, catalogs), in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Days relative to the due date on which reminders go out (negative: before).</summary>
    [MinLength(1)]
    public int[] ReminderOffsets { get; set; } = [-7, -1, 1, 7];

    /// <summary>A reminder missed (the service was down) is still sent this many days late, never later.</summary>
    [Range(0, 30)]
    public int ReminderCatchUpDays { get; set; } = 3;

    /// <summary>How often the reminder service looks for reminders to send.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A monthly report whose own total differs from the ledger by more than this share is flagged (our choice).</summary>
    [Range(0, 100)]
    public decimal LargeDifferencePercent { get; set; } = 10;

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP server reminders go through; without a host, reminders stay in the outbox (development).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string From { get; set; } = "no-reply@opendvc.gov.vn";

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
