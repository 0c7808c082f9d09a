using System.Data;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Net.Http.Headers;
using OpenDvc.Platform.Audit;
using OpenDvc.Platform.Database;
using OpenDvc.Platform.Refusals;

namespace OpenDvc.Platform.Files;

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
    private const string Pdf = "application/pdf";

    /// <summary>A kind of file accepted: its type, the extensions it is saved under (the first when the name has none of them).</summary>
    private sealed record Kind(string ContentType, params string[] Extensions);

    private static readonly Kind[] Kinds =
    [
        new(Pdf, ".pdf"),
        new("image/png", ".png"),
        new("image/jpeg", ".jpg", ".jpeg"),
        new("application/zip", ".zip"),
        new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
        new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
        new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
        new("application/vnd.oasis.opendocument.text", ".odt"),
        new("application/vnd.oasis.opendocument.spreadsheet", ".ods"),
        new("application/msword", ".doc"),
        new("application/vnd.ms-excel", ".xls"),
        new("application/vnd.ms-powerpoint", ".ppt"),
    ];

    /// <summary>Reads and checks an upload of at most <paramref name="maxBytes"/>; adds it (unsaved) to the context, or says why not.</summary>
    public async Task<Outcome<StoredFile>> AddAsync(IFormFile upload, long maxBytes, bool pdfOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length > maxBytes)
        {
            return Refusal.Of(PlatformCodes.FileTooLarge, maxBytes / (1024.0 * 1024));
        }

        // The upload is bounded by the limit just checked; EF Core writes a column from an array.
        var bytes = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }

        var type = ContentTypeOf(bytes);
        if (type is null || (pdfOnly && type != Pdf))
        {
            return Refusal.Of(pdfOnly ? PlatformCodes.FileNotPdf : PlatformCodes.FileType);
        }

        var file = new StoredFile
        {
            FileName = SafeName(upload.FileName, type),
            ContentType = type,
            Size = bytes.Length,
            Content = bytes,
            UploadedAt = time.GetUtcNow(),
            UploadedBy = actor.Name,
        };
        db.Set<StoredFile>().Add(file);
        return file;
    }

    /// <summary>A stored file's name, type and size, without reading its content.</summary>
    public Task<StoredFileInfo?> InfoAsync(int? fileId, CancellationToken ct) =>
        fileId is null
            ? Task.FromResult<StoredFileInfo?>(null)
            : db.Set<StoredFile>().AsNoTracking().Where(f => f.Id == fileId)
                .Select(f => new StoredFileInfo(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt, f.UploadedBy)).SingleOrDefaultAsync(ct);

    /// <summary>Sends a stored file as an attachment, streamed from the database in chunks.</summary>
    public IResult Download(StoredFileInfo file) => new StreamedFile(db, file);

    /// <summary>
    /// The name a file is kept and sent under: no folders, no control or formatting characters (the bidirectional
    /// overrides U+202A–U+202E, U+2066–U+2069 and marks U+200E, U+200F among them, which can show "invoice‮fdp.exe" as
    /// "invoiceexe.pdf"), and the extension of what the content is, whatever the upload was called.
    /// </summary>
    private static string SafeName(string name, string contentType)
    {
        var bare = Path.GetFileName(name.Replace('\\', '/'));
        var clean = new string(bare.Where(c => !Invisible(c) && c is not ('"' or '/' or ':' or '<' or '>' or '|' or '*' or '?')).ToArray()).Trim();
        if (Kinds.FirstOrDefault(k => k.ContentType == contentType) is not { } kind
            || kind.Extensions.Contains(Path.GetExtension(clean), StringComparer.OrdinalIgnoreCase))
        {
            return clean.Length == 0 ? "file" : clean[..Math.Min(clean.Length, 200)];
        }

        var stem = Path.GetFileNameWithoutExtension(clean).Trim();
        return (stem.Length == 0 ? "file" : stem[..Math.Min(stem.Length, 190)]) + kind.Extensions[0];
    }

    private static bool Invisible(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>What the content is, by its first bytes and, for zips and compound files, by what they hold; null when none of the accepted kinds.</summary>
    private static string? ContentTypeOf(byte[] bytes)
    {
        var content = bytes.AsSpan();
        return content switch
        {
            _ when content.StartsWith("%PDF-"u8) => Pdf,
            _ when content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) => "image/png",
            _ when content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) => "image/jpeg",
            _ when content.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) => ZipType(bytes),
            _ when content.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) => CompoundFileType(content),
            _ => null,
        };
    }

    /// <summary>Office Open XML and OpenDocument files are zips; the parts inside say which (ECMA-376, OASIS ODF 1.2 §3.3).</summary>
    private static string? ZipType(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            string? Has(string part, string type) => zip.GetEntry(part) is null ? null : type;
            return Has("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                ?? Has("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                ?? Has("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
                ?? OpenDocumentType(zip.GetEntry("mimetype"))
                ?? "application/zip";
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string? OpenDocumentType(ZipArchiveEntry? mimetype)
    {
        if (mimetype is null || mimetype.Length > 100)
        {
            return null;
        }

        using var reader = new StreamReader(mimetype.Open());
        var type = reader.ReadToEnd().Trim();
        return type is "application/vnd.oasis.opendocument.text" or "application/vnd.oasis.opendocument.spreadsheet" ? type : null;
    }

    /// <summary>
    /// Word 97–2003, Excel and PowerPoint files are compound files, told apart by their main stream's name (UTF-16 in
    /// the directory); any other compound file (an .msi installer, say) is refused.
    /// </summary>
    private static string? CompoundFileType(ReadOnlySpan<byte> content) =>
        content.IndexOf(Encoding.Unicode.GetBytes("WordDocument")) >= 0 ? "application/msword"
        : content.IndexOf(Encoding.Unicode.GetBytes("Workbook")) >= 0 ? "application/vnd.ms-excel"
        : content.IndexOf(Encoding.Unicode.GetBytes("PowerPoint Document")) >= 0 ? "application/vnd.ms-powerpoint"
        : null;

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
            // Names stored before they were cleaned are cleaned on the way out too.
            disposition.SetHttpFileName(SafeName(file.FileName, file.ContentType));
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
