using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Net.Http.Headers;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;

namespace OpenDvc.Platform.Files;

/// <summary>Why an upload was refused: a stable code, the HTTP status and the message in both languages.</summary>
public sealed record FileRejection(int Status, string Code, string Vietnamese, string English)
{
    public static FileRejection TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge, "OD-FILE-TOO-LARGE",
        $"Tệp quá lớn (tối đa {maxBytes / (1024.0 * 1024):0.#} MB).", $"The file is too large (at most {maxBytes / (1024.0 * 1024):0.#} MB).");

    public static readonly FileRejection Type = new(StatusCodes.Status415UnsupportedMediaType, "OD-FILE-TYPE",
        "Loại tệp không được nhận (PDF, Word, Excel, OpenDocument, ZIP, PNG, JPEG).", "This kind of file is not accepted (PDF, Word, Excel, OpenDocument, ZIP, PNG, JPEG).");

    public static readonly FileRejection NotPdf = new(StatusCodes.Status415UnsupportedMediaType, "OD-FILE-NOT-PDF",
        "Văn bản phải là tệp PDF.", "The letter must be a PDF file.");
}

/// <summary>What a download needs to know of a stored file, without its content.</summary>
public sealed record StoredFileInfo(int Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>
/// The one place uploaded files are checked, kept and sent back (directive letters, submission documents, nomination
/// attachments): size-limited by the caller's configured limit, the type told by the content's first bytes (never by
/// the name or the browser's word for it), stored in the database so a backup holds them, and streamed out of the
/// database on download rather than read whole into memory.
/// </summary>
public sealed class FileStore(OpenDvcDbContext db, TimeProvider time, ICurrentActor actor)
{
    private static readonly (string ContentType, byte[] Magic)[] Known =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("application/zip", [0x50, 0x4B, 0x03, 0x04]),
        ("application/x-ole-storage", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    /// <summary>Reads and checks an upload of at most <paramref name="maxBytes"/>; adds it (unsaved) to the context, or says why not.</summary>
    public async Task<(StoredFile? File, FileRejection? Error)> AddAsync(IFormFile upload, long maxBytes, bool pdfOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length > maxBytes)
        {
            return (null, FileRejection.TooLarge(maxBytes));
        }

        // The upload is bounded by the limit just checked; EF Core writes a column from an array.
        var bytes = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }

        var type = Known.FirstOrDefault(k => bytes.AsSpan().StartsWith(k.Magic)).ContentType;
        if (type is null || (pdfOnly && type != "application/pdf"))
        {
            return (null, pdfOnly ? FileRejection.NotPdf : FileRejection.Type);
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

    /// <summary>A stored file's name, type and size, without reading its content.</summary>
    public Task<StoredFileInfo?> InfoAsync(int? fileId, CancellationToken ct) =>
        fileId is null
            ? Task.FromResult<StoredFileInfo?>(null)
            : db.Set<StoredFile>().AsNoTracking().Where(f => f.Id == fileId)
                .Select(f => new StoredFileInfo(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt, f.UploadedBy)).SingleOrDefaultAsync(ct);

    /// <summary>Sends a stored file as an attachment, streamed from the database in chunks.</summary>
    public IResult Download(StoredFileInfo file) => new StreamedFile(db, file);

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
        ".pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".odt" => "application/vnd.oasis.opendocument.text",
        ".ods" => "application/vnd.oasis.opendocument.spreadsheet",
        _ => "application/zip",
    };

    /// <summary>
    /// Reads the content column with <see cref="CommandBehavior.SequentialAccess"/> and copies it to the response:
    /// Npgsql then reads the value off the wire as it goes, and Microsoft.Data.Sqlite opens an incremental blob over the
    /// row (the query selects the row id for that), so a large file never sits whole in memory.
    /// </summary>
    private sealed class StreamedFile(OpenDvcDbContext db, StoredFileInfo file) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var entity = db.Model.FindEntityType(typeof(StoredFile))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            string Quoted(string property) => $"\"{entity.FindProperty(property)!.GetColumnName(table)}\"";
            var sql = $"SELECT {Quoted(nameof(StoredFile.Id))}, {Quoted(nameof(StoredFile.Content))} FROM \"{table.Name}\" WHERE {Quoted(nameof(StoredFile.Id))} = @id";

            var response = httpContext.Response;
            response.ContentType = file.ContentType;
            response.ContentLength = file.Size;
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(file.FileName);
            response.Headers.ContentDisposition = disposition.ToString();

            var ct = httpContext.RequestAborted;
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = sql;
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                var id = command.CreateParameter();
                id.ParameterName = "@id";
                id.Value = file.Id;
                command.Parameters.Add(id);
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct);
                if (await reader.ReadAsync(ct))
                {
                    _ = reader.GetInt32(0);
                    await using var content = reader.GetStream(1);
                    await content.CopyToAsync(response.Body, 64 * 1024, ct);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
