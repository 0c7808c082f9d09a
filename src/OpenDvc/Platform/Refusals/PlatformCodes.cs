using static Microsoft.AspNetCore.Http.StatusCodes;

namespace OpenDvc.Platform.Refusals;

/// <summary>Refusal codes every capability shares: access, requests, files, exports, the CLI.</summary>
public static class PlatformCodes
{
    /// <summary>The caller may not touch this unit's data.</summary>
    [RefusedWith(Status403Forbidden)] public const string Forbidden = "OD-FORBIDDEN";

    /// <summary>No unit with this code (404 when asked for, 422 when an input names it); here because every capability names units.</summary>
    [RefusedWith(Status404NotFound)] public const string UnitUnknown = "OD-UNIT-UNKNOWN";

    /// <summary>A request body over Kestrel's limit.</summary>
    [RefusedWith(Status413PayloadTooLarge)] public const string BodyTooLarge = "OD-BODY-TOO-LARGE";

    /// <summary>A request Kestrel could not read.</summary>
    [RefusedWith(Status400BadRequest)] public const string BadRequest = "OD-BAD-REQUEST";

    /// <summary>An unexpected failure, told without internals.</summary>
    [RefusedWith(Status500InternalServerError)] public const string Internal = "OD-INTERNAL";

    /// <summary>An upload over the caller's size limit.</summary>
    [RefusedWith(Status413PayloadTooLarge)] public const string FileTooLarge = "OD-FILE-TOO-LARGE";

    /// <summary>An upload whose first bytes are not of an accepted kind.</summary>
    [RefusedWith(Status415UnsupportedMediaType)] public const string FileType = "OD-FILE-TYPE";

    /// <summary>A letter that is not a PDF.</summary>
    [RefusedWith(Status415UnsupportedMediaType)] public const string FileNotPdf = "OD-FILE-NOT-PDF";

    /// <summary>No file sent or chosen (one code for every upload and import; OD-FILE-MISSING was merged into it).</summary>
    [RefusedWith(Status400BadRequest)] public const string NoFile = "OD-IMPORT-NO-FILE";

    /// <summary>An export format other than xlsx, csv or pdf.</summary>
    [RefusedWith(Status400BadRequest)] public const string ExportFormat = "OD-EXPORT-FORMAT";

    /// <summary>The CLI's web address is taken.</summary>
    [RefusedWith(Status500InternalServerError)] public const string AddressInUse = "OD-ADDRESS-IN-USE";

    /// <summary>The CLI cannot reach its database.</summary>
    [RefusedWith(Status503ServiceUnavailable)] public const string DatabaseUnavailable = "OD-DATABASE-UNAVAILABLE";
}
