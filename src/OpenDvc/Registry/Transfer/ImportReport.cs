using OpenDvc.Platform.Refusals;

namespace OpenDvc.Registry.Transfer;

/// <summary>
/// One wrong cell of an imported file: its row as a spreadsheet numbers it (the header is row 1), its column,
/// the value found, and a stable code with the message in Vietnamese and English. Row 0 is the file as a whole.
/// </summary>
public sealed record ImportError(int Row, string Column, string? Value, string Code, string MessageVi, string MessageEn)
{
    /// <summary>The cell refused for <paramref name="refusal"/>'s code and messages.</summary>
    /// <remarks>A factory, not a second constructor: System.Text.Json reads an import report back only through one.</remarks>
    public static ImportError Of(int row, string column, string? value, Refusal refusal) =>
        new(row, column, value, refusal.Code, refusal.Vietnamese, refusal.English);
}

/// <summary>
/// What an import did: all rows written, or (when <see cref="Errors"/> is not empty) nothing written at all.
/// A dry run checks everything and writes nothing.
/// </summary>
public sealed record ImportReport(string Table, int Rows, int Created, int Updated, int Unchanged, bool DryRun, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static ImportReport Failed(string table, int rows, IReadOnlyList<ImportError> errors) => new(table, rows, 0, 0, 0, false, errors);
}
