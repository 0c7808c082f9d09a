using System.ComponentModel.DataAnnotations;

namespace OpenDvc.Awards;

/// <summary>Settings of the awards capability, section <c>Awards</c>.</summary>
public sealed class AwardsOptions
{
    public const string Section = "Awards";

    /// <summary>Largest file a unit may attach to a nomination, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;
}
