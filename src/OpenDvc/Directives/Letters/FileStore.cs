using Microsoft.Extensions.Options;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;

namespace OpenDvc.Directives.Letters;

/// <summary>
/// Checks and keeps uploaded files: size-limited, and the type told by the content's first bytes (never by the
/// name or the browser's word for it), stored in the database so a backup holds them.
/// </summary>
public sealed class FileStore(OpenDvcDbContext db, IOptions<DirectivesOptions> options, TimeProvider time, ICurrentActor actor)
{
    private static readonly (string ContentType, byte[] Magic)[] Known =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("application/zip", [0x50, 0x4B, 0x03, 0x04]),
        ("application/x-ole-storage", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    public long MaxBytes => options.Value.MaxFileBytes;

    /// <summary>Reads and checks an upload; adds it (unsaved) to the context, or says why not.</summary>
    public async Task<(StoredFile? File, WorkflowError? Error)> AddAsync(IFormFile upload, bool pdfOnly, CancellationToken ct)
    {
        if (upload.Length > options.Value.MaxFileBytes)
        {
            return (null, WorkflowError.FileTooLarge);
        }

        using var buffer = new MemoryStream();
        await using (var stream = upload.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, ct);
        }

        var bytes = buffer.ToArray();
        var type = Known.FirstOrDefault(k => bytes.AsSpan().StartsWith(k.Magic)).ContentType;
        if (type is null || (pdfOnly && type != "application/pdf"))
        {
            return (null, pdfOnly ? WorkflowError.NotPdf : WorkflowError.FileType);
        }

        var file = new StoredFile
        {
            FileName = SafeName(upload.FileName),
            ContentType = type == "application/zip" ? ZipType(upload.FileName) : type,
            Size = bytes.Length,
            Content = bytes,
            UploadedAt = time.GetUtcNow(),
            UploadedBy = actor.Name,
        };
        db.Set<StoredFile>().Add(file);
        return (file, null);
    }

    /// <summary>Streams a stored file as an attachment.</summary>
    public static IResult Download(StoredFile file) =>
        TypedResults.File(file.Content, file.ContentType, file.FileName);

    private static string SafeName(string name)
    {
        var bare = Path.GetFileName(name.Replace('\\', '/'));
        var clean = new string(bare.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':')).ToArray()).Trim();
        return clean.Length == 0 ? "file" : clean[..Math.Min(clean.Length, 200)];
    }

    /// <summary>Office and OpenDocument files are zips; their name says which, and the zip signature vouches it is one.</summary>
    private static string ZipType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".odt" => "application/vnd.oasis.opendocument.text",
        ".ods" => "application/vnd.oasis.opendocument.spreadsheet",
        _ => "application/zip",
    };
}
